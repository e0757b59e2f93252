//! HY0303 `file-without-risk-measures`: a file without risk measures.
//!
//! Documented in `docs/rules/HY0303.md`, which `hyoka explain HY0303` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Every file has risk measures (様式3/4).
pub struct FileWithoutRiskMeasures;

rule_def! {
    FileWithoutRiskMeasures: "HY0303", "file-without-risk-measures", Error,
    "リスク対策のないファイル",
    "a file without risk measures"
}

impl Check for FileWithoutRiskMeasures {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let a = ctx.a;
        if a.forms
            .iter()
            .any(|f| matches!(f, FormKind::Key | FormKind::Full))
        {
            for (i, file) in a.files.iter().enumerate() {
                if !a.risk_measures.iter().any(|m| m.files.contains(&file.id)) {
                    out.push(
                        Finding::new(
                            Self::CODE,
                            format!("/files/{i}"),
                            format!("「{}」のリスク対策（Ⅲ）が記載されていません", file.name),
                            format!("no risk measures (Ⅲ) cover `{}`", file.name),
                        )
                        .help(
                            format!(
                                "risk_measures のいずれかの files に `{}` を加えてください。",
                                file.id
                            ),
                            format!("add `{}` to the files of a risk_measures entry", file.id),
                        ),
                    );
                }
            }
        }
    }
}
