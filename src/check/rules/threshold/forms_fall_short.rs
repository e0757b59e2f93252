//! HY0102 `forms-fall-short`: forms submitted fall short of the mandatory level.
//!
//! Documented in `docs/rules/HY0102.md`, which `hyoka explain HY0102` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// The forms submitted fall short of what is mandatory.
pub struct FormsFallShort;

rule_def! {
    FormsFallShort: "HY0102", "forms-fall-short", Error,
    "提出する評価書が義務に足りない",
    "forms submitted fall short of the mandatory level"
}

impl Check for FormsFallShort {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(d) = determination(ctx) else { return };
        let (level, path) = delivered(ctx);
        if !level.satisfies(d.required) {
            out.push(
                Finding::new(
                    Self::CODE,
                    path,
                    format!("提出する評価書（{}）が、義務付けられる評価（{}）に足りません", level.label(Lang::Ja), d.required.label(Lang::Ja)),
                    format!("the forms submitted ({}) fall short of the mandatory assessment ({})", level.label(Lang::En), d.required.label(Lang::En)),
                )
                .help("しきい値判断項目を見直すか、必要な評価書（forms と basic_risk.submitted_forms）を追加してください。", "review the threshold items, or add the required forms (forms and basic_risk.submitted_forms)"),
            );
        }
    }
}
