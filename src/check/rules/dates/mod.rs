//! HY04xx: dates in order, and the assessment kept current.

mod annual_review;
mod counted_after_publication;
mod ended_without_date;
mod history_after_publication;
mod history_order;
mod public_comment_period;
mod reassessment_due;

pub use annual_review::AnnualReview;
pub use counted_after_publication::CountedAfterPublication;
pub use ended_without_date::EndedWithoutDate;
pub use history_after_publication::HistoryAfterPublication;
pub use history_order::HistoryOrder;
pub use public_comment_period::PublicCommentPeriod;
pub use reassessment_due::ReassessmentDue;

use crate::check::rule::{Finding, RuleCtx};
use crate::model::{Date, Timing};

/// The last time the assessment was looked at: 公表日, the newest change row, or a review that
/// found nothing to change (`cover.reviewed_on`).
pub(super) fn last_review(ctx: &RuleCtx) -> Option<(Date, String)> {
    let published = ctx
        .a
        .cover
        .published
        .clone()
        .map(|d| (d, "/cover/published".to_string()));
    let reviewed = ctx
        .a
        .cover
        .reviewed_on
        .clone()
        .map(|d| (d, "/cover/reviewed_on".to_string()));
    let last_row = ctx
        .a
        .history
        .iter()
        .enumerate()
        .max_by_key(|(_, r)| r.date.clone())
        .map(|(i, r)| (r.date.clone(), format!("/history/{i}/date")));
    [published, reviewed, last_row]
        .into_iter()
        .flatten()
        .max_by(|a, b| a.0.cmp(&b.0))
}

/// The date of the last full (re-)assessment: the newest 事前 change (a 重要な変更 re-assesses),
/// the 基礎項目評価 date or the 第三者点検 date; else 公表日.
pub(super) fn last_assessment(ctx: &RuleCtx) -> Option<Date> {
    let prior = ctx
        .a
        .history
        .iter()
        .filter(|r| r.timing == Timing::Prior)
        .map(|r| r.date.clone());
    let procedure = ctx.a.procedure.as_ref().into_iter().flat_map(|p| {
        [
            p.basic_assessment.as_ref().and_then(|b| b.date.clone()),
            p.third_party_review.as_ref().and_then(|t| t.date.clone()),
        ]
    });
    prior
        .chain(procedure.flatten())
        .max()
        .or_else(|| ctx.a.cover.published.clone())
}
