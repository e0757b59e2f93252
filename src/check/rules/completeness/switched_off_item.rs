//! HY0202 `switched-off-item`: an item switched off by an answer is filled in.
//!
//! Documented in `docs/rules/HY0202.md`, which `hyoka explain HY0202` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// An item the answers switch off (委託しない, 提供・移転しない, …) is filled in.
pub struct SwitchedOffItem;

rule_def! {
    SwitchedOffItem: "HY0202", "switched-off-item", Error,
    "記入しないはずの項目が記入されている",
    "an item switched off by an answer is filled in"
}

impl Check for SwitchedOffItem {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        walk_forms(ctx, out, Self::CODE);
    }
}
