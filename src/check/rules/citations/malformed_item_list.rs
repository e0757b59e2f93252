//! HY0601 `malformed-item-list`: malformed item list.
//!
//! Documented in `docs/rules/HY0601.md`, which `hyoka explain HY0601` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// An item list with elements that are not numbers (`1,2,3の項` broken over lines).
pub struct MalformedItemList;

rule_def! {
    MalformedItemList: "HY0601", "malformed-item-list", Error,
    "項番の列挙が読めない",
    "malformed item list"
}

impl Check for MalformedItemList {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
                            Self::CODE,
                            path.clone(),
                            format!("{table}の項番の列挙に、番号として読めない要素があります: {shown}"),
                            format!("the item list of {table} has elements that are not numbers: {shown_en}"),
                        )
                        .help("「1,2,3の項」のように、半角数字をカンマで区切って1行に書いてください（改行で数字を分けない）。", "write numbers separated by commas on one line, e.g. `1,2,3の項` (do not break a number across lines)"),
                    );
                }
            }
        }
    }
}
