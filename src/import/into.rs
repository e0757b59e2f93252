//! `hyoka import WORKBOOK --into assessment.yaml`: a colleague's Excel edits taken into the
//! reviewed YAML as the smallest text edits, through the one patcher ([`crate::yaml::patch`]).
//!
//! The workbook's model is compared with the file's, over what the form prints only (ids,
//! `flows`, review dates and everything else the workbook does not hold stay as they are):
//! - entries of a list are paired by what they are — by name, then id, then folded name, and
//!   only then by place ([`crate::diff::pair_entries`]) — so that deleting 中間サーバー and
//!   adding 介護認定審査会支援システム is a deletion and an addition, never two renames;
//!   paired entries keep their ids, new ones get ids the file does not use yet;
//! - a changed value is rewritten where it stands, in the notation the user wrote (a choice's
//!   label stays a label, an id an id; a `|` block keeps its final line break);
//! - equal values are not touched: a date written R6.1.1 that the workbook shows as
//!   令和6年1月1日 is the same date, and a text that differs only by its final line break is
//!   the same text.
//!
//! The result is loaded back and compared with the workbook once more before it is returned:
//! if any printed value differs, nothing is written.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use crate::diagnostic::Message;
use crate::load;
use crate::model::date::Date;
use crate::model::form::{self, FormNode};
use crate::model::path::join;
use crate::model::text::{choices_at, schema_at, schema_def};
use crate::model::{Assessment, FormKind};
use crate::yaml::{self, patch, Node};

/// A merge that could not be made.
#[derive(Debug, Clone, PartialEq)]
pub struct IntoError {
    pub code: &'static str,
    pub message: Message,
}

pub const CODE_INTO: &str = "HY0908";

/// The file's text with the workbook's values in it, and the changes made.
#[derive(Debug, Clone)]
pub struct Merged {
    pub text: String,
    pub changes: Vec<patch::Change>,
    /// What changed as the 変更箇所 table words it (項目, 変更前, 変更後).
    pub rows: Vec<crate::diff::Change>,
}

/// How a new value's choices are written where the file does not show its own notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notation {
    /// The form's labels (十分である): what a clerk reads.
    #[default]
    Labels,
    /// The ids (sufficient).
    Ids,
}

fn fail(ja: impl Into<String>, en: impl Into<String>) -> IntoError {
    IntoError {
        code: CODE_INTO,
        message: Message::new(ja, en),
    }
}

/// The paths the form prints, with `*` for list indices: `/files/*/name`.
fn printed_patterns(nodes: &[FormNode], prefix: &str, out: &mut Vec<String>) {
    for n in nodes {
        if let Some(list) = &n.repeat {
            let list_path = join(prefix, list);
            out.push(list_path.clone());
            printed_patterns(&n.children, &format!("{list_path}/*"), out);
            continue;
        }
        if n.children.is_empty() {
            if let Some(p) = &n.path {
                out.push(join(prefix, p));
            }
        }
        printed_patterns(&n.children, prefix, out);
    }
}

struct Printed {
    patterns: Vec<String>,
    ancestors: HashSet<String>,
}

impl Printed {
    fn of(def: &form::FormDef) -> Printed {
        let mut patterns = Vec::new();
        printed_patterns(&def.nodes, "", &mut patterns);
        let mut ancestors = HashSet::new();
        for p in &patterns {
            let segs: Vec<&str> = p.split('/').collect();
            for k in 1..segs.len() {
                ancestors.insert(segs[..k].join("/"));
            }
        }
        Printed {
            patterns,
            ancestors,
        }
    }

