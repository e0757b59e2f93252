//! HY04xx: dates in order, and the assessment kept current.

use crate::check::rule::{Finding, RuleCtx};
use crate::model::{Date, Timing};

/// HY0401: a threshold count dated after publication.
pub fn counted_after_publication(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let Some(published) = &ctx.a.cover.published else {
        return;
    };
    let Some(t) = &ctx.a.threshold else { return };
    for (key, counted) in [
        (
            "people",
            t.people.as_ref().and_then(|p| p.counted_on.as_ref()),
        ),
        (
            "handlers",
            t.handlers.as_ref().and_then(|p| p.counted_on.as_ref()),
        ),
    ] {
        if let Some(c) = counted {
            if c > published {
                out.push(Finding::new(
                    "HY0401",
                    format!("/threshold/{key}/counted_on"),
                    format!(
                        "計数日 {} が公表日 {} より後です",
                        c.wareki(),
                        published.wareki()
                    ),
                    format!(
                        "counted on {} ({}), after publication on {} ({})",
                        c.iso(),
                        c.wareki(),
                        published.iso(),
                        published.wareki()
                    ),
                ));
            }
        }
    }
}

/// HY0402: history rows out of date order. HY0403: a history row after 公表日.
pub fn history_dates(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let h = &ctx.a.history;
    for i in 1..h.len() {
        if h[i].date < h[i - 1].date {
            out.push(
                Finding::new(
                    "HY0402",
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
    if let Some(published) = &ctx.a.cover.published {
        for (i, row) in h.iter().enumerate() {
            if row.date > *published {
                out.push(Finding::new(
                    "HY0403",
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

/// HY0404: 評価書名 says 終了 without the date it ended.
pub fn ended_without_date(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let title = &ctx.a.cover.title;
    if !title.contains("終了") {
        return;
    }
    let re = regex::Regex::new(r"【\s*(.+?)\s*終了\s*】").expect("static regex");
    let dated = re
        .captures(title)
        .is_some_and(|c| Date::parse(&c[1]).is_ok());
    if !dated {
        out.push(
            Finding::new(
                "HY0404",
                "/cover/title",
                "評価書名に「終了」とありますが、【令和○年○月○日 終了】の形で終了日が書かれていません",
                "the title says 終了 (ended) without the date in the form 【令和○年○月○日 終了】",
            )
            .help("例: 国民健康保険に関する事務　基礎項目評価書【令和7年3月31日 終了】", "e.g. …基礎項目評価書【令和7年3月31日 終了】"),
        );
    }
}

/// The last time the assessment was looked at: 公表日, the newest change row, or a review that
/// found nothing to change (`cover.reviewed_on`).
fn last_review(ctx: &RuleCtx) -> Option<(Date, String)> {
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

/// HY0405: more than a year since the last review (見直し, an annual effort duty).
pub fn annual_review(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let Some((last, _)) = last_review(ctx) else {
        return;
    };
    let days = ctx.options.today.days_since_epoch() - last.days_since_epoch();
    if days > 365 {
        out.push(
            Finding::new(
                "HY0405",
                "/cover/published",
                format!("最後の見直し（{}）から1年以上経過しています（{}日）", last.wareki(), days),
                format!("more than a year since the last review on {} ({days} days)", last.iso()),
            )
            .help("少なくとも年1回、記載内容が実態と合っているか見直し、変更があれば変更箇所に記録してください。見直して変更がなかったときは、cover の reviewed_on にその日付を書いてください（例: `reviewed_on: 令和7年4月1日`）。", "review the assessment at least once a year and record any change in the history; when a review finds nothing to change, write its date as cover.reviewed_on (e.g. `reviewed_on: 2025-04-01`)"),
        );
    }
}

/// The date of the last full (re-)assessment: the newest 事前 change (a 重要な変更 re-assesses),
/// the 基礎項目評価 date or the 第三者点検 date; else 公表日.
fn last_assessment(ctx: &RuleCtx) -> Option<Date> {
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

/// HY0406: the 5-year re-assessment is due within six months, or overdue.
pub fn reassessment_due(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let Some(last) = last_assessment(ctx) else {
        return;
    };
    let due = Date::from_ymd(last.year + 5, last.month, last.day.min(28)).unwrap_or(last.clone());
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
        out.push(Finding::new("HY0406", "/cover/published", ja, en).help(
            "5年ごとの再実施（努力義務）を計画してください。",
            "plan the five-yearly re-assessment (an effort duty)",
        ));
    }
}

/// HY0407: public comment shorter than 30 days without a stated reason.
pub fn public_comment_period(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
        out.push(Finding::new(
            "HY0407",
            "/procedure/public_comment/end",
            "意見聴取の終了日が開始日より前です",
            "the public comment ends before it starts",
        ));
    } else if days < 30
        && pc
            .shortening_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        out.push(
            Finding::new(
                "HY0407",
                "/procedure/public_comment/end",
                format!("意見聴取の期間が{days}日で、30日未満ですが、期間を短縮する特段の理由が記載されていません"),
                format!("public comment ran {days} days, under 30, with no reason for shortening"),
            )
            .help("③期間を短縮する特段の理由（shortening_reason）を記載してください。", "state the reason in shortening_reason"),
        );
    }
}
