//! Every code has a doc page, and every doc page's wrong and right examples are executable:
//! the wrong one must produce the code, the right one must not. This gives each rule at least one
//! failing and one passing input, and keeps `hyoka explain` truthful.

mod common;

use common::*;
use hyoka::check::{self, config::Config, registry, rule::Options};
use hyoka::load;
use hyoka::model::Date;
use hyoka::yaml::Limits;
use serde_json::Value;

/// Codes whose inputs cannot be written in a doc page (bytes, missing paths, render problems);
/// tested elsewhere (tests/diagnostics.rs, tests/render.rs, the cover template unit tests).
const NOT_EXPRESSIBLE: &[&str] = &[
    "HY0007", "HY0011", "HY0012", "HY0801", "HY0802", "HY0803", "HY0804", "HY0805", "HY0901",
    "HY0312", "HY0313", "HY0314", "HY0806", "HY0902", "HY0903", "HY0904", "HY0905", "HY0906",
    "HY0907", "HY0908",
];

struct Example {
    kind: String,
    base: Option<String>,
    today: Option<String>,
    body: String,
}

fn examples(doc: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```yaml ") else {
            continue;
        };
        let mut words = info.split_whitespace();
        let kind = words.next().unwrap_or_default().to_string();
        let (mut base, mut today) = (None, None);
        for w in words {
            if let Some(b) = w.strip_prefix("base=") {
                base = Some(b.to_string());
            } else if let Some(t) = w.strip_prefix("today=") {
                today = Some(t.to_string());
            }
        }
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        out.push(Example {
            kind,
            base,
            today,
            body: body.join("\n") + "\n",
        });
    }
    out
}

/// Applies JSON-Pointer edits (`/a/b: value`; null removes; `/list/-` appends) to `doc`.
fn apply(doc: &mut Value, edits: &Value) {
    let Value::Object(edits) = edits else { return };
    for (pointer, value) in edits {
        let segs: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
        let (last, parents) = segs.split_last().unwrap();
        let mut node = &mut *doc;
        for seg in parents {
            node = match node {
                Value::Array(a) => &mut a[seg.parse::<usize>().unwrap()],
                other => {
                    let obj = other
                        .as_object_mut()
                        .unwrap_or_else(|| panic!("{pointer}: not an object"));
                    obj.entry(seg.to_string())
                        .or_insert_with(|| Value::Object(Default::default()))
                }
            };
        }
        match node {
            Value::Array(a) if *last == "-" => a.push(value.clone()),
            Value::Array(a) => a[last.parse::<usize>().unwrap()] = value.clone(),
            Value::Object(o) if value.is_null() => {
                o.remove(*last);
            }
            Value::Object(o) => {
                o.insert(last.to_string(), value.clone());
            }
            _ => panic!("{pointer}: cannot set"),
        }
    }
}

/// The (code, model path) pairs reported for an example.
fn run(e: &Example) -> Vec<(&'static str, String)> {
    let text = match &e.base {
        None => e.body.clone(),
        Some(base) => {
            let mut doc = load_example(base).tree.unwrap().to_json();
            let edits = hyoka::yaml::parse(&e.body, &Limits::default())
                .expect("edits parse")
                .to_json();
            apply(&mut doc, &edits);
            serde_json::to_string_pretty(&doc).unwrap()
        }
    };
    let mut loaded = load::load_str("example.yaml", &text, &Limits::default());
    let today = e.today.as_deref().unwrap_or("2024-06-01");
    let options = Options {
        today: Date::parse(today).unwrap(),
        ..Options::default()
    };
    check::check_loaded(&mut loaded, &options, &Config::default());
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.clone()))
        .collect()
}

#[test]
fn every_code_has_a_doc_page_in_both_languages() {
    for rule in registry::RULES {
        let doc = registry::doc(rule.code)
            .unwrap_or_else(|| panic!("docs/rules/{}.md is missing", rule.code));
        assert!(
            doc.starts_with(&format!("# {} {}", rule.code, rule.name)),
            "{}",
            rule.code
        );
        for section in ["## なぜ問題か", "## Why it matters", "## 根拠 / Basis"] {
            assert!(doc.contains(section), "{}: no `{section}`", rule.code);
        }
    }
}

#[test]
fn every_rule_fails_its_wrong_example_and_passes_its_right_one() {
    let mut checked = 0;
    for rule in registry::RULES {
        let doc = registry::doc(rule.code).unwrap();
        let ex = examples(doc);
        if NOT_EXPRESSIBLE.contains(&rule.code) {
            assert!(ex.is_empty());
            continue;
        }
        let wrong: Vec<_> = ex.iter().filter(|e| e.kind == "wrong").collect();
        let right: Vec<_> = ex.iter().filter(|e| e.kind == "right").collect();
        assert!(
            !wrong.is_empty() && !right.is_empty(),
            "{}: needs a wrong and a right example",
            rule.code
        );
        // The right example must not report the code where the wrong one does (a standalone
        // snippet may lack unrelated keys; those are not what the example is about).
        let mut places = Vec::new();
        for e in wrong {
            let got = run(e);
            // What the base already reports is not what the edit introduces.
            let before = match &e.base {
                Some(_) => run(&Example {
                    kind: String::new(),
                    base: e.base.clone(),
                    today: e.today.clone(),
                    body: String::new(),
                }),
                None => Vec::new(),
            };
            let here: Vec<String> = got
                .iter()
                .filter(|d| d.0 == rule.code && !before.contains(d))
                .map(|(_, p)| p.clone())
                .collect();
            assert!(
                !here.is_empty(),
                "{}: the wrong example does not produce it (got {got:?})",
                rule.code
            );
            places.extend(here);
        }
        for e in right {
            let got = run(e);
            let still: Vec<_> = got
                .iter()
                .filter(|(c, p)| *c == rule.code && places.contains(p))
                .collect();
            assert!(
                still.is_empty(),
                "{}: the right example still produces it: {still:?}",
                rule.code
            );
        }
        checked += 1;
    }
    assert_eq!(checked, registry::RULES.len() - NOT_EXPRESSIBLE.len());
}

#[test]
fn registry_codes_are_unique_and_ordered() {
    let codes: Vec<&str> = registry::RULES.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted);
}

/// The rule table of docs/rules.md is the registry's, as `hyoka rules --format markdown` writes
/// it.
#[test]
fn the_rules_page_table_is_the_registry() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    let start = readme
        .find("<!-- rules:")
        .expect("docs/rules.md marks its rule table");
    let body = &readme[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let end = body
        .find("<!-- /rules -->")
        .expect("the table's end is marked");
    assert_eq!(
        &body[..end],
        registry::markdown_table(),
        "docs/rules.md's rule table is stale: paste `hyoka rules --format markdown` between the markers"
    );
}

/// Every code another stage reports is a row of the registry, and every rule of `hyoka check`
/// is a type in a file of its own under `src/check/rules/` (one `rule_def!` a file).
#[test]
fn every_code_is_declared_once() {
    use hyoka::{import, load, render, yaml};
    let stage = [
        yaml::CODE_SYNTAX,
        yaml::CODE_LIMIT,
        yaml::CODE_DUPLICATE_KEY,
        yaml::de::CODE_UNKNOWN_KEY,
        yaml::de::CODE_WRONG_TYPE,
        yaml::de::CODE_BAD_VALUE,
        yaml::de::CODE_MISSING,
        load::CODE_ENCODING,
        load::CODE_UNKNOWN_EDITION,
        load::CODE_ERA_DATE,
        load::CODE_IO,
        load::CODE_DECOMPOSED,
        load::silent::CODE_PLAIN_OVER_LINES,
        load::silent::CODE_COMMENT_IN_VALUE,
        load::silent::CODE_ANCHOR_FOR_TEXT,
        check::CODE_NO_FILES,
        check::CODE_ALLOW_WITHOUT_REASON,
        render::fonts::CODE_NO_FONT,
        render::fonts::CODE_BAD_FONT,
        render::cover::CODE_TEMPLATE,
        render::build::CODE_NO_DEFINITION,
        render::xlsx::CODE_XLSX,
        render::attachments::CODE_ITEM_NOT_IN_TABLE,
        import::workbook::CODE_NOT_A_WORKBOOK,
        import::workbook::CODE_PASSWORD,
        import::workbook::CODE_TOO_LARGE,
        import::CODE_NO_FORM,
        import::CODE_NOT_PLACED,
        import::CODE_MISFIT,
        import::CODE_FORMULA_ERROR,
    ];
    for code in stage {
        assert!(
            registry::find(code).is_some(),
            "{code} is not in the registry"
        );
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check/rules");
    let mut declared = Vec::new();
    for category in std::fs::read_dir(&dir).unwrap().flatten() {
        if !category.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(category.path()).unwrap().flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap();
            // `rule_def! { Type: "HY0101", "name", Severity, … }` declares a type's code.
            let codes: Vec<&str> = text
                .lines()
                .filter_map(|l| {
                    let (ty, rest) = l.trim().split_once(": \"HY")?;
                    ty.chars()
                        .all(|c| c.is_ascii_alphanumeric())
                        .then(|| &rest[..4])
                })
                .collect();
            let name = file.file_name().to_string_lossy().into_owned();
            if name == "mod.rs" {
                assert!(
                    codes.is_empty(),
                    "{}: a category's mod.rs declares no code",
                    category.path().display()
                );
            } else {
                assert_eq!(codes.len(), 1, "{}: one code a file", file.path().display());
                declared.push(format!("HY{}", codes[0]));
            }
        }
    }
    declared.sort();
    let mut ruled: Vec<String> = registry::RULES
        .iter()
        .filter(|r| !matches!(r.runner, hyoka::check::rule::Runner::Stage))
        .map(|r| r.code.to_string())
        .collect();
    ruled.sort();
    assert_eq!(declared, ruled, "the registry lists each rule type once");
}
