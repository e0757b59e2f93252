//! Dates in Excel's 和暦 number formats, made readable for calamine.
//!
//! calamine tells a date cell of an .xlsx by its number format, but reads the format from
//! `xl/styles.xml` without resolving the XML's entities: Excel saves `ggge"年"m"月"d"日"` as
//! `ggge&quot;年&quot;m&quot;…`, and the `;` of `&quot;` ends the format's first section
//! before its first date letter. Every 和暦 format (`[$-411]ggge…`, `[$-ja-JP]…`, the 元年
//! variant) then reads as a number: `公表日` came in as `45292`. A format whose letters are
//! hidden that way is rewritten here as a plain date format before calamine opens the file;
//! the serial is the same, and hyoka writes every date in 和暦 itself.

use std::io::{Cursor, Read, Write};

use regex::Regex;

const STYLES: &str = "xl/styles.xml";
/// What a hidden date format becomes: one calamine takes for a date.
const PLAIN_DATE: &str = "yyyy/m/d";

/// The archive with its date formats readable, or `None` when nothing needed rewriting (or
/// the archive cannot be rewritten, which calamine will then report).
pub fn readable(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let styles = {
        let mut part = archive.by_name(STYLES).ok()?;
        let mut xml = String::new();
        part.read_to_string(&mut xml).ok()?;
        xml
    };
    let fixed = rewrite_formats(&styles)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..archive.len() {
        let name = archive.name_for_index(i)?.to_string();
        if name == STYLES {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            out.start_file(name, options).ok()?;
            out.write_all(fixed.as_bytes()).ok()?;
        } else {
            out.raw_copy_file(archive.by_index_raw(i).ok()?).ok()?;
        }
    }
    Some(out.finish().ok()?.into_inner())
}

/// `styles.xml` with each `formatCode` that is a date but would not read as one replaced;
/// `None` when there is none.
fn rewrite_formats(xml: &str) -> Option<String> {
    static CODE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let code = CODE.get_or_init(|| Regex::new(r#"formatCode="([^"]*)""#).expect("valid"));
    let mut changed = false;
    let out = code.replace_all(xml, |caps: &regex::Captures| {
        let escaped = &caps[1];
        if escaped.contains('&') && is_date_format(&unescape(escaped)) {
            changed = true;
            format!(r#"formatCode="{PLAIN_DATE}""#)
        } else {
            caps[0].to_string()
        }
    });
    changed.then(|| out.into_owned())
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether a number format shows a date: a date letter (y, m, d, the era's g and e) in its
/// first section, outside quoted text, escapes and `[…]` (locale, colour) parts.
pub fn is_date_format(format: &str) -> bool {
    let mut chars = format.chars().peekable();
    let mut letters = String::new();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            // An exponent (`0.00E+00`) is not the era's year.
            'e' | 'E' if matches!(chars.peek(), Some('+' | '-')) => {
                chars.next();
            }
            c => letters.push(c),
        }
    }
    if letters.eq_ignore_ascii_case("general") {
        return false;
    }
    letters
        .chars()
        .any(|c| matches!(c.to_ascii_lowercase(), 'y' | 'm' | 'd' | 'g' | 'e'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wareki_formats_are_dates_and_numbers_are_not() {
        for f in [
            r#"[$-411]ggge"年"m"月"d"日";@"#,
            r#"[$-ja-JP]ggge"年"m"月"d"日""#,
            r#"[$-ja-JP-x-gannen]ggge"年"m"月"d"日""#,
            "yyyy/m/d",
            r#"yyyy"年"m"月"d"日""#,
            "[DBNum1]ggge年m月d日",
        ] {
            assert!(is_date_format(f), "{f}");
        }
        for f in ["General", "0.00E+00", "#,##0", "@", r#"0"件""#, r#""年"0"#] {
            assert!(!is_date_format(f), "{f}");
        }
    }

    #[test]
    fn only_formats_whose_letters_an_entity_hides_are_rewritten() {
        let xml = r#"<numFmts count="3"><numFmt numFmtId="176" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/><numFmt numFmtId="177" formatCode="yyyy/m/d"/><numFmt numFmtId="178" formatCode="0&quot;件&quot;"/></numFmts>"#;
        let fixed = rewrite_formats(xml).unwrap();
        assert!(fixed.contains(r#"numFmtId="176" formatCode="yyyy/m/d""#));
        assert!(fixed.contains(r#"formatCode="0&quot;件&quot;""#));
        assert_eq!(rewrite_formats(r#"<numFmt formatCode="yyyy/m/d"/>"#), None);
    }
}
