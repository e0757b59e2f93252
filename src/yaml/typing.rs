//! Typing mistakes that break YAML, as people typing Japanese make them: a full-width colon
//! (`name：福祉課`, the IME's `：`), indentation with a full-width space or a tab, no space after
//! the colon (`name:福祉課`). The YAML parser reports these, if at all, on a later line and in
//! English (`mapping values are not allowed in this context`); this finds the line that is really
//! wrong and says how to fix it in both languages.
//!
//! It is consulted only when the parser has already failed, and skips block scalars (`|`, `>`),
//! where any of these characters is ordinary text.

use std::sync::OnceLock;

use regex::Regex;

use super::tree::{TreeError, CODE_SYNTAX};
use crate::diagnostic::{Message, Pos};

/// The first typing mistake in `text`, if there is one.
pub fn find(text: &str) -> Option<TreeError> {
    all(text).into_iter().next().map(|(e, _)| e)
}

/// Every typing mistake in `text`, one a line, each with its line as it should read (so that
/// one run reports them all, and the file can be read past them for the model's own errors).
pub fn all(text: &str) -> Vec<(TreeError, String)> {
    let mut found = Vec::new();
    static FULL_COLON: OnceLock<Regex> = OnceLock::new();
    static NO_SPACE: OnceLock<Regex> = OnceLock::new();
    let full_colon = FULL_COLON.get_or_init(|| {
        Regex::new(r"^([ \t\u{3000}]*(?:-[ \t]+)?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*：").unwrap()
    });
    let no_space = NO_SPACE.get_or_init(|| {
        Regex::new(r"^([ \t\u{3000}]*(?:-[ \t]+)?)([A-Za-z_][A-Za-z0-9_]*):([^\s:/#])").unwrap()
    });
    // Indentation of the key whose block scalar we are in: lines indented deeper are its text.
    let mut block: Option<usize> = None;
    for (i, line) in crate::text::source_lines(text).enumerate() {
        let indent = line.chars().take_while(|c| *c == ' ').count();
        if let Some(key_indent) = block {
            if line.trim().is_empty() || indent > key_indent {
                continue;
            }
            block = None;
        }
        let content = line.trim_start_matches([' ', '\t', '\u{3000}']);
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let at = |column_chars: usize| Pos {
            line: i + 1,
            column: column_chars + 1,
        };
        let leading = &line[..line.len() - content.len()];
        // The line with its indentation in ordinary spaces (a full-width space is two).
        let respaced = || {
            let spaces: String = leading
                .chars()
                .map(|c| {
                    if c == ' ' {
                        " ".to_string()
                    } else {
                        "  ".to_string()
                    }
                })
                .collect();
            format!("{spaces}{content}")
        };
        if let Some(col) = leading.chars().position(|c| c == '\u{3000}') {
            found.push((mistake(
                at(col),
                "全角スペースで字下げされています",
                "indented with a full-width space (U+3000)",
                "字下げは半角スペースだけで書いてください（IME を半角にして入力し直すか、全角スペースを半角スペース 2 つに置き換えてください）。",
                "indent with ordinary spaces only: replace the full-width space with two spaces",
            ), respaced()));
            continue;
        }
        if let Some(col) = leading.chars().position(|c| c == '\t') {
            found.push((
                mistake(
                    at(col),
                    "タブで字下げされています",
                    "indented with a tab",
                    "YAML の字下げにタブは使えません。半角スペースで字下げしてください。",
                    "YAML does not allow tabs for indentation: indent with spaces",
                ),
                respaced(),
            ));
            continue;
        }
        if let Some(c) = full_colon.captures(line) {
            let col = line[..c.get(0).map_or(0, |m| m.end())].chars().count() - 1;
            let key = &c[2];
            let end = c.get(0).map_or(0, |m| m.end());
            let fixed = format!(
                "{}: {}",
                &line[..c.get(2).map_or(0, |m| m.end())],
                line[end..].trim_start()
            );
            found.push((
                mistake(
                    at(col),
                    &format!("`{key}` の後のコロンが全角（：）です"),
                    &format!("the colon after `{key}` is a full-width colon (：)"),
                    &format!("半角のコロンと空白にしてください（例: `{key}: 福祉課`）。"),
                    &format!("use an ordinary colon and a space (`{key}: …`)"),
                ),
                fixed,
            ));
            continue;
        }
        if let Some(c) = no_space.captures(line) {
            let col = line[..c.get(3).map_or(0, |m| m.start())].chars().count() - 1;
            let key = &c[2];
            let colon = c.get(3).map_or(0, |m| m.start());
            let fixed = format!("{} {}", &line[..colon], &line[colon..]);
            found.push((
                mistake(
                    at(col),
                    &format!("`{key}:` の後に空白がありません"),
                    &format!("no space after `{key}:`"),
                    &format!("コロンの後に半角スペースを入れてください（例: `{key}: 福祉課`）。"),
                    &format!("put a space after the colon (`{key}: …`)"),
                ),
                fixed,
            ));
            continue;
        }
        // A key whose value is a block scalar: the lines below it are text.
        let value = content.split_once(": ").map(|(_, v)| v.trim());
        if value.is_some_and(|v| {
            let v = v.split(" #").next().unwrap_or(v).trim();
            v.starts_with(['|', '>'])
                && v[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
        }) {
            block = Some(indent);
        }
    }
    found
}

/// `text` with every typing mistake [`all`] finds corrected, line for line (so that each line
/// keeps its number), or `None` when there is none.
pub fn repaired(text: &str) -> Option<String> {
    let mistakes = all(text);
    if mistakes.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + mistakes.len() * 2);
    for (i, line) in crate::text::source_lines(text).enumerate() {
        match mistakes.iter().find(|(e, _)| e.pos.line == i + 1) {
            Some((_, fixed)) => out.push_str(fixed),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Some(out)
}

/// A value that YAML reads as something else because of how it starts or what it holds —
/// `name: [仮称]要介護認定支援システム` (a list), `notes: *特になし` (an alias), `notes: 担当: 介護保険係`
/// (a second colon), or one starting with `& ! % @ \` { | >` — found on the lines at and just
/// above where the parser gave up: the first whose value, quoted, lets the file parse past it.
/// The fix is the corrected line to paste.
pub fn needs_quotes(text: &str, error_line: usize) -> Option<TreeError> {
    static VALUE: OnceLock<Regex> = OnceLock::new();
    let value = VALUE.get_or_init(|| {
        Regex::new(r"^([ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_]*:[ ]+)(.*?)[ ]*$").unwrap()
    });
    let lines: Vec<&str> = crate::text::source_lines(text).collect();
    let first = error_line.saturating_sub(3).max(1);
    for line_no in (first..=error_line.min(lines.len())).rev() {
        let line = lines[line_no - 1];
        let Some(c) = value.captures(line) else {
            continue;
        };
        let (head, v) = (c.get(1)?.as_str(), c.get(2)?.as_str());
        // A bracket opens a list or a mapping: taken for text only when words follow its
        // closing bracket (`[仮称]要介護…`), not when it is left open (`[` alone).
        let bracketed = |open: char, close: char| {
            v.starts_with(open) && v.find(close).is_some_and(|at| at + 1 < v.len())
        };
        let starts_badly = bracketed('[', ']')
            || bracketed('{', '}')
            || v.starts_with(['*', '&', '!', '%', '@', '`', '|', '>']);
        if v.is_empty() || v.starts_with(['"', '\'']) || !(starts_badly || v.contains(": ")) {
            continue;
        }
        let fixed = format!("{head}{}", super::write::quoted(v));
        let mut candidate = String::with_capacity(text.len() + 2);
        for (i, l) in lines.iter().enumerate() {
            candidate.push_str(if i + 1 == line_no { &fixed } else { l });
            candidate.push('\n');
        }
        if parses_past(&candidate, line_no) {
            return Some(mistake(
                Pos {
                    line: line_no,
                    column: head.chars().count() + 1,
                },
                "この値は引用符で囲む必要があります（`[` `*` `&` などで始まる値や、途中に「: 」がある値は、YAML では別の意味になります）",
                "this value must be quoted: one that starts with `[`, `*`, `&`, … or holds `: ` means something else in YAML",
                &format!("値全体を \" で囲んでください。この行を次のように直します:\n{fixed}"),
                &format!("put the whole value in double quotes; the line becomes:\n{fixed}"),
            ));
        }
    }
    None
}

/// Whether `text` parses without an error up to and including line `line`.
fn parses_past(text: &str, line: usize) -> bool {
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((saphyr_parser::Event::StreamEnd, _)) => return true,
            Ok(_) => {}
            Err(e) => return e.marker().line() > line + 1,
        }
    }
    true
}

