//! Diagnostics shared by every stage: a coded problem, where it is, and how to fix it.
//!
//! Messages are structured ([`Message`]) and rendered in the user's language at output time, so
//! one run can print Japanese for a person and English JSON for a tool without re-checking.

use serde::Serialize;

/// The user's language for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise `LANG`/`LC_ALL` starting with `en` selects English; else Japanese.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                // `C.UTF-8` (Debian's default in containers) is the C locale too.
                let c_locale = ["C", "POSIX"]
                    .iter()
                    .any(|c| v == *c || v.strip_prefix(c).is_some_and(|r| r.starts_with('.')));
                return if v.starts_with("en") || c_locale {
                    Lang::En
                } else {
                    Lang::Ja
                };
            }
        }
        Lang::Ja
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Ja) => "エラー",
            (Severity::Warning, Lang::Ja) => "警告",
            (Severity::Info, Lang::Ja) => "情報",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

/// A position in a source file: 1-based line and column (columns count characters, as editors do
/// for Japanese text in the Basic Multilingual Plane).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A message in both languages. Stages build these from their own structured facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub ja: String,
    pub en: String,
}

impl Message {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            ja: ja.into(),
            en: en.into(),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.ja, &self.en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `HY0002`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: Message,
    /// How to fix it, when there is something specific to say.
    pub help: Option<Message>,
    pub file: String,
    pub pos: Pos,
    /// Model path such as `/files/2/delegations/0/subcontract`, empty for the whole file.
    pub path: String,
    /// A machine-applicable replacement for the text at `pos` (the key a typo probably meant),
    /// for editors' quick fixes.
    pub suggestion: Option<String>,
    /// For a file read from a workbook: the cell the value came from (`様式２!C14`), where
    /// the user fixes it; empty for the workbook as a whole. `pos` is then meaningless.
    pub cell: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: Message) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message,
            help: None,
            file: String::new(),
            pos: Pos { line: 1, column: 1 },
            path: String::new(),
            suggestion: None,
            cell: None,
        }
    }

    /// `file:line:col`, or `file:様式２!C14` for a value read from a workbook.
    pub fn location(&self) -> String {
        match self.cell.as_deref() {
            Some("") => self.file.clone(),
            Some(cell) => format!("{}:{cell}", self.file),
            None => format!("{}:{}:{}", self.file, self.pos.line, self.pos.column),
        }
    }

    pub fn with_help(mut self, help: Message) -> Diagnostic {
        self.help = Some(help);
        self
    }

    pub fn at(mut self, file: &str, pos: Pos, path: &str) -> Diagnostic {
        self.file = file.to_string();
        self.pos = pos;
        self.path = path.to_string();
        self
    }
}

/// Counts of errors and warnings in a set of diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Summary {
        let mut s = Summary::default();
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => {}
            }
        }
        s
    }
}
