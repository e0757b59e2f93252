//! The rows and cells the builder puts together from one item: a value as the form prints it
//! (text, tick boxes, grouped boxes, numbered lists), the row of a range, a row of boxes, a note.

use serde_json::Value;

use super::super::tree::*;
use crate::model::choice;
use crate::model::form::{self, FormNode};
use crate::model::path::{get, join};
use crate::model::text::{form_text, schema_at};

/// 「②実施日・期間 令和4年12月15日 ～ 令和5年1月16日」: a group of two items as one value.
pub(super) fn range_row(
    node: &FormNode,
    from: &FormNode,
    to: &FormNode,
    elem: &Value,
    prefix: &str,
    important: bool,
) -> Row {
    let part = |n: &FormNode| {
        n.path
            .as_deref()
            .map(|p| (join(prefix, p), form_text(&join(prefix, p), get(elem, p))))
    };
    let (a, b) = (part(from), part(to));
    let text = match (&a, &b) {
        (Some((_, x)), Some((_, y))) if !x.is_empty() || !y.is_empty() => {
            format!("{x}{}{y}", crate::model::wording::get().range_separator)
        }
        _ => String::new(),
    };
    let covers: Vec<String> = [a, b].into_iter().flatten().map(|(p, _)| p).collect();
    Row {
        cells: vec![Cell::label(&node.label).spanning(2), Cell::text(text)],
        path: covers.first().cloned(),
        important: important || node.important,
        covers,
        heads: false,
    }
}

/// A row of tick boxes after `cells` (the labels before them), one box per item.
pub(super) fn ticks_row(
    mut cells: Vec<Cell>,
    items: &[FormNode],
    elem: &Value,
    prefix: &str,
    important: bool,
) -> Row {
    let paths: Vec<(String, &str)> = items
        .iter()
        .filter_map(|t| Some((join(prefix, t.path.as_deref()?), t.path.as_deref()?)))
        .collect();
    let boxes = items
        .iter()
        .zip(&paths)
        .map(|(t, (_, p))| tick_box(&t.label, get(elem, p)))
        .collect();
    cells.push(Cell {
        content: Content::Ticks(boxes),
        ..Cell::text("")
    });
    Row {
        cells,
        path: paths.first().map(|(p, _)| p.clone()),
        important,
        covers: paths.into_iter().map(|(p, _)| p).collect(),
        heads: false,
    }
}

/// One tick box: a yes/no item ticked when yes; a count ticked when there are any, its number
/// in the label's brackets (`提供を行っている（1）件`).
pub(super) fn tick_box(label: &str, value: &Value) -> (bool, String) {
    match value {
        Value::Number(n) if n.as_u64().is_some_and(|n| n > 0) => {
            (true, label.replacen("（ ）", &format!("（{n}）"), 1))
        }
        Value::Bool(b) => (*b, label.to_string()),
        _ => (false, label.to_string()),
    }
}

/// Tick boxes under the form's captions (主な記録項目: ・識別情報 ［○］個人番号 …).
pub(super) fn grouped_ticks(path: &str, value: &Value, groups: &[form::OptionGroup]) -> Content {
    let groups = groups
        .iter()
        .filter_map(|g| match content_for(path, value, &g.options) {
            Content::Ticks(boxes) => Some((g.label.clone(), boxes)),
            _ => None,
        })
        .collect();
    Content::TickGroups(groups)
}

/// The その他 box (the last box whose label is その他) with its words in brackets, as the form
/// prints it: `その他（中間サーバー）`, or `その他（　）` when there are none.
pub(super) fn with_other_words(mut boxes: Vec<(bool, String)>, words: &str) -> Vec<(bool, String)> {
    let other = choice::label("system_connection", "other");
    if let Some((_, label)) = boxes.iter_mut().rev().find(|(_, l)| l == other) {
        let words = if words.trim().is_empty() {
            "　"
        } else {
            words
        };
        *label = format!("{other}（{words}）");
    }
    boxes
}

/// The form's note under an item or a heading, across the whole table.
pub(super) fn note_row(note: &str) -> Row {
    Row {
        cells: vec![Cell::text(note).spanning(3).flush()],
        ..Row::default()
    }
}