    fn generic(path: &str) -> String {
        path.split('/')
            .map(|s| if s.parse::<usize>().is_ok() { "*" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// A value the form prints: an item, or inside one (a box list, a range's end).
    fn is_printed(&self, path: &str) -> bool {
        let g = Self::generic(path);
        self.patterns
            .iter()
            .any(|p| g == *p || g.starts_with(&format!("{p}/")))
    }

    fn leads_to_printed(&self, path: &str) -> bool {
        self.is_printed(path) || self.ancestors.contains(&Self::generic(path))
    }
}

fn is_date(path: &str) -> bool {
    matches!((schema_at(path), schema_def("Date")), (Some(a), Some(b)) if std::ptr::eq(a, b))
}

/// Two values the same as the form prints them.
fn same(path: &str, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            if x.trim_end() == y.trim_end() {
                return true;
            }
            is_date(path) && matches!((Date::parse(x), Date::parse(y)), (Ok(p), Ok(q)) if p == q)
        }
        // Ticked boxes are printed in the form's order, whatever order the file lists them in.
        (Value::Array(_), Value::Array(_)) if crate::diff::same_boxes(path, a, b) => true,
        (Value::Null, Value::Bool(false)) | (Value::Bool(false), Value::Null) => true,
        (Value::Null, Value::Array(v)) | (Value::Array(v), Value::Null) => v.is_empty(),
        (Value::Null, Value::String(s)) | (Value::String(s), Value::Null) => s.trim().is_empty(),
        _ => a == b,
    }
}

fn has_id_entries(path: &str) -> bool {
    schema_at(&format!("{path}/0/id")).is_some()
}

fn stem_of(path: &str) -> String {
    let key = path.rsplit('/').next().unwrap_or("entry");
    key.strip_suffix('s').unwrap_or(key).replace('_', "-")
}

/// Gives the workbook's entries the ids of the file's entries they are, and fresh ids to new
/// ones; returns the renames of top-level `files` (risk-measure blocks refer to files by id).
fn rekey(old: &Value, new: &mut Value, path: &str, renames: &mut BTreeMap<String, String>) {
    match new {
        Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                let child = format!("{path}/{k}");
                rekey(old.get(k).unwrap_or(&Value::Null), v, &child, renames);
            }
        }
        Value::Array(items) if has_id_entries(path) && items.iter().all(Value::is_object) => {
            let olds: Vec<Value> = old.as_array().cloned().unwrap_or_default();
            let pairs = crate::diff::pair_entries(&olds, items);
            let mut taken: HashSet<String> = olds
                .iter()
                .filter_map(|e| e.get("id")?.as_str().map(str::to_string))
                .collect();
            let stem = stem_of(path);
            let mut n = 0;
            for (j, item) in items.iter_mut().enumerate() {
                let before = item.get("id").and_then(Value::as_str).map(str::to_string);
                let id = match pairs[j].and_then(|i| olds[i].get("id")?.as_str()) {
                    Some(id) => id.to_string(),
                    None => loop {
                        n += 1;
                        let id = format!("{stem}-{n}");
                        if !taken.contains(&id) {
                            break id;
                        }
                    },
                };
                taken.insert(id.clone());
                if path == "/files" {
                    if let Some(b) = before {
                        renames.insert(b, id.clone());
                    }
                }
                if let Value::Object(m) = item {
                    m.insert("id".into(), Value::String(id));
                }
                let old_item = pairs[j].map(|i| olds[i].clone()).unwrap_or(Value::Null);
                rekey(&old_item, item, &format!("{path}/{j}"), renames);
            }
        }
        Value::Array(items) => {
            for (j, item) in items.iter_mut().enumerate() {
                let o = old.get(j).unwrap_or(&Value::Null);
                rekey(o, item, &format!("{path}/{j}"), renames);
            }
        }
        _ => {}
    }
}

/// What a changed value is written as: a choice in the notation the file uses there.
struct Writer<'t> {
    tree: &'t Node,
    old_json: &'t Value,
    notation: Notation,
}

impl Writer<'_> {
    fn label_of(path: &str, id: &str) -> Option<String> {
        choices_at(path)?
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, l)| l.clone())
    }

    /// Whether the file writes the choice at `path` by label: as it writes it there, else as
    /// it writes the same item of another entry of the list (a new 変更箇所 row's 提出時期 as
    /// the other rows'), else as `--ids` says.
    fn writes_labels(&self, path: &str) -> bool {
        let segs: Vec<String> = path.split('/').map(str::to_string).collect();
        let index_at = segs.iter().rposition(|s| s.parse::<usize>().is_ok());
        let siblings = index_at.into_iter().flat_map(|k| {
            let segs = segs.clone();
            (0..64).map(move |i| {
                let mut other = segs.clone();
                other[k] = i.to_string();
                other.join("/")
            })
        });
        for p in std::iter::once(path.to_string()).chain(siblings) {
            let model = crate::model::path::get(self.old_json, &p.replace('/', "."));
            match (self.text_value(&p), model) {
                (Some(Value::String(t)), Value::String(id)) => return t != *id,
                (Some(Value::Array(t)), Value::Array(ids)) if !t.is_empty() && !ids.is_empty() => {
                    return t[0] != ids[0]
                }
                _ => {}
            }
        }
        self.notation == Notation::Labels
    }

    fn text_value(&self, path: &str) -> Option<Value> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .try_fold(self.tree, |n, seg| n.child(seg))
            .map(Node::to_json)
    }

    /// `value` for `path` as the file should hold it.
    fn written(&self, path: &str, value: &Value) -> Value {
        match value {
            Value::Object(m) => Value::Object(
                m.iter()
                    .filter(|(_, v)| !is_nothing(v))
                    .map(|(k, v)| (k.clone(), self.written(&format!("{path}/{k}"), v)))
                    .collect(),
            ),
            Value::Array(items) if choices_at(path).is_some() => {
                let labels = self.writes_labels(path);
                Value::Array(
                    items
                        .iter()
                        .map(|v| match (labels, v.as_str()) {
                            (true, Some(id)) => Self::label_of(path, id)
                                .map(Value::String)
                                .unwrap_or_else(|| v.clone()),
                            _ => v.clone(),
                        })
                        .collect(),
                )
            }
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.written(&format!("{path}/{i}"), v))
                    .collect(),
            ),
            Value::String(id) if choices_at(path).is_some() && self.writes_labels(path) => {
                Self::label_of(path, id)
                    .map(Value::String)
                    .unwrap_or_else(|| value.clone())
            }
            Value::String(s) => {
                // A text that ended with line breaks keeps them (`|` stays `|`, not `|-`),
                // where the new one gives none (a cell, a text area).
                match self.text_value(path) {
                    Some(Value::String(o)) if !s.is_empty() && !s.ends_with('\n') => {
                        let breaks = o.len() - o.trim_end_matches('\n').len();
                        Value::String(format!("{s}{}", "\n".repeat(breaks)))
                    }
                    _ => value.clone(),
                }
            }
            other => other.clone(),
        }
    }
}

