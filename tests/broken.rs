//! Deliberately broken copies of the examples (tests/broken/): every `# expect: CODE` comment
//! marks a line where CODE must be reported, and no error may appear on an unmarked line.

mod common;

use std::collections::BTreeSet;

use common::*;
use hyoka::check::{self, config::Config, rule::Options};
use hyoka::diagnostic::Severity;
use hyoka::model::Date;

fn expected(source: &str) -> BTreeSet<(String, usize)> {
    let mut out = BTreeSet::new();
    for (i, line) in source.lines().enumerate() {
        if let Some((_, codes)) = line.split_once("# expect:") {
            for code in codes
                .split_whitespace()
                .filter(|c| c.len() == 6 && c.starts_with("HY"))
            {
                out.insert((code.to_string(), i + 1));
            }
        }
    }
    out
}

#[test]
fn broken_copies_yield_the_expected_codes_at_the_expected_lines() {
    let dir = root().join("tests/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    let options = Options {
        today: Date::parse("2024-06-01").unwrap(),
        ..Options::default()
    };
    for path in files {
        let mut loaded = load_file(&path);
        check::check_loaded(&mut loaded, &options, &Config::default());
        let want = expected(&loaded.source);
        assert!(!want.is_empty(), "{}", path.display());
        let got: BTreeSet<(String, usize)> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.code.to_string(), d.pos.line))
            .collect();
        let missing: Vec<_> = want.difference(&got).collect();
        assert!(
            missing.is_empty(),
            "{}: expected but not reported: {missing:?}\ngot: {got:?}",
            path.display()
        );
        let marked_lines: BTreeSet<usize> = want.iter().map(|(_, l)| *l).collect();
        let surprises: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && !marked_lines.contains(&d.pos.line))
            .map(|d| (d.code, d.pos.line, d.message.en.clone()))
            .collect();
        assert!(
            surprises.is_empty(),
            "{}: errors on unmarked lines: {surprises:#?}",
            path.display()
        );
    }
}
