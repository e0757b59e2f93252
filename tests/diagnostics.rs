//! Malformed input: every problem gets a code at the right line and column, never a panic.

mod common;

use common::*;
use hyoka::diagnostic::{Lang, Severity};
use hyoka::load;
use hyoka::yaml::Limits;

/// 1-based line of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix:?}"))
        + 1
}

fn yazu_text() -> String {
    std::fs::read_to_string(example("yazu-kokuho")).unwrap()
}

#[test]
fn typo_in_a_key_points_at_the_key_and_suggests_the_right_one() {
    let text = yazu_text().replace("  head_title: 町民課長", "  head_titel: 町民課長");
    let loaded = load_text(&text);
    let line = line_of(&text, "  head_titel:");
    assert_eq!(codes(&loaded), [format!("HY0002@{line}:3")]);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.path, "/department/head_titel");
    assert_eq!(
        d.help.as_ref().unwrap().text(Lang::En),
        "did you mean `head_title`?"
    );
    assert_eq!(
        d.help.as_ref().unwrap().text(Lang::Ja),
        "`head_title` のことですか？"
    );
    // Unknown keys do not stop loading: the rest of the model is there for later checks.
    assert!(loaded.assessment.is_some());
}

#[test]
fn wrong_type_points_at_the_value() {
    let text = yazu_text().replace(
        "  audit:\n    self_check: true",
        "  audit:\n    self_check: [true]",
    );
    let loaded = load_text(&text);
    let line = line_of(&text, "    self_check: [true]");
    assert_eq!(codes(&loaded), [format!("HY0003@{line}:17")]);
    assert_eq!(loaded.diagnostics[0].path, "/basic_risk/audit/self_check");
    assert!(loaded.diagnostics[0]
        .message
        .text(Lang::En)
        .contains("expected a boolean"));
}

#[test]
fn bad_choice_lists_the_allowed_values_in_both_languages() {
    let text = yazu_text().replace("  storage: sufficient", "  storage: suficient");
    let loaded = load_text(&text);
    let line = line_of(&text, "  storage: suficient");
    assert_eq!(codes(&loaded), [format!("HY0004@{line}:12")]);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.path, "/basic_risk/storage");
    assert!(d.message.text(Lang::Ja).contains("emphasized（特に力を入れている）、sufficient（十分である）、remaining（課題が残されている）"), "{}", d.message.ja);
    assert!(d.message.text(Lang::En).contains("sufficient (十分である)"));
    assert_eq!(
        d.help.as_ref().unwrap().text(Lang::En),
        "did you mean `sufficient`?"
    );
}

#[test]
fn yaml_syntax_error_has_its_position() {
    let text = yazu_text().replace("  name: 町民課\n", "  name: 町民課\n   bad indent: x\n");
    let loaded = load_text(&text);
    assert_eq!(loaded.diagnostics.len(), 1);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code, "HY0001");
    assert_eq!(d.pos.line, line_of(&text, "   bad indent"));
    assert!(loaded.assessment.is_none());
}

#[test]
fn every_problem_in_a_file_is_reported_in_one_run() {
    let text = yazu_text()
        .replace("  head_title: 町民課長", "  head_titel: 町民課長")
        .replace("  incident: none", "  incident: maybe")
        .replace(
            "  audit:\n    self_check: true",
            "  audit:\n    self_check: [true]",
        )
        .replace("  training: sufficient", "  training: {a: 1}");
    let loaded = load_text(&text);
    let got: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        got,
        ["HY0002", "HY0004", "HY0003", "HY0003"],
        "{:#?}",
        loaded.diagnostics
    );
    // Sorted by position, each at its own line.
    let lines: Vec<usize> = loaded.diagnostics.iter().map(|d| d.pos.line).collect();
    assert_eq!(
        lines,
        [
            line_of(&text, "  head_titel"),
            line_of(&text, "  incident: maybe"),
            line_of(&text, "    self_check: [true]"),
            line_of(&text, "  training: {a: 1}")
        ]
    );
}