/// `value` for `path` as the file writes such values: a choice in the notation it uses there
/// (or at the same item of its other entries; else by label), a text with the final line breaks
/// it had. `tree` is the file's text, `model` its assessment as JSON. `serve --edit` writes
/// through this too.
pub fn as_the_file_writes_it(tree: &Node, model: &Value, path: &str, value: &Value) -> Value {
    Writer {
        tree,
        old_json: model,
        notation: Notation::Labels,
    }
    .written(path, value)
}

/// Values a file need not spell out: `false`, empty lists, maps of nothing.
fn is_nothing(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.values().all(is_nothing),
        Value::String(s) => s.is_empty(),
        Value::Number(_) | Value::Bool(true) => false,
    }
}

struct Walk<'w> {
    printed: &'w Printed,
    writer: &'w Writer<'w>,
    changes: Vec<patch::Change>,
}

impl Walk<'_> {
    fn walk(&mut self, old: &Value, new: &Value, path: &str) {
        match (old, new) {
            (Value::Object(o), Value::Object(n)) => {
                let keys: Vec<&String> = n
                    .keys()
                    .chain(o.keys().filter(|k| !n.contains_key(*k)))
                    .collect();
                for k in keys {
                    let child = format!("{path}/{k}");
                    if !self.printed.leads_to_printed(&child) {
                        continue;
                    }
                    let (ov, nv) = (
                        o.get(k).unwrap_or(&Value::Null),
                        n.get(k).unwrap_or(&Value::Null),
                    );
                    self.walk(ov, nv, &child);
                }
            }
            (Value::Array(o), Value::Array(n))
                if o.iter().chain(n).all(Value::is_object) && !(o.is_empty() && n.is_empty()) =>
            {
                let pairs = crate::diff::pair_entries(o, n);
                for (j, ne) in n.iter().enumerate() {
                    let value = || self.writer.written(&format!("{path}/{j}"), ne);
                    // A new entry goes where the workbook has it: before the file's entry that
                    // the workbook lists next, else at the end.
                    let next_kept = pairs[j + 1..].iter().flatten().next();
                    match (pairs[j], next_kept) {
                        (Some(i), _) => self.walk(&o[i], ne, &format!("{path}/{i}")),
                        (None, Some(i)) => self.changes.push(patch::Change::Insert {
                            path: format!("{path}/{i}"),
                            value: value(),
                        }),
                        (None, None) => self.changes.push(patch::Change::Append {
                            path: path.to_string(),
                            value: value(),
                        }),
                    }
                }
                for i in 0..o.len() {
                    if !pairs.contains(&Some(i)) {
                        self.changes.push(patch::Change::Remove {
                            path: format!("{path}/{i}"),
                        });
                    }
                }
            }
            (Value::Null, Value::Object(_) | Value::Array(_)) if !is_nothing(new) => {
                if self.printed.is_printed(path) || self.printed.leads_to_printed(path) {
                    self.changes.push(patch::Change::Set {
                        path: path.to_string(),
                        value: self.writer.written(path, new),
                    });
                }
            }
            (Value::Object(_), Value::Null) => {
                if self.printed.is_printed(path) && !is_nothing(old) {
                    self.changes.push(patch::Change::Remove {
                        path: path.to_string(),
                    });
                }
            }
            _ => {
                if !self.printed.is_printed(path) || same(path, old, new) {
                    return;
                }
                if is_nothing(new) {
                    self.changes.push(patch::Change::Remove {
                        path: path.to_string(),
                    });
                } else {
                    self.changes.push(patch::Change::Set {
                        path: path.to_string(),
                        value: self.writer.written(path, new),
                    });
                }
            }
        }
    }
}

