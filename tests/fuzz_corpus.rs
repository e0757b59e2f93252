//! Replays the fuzz targets' committed inputs on stable Rust: the seed corpora
//! (`fuzz/seeds/<target>/`: the examples, broken copies, hostile files) and every input a fuzzer
//! once crashed on (`tests/fuzz_regressions/<target>/`). Each goes through the same
//! `hyoka::harness` function the fuzz target calls, so a crash found once is tried on every run.

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use hyoka::harness;

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("fuzz/seeds").join(target),
        root.join("tests/fuzz_regressions").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    files.sort();
    files
}

fn replay(target: &str, run: impl Fn(&[u8])) -> usize {
    let files = inputs(target);
    for file in &files {
        let data = std::fs::read(file).unwrap();
        // Name the input if it fails: the panic message alone does not say which.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&data)));
        assert!(outcome.is_ok(), "{target}: {} failed", file.display());
    }
    files.len()
}

#[test]
fn import_corpus() {
    assert!(replay("import", harness::import_bytes) >= 8);
}

#[test]
fn import_sheet_corpus() {
    let n = replay("import_sheet", |data| {
        if let Ok(sheet) = harness::Sheet::arbitrary_take_rest(Unstructured::new(data)) {
            harness::import_sheet(&sheet);
        }
    });
    assert!(n >= 6);
}

#[test]
fn import_form_corpus() {
    let n = replay("import_form", |data| {
        if let Ok(sheet) =
            harness::form_sheet::FormSheet::arbitrary_take_rest(Unstructured::new(data))
        {
            harness::import_form(&sheet);
        }
    });
    assert!(n >= 8);
}

/// The official form's pieces arranged from 300 pseudo-random inputs, on every run: the
/// structure-aware target's promises without a fuzzer.
#[test]
fn the_form_pieces_in_any_arrangement_import_as_promised() {
    let mut state: u64 = 0x2026_1201;
    for _ in 0..300 {
        let data: Vec<u8> = (0..1500)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 56) as u8
            })
            .collect();
        if let Ok(sheet) =
            harness::form_sheet::FormSheet::arbitrary_take_rest(Unstructured::new(&data))
        {
            harness::import_form(&sheet);
        }
    }
}

#[test]
fn hostile_cell_texts_import_to_yaml_that_reads_back_the_same() {
    // Texts the YAML writer must quote or fold: YAML indicators, `: ` and ` #`, tabs, CR line
    // ends, leading spaces in a block, booleans and numbers, U+FEFF, quotes, blank lines.
    let texts = [
        "- list?",
        "key: value",
        "a #comment",
        "\ttab",
        "line\r\nnext",
        "  indented\nsecond",
        "yes",
        "0x12",
        "~",
        "null",
        "\u{feff}bom",
        "'quoted'",
        "\"dq\"",
        "|",
        "&anchor",
        "*alias",
        "!tag",
        "%percent",
        "@at",
        "`tick`",
        "[ ]",
        "{x}",
        "\n\nleading newlines",
        "a\n\n\nb",
    ];
    // Free-text items of 様式2 in form order, one text each, as label | value rows.
    let def = hyoka::model::form::get(hyoka::model::FormKind::Basic, "平成31年1月").unwrap();
    let all: Vec<&hyoka::model::form::FormNode> = def.nodes.iter().flat_map(|n| n.walk()).collect();
    let free: Vec<(u16, &str)> = all
        .iter()
        .enumerate()
        .filter(|(_, n)| n.children.is_empty() && n.repeat.is_none())
        .filter_map(|(i, n)| Some((i as u16, n.path.as_deref()?)))
        .filter(|(_, p)| {
            let json = format!("/{}", p.replace('.', "/"));
            let schema = hyoka::model::text::schema_at(&json);
            !hyoka::model::text::is_choice(&json)
                && !schema.is_some_and(hyoka::model::schema::is_yes_no)
                && schema
                    .and_then(|s| s.get("type"))
                    .is_some_and(|t| t.to_string().contains("string"))
        })
        .filter(|(_, p)| !p.contains("counted_on") && !p.starts_with("cover.published"))
        .collect();
    assert!(free.len() >= 12, "{free:?}");
    let pairs: Vec<(&str, (u16, &str))> = texts.iter().copied().zip(free).collect();
    let sheet = harness::Sheet {
        cells: pairs
            .iter()
            .enumerate()
            .map(|(r, (t, _))| (r as u8, 0, t.to_string()))
            .collect(),
        labels: pairs
            .iter()
            .enumerate()
            .map(|(r, (_, (i, _)))| (r as u8, *i))
            .collect(),
    };
    harness::import_sheet(&sheet);
    // And each text came back as it was (CR line ends as LF, trailing blank lines as YAML keeps
    // them): the import is a writer of YAML that means what the cell said.
    let yaml = harness::imported_yaml(&sheet);
    let tree = hyoka::yaml::parse(&yaml, &hyoka::yaml::Limits::default()).unwrap();
    let value = tree.to_json();
    for (text, (_, path)) in &pairs {
        let got = hyoka::model::path::get(&value, path);
        let want = text.replace("\r\n", "\n");
        assert_eq!(got.as_str(), Some(want.trim_end()), "{path}\n{yaml}");
    }
}

