//! HY0501 `important-posterior-without-reason`: 事後 change to a ※ item without a reason.
//!
//! Documented in `docs/rules/HY0501.md`, which `hyoka explain HY0501` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// A 事後 change on a ※ item needs 提出時期に係る説明.
pub struct ImportantPosteriorWithoutReason;

rule_def! {
    ImportantPosteriorWithoutReason: "HY0501", "important-posterior-without-reason", Warning,
    "※項目の事後変更に説明がない",
    "事後 change to a ※ item without a reason"
}

impl Check for ImportantPosteriorWithoutReason {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let labels = important_labels(ctx);
        for (i, row) in ctx.a.history.iter().enumerate() {
            if row.timing != Timing::Posterior
                || row.reason.as_deref().is_some_and(|r| !r.trim().is_empty())
            {
                continue;
            }
            let item = fold_width(&row.item).replace(['\n', ' ', '　'], "");
            if let Some(hit) = labels
                .iter()
                .find(|l| item.contains(l.replace([' ', '　'], "").as_str()))
            {
                out.push(
                    Finding::new(
                        Self::CODE,
                        format!("/history/{i}/reason"),
                        format!("※の項目（{hit}）の変更を「事後」としていますが、提出時期に係る説明がありません"),
                        format!("a change to a ※ item ({hit}) is submitted 事後 (after the fact) without a reason"),
                    )
                    .help("重要な変更は原則「事前」です。事後とする理由を reason に記載するか、timing: prior としてください。", "important changes are normally 事前; give the reason in `reason`, or set timing: prior"),
                );
            }
        }
    }
}
