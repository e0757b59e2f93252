//! HY0201 `required-item`: an item the form requires is empty.
//!
//! Documented in `docs/rules/HY0201.md`, which `hyoka explain HY0201` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// An item the pinned form requires is empty.
pub struct RequiredItem;

rule_def! {
    RequiredItem: "HY0201", "required-item", Error,
    "様式が求める項目が未記入",
    "an item the form requires is empty"
}

impl Check for RequiredItem {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        walk_forms(ctx, out, Self::CODE);
    }
}
