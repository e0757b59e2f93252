//! HY0104 `forms-disagree`: 様式2 Ⅳ1 and `forms` disagree.
//!
//! Documented in `docs/rules/HY0104.md`, which `hyoka explain HY0104` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// 様式2 Ⅳ1 and the declared `forms` say different things.
pub struct FormsDisagree;

rule_def! {
    FormsDisagree: "HY0104", "forms-disagree", Error,
    "様式2 Ⅳ1 と作成する評価書が合わない",
    "様式2 Ⅳ1 and `forms` disagree"
}

impl Check for FormsDisagree {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(s) = ctx.a.basic_risk.as_ref().and_then(|r| r.submitted_forms) else {
            return;
        };
        let expected: &[FormKind] = match Level::of_submitted(s) {
            Level::BasicKey => &[FormKind::Key],
            Level::BasicFull => &[FormKind::Full],
            _ => &[],
        };
        let declared = &ctx.a.forms;
        let others: Vec<FormKind> = declared
            .iter()
            .copied()
            .filter(|f| *f != FormKind::Basic)
            .collect();
        if others.as_slice() != expected {
            out.push(Finding::new(
                Self::CODE,
                "/basic_risk/submitted_forms",
                format!(
                    "様式2 Ⅳ1 の「{}」と、作成する評価書（forms）が一致しません",
                    s.label()
                ),
                format!(
                    "様式2 Ⅳ1 says `{}`, but `forms` declares {:?}",
                    s.id(),
                    declared.iter().map(|f| f.id()).collect::<Vec<_>>()
                ),
            )
            .help(
                "様式2 Ⅳ1（basic_risk.submitted_forms）と forms に、同じ評価書の組み合わせを書いてください。",
                "make 様式2 Ⅳ1 (basic_risk.submitted_forms) and `forms` name the same forms",
            ));
        }
    }
}
