//! Stage 1: files → [`Loaded`] (the spanned YAML tree, the typed model, and load diagnostics).
//!
//! Everything later stages report is addressed by model path (`/files/2/delegations/0`);
//! [`Loaded::pos_of`] is the one function that turns such a path into `line:col`.

pub mod silent;

use std::cell::RefCell;
use std::io::Read;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Message, Pos, Severity};
use crate::model::{self, Assessment, Date};
use crate::yaml::{self, de, Limits, Node, NodeKind};

pub const CODE_ENCODING: &str = "HY0007";
pub const CODE_UNKNOWN_EDITION: &str = "HY0009";
pub const CODE_ERA_DATE: &str = "HY0010";
pub const CODE_IO: &str = "HY0011";
pub const CODE_DECOMPOSED: &str = "HY0016";

/// One loaded file.
#[derive(Debug)]
pub struct Loaded {
    /// The name diagnostics use (the path as given).
    pub file: String,
    pub source: String,
    /// The YAML tree, when the text parsed.
    pub tree: Option<Node>,
    /// The model, when the tree had the model's shape.
    pub assessment: Option<Assessment>,
    /// A notice of purposes of use (`kind: notice`), when the file is one.
    pub notice: Option<crate::model::notice::Notice>,
    pub diagnostics: Vec<Diagnostic>,
    /// For a file read from a workbook (`hyoka check a.xlsx`): model path → the cell its value
    /// came from (`様式２!C14`), so that findings point at cells, not at the YAML the import
    /// made in memory. Empty for a YAML file.
    pub cells: std::collections::BTreeMap<String, String>,
}

impl Loaded {
    /// Maps a model path to the position of the value there. A path that does not exist in the
    /// file (a missing key) maps to its nearest existing ancestor, which is where to add it.
    pub fn pos_of(&self, path: &str) -> Pos {
        self.node_at(path)
            .map(|n| n.span.start)
            .unwrap_or(Pos { line: 1, column: 1 })
    }

