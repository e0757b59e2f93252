//! Diagnostic output: `human` (rustc-style, with the source line and a caret) and `json`.

use std::fmt::Write as _;

use serde::Serialize;

use super::Report;
// HTML's escapes are XML's: one escaper for both.
use crate::diagnostic::{Diagnostic, Lang, Severity, Summary};
use crate::text::escape_html as escape_xml;
use crate::text::terminal_safe;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    /// A workbook's cell (`様式２!C14`) for a file read from a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    path: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

pub fn json(report: &Report, lang: Lang) -> String {
    let diagnostics = report
        .diagnostics()
        .map(|d| JsonDiagnostic {
            code: d.code,
            severity: d.severity,
            message: d.message.text(lang),
            help: d.help.as_ref().map(|h| h.text(lang)),
            suggestion: d.suggestion.as_deref(),
            file: &d.file,
            line: d.pos.line,
            column: d.pos.column,
            cell: d.cell.as_deref(),
            path: &d.path,
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&JsonReport {
        diagnostics,
        summary: report.summary(),
    })
    .expect("report serializes");
    s.push('\n');
    s
}

/// Whether to colour terminal output: only on a terminal, and never with `NO_COLOR` set.
pub fn use_colour(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn human(report: &Report, lang: Lang, colour: bool) -> String {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for d in report.diagnostics() {
        // A path that is not a checked file (missing, an empty directory) has no line to show.
        let source = report
            .files
            .iter()
            .find(|f| f.file == d.file)
            .map(|f| f.source.as_str());
        write_one(&mut out, d, source, lang, &paint);
    }
    for (old, current) in &report.earlier {
        let line = match lang {
            Lang::Ja => format!(
                "{} は {} の以前の版（同じ評価書番号・評価実施機関名）として、検査せずに変更箇所の比較に使います",
                old.display(),
                current.display()
            ),
            Lang::En => format!(
                "{}: an earlier revision of {} (same 評価書番号 and body): not checked, used as the baseline of its change table",
                old.display(),
                current.display()
            ),
        };
        let _ = writeln!(out, "{}", terminal_safe(&line));
    }
    let s = report.summary();
    let files = report.files.len();
    let line = match lang {
        Lang::Ja => format!(
            "{files} ファイルを検査: エラー {} 件、警告 {} 件",
            s.errors, s.warnings
        ),
        Lang::En => format!(
            "checked {files} file(s): {} error(s), {} warning(s)",
            s.errors, s.warnings
        ),
    };
    let _ = writeln!(
        out,
        "{}",
        if s.errors > 0 {
            paint("1;31", &line)
        } else {
            paint("1;32", &line)
        }
    );
    out
}

fn write_one(
    out: &mut String,
    d: &Diagnostic,
    source: Option<&str>,
    lang: Lang,
    paint: &dyn Fn(&str, &str) -> String,
) {
    let colour = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    };
    let _ = writeln!(
        out,
        "{}: {}",
        paint(colour, &format!("{}[{}]", d.severity.label(lang), d.code)),
        paint("1", &terminal_safe(d.message.text(lang)))
    );
    // A workbook's cell is where to look; the YAML made from it in memory is not shown.
    let source = source.filter(|_| d.cell.is_none());
    let Some(source) = source else {
        let at = if d.cell.is_some() {
            d.location()
        } else {
            d.file.clone()
        };
        let _ = writeln!(out, "  {} {}", paint("1;34", "-->"), terminal_safe(&at));
        if !d.path.is_empty() {
            let _ = writeln!(out, "  = path: {}", terminal_safe(&d.path));
        }
        if let Some(h) = &d.help {
            let _ = writeln!(out, "  = help: {}", terminal_safe(h.text(lang)));
        }
        out.push('\n');
        return;
    };
    let _ = writeln!(
        out,
        "  {} {}:{}:{}",
        paint("1;34", "-->"),
        terminal_safe(&d.file),
        d.pos.line,
        d.pos.column
    );
    if let Some(text) = crate::text::source_lines(source).nth(d.pos.line.saturating_sub(1)) {
        let gutter = d.pos.line.to_string();
        let pad = " ".repeat(gutter.len());
        // Wide (East Asian) characters take two terminal cells; keep the caret under the place.
        let before: String = text.chars().take(d.pos.column.saturating_sub(1)).collect();
        let offset: usize = before.chars().map(cell_width).sum();
        let _ = writeln!(out, "{pad} {}", paint("1;34", "|"));
        let _ = writeln!(
            out,
            "{} {} {}",
            paint("1;34", &gutter),
            paint("1;34", "|"),
            terminal_safe(text)
        );
        let _ = writeln!(
            out,
            "{pad} {} {}{}",
            paint("1;34", "|"),
            " ".repeat(offset),
            paint(colour, "^")
        );
    }
    if !d.path.is_empty() {
        let _ = writeln!(
            out,
            "  = {}: {}",
            lang.pick("場所", "path"),
            terminal_safe(&d.path)
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "  = {}: {}",
            lang.pick("対処", "help"),
            terminal_safe(help.text(lang))
        );
    }
    // Every code has a page: why it matters, its basis, a wrong and a right example.
    if super::registry::doc(d.code).is_some() {
        let _ = writeln!(
            out,
            "  = {}: hyoka explain {}",
            lang.pick("詳しく", "more"),
            d.code
        );
    }
    out.push('\n');
}

fn cell_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// GitHub Actions workflow commands: one annotation per diagnostic.
pub fn github(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for d in report.diagnostics() {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.text(lang).to_string();
        if let Some(h) = &d.help {
            message.push_str(&format!(" ({})", h.text(lang)));
        }
        let title = escape_property(&format!("{} {}", d.code, rule_name(d.code)));
        match d.cell.as_deref() {
            // A workbook has no lines: the cell leads the message.
            Some(cell) => {
                let message = if cell.is_empty() {
                    message
                } else {
                    format!("{cell}: {message}")
                };
                let _ = writeln!(
                    out,
                    "::{level} file={},title={title}::{}",
                    escape_property(&d.file),
                    escape_data(&message)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "::{level} file={},line={},col={},title={title}::{}",
                    escape_property(&d.file),
                    d.pos.line,
                    d.pos.column,
                    escape_data(&message)
                );
            }
        }
    }
    out
}

/// Where a finding is: a line and column of a YAML file, or a workbook and its cell (a
/// workbook has no lines; the cell is a logical location).
fn sarif_location(d: &Diagnostic) -> serde_json::Value {
    let mut logical = vec![serde_json::json!({"fullyQualifiedName": d.path, "kind": "member"})];
    let physical = match d.cell.as_deref() {
        Some(cell) => {
            if !cell.is_empty() {
                logical.push(serde_json::json!({"name": cell, "kind": "element"}));
            }
            serde_json::json!({"artifactLocation": {"uri": sarif_uri(&d.file)}})
        }
        None => serde_json::json!({
            "artifactLocation": {"uri": sarif_uri(&d.file)},
            "region": {"startLine": d.pos.line, "startColumn": d.pos.column},
        }),
    };
    serde_json::json!({"physicalLocation": physical, "logicalLocations": logical})
}

fn rule_name(code: &str) -> &'static str {
    super::registry::find(code).map(|r| r.name).unwrap_or("")
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0, for code-scanning upload.
/// A file path as a SARIF `uri` (a relative URI reference, RFC 3986): `/` separators, and
/// everything but unreserved characters and `/` percent-encoded as UTF-8, so that
/// `評価書/国民健康保険.yaml` or a name with spaces is a valid URI that code-scanning tools resolve.
fn sarif_uri(path: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    utf8_percent_encode(&path.replace('\\', "/"), KEEP).to_string()
}

pub fn sarif(report: &Report, lang: Lang) -> String {
    use serde_json::json;
    let rules: Vec<_> = super::registry::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": lang.pick(r.summary_ja, r.summary_en)},
                "fullDescription": {"text": format!("{} / {}", r.summary_ja, r.summary_en)},
                "help": {"text": super::registry::doc(r.code).unwrap_or(""), "markdown": super::registry::doc(r.code).unwrap_or("")},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
            })
        })
        .collect();
    let results: Vec<_> = report
        .diagnostics()
        .map(|d| {
            json!({
                "ruleId": d.code,
                "ruleIndex": super::registry::RULES.iter().position(|r| r.code == d.code),
                "level": sarif_level(d.severity),
                "message": {"text": match &d.help { Some(h) => format!("{} ({})", d.message.text(lang), h.text(lang)), None => d.message.text(lang).to_string() }},
                "locations": [sarif_location(d)],
                // Stable across unrelated edits: the code and the model path, not the line.
                "partialFingerprints": {"hyokaPath/v1": format!("{}:{}:{}", d.code, d.file, d.path)},
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "hyoka", "version": env!("CARGO_PKG_VERSION"), "informationUri": "https://crates.io/crates/hyoka", "rules": rules}},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serializes");
    s.push('\n');
    s
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// JUnit XML: one test case per file, failing when the file has errors.
pub fn junit(report: &Report, lang: Lang) -> String {
    let mut cases = String::new();
    let mut failures = 0;
    let mut files: Vec<&str> = report.files.iter().map(|f| f.file.as_str()).collect();
    files.extend(report.general.iter().map(|d| d.file.as_str()));
    files.dedup();
    for file in &files {
        let diags: Vec<_> = report.diagnostics().filter(|d| d.file == *file).collect();
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let _ = write!(
            cases,
            "    <testcase classname=\"hyoka.check\" name=\"{}\">",
            escape_xml(file)
        );
        if !errors.is_empty() {
            failures += 1;
            let text: String = errors.iter().map(|d| one_line(d, lang)).collect();
            let _ = write!(
                cases,
                "\n      <failure message=\"{}\" type=\"error\">{}</failure>\n    ",
                escape_xml(&format!("{} error(s)", errors.len())),
                escape_xml(&text)
            );
        }
        let others: String = diags
            .iter()
            .filter(|d| d.severity != Severity::Error)
            .map(|d| one_line(d, lang))
            .collect();
        if !others.is_empty() {
            let _ = write!(
                cases,
                "\n      <system-out>{}</system-out>\n    ",
                escape_xml(&others)
            );
        }
        cases.push_str("</testcase>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"hyoka check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n</testsuites>\n",
        files.len()
    )
}

/// `file:line:col CODE message` and a line feed.
fn one_line(d: &Diagnostic, lang: Lang) -> String {
    format!("{} {} {}\n", d.location(), d.code, d.message.text(lang))
}
