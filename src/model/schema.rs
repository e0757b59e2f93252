//! JSON Schema (draft 2020-12) of the model, for editors and standard validators.
//!
//! The structure comes from the Rust types (schemars); every property's title — the form's own
//! label with its item number — and its Japanese description come from `templates/labels.yaml`,
//! so hovering a key in an editor shows the form item.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{json, Value};

use super::{edition, Assessment, FormKind};
use crate::yaml::{self, NodeKind};

/// Where the committed schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "schemas/assessment.schema.json";
/// The `$id` editors see.
pub const SCHEMA_ID: &str = "https://hyoka.invalid/schemas/assessment.schema.json";

/// `Type.field` → (title, description).
pub fn labels() -> &'static BTreeMap<String, (String, Option<String>)> {
    static LABELS: OnceLock<BTreeMap<String, (String, Option<String>)>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let root = yaml::parse(
            crate::templates::expect("labels.yaml"),
            &yaml::Limits::default(),
        )
        .expect("templates/labels.yaml parses");
        let mut out = BTreeMap::new();
        if let NodeKind::Map(types) = &root.kind {
            for (ty, fields) in types {
                let NodeKind::Map(fields) = &fields.kind else {
                    continue;
                };
                for (field, body) in fields {
                    let key = format!(
                        "{}.{}",
                        ty.as_str().unwrap_or_default(),
                        field.as_str().unwrap_or_default()
                    );
                    let entry = match &body.kind {
                        NodeKind::Scalar { value, .. } => (value.clone(), None),
                        _ => (
                            body.child("title")
                                .and_then(|n| n.as_str())
                                .unwrap_or_default()
                                .to_string(),
                            body.child("help")
                                .and_then(|n| n.as_str())
                                .map(str::to_string),
                        ),
                    };
                    out.insert(key, entry);
                }
            }
        }
        out
    })
}

/// The type name a `$defs` entry stands for: schemars names generic instances `Managed2`, `Managed3`….
fn base_type(def: &str) -> &str {
    def.split(['_', '<'])
        .next()
        .unwrap_or(def)
        .trim_end_matches(|c: char| c.is_ascii_digit())
}

/// Generates the schema as JSON text (pretty, stable order, trailing newline).
pub fn generate() -> String {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(Assessment)).expect("schema serializes");
    let root = schema.as_object_mut().expect("schema is an object");
    root.insert("$id".into(), json!(SCHEMA_ID));
    root.insert(
        "title".into(),
        json!("特定個人情報保護評価書（hyoka モデル）"),
    );
    // Titles: the root's own properties, then every definition's.
    label_properties("Assessment", &mut schema);
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for (name, def) in defs.iter_mut() {
            let ty = base_type(name).to_string();
            label_properties(&ty, def);
        }
    }
    pin_editions(&mut schema);
    yes_no_in_japanese(&mut schema);
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serializes");
    text.push('\n');
    text
}

/// Every yes/no item also takes はい / いいえ, as the loader reads them, so that an editor does not
/// flag what `hyoka check` accepts.
fn yes_no_in_japanese(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("boolean")) {
                map.insert("type".into(), json!(["boolean", "string"]));
                map.insert("enum".into(), json!([true, false, "はい", "いいえ"]));
            }
            map.values_mut().for_each(yes_no_in_japanese);
        }
        Value::Array(items) => items.iter_mut().for_each(yes_no_in_japanese),
        _ => {}
    }
}

/// Whether a schema node is a yes/no item (`boolean`, or `boolean` with はい / いいえ).
pub fn is_yes_no(node: &Value) -> bool {
    match node.get("type") {
        Some(Value::String(t)) => t == "boolean",
        Some(Value::Array(types)) => types.iter().any(|t| t == "boolean"),
        _ => false,
    }
}

/// Where the notice's schema is committed, and its id.
pub const NOTICE_SCHEMA_PATH: &str = "schemas/notice.schema.json";
pub const NOTICE_SCHEMA_ID: &str = "https://hyoka.invalid/schemas/notice.schema.json";

/// The JSON Schema of a notice of purposes of use (`kind: notice`), for editors.
pub fn generate_notice() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(super::notice::Notice))
        .expect("schema serializes");
    let root = schema.as_object_mut().expect("schema is an object");
    root.insert("$id".into(), json!(NOTICE_SCHEMA_ID));
    root.insert(
        "title".into(),
        json!("個人情報の利用目的の公表（hyoka モデル）"),
    );
    // `kind` is always `notice`: say so, so that editors complete it.
    if let Some(kind) = schema.pointer_mut("/properties/kind") {
        *kind = json!({"const": super::notice::NOTICE_KIND, "description": "notice"});
    }
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serializes");
    text.push('\n');
    text
}

fn label_properties(ty: &str, def: &mut Value) {
    let Some(props) = def.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (field, prop) in props.iter_mut() {
        let Some((title, help)) = labels().get(&format!("{ty}.{field}")) else {
            continue;
        };
        let Some(obj) = prop.as_object_mut() else {
            continue;
        };
        let doc = obj
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        obj.insert("title".into(), json!(title));
        let description = match (help, doc) {
            (Some(h), Some(d)) => format!("{h}\n\n{d}"),
            (Some(h), None) => h.clone(),
            (None, Some(d)) => format!("{title}\n\n{d}"),
            (None, None) => title.clone(),
        };
        obj.insert("description".into(), json!(description));
    }
}

/// Lists the known editions as the allowed values of `editions.*`, so editors complete them.
fn pin_editions(schema: &mut Value) {
    let Some(props) = schema
        .pointer_mut("/$defs/Editions/properties")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for form in FormKind::ALL {
        if let Some(prop) = props.get_mut(form.id()) {
            let names: Vec<Value> = edition::of(*form)
                .map(|e| json!(e.name))
                .chain([Value::Null])
                .collect();
            prop.as_object_mut()
                .expect("property is an object")
                .insert("enum".into(), Value::Array(names));
        }
    }
}

/// Every `Type.field` pair the schema has, for completeness tests of `labels.yaml`.
pub fn property_keys() -> Vec<String> {
    let schema: Value = serde_json::from_str(&generate()).expect("schema parses");
    let mut keys = Vec::new();
    let mut add = |ty: &str, def: &Value| {
        if let Some(props) = def.get("properties").and_then(Value::as_object) {
            keys.extend(props.keys().map(|f| format!("{ty}.{f}")));
        }
    };
    add("Assessment", &schema);
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        for (name, def) in defs {
            add(base_type(name), def);
        }
    }
    keys.sort();
    keys.dedup();
    keys
}
