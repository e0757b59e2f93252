//! What a rule is, what it sees, and what it reports.

use serde_json::Value;

use crate::diagnostic::{Message, Severity};
use crate::load::Loaded;
use crate::model::{Assessment, Date};

/// A rule of `hyoka check`: a stable code, a default severity, a one-line summary in both
/// languages, and the function that looks for it. Load-stage codes (HY00xx) have no function:
/// the loader reports them; they are listed so that `hyoka rules` and `hyoka explain` cover them.
pub struct Rule {
    pub code: &'static str,
    /// kebab-case name, stable like the code.
    pub name: &'static str,
    pub severity: Severity,
    pub summary_ja: &'static str,
    pub summary_en: &'static str,
    pub run: Option<fn(&RuleCtx, &mut Vec<Finding>)>,
}

/// Settings that change what rules conclude (from `hyoka.toml` and the command line).
#[derive(Debug, Clone)]
pub struct Options {
    /// The date "now" for the keeping-current rules.
    pub today: Date,
    /// From this date on, citations of provisions the 2023 amendment superseded are warned.
    pub amendment_cutover: Date,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            today: Date::today(),
            amendment_cutover: crate::check::citations::default_cutover(),
        }
    }
}

/// What a rule sees: the typed model, the same model as JSON (for path lookups), and the
/// loaded file (source text and spans).
pub struct RuleCtx<'a> {
    pub a: &'a Assessment,
    pub json: &'a Value,
    pub loaded: &'a Loaded,
    pub options: &'a Options,
}

/// A problem found by a rule, addressed by model path; `check` turns it into a positioned
/// diagnostic.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: &'static str,
    pub path: String,
    pub message: Message,
    pub help: Option<Message>,
    /// Overrides the rule's default severity for this finding (rarely needed).
    pub severity: Option<Severity>,
}

impl Finding {
    pub fn new(
        code: &'static str,
        path: impl Into<String>,
        ja: impl Into<String>,
        en: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            path: path.into(),
            message: Message::new(ja, en),
            help: None,
            severity: None,
        }
    }

    pub fn help(mut self, ja: impl Into<String>, en: impl Into<String>) -> Finding {
        self.help = Some(Message::new(ja, en));
        self
    }
}
