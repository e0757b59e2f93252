//! `hyoka serve --edit`: the form as the editor. A value typed into the page is saved into the
//! served assessment's YAML through the one writer of a user's text (`yaml::patch`), as the
//! smallest edit — comments, order, quoting and line endings stay — and only when:
//!
//! - the request carries the token made at start-up and embedded in the page, and comes from
//!   this server's own page (`Origin`), never from another site (403);
//! - it names the version of the file the page showed: a file changed on disk since (an editor,
//!   `git checkout`, another tab) is never overwritten (409, with what the file now holds);
//! - the path is one of the values the form prints for that assessment, and the text types as
//!   the schema's value there (a choice by its label, a count, a date as `check` reads it);
//! - the edited file still loads (422 with the reason otherwise).
//!
//! Every save is kept, per file, so that 元に戻す restores the text before it byte for byte —
//! again only while the file still holds what the save wrote. What the page may edit is
//! [`super::fields`]'s; a list's entries added, moved and removed, [`super::lists`]'s — both
//! saved through [`Editor::save_with`], as 変更箇所に追記 is.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use super::fields::{fields, Field, Part};
use crate::diagnostic::{Lang, Message, Severity};
use crate::import::value;
use crate::load;
use crate::yaml::{self, patch, Limits};

/// The request header that carries the start-up token.
pub const TOKEN_HEADER: &str = "x-hyoka-token";
/// The largest request body an edit may send: one value (a long 事務の概要 is a few KB).
pub const MAX_BODY: usize = 256 * 1024;

/// What `--edit` adds to a server: its token and the saves it may undo.
pub struct Editor {
    pub token: String,
    /// Per file, this session's saves, last on top.
    saves: Mutex<HashMap<std::path::PathBuf, Vec<Save>>>,
}

struct Save {
    before: String,
    after: String,
}

/// A value typed into the page.
#[derive(Debug, Deserialize)]
pub struct SetRequest {
    /// The version of the file the page showed ([`version`]).
    pub version: String,
    /// The model path of the item (`/operation/summary`).
    pub path: String,
    /// What was typed: text, a choice's label, a date, a count.
    pub text: String,
}

/// 変更箇所に追記: the changes tab's rows written into the history, as `history --write` does.
#[derive(Debug, Deserialize)]
pub struct HistoryRequest {
    pub version: String,
    /// The base the tab compares with (`HEAD`, `file:NAME`).
    pub rev: String,
    /// 実施日, for 提出時期 (empty: none).
    #[serde(default)]
    pub effective: String,
    /// 変更日 of the rows.
    pub date: String,
}

/// 新規作成: a new assessment from the scaffold of a form, in a folder of its own.
#[derive(Debug, Deserialize)]
pub struct NewRequest {
    /// The folder's name (介護保険): one name, no path.
    pub name: String,
    /// `basic`, `key` or `full`.
    pub form: String,
}

/// Why a folder name is not one for 新規作成: empty, a path, hidden, or too long.
pub fn bad_name(name: &str) -> Option<Message> {
    let n = name.trim();
    let bad = n.is_empty()
        || n.chars().count() > 64
        || n.starts_with('.')
        || n.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        });
    bad.then(|| {
        Message::new(
            format!("「{n}」はフォルダの名前にできません（/ や \\ を含まない 64 文字までの名前にしてください）"),
            format!("「{n}」 cannot be a folder name (one name of up to 64 characters, without / or \\)"),
        )
    })
}

