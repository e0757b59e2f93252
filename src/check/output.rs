//! Diagnostic output: `human` (rustc-style, with the source line and a caret) and `json`.

use std::fmt::Write as _;

use serde::Serialize;

use super::Report;
use crate::diagnostic::{Diagnostic, Lang, Severity, Summary};

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
    file: &'a str,
    line: usize,
    column: usize,
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
            file: &d.file,
            line: d.pos.line,
            column: d.pos.column,
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
        let source = report
            .files
            .iter()
            .find(|f| f.file == d.file)
            .map(|f| f.source.as_str())
            .unwrap_or("");
        write_one(&mut out, d, source, lang, &paint);
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
    source: &str,
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
        paint("1", d.message.text(lang))
    );
    let _ = writeln!(
        out,
        "  {} {}:{}:{}",
        paint("1;34", "-->"),
        d.file,
        d.pos.line,
        d.pos.column
    );
    if let Some(text) = source.lines().nth(d.pos.line.saturating_sub(1)) {
        let gutter = d.pos.line.to_string();
        let pad = " ".repeat(gutter.len());
        // Wide (East Asian) characters take two terminal cells; keep the caret under the place.
        let before: String = text.chars().take(d.pos.column.saturating_sub(1)).collect();
        let offset: usize = before.chars().map(cell_width).sum();
        let _ = writeln!(out, "{pad} {}", paint("1;34", "|"));
        let _ = writeln!(
            out,
            "{} {} {text}",
            paint("1;34", &gutter),
            paint("1;34", "|")
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
        let _ = writeln!(out, "  = {}: {}", lang.pick("場所", "path"), d.path);
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "  = {}: {}",
            lang.pick("対処", "help"),
            help.text(lang)
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
