//! The one writer of YAML text, with [`super::blocks`] and [`super::patch`] on top of it:
//! `init`'s scaffolds, `import`'s output and `--into`, `history --write`'s rows and its 公表日.
//!
//! Two halves:
//! - **scalars**: when a text may stay plain, how it is double-quoted (JSON's escapes plus
//!   `\uXXXX` for what YAML does not allow raw), and `|` blocks that give back the text exactly;
//! - **edits**: changes to an existing text as byte ranges replaced, so comments, blank lines,
//!   key order, quoting and line endings outside the changed values stay byte for byte.
//!
//! Model changes (a value set, an entry added or removed) become edits in [`super::patch`],
//! which every feature that changes a user's file goes through.
//!
//! The YAML crates the project may use parse; none writes comments or edits text in place, so
//! this small subset (maps, lists, strings, numbers, booleans) is ours. Every writer's output is
//! loaded back by its caller or its tests.

use std::ops::Range;

use super::tree::{Node, NodeKind};

/// How a one-line scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    /// Plain where that reads back as the same string, else double-quoted.
    WhenNeeded,
    /// Always double-quoted: for rows whose texts are mostly form wording that starts with
    /// characters a reader would otherwise have to think about (`Ⅰ 5.`, `[`, `※`).
    Always,
}

/// Characters YAML does not allow as they are (C0/C1 controls other than tab and line
/// breaks, U+FEFF, U+FFFE/U+FFFF): only a double-quoted scalar can hold them, escaped.
pub fn unprintable(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// A double-quoted scalar: JSON's escapes, which YAML shares, plus `\uXXXX` for what JSON
/// leaves as it is but YAML does not allow.
pub fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).expect("strings serialize");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if unprintable(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// True when `s`, written plain, is read back as a scalar with exactly this text: no indicator
/// at its start, no `: ` or ` #` inside, no surrounding space, nothing that needs escaping.
/// Whether YAML then *types* it (a number, `true`) is [`reads_as_string`]'s question.
pub fn plain_syntax_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.contains(['\t', '\r', '\n']) || s.chars().any(unprintable) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    !(s.contains(": ") || s.contains(" #") || s.ends_with(':'))
}

/// True when a plain `s` is a string to every YAML reader: not null, a boolean (YAML 1.1's
/// `yes`/`no` included, which older tools still apply), a number, or a date-like value.
pub fn reads_as_string(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "null"
            | "~"
            | "y"
            | "n"
            | ".inf"
            | "+.inf"
            | "-.inf"
            | ".nan"
    ) {
        return false;
    }
    if s.parse::<f64>().is_ok() {
        return false;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // From a digit on, a string only with a character no number has (not a digit, a hex digit,
    // an exponent, a radix, a sign, `.`, `_` or `:`: `100k_to_1m`, `5,評価実施機関`), and when
    // it is not a date.
    let b = s.as_bytes();
    let date_like = b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    !date_like
        && s.chars()
            .any(|c| !c.is_ascii_hexdigit() && !"xXoO+-._:".contains(c))
}

/// True when `s` may be written plain and still be read as this string.
pub fn plain_ok(s: &str) -> bool {
    plain_syntax_ok(s) && reads_as_string(s)
}

/// A one-line scalar for `s`.
pub fn inline(s: &str, quote: Quote) -> String {
    match quote {
        Quote::WhenNeeded if plain_ok(s) => s.to_string(),
        _ => quoted(s),
    }
}

/// A flow collection of scalars (`[fuka, shikaku]`, `{a: 1}`) as one line, for a value written
/// in flow style where it stands; `None` when it holds a collection.
pub fn flow(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let scalar = |v: &Value| -> Option<String> {
        Some(match v {
            // Inside `[…]` a plain scalar also ends at `,` and brackets.
            Value::String(s) if plain_ok(s) && !s.contains([',', '[', ']', '{', '}']) => s.clone(),
            Value::String(s) => quoted(s),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        })
    };
    match v {
        Value::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(scalar).collect();
            Some(format!("[{}]", items?.join(", ")))
        }
        Value::Object(m) => {
            let entries: Option<Vec<String>> = m
                .iter()
                .map(|(k, v)| Some(format!("{}: {}", key(k), scalar(v)?)))
                .collect();
            Some(format!("{{{}}}", entries?.join(", ")))
        }
        _ => None,
    }
}

/// The byte range of the flow collection that opens at byte `open` (its `[` or `{`) up to and
/// with its closing bracket; quoted scalars inside are skipped whole.
pub fn flow_extent(source: &str, open: usize) -> Option<Range<usize>> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in source[open..].char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(open..open + i + 1);
                    }
                }
                '#' if source[..open + i].ends_with([' ', '\t']) => return None,
                _ => {}
            },
        }
    }
    None
}

