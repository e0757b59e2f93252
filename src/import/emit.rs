//! The imported model as YAML a person edits next: block style, long texts as `|` blocks,
//! quotes only where YAML needs them, and (on request) a comment after each value naming the
//! cell it came from (`# 様式２!C14`).
//!
//! Scalars are written by the one YAML writer ([`crate::yaml::write`]); this module lays out the
//! model's maps and lists and the comments. tests/import.rs loads every output back.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use crate::yaml::{blocks, write};

/// YAML for `value`; `notes` maps a model path to the comment to put after its value.
pub fn yaml(value: &Value, notes: &BTreeMap<String, String>, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    if !header.is_empty() {
        out.push('\n');
    }
    if let Value::Object(map) = value {
        for (i, (k, v)) in map.iter().enumerate() {
            // A blank line between the model's top-level parts, as the examples are written.
            if i > 0 && (v.is_object() || v.is_array()) {
                out.push('\n');
            }
            blocks::entry(&mut out, 0, k, v, &format!("/{k}"), &|p| note(notes, p));
        }
    }
    out
}

/// The comment after a value: one line, so a sheet name with a line break (a workbook may have
/// one) cannot end the comment early.
fn note(notes: &BTreeMap<String, String>, path: &str) -> String {
    notes
        .get(path)
        .map(|n| {
            let line: String = n
                .chars()
                .map(|c| {
                    if c.is_control() || write::unprintable(c) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            format!("  # {line}")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_block_yaml_with_comments() {
        let v = json!({
            "forms": ["basic"],
            "cover": {"number": "3", "title": "国民健康保険に関する事務", "notes": "一行目\n二行目\n"},
            "files": [{"id": "fuka", "name": "国保賦課ファイル"}],
            "count": 12,
            "flag": true
        });
        let mut notes = BTreeMap::new();
        notes.insert("/cover/title".to_string(), "様式２!C5".to_string());
        let y = yaml(&v, &notes, "");
        assert!(y.contains("  number: \"3\"\n"), "{y}");
        assert!(
            y.contains("  title: 国民健康保険に関する事務  # 様式２!C5\n"),
            "{y}"
        );
        assert!(y.contains("  notes: |\n    一行目\n    二行目\n"), "{y}");
        assert!(
            y.contains("files:\n  - id: fuka\n    name: 国保賦課ファイル\n"),
            "{y}"
        );
        assert!(y.contains("count: 12\n"), "{y}");
    }

    #[test]
    fn notes_stay_on_one_line() {
        let mut notes = BTreeMap::new();
        notes.insert("/a".to_string(), "\r変更箇所!A3".to_string());
        assert_eq!(note(&notes, "/a"), "  #  変更箇所!A3");
    }
}
