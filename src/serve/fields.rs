//! What `serve --edit` lets the page edit on a built form, by model path, and how: each row that
//! prints one value (a text, a choice, a list of boxes), and each value of a row that prints
//! several in one cell — ③システムの名称's names and its ＊ note, a box list with its その他（…）
//! words, 提供を行っている（N）件 with 行っていない, a period's two dates — as the parts of
//! that row, each saved on its own path.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::import::value;
use crate::model::text::{choices_at, form_text, title_at};
use crate::render::tree::{Block, Content, Document};

/// How a value of the form is edited on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// A text area (line breaks kept); also a date, as `check` reads dates.
    Text(String),
    /// The form's labels to pick from.
    Choice {
        selected: Option<String>,
        options: Vec<String>,
    },
    /// Tick boxes of a list of choices (②入手方法), or of the entries a list names (a
    /// risk-measure block's files): (ticked, label), sent back as `[○]label` lines.
    Ticks(Vec<(bool, String)>),
    /// A yes/no box (委託しない, 外部監査): ticked, and its label.
    Box(bool, String),
    /// A count (提供を行っている（N）件), when given.
    Count(Option<u64>),
    /// A row that prints several values: each of them, with its label.
    Parts(Vec<Part>),
}

/// One value of a row that prints several.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub path: String,
    pub label: String,
    pub field: Field,
}

/// A part as the page's script reads it (`data-parts`, JSON).
#[derive(Serialize)]
struct PartJson<'p> {
    path: &'p str,
    label: &'p str,
    kind: &'static str,
    value: Value,
    options: Vec<&'p str>,
}

impl Field {
    /// The kind the page's script edits it as, its value, and its options.
    fn json(&self) -> (&'static str, Value, Vec<&str>) {
        match self {
            Field::Text(t) => ("text", Value::from(t.as_str()), Vec::new()),
            Field::Choice { selected, options } => (
                "choice",
                Value::from(selected.as_deref().unwrap_or("")),
                options.iter().map(String::as_str).collect(),
            ),
            Field::Ticks(boxes) => (
                "ticks",
                Value::from(
                    boxes
                        .iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, l)| Value::from(l.as_str()))
                        .collect::<Vec<_>>(),
                ),
                boxes.iter().map(|(_, l)| l.as_str()).collect(),
            ),
            Field::Box(on, _) => ("box", Value::Bool(*on), Vec::new()),
            Field::Count(n) => ("count", n.map_or(Value::Null, Value::from), Vec::new()),
            Field::Parts(_) => ("parts", Value::Null, Vec::new()),
        }
    }

    /// The parts as the page's script reads them.
    pub fn parts_json(parts: &[Part]) -> String {
        let list: Vec<PartJson> = parts
            .iter()
            .map(|p| {
                let (kind, value, options) = p.field.json();
                PartJson {
                    path: &p.path,
                    label: &p.label,
                    kind,
                    value,
                    options,
                }
            })
            .collect();
        serde_json::to_string(&list).unwrap_or_default()
    }

    /// What it holds, as the page shows it (for a refused save: what the file holds now).
    pub fn shown(&self) -> String {
        match self {
            Field::Text(t) => t.clone(),
            Field::Choice { selected, .. } => selected.clone().unwrap_or_default(),
            Field::Ticks(boxes) => boxes
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            Field::Box(on, label) => format!("[{}]{label}", if *on { "○" } else { "　" }),
            Field::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Field::Parts(parts) => parts
                .iter()
                .map(|p| p.field.shown())
                .collect::<Vec<_>>()
                .join(" / "),
        }
    }
}

/// Whether the item at `path` names entries of another list by id (a risk-measure block's
/// `files`, a step's counterpart): edited as boxes, or a choice, of those entries as the form
/// names them.
pub fn names_entries(path: &str) -> bool {
    crate::model::refs::reference_at(path).is_some()
}

/// The value at `path` of the data, edited on its own: by its type in the schema.
fn field_at(root: &Value, path: &str, box_label: Option<&str>) -> Field {
    let v = root.pointer(path).unwrap_or(&Value::Null);
    if value::has_type(path, "boolean") {
        let label = box_label
            .map(str::to_string)
            .unwrap_or_else(|| label_of(path));
        return Field::Box(v.as_bool().unwrap_or(false), label);
    }
    if value::has_type(path, "integer") {
        return Field::Count(v.as_u64());
    }
    if let Some(r) = crate::model::refs::reference_at(path) {
        let entries = crate::model::refs::choices(root, r);
        if !r.is_list() {
            let id = v.as_str();
            return Field::Choice {
                selected: entries
                    .iter()
                    .find(|(i, _)| Some(i.as_str()) == id)
                    .map(|(_, l)| l.clone()),
                options: entries.into_iter().map(|(_, l)| l).collect(),
            };
        }
        let named: Vec<&str> = v
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        return Field::Ticks(
            entries
                .into_iter()
                .map(|(id, label)| (named.contains(&id.as_str()), label))
                .collect(),
        );
    }
    if let Some(options) = choices_at(path) {
        if value::has_type(path, "array") {
            let ticked: Vec<&str> = v
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            return Field::Ticks(
                options
                    .iter()
                    .map(|(id, label)| (ticked.contains(&id.as_str()), label.clone()))
                    .collect(),
            );
        }
        let selected = v.as_str().map(|id| {
            options
                .iter()
                .find(|(i, _)| i == id)
                .map_or(id.to_string(), |(_, l)| l.clone())
        });
        return Field::Choice {
            selected,
            options: options.iter().map(|(_, l)| l.clone()).collect(),
        };
    }
    Field::Text(form_text(path, v))
}

