//! Block-style YAML for a model value: maps and lists one entry a line, long texts as `|`
//! blocks, quotes only where YAML needs them, and a comment after a value where the caller
//! gives one. `import` writes whole files with it; the patcher writes the entries it inserts.

use std::fmt::Write as _;

use serde_json::Value;

use super::write::{self, Quote};

/// The comment (`  # …`) to put after the value at a model path, or nothing.
pub type Notes<'a> = &'a dyn Fn(&str) -> String;

fn no_notes(_: &str) -> String {
    String::new()
}

/// `key: value` at `indent` spaces, a map or list value on the lines below.
pub fn entry_text(key: &str, v: &Value, indent: usize) -> String {
    let mut out = String::new();
    entry(&mut out, indent, key, v, "", &no_notes);
    out
}

/// `- value` at `indent` spaces, a map's first key on the dash's line.
pub fn item_text(v: &Value, indent: usize) -> String {
    let mut out = String::new();
    list_item(&mut out, indent, v, "", &no_notes);
    out
}

pub fn entry(out: &mut String, indent: usize, key: &str, v: &Value, path: &str, notes: Notes) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            let _ = writeln!(out, "{pad}{}:{}", write::key(key), notes(path));
            for (k, child) in m {
                entry(out, indent + 2, k, child, &format!("{path}/{k}"), notes);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let _ = writeln!(out, "{pad}{}:{}", write::key(key), notes(path));
            for (i, item) in a.iter().enumerate() {
                list_item(out, indent + 2, item, &format!("{path}/{i}"), notes);
            }
        }
        scalar => {
            let lead = format!("{pad}{}: ", write::key(key));
            scalar_line(out, &lead, indent + 2, scalar, &notes(path));
        }
    }
}

fn list_item(out: &mut String, indent: usize, v: &Value, path: &str, notes: Notes) {
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
            scalar_line(out, &lead, indent + 2, scalar, &notes(path));
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
