//! HY0502 `identical-before-after`: before and after identical.
//!
//! Documented in `docs/rules/HY0502.md`, which `hyoka explain HY0502` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// A row whose 変更前 and 変更後 are the same text.
pub struct IdenticalBeforeAfter;

rule_def! {
    IdenticalBeforeAfter: "HY0502", "identical-before-after", Warning,
    "変更前と変更後が同じ",
    "before and after identical"
}

impl Check for IdenticalBeforeAfter {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (i, row) in ctx.a.history.iter().enumerate() {
            if let (Some(b), Some(a)) = (&row.before, &row.after) {
                if !b.trim().is_empty() && b.trim() == a.trim() {
                    out.push(
                        Finding::new(
                            Self::CODE,
                            format!("/history/{i}/after"),
                            "変更前の記載と変更後の記載が同じです",
                            "before and after are identical",
                        )
                        .help(
                            "変更内容を記載するか、この行を削除してください。",
                            "describe the change, or remove the row",
                        ),
                    );
                }
            }
        }
    }
}
