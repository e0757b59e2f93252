//! A model value as the forms print it: choices as their official labels, dates in 和暦, lists one
//! entry per line, ticked boxes as ○. Used by diff (変更前/変更後) and render.

use std::sync::OnceLock;

use serde_json::Value;

use super::{choice, Date};

/// The generated schema, parsed once, for type lookups by path.
fn schema_value() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    // The committed schema, which tests/schema.rs keeps equal to `schema::generate()`: parsing
    // it takes a fraction of generating it, which was 6% of rendering a short form.
    SCHEMA.get_or_init(|| {
        serde_json::from_str(include_str!("../../schemas/assessment.schema.json"))
            .expect("the committed schema parses")
    })
}

fn deref(node: &Value) -> &Value {
    let root = schema_value();
    let mut node = node;
    loop {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            match root.pointer(r.trim_start_matches('#')) {
                Some(n) => node = n,
                None => return node,
            }
        } else if let Some(any) = node.get("anyOf").and_then(Value::as_array) {
            match any
                .iter()
                .find(|v| v.get("type") != Some(&Value::from("null")))
            {
                Some(n) => node = n,
                None => return node,
            }
        } else {
            return node;
        }
    }
}

/// The schema of the value at a model path (`/files/0/delegations/1/scope`), if the path is in
/// the model.
pub fn schema_at(path: &str) -> Option<&'static Value> {
    let mut node = deref(schema_value());
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        node = if seg.parse::<usize>().is_ok() && node.get("items").is_some() {
            deref(&node["items"])
        } else {
            deref(node.get("properties")?.get(seg)?)
        };
    }
    Some(node)
}

/// The keys the value at a model path cannot do without (the schema's `required`).
pub fn required_at(path: &str) -> Vec<&'static str> {
    schema_at(path)
        .and_then(|s| s.get("required"))
        .and_then(Value::as_array)
        .map(|keys| keys.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The title (the form's label) of the key at a model path: from the property itself, where a
/// `$ref`'d definition's own title would be the type's rather than the item's.
pub fn title_at(path: &str) -> Option<&'static str> {
    schema_text(path, "title")
}

/// A text of the schema for the item at a model path (its `title` or `description`): the
/// property's own, else its type's.
fn schema_text(path: &str, field: &str) -> Option<&'static str> {
    let (parent, key) = path.rsplit_once('/')?;
    let parent = schema_at(parent)?;
    let own = parent.get("properties").and_then(|p| p.get(key));
    own.and_then(|n| n.get(field))
        .or_else(|| schema_at(path).and_then(|n| n.get(field)))
        .and_then(Value::as_str)
}

/// The description the schema gives the item at a model path (its help in `templates/labels.yaml`).
pub fn help_at(path: &str) -> Option<&'static str> {
    schema_text(path, "description")
}

/// A model path in the form's words, section by section: `/department/head_title` →
/// `評価実施機関における担当部署 › ②所属長の役職名`; list entries by their number
/// (`特定個人情報ファイル 2 › 1. 特定個人情報ファイル名`). `None` when no part of it has a label.
pub fn form_words(path: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut prefix = String::new();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(seg);
        if let Ok(i) = seg.parse::<usize>() {
            if let Some(last) = words.last_mut() {
                last.push_str(&format!(" {}", i + 1));
            }
            continue;
        }
        if let Some(title) = title_at(&prefix) {
            words.push(title.to_string());
        }
    }
    (!words.is_empty()).then(|| words.join(" › "))
}

/// Whether the value at a model path is a choice (or a list of choices), whose printed labels
/// are compared whole rather than by character.
pub fn is_choice(path: &str) -> bool {
    schema_at(path).and_then(choice_set).is_some()
}

/// The alternatives (id, official label) of the choice item at a model path.
pub fn choices_at(path: &str) -> Option<&'static [(String, String)]> {
    let set = schema_at(path).and_then(choice_set)?;
    choice::registry().get(set).map(Vec::as_slice)
}

/// A definition of the schema by name (`Risk3`), for resolving `$ref`s.
pub fn schema_def(name: &str) -> Option<&'static Value> {
    schema_value().get("$defs")?.get(name)
}

