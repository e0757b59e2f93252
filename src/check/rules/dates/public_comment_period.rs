//! HY0407 `public-comment-period`: public comment under 30 days without a reason.
//!
//! Documented in `docs/rules/HY0407.md`, which `hyoka explain HY0407` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Public comment shorter than 30 days without a stated reason.
pub struct PublicCommentPeriod;

rule_def! {
    PublicCommentPeriod: "HY0407", "public-comment-period", Warning,
    "意見聴取が30日未満で理由なし",
    "public comment under 30 days without a reason"
}

impl Check for PublicCommentPeriod {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(pc) = ctx
            .a
            .procedure
            .as_ref()
            .and_then(|p| p.public_comment.as_ref())
        else {
            return;
        };
        let (Some(start), Some(end)) = (&pc.start, &pc.end) else {
            return;
        };
        let days = end.days_since_epoch() - start.days_since_epoch() + 1;
        if days < 1 {
            out.push(
                Finding::new(
                    Self::CODE,
                    "/procedure/public_comment/end",
                    "意見聴取の終了日が開始日より前です",
                    "the public comment ends before it starts",
                )
                .help(
                    "開始日と終了日を入れ違えていないか確かめてください。",
                    "check whether the start and end dates are swapped",
                ),
            );
        } else if days < 30
            && pc
                .shortening_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            out.push(
                Finding::new(
                    Self::CODE,
                    "/procedure/public_comment/end",
                    format!("意見聴取の期間が{days}日で、30日未満ですが、期間を短縮する特段の理由が記載されていません"),
                    format!("public comment ran {days} days, under 30, with no reason for shortening"),
                )
                .help("③期間を短縮する特段の理由（shortening_reason）を記載してください。", "state the reason in shortening_reason"),
            );
        }
    }
}