    /// The nearest existing node on `path`.
    pub fn node_at(&self, path: &str) -> Option<&Node> {
        let mut node = self.tree.as_ref()?;
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            match node.child(seg) {
                Some(next) => node = next,
                None => break,
            }
        }
        Some(node)
    }

    /// The position of the key (not the value) at the end of `path`, for "this key" messages.
    pub fn key_pos_of(&self, path: &str) -> Pos {
        let (parent, key) = path.rsplit_once('/').unwrap_or(("", path));
        self.node_at(parent)
            .and_then(|p| p.key_node(key))
            .map(|k| k.span.start)
            .unwrap_or_else(|| self.pos_of(path))
    }

    /// Adds a diagnostic located at a model path.
    pub fn diagnostic_at(&self, path: &str, d: Diagnostic) -> Diagnostic {
        d.at(&self.file, self.pos_of(path), path)
    }

    /// Points each diagnostic of a file read from a workbook at the cell of its value (or of
    /// the nearest value around it), else at the workbook as a whole.
    pub fn place_in_cells(&mut self) {
        if self.cells.is_empty() {
            return;
        }
        let cells = &self.cells;
        // The first cell at `prefix` or below it.
        let under = |prefix: &str| {
            let below = format!("{prefix}/");
            cells.get(prefix).cloned().or_else(|| {
                cells
                    .range(below.clone()..)
                    .next()
                    .filter(|(p, _)| p.starts_with(&below))
                    .map(|(_, c)| c.clone())
            })
        };
        for d in self.diagnostics.iter_mut().filter(|d| d.cell.is_none()) {
            // The value's own cell, else the nearest one of its entry (an empty 提出時期に係る説明
            // is on its row's line), else the workbook as a whole.
            let mut at = d.path.as_str();
            let mut found = None;
            while found.is_none() && !at.is_empty() {
                found = under(at);
                at = at.rsplit_once('/').map_or("", |(p, _)| p);
            }
            d.cell = Some(found.unwrap_or_default());
            // The position was in the YAML made in memory: nothing the user can open.
            d.pos = Pos { line: 1, column: 1 };
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads and loads one file. Unreadable files become a diagnostic, not a panic or an abort.
pub fn load_path(path: &Path, limits: &Limits) -> Loaded {
    let name = path.display().to_string();
    let fail = |code, ja: String, en: String| Loaded {
        file: name.clone(),
        source: String::new(),
        tree: None,
        assessment: None,
        notice: None,
        diagnostics: vec![
            Diagnostic::new(code, Severity::Error, Message::new(ja, en)).at(
                &name,
                Pos { line: 1, column: 1 },
                "",
            ),
        ],
        cells: Default::default(),
    };
    let too_large = |size: String| {
        fail(
            yaml::CODE_LIMIT,
            format!(
                "ファイルが大きすぎます（{size} バイト、上限 {} バイト）",
                limits.max_bytes
            ),
            format!(
                "file is too large ({size} bytes; the limit is {} bytes)",
                limits.max_bytes
            ),
        )
    };
    // Only a regular file is read: a device (`/dev/zero`) never ends and a named pipe blocks
    // the open itself, so they are refused from their metadata, before any open.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return fail(
                CODE_IO,
                "通常のファイルではないため読みません（デバイス、名前付きパイプ、フォルダなど）"
                    .to_string(),
                "not a regular file, so it is not read (a device, a named pipe, a folder, …)"
                    .to_string(),
            )
        }
        Ok(m) if m.len() > limits.max_bytes as u64 => return too_large(m.len().to_string()),
        Ok(_) => {}
        Err(e) => {
            return fail(
                CODE_IO,
                format!("ファイルを読めません: {e}"),
                format!("cannot read the file: {e}"),
            )
        }
    }
    // The limit holds while reading too: a file that grows after the size was taken is cut off.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| f.take(limits.max_bytes as u64 + 1).read_to_end(&mut bytes));
    match read {
        Ok(n) if n > limits.max_bytes => too_large(format!("{n} 以上 / over {}", limits.max_bytes)),
        Ok(_) => load_bytes(&name, &bytes, limits),
        Err(e) => fail(
            CODE_IO,
            format!("ファイルを読めません: {e}"),
            format!("cannot read the file: {e}"),
        ),
    }
}

/// Loads YAML bytes, which must be UTF-8 (a BOM is allowed).
pub fn load_bytes(file: &str, bytes: &[u8], limits: &Limits) -> Loaded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(file, text, limits),
        Err(e) => {
            // Point at the first byte that is not UTF-8: its line, and its column in characters.
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            let d = Diagnostic::new(
                CODE_ENCODING,
                Severity::Error,
                Message::new("ファイルが UTF-8 ではありません", "the file is not UTF-8"),
            )
            .with_help(Message::new(
                "Shift_JIS などで保存されている場合は UTF-8 で保存し直してください（例: `iconv -f SHIFT_JIS -t UTF-8`）。",
                "re-save it as UTF-8 (e.g. `iconv -f SHIFT_JIS -t UTF-8` for Shift_JIS files)",
            ))
            .at(file, Pos { line, column }, "");
            Loaded {
                file: file.to_string(),
                // The text as far as it can be shown (U+FFFD for what is not UTF-8), so that the
                // report can print the offending line.
                source: String::from_utf8_lossy(bytes).into_owned(),
                tree: None,
                assessment: None,
                notice: None,
                diagnostics: vec![d],
                cells: Default::default(),
            }
        }
    }
}