/// The row of one item under a label the form gives it in place of its own (a heading that
/// carries the answer, a caption that carries the title): the label over two columns, the value.
pub(super) fn item_row(
    label: Cell,
    item: &FormNode,
    elem: &Value,
    prefix: &str,
    important: bool,
) -> Row {
    let path = item.path.as_deref().unwrap_or_default();
    let model_path = join(prefix, path);
    Row {
        cells: vec![
            label.spanning(2),
            Cell {
                content: content_for(&model_path, get(elem, path), &item.options),
                ..Cell::text("")
            },
        ],
        path: Some(model_path),
        important: important || item.important,
        covers: Vec::new(),
        heads: false,
    }
}

/// A numbered block whose first item is named as the block is (委託事項{n} → 委託事項): the
/// form prints that item on the entry's heading row. The item and the entry's other items.
pub(super) fn titled(node: &FormNode) -> Option<(&FormNode, &[FormNode])> {
    let (first, rest) = node.children.split_first()?;
    (node.heading.as_deref().is_some_and(|h| h.contains("{n}"))
        && first.children.is_empty()
        && first.repeat.is_none()
        && first.path.is_some()
        && first.label == node.label)
        .then_some((first, rest))
}

/// File ids as the form names the files, one per line: `(1) 国保賦課ファイル`.
pub(super) fn file_names(root: &Value, ids: &Value) -> String {
    ids.as_array()
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(|id| form::file_label(&[root], id))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// A list as numbered lines (別添2 記録項目).
pub(super) fn numbered(value: &Value) -> String {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{}. {}", i + 1, v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// How a value cell shows the value at `path`: a choice with its list, tick boxes, or text.
pub(super) fn content_for(path: &str, value: &Value, only: &[String]) -> Content {
    let schema = schema_at(path);
    let scalar_set = schema
        .and_then(|s| s.get("x-choice"))
        .and_then(Value::as_str);
    let item_set = schema
        .and_then(|s| s.get("items"))
        .and_then(|i| resolve_items(i))
        .and_then(|i| i.get("x-choice"))
        .and_then(Value::as_str);
    // The options the form lists for this item: all of its list, or the subset (in the form's
    // order) the definition names.
    let labels = |set: &str| {
        let all: Vec<(String, String)> = choice::registry().get(set).cloned().unwrap_or_default();
        if only.is_empty() {
            all
        } else {
            only.iter()
                .filter_map(|id| all.iter().find(|(i, _)| i == id).cloned())
                .collect()
        }
    };
    if let Some(set) = scalar_set {
        let options = labels(set);
        let selected = value
            .as_str()
            .and_then(|id| options.iter().find(|(i, _)| i == id))
            .map(|(_, l)| l.clone());
        return Content::Choice {
            selected,
            options: options.into_iter().map(|(_, l)| l).collect(),
            note: None,
        };
    }
    if let Some(set) = item_set {
        let chosen: Vec<&str> = value
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        return Content::Ticks(
            labels(set)
                .into_iter()
                .map(|(id, l)| (chosen.contains(&id.as_str()), l))
                .collect(),
        );
    }
    // 入手元: boxes with the （ ） detail of each ticked one.
    if path.ends_with("/acquisition/sources") {
        let entries = value.as_array().cloned().unwrap_or_default();
        return Content::Ticks(
            labels("acquisition_source")
                .into_iter()
                .map(|(id, l)| {
                    let hit = entries.iter().find(|e| e["kind"] == id.as_str());
                    let detail = hit
                        .and_then(|e| e["detail"].as_str())
                        .map(|d| format!("（{d}）"))
                        .unwrap_or_else(|| {
                            if id == "self" {
                                String::new()
                            } else {
                                "（　）".into()
                            }
                        });
                    (hit.is_some(), format!("{l}{detail}"))
                })
                .collect(),
        );
    }
    if let Value::Bool(b) = value {
        return Content::Ticks(vec![(*b, String::new())]);
    }
    if schema.is_some_and(crate::model::schema::is_yes_no) {
        return Content::Ticks(vec![(false, String::new())]);
    }
    Content::Text(form_text(path, value))
}

pub(super) fn resolve_items(items: &Value) -> Option<&'static Value> {
    // `items` may be a $ref into the schema's definitions.
    let r = items.get("$ref")?.as_str()?;
    crate::model::text::schema_def(r.trim_start_matches("#/$defs/"))
}
