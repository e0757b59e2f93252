//! `hyoka history`: change rows into the assessment's own `history`, as YAML text.
//!
//! The new rows are inserted as text at the end of the `history` list, so that every other line
//! of the file — comments, formatting, key order — stays byte for byte as it was. The result is
//! loaded again before it is written: if it would not load, nothing is written.

use super::Change;
use crate::diagnostic::{Message, Severity};
use crate::load::yaml::{Limits, NodeKind};
use crate::load::{self, Loaded};
use crate::model::Date;

/// A YAML scalar for one line of text, quoted when plain style would change its meaning.
fn inline(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// A YAML value for `text` at a key indented by `indent` spaces: a literal block for several
/// lines (with an explicit indentation indicator when the text starts with a space).
fn scalar(text: &str, indent: usize) -> String {
    if !text.contains('\n') {
        return inline(text);
    }
    crate::load::yaml::literal_block(text, indent)
}

/// The rows as YAML list items, each line indented by `indent` spaces.
pub fn rows_yaml(changes: &[Change], date: &Date, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let inner = indent + 2;
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!("{pad}- date: {}\n", date.wareki()));
        out.push_str(&format!("{pad}  item: {}\n", scalar(&c.item, inner)));
        if !c.before.is_empty() {
            out.push_str(&format!("{pad}  before: {}\n", scalar(&c.before, inner)));
        }
        if !c.after.is_empty() {
            out.push_str(&format!("{pad}  after: {}\n", scalar(&c.after, inner)));
        }
        out.push_str(&format!("{pad}  timing: {}\n", c.timing.id()));
        if let Some(r) = &c.reason {
            out.push_str(&format!("{pad}  reason: {}\n", inline(r)));
        }
    }
    out
}

/// The source of `loaded` with `changes` appended to its `history`.
pub fn append(loaded: &Loaded, changes: &[Change], date: &Date) -> Result<String, Message> {
    let Some(tree) = &loaded.tree else {
        return Err(Message::new(
            "元のファイルが読み込めないため追記できません",
            "cannot append: the file itself does not load",
        ));
    };
    let source = &loaded.source;
    let mut lines: Vec<&str> = source.split_inclusive('\n').collect();
    let ends_with_newline = source.ends_with('\n');
    let history_key = tree.key_node("history");
    let history = tree.child("history");
    let new_text = match (history_key, history.map(|h| &h.kind)) {
        // A block list: insert after its last line, before whatever follows at the top level.
        (Some(key), Some(NodeKind::Seq(items)))
            if !items.is_empty() && items[0].span.start.line > key.span.start.line =>
        {
            let indent = items[0].span.start.column.saturating_sub(3);
            let key_line = key.span.start.line; // 1-based
            let mut insert_at = lines.len();
            for (i, line) in lines.iter().enumerate().skip(key_line) {
                let starts_top_level =
                    !line.starts_with([' ', '\t', '#', '\n', '\r']) && !line.trim().is_empty();
                if starts_top_level {
                    insert_at = i;
                    break;
                }
            }
            // Keep trailing blank lines and comments below the inserted rows.
            while insert_at > key_line && lines[insert_at - 1].trim().is_empty() {
                insert_at -= 1;
            }
            let rows = rows_yaml(changes, date, indent);
            let mut out = String::new();
            for (i, line) in lines.iter().enumerate() {
                if i == insert_at {
                    out.push_str(&rows);
                }
                out.push_str(line);
                if i + 1 == lines.len() && !ends_with_newline && insert_at > i {
                    out.push('\n');
                }
            }
            if insert_at >= lines.len() {
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&rows);
            }
            out
        }
        // `history: []`, `history:` or a flow list on one line: replace that line.
        (Some(key), _) => {
            let i = key.span.start.line - 1;
            let value = history.map(|h| h.span);
            if value.is_some_and(|v| v.end.line > key.span.start.line)
                && !matches!(history.map(|h| &h.kind), Some(NodeKind::Seq(items)) if items.is_empty())
            {
                return Err(Message::new("history の書式を判別できないため追記できません（ブロック形式のリストにしてください）", "cannot append: write history as a block list"));
            }
            let comment = lines[i]
                .find(" #")
                .map(|p| lines[i][p..].trim_end().to_string())
                .unwrap_or_default();
            let replacement = format!("history:{comment}\n{}", rows_yaml(changes, date, 2));
            lines[i] = "";
            let mut out: String = lines[..i].concat();
            out.push_str(&replacement);
            out.push_str(&lines[i + 1..].concat());
            out
        }
        // No history yet: add it at the end.
        (None, _) => {
            let mut out = source.clone();
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&format!("\nhistory:\n{}", rows_yaml(changes, date, 2)));
            out
        }
    };
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

/// Gives `text` the line endings of `source`: rows are built with `\n`, and a file saved with
/// Windows line endings (`\r\n`) keeps them on every line, the new ones too.
pub fn match_line_endings(source: &str, text: String) -> String {
    if !source.contains("\r\n") {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
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
    let key = tree
        .child("cover")
        .and_then(|c| c.key_node("published"))
        .ok_or_else(not_found)?;
    let line_no = key.span.start.line; // 1-based
    let mut out = String::with_capacity(loaded.source.len());
    for (i, line) in loaded.source.split_inclusive('\n').enumerate() {
        if i + 1 != line_no {
            out.push_str(line);
            continue;
        }
        let body = line.trim_end_matches(['\r', '\n']);
        let ending = &line[body.len()..];
        let (head, value) = body.split_once(':').ok_or_else(not_found)?;
        let comment = value.find(" #").map_or("", |p| &value[p..]);
        out.push_str(&format!("{head}: {}{comment}{ending}", date.wareki()));
    }
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