#[test]
fn missing_required_key_is_reported_at_its_mapping() {
    let text = yazu_text().replace(
        "  - id: atena\n    name: 団体内統合宛名システム\n",
        "  - name: 団体内統合宛名システム\n",
    );
    let loaded = load_text(&text);
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code, "HY0005");
    assert_eq!(d.path, "/systems/2/id");
    assert_eq!(
        d.pos.line,
        line_of(&text, "  - name: 団体内統合宛名システム")
    );
}

#[test]
fn duplicate_keys_are_an_error_not_a_silent_overwrite() {
    let text = yazu_text().replace(
        "other_bodies: なし\n",
        "other_bodies: なし\nother_bodies: あり\n",
    );
    let loaded = load_text(&text);
    assert_eq!(
        codes(&loaded),
        [format!("HY0008@{}:1", line_of(&text, "other_bodies: あり"))]
    );
    assert!(loaded.diagnostics[0]
        .message
        .text(Lang::En)
        .contains(&format!(
            "first at line {}",
            line_of(&text, "other_bodies: なし")
        )));
}

#[test]
fn a_date_no_era_has_is_a_warning_and_the_file_still_loads() {
    let text = yazu_text().replace("  published: 令和6年1月1日", "  published: 平成31年5月1日");
    let loaded = load_text(&text);
    assert_eq!(
        codes(&loaded),
        [format!("HY0010@{}:14", line_of(&text, "  published:"))]
    );
    assert_eq!(loaded.diagnostics[0].severity, Severity::Warning);
    assert_eq!(
        loaded.assessment.unwrap().cover.published.unwrap().ymd(),
        (2019, 5, 1)
    );
}

#[test]
fn an_impossible_date_is_an_error() {
    let text = yazu_text().replace("  published: 令和6年1月1日", "  published: 令和6年2月30日");
    let loaded = load_text(&text);
    assert_eq!(
        codes(&loaded),
        [format!("HY0004@{}:14", line_of(&text, "  published:"))]
    );
    // Not "expected 令和6年1月1日": the shape is right, the day does not exist.
    let m = &loaded.diagnostics[0].message;
    assert!(
        m.text(Lang::Ja)
            .contains("`令和6年2月30日` という日付は存在しません"),
        "{m:?}"
    );
    assert!(
        m.text(Lang::En).contains("not a day on the calendar"),
        "{m:?}"
    );
}

#[test]
fn an_unknown_form_edition_lists_the_known_ones() {
    let text = yazu_text().replace("  basic: 平成31年1月", "  basic: 令和9年1月");
    let loaded = load_text(&text);
    assert_eq!(
        codes(&loaded),
        [format!(
            "HY0009@{}:10",
            line_of(&text, "  basic: 令和9年1月")
        )]
    );
    assert!(loaded.diagnostics[0]
        .help
        .as_ref()
        .unwrap()
        .text(Lang::Ja)
        .contains("平成31年1月"));
}

#[test]
fn alias_bombs_are_refused_by_the_expansion_budget() {
    // "Billion laughs": nine levels of ten-fold aliases would expand to 10^9 strings.
    let mut text = String::from("a0: &a0 [\"lol\"]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let loaded = load_text(&text);
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, "HY0006");
    assert!(loaded.diagnostics[0]
        .message
        .text(Lang::En)
        .contains("billion laughs"));
    // The refusal comes from the budget, well before the expansion: nothing large was built.
    assert!(loaded.tree.is_none());
}

#[test]
fn deep_nesting_and_oversized_files_are_refused() {
    let deep = format!("{}1{}", "[".repeat(500), "]".repeat(500));
    let loaded = load_text(&deep);
    assert_eq!(loaded.diagnostics[0].code, "HY0006");
    // Block nesting is bounded by our own depth limit.
    let block: String = (0..100)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let loaded = load_text(&block);
    assert_eq!(loaded.diagnostics[0].code, "HY0006");
    assert!(loaded.diagnostics[0]
        .message
        .text(Lang::En)
        .contains("nesting is too deep"));

    let limits = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let loaded = load::load_str("big.yaml", &"# padding\n".repeat(200), &limits);
    assert_eq!(loaded.diagnostics[0].code, "HY0006");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, "# padding\n".repeat(200)).unwrap();
    let loaded = load::load_path(&path, &limits);
    assert_eq!(loaded.diagnostics[0].code, "HY0006");
}

