//! HY0404 `ended-without-date`: 終了 without its date.
//!
//! Documented in `docs/rules/HY0404.md`, which `hyoka explain HY0404` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// 評価書名 says 終了 without the date it ended.
pub struct EndedWithoutDate;

rule_def! {
    EndedWithoutDate: "HY0404", "ended-without-date", Error,
    "「終了」に日付がない",
    "終了 without its date"
}

impl Check for EndedWithoutDate {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
                    Self::CODE,
                    "/cover/title",
                    "評価書名に「終了」とありますが、【令和○年○月○日 終了】の形で終了日が書かれていません",
                    "the title says 終了 (ended) without the date in the form 【令和○年○月○日 終了】",
                )
                .help("例: 国民健康保険に関する事務　基礎項目評価書【令和7年3月31日 終了】", "e.g. …基礎項目評価書【令和7年3月31日 終了】"),
            );
        }
    }
}