/// Creates `dir/name/assessment.yaml` from the scaffold of `form`; never over a file that is
/// there. Returns the file.
pub fn create(dir: &Path, request: &NewRequest) -> Result<std::path::PathBuf, (u16, Message)> {
    if let Some(why) = bad_name(&request.name) {
        return Err((422, why));
    }
    let form = crate::model::FormKind::ALL
        .iter()
        .copied()
        .find(|f| f.id() == request.form);
    let Some(form) = form else {
        return Err((
            422,
            Message::new(
                format!("様式「{}」はありません（basic・key・full）", request.form),
                format!("no form 「{}」 (basic, key, full)", request.form),
            ),
        ));
    };
    let folder = dir.join(request.name.trim());
    // A folder of that name that leads elsewhere (a link out of the served folder) is not used.
    let inside = std::fs::symlink_metadata(&folder).map_or(true, |m| m.is_dir())
        && folder
            .canonicalize()
            .map_or(true, |c| c.parent() == Some(dir));
    if !inside {
        return Err((
            422,
            Message::new(
                format!(
                    "{} は表示しているフォルダの中のフォルダではありません",
                    folder.display()
                ),
                format!(
                    "{} is not a folder inside the served folder",
                    folder.display()
                ),
            ),
        ));
    }
    let file = folder.join("assessment.yaml");
    if file.exists() {
        return Err((
            409,
            Message::new(
                format!("{} はもうあります", file.display()),
                format!("{} exists already", file.display()),
            ),
        ));
    }
    let schema = dir
        .ancestors()
        .map(|a| a.join("assessment.schema.json"))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let today = crate::model::Date::today().wareki();
    let text = crate::model::scaffold::scaffold_text(form, &schema, &today);
    let io = |e: std::io::Error| (500, Message::new(e.to_string(), e.to_string()));
    std::fs::create_dir_all(&folder).map_err(io)?;
    crate::files::create_new_atomically(&file, text.as_bytes()).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => (
            409,
            Message::new(
                format!("{} はもうあります", file.display()),
                format!("{} exists already", file.display()),
            ),
        ),
        _ => io(e),
    })?;
    Ok(file)
}

/// An undo request: the version the page shows.
#[derive(Debug, Deserialize)]
pub struct UndoRequest {
    pub version: String,
}

/// The answer to a save or an undo.
#[derive(Debug, Serialize, PartialEq)]
pub struct Answer {
    /// HTTP status: 200, 409 (the file changed), 422 (the value or the result does not hold).
    #[serde(skip)]
    pub status: u16,
    /// The file's version now.
    pub version: String,
    /// Why not, in the page's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// On a conflict: what the file now holds at the path, as the page shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// Saves left to undo.
    pub undo: usize,
}

/// A file's version: a hash of its bytes (the page names the one it showed).
pub fn version(bytes: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}-{}", h.finish(), bytes.len())
}

/// A token nobody else can guess: 128 bits from the system's random source.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Editor {
    pub fn new(token: String) -> Editor {
        Editor {
            token,
            saves: Mutex::new(HashMap::new()),
        }
    }

    /// Saves `request` into the file at `file`, whose form prints `editable`.
    pub fn set(
        &self,
        file: &Path,
        editable: &HashMap<String, Field>,
        request: &SetRequest,
        lang: Lang,
    ) -> Answer {
        let mut answer = self.save_with(file, &request.version, lang, |source| {
            if !editable.contains_key(&request.path) || request.path.contains('#') {
                return Err(Message::new(
                    format!("「{}」は様式の上では編集できません", request.path),
                    format!("{} cannot be edited on the form", request.path),
                ));
            }
            let value = typed(source, &request.path, &request.text)?;
            apply(source, &request.path, value)
        });
        // On a conflict, what the file holds there now, as the page shows it.
        if answer.status == 409 {
            answer.current = editable.get(&request.path).map(Field::shown);
        }
        answer
    }

    /// Writes the text `make` makes of the file's, if the file is still at `version`: the one
    /// way a save reaches the disk (atomic, kept for 元に戻す).
    pub fn save_with(
        &self,
        file: &Path,
        version_shown: &str,
        lang: Lang,
        make: impl FnOnce(&str) -> Result<String, Message>,
    ) -> Answer {
        let mut saves = self.saves.lock().unwrap_or_else(|e| e.into_inner());
        let source = match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => return self.refused(500, String::new(), e.to_string(), &saves, file),
        };
        let now = version(source.as_bytes());
        if now != version_shown {
            let why = changed_since(lang);
            return self.refused(409, now, why, &saves, file);
        }
        let after = match make(&source) {
            Ok(t) => t,
            Err(why) => return self.refused(422, now, why.text(lang).to_string(), &saves, file),
        };
        if after != source {
            if let Err(e) = crate::files::write_atomically(file, after.as_bytes()) {
                return self.refused(500, now, e.to_string(), &saves, file);
            }
            saves.entry(file.to_path_buf()).or_default().push(Save {
                before: source,
                after: after.clone(),
            });
        }
        Answer {
            status: 200,
            version: version(after.as_bytes()),
            error: None,
            current: None,
            undo: saves.get(file).map_or(0, Vec::len),
        }
    }

    /// Puts back the text before this session's last save of `file`.
    pub fn undo(&self, file: &Path, request: &UndoRequest, lang: Lang) -> Answer {
        let mut saves = self.saves.lock().unwrap_or_else(|e| e.into_inner());
        let source = match std::fs::read(file) {
            Ok(s) => s,
            Err(e) => return self.refused(500, String::new(), e.to_string(), &saves, file),
        };
        let now = version(&source);
        let last = saves.get(file).and_then(|s| s.last());
        let Some(last) = last else {
            let why = Message::new("元に戻す保存がありません", "no save to undo");
            return self.refused(409, now, why.text(lang).to_string(), &saves, file);
        };
        if now != request.version || source != last.after.as_bytes() {
            let why = Message::new(
                "最後の保存のあとでファイルが変わったので、元に戻せません",
                "the file changed after the last save: it cannot be undone",
            );
            return self.refused(409, now, why.text(lang).to_string(), &saves, file);
        }
        let before = last.before.clone();
        if let Err(e) = crate::files::write_atomically(file, before.as_bytes()) {
            return self.refused(500, now, e.to_string(), &saves, file);
        }
        if let Some(s) = saves.get_mut(file) {
            s.pop();
        }
        Answer {
            status: 200,
            version: version(before.as_bytes()),
            error: None,
            current: None,
            undo: saves.get(file).map_or(0, Vec::len),
        }
    }

    fn refused(
        &self,
        status: u16,
        version: String,
        error: String,
        saves: &HashMap<std::path::PathBuf, Vec<Save>>,
        file: &Path,
    ) -> Answer {
        Answer {
            status,
            version,
            error: Some(error),
            current: None,
            undo: saves.get(file).map_or(0, Vec::len),
        }
    }
}

