//! Change rows as a terminal table, Markdown (for a pull-request comment), CSV, JSON, or an HTML
//! 新旧対照表 with the changed text highlighted.

use std::fmt::Write as _;

use serde_json::json;
use similar::{ChangeTag, TextDiff};

use super::Change;
use crate::diagnostic::Lang;
use crate::text::escape_html as esc;

/// Column headings of the change table, as the forms print them (templates/wording.yaml).
fn headers() -> &'static [String; 5] {
    &crate::model::wording::get().change_columns
}

pub fn json(changes: &[Change]) -> String {
    let rows: Vec<_> = changes
        .iter()
        .map(|c| json!({"path": c.path, "item": c.item, "kind": c.kind, "before": c.before, "after": c.after, "important": c.important, "timing": c.timing.label(), "why": {"ja": c.why.ja, "en": c.why.en}, "reason": c.reason}))
        .collect();
    format!(
        "{}\n",
        serde_json::to_string_pretty(&json!({ "changes": rows })).expect("serializes")
    )
}

/// One change as the official table's columns: 変更日, 項目, 変更前の記載, 変更後の記載, 提出時期,
/// 提出時期に係る説明.
fn row<'c>(c: &'c Change, date: &'c str) -> [&'c str; 6] {
    [
        date,
        c.item.as_str(),
        &c.before,
        &c.after,
        c.timing.label(),
        c.reason.as_deref().unwrap_or(""),
    ]
}

/// The rows as Excel takes them from the clipboard, to paste into a workbook's 変更箇所 sheet:
/// the table's columns, tab-separated, a cell holding a tab, a line break or a quote written in
/// quotes (its quotes doubled), as Excel does.
pub fn tsv(changes: &[Change], date: &crate::model::Date) -> String {
    let cell = |s: &str| {
        if s.contains(['\t', '\n', '\r', '"']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let date = date.wareki();
    let mut out = String::new();
    for c in changes {
        out.push_str(&row(c, &date).map(cell).join("\t"));
        out.push('\n');
    }
    out
}

/// The change table as CSV for Excel: a UTF-8 byte-order mark first (without it Excel reads the
/// file as Shift_JIS and shows mojibake), and 変更日 as the first column, as the official table
/// has it.
pub fn csv(changes: &[Change], date: &crate::model::Date) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let date_heading = &crate::model::wording::get().change_date_column;
    w.write_record(std::iter::once(date_heading).chain(headers()))
        .expect("in-memory write");
    let date = date.wareki();
    for c in changes {
        w.write_record(row(c, &date)).expect("in-memory write");
    }
    let body = String::from_utf8(w.into_inner().expect("in-memory flush")).expect("UTF-8 in");
    format!("\u{feff}{body}")
}

/// `（実施日 令和6年4月1日 より前の公表）` after a 提出時期, or nothing.
fn why_suffix(c: &Change, lang: Lang) -> String {
    let why = c.why.text(lang);
    if why.is_empty() {
        String::new()
    } else {
        format!("（{}）", md_cell(why))
    }
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

pub fn markdown(changes: &[Change], lang: Lang) -> String {
    if changes.is_empty() {
        return format!("{}\n", lang.pick("変更はありません。", "No changes."));
    }
    let mut out = format!("| {} |\n|---|---|---|---|---|\n", headers().join(" | "));
    for c in changes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}{} | {} |",
            md_cell(&c.item),
            md_cell(&c.before),
            md_cell(&c.after),
            c.timing.label(),
            why_suffix(c, lang),
            md_cell(c.reason.as_deref().unwrap_or(""))
        );
    }
    out
}

/// The terminal table: every text of the files shown with its control characters escaped.
pub fn table(changes: &[Change], lang: Lang) -> String {
    crate::text::terminal_safe(&table_text(changes, lang)).into_owned()
}

