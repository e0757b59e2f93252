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
    /// One finding per 変更日 (the rows of one revision share it), at its first row, with the
    /// fix: `history --write` appends a revision's rows dated after the old 公表日 until the
    /// author gives the new one.
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let h = &ctx.a.history;
        let Some(published) = &ctx.a.cover.published else {
            return;
        };
        // Rows per 変更日, counted once (a history may hold thousands of rows).
        let mut per_date: std::collections::BTreeMap<(i32, u32, u32), usize> = Default::default();
        for row in h.iter().filter(|r| r.date > *published) {
            *per_date.entry(row.date.ymd()).or_insert(0) += 1;
        }
        for (i, row) in h.iter().enumerate() {
            let Some(rows) = per_date.remove(&row.date.ymd()) else {
                continue;
            };
            out.push(
                Finding::new(
                    Self::CODE,
                    format!("/history/{i}/date"),
                    format!(
                        "変更日 {} の行（{rows} 行）が公表日 {} より後です",
                        row.date.wareki(),
                        published.wareki()
                    ),
                    format!(
                        "{rows} row(s) dated {} ({}) are after publication on {} ({})",
                        row.date.iso(),
                        row.date.wareki(),
                        published.iso(),
                        published.wareki()
                    ),
                )
                .help(
                    format!(
                        "この改版を公表する日を cover.published に書いてください（{} 以降）。hyoka history --write に --published {} を付けると、行の追記と同時に設定できます。",
                        row.date.wareki(),
                        row.date.wareki()
                    ),
                    format!(
                        "write the day this revision is published as cover.published (on or after {}); `hyoka history --write --published {}` sets it with the rows",
                        row.date.wareki(),
                        row.date.wareki()
                    ),
                ),
            );
        }
    }
}
