//! The imported model as YAML a person edits next: block style, long texts as `|` blocks,
//! quotes only where YAML needs them, and (on request) a comment after each value naming the
//! cell it came from (`# 様式２!C14`).
//!
//! Scalars are written by the one YAML writer ([`crate::yaml::write`]); this module lays out the
//! model's maps and lists and the comments. tests/import.rs loads every output back.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use crate::yaml::write::{self, Quote};

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
            entry(&mut out, 0, k, v, &format!("/{k}"), notes);
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

fn entry(
    out: &mut String,
    indent: usize,
    key: &str,
    v: &Value,
    path: &str,
    notes: &BTreeMap<String, String>,
) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            let _ = writeln!(out, "{pad}{}:{}", write::key(key), note(notes, path));
            for (k, child) in m {
                entry(out, indent + 2, k, child, &format!("{path}/{k}"), notes);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let _ = writeln!(out, "{pad}{}:{}", write::key(key), note(notes, path));
            for (i, item) in a.iter().enumerate() {
                list_item(out, indent + 2, item, &format!("{path}/{i}"), notes);
            }
        }
        scalar => {
            let lead = format!("{pad}{}: ", write::key(key));
            scalar_line(out, &lead, indent + 2, scalar, &note(notes, path));
        }
    }
}

fn list_item(
    out: &mut String,
    indent: usize,
    v: &Value,
    path: &str,
    notes: &BTreeMap<String, String>,
) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (i, (k, child)) in m.iter().enumerate() {
                let child_path = format!("{path}/{k}");
                if i == 0 {
                    // `- key: value` on the dash's line, the rest aligned under it.
                    let mut first = String::new();
                    entry(&mut first, indent + 2, k, child, &child_path, notes);
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(&first[indent + 2..]);
                } else {
                    entry(out, indent + 2, k, child, &child_path, notes);
                }
            }
        }
        scalar => {
            let lead = format!("{pad}- ");
            scalar_line(out, &lead, indent + 2, scalar, &note(notes, path));
        }
    }
}

/// A scalar after `lead` (`key: ` or `- `): a `|` block on the following lines, indented by
/// `indent`, for a text of several lines; else inline.
fn scalar_line(out: &mut String, lead: &str, indent: usize, v: &Value, note: &str) {
    match v {
        Value::String(s) if s.contains('\n') && write::block_ok(s) => {
            let block = write::block(s, indent - 2);
            let (header, body) = block.split_once('\n').unwrap_or((&block, ""));
            let _ = writeln!(out, "{lead}{header}{note}");
            let _ = writeln!(out, "{body}");
        }
        scalar => {
            let _ = writeln!(out, "{lead}{}{note}", inline(scalar));
        }
    }
}

/// A scalar on one line: plain where that reads back as the same value, else double-quoted.
fn inline(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => write::inline(s, Quote::WhenNeeded),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
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