pub fn load_str(file: &str, text: &str, limits: &Limits) -> Loaded {
    let mut loaded = Loaded {
        file: file.to_string(),
        source: text.to_string(),
        tree: None,
        assessment: None,
        notice: None,
        diagnostics: Vec::new(),
        cells: Default::default(),
    };
    let mut tree = match yaml::parse(text, limits) {
        Ok(tree) => tree,
        Err(e) => {
            typing_mistakes(&mut loaded, e, limits);
            return loaded;
        }
    };
    let decomposed = to_nfc(&mut tree);
    let is_notice = tree
        .child("kind")
        .and_then(|k| k.as_str())
        .is_some_and(|k| k == crate::model::notice::NOTICE_KIND);
    if is_notice {
        // A notice of purposes of use: its own model, read by the same machinery.
        let (notice, diagnostics) = deserialize_all(file, &tree);
        loaded.notice = notice;
        loaded.diagnostics = diagnostics;
        loaded.tree = Some(tree);
        warn_era_dates(&mut loaded);
        loaded
            .diagnostics
            .sort_by_key(|d| (d.pos.line, d.pos.column));
        return loaded;
    }
    let (assessment, diagnostics) = deserialize_all(file, &tree);
    loaded.assessment = assessment;
    loaded.diagnostics = diagnostics;
    loaded.tree = Some(tree);
    if let Some(pos) = decomposed {
        loaded.diagnostics.push(
            Diagnostic::new(
                CODE_DECOMPOSED,
                Severity::Warning,
                Message::new(
                    "濁点・半濁点などが分かれた文字（NFD）で書かれた値があります。合成済みの文字（NFC）として読みました",
                    "some values are written with decomposed characters (NFD, e.g. か + ゛): they are read as composed (NFC)",
                ),
            )
            .with_help(Message::new(
                "エディタの保存形式を NFC（通常の形）にするか、その値を入力し直してください。見た目が同じでも id や選択肢が一致しなくなります。",
                "save the file as NFC (the usual form), or type the values again: the same-looking text otherwise does not match ids or choices",
            ))
            .at(file, pos, ""),
        );
    }
    check_editions(&mut loaded);
    warn_era_dates(&mut loaded);
    silent::warn(&mut loaded);
    loaded
        .diagnostics
        .sort_by_key(|d| (d.pos.line, d.pos.column));
    loaded
}

/// A file that does not parse: every IME typing mistake in it is reported in one run (a
/// full-width colon, a missing space, a tab and a full-width-space indent took three runs when
/// only the first was), and then, read with those lines corrected, what the model says of the
/// rest. The file still counts as not loaded: the mistakes are its to fix.
fn typing_mistakes(loaded: &mut Loaded, first: yaml::TreeError, limits: &Limits) {
    let push = |loaded: &mut Loaded, e: yaml::TreeError| {
        let mut d = Diagnostic::new(e.code, Severity::Error, e.message).at(&loaded.file, e.pos, "");
        d.help = e.help;
        loaded.diagnostics.push(d);
    };
    let mistakes = yaml::typing_mistakes(&loaded.source);
    if mistakes.is_empty() {
        return push(loaded, first);
    }
    for (e, _) in mistakes {
        push(loaded, e);
    }
    let Some(fixed) = yaml::with_typing_mistakes_fixed(&loaded.source) else {
        return;
    };
    match yaml::parse(&fixed, limits) {
        Ok(tree) => {
            let (_, more): (Option<Assessment>, _) = deserialize_all(&loaded.file, &tree);
            let notice = tree.child("kind").and_then(|k| k.as_str())
                == Some(crate::model::notice::NOTICE_KIND);
            if !notice {
                loaded.diagnostics.extend(more);
            }
        }
        // Another mistake the corrections did not reach: said as the parser found it.
        Err(e) => push(loaded, e),
    }
    loaded
        .diagnostics
        .sort_by_key(|d| (d.pos.line, d.pos.column));
}

/// Every key and text of the tree in NFC, as people type them. A file saved by some macOS tools
/// holds `が` as `か` + U+3099: it looks the same, but would not equal a choice's label or the
/// same id typed elsewhere. The source text is not changed (edits keep the file's own bytes);
/// the position of the first such value is returned, to warn once.
fn to_nfc(node: &mut Node) -> Option<Pos> {
    use unicode_normalization::UnicodeNormalization;
    let mut first: Option<Pos> = None;
    let mut visit = |n: &mut Node| {
        if let NodeKind::Scalar { value, .. } = &mut n.kind {
            if !unicode_normalization::is_nfc(value) {
                *value = value.nfc().collect();
                first.get_or_insert(n.span.start);
            }
        }
    };
    fn walk(n: &mut Node, visit: &mut dyn FnMut(&mut Node)) {
        visit(n);
        match &mut n.kind {
            NodeKind::Seq(items) => items.iter_mut().for_each(|i| walk(i, visit)),
            NodeKind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                walk(k, visit);
                walk(v, visit);
            }),
            NodeKind::Scalar { .. } => {}
        }
    }
    walk(node, &mut visit);
    first
}

