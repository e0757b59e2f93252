//! `patch`'s edits, each against the text it must leave byte for byte.

use super::*;
use crate::yaml::{parse, Limits};
use serde_json::json;

fn patched(src: &str, changes: &[Change]) -> String {
    let tree = parse(src, &Limits::default()).unwrap();
    let out = patch(src, &tree, changes).unwrap();
    // What was written reads back.
    parse(&out, &Limits::default()).unwrap_or_else(|e| panic!("{}\n{out}", e.message.en));
    out
}

fn set(path: &str, value: Value) -> Change {
    Change::Set {
        path: path.into(),
        value,
    }
}

const SRC: &str = "# head\nforms: [basic]\n\ncover:\n  number: \"3\"  # 評価書番号\n  title: 事務\n\n# systems\nsystems:\n  - id: a\n    name: A  # first\n  # about b\n  - id: b\n    name: B\n\noperation:\n  summary: |\n    one\n    two\n  name: 事務\n";

#[test]
fn a_scalar_changes_where_it_stands() {
    let out = patched(
        SRC,
        &[
            set("/cover/number", json!("4")),
            set("/systems/0/name", json!("Ａ")),
        ],
    );
    assert_eq!(
        out,
        SRC.replace("number: \"3\"", "number: \"4\"")
            .replace("name: A  # first", "name: Ａ  # first")
    );
}

#[test]
fn a_block_text_is_rewritten_as_a_block() {
    let out = patched(SRC, &[set("/operation/summary", json!("one\nthree\n"))]);
    assert_eq!(
        out,
        SRC.replace("    one\n    two\n", "    one\n    three\n")
    );
    let out = patched(SRC, &[set("/cover/title", json!("一行目\n二行目"))]);
    assert!(
        out.contains("  title: |-\n    一行目\n    二行目\n\n# systems"),
        "{out}"
    );
}

#[test]
fn entries_are_removed_with_their_own_comments() {
    let out = patched(
        SRC,
        &[Change::Remove {
            path: "/systems/1".into(),
        }],
    );
    assert_eq!(
        out,
        SRC.replace("  # about b\n  - id: b\n    name: B\n", "")
    );
    let out = patched(
        SRC,
        &[
            Change::Remove {
                path: "/systems/0".into(),
            },
            Change::Remove {
                path: "/systems/1".into(),
            },
        ],
    );
    assert!(
        out.contains("# systems\nsystems: []\n\noperation:"),
        "{out}"
    );
}

#[test]
fn entries_are_added_after_their_siblings() {
    let out = patched(
        SRC,
        &[
            Change::Append {
                path: "/systems".into(),
                value: json!({"id": "c", "name": "C"}),
            },
            set("/cover/notes", json!("なし")),
            set("/threshold/people/band", json!("1k_to_10k")),
            set("/threshold/people/counted_on", json!("令和6年1月1日")),
        ],
    );
    assert!(
        out.contains("    name: B\n  - id: c\n    name: C\n\noperation:"),
        "{out}"
    );
    assert!(
        out.contains("  title: 事務\n  notes: なし\n\n# systems"),
        "{out}"
    );
    assert!(
        out.ends_with("  name: 事務\n\nthreshold:\n  people:\n    band: 1k_to_10k\n    counted_on: 令和6年1月1日\n"),
        "{out}"
    );
}

#[test]
fn an_entry_is_inserted_before_the_one_it_precedes_with_that_ones_comments() {
    let out = patched(
        SRC,
        &[Change::Insert {
            path: "/systems/1".into(),
            value: json!({"id": "m", "name": "M"}),
        }],
    );
    assert!(
        out.contains("    name: A  # first\n  - id: m\n    name: M\n  # about b\n  - id: b\n"),
        "{out}"
    );
    let out = patched(
        SRC,
        &[Change::Insert {
            path: "/forms/0".into(),
            value: json!("key"),
        }],
    );
    // A flow list stays one.
    assert!(out.contains("forms: [key, basic]\n"), "{out}");
}

#[test]
fn an_entry_moves_with_its_lines_as_they_are() {
    let mv = |path: &str, to| Change::Move {
        path: path.into(),
        to,
    };
    let a = "  - id: a\n    name: A  # first\n";
    let b = "  # about b\n  - id: b\n    name: B\n";
    let out = patched(SRC, &[mv("/systems/1", 0)]);
    assert_eq!(out, SRC.replace(&format!("{a}{b}"), &format!("{b}{a}")));
    let out = patched(SRC, &[mv("/systems/0", 1)]);
    assert_eq!(out, SRC.replace(&format!("{a}{b}"), &format!("{b}{a}")));
    // The text's last entry, without a final line break, moving up; and back down.
    let src = "xs:\n  - 1\n  - \"2\"  # two\n  - 3";
    let up = patched(src, &[mv("/xs/2", 0)]);
    assert_eq!(up, "xs:\n  - 3\n  - 1\n  - \"2\"  # two\n");
    let down = patched(src, &[mv("/xs/0", 2)]);
    assert_eq!(down, "xs:\n  - \"2\"  # two\n  - 3\n  - 1");
    // A flow list is written anew; an index past the end is refused.
    assert!(patched(SRC, &[mv("/forms/0", 0)]).contains("forms: [basic]"));
    let tree = parse(SRC, &Limits::default()).unwrap();
    assert!(patch(SRC, &tree, &[mv("/systems/0", 2)]).is_err());
    let crlf = SRC.replace('\n', "\r\n");
    let out = patched(&crlf, &[mv("/systems/1", 0)]);
    assert_eq!(
        out,
        crlf.replace(
            &format!("{a}{b}").replace('\n', "\r\n"),
            &format!("{b}{a}").replace('\n', "\r\n")
        )
    );
}

#[test]
fn flow_collections_are_rewritten_and_crlf_kept() {
    let out = patched(
        SRC,
        &[Change::Append {
            path: "/forms".into(),
            value: json!("full"),
        }],
    );
    assert!(out.contains("forms: [basic, full]\n\ncover:"), "{out}");
    // One that holds a map is written in block style; a key on its item's line keeps its
    // dash.
    let src = "xs:\n  - files: [a, \"b, c\"]  # two\n    name: x\n";
    let out = patched(
        src,
        &[Change::Remove {
            path: "/xs/0/files/0".into(),
        }],
    );
    assert_eq!(out, "xs:\n  - files: [\"b, c\"]  # two\n    name: x\n");
    let out = patched(src, &[set("/xs/0/files", json!([{"id": "a"}]))]);
    assert_eq!(out, "xs:\n  - files: # two\n      - id: a\n    name: x\n");
    let crlf = SRC.replace('\n', "\r\n");
    let out = patched(
        &crlf,
        &[Change::Append {
            path: "/systems".into(),
            value: json!({"id": "c", "name": "C"}),
        }],
    );
    assert!(
        out.contains("    name: B\r\n  - id: c\r\n    name: C\r\n"),
        "{out:?}"
    );
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
}
