//! Small text helpers shared by the stages.

/// Folds full-width ASCII (digits, letters, punctuation) and the ideographic space to their
/// half-width forms, so that `１，０００人未満` and `1,000人未満` compare equal. Japanese documents
/// mix both freely; the forms themselves print either.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// The lines of a source text as YAML counts them: a line ends at `\r\n`, `\n` or a lone `\r`
/// (old Mac files, text pasted from some Windows programs). `str::lines` does not split at a
/// lone `\r`, so the line a diagnostic names would not be the line shown.
pub fn source_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\r', '\n']) {
            None => {
                rest = None;
                (!text.is_empty()).then_some(text)
            }
            Some(i) => {
                let after = if text[i..].starts_with("\r\n") {
                    i + 2
                } else {
                    i + 1
                };
                rest = Some(&text[after..]);
                Some(&text[..i])
            }
        }
    })
}

/// Text for a terminal: control characters (other than line breaks and tabs) shown as their
/// escapes (`\u{1b}`), as rustc shows them, so a value or a cell's text cannot move the cursor,
/// clear the screen or retitle the window (`ESC]0;…BEL`). Borrowed when there is none.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text for HTML content and attribute values: `& < > " '` escaped, in one pass. Every HTML the
/// project writes (the forms, the 新旧対照表, `hyoka serve`'s pages) escapes through this. A
/// control character (a NUL, an ESC pasted from a terminal; HY0701 reports them) has no place in
/// HTML or XML and becomes U+FFFD, the replacement character, so the page still shows where it
/// was.
/// A text on one line, its white space folded, cut to `max` characters with `…`: a workbook
/// cell's text in a message.
pub fn excerpt(text: &str, max: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &one[..at]),
        None => one,
    }
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod source_lines_tests {
    use super::source_lines;

    #[test]
    fn every_yaml_line_break_ends_a_line() {
        let lines: Vec<&str> = source_lines("a\r\nb\rc\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        assert_eq!(source_lines("a\n").collect::<Vec<_>>(), ["a"]);
        assert_eq!(source_lines("").count(), 0);
        assert_eq!(source_lines("\r\r").collect::<Vec<_>>(), ["", ""]);
    }
}
