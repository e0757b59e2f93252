//! What a rule is, what it sees, and what it reports.

use serde_json::Value;

use super::cross::Facts;
use crate::diagnostic::{Message, Severity};
use crate::load::Loaded;
use crate::model::notice::Notice;
use crate::model::{Assessment, Date};

/// What every diagnostic code declares: a stable code and kebab-case name, a default severity
/// and a one-line summary in both languages. Each rule of `hyoka check` is a type of its own that
/// declares these and [`Check::run`]s (one file per code under `rules/`, the doc page in
/// `docs/rules/<CODE>.md`); the registry lists each type once.
pub trait RuleDef {
    const CODE: &'static str;
    const NAME: &'static str;
    const SEVERITY: Severity;
    const SUMMARY_JA: &'static str;
    const SUMMARY_EN: &'static str;
}

/// Declares a rule type's [`RuleDef`]: `rule_def! { Type: "HY0101", "threshold-result", Error,
/// "summary in Japanese", "summary in English" }`.
macro_rules! rule_def {
    ($type:ident: $code:literal, $name:literal, $severity:ident, $ja:literal, $en:literal) => {
        impl $crate::check::rule::RuleDef for $type {
            const CODE: &'static str = $code;
            const NAME: &'static str = $name;
            const SEVERITY: $crate::diagnostic::Severity = $crate::diagnostic::Severity::$severity;
            const SUMMARY_JA: &'static str = $ja;
            const SUMMARY_EN: &'static str = $en;
        }
    };
}
pub(crate) use rule_def;

/// A rule that looks at one assessment. It reports only its own [`RuleDef::CODE`].
pub trait Check: RuleDef {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>);
}

/// A rule that looks at a notice of purposes of use together with the assessments of its body.
pub trait AcrossCheck: RuleDef {
    fn run(notice: &Notice, assessments: &[&Facts], out: &mut Vec<Finding>);
}

/// How a code comes to be reported.
#[derive(Clone, Copy)]
pub enum Runner {
    /// By a rule of `hyoka check` on each assessment.
    Check(fn(&RuleCtx, &mut Vec<Finding>)),
    /// By `hyoka check` across a notice and the assessments of its body.
    Across(fn(&Notice, &[&Facts], &mut Vec<Finding>)),
    /// By another stage (the loader, render, import): listed so that `hyoka rules` and
    /// `hyoka explain` cover it.
    Stage,
}

/// A row of the registry: a code's declaration and how it is reported.
pub struct Rule {
    pub code: &'static str,
    /// kebab-case name, stable like the code.
    pub name: &'static str,
    pub severity: Severity,
    pub summary_ja: &'static str,
    pub summary_en: &'static str,
    pub runner: Runner,
}

impl Rule {
    /// The row of a rule of `hyoka check`.
    pub const fn check<R: Check>() -> Rule {
        Rule::of::<R>(Runner::Check(R::run))
    }

    /// The row of a code reported across documents.
    pub const fn across<R: AcrossCheck>() -> Rule {
        Rule::of::<R>(Runner::Across(R::run))
    }

    const fn of<R: RuleDef>(runner: Runner) -> Rule {
        Rule {
            code: R::CODE,
            name: R::NAME,
            severity: R::SEVERITY,
            summary_ja: R::SUMMARY_JA,
            summary_en: R::SUMMARY_EN,
            runner,
        }
    }

    /// The row of a code another stage reports.
    pub const fn stage(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        summary_ja: &'static str,
        summary_en: &'static str,
    ) -> Rule {
        Rule {
            code,
            name,
            severity,
            summary_ja,
            summary_en,
            runner: Runner::Stage,
        }
    }

    /// The check function, for a rule of `hyoka check` on one assessment.
    pub fn run(&self) -> Option<fn(&RuleCtx, &mut Vec<Finding>)> {
        match self.runner {
            Runner::Check(run) => Some(run),
            _ => None,
        }
    }
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
    /// Where to point instead of the value at `path`: for what is missing, where it goes.
    pub at: Option<crate::diagnostic::Pos>,
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
            at: None,
        }
    }

    pub fn help(mut self, ja: impl Into<String>, en: impl Into<String>) -> Finding {
        self.help = Some(Message::new(ja, en));
        self
    }
}