fn changed_since(lang: Lang) -> String {
    Message::new(
        "保存する前にファイルが変わりました（エディタや git、別のタブで）。今の内容を確かめて、もう一度入力してください。",
        "the file changed since the page showed it (an editor, git or another tab): check what it holds now and enter the value again",
    )
    .text(lang)
    .to_string()
}

/// The typed text as the value to write: the schema's type at the path, a choice written as the
/// file writes its choices (its label, unless the file holds the id there).
fn typed(source: &str, path: &str, text: &str) -> Result<Value, Message> {
    // A date as `check` reads it: 令和7年4月1日, R7.4.1, 2025-04-01 (written as typed).
    if value::is_date(path) && !text.trim().is_empty() {
        return match crate::model::Date::parse(text.trim()) {
            Ok(_) => Ok(Value::String(text.trim().to_string())),
            Err(_) => Err(Message::new(
                format!(
                    "「{}」は日付として読めません（例: 令和7年4月1日、R7.4.1、2025-04-01）",
                    text.trim()
                ),
                format!(
                    "「{}」 is not a date (e.g. 令和7年4月1日, R7.4.1, 2025-04-01)",
                    text.trim()
                ),
            )),
        };
    }
    if super::fields::names_entries(path) {
        return named_ids(source, path, text);
    }
    // A box: ticked or not, written as the file writes it (`external: false` stays a line).
    if value::has_type(path, "boolean") {
        return Ok(Value::Bool(value::is_ticked(text)));
    }
    let value = match value::typed(path, text) {
        Ok(Some(v)) => v,
        Ok(None) => Value::Null,
        Err(m) => return Err(Message::new(m.ja, m.en)),
    };
    // Written in the file's notation by `apply`.
    Ok(value)
}

/// An item that names entries of another list by id — a risk-measure block's files, typed as
/// the boxes of those entries' labels; a step's counterpart, as one label — as the ids.
fn named_ids(source: &str, path: &str, text: &str) -> Result<Value, Message> {
    let root = yaml::parse(source, &Limits::default())
        .map(|t| t.to_json())
        .unwrap_or(Value::Null);
    let Some(r) = crate::model::refs::reference_at(path) else {
        return Ok(Value::Null);
    };
    let entries = crate::model::refs::choices(&root, r);
    let id_of = |label: &str| -> Result<Value, Message> {
        entries
            .iter()
            .find(|(_, l)| l == label.trim())
            .map(|(id, _)| Value::from(id.as_str()))
            .ok_or_else(|| {
                Message::new(
                    format!("「{}」はありません", label.trim()),
                    format!("no 「{}」", label.trim()),
                )
            })
    };
    if !r.is_list() {
        return match text.trim() {
            "" => Ok(Value::Null),
            label => id_of(label),
        };
    }
    let ids: Result<Vec<Value>, Message> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[○]"))
        .map(id_of)
        .collect();
    Ok(Value::Array(ids?))
}

