//! HY0603 `superseded-citation`: superseded provision cited.
//!
//! Documented in `docs/rules/HY0603.md`, which `hyoka explain HY0603` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Citing provisions the 2023 amendment superseded, in an assessment published after the cut-over.
pub struct SupersededCitation;

rule_def! {
    SupersededCitation: "HY0603", "superseded-citation", Warning,
    "改正前の規定の引用",
    "superseded provision cited"
}

impl Check for SupersededCitation {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(published) = &ctx.a.cover.published else {
            return;
        };
        let cutover = &ctx.options.amendment_cutover;
        if published < cutover {
            return;
        }
        for (path, text) in basis_texts(ctx) {
            let cited = parse(text).provisions;
            let old: Vec<&String> = cited
                .iter()
                .filter(|p| citations::superseded().contains(p))
                .collect();
            if !old.is_empty() {
                let names = old
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("、");
                out.push(
                    Finding::new(
                        Self::CODE,
                        path,
                        format!("令和5年改正（{}施行）で改められた規定（{names}）を引用しています", cutover.wareki()),
                        format!("cites provisions superseded by the 2023 amendment (in force {}): {names}", cutover.iso()),
                    )
                    .help("別表第一 → 別表、別表第二 → 番号法第19条第8号に基づく主務省令第2条の表、第19条第7号 → 第8号 への読み替えを確認してください。", "check the renaming: 別表第一 → 別表; 別表第二 → the table of 主務省令 art. 2 under 第19条第8号; 第19条第7号 → 第8号"),
                );
            }
        }
    }
}
