//! A YAML tree written out for a person to fill in: block style only (a comma in a value never
//! ends it, as it would in `{…}`), and above every key a comment with the form's label for it —
//! for a choice, every alternative with its official wording — from the same schema titles and
//! choice lists the editor's hover shows. `hyoka init` writes its scaffolds this way.

use std::fmt::Write as _;

use crate::model::FormKind;
use crate::yaml::write::{self, Quote};
use crate::yaml::{Node, NodeKind, Style};

/// The mark the scaffolds write where a value is to be written (`check` flags it as a placeholder).
pub const TO_WRITE: &str = "○○";

/// The scaffolds, one per form. They are data (templates/), embedded so the binary stands alone.
pub fn scaffold(form: FormKind) -> &'static str {
    crate::templates::expect(&format!("init/{}.yaml", form.id()))
}

/// The scaffold as written for a person: the template's opening comments, then its data in block
/// style with the form's label (and a choice's alternatives) above every key.
pub fn scaffold_text(form: FormKind, schema: &str, today: &str) -> String {
    let (header, tree) = scaffold_tree(form, schema, today);
    format!("{header}{}", write(&tree))
}

fn scaffold_tree(form: FormKind, schema: &str, today: &str) -> (String, Node) {
    let filled = scaffold(form)
        .replace("{{schema}}", schema)
        .replace("{{today}}", today);
    let header_len: usize = filled
        .split_inclusive('\n')
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .map(str::len)
        .sum();
    let (header, data) = filled.split_at(header_len);
    let tree = crate::yaml::parse(data, &crate::yaml::Limits::default())
        .expect("the init templates parse (tests/cli.rs)");
    (header.to_string(), tree)
}

/// What a form's scaffold gives as an entry of the list at `list` (`/files/3/delegations`: the
/// scaffold's `/files/0/delegations/0`), as JSON — what a new entry starts as, with ○○ where it
/// is to be written.
pub fn new_entry(form: FormKind, list: &str) -> Option<serde_json::Value> {
    let (_, tree) = scaffold_tree(form, "", "");
    let mut node = &tree;
    for seg in list.split('/').filter(|s| !s.is_empty()) {
        let seg = if seg.parse::<usize>().is_ok() {
            "0"
        } else {
            seg
        };
        node = node.child(seg)?;
    }
    node.child("0").map(Node::to_json)
}

/// The top-level sections of a form's scaffold, in its order (`forms`, `editions`, `cover`, …).
pub fn sections(form: FormKind) -> Vec<String> {
    let (_, tree) = scaffold_tree(form, "", "");
    match &tree.kind {
        NodeKind::Map(entries) => entries
            .iter()
            .filter_map(|(k, _)| k.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// One top-level section of a form's scaffold, as `hyoka init` writes it, to paste into a file
/// that lacks it (`inquiry:` with its labelled keys); `None` when the scaffold has no such
/// section.
pub fn section(form: FormKind, key: &str) -> Option<String> {
    let (_, tree) = scaffold_tree(form, "", "");
    let NodeKind::Map(entries) = &tree.kind else {
        return None;
    };
    let entry = entries
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))?
        .clone();
    let one = Node {
        kind: NodeKind::Map(vec![entry]),
        span: tree.span,
    };
    Some(write(&one))
}

/// Writes `root` (a mapping) as block-style YAML with a comment above every key.
pub fn write(root: &Node) -> String {
    let mut out = String::new();
    if let NodeKind::Map(entries) = &root.kind {
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            entry(&mut out, k.as_str().unwrap_or_default(), v, "", 0, None);
        }
    }
    out
}

/// The comment lines for the key at `path`: its label, and for a choice its alternatives.
fn comments(path: &str) -> Vec<String> {
    let mut lines = Vec::new();
    // A tick box by the form's own words for it (委託しない), with its box.
    if let Some(tick) = super::form::tick_at(path) {
        lines.push(format!("［ ］{}（付けるなら true）", tick.label));
    } else if let Some(title) = super::text::title_at(path) {
        let choices = super::text::choices_at(path).is_some();
        match title {
            // 「選択肢」 alone says nothing the choice line below does not.
            "選択肢" if choices => {}
            // An id is hyoka's, not the form's: say what it is for.
            "ID" => lines.push(match super::text::help_at(path) {
                Some(help) => format!("ID: {}", help.lines().next().unwrap_or(help)),
                None => title.to_string(),
            }),
            _ => lines.push(title.to_string()),
        }
    }
    if let Some(list) = super::text::choices_at(path) {
        let alternatives: Vec<String> = list
            .iter()
            .map(|(id, label)| format!("{id} {label}"))
            .collect();
        lines.push(format!("選択肢: {}", alternatives.join(" / ")));
    }
    lines
}

