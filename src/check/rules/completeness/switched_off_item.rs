//! HY0202 `switched-off-item`: an item switched off by an answer is filled in.
//!
//! Documented in `docs/rules/HY0202.md`, which `hyoka explain HY0202` prints.

use super::*;
use crate::check::rule::{Check, RuleDef};
use crate::diagnostic::Severity;

/// An item the answers switch off (委託しない, 提供・移転しない, …) is filled in.
pub struct SwitchedOffItem;

impl RuleDef for SwitchedOffItem {
    const CODE: &'static str = "HY0202";
    const NAME: &'static str = "switched-off-item";
    const SEVERITY: Severity = Severity::Error;
    const SUMMARY_JA: &'static str = "記入しないはずの項目が記入されている";
    const SUMMARY_EN: &'static str = "an item switched off by an answer is filled in";
}

impl Check for SwitchedOffItem {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        walk_forms(ctx, out, Self::CODE);
    }
}
