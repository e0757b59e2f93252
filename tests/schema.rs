//! The JSON Schema: committed copy is current, a standard validator accepts the examples and
//! rejects broken ones, and every key and choice has its form wording in templates/.

mod common;

use common::*;
use hyoka::model::{choice, schema, FormKind};
use serde_json::Value;

fn committed_schema() -> Value {
    let text = std::fs::read_to_string(root().join(schema::SCHEMA_PATH))
        .expect("schemas/assessment.schema.json is committed");
    serde_json::from_str(&text).unwrap()
}

fn instance(name: &str) -> Value {
    load_example(name).tree.expect("example parses").to_json()
}

#[test]
fn committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(root().join(schema::SCHEMA_PATH)).unwrap();
    assert!(
        committed == schema::generate(),
        "schemas/assessment.schema.json is stale: run `cargo run -- schema`"
    );
}

#[test]
fn schema_is_valid_draft_2020_12() {
    let s = committed_schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(jsonschema::meta::is_valid(&s));
}

#[test]
fn examples_validate_against_the_schema() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    for name in EXAMPLES {
        let errors: Vec<String> = validator
            .iter_errors(&instance(name))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn schema_rejects_what_the_loader_rejects() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    let mut typo = instance("yazu-kokuho");
    typo["department"]["head_titel"] = "町民課長".into();
    assert!(!validator.is_valid(&typo), "unknown key");
    let mut bad_choice = instance("yazu-kokuho");
    bad_choice["basic_risk"]["storage"] = "suficient".into();
    assert!(!validator.is_valid(&bad_choice), "bad choice");
    let mut bad_date = instance("yazu-kokuho");
    bad_date["cover"]["published"] = "来年".into();
    assert!(!validator.is_valid(&bad_date), "bad date");
    let mut japanese = instance("yazu-kokuho");
    japanese["basic_risk"]["storage"] = "十分である".into();
    japanese["cover"]["published"] = "令和６年１月１日".into();
    assert!(
        validator.is_valid(&japanese),
        "Japanese labels and full-width dates are valid"
    );
}

#[test]
fn every_key_has_its_form_label() {
    let labels = schema::labels();
    let keys = schema::property_keys();
    let missing: Vec<&String> = keys.iter().filter(|k| !labels.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "templates/labels.yaml lacks: {missing:#?}"
    );
    let stale: Vec<&String> = labels.keys().filter(|k| !keys.contains(k)).collect();
    assert!(
        stale.is_empty(),
        "templates/labels.yaml has keys the model lacks: {stale:#?}"
    );
    let s = committed_schema();
    let name = &s["$defs"]["Operation"]["properties"]["name"];
    assert_eq!(name["title"], "①事務の名称");
    assert_eq!(
        s["$defs"]["Subcontract"]["properties"]["status"]["title"],
        "⑦再委託の有無 ※"
    );
}

#[test]
fn every_choice_has_its_official_label() {
    let s = committed_schema();
    let defs = s["$defs"].as_object().unwrap();
    let mut checked = 0;
    for (name, def) in defs {
        let Some(values) = def.get("enum").and_then(Value::as_array) else {
            continue;
        };
        let descriptions = def["enumDescriptions"].as_array().unwrap();
        for (v, d) in values.iter().zip(descriptions) {
            assert!(!d.as_str().unwrap().is_empty(), "{name}: {v} has no label");
        }
        checked += 1;
    }
    assert!(checked >= 30, "{checked}");
    // Ids and labels both validate; the label for `sufficient` is the form's.
    let risk = &defs["Risk3"]["enum"];
    assert!(risk.as_array().unwrap().contains(&"sufficient".into()));
    assert!(risk.as_array().unwrap().contains(&"十分である".into()));
    // The data file has exactly the lists the code declares (none missing, none stray).
    for set in [
        "risk3",
        "done3",
        "people_band",
        "timing",
        "recorded_item",
        "transfer_method",
    ] {
        assert!(choice::registry().contains_key(set), "{set}");
    }
    assert_eq!(FormKind::Full.label(), "全項目評価書");
}

#[test]
fn known_editions_are_offered_for_completion() {
    let s = committed_schema();
    let basic = s["$defs"]["Editions"]["properties"]["basic"]["enum"]
        .as_array()
        .unwrap();
    assert!(basic.contains(&"平成31年1月".into()));
}

#[test]
fn every_form_definition_path_names_a_model_key_and_every_condition_compiles() {
    use hyoka::model::form::{self, FormNode};
    let s = committed_schema();
    // Resolves a dotted path from a schema node, following $ref, anyOf (Option) and array items.
    fn resolve<'a>(root: &'a Value, mut node: &'a Value, dotted: &str) -> Option<&'a Value> {
        for seg in dotted.split('.') {
            node = deref(root, node);
            node = node.get("properties")?.get(seg)?;
        }
        Some(deref(root, node))
    }
    fn deref<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
        loop {
            if let Some(r) = node.get("$ref").and_then(Value::as_str) {
                node = root.pointer(&r[1..]).unwrap();
            } else if let Some(any) = node.get("anyOf").and_then(Value::as_array) {
                node = any
                    .iter()
                    .find(|v| v.get("type") != Some(&Value::from("null")))
                    .unwrap();
            } else if node.get("type") == Some(&Value::from("array")) && node.get("items").is_some()
            {
                node = &node["items"];
            } else {
                return node;
            }
        }
    }
    let env = minijinja::Environment::new();
    fn walk(
        root: &Value,
        ctx: &Value,
        nodes: &[FormNode],
        env: &minijinja::Environment,
        where_: &str,
    ) {
        for n in nodes {
            for expr in [&n.when, &n.required_when].into_iter().flatten() {
                env.compile_expression(expr)
                    .unwrap_or_else(|e| panic!("{where_}: `{expr}`: {e}"));
            }
            if let Some(p) = &n.path {
                assert!(
                    resolve(root, ctx, p).is_some(),
                    "{where_}: `{}` is not a key of the model",
                    p
                );
            }
            let inner = match &n.repeat {
                Some(list) => {
                    resolve(root, ctx, list).unwrap_or_else(|| panic!("{where_}: repeat `{list}`"))
                }
                None => ctx,
            };
            walk(root, inner, &n.children, env, where_);
        }
    }
    for def in form::all() {
        walk(
            &s,
            &s,
            &def.nodes,
            &env,
            &format!("{:?} {}", def.form, def.edition),
        );
    }
}
