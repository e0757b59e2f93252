//! HY0301 `duplicate-id`: duplicate id.
//!
//! Documented in `docs/rules/HY0301.md`, which `hyoka explain HY0301` prints.

use super::*;
use std::collections::HashMap;

use crate::check::rule::{rule_def, Check, RuleDef};

/// Ids are unique within each identified list.
pub struct DuplicateId;

rule_def! {
    DuplicateId: "HY0301", "duplicate-id", Error,
    "id の重複",
    "duplicate id"
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

/// Reports each id of one list that an earlier entry of the list already has.
fn duplicates<'a>(
    ids: impl Iterator<Item = &'a str>,
    list_path: &str,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            out.push(
                Finding::new(
                    DuplicateId::CODE,
                    format!("{list_path}/{i}/id"),
                    format!(
                        "{what}の id `{id}` が重複しています（{}番目と同じ）",
                        first + 1
                    ),
                    format!("duplicate {what} id `{id}` (same as entry {})", first + 1),
                )
                .help(
                    "id は改版をまたいで項目を照合するための識別子です。一意にしてください。",
                    "ids match entries across revisions; make each unique",
                ),
            );
            seen.insert(id, first);
        }
    }
}
