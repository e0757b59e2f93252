//! HY0406 `reassessment-due`: five-year re-assessment due.
//!
//! Documented in `docs/rules/HY0406.md`, which `hyoka explain HY0406` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// The 5-year re-assessment is due within six months, or overdue.
pub struct ReassessmentDue;

rule_def! {
    ReassessmentDue: "HY0406", "reassessment-due", Warning,
    "5年ごとの再評価の期限",
    "five-year re-assessment due"
}

impl Check for ReassessmentDue {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(last) = last_assessment(ctx) else {
            return;
        };
        let due =
            Date::from_ymd(last.year + 5, last.month, last.day.min(28)).unwrap_or(last.clone());
        let days_left = due.days_since_epoch() - ctx.options.today.days_since_epoch();
        if days_left <= 183 {
            let (ja, en) = if days_left < 0 {
                (
                    format!(
                        "前回の評価（{}）から5年を経過しています（期限 {}）",
                        last.wareki(),
                        due.wareki()
                    ),
                    format!(
                        "five years have passed since the last assessment on {} (due {})",
                        last.iso(),
                        due.iso()
                    ),
                )
            } else {
                (
                    format!(
                        "前回の評価（{}）から5年の再評価期限（{}）まで半年を切っています",
                        last.wareki(),
                        due.wareki()
                    ),
                    format!(
                        "the five-year re-assessment is due on {} (last on {}), within six months",
                        due.iso(),
                        last.iso()
                    ),
                )
            };
            out.push(Finding::new(Self::CODE, "/cover/published", ja, en).help(
                "5年ごとの再実施（努力義務）を計画してください。",
                "plan the five-yearly re-assessment (an effort duty)",
            ));
        }
    }
}
