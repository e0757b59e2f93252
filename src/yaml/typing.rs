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
        if let Some(col) = leading.chars().position(|c| c == '\u{3000}') {
            return Some(mistake(
                at(col),
                "全角スペースで字下げされています",
                "indented with a full-width space (U+3000)",
                "字下げは半角スペースだけで書いてください（IME を半角にして入力し直すか、全角スペースを半角スペース 2 つに置き換えてください）。",
                "indent with ordinary spaces only: replace the full-width space with two spaces",
            ));
        }
        if let Some(col) = leading.chars().position(|c| c == '\t') {
            return Some(mistake(
                at(col),
                "タブで字下げされています",
                "indented with a tab",
                "YAML の字下げにタブは使えません。半角スペースで字下げしてください。",
                "YAML does not allow tabs for indentation: indent with spaces",
            ));
        }
        if let Some(c) = full_colon.captures(line) {
            let col = line[..c.get(0).map_or(0, |m| m.end())].chars().count() - 1;
            let key = &c[2];
            return Some(mistake(
                at(col),
                &format!("`{key}` の後のコロンが全角（：）です"),
                &format!("the colon after `{key}` is a full-width colon (：)"),
                &format!("半角のコロンと空白にしてください（例: `{key}: 福祉課`）。"),
                &format!("use an ordinary colon and a space (`{key}: …`)"),
            ));
        }
        if let Some(c) = no_space.captures(line) {
            let col = line[..c.get(3).map_or(0, |m| m.start())].chars().count() - 1;
            let key = &c[2];
            return Some(mistake(
                at(col),
                &format!("`{key}:` の後に空白がありません"),
                &format!("no space after `{key}:`"),
                &format!("コロンの後に半角スペースを入れてください（例: `{key}: 福祉課`）。"),
                &format!("put a space after the colon (`{key}: …`)"),
            ));
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
    None
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
    fn text_in_block_scalars_and_urls_are_not_mistakes() {
        let ok = "operation:\n  summary: |\n    備考：全角コロンは本文では普通\n    \u{3000}字下げも本文\n  url: http://example.jp\n  time: 10:30\n";
        assert_eq!(at(ok), None);
    }
}
