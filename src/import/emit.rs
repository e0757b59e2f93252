//! The imported model as YAML a person edits next: block style, long texts as `|` blocks,
//! quotes only where YAML needs them, and (on request) a comment after each value naming the
//! cell it came from (`# 様式２!C14`).
//!
//! The YAML crates the project may use parse; none writes comments. The subset written here is
//! small (maps, lists, strings, numbers, booleans), and tests/import.rs loads every output back.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

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
                    if c.is_control() || unprintable(c) {
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
            let _ = writeln!(out, "{pad}{}:{}", yaml_key(key), note(notes, path));
            for (k, child) in m {
                entry(out, indent + 2, k, child, &format!("{path}/{k}"), notes);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let _ = writeln!(out, "{pad}{}:{}", yaml_key(key), note(notes, path));
            for (i, item) in a.iter().enumerate() {
                list_item(out, indent + 2, item, &format!("{path}/{i}"), notes);
            }
        }
        scalar => {
            let lead = format!("{pad}{}: ", yaml_key(key));
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

/// A key as YAML reads it back: the model's keys are plain words; anything else is quoted.
fn yaml_key(key: &str) -> String {
    if plain_ok(key) {
        key.to_string()
    } else {
        quoted(key)
    }
}

/// A scalar after `lead` (`key: ` or `- `): a `|` block on the following lines, indented by
/// `indent`, for a text of several lines; else inline.
fn scalar_line(out: &mut String, lead: &str, indent: usize, v: &Value, note: &str) {
    match v {
        Value::String(s) if s.contains('\n') && block_ok(s) => {
            let _ = writeln!(out, "{lead}{}{note}", block_header(s));
            block_body(out, indent, s);
        }
        scalar => {
            let _ = writeln!(out, "{lead}{}{note}", inline(scalar));
        }
    }
}

/// `|`, `|-` or `|+` by the text's final line breaks, with an indentation indicator when the
/// first line starts with a space.
fn block_header(s: &str) -> String {
    let trailing = s.len() - s.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if s.starts_with([' ', '\t']) { "2" } else { "" };
    format!("|{indicator}{chomp}")
}

fn block_body(out: &mut String, indent: usize, s: &str) {
    let pad = " ".repeat(indent);
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
}

/// A scalar on one line: plain where that reads back as the same string, else double-quoted.
fn inline(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if plain_ok(s) => s.clone(),
        Value::String(s) => quoted(s),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

/// Characters YAML does not allow as they are (C0/C1 controls other than tab and line
/// breaks, U+FEFF, U+FFFE/U+FFFF): only a double-quoted scalar can hold them, escaped.
fn unprintable(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// A `|` block holds the text as it is: no CR (it would read as a line break) and nothing
/// unprintable.
fn block_ok(s: &str) -> bool {
    !s.contains('\r') && !s.chars().any(unprintable)
}

/// A double-quoted scalar: JSON's escapes, which YAML shares, plus `\uXXXX` for what JSON
/// leaves as it is but YAML does not allow.
fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_default();
    json.chars()
        .map(|c| {
            if unprintable(c) {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.contains(['\t', '\r']) || s.chars().any(unprintable) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    // Would read as another type: numbers, booleans, null.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
    ) {
        return false;
    }
    if s.parse::<f64>().is_ok() || s.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    true
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
    fn tricky_strings_are_quoted() {
        for s in ["yes", "12", "2024-01-01", "- x", "a: b", " lead", "#x", ""] {
            assert!(!plain_ok(s), "{s}");
        }
        assert_eq!(yaml_key("f: ms"), "\"f: ms\"");
        let mut notes = BTreeMap::new();
        notes.insert("/a".to_string(), "\r変更箇所!A3".to_string());
        assert_eq!(note(&notes, "/a"), "  #  変更箇所!A3");
        assert_eq!(yaml_key("forms"), "forms");
        assert!(plain_ok("令和6年1月1日"));
        assert_eq!(block_header(" indented\nx"), "|2-");
        assert_eq!(block_header("a\nb\n\n"), "|+");
    }
}