fn mistake(pos: Pos, ja: &str, en: &str, help_ja: &str, help_en: &str) -> TreeError {
    TreeError {
        code: CODE_SYNTAX,
        message: Message::new(ja, en),
        help: Some(Message::new(help_ja, help_en)),
        pos,
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn at(text: &str) -> Option<(usize, usize, String)> {
        find(text).map(|e| (e.pos.line, e.pos.column, e.message.ja))
    }

    #[test]
    fn finds_each_mistake_on_its_own_line() {
        let base = "cover:\n  number: \"3\"\n";
        let (l, c, m) = at(&format!("{base}  name：福祉課\n")).unwrap();
        assert_eq!((l, c), (3, 7));
        assert!(m.contains("全角"), "{m}");
        let (l, c, m) = at(&format!("{base}\u{3000}name: 福祉課\n")).unwrap();
        assert_eq!((l, c), (3, 1));
        assert!(m.contains("全角スペース"), "{m}");
        let (l, c, m) = at(&format!("{base}  name:福祉課\n")).unwrap();
        assert_eq!((l, c), (3, 7));
        assert!(m.contains("空白がありません"), "{m}");
        let (l, c, m) = at(&format!("{base}\tname: x\n")).unwrap();
        assert_eq!((l, c), (3, 1));
        assert!(m.contains("タブ"), "{m}");
    }

    #[test]
    fn values_that_must_be_quoted_are_named_with_the_line_to_paste() {
        for (value, fixed) in [
            (
                "[仮称]要介護認定支援システム",
                "\"[仮称]要介護認定支援システム\"",
            ),
            ("*特になし", "\"*特になし\""),
            ("担当: 介護保険係", "\"担当: 介護保険係\""),
            ("!特になし", "\"!特になし\""),
            ("@特になし", "\"@特になし\""),
            ("`特になし", "\"`特になし\""),
            ("{仮}特になし", "\"{仮}特になし\""),
            ("|特になし", "\"|特になし\""),
        ] {
            let text = format!("cover:\n  number: \"3\"\n  notes: {value}\n  other: x\n");
            let e = crate::yaml::parse(&text, &crate::yaml::Limits::default()).unwrap_err();
            assert_eq!(
                (e.pos.line, e.pos.column),
                (3, 10),
                "{value}: {}",
                e.message.en
            );
            assert!(
                e.message.en.contains("must be quoted"),
                "{value}: {}",
                e.message.en
            );
            let help = e.help.unwrap().en;
            assert!(help.ends_with(&format!("  notes: {fixed}")), "{help}");
            // The line to paste, pasted, parses.
            let pasted = text.replace(&format!("notes: {value}"), &format!("notes: {fixed}"));
            assert!(crate::yaml::parse(&pasted, &crate::yaml::Limits::default()).is_ok());
        }
    }

    #[test]
    fn text_in_block_scalars_and_urls_are_not_mistakes() {
        let ok = "operation:\n  summary: |\n    備考：全角コロンは本文では普通\n    \u{3000}字下げも本文\n  url: http://example.jp\n  time: 10:30\n";
        assert_eq!(at(ok), None);
    }
}