/// A key as YAML reads it back: the model's keys are plain words; anything else is quoted.
pub fn key(k: &str) -> String {
    inline(k, Quote::WhenNeeded)
}

/// True when a `|` block holds `s` as it is: no CR (it would read as a line break) and nothing
/// unprintable.
pub fn block_ok(s: &str) -> bool {
    !s.contains('\r') && !s.chars().any(unprintable)
}

/// A literal block (`|`, `|-` or `|+` by the text's final line breaks) for `text` under a key
/// indented by `key_indent` spaces, without a final line break. An indentation indicator is
/// given when the first line starts with a space, so YAML does not take it for indentation.
/// Only for texts [`block_ok`] accepts.
pub fn block(text: &str, key_indent: usize) -> String {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if text.starts_with([' ', '\t']) {
        "2"
    } else {
        ""
    };
    let pad = " ".repeat(key_indent + 2);
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut out = format!("|{indicator}{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

/// The value for `text` after `key:` (or `- `) at `key_indent`: a `|` block for a text of
/// several lines (people's line breaks kept), else one line.
pub fn scalar(text: &str, key_indent: usize, quote: Quote) -> String {
    if text.contains('\n') && block_ok(text) {
        block(text, key_indent)
    } else {
        inline(text, quote)
    }
}

/// One change to a text: the bytes in `range` become `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            range: at..at,
            text: text.into(),
        }
    }
}

/// `source` with `edits` applied; every byte outside their ranges is kept. Edits must not
/// overlap (ones at the same insertion point are applied in the order given).
pub fn apply(source: &str, edits: &[Edit]) -> String {
    let mut order: Vec<&Edit> = edits.iter().collect();
    order.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out =
        String::with_capacity(source.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    for e in order {
        debug_assert!(e.range.start >= at, "edits overlap");
        let start = e.range.start.max(at);
        out.push_str(&source[at..start]);
        out.push_str(&e.text);
        at = e.range.end.max(start);
    }
    out.push_str(&source[at..]);
    out
}

/// Byte offsets of the start of each line of `source` (1-based line `n` starts at `[n - 1]`),
/// and one past the end.
fn line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
    if *starts.last().unwrap() != source.len() {
        starts.push(source.len());
    }
    starts
}

/// The byte offset of a position (1-based line, 1-based column in characters), if it is in
/// `source`.
fn offset_of(source: &str, pos: crate::diagnostic::Pos) -> Option<usize> {
    let starts = line_starts(source);
    let line_start = *starts.get(pos.line.checked_sub(1)?)?;
    let line_end = starts.get(pos.line).copied().unwrap_or(source.len());
    let mut chars = source[line_start..line_end].char_indices();
    match pos.column.checked_sub(1)? {
        0 => Some(line_start),
        n => chars
            .nth(n)
            .map(|(i, _)| line_start + i)
            .or_else(|| (source[line_start..line_end].chars().count() == n).then_some(line_end)),
    }
}

/// The edit that replaces the scalar `node` (parsed from `source`) with `text`, wherever it
/// stands: a block value, a `- item`, or a value inside a flow mapping
/// (`- {id: insured, kind: person}`). Everything around it is kept, quotes and comments
/// included; a block scalar's final line break stays.
pub fn replace_scalar(source: &str, node: &Node, text: &str) -> Option<Edit> {
    let range = scalar_extent(source, node)?;
    let keeps_break = source[range.clone()].ends_with('\n');
    Some(Edit {
        range,
        text: if keeps_break {
            format!("{text}\n")
        } else {
            text.to_string()
        },
    })
}

/// The bytes of a scalar's text in `source`: its quotes, or its block's header and lines,
/// included; a comment after it, and blank lines and comments after a block, not. (The
/// parser's span of a quoted or block scalar runs on to the next token, past them.)
pub fn scalar_extent(source: &str, node: &Node) -> Option<Range<usize>> {
    if !matches!(node.kind, NodeKind::Scalar { .. }) {
        return None;
    }
    let start = offset_of(source, node.span.start)?;
    let end = offset_of(source, node.span.end)?;
    if end < start {
        return None;
    }
    let rest = &source[start..];
    match rest.chars().next() {
        Some('"') => {
            let mut escaped = false;
            for (i, c) in rest.char_indices().skip(1) {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return Some(start..start + i + 1),
                    _ => escaped = false,
                }
            }
            Some(start..end)
        }
        Some('\'') => {
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        return Some(start..start + i + 1);
                    }
                }
            }
            Some(start..end)
        }
        Some('|' | '>') => {
            // The header's line, then the lines indented deeper than the line the block
            // starts on; blank lines count only when more of the block follows them.
            let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
            let own = &source[line_start..];
            let indent = own.len() - own.trim_start_matches(' ').len();
            let header_end = rest.find('\n').map_or(source.len(), |i| start + i + 1);
            let mut block_end = header_end;
            let mut at = header_end;
            for line in source[header_end..].split_inclusive('\n') {
                let body = line.trim_end_matches(['\r', '\n']);
                let deeper = body.len() - body.trim_start_matches(' ').len() > indent;
                if body.trim().is_empty() {
                    at += line.len();
                    continue;
                }
                if !deeper {
                    break;
                }
                at += line.len();
                block_end = at;
            }
            Some(start..block_end.max(header_end).min(source.len()))
        }
        _ => Some(start..end),
    }
}

