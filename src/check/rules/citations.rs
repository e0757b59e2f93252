//! HY06xx: 番号法 citations in the legal-basis texts.

use crate::check::citations::{self, parse};
use crate::check::rule::{Finding, RuleCtx};

/// The legal-basis texts of an assessment, with their model paths.
fn basis_texts<'a>(ctx: &'a RuleCtx) -> Vec<(String, &'a str)> {
    let a = ctx.a;
    let mut out = Vec::new();
    if let Some(t) = a.number_use.as_ref().and_then(|n| n.basis.as_deref()) {
        out.push(("/number_use/basis".to_string(), t));
    }
    if let Some(t) = a.linkage.as_ref().and_then(|n| n.basis.as_deref()) {
        out.push(("/linkage/basis".to_string(), t));
    }
    for (i, f) in a.files.iter().enumerate() {
        for (j, r) in f.recipients.iter().enumerate() {
            if let Some(t) = r.basis.as_deref() {
                out.push((format!("/files/{i}/recipients/{j}/basis"), t));
            }
        }
    }
    out
}

/// HY0601 malformed item lists, HY0602 numbers outside the table, HY0604 repeated numbers.
pub fn item_lists(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    for (path, text) in basis_texts(ctx) {
        for list in parse(text).lists {
            let table = list.table.clone().unwrap_or_else(|| "別表".into());
            let bad: Vec<String> = list.items.iter().filter_map(|i| i.clone().err()).collect();
            if !bad.is_empty() {
                let shown = bad
                    .iter()
                    .map(|b| {
                        if b.is_empty() {
                            "（空）".to_string()
                        } else {
                            format!("「{b}」")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("、");
                let shown_en = bad
                    .iter()
                    .map(|b| {
                        if b.is_empty() {
                            "(empty)".to_string()
                        } else {
                            format!("`{b}`")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    Finding::new(
                        "HY0601",
                        path.clone(),
                        format!("{table}の項番の列挙に、番号として読めない要素があります: {shown}"),
                        format!("the item list of {table} has elements that are not numbers: {shown_en}"),
                    )
                    .help("「1,2,3の項」のように、半角数字をカンマで区切って1行に書いてください（改行で数字を分けない）。", "write numbers separated by commas on one line, e.g. `1,2,3の項` (do not break a number across lines)"),
                );
            }
            if let Some(max) = citations::table_max(&table) {
                for n in list
                    .items
                    .iter()
                    .filter_map(|i| i.as_ref().ok())
                    .filter(|n| **n == 0 || **n > max)
                {
                    out.push(Finding::new(
                        "HY0602",
                        path.clone(),
                        format!("{table}に{n}の項はありません（1〜{max}）"),
                        format!("{table} has no item {n} (it has 1 to {max})"),
                    ));
                }
            }
            let mut seen = Vec::new();
            for n in list.items.iter().filter_map(|i| i.as_ref().ok()) {
                if seen.contains(n) {
                    out.push(Finding::new(
                        "HY0604",
                        path.clone(),
                        format!("{table}の{n}の項が重複して列挙されています"),
                        format!("item {n} of {table} is listed twice"),
                    ));
                }
                seen.push(*n);
            }
        }
    }
}

/// HY0603: citing provisions the 2023 amendment superseded, in an assessment published after
/// the cut-over.
pub fn superseded(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
                    "HY0603",
                    path,
                    format!("令和5年改正（{}施行）で改められた規定（{names}）を引用しています", cutover.wareki()),
                    format!("cites provisions superseded by the 2023 amendment (in force {}): {names}", cutover.iso()),
                )
                .help("別表第一 → 別表、別表第二 → 番号法第19条第8号に基づく主務省令第2条の表、第19条第7号 → 第8号 への読み替えを確認してください。", "check the renaming: 別表第一 → 別表; 別表第二 → the table of 主務省令 art. 2 under 第19条第8号; 第19条第7号 → 第8号"),
            );
        }
    }
}