/// The choice list a schema node draws from, for arrays too (`main_items` → `recorded_item`).
fn choice_set(node: &Value) -> Option<&str> {
    node.get("x-choice").and_then(Value::as_str).or_else(|| {
        node.get("items")
            .map(deref)
            .and_then(|i| i.get("x-choice"))
            .and_then(Value::as_str)
    })
}

fn label_of(set: &str, id: &str) -> String {
    choice::registry()
        .get(set)
        .and_then(|l| l.iter().find(|(i, _)| i == id))
        .map(|(_, l)| l.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The value at `path` as the form prints it; empty for nothing.
pub fn form_text(path: &str, value: &Value) -> String {
    let node = schema_at(path);
    let set = node.and_then(choice_set);
    render(value, set)
}

fn render(value: &Value, set: Option<&str>) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "○".into(),
        Value::Bool(false) => String::new(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => match set {
            Some(set) => label_of(set, s),
            None => match Date::parse(s) {
                Ok(d) if d.written.trim() == s.trim() => d.wareki(),
                // A block scalar's final line break is YAML's, not the form's.
                _ => s.trim_end_matches(['\n', '\r']).to_string(),
            },
        },
        Value::Array(items) => items
            .iter()
            .map(|v| render(v, set))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Object(map) => {
            // A ticked box with its （ ） detail: 入手元 {kind, detail}.
            if let (Some(kind), detail) = (
                map.get("kind").and_then(Value::as_str),
                map.get("detail").and_then(Value::as_str),
            ) {
                let label = label_of("acquisition_source", kind);
                return match detail {
                    Some(d) if !d.trim().is_empty() => format!("{label}（{d}）"),
                    _ => label,
                };
            }
            map.values()
                .map(|v| render(v, None))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// The value with formatting-only differences removed: trailing spaces on each line, trailing
/// blank lines, and how a date was spelt. Two values that normalize equal are the same on the
/// form.
pub fn normalized(value: &Value) -> Value {
    match value {
        Value::String(s) => {
            if let Ok(d) = Date::parse(s) {
                return Value::String(d.iso());
            }
            let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
            let text = lines.join("\n");
            let text = text.trim_end_matches('\n');
            if text.is_empty() {
                Value::Null
            } else {
                Value::String(text.to_string())
            }
        }
        Value::Array(a) if a.is_empty() => Value::Null,
        Value::Array(a) => Value::Array(a.iter().map(normalized).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .filter(|(_, v)| !v.is_null())
                .collect(),
        ),
        Value::Bool(false) => Value::Null,
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn choices_print_their_labels_and_lists_one_per_line() {
        assert_eq!(
            form_text("/basic_risk/storage", &json!("sufficient")),
            "十分である"
        );
        assert_eq!(
            form_text("/files/0/main_items", &json!(["my_number", "four_info"])),
            "個人番号\n４情報（氏名、性別、生年月日、住所）"
        );
        assert_eq!(
            form_text("/files/0/delegations/2/subcontract/status", &json!("none")),
            "再委託しない"
        );
        assert_eq!(
            form_text(
                "/files/0/acquisition/sources",
                &json!([{"kind": "internal", "detail": "税務課"}])
            ),
            "評価実施機関内の他部署（税務課）"
        );
        assert_eq!(
            form_text("/cover/published", &json!("2024-01-01")),
            "令和6年1月1日"
        );
        assert_eq!(form_text("/department/name", &json!("町民課")), "町民課");
        assert_eq!(
            form_text("/basic_risk/delegation/not_applicable", &json!(true)),
            "○"
        );
    }

    #[test]
    fn formatting_is_not_a_difference() {
        assert_eq!(normalized(&json!("a  \nb\n\n")), normalized(&json!("a\nb")));
        assert_eq!(
            normalized(&json!("令和6年1月1日")),
            normalized(&json!("2024-01-01"))
        );
        assert_eq!(
            normalized(&json!({"a": [], "b": false, "c": ""})),
            json!({})
        );
        assert_ne!(normalized(&json!("a")), normalized(&json!("b")));
    }
}
