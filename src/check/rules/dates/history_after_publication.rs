//! HY0403 `history-after-publication`: history row after publication.
//!
//! Documented in `docs/rules/HY0403.md`, which `hyoka explain HY0403` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// A history row dated after 公表日.
pub struct HistoryAfterPublication;

rule_def! {
    HistoryAfterPublication: "HY0403", "history-after-publication", Error,
    "変更日が公表日より後",
    "history row after publication"
}

impl Check for HistoryAfterPublication {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let h = &ctx.a.history;
        if let Some(published) = &ctx.a.cover.published {
            for (i, row) in h.iter().enumerate() {
                if row.date > *published {
                    out.push(Finding::new(
                        Self::CODE,
                        format!("/history/{i}/date"),
                        format!(
                            "変更日 {} が公表日 {} より後です",
                            row.date.wareki(),
                            published.wareki()
                        ),
                        format!(
                            "change dated {} is after publication on {}",
                            row.date.iso(),
                            published.iso()
                        ),
                    ));
                }
            }
        }
    }
}