#[test]
fn shift_jis_files_get_an_encoding_error_with_a_fix() {
    // "事務" in Shift_JIS.
    let loaded = load::load_bytes(
        "sjis.yaml",
        b"forms: [basic]\nname: \x8e\x96\x96\xb1\n",
        &Limits::default(),
    );
    assert_eq!(codes(&loaded), ["HY0007@2:7"]);
    assert!(loaded.diagnostics[0]
        .help
        .as_ref()
        .unwrap()
        .text(Lang::En)
        .contains("iconv"));
}

#[test]
fn more_than_one_document_is_refused() {
    let loaded = load_text("forms: [basic]\n---\nforms: [key]\n");
    assert_eq!(codes(&loaded), ["HY0001@2:1"]);
}

#[test]
fn hostile_and_random_input_never_panics() {
    let samples = [
        "",
        "~",
        "[]",
        "- - -",
        "{",
        "}",
        ":",
        "? a\n: b",
        "!!binary aGk=",
        "&a [*a]",
        "*nope",
        "\t- x",
        "a: b: c",
        "forms: 3",
        "forms: [basic]\neditions: []\ncover: x",
        "\u{feff}a: 1",
        "a: \"\\u00\"",
        "a: |\n b\n  c\n d",
    ];
    for s in samples {
        let loaded = load_text(s);
        assert!(
            loaded.has_errors(),
            "{s:?} should not load as an assessment"
        );
    }
}

#[test]
fn model_paths_map_to_positions() {
    let loaded = load_example("shinjuku-kokuho");
    let text = &loaded.source;
    let sub_line = text
        .lines()
        .position(|l| l.trim_start().starts_with("status: subcontract"))
        .unwrap()
        + 1;
    let pos = loaded.pos_of("/files/0/delegations/0/subcontract/status");
    assert_eq!(pos.line, sub_line);
    // A path that does not exist maps to its nearest existing ancestor: where to add it.
    let files_line = text.lines().position(|l| l == "files:").unwrap() + 1;
    assert_eq!(
        loaded.pos_of("/files/0/nonexistent/deeper").line,
        files_line + 1
    );
    assert_eq!(loaded.key_pos_of("/cover/title").column, 3);
}

/// A choice label typed slightly off gets "did you mean" with the form's own wording.
#[test]
fn a_mistyped_choice_label_gets_did_you_mean() {
    for typed in ["十分である。", "十分で有る"] {
        let text = yazu_text().replacen(
            "  acquisition: sufficient",
            &format!("  acquisition: {typed}"),
            1,
        );
        let loaded = load_text(&text);
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.path.ends_with("acquisition"))
            .unwrap_or_else(|| panic!("{typed}: {:?}", loaded.diagnostics));
        let help = d.help.as_ref().expect("a suggestion");
        assert!(
            help.text(Lang::Ja).contains("`十分である` のことですか"),
            "{help:?}"
        );
    }
}

