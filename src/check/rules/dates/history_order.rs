//! HY0402 `history-order`: history out of date order.
//!
//! Documented in `docs/rules/HY0402.md`, which `hyoka explain HY0402` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// History rows out of date order.
pub struct HistoryOrder;

rule_def! {
    HistoryOrder: "HY0402", "history-order", Warning,
    "変更箇所が日付順でない",
    "history out of date order"
}

impl Check for HistoryOrder {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let h = &ctx.a.history;
        for i in 1..h.len() {
            if h[i].date < h[i - 1].date {
                out.push(
                    Finding::new(
                        Self::CODE,
                        format!("/history/{i}/date"),
                        format!(
                            "変更箇所の行が日付順ではありません（{} の後に {}）",
                            h[i - 1].date.wareki(),
                            h[i].date.wareki()
                        ),
                        format!(
                            "history rows are out of order ({} after {})",
                            h[i].date.iso(),
                            h[i - 1].date.iso()
                        ),
                    )
                    .help("変更日の古い順に並べてください。", "keep rows oldest first"),
                );
            }
        }
    }
}