/// One `key: value` at `indent`, its comments above it. `first_in_item` is the `- ` that starts
/// a list item, written in place of the indentation on the entry's own line.
fn entry(
    out: &mut String,
    key: &str,
    value: &Node,
    parent: &str,
    indent: usize,
    first_in_item: Option<usize>,
) {
    let path = format!("{parent}/{key}");
    let pad = " ".repeat(indent);
    let lead = match first_in_item {
        Some(dash) => format!("{}- ", " ".repeat(dash)),
        None => pad.clone(),
    };
    let notes = comments(&path);
    // Comments of an item's first key go above its `- ` line, at the dash's indentation.
    let note_pad = match first_in_item {
        Some(dash) => " ".repeat(dash),
        None => pad.clone(),
    };
    for note in &notes {
        let _ = writeln!(out, "{note_pad}# {note}");
    }
    match &value.kind {
        NodeKind::Scalar { value: text, style } => {
            let _ = writeln!(out, "{lead}{key}: {}", scalar(text, *style, indent + 2));
        }
        NodeKind::Seq(items) if items.is_empty() => {
            let _ = writeln!(out, "{lead}{key}: []");
        }
        NodeKind::Map(entries) if entries.is_empty() => {
            let _ = writeln!(out, "{lead}{key}: {{}}");
        }
        NodeKind::Seq(items) => {
            let _ = writeln!(out, "{lead}{key}:");
            for (i, item) in items.iter().enumerate() {
                list_item(out, item, &format!("{path}/{i}"), indent + 2);
            }
        }
        NodeKind::Map(entries) => {
            let _ = writeln!(out, "{lead}{key}:");
            for (k, v) in entries {
                entry(
                    out,
                    k.as_str().unwrap_or_default(),
                    v,
                    &path,
                    indent + 2,
                    None,
                );
            }
        }
    }
}

fn list_item(out: &mut String, item: &Node, path: &str, indent: usize) {
    let pad = " ".repeat(indent);
    match &item.kind {
        NodeKind::Scalar { value, style } => {
            let _ = writeln!(out, "{pad}- {}", scalar(value, *style, indent + 2));
        }
        NodeKind::Map(entries) if !entries.is_empty() => {
            for (i, (k, v)) in entries.iter().enumerate() {
                let first = (i == 0).then_some(indent);
                entry(
                    out,
                    k.as_str().unwrap_or_default(),
                    v,
                    path,
                    indent + 2,
                    first,
                );
            }
        }
        NodeKind::Map(_) => {
            let _ = writeln!(out, "{pad}- {{}}");
        }
        NodeKind::Seq(items) => {
            // Lists of lists do not occur in the model; keep them readable all the same.
            let _ = writeln!(out, "{pad}-");
            for (i, inner) in items.iter().enumerate() {
                list_item(out, inner, &format!("{path}/{i}"), indent + 2);
            }
        }
    }
}

/// A scalar in block context: as it was written when it was plain and reads back so (a
/// number stays a number), else as the one writer writes a text (a `|` block for several lines,
/// quotes where YAML needs them).
fn scalar(text: &str, style: Style, indent: usize) -> String {
    if style == Style::Plain && write::plain_syntax_ok(text) {
        return text.to_string();
    }
    write::scalar(text, indent - 2, Quote::WhenNeeded)
}

#[cfg(test)]
mod tests {
    use crate::yaml::{parse, Limits};

    #[test]
    fn flow_becomes_block_with_labels_and_choices() {
        let tree = parse(
            "operation: {name: ○○, summary: \"被保険者約12,000人の資格管理\", people: 10k_to_100k}\nforms: [basic]\n",
            &Limits::default(),
        )
        .unwrap();
        let text = super::write(&tree);
        assert!(!text.contains('{') && !text.contains('['), "{text}");
        assert!(
            text.contains("  summary: 被保険者約12,000人の資格管理\n"),
            "{text}"
        );
        assert!(text.contains("# ①事務の名称\n  name: ○○"), "{text}");
        assert!(text.contains("選択肢: under_1k"), "{text}");
        assert!(text.contains("forms:\n  - basic\n"), "{text}");
        // Line breaks and a leading space survive the round trip.
        let block = parse(
            "a: |\n  一行目\n  二行目\nb: |2\n   字下げ\n",
            &Limits::default(),
        )
        .unwrap();
        let written = super::write(&block);
        assert_eq!(
            parse(&written, &Limits::default()).unwrap().to_json(),
            block.to_json(),
            "{written}"
        );
        let again = parse(&text, &Limits::default()).unwrap();
        assert_eq!(again.to_json(), tree.to_json(), "the same data");
    }
}