fn node_at<'t>(tree: &'t yaml::Node, path: &str) -> Option<&'t yaml::Node> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .try_fold(tree, |node, seg| node.child(seg))
}

/// The file's text with `value` at `path`, if it still loads.
fn apply(source: &str, path: &str, value: Value) -> Result<String, Message> {
    let tree = yaml::parse(source, &Limits::default()).map_err(|e| {
        Message::new(
            format!("ファイルが YAML として読めません: {}", e.message.ja),
            format!("the file does not read as YAML: {}", e.message.en),
        )
    })?;
    // An unticked box the file does not name is unticked already.
    if value == Value::Bool(false) && node_at(&tree, path).is_none() {
        return Ok(source.to_string());
    }
    // The model as the file holds it, for a list's order and a choice's notation (a text
    // needs only the text).
    let model = if value.is_array() || crate::model::text::choices_at(path).is_some() {
        load::load_str("edit.yaml", source, &Limits::default())
            .assessment
            .and_then(|a| serde_json::to_value(a).ok())
            .unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    let Some(value) = in_the_files_order(&model, path, value) else {
        return Ok(source.to_string());
    };
    let value = crate::import::into::as_the_file_writes_it(&tree, &model, path, &value);
    let change = if value.is_null() {
        // Emptied: the key goes, if the file has it.
        if node_at(&tree, path).is_none() {
            return Ok(source.to_string());
        }
        patch::Change::Remove { path: path.into() }
    } else {
        patch::Change::Set {
            path: path.into(),
            value,
        }
    };
    patched_with(source, &tree, &[change])
}

/// A list from the page (ticked boxes, 入手元) in the order the file lists it: the entries it
/// keeps where they stand, new ones after; `None` when it is the list the file holds already.
/// `model` is the file's assessment as JSON.
fn in_the_files_order(model: &Value, path: &str, value: Value) -> Option<Value> {
    let (Value::Array(new), Some(Value::Array(old))) = (&value, model.pointer(path)) else {
        return Some(value);
    };
    // An entry of 入手元 is its kind; a box, its choice.
    let key = |v: &Value| v.get("kind").cloned().unwrap_or_else(|| v.clone());
    let mut rest = new.clone();
    let mut out = Vec::with_capacity(new.len());
    for o in old {
        if let Some(i) = rest.iter().position(|n| key(n) == key(o)) {
            out.push(rest.remove(i));
        }
    }
    out.extend(rest);
    (out != *old).then_some(Value::Array(out))
}

/// The file's text with `changes`, if it still loads.
pub fn patched(source: &str, changes: &[patch::Change]) -> Result<String, Message> {
    let tree = yaml::parse(source, &Limits::default()).map_err(|e| {
        Message::new(
            format!("ファイルが YAML として読めません: {}", e.message.ja),
            format!("the file does not read as YAML: {}", e.message.en),
        )
    })?;
    patched_with(source, &tree, changes)
}

fn patched_with(
    source: &str,
    tree: &yaml::Node,
    changes: &[patch::Change],
) -> Result<String, Message> {
    let text = patch::patch(source, tree, changes).map_err(|e| {
        Message::new(
            format!("{} に書き込めません: {}", e.path, e.why),
            format!("cannot write {}: {}", e.path, e.why),
        )
    })?;
    // The text as it was (a value saved as it stood): it loads as it did.
    if text == source {
        return Ok(text);
    }
    let loaded = load::load_str("edit.yaml", &text, &Limits::default());
    let broken = loaded
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error && loaded.assessment.is_none());
    if loaded.assessment.is_none() {
        let why = broken
            .map(|d| d.message.clone())
            .unwrap_or_else(|| Message::new("評価書として読めなくなります", "it would not load"));
        return Err(Message::new(
            format!("保存すると読み込めなくなるので保存しません: {}", why.ja),
            format!("not saved: the file would not load: {}", why.en),
        ));
    }
    Ok(text)
}