/// IME mistakes are reported on their own line, in Japanese, with the fix — not on the next
/// line in the parser's English.
#[test]
fn ime_mistakes_are_reported_where_they_are() {
    let text = yazu_text();
    let line = line_of(&text, "  head_title:");
    for (typed, code, col, says) in [
        ("  head_title：町民課長", "HY0001", 13, "全角（：）"),
        ("  head_title:町民課長", "HY0001", 13, "空白がありません"),
        ("\thead_title: 町民課長", "HY0001", 1, "タブ"),
        // Still YAML (a key `　head_title` at the top level): the key is unknown, and the
        // fix names the full-width space.
        ("\u{3000}head_title: 町民課長", "HY0002", 1, "全角スペース"),
    ] {
        let broken = text.replacen("  head_title: 町民課長", typed, 1);
        let loaded = load_text(&broken);
        let d = &loaded.diagnostics[0];
        assert_eq!(
            (d.code, d.pos.line, d.pos.column),
            (code, line, col),
            "{typed:?}: {:?}",
            d.message
        );
        let ja = d.message.text(Lang::Ja);
        let help = d.help.as_ref().unwrap().text(Lang::Ja);
        assert!(
            ja.contains(says) || help.contains(says),
            "{typed:?}: {ja} {help}"
        );
        assert!(help.contains("半角"), "{help}");
        assert!(!ja.is_ascii() && !ja.contains("mapping values"), "{ja}");
    }
    // Any other syntax error: a Japanese message, the parser's words only in English.
    let loaded = load_text("cover: [\n");
    let d = &loaded.diagnostics[0];
    assert!(d
        .message
        .text(Lang::Ja)
        .starts_with("YAML の書き方に誤りがあります"));
    assert!(d.message.text(Lang::En).starts_with("YAML syntax error: "));
}

/// Every entry is reported at its own index: three systems without `id`, or a list of bare
/// names, give three diagnostics at /systems/0, /1 and /2 — with what an id is.
#[test]
fn every_list_item_is_reported_at_its_own_index() {
    let text = yazu_text();
    let no_ids = regex::Regex::new(r"  - id: \S+\n    name: (.*)\n").unwrap();
    for (replacement, want) in [("  - name: $1\n", "/id"), ("  - $1\n", "")] {
        let broken = no_ids.replacen(&text, 3, replacement).into_owned();
        let loaded = load_text(&broken);
        let paths: Vec<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.path.starts_with("/systems"))
            .map(|d| d.path.as_str())
            .collect();
        let expected: Vec<String> = (0..3).map(|i| format!("/systems/{i}{want}")).collect();
        assert_eq!(paths, expected, "{:?}", loaded.diagnostics);
        let first = line_of(&broken, "systems:") + 1;
        let lines: Vec<usize> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.path.starts_with("/systems"))
            .map(|d| d.pos.line)
            .collect();
        assert_eq!(lines, [first, first + 1, first + 2]);
    }
    let broken = no_ids.replacen(&text, 1, "  - name: $1\n").into_owned();
    let help = load_text(&broken).diagnostics[0].help.clone().unwrap();
    assert!(help.text(Lang::Ja).contains("id: atena"), "{help:?}");
}