/// The edits that make `old` hold what `new` prints.
fn changes_between(
    printed: &Printed,
    writer: &Writer,
    old: &Value,
    new: &Value,
) -> Vec<patch::Change> {
    let mut walk = Walk {
        printed,
        writer,
        changes: Vec::new(),
    };
    walk.walk(old, new, "");
    walk.changes
}

fn model_json(a: &Assessment) -> Value {
    serde_json::to_value(a).unwrap_or(Value::Null)
}

/// `imported_yaml` (what `hyoka import` read from the workbook) applied to the file `text`.
pub fn merge(
    file: &str,
    text: &str,
    imported_yaml: &str,
    form_kind: FormKind,
    notation: Notation,
) -> Result<Merged, IntoError> {
    let limits = yaml::Limits::default();
    let loaded = load::load_str(file, text, &limits);
    let (Some(tree), Some(old)) = (loaded.tree.as_ref(), loaded.assessment.as_ref()) else {
        return Err(fail(
            format!("{file} が読み込めないため、取り込めません。先に hyoka check {file} で誤りを直してください。"),
            format!("{file} does not load, so nothing can be merged into it: fix it first (hyoka check {file})"),
        ));
    };
    let from_workbook = load::load_str("imported.yaml", imported_yaml, &limits);
    let Some(new) = from_workbook.assessment.as_ref() else {
        return Err(fail(
            "ワークブックから取り込んだ内容が読み込めません。--into を付けずに取り込み、hyoka check で確かめてください。",
            "what the workbook holds does not load as an assessment: import it without --into and run hyoka check on the result",
        ));
    };
    let edition = old
        .editions
        .get(form_kind)
        .or_else(|| new.editions.get(form_kind))
        .ok_or_else(|| {
            fail(
                format!("{file} には{}の版がありません", form_kind.label()),
                format!("{file} names no edition of {}", form_kind.label()),
            )
        })?;
    let def = form::get(form_kind, edition).ok_or_else(|| {
        fail(
            format!("{}（{edition}）の様式定義がありません", form_kind.label()),
            format!("no form definition for {} ({edition})", form_kind.label()),
        )
    })?;
    let printed = Printed::of(def);
    let old_json = model_json(old);
    let mut new_json = model_json(new);
    let mut renames = BTreeMap::new();
    rekey(&old_json, &mut new_json, "", &mut renames);
    if let Some(blocks) = new_json
        .get_mut("risk_measures")
        .and_then(Value::as_array_mut)
    {
        for b in blocks {
            if let Some(Value::Array(ids)) = b.get_mut("files") {
                for id in ids.iter_mut() {
                    if let Some(new_id) = id.as_str().and_then(|s| renames.get(s)) {
                        *id = Value::String(new_id.clone());
                    }
                }
            }
        }
    }
    let writer = Writer {
        tree,
        old_json: &old_json,
        notation,
    };
    let changes = changes_between(&printed, &writer, &old_json, &new_json);
    let patched = patch::patch(text, tree, &changes).map_err(|e| {
        fail(
            format!("{} を書き換えられません（{}）", e.path, e.why),
            format!("{} cannot be edited in the text ({})", e.path, e.why),
        )
    })?;

    // Read back: every printed value is the workbook's.
    let back = load::load_str(file, &patched, &limits);
    let Some(result) = back.assessment.as_ref() else {
        return Err(fail(
            "書き換えた YAML が読み込めなくなるため、書き込みませんでした（hyoka の不具合です。報告してください）",
            "the edited YAML would not load, so nothing was written (a bug in hyoka: please report it)",
        ));
    };
    let left = changes_between(&printed, &writer, &model_json(result), &new_json);
    if let Some(left) = left.first() {
        return Err(fail(
            format!("書き換えた YAML がワークブックと一致しないため、書き込みませんでした（{left:?}。hyoka の不具合です。報告してください）"),
            format!("the edited YAML would not match the workbook, so nothing was written ({left:?}; a bug in hyoka: please report it)"),
        ));
    }
    let rows = crate::diff::diff(
        old,
        result,
        &crate::diff::DiffOptions {
            form: Some(form_kind),
            ..Default::default()
        },
    )
    .unwrap_or_default();
    Ok(Merged {
        text: patched,
        changes,
        rows,
    })
}
