//! HY0201 `required-item`: an item the form requires is empty.
//!
//! Documented in `docs/rules/HY0201.md`, which `hyoka explain HY0201` prints.

use super::*;
use crate::check::rule::{Check, RuleDef};
use crate::diagnostic::Severity;

/// An item the pinned form requires is empty.
pub struct RequiredItem;

impl RuleDef for RequiredItem {
    const CODE: &'static str = "HY0201";
    const NAME: &'static str = "required-item";
    const SEVERITY: Severity = Severity::Error;
    const SUMMARY_JA: &'static str = "様式が求める項目が未記入";
    const SUMMARY_EN: &'static str = "an item the form requires is empty";
}

impl Check for RequiredItem {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        walk_forms(ctx, out, Self::CODE);
    }
}