/// How many hard errors one file may report before we stop looking for more.
const MAX_HARD_ERRORS: usize = 64;

/// Deserializes the model, reporting every problem rather than only the first.
///
/// serde stops at the first value it cannot read. To find the rest, we drop that value from a
/// working copy of the tree and try again; nodes keep their own spans, so positions stay right.
/// A key that becomes "missing" only because we dropped it is not reported again.
///
/// Dropping a list item shifts the items after it, so the working copy's paths are mapped back
/// to the file's own (`/systems/2`, not `/systems/0` three times over).
fn deserialize_all<T: serde::de::DeserializeOwned>(
    file: &str,
    tree: &Node,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut work = tree.clone();
    // Paths dropped, in the file's own indices (for "missing" keys that we caused).
    let mut removed: Vec<String> = Vec::new();
    // List items dropped, as (list path, index) in the working copy at the time.
    let mut shifts: Vec<(String, usize)> = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    loop {
        let ctx = de::Ctx {
            file,
            diags: RefCell::new(Vec::new()),
            vocabulary: &model::data::VOCABULARY,
        };
        let result = T::deserialize(de::NodeDe {
            node: &work,
            path: String::new(),
            ctx: &ctx,
        });
        let mut hard = None;
        for mut d in ctx.diags.into_inner() {
            let working = d.path.clone();
            d.path = original_path(&shifts, &working);
            if d.code == de::CODE_MISSING && removed.contains(&d.path) {
                continue;
            }
            if d.code != de::CODE_UNKNOWN_KEY && hard.is_none() && !removed.contains(&d.path) {
                hard = Some(working);
            }
            if !diagnostics
                .iter()
                .any(|e| e.code == d.code && e.pos == d.pos && e.path == d.path)
            {
                diagnostics.push(d);
            }
        }
        match result {
            Ok(a) => return (Some(a), diagnostics),
            Err(_) => {
                let Some(working) = hard.filter(|p| !p.is_empty()) else {
                    return (None, diagnostics);
                };
                if removed.len() >= MAX_HARD_ERRORS {
                    return (None, diagnostics);
                }
                // A missing key cannot be dropped: drop the entry that lacks it instead, so the
                // same key missing from the next entries is found too.
                let working = if remove_at(&mut work, &working) {
                    working
                } else {
                    match working.rsplit_once('/') {
                        Some((parent, _)) if !parent.is_empty() && remove_at(&mut work, parent) => {
                            parent.to_string()
                        }
                        _ => return (None, diagnostics),
                    }
                };
                removed.push(original_path(&shifts, &working));
                if let Some((list, index)) = working.rsplit_once('/') {
                    if let Ok(i) = index.parse::<usize>() {
                        shifts.push((list.to_string(), i));
                    }
                }
            }
        }
    }
}

/// Maps a path in the working copy back to the file's own indices, undoing the list-item
/// removals from the last to the first (each was made in the indices of its own time).
fn original_path(shifts: &[(String, usize)], path: &str) -> String {
    let mut path = path.to_string();
    for (list, removed) in shifts.iter().rev() {
        let Some(rest) = path
            .strip_prefix(list.as_str())
            .and_then(|r| r.strip_prefix('/'))
        else {
            continue;
        };
        let (index, tail) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
        if let Ok(i) = index.parse::<usize>() {
            if i >= *removed {
                path = format!("{list}/{}{tail}", i + 1);
            }
        }
    }
    path
}

