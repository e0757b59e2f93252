//! HY0405 `annual-review`: not reviewed for over a year.
//!
//! Documented in `docs/rules/HY0405.md`, which `hyoka explain HY0405` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// More than a year since the last review (見直し, an annual effort duty).
pub struct AnnualReview;

rule_def! {
    AnnualReview: "HY0405", "annual-review", Warning,
    "1年以上見直していない",
    "not reviewed for over a year"
}

impl Check for AnnualReview {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some((last, _)) = last_review(ctx) else {
            return;
        };
        let days = ctx.options.today.days_since_epoch() - last.days_since_epoch();
        if days > 365 {
            out.push(
                Finding::new(
                    Self::CODE,
                    "/cover/published",
                    format!("最後の見直し（{}）から1年以上経過しています（{}日）", last.wareki(), days),
                    format!("more than a year since the last review on {} ({days} days)", last.iso()),
                )
                .help("少なくとも年1回、記載内容が実態と合っているか見直し、変更があれば変更箇所に記録してください。見直して変更がなかったときは、cover の reviewed_on にその日付を書いてください（例: `reviewed_on: 令和7年4月1日`）。", "review the assessment at least once a year and record any change in the history; when a review finds nothing to change, write its date as cover.reviewed_on (e.g. `reviewed_on: 2025-04-01`)"),
            );
        }
    }
}
