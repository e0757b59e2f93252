//! `hyoka import`: an assessment from the regulator's Excel form (様式2/3/4 workbooks), as YAML
//! that `hyoka check` loads.
//!
//! `workbook` reads the cells (calamine, bounded); the form is recognised by its title and
//! labels; `matcher` walks the form definition — the same `templates/forms/` data check, diff
//! and render use — against the cells by label, not by coordinate; `value` types each cell by
//! the model's schema; `emit` writes the YAML. Every non-empty cell is either placed into the
//! model or reported as not placed, and a value that does not fit (an unknown choice) is kept
//! as the text it was, with a diagnostic at its cell.
//!
//! A workbook `hyoka render --format xlsx` wrote also carries a hidden sheet with what the form
//! does not print (ids, `forms`, review dates): those come back too, so that a round trip
//! changes nothing.

mod cfb_guard;
pub mod emit;
pub mod grid;
pub mod into;
pub mod matcher;
pub mod normalize;
mod ods_guard;
pub mod open;
pub mod value;
pub mod workbook;
mod xlsx_dates;
mod zip_guard;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::diagnostic::{Message, Severity};
use crate::load;
use crate::model::workbook::{META_MARK, META_SHEET};
use crate::model::{edition, form, FormKind};
use crate::yaml;
use workbook::{WCell, Workbook};

pub const CODE_NO_FORM: &str = "HY0904";
pub const CODE_NOT_PLACED: &str = "HY0905";
pub const CODE_MISFIT: &str = "HY0906";
pub const CODE_FORMULA_ERROR: &str = "HY0907";

/// Why a workbook could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub code: &'static str,
    pub message: Message,
}

/// Bounds on what a workbook may cost to read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The file itself.
    pub max_file_bytes: u64,
    /// Everything in the archive, unpacked (.xlsx and .ods are ZIP archives).
    pub max_unpacked_bytes: u64,
    /// Non-empty cells in all sheets.
    pub max_cells: usize,
    /// The text of all cells together, in bytes, as the reader lays it out: a few bytes of a
    /// workbook can make one long text stand in many cells (a shared string, a repeated cell).
    pub max_text_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 64 << 20,
            max_unpacked_bytes: 512 << 20,
            max_cells: 1_000_000,
            max_text_bytes: 64 << 20,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The form, when it should not be recognised from the workbook.
    pub form: Option<FormKind>,
    /// Comments naming each value's cell.
    pub annotate: bool,
    pub limits: Option<Limits>,
    /// Choices as the form's labels (the default) or as ids.
    pub notation: into::Notation,
}

/// A cell the import could not place, or a value it kept as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// `様式２!C210`.
    pub cell: String,
    /// The model path it went to, for values.
    pub path: Option<String>,
    pub text: String,
    pub message: Message,
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub form: FormKind,
    pub edition: String,
    pub yaml: String,
    pub model: Value,
    /// Values placed into the model.
    pub placed: usize,
    /// Cells not placed (HY0905), values kept as text (HY0906), formula errors (HY0907).
    pub findings: Vec<Finding>,
    /// What `hyoka check`'s loader says about the YAML written.
    pub load_diagnostics: Vec<crate::diagnostic::Diagnostic>,
    /// Sheets that are not the form (hidden drop-down lists, notes): not read.
    pub set_aside: Vec<String>,
    /// Model path → the cell its value came from (`様式２!C14`).
    pub cells: BTreeMap<String, String>,
}

impl Imported {
    pub fn unplaced(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.code == CODE_NOT_PLACED)
    }
}

/// Imports the workbook at `path`.
pub fn import_path(path: &Path, options: &Options) -> Result<Imported, ImportError> {
    let limits = options.limits.unwrap_or_default();
    let book = workbook::read_path(path, &limits)?;
    import_workbook(book, &path.display().to_string(), options)
}