#[test]
fn load_corpus() {
    assert!(replay("load", harness::load_bytes) >= 30);
}

#[test]
fn check_corpus() {
    assert!(replay("check", harness::check_bytes) >= 30);
}

#[test]
fn diff_corpus() {
    assert!(replay("diff", harness::diff_bytes) >= 10);
}

#[test]
fn history_corpus() {
    assert!(replay("history", harness::history_bytes) >= 9);
}

#[test]
fn render_corpus() {
    assert!(replay("render", harness::render_bytes) >= 3);
}

#[test]
fn plan_corpus() {
    let n = replay("plan", |data| {
        if let Ok(plan) = harness::Plan::arbitrary_take_rest(Unstructured::new(data)) {
            harness::plan(&plan);
        }
    });
    assert!(n >= 5);
}

/// What the structure-aware target is for, tried by name: texts YAML rarely carries, in every
/// text item of every example, rendered to PDF and HTML.
#[test]
fn hostile_texts_in_every_item_render() {
    let texts = [
        "",
        "e\u{301}\u{302}\u{303}ａ\u{20dd}",
        "👨‍👩‍👧‍👦☺\u{fe0f}葛\u{e0100}",
        "𠀋𡈽𪚲",
        "\u{fffd}\u{ffff}\u{fffe}",
        "مرحبا שלום \u{202e}abc",
        "\u{0}\u{7}\t\r\n",
    ];
    for (base, text) in (0..3u8).flat_map(|b| texts.iter().map(move |t| (b, *t))) {
        let plan = harness::Plan {
            base,
            texts: vec![text.to_string()],
            repeat: 1,
            stride: 1,
            history_rows: 0,
            forms: 0b111,
        };
        let a = harness::apply_plan(&plan).expect("texts fit the model");
        assert!(
            a.operation.name == text,
            "the plan replaced the texts ({base}, {text:?})"
        );
        harness::plan(&plan);
    }
}

/// A 20,000-character word with no break opportunity, in a few items of each form (in every
/// item it would be minutes of layout in a debug build; the fuzz target tries that in release).
#[test]
fn a_word_of_twenty_thousand_characters_renders() {
    for base in 0..3u8 {
        let plan = harness::Plan {
            base,
            // Latin letters: no break opportunity anywhere (UAX #14 class AL), unlike kana.
            texts: vec!["x".repeat(20_000)],
            repeat: 1,
            stride: [40, 40, 150][usize::from(base)],
            history_rows: 0,
            forms: 0b111,
        };
        let a = harness::apply_plan(&plan).expect("a model");
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            json.contains(&"x".repeat(20_000)),
            "the word is in the model"
        );
        harness::plan(&plan);
    }
}

#[test]
fn ten_thousand_history_rows_render() {
    let plan = harness::Plan {
        base: 0,
        texts: vec!["変更".into()],
        repeat: 1,
        stride: 200,
        history_rows: 10_000,
        forms: 1,
    };
    let a = harness::apply_plan(&plan).expect("a model");
    assert!(a.history.len() >= 10_000);
    harness::render_model(&a);
}

/// The `amplify` target's shapes, each at a size that once blew memory (the fuzzer searches
/// their neighbourhood under `-rss_limit_mb=1024`): every one ends in a coded error or an
/// import through the same harness function.
#[test]
fn amplifying_workbooks_end_in_an_error_or_an_import() {
    use hyoka::harness::amplify::Amplifier;
    for shape in [
        Amplifier::SharedString {
            cells: 4_000,
            chars: 32_767,
        },
        Amplifier::RepeatedCell {
            rows: 10,
            columns: 16_384,
            chars: 32_000,
        },
        Amplifier::LyingSize {
            padding: 3 << 10,
            declared: 1_000,
        },
        Amplifier::DeclaredCount { unique: u32::MAX },
        Amplifier::Merges { count: 2_000 },
    ] {
        harness::amplified(&shape);
    }
}
