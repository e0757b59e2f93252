//! HY0604 `duplicate-item`: item number listed twice.
//!
//! Documented in `docs/rules/HY0604.md`, which `hyoka explain HY0604` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// An item number listed twice.
pub struct DuplicateItem;

rule_def! {
    DuplicateItem: "HY0604", "duplicate-item", Warning,
    "項番の重複",
    "item number listed twice"
}

impl Check for DuplicateItem {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (path, text) in basis_texts(ctx) {
            for list in parse(text).lists {
                let table = list.table.clone().unwrap_or_else(|| "別表".into());
                let mut seen = Vec::new();
                for n in list.items.iter().filter_map(|i| i.as_ref().ok()) {
                    if seen.contains(n) {
                        out.push(Finding::new(
                            Self::CODE,
                            path.clone(),
                            format!("{table}の{n}の項が重複して列挙されています"),
                            format!("item {n} of {table} is listed twice"),
                        )
                        .help(
                            format!("{n} を一つ消してください（同じ項を二度挙げても意味は変わりません）。"),
                            format!("remove one {n}: listing an item twice changes nothing"),
                        ));
                    }
                    seen.push(*n);
                }
            }
        }
    }
}