fn table_text(changes: &[Change], lang: Lang) -> String {
    if changes.is_empty() {
        return format!("{}\n", lang.pick("変更はありません。", "No changes."));
    }
    let mut out = String::new();
    for (i, c) in changes.iter().enumerate() {
        let mark = if c.marked { " ※" } else { "" };
        let _ = writeln!(out, "[{}] {}{mark}", i + 1, c.item);
        let _ = writeln!(out, "  {}: {}", lang.pick("場所", "path"), c.path);
        for (head, text) in [(&headers()[1], &c.before), (&headers()[2], &c.after)] {
            let _ = writeln!(out, "  {head}:");
            for line in text.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        let _ = write!(out, "  {}: {}", headers()[3], c.timing.label());
        let why = c.why.text(lang);
        if !why.is_empty() {
            let _ = write!(out, "（{why}）");
        }
        out.push('\n');
        if let Some(r) = &c.reason {
            let _ = writeln!(out, "  {}: {r}", headers()[4]);
        }
        out.push('\n');
    }
    let prior = changes
        .iter()
        .filter(|c| c.timing == crate::model::Timing::Prior)
        .count();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Ja => format!(
                "変更 {} 件（事前 {} 件、事後 {} 件）",
                changes.len(),
                prior,
                changes.len() - prior
            ),
            Lang::En => format!(
                "{} change(s): {} 事前 (before), {} 事後 (after)",
                changes.len(),
                prior,
                changes.len() - prior
            ),
        }
    );
    out
}

/// Texts longer than this (in characters, either side) are compared by line, not by character:
/// a character diff costs up to the product of the two lengths, and a 1 MB value took minutes.
const CHAR_DIFF_MAX: usize = 10_000;
/// Texts of more lines than this are marked whole, for the same reason.
const LINE_DIFF_MAX: usize = 10_000;

/// Marks what changed between `before` and `after`, by character: deletions in the old column,
/// insertions in the new one. Long texts are compared by line, and very long ones marked whole;
/// the bound is on their size, not on time, so the same input gives the same page.
fn highlighted(before: &str, after: &str) -> (String, String) {
    let longest = |count: &dyn Fn(&str) -> usize| count(before).max(count(after));
    let diff = if longest(&|s| s.chars().count()) <= CHAR_DIFF_MAX {
        TextDiff::from_chars(before, after)
    } else if longest(&|s| s.lines().count()) <= LINE_DIFF_MAX {
        TextDiff::from_lines(before, after)
    } else {
        return (whole(before, "del"), whole(after, "ins"));
    };
    let (mut old, mut new) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let text = esc(change.value()).replace('\n', "<br>");
        match change.tag() {
            ChangeTag::Equal => {
                old.push_str(&text);
                new.push_str(&text);
            }
            ChangeTag::Delete => {
                let _ = write!(old, "<del>{text}</del>");
            }
            ChangeTag::Insert => {
                let _ = write!(new, "<ins>{text}</ins>");
            }
        }
    }
    // Adjacent marks of one run read better as one.
    (
        old.replace("</del><del>", ""),
        new.replace("</ins><ins>", ""),
    )
}

/// A whole value marked as deleted or inserted (nothing, when it is empty).
fn whole(text: &str, tag: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!("<{tag}>{}</{tag}>", esc(text).replace('\n', "<br>"))
}

/// Column order of the 新旧対照表.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// 変更前 | 変更後 (the change table's order).
    OldNew,
    /// 新 | 旧 (the order of a 新旧対照表 in Japanese legal drafting).
    NewOld,
}

