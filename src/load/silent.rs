//! Text that YAML changes without a word, which a clerk would not expect:
//!
//! - HY0014: an unquoted value continued on the next lines (`summary: 一行目` + an indented
//!   second line) is joined into one line — its line breaks are lost. A block (`|`) keeps them.
//! - HY0015: `head_title: 福祉課長 #2` — after a space, `#` starts a comment, so `#2` is dropped
//!   from the value. Warned when the `#` is followed directly by text, as a note people write
//!   (`#2`, `#備考`) and unlike a comment (`# …`).
//! - HY0017: `notes: &特になし` — `&` names an anchor, so the text is taken for its name and the
//!   value is empty.

use super::yaml::{NodeKind, Style};
use super::Loaded;
use crate::diagnostic::{Diagnostic, Message, Pos, Severity};

pub const CODE_PLAIN_OVER_LINES: &str = "HY0014";
pub const CODE_COMMENT_IN_VALUE: &str = "HY0015";
pub const CODE_ANCHOR_FOR_TEXT: &str = "HY0017";

/// The warning for an empty value whose line reads `key: &word` (nothing after the anchor
/// name): the author meant the words as the value.
fn anchor_for_text(lines: &[&str], path: &str, at: Pos) -> Option<Diagnostic> {
    let key = path.rsplit('/').next().filter(|k| !k.is_empty())?;
    let line = lines.get(at.line.checked_sub(1)?)?;
    let after = line.trim_start().trim_start_matches("- ");
    let value = after.strip_prefix(key)?.strip_prefix(':')?.trim();
    let name = value
        .strip_prefix('&')
        .filter(|n| !n.is_empty() && !n.contains([' ', '\t']))?;
    Some(
        Diagnostic::new(
            CODE_ANCHOR_FOR_TEXT,
            Severity::Warning,
            Message::new(
                format!("`&{name}` は値ではなく YAML のアンカー名として読まれ、値は空になります"),
                format!(
                    "`&{name}` is read as a YAML anchor name, not as the value: the value is empty"
                ),
            ),
        )
        .with_help(Message::new(
            format!("値なら引用符で囲んでください: `{key}: \"&{name}\"`"),
            format!("if it is the value, quote it: `{key}: \"&{name}\"`"),
        )),
    )
}

/// Adds HY0014, HY0015 and HY0017 warnings for the plain scalars of the loaded tree.
pub fn warn(loaded: &mut Loaded) {
    let Some(tree) = &loaded.tree else { return };
    let scalars = tree.scalars();
    let lines: Vec<&str> = crate::text::source_lines(&loaded.source).collect();
    let mut found = Vec::new();
    for (path, node) in scalars {
        let NodeKind::Scalar {
            value,
            style: Style::Plain,
        } = &node.kind
        else {
            continue;
        };
        if value.is_empty() {
            // `key: &特になし`: an empty value behind an anchor the text became the name of.
            if let Some(anchored) = anchor_for_text(&lines, &path, node.span.start) {
                found.push(anchored.at(&loaded.file, node.span.start, &path));
            }
            continue;
        }
        let (start, end) = (node.span.start, node.span.end);
        if end.line > start.line {
            found.push(
                Diagnostic::new(
                    CODE_PLAIN_OVER_LINES,
                    Severity::Warning,
                    Message::new(
                        format!(
                            "引用符なしの値が {} 行にわたっているため、改行が失われて 1 行につながります",
                            end.line - start.line + 1
                        ),
                        format!(
                            "an unquoted value over {} lines is joined into one line: its line breaks are lost",
                            end.line - start.line + 1
                        ),
                    ),
                )
                .with_help(Message::new(
                    "改行が思いがけず入っただけなら、その行を前の行につなげて 1 行にしてください。改行を残したいなら、キーの後を `|` にして、次の行から字下げして書いてください（例: `summary: |`）。",
                    "if the line break is an accident (it usually is), join the line to the one before; to keep the line breaks, write `|` after the key and the text indented on the lines below (`summary: |`)",
                ))
                .at(&loaded.file, start, &path),
            );
        }
        // What follows the value on its last line.
        let Some(line) = lines.get(end.line.saturating_sub(1)) else {
            continue;
        };
        let rest: String = line.chars().skip(end.column.saturating_sub(1)).collect();
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let dropped = trimmed
            .strip_prefix('#')
            .filter(|c| !c.is_empty() && !c.starts_with([' ', '\t', '#']));
        if let (Some(dropped), true) = (dropped, rest.len() > trimmed.len()) {
            let column = end.column + (rest.chars().count() - trimmed.chars().count());
            found.push(
                Diagnostic::new(
                    CODE_COMMENT_IN_VALUE,
                    Severity::Warning,
                    Message::new(
                        format!("`#{dropped}` は値ではなくコメントとして読み捨てられます"),
                        format!("`#{dropped}` is read as a comment and dropped from the value"),
                    ),
                )
                .with_help(Message::new(
                    format!("値の一部なら、値全体を引用符で囲んでください（例: `\"{value} #{dropped}\"`）。コメントなら `# ` と空白を入れてください。"),
                    format!("if it belongs to the value, quote the whole value (`\"{value} #{dropped}\"`); if it is a comment, write `# ` with a space"),
                ))
                .at(
                    &loaded.file,
                    Pos {
                        line: end.line,
                        column,
                    },
                    &path,
                ),
            );
        }
    }
    loaded.diagnostics.extend(found);
}