/// Imports a workbook already read; `file` names it in messages.
pub fn import_workbook(
    mut book: Workbook,
    file: &str,
    options: &Options,
) -> Result<Imported, ImportError> {
    let (hidden, refused) = take_meta(&mut book);
    let (def, edition_name) = recognise(&book, options.form, file)?;
    let set_aside = grid::prepare(&mut book, &form_labels(def));
    let stamps: Vec<String> = edition::all().iter().map(|e| e.stamp.clone()).collect();
    let matched = matcher::Matcher::new(&book, def, &stamps).run(def);
    let mut model = matched.model;

    let mut findings = refused;
    for (cell, path, misfit) in &matched.misfits {
        let c = &book.cells[*cell];
        let (code, ja, en) = if c.error {
            (CODE_FORMULA_ERROR, misfit.ja.clone(), misfit.en.clone())
        } else {
            (
                CODE_MISFIT,
                format!("{}。文字のまま残しました", misfit.ja),
                format!("{}; kept as text", misfit.en),
            )
        };
        findings.push(Finding {
            code,
            severity: Severity::Error,
            cell: c.reference(&book),
            path: Some(path.clone()),
            text: c.text.clone(),
            message: Message::new(ja, en),
        });
    }
    for (i, c) in book.cells.iter().enumerate() {
        if matched.used[i] {
            continue;
        }
        let (code, message) = if c.error {
            (
                CODE_FORMULA_ERROR,
                Message::new(
                    format!("数式のエラー {} です", c.text),
                    format!("a formula error, {}", c.text),
                ),
            )
        } else {
            (
                CODE_NOT_PLACED,
                Message::new(
                    "どの項目の値にもならなかったセルです",
                    "this cell is not the value of any item",
                ),
            )
        };
        findings.push(Finding {
            code,
            severity: Severity::Error,
            cell: c.reference(&book),
            path: None,
            text: c.text.clone(),
            message,
        });
    }

    reserve_hidden_rows(&mut model, &hidden, def);
    apply_hidden(&mut model, &hidden, def);
    keep_written_title(&mut model, &hidden, def.form);
    let object = model.as_object_mut().expect("the model is an object");
    object
        .entry("forms")
        .or_insert_with(|| Value::from(vec![def.form.id()]));
    let editions = object
        .entry("editions")
        .or_insert_with(|| Value::Object(Default::default()));
    if let Value::Object(e) = editions {
        e.entry(def.form.id())
            .or_insert_with(|| Value::String(edition_name.clone()));
    }
    give_ids(&mut model, "");
    resolve_files(&mut model);
    recipient_kinds(&mut model);
    let model = ordered(&model, "");

    let notes: BTreeMap<String, String> = if options.annotate {
        matched
            .origin
            .iter()
            .map(|(p, cell)| (p.clone(), book.cells[*cell].reference(&book)))
            .collect()
    } else {
        BTreeMap::new()
    };
    let header = format!(
        "hyoka import で {} から取り込みました（{}、{edition_name}版）。",
        Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.to_string()),
        def.title,
    );
    let shown = match options.notation {
        into::Notation::Labels => with_labels(&model, ""),
        into::Notation::Ids => model.clone(),
    };
    let text = emit::yaml(&shown, &notes, &header);
    let loaded = load::load_str(file, &text, &yaml::Limits::default());
    Ok(Imported {
        form: def.form,
        edition: edition_name,
        yaml: text,
        model,
        placed: matched.placed,
        findings,
        load_diagnostics: loaded.diagnostics,
        set_aside: set_aside.sheets,
        cells: matched
            .origin
            .iter()
            .map(|(p, cell)| (p.clone(), book.cells[*cell].reference(&book)))
            .collect(),
    })
}