/// A clerk who types a choice's label slightly off (`十分に行なっている`, `十分である。`) is told the
/// label they meant, and the suggestion, typed in, loads: for every choice item of every example,
/// the suggestion comes from the item's own list, even where two lists share their ids (Ⅳ９
/// 教育・啓発 and 周知 are both `sufficient` / `emphasized` / `insufficient`).
#[test]
fn every_choice_suggestion_applied_loads() {
    use hyoka::yaml::write::{apply, quoted, replace_scalar};
    let mut tried = 0;
    // One try per item of the model and label (list entries repeat the same items).
    let mut seen = std::collections::HashSet::new();
    for name in EXAMPLES {
        let source = std::fs::read_to_string(example(name)).unwrap();
        let loaded = load_text(&source);
        let tree = loaded.tree.as_ref().unwrap();
        for (path, node) in tree.scalars() {
            let Some(list) = hyoka::model::text::choices_at(&path) else {
                continue;
            };
            let Some(value) = node.as_str() else { continue };
            let Some((_, label)) = list.iter().find(|(id, l)| id == value || l == value) else {
                continue;
            };
            let item: String = path
                .split('/')
                .map(|s| if s.parse::<usize>().is_ok() { "*" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            if !seen.insert((item, label.clone())) {
                continue;
            }
            let edit = |text: &str| {
                replace_scalar(&source, node, &quoted(text)).map(|e| apply(&source, &[e]))
            };
            let Some(mistyped) = edit(&format!("{label}。")) else {
                continue;
            };
            let wrong = load_text(&mistyped);
            let d = wrong
                .diagnostics
                .iter()
                .find(|d| d.code == "HY0004" && d.path == path)
                .unwrap_or_else(|| panic!("{name} {path}: `{label}。` is not reported"));
            let help = d.help.as_ref().map(|h| h.en.clone()).unwrap_or_default();
            let suggested = help
                .strip_prefix("did you mean `")
                .and_then(|h| h.strip_suffix("`?"))
                .unwrap_or_else(|| panic!("{name} {path}: no suggestion ({help})"));
            assert_eq!(suggested, label, "{name} {path}");
            let fixed = load_text(&edit(suggested).unwrap());
            assert!(
                !fixed.diagnostics.iter().any(|d| d.path == path),
                "{name} {path}: `{suggested}` does not load"
            );
            tried += 1;
        }
    }
    assert!(tried > 40, "{tried} choice items tried");
}

/// A full-width colon, a missing space and a tab indent, and a mistyped choice: all four in one
/// run, each at its line, the model's error found by reading past the typing mistakes. The file
/// is still not loaded.
#[test]
fn every_typing_mistake_and_then_the_models_errors_in_one_run() {
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (name, head, training, storage) = (
        line_of("  name: 町民課"),
        line_of("  head_title: 町民課長"),
        line_of("  training: sufficient"),
        line_of("  storage: sufficient"),
    );
    let broken = text
        .replacen("  name: 町民課", "  name：町民課", 1)
        .replacen("  head_title: 町民課長", "  head_title:町民課長", 1)
        .replacen("  training: sufficient", "\ttraining: sufficient", 1)
        .replacen("  storage: sufficient", "  storage: sufficent", 1);
    let loaded = load_text(&broken);
    assert!(loaded.assessment.is_none());
    let found: Vec<(&str, usize)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.pos.line))
        .collect();
    for expected in [
        ("HY0001", name),
        ("HY0001", head),
        ("HY0001", training),
        ("HY0004", storage),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:?}");
    }
}

/// A yes/no item answered as a clerk answers it: はい / いいえ load as true / false, and the
/// schema an editor uses accepts them too.
#[test]
fn yes_and_no_in_japanese_answer_a_yes_no_item() {
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    let loaded = load_text(
        &text
            .replacen("    internal: false", "    internal: はい", 1)
            .replacen("    external: false", "    external: \"いいえ\"", 1),
    );
    assert!(!loaded.has_errors(), "{:?}", codes(&loaded));
    let audit = &loaded
        .assessment
        .unwrap()
        .basic_risk
        .unwrap()
        .audit
        .unwrap();
    assert!(audit.internal && !audit.external);
    let schema: serde_json::Value =
        serde_json::from_str(&hyoka::model::schema::generate()).unwrap();
    let internal = schema
        .pointer("/$defs")
        .and_then(|d| d.as_object())
        .and_then(|defs| {
            defs.values()
                .find_map(|d| d.pointer("/properties/internal"))
        })
        .expect("a schema for the audit's boxes");
    assert_eq!(
        internal["enum"],
        serde_json::json!([true, false, "はい", "いいえ"])
    );
}

/// A value broken over two lines by accident loses its line break (HY0014); the advice offers
/// joining the lines first, then a `|` block for a break that is meant.
#[test]
fn a_value_over_two_lines_is_warned_with_both_fixes() {
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    let broken = text.replacen("  head_title: 町民課長", "  head_title: 町民\n    課長", 1);
    let loaded = load_text(&broken);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == "HY0014")
        .expect("HY0014");
    let help = d.help.as_ref().unwrap();
    assert!(
        help.ja.contains("前の行につなげて") && help.ja.contains("`|`"),
        "{}",
        help.ja
    );
    assert!(help.en.contains("join the line"), "{}", help.en);
}