/// Gives `text` the line endings of `source`: new text is built with `\n`, and a file saved
/// with Windows line endings (`\r\n`) keeps them on every line, the new ones too.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, Limits};

    fn reads_back(written: &str) -> serde_json::Value {
        parse(&format!("v: {written}\n"), &Limits::default())
            .unwrap_or_else(|e| panic!("{written}: {}", e.message.en))
            .child("v")
            .unwrap()
            .to_json()
    }

    #[test]
    fn every_scalar_reads_back_as_the_same_string() {
        let texts = [
            "yes",
            "12",
            "2024-01-01",
            "- x",
            "a: b",
            " lead",
            "trail ",
            "#x",
            "",
            "x #y",
            "[仮称]システム",
            "*特になし",
            "&a",
            "!tag",
            "%x",
            "@x",
            "`x",
            "{x",
            "|x",
            ">x",
            "担当: 介護保険係",
            "令和6年1月1日",
            "end:",
            "\u{0}nul",
            "\u{feff}bom",
            "tab\tin",
            "cr\rin",
            "null",
            "~",
            "true",
            "0x1F",
            ".5",
            ".inf",
            "-.NaN",
            "1e3",
            "1_000",
            "0o17",
            "12:30:00",
            "2001-12-14t21:59:43.10-05:00",
            "100k_to_1m",
            "6_to_10y",
            "10_to_50",
            "5,評価実施機関",
            "1:20",
            "0b101",
            "Ⅰ 5. 担当部署",
        ];
        for t in texts {
            for q in [Quote::WhenNeeded, Quote::Always] {
                let w = inline(t, q);
                assert_eq!(
                    reads_back(&w),
                    serde_json::Value::String(t.into()),
                    "{t:?} as {w}"
                );
            }
        }
        assert_eq!(inline("令和6年1月1日", Quote::WhenNeeded), "令和6年1月1日");
        // A choice id that starts with a digit is written as the files write it.
        assert_eq!(inline("100k_to_1m", Quote::WhenNeeded), "100k_to_1m");
        assert_eq!(inline("1e3", Quote::WhenNeeded), "\"1e3\"");
        assert_eq!(inline("10_to_50", Quote::WhenNeeded), "10_to_50");
        assert_eq!(
            inline("5,評価実施機関", Quote::WhenNeeded),
            "5,評価実施機関"
        );
        assert_eq!(inline("令和6年1月1日", Quote::Always), "\"令和6年1月1日\"");
        assert_eq!(quoted("a\u{0}b"), "\"a\\u0000b\"");
    }

    #[test]
    fn blocks_keep_line_breaks_and_leading_space() {
        for t in [
            "一行目\n二行目",
            "一行目\n二行目\n",
            "a\n\n",
            " 字下げ\nx",
            "a\n\nb",
        ] {
            let w = scalar(t, 0, Quote::WhenNeeded);
            assert!(w.starts_with('|'), "{w}");
            assert_eq!(
                reads_back(&w),
                serde_json::Value::String(t.into()),
                "{t:?} as {w}"
            );
        }
        // A CR cannot stand in a block: the text is quoted instead.
        assert!(scalar("a\r\nb", 0, Quote::WhenNeeded).starts_with('"'));
        assert_eq!(block(" indented\nx", 0), "|2-\n   indented\n  x");
    }

    #[test]
    fn a_scalar_is_replaced_where_it_stands() {
        let src = "a: {x: \"q\", y: plain}  # c\nb: 'single'\nc: |\n  block\n  two\nd: 日本語です\n- 一つ\n";
        let tree = parse(&src[..src.len() - 9], &Limits::default()).unwrap();
        let edit = |path: &str, text: &str| {
            let node = tree
                .scalars()
                .into_iter()
                .find(|(p, _)| p == path)
                .unwrap()
                .1;
            apply(src, &[replace_scalar(src, node, text).unwrap()])
        };
        assert!(edit("/a/x", "\"r\"").starts_with("a: {x: \"r\", y: plain}  # c\n"));
        assert!(edit("/a/y", "z").starts_with("a: {x: \"q\", y: z}  # c\n"));
        assert!(edit("/b", "\"two\"").contains("\nb: \"two\"\nc: |"));
        assert!(edit("/c", "\"one\"").contains("\nc: \"one\"\nd: 日本語です\n"));
        assert!(edit("/d", "和文").contains("\nd: 和文\n"));
    }
}