/// Removes the hidden sheet hyoka writes and returns its `path → value` rows, and the rows it
/// refuses: a row for an entry far past any the workbook could hold (`/counterparts/5000000/id`)
/// would make every entry before it, so an index must be below the workbook's own count of
/// cells and hidden rows (the entries a workbook holds each take at least one of them).
fn take_meta(book: &mut Workbook) -> (Vec<(String, Value)>, Vec<Finding>) {
    let Some(sheet) = book.sheets.iter().position(|s| s == META_SHEET) else {
        return (Vec::new(), Vec::new());
    };
    let cells: Vec<&WCell> = book.cells.iter().filter(|c| c.sheet == sheet).collect();
    let marked = cells
        .iter()
        .any(|c| c.row == 0 && c.col == 0 && c.text == META_MARK);
    if !marked {
        return (Vec::new(), Vec::new());
    }
    let mut rows: BTreeMap<u32, (Option<String>, Option<String>, String)> = BTreeMap::new();
    for c in &cells {
        let e = rows.entry(c.row).or_default();
        match c.col {
            0 => {
                e.0 = Some(c.text.clone());
                e.2 = c.reference(book);
            }
            1 => e.1 = Some(c.text.clone()),
            _ => {}
        }
    }
    let most_entries = book.cells.len() + rows.len();
    let mut refused = Vec::new();
    let out = rows
        .into_values()
        .filter_map(|(p, v, cell)| {
            let p = p.filter(|p| p.starts_with('/'))?;
            let past_the_end = p
                .split('/')
                .filter_map(|seg| seg.parse::<usize>().ok())
                .find(|i| *i >= most_entries);
            if let Some(i) = past_the_end {
                refused.push(Finding {
                    code: CODE_NOT_PLACED,
                    severity: Severity::Error,
                    cell,
                    path: None,
                    text: p.clone(),
                    message: Message::new(
                        format!("非表示シートの行が {i} 番目の項目を指していますが、このワークブックにそれほどの項目はありません。取り込みません"),
                        format!("the hidden sheet's row names entry {i}, more than this workbook can hold: not imported"),
                    ),
                });
                return None;
            }
            let v = serde_json::from_str(&v?).ok()?;
            Some((p, v))
        })
        .collect();
    book.cells.retain(|c| c.sheet != sheet);
    (out, refused)
}

/// Every item label of the form, normalised.
fn item_labels(def: &form::FormDef) -> std::collections::HashSet<String> {
    def.nodes
        .iter()
        .flat_map(|n| n.walk())
        .map(|n| normalize::label(&n.label))
        .collect()
}

/// Every label of the form and its title, normalised: a sheet with none of them is not the form.
fn form_labels(def: &form::FormDef) -> std::collections::HashSet<String> {
    let mut labels = item_labels(def);
    labels.insert(normalize::label(&def.title));
    labels.remove("");
    labels
}

/// The form the workbook holds: by its title, else by how many of a form's labels it has.
fn recognise(
    book: &Workbook,
    wanted: Option<FormKind>,
    file: &str,
) -> Result<(&'static form::FormDef, String), ImportError> {
    let texts: std::collections::HashSet<String> = book
        .cells
        .iter()
        .map(|c| normalize::label(&c.text))
        .collect();
    let mut best: Option<(usize, &form::FormDef)> = None;
    for def in form::all() {
        if wanted.is_some_and(|w| w != def.form) {
            continue;
        }
        let labels = item_labels(def);
        let mut score = labels.iter().filter(|l| texts.contains(*l)).count();
        if texts.contains(&normalize::label(&def.title)) {
            score += 1000;
        }
        let stamp_hit = edition::of(def.form)
            .any(|e| e.name == def.edition && texts.contains(&normalize::label(&e.stamp)));
        if stamp_hit {
            score += 100;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, def));
        }
    }
    match best {
        Some((score, def)) if score >= 8 || wanted.is_some() => Ok((def, def.edition.clone())),
        _ => Err(ImportError {
            code: CODE_NO_FORM,
            message: Message::new(
                format!("{file} に特定個人情報保護評価書の様式（様式2・3・4）が見つかりません。評価書のワークブックか確認するか、--form で様式を指定してください。"),
                format!("{file} holds no recognisable assessment form (様式2/3/4): check that it is an assessment workbook, or name the form with --form"),
            ),
        }),
    }
}