/// The 新旧対照表's style sheet.
pub const HTML_STYLE: &str = r#"body { font-family: "IPAexMincho", "Noto Serif CJK JP", "Yu Mincho", serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #333; padding: 4px 6px; vertical-align: top; font-size: 10.5pt; line-height: 1.5; overflow-wrap: anywhere; }
thead th { background: #e8e8e8; }
tbody th { background: #f4f4f4; text-align: left; font-weight: normal; width: 18%; }
td.t { text-align: center; width: 6%; }
small.why { display: block; font-size: 80%; color: #555; }
del { background: #fdd; text-decoration: line-through; }
ins { background: #dfd; text-decoration: underline; }
.imp { color: #b00; margin-left: .3em; }
@media print { body { margin: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } }
"#;

/// The 新旧対照表 as an HTML `<table>`: changed characters marked with `<del>`/`<ins>`.
pub fn html_table(changes: &[Change], columns: Columns) -> String {
    let w = crate::model::wording::get();
    let h = headers();
    let (first, second) = match columns {
        Columns::OldNew => (h[1].as_str(), h[2].as_str()),
        Columns::NewOld => (w.new_old_new.as_str(), w.new_old_old.as_str()),
    };
    let mut rows = String::new();
    for c in changes {
        let (old, new) = if c.choice {
            // `十分である` → `特に力を入れている` is one choice for another, not a change of
            // characters: `<del>十分であ</del>る` would misread.
            (whole(&c.before, "del"), whole(&c.after, "ins"))
        } else {
            highlighted(&c.before, &c.after)
        };
        let (a, b) = match columns {
            Columns::OldNew => (old, new),
            Columns::NewOld => (new, old),
        };
        let mark = if c.marked {
            "<span class=\"imp\">※</span>"
        } else {
            ""
        };
        let _ = writeln!(
            rows,
            "<tr><th scope=\"row\">{}{mark}</th><td>{a}</td><td>{b}</td><td class=\"t\">{}{}</td><td>{}</td></tr>",
            esc(&c.item),
            c.timing.label(),
            if c.why.ja.is_empty() {
                String::new()
            } else {
                format!("<small class=\"why\">{}</small>", esc(&c.why.ja))
            },
            esc(c.reason.as_deref().unwrap_or(""))
        );
    }
    if changes.is_empty() {
        rows.push_str("<tr><td colspan=\"5\">変更はありません。</td></tr>\n");
    }
    format!(
        "<table>\n<thead><tr><th>{item}</th><th>{first}</th><th>{second}</th><th>{timing}</th><th>{reason}</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n",
        item = esc(&h[0]),
        first = esc(first),
        second = esc(second),
        timing = esc(&h[3]),
        reason = esc(&h[4]),
    )
}

/// The 新旧対照表 as a self-contained HTML page.
pub fn html(changes: &[Change], title: &str, columns: Columns) -> String {
    let w = crate::model::wording::get();
    format!(
        r#"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{title} {table_title}</title>
<style>
{HTML_STYLE}</style>
</head>
<body>
<h1>{title}　{table_title}</h1>
{table}</body>
</html>
"#,
        title = esc(title),
        table_title = esc(&w.new_old_title),
        table = html_table(changes, columns),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_texts_are_compared_by_line_and_very_long_ones_marked_whole() {
        let (old, new) = super::highlighted("町民課", "企画課");
        assert_eq!(
            (old.as_str(), new.as_str()),
            ("<del>町民</del>課", "<ins>企画</ins>課")
        );
        // 1 MB on one line each side: marked whole, at once (a character diff took minutes).
        let (a, b) = ("あ".repeat(1 << 18) + "x", "あ".repeat(1 << 18) + "y");
        let (old, new) = super::highlighted(&a, &b);
        assert!(old.starts_with("<del>") && new.starts_with("<ins>"));
        // Longer than a character diff takes, in lines: the changed line alone is marked.
        let many = |last: &str| format!("{}{last}\n", "行\n".repeat(8_000));
        let (old, new) = super::highlighted(&many("前"), &many("後"));
        assert!(
            old.ends_with("<del>前<br></del>") && new.ends_with("<ins>後<br></ins>"),
            "{}",
            old.chars().rev().take(20).collect::<String>()
        );
    }

    use super::highlighted;

    #[test]
    fn highlights_only_what_changed() {
        let (old, new) = highlighted("町民課", "企画課");
        assert_eq!(old, "<del>町民</del>課");
        assert_eq!(new, "<ins>企画</ins>課");
        let (old, new) = highlighted("a<b", "a<b\nc");
        assert_eq!(old, "a&lt;b");
        assert_eq!(new, "a&lt;b<ins><br>c</ins>");
    }
}
