//! HY0602 `item-out-of-range`: item number outside the table.
//!
//! Documented in `docs/rules/HY0602.md`, which `hyoka explain HY0602` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// An item number the cited table does not have.
pub struct ItemOutOfRange;

rule_def! {
    ItemOutOfRange: "HY0602", "item-out-of-range", Error,
    "別表にない項番",
    "item number outside the table"
}

impl Check for ItemOutOfRange {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (path, text) in basis_texts(ctx) {
            for list in parse(text).lists {
                let table = list.table.clone().unwrap_or_else(|| "別表".into());
                if let Some(max) = citations::table_max(&table) {
                    for n in list
                        .items
                        .iter()
                        .filter_map(|i| i.as_ref().ok())
                        .filter(|n| **n == 0 || **n > max)
                    {
                        out.push(Finding::new(
                            Self::CODE,
                            path.clone(),
                            format!("{table}に{n}の項はありません（1〜{max}）"),
                            format!("{table} has no item {n} (it has 1 to {max})"),
                        )
                        .help(
                            format!("項番を 1〜{max} の範囲で確かめてください（写し間違い、別の表の項番のことが多い）。"),
                            format!("check the number against 1 to {max}: usually a slip, or an item of another table"),
                        ));
                    }
                }
            }
        }
    }
}