/// What the hidden sheet kept: set where the form's cells did not already say, and only for
/// entries that are still there (a file deleted in the workbook takes its id with it).
fn apply_hidden(model: &mut Value, hidden: &[(String, Value)], def: &form::FormDef) {
    let printed_lists: std::collections::HashSet<&str> = def
        .nodes
        .iter()
        .flat_map(|n| n.walk())
        .filter_map(|n| n.repeat.as_deref())
        .collect();
    for (path, value) in hidden {
        // Only paths of the model: the sheet is the workbook's, and may have been edited.
        if crate::model::text::schema_at(path).is_none()
            || !model.pointer(path).is_none_or(Value::is_null)
        {
            continue;
        }
        // An entry the form lists (a file, a delegation on 様式4) must still be in the
        // workbook; one the form does not list (delegations on 様式2) comes back whole.
        let segs: Vec<&str> = path.split('/').collect();
        let gone = (1..segs.len()).any(|k| {
            segs[k].parse::<usize>().is_ok()
                && printed_lists.contains(segs[k - 1])
                && !model
                    .pointer(&segs[..=k].join("/"))
                    .is_some_and(Value::is_object)
        });
        if !gone {
            matcher::set(model, path, value.clone());
        }
    }
}

/// 変更箇所 rows that name another form's items are not printed on this one; the hidden sheet
/// kept them at their places in the list. The rows the table gave move past them, in order, so
/// that the history reads as it did.
fn reserve_hidden_rows(model: &mut Value, hidden: &[(String, Value)], def: &form::FormDef) {
    for list in def
        .walk()
        .filter(|n| n.render == Some(form::Print::Table))
        .filter_map(|n| n.repeat.as_deref())
    {
        let prefix = format!("/{list}/");
        let reserved: std::collections::BTreeSet<usize> = hidden
            .iter()
            .filter_map(|(p, _)| p.strip_prefix(&prefix)?.split('/').next()?.parse().ok())
            .filter(|i| *i < 10_000)
            .collect();
        if reserved.is_empty() {
            continue;
        }
        let Some(Value::Array(read)) = model.pointer_mut(&format!("/{list}")).map(std::mem::take)
        else {
            matcher::set(model, &format!("/{list}"), Value::Array(Vec::new()));
            continue;
        };
        let mut read = read.into_iter();
        let mut rows = Vec::new();
        while rows.len() <= *reserved.last().expect("not empty") || read.len() > 0 {
            if reserved.contains(&rows.len()) {
                rows.push(Value::Object(Default::default()));
            } else if let Some(r) = read.next() {
                rows.push(r);
            } else {
                rows.push(Value::Object(Default::default()));
            }
        }
        matcher::set(model, &format!("/{list}"), Value::Array(rows));
    }
}

/// The hidden sheet's title, when the form printed it with its own name in it and the workbook
/// still says just that: the title as written, not as this form prints it.
fn keep_written_title(model: &mut Value, hidden: &[(String, Value)], form: crate::model::FormKind) {
    let Some((_, Value::String(written))) = hidden.iter().find(|(p, _)| p == "/cover/title") else {
        return;
    };
    let printed = crate::model::basics::title_for(written, form);
    if model.pointer("/cover/title").and_then(Value::as_str) == Some(printed.as_str()) {
        matcher::set(model, "/cover/title", Value::String(written.clone()));
    }
}

/// Entries of lists whose schema gives them an `id` get one where the workbook had none:
/// `file-1`, `delegation-2`, unique within the list.
fn give_ids(model: &mut Value, path: &str) {
    match model {
        Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                give_ids(v, &format!("{path}/{k}"));
            }
        }
        Value::Array(items) => {
            let has_id = crate::model::text::schema_at(&format!("{path}/0/id")).is_some();
            if has_id && items.iter().all(Value::is_object) {
                let key = path.rsplit('/').next().unwrap_or("entry");
                let stem = key.strip_suffix('s').unwrap_or(key).replace('_', "-");
                let taken: Vec<String> = items
                    .iter()
                    .filter_map(|e| e.get("id").and_then(Value::as_str).map(str::to_string))
                    .collect();
                let mut n = 0;
                for e in items.iter_mut() {
                    if e.get("id").is_some_and(|v| v.is_string()) {
                        continue;
                    }
                    let id = loop {
                        n += 1;
                        let id = format!("{stem}-{n}");
                        if !taken.contains(&id) {
                            break id;
                        }
                    };
                    if let Value::Object(m) = e {
                        m.insert("id".into(), Value::String(id));
                    }
                }
            }
            for (i, v) in items.iter_mut().enumerate() {
                give_ids(v, &format!("{path}/{i}"));
            }
        }
        _ => {}
    }
}

