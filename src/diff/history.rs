//! `hyoka history`: change rows into the assessment's own `history`, as YAML text.
//!
//! The rows are appended, and 公表日 set, through the one patcher of users' files
//! ([`crate::yaml::patch`]): every other line of the file — comments, formatting, key order,
//! line endings — stays byte for byte as it was. The result is loaded again before it is
//! written: if it would not load, nothing is written.

use serde_json::{json, Value};

use super::Change;
use crate::diagnostic::{Message, Severity};
use crate::load::{self, Loaded};
use crate::model::Date;
use crate::yaml::{blocks, patch, Limits};

/// A change as a `history` row of the model.
fn row(c: &Change, date: &Date) -> Value {
    let mut r = json!({"date": date.wareki(), "item": c.item});
    if !c.before.is_empty() {
        r["before"] = json!(c.before);
    }
    if !c.after.is_empty() {
        r["after"] = json!(c.after);
    }
    r["timing"] = json!(c.timing.id());
    if let Some(reason) = &c.reason {
        r["reason"] = json!(reason);
    }
    r
}

/// The rows as YAML list items, each line indented by `indent` spaces.
pub fn rows_yaml(changes: &[Change], date: &Date, indent: usize) -> String {
    changes
        .iter()
        .map(|c| blocks::item_text(&row(c, date), indent))
        .collect()
}

/// The source of `loaded` with `changes` appended to its `history`.
pub fn append(loaded: &Loaded, changes: &[Change], date: &Date) -> Result<String, Message> {
    let Some(tree) = &loaded.tree else {
        return Err(Message::new(
            "元のファイルが読み込めないため追記できません",
            "cannot append: the file itself does not load",
        ));
    };
    let edits: Vec<patch::Change> = changes
        .iter()
        .map(|c| patch::Change::Append {
            path: "/history".into(),
            value: row(c, date),
        })
        .collect();
    let new_text = patch::patch(&loaded.source, tree, &edits).map_err(|e| {
        Message::new(
            format!("history に追記できません（{}）", e.why),
            format!("cannot append to history ({})", e.why),
        )
    })?;
    let check = load::load_str(&loaded.file, &new_text, &Limits::default());
    if let Some(d) = check
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        return Err(Message::new(
            format!(
                "追記後のファイルが読み込めないため書き込みません（{}:{}: {}）",
                d.pos.line, d.pos.column, d.message.ja
            ),
            format!(
                "not written: the result would not load ({}:{}: {})",
                d.pos.line, d.pos.column, d.message.en
            ),
        ));
    }
    let added = check.assessment.as_ref().map_or(0, |a| a.history.len())
        - loaded.assessment.as_ref().map_or(0, |a| a.history.len());
    if added != changes.len() {
        return Err(Message::new(
            "追記した行数が合わないため書き込みません",
            "not written: the rows did not all land in history",
        ));
    }
    Ok(new_text)
}

/// The changes not yet in `a`'s history: a row with the same item, 変更前 and 変更後 is already
/// recorded (whatever its date), so running `history --write` twice adds nothing the second time.
pub fn unrecorded(a: &crate::model::Assessment, changes: &[Change]) -> Vec<Change> {
    let same = |row: Option<&str>, text: &str| row.unwrap_or("").trim() == text.trim();
    changes
        .iter()
        .filter(|c| {
            !a.history.iter().any(|r| {
                r.item.trim() == c.item.trim()
                    && same(r.before.as_deref(), &c.before)
                    && same(r.after.as_deref(), &c.after)
            })
        })
        .cloned()
        .collect()
}

/// The file with 公表日 (`cover.published`) set to `date`: that line's value replaced as text
/// (a comment after it kept), every other line as it was, loaded again to be sure it reads so.
pub fn set_published(loaded: &Loaded, date: &Date) -> Result<Loaded, Message> {
    let not_found = || {
        Message::new(
            "cover.published（公表日）の行が見つからないため、公表日を設定できません",
            "cannot set 公表日: no cover.published line",
        )
    };
    let tree = loaded.tree.as_ref().ok_or_else(not_found)?;
    tree.child("cover")
        .and_then(|c| c.key_node("published"))
        .ok_or_else(not_found)?;
    let set = patch::Change::Set {
        path: "/cover/published".into(),
        value: json!(date.wareki()),
    };
    let out = patch::patch(&loaded.source, tree, &[set]).map_err(|_| not_found())?;
    let again = load::load_str(&loaded.file, &out, &Limits::default());
    match &again.assessment {
        Some(a) if a.cover.published.as_ref() == Some(date) => Ok(again),
        _ => Err(not_found()),
    }
}

/// 変更または追記した箇所 | ページ | 事由等, as in seed 004's revision pages. `page_of` gives the
/// page of a model path in the rendered form (empty when no rendering is available).
pub fn pages_table(
    changes: &[Change],
    cause: Option<&str>,
    page_of: &dyn Fn(&str) -> Option<u32>,
) -> String {
    let mut out = format!(
        "| {} |\n|---|---|---|\n",
        crate::model::wording::get().pages_columns.join(" | ")
    );
    for c in changes {
        let page = page_of(&c.path).map(|p| p.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            c.item.replace('|', "\\|"),
            page,
            cause.unwrap_or("").replace('|', "\\|")
        ));
    }
    out
}
