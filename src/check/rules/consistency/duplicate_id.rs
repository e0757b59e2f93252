//! HY0301 `duplicate-id`: duplicate id.
//!
//! Documented in `docs/rules/HY0301.md`, which `hyoka explain HY0301` prints.

use super::*;
use crate::check::rule::{Check, RuleDef};
use crate::diagnostic::Severity;

/// Ids are unique within each identified list.
pub struct DuplicateId;

impl RuleDef for DuplicateId {
    const CODE: &'static str = "HY0301";
    const NAME: &'static str = "duplicate-id";
    const SEVERITY: Severity = Severity::Error;
    const SUMMARY_JA: &'static str = "id の重複";
    const SUMMARY_EN: &'static str = "duplicate id";
}

impl Check for DuplicateId {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let a = ctx.a;
        duplicates(
            a.systems.iter().map(|s| s.id.as_str()),
            "/systems",
            "システム",
            out,
        );
        duplicates(
            a.files.iter().map(|f| f.id.as_str()),
            "/files",
            "ファイル",
            out,
        );
        for (i, f) in a.files.iter().enumerate() {
            duplicates(
                f.delegations.iter().map(|d| d.id.as_str()),
                &format!("/files/{i}/delegations"),
                "委託事項",
                out,
            );
            duplicates(
                f.recipients.iter().map(|r| r.id.as_str()),
                &format!("/files/{i}/recipients"),
                "提供先・移転先",
                out,
            );
        }
    }
}