/// Removes the value at `path` from the tree; false when there is nothing to remove.
fn remove_at(tree: &mut Node, path: &str) -> bool {
    let (parent, last) = path.rsplit_once('/').unwrap_or(("", path));
    let mut node = tree;
    for seg in parent.split('/').filter(|s| !s.is_empty()) {
        let next = match &mut node.kind {
            NodeKind::Map(entries) => entries
                .iter_mut()
                .find(|(k, _)| k.as_str() == Some(seg))
                .map(|(_, v)| v),
            NodeKind::Seq(items) => seg.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            NodeKind::Scalar { .. } => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    match &mut node.kind {
        NodeKind::Map(entries) => {
            let before = entries.len();
            entries.retain(|(k, _)| k.as_str() != Some(last));
            entries.len() < before
        }
        NodeKind::Seq(items) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        NodeKind::Scalar { .. } => false,
    }
}

fn check_editions(loaded: &mut Loaded) {
    // Read from the tree, not the model, so that a file with other problems is still checked.
    let Some(tree) = &loaded.tree else { return };
    let forms: Vec<model::FormKind> = match tree.child("forms").map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items
            .iter()
            .filter_map(|n| n.as_str().and_then(model::FormKind::from_written))
            .collect(),
        _ => Vec::new(),
    };
    let mut found = Vec::new();
    for form in forms {
        let path = format!("/editions/{}", form.id());
        match tree
            .child("editions")
            .and_then(|e| e.child(form.id()))
            .filter(|n| !n.is_null())
            .and_then(|n| n.as_str())
        {
            None => found.push((path, form, None)),
            Some(name) if model::edition::find(form, name).is_none() => {
                found.push((path, form, Some(name.to_string())))
            }
            Some(_) => {}
        }
    }
    for (path, form, written) in found {
        let known = model::edition::of(form)
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let message = match &written {
            Some(w) => Message::new(
                format!("{}の様式の版 `{w}` は hyoka が知らない版です", form.label()),
                format!("`{w}` is not a known edition of the {} form", form.id()),
            ),
            None => Message::new(
                format!(
                    "{}の様式の版（editions.{}）がありません",
                    form.label(),
                    form.id()
                ),
                format!(
                    "no edition pinned for the {} form (editions.{})",
                    form.id(),
                    form.id()
                ),
            ),
        };
        let d = Diagnostic::new(CODE_UNKNOWN_EDITION, Severity::Error, message).with_help(
            Message::new(
                format!("使える版: {known}"),
                format!("known editions: {known}"),
            ),
        );
        let d = loaded.diagnostic_at(&path, d);
        loaded.diagnostics.push(d);
    }
}

/// Warns about 和暦 dates that no era has (平成31年5月1日). Real documents contain them, so they
/// load; the warning points at every such scalar wherever it stands.
fn warn_era_dates(loaded: &mut Loaded) {
    fn walk(node: &Node, path: &str, out: &mut Vec<(String, Pos, String)>) {
        match &node.kind {
            NodeKind::Scalar { value, .. } => {
                if let Ok(d) = Date::parse(value) {
                    if !d.era_exists {
                        out.push((path.to_string(), node.span.start, d.wareki()));
                    }
                }
            }
            NodeKind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}/{i}"), out);
                }
            }
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    walk(
                        v,
                        &format!("{path}/{}", k.as_str().unwrap_or_default()),
                        out,
                    );
                }
            }
        }
    }
    let Some(tree) = &loaded.tree else { return };
    let mut found = Vec::new();
    walk(tree, "", &mut found);
    for (path, pos, actual) in found {
        let value = loaded
            .node_at(&path)
            .and_then(|n| n.as_str())
            .unwrap_or_default()
            .to_string();
        loaded.diagnostics.push(
            Diagnostic::new(
                CODE_ERA_DATE,
                Severity::Warning,
                Message::new(
                    format!("`{value}` はその元号に存在しない日付です（{actual}）"),
                    format!("`{value}` does not exist in that era (it is {actual})"),
                ),
            )
            .with_help(Message::new(
                format!("`{actual}` と書いてください。"),
                format!("write `{actual}`"),
            ))
            .at(&loaded.file, pos, &path),
        );
    }
}