/// Whether a 提供先・移転先 is a provision or a transfer the form says by its counts alone
/// (提供を行っている（2）件, 移転を行っている（1）件), listing 提供先 before 移転先: the first
/// `provides` recipients are provisions, the rest transfers.
fn recipient_kinds(model: &mut Value) {
    let Some(files) = model.get_mut("files").and_then(Value::as_array_mut) else {
        return;
    };
    for file in files {
        let count = |key: &str| file["provision"][key].as_u64().unwrap_or(0) as usize;
        let (provides, transfers) = (count("provides"), count("transfers"));
        let Some(recipients) = file.get_mut("recipients").and_then(Value::as_array_mut) else {
            continue;
        };
        for (i, r) in recipients.iter_mut().enumerate() {
            let Value::Object(m) = r else { continue };
            if m.contains_key("kind") {
                continue;
            }
            let transfer = transfers > 0 && (provides == 0 || i >= provides);
            let kind = if transfer { "transfer" } else { "provide" };
            m.insert("kind".into(), Value::String(kind.into()));
        }
    }
}

/// Risk-measure blocks name their files; the model refers to files by id.
fn resolve_files(model: &mut Value) {
    let files: Vec<(String, String)> = model["files"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| {
                    Some((
                        f.get("id")?.as_str()?.to_string(),
                        crate::text::fold_width(f.get("name")?.as_str()?),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let Some(blocks) = model.get_mut("risk_measures").and_then(Value::as_array_mut) else {
        return;
    };
    for block in blocks {
        if let Some(Value::Array(names)) = block.get_mut("files") {
            for n in names.iter_mut() {
                let Some(name) = n.as_str() else { continue };
                let folded = crate::text::fold_width(name);
                if let Some((id, _)) = files.iter().find(|(id, f)| *f == folded || *id == name) {
                    *n = Value::String(id.clone());
                }
            }
        }
    }
}

/// The model with its choices as the form's labels (十分である for `sufficient`): what a clerk
/// reads, and what `hyoka check` reads back to the same ids.
fn with_labels(v: &Value, path: &str) -> Value {
    let label = |path: &str, id: &str| {
        crate::model::text::choices_at(path)
            .and_then(|set| set.iter().find(|(i, _)| i == id))
            .map(|(_, l)| Value::String(l.clone()))
    };
    match v {
        // `forms` names the forms as `editions` keys them (basic, full): ids, not labels.
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| match (path, k.as_str()) {
                    ("", "forms") => (k.clone(), x.clone()),
                    _ => (k.clone(), with_labels(x, &format!("{path}/{k}"))),
                })
                .collect(),
        ),
        Value::Array(a) if crate::model::text::choices_at(path).is_some() => Value::Array(
            a.iter()
                .map(|x| {
                    x.as_str()
                        .and_then(|id| label(path, id))
                        .unwrap_or_else(|| x.clone())
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(
            a.iter()
                .enumerate()
                .map(|(i, x)| with_labels(x, &format!("{path}/{i}")))
                .collect(),
        ),
        Value::String(id) => label(path, id).unwrap_or_else(|| v.clone()),
        other => other.clone(),
    }
}

/// The model with each object's keys in the schema's order (the order of the model's fields),
/// so the YAML reads like the examples rather than in the order cells were found.
fn ordered(v: &Value, path: &str) -> Value {
    match v {
        Value::Object(m) => {
            let order: Vec<String> =
                crate::model::text::schema_at(if path.is_empty() { "" } else { path })
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default();
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| order.iter().position(|o| o == *k).unwrap_or(usize::MAX));
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), ordered(&m[k], &format!("{path}/{k}"))))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(
            a.iter()
                .enumerate()
                .map(|(i, x)| ordered(x, &format!("{path}/{i}")))
                .collect(),
        ),
        other => other.clone(),
    }
}