/// Parts that share a label (③システムの名称's names) told apart by their place: 「①システムの
/// 名称（2）」.
fn numbered(mut parts: Vec<Part>) -> Vec<Part> {
    let labels: Vec<String> = parts.iter().map(|p| p.label.clone()).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in &mut parts {
        if labels.iter().filter(|l| **l == p.label).count() > 1 {
            let n = seen.entry(p.label.clone()).or_default();
            *n += 1;
            p.label = format!("{}（{n}）", p.label);
        }
    }
    parts
}

/// A header cell's words.
fn cell_words(c: &crate::render::tree::Cell) -> String {
    match &c.content {
        Content::Text(t) => t.clone(),
        _ => String::new(),
    }
}

/// What the form calls the item at `path`.
fn label_of(path: &str) -> String {
    title_at(path)
        .map(str::to_string)
        .unwrap_or_else(|| path.rsplit('/').next().unwrap_or(path).to_string())
}

/// The values of a built form the page may edit, by model path, against the data (`root`, the
/// model as JSON) it was built from. A row of several values is under its row's path (or
/// `PATH#parts` where its first part shares the path), and each part under its own.
pub fn fields(doc: &Document, root: &Value) -> HashMap<String, Field> {
    let mut out = HashMap::new();
    for b in &doc.blocks {
        let Block::Table(t) = b else { continue };
        for r in &t.rows {
            let Some(path) = &r.path else { continue };
            let Some(cell) = r.cells.last() else { continue };
            if !r.covers.is_empty() {
                // A row of boxes names each box; other parts are named by the schema.
                let of_boxes = r
                    .covers
                    .iter()
                    .all(|p| value::has_type(p, "boolean") || value::has_type(p, "integer"));
                let boxes = match &cell.content {
                    Content::Ticks(b) if of_boxes && b.len() == r.covers.len() => Some(b),
                    _ => None,
                };
                let parts: Vec<Part> = r
                    .covers
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let box_label = boxes.map(|b| b[i].1.as_str());
                        let field = field_at(root, p, box_label);
                        let label = match (&field, box_label) {
                            (Field::Box(_, l), _) => l.clone(),
                            // 「提供を行っている（ ）件」: the count is the field's.
                            (Field::Count(Some(n)), Some(l)) => {
                                l.replacen(&format!("（{n}）"), "（ ）", 1)
                            }
                            (_, Some(l)) => l.to_string(),
                            _ => label_of(p),
                        };
                        Part {
                            path: p.clone(),
                            label,
                            field,
                        }
                    })
                    .collect();
                let parts = numbered(parts);
                for p in &parts {
                    out.insert(p.path.clone(), p.field.clone());
                }
                out.insert(format!("{path}#parts"), Field::Parts(parts));
                continue;
            }
            if names_entries(path) {
                out.insert(path.clone(), field_at(root, path, None));
                continue;
            }
            // A row with a value per cell (a 変更箇所 row): each cell a part, named by its
            // column's header.
            if r.cells.iter().any(|c| c.path.is_some()) {
                let heads: Vec<String> = t
                    .header
                    .first()
                    .map(|h| h.cells.iter().map(cell_words).collect())
                    .unwrap_or_default();
                let parts: Vec<Part> = r
                    .cells
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| {
                        let p = c.path.clone()?;
                        Some(Part {
                            label: heads.get(i).cloned().unwrap_or_else(|| label_of(&p)),
                            field: field_at(root, &p, None),
                            path: p,
                        })
                    })
                    .collect();
                for p in &parts {
                    out.insert(p.path.clone(), p.field.clone());
                }
                out.insert(format!("{path}#parts"), Field::Parts(parts));
                continue;
            }
            let field = match &cell.content {
                // The value as the file holds it, without what the form prints after it
                // (「令和2年8月4日 時点」).
                Content::Text(_) => field_at(root, path, None),
                // A note the form derives (委託の有無's 「（ 3 ）件」) is not edited here.
                Content::Choice {
                    selected, options, ..
                } => Field::Choice {
                    selected: selected.clone(),
                    options: options.clone(),
                },
                Content::Ticks(boxes) => Field::Ticks(boxes.clone()),
                Content::TickGroups(groups) => Field::Ticks(
                    groups
                        .iter()
                        .flat_map(|(_, boxes)| boxes.iter().cloned())
                        .collect(),
                ),
            };
            out.insert(path.clone(), field);
        }
    }
    out
}
