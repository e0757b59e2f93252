//! `hyoka.toml`: per-repository settings for `hyoka check`.
//!
//! ```toml
//! [rules]
//! HY0405 = "error"     # error | warning | info | off
//!
//! [check]
//! amendment_cutover = "2024-05-27"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::registry;
use crate::diagnostic::{Message, Severity};
use crate::model::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Severity overrides by code.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub check: CheckSettings,
    #[serde(default)]
    pub render: RenderSettings,
    /// Where it was read from, for messages.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenderSettings {
    /// A Japanese font file for `hyoka render`.
    pub font: Option<std::path::PathBuf>,
    /// The body text's typeface: `gothic` (default) or `mincho`.
    pub typeface: Option<crate::model::typeface::Typeface>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// 和暦 or ISO date from which superseded citations are warned.
    pub amendment_cutover: Option<String>,
}

impl Config {
    /// The severity for `code`, or `None` when the rule is turned off.
    /// Whether the code is reported at all (`HY0405 = "off"` turns it off): rules that are off
    /// are not run.
    pub fn enabled(&self, code: &str) -> bool {
        self.rules.get(code) != Some(&Level::Off)
    }

    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            None => Some(default),
            Some(Level::Off) => None,
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Info) => Some(Severity::Info),
        }
    }

    pub fn amendment_cutover(&self) -> Result<Option<Date>, Message> {
        match &self.check.amendment_cutover {
            None => Ok(None),
            Some(s) => Date::parse(s).map(Some).map_err(|_| {
                Message::new(
                    format!("amendment_cutover の日付が読めません: {s}"),
                    format!("amendment_cutover is not a date: {s}"),
                )
            }),
        }
    }
}

/// The nearest `hyoka.toml` in `start` or its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    abs.ancestors()
        .map(|d| d.join("hyoka.toml"))
        .find(|p| p.is_file())
}

/// Reads a config file; unknown keys and unknown rule codes are errors (a typo must not
/// silently leave a rule at its default).
pub fn read(path: &Path) -> Result<Config, Message> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Message::new(
            format!("{} を読めません: {e}", path.display()),
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let mut config: Config = toml::from_str(&text).map_err(|e| {
        Message::new(
            format!("{}: {e}", path.display()),
            format!("{}: {e}", path.display()),
        )
    })?;
    for code in config.rules.keys() {
        if registry::find(code).is_none() {
            return Err(Message::new(
                format!(
                    "{}: 不明なルールコード `{code}`（`hyoka rules` で一覧）",
                    path.display()
                ),
                format!(
                    "{}: unknown rule code `{code}` (see `hyoka rules`)",
                    path.display()
                ),
            ));
        }
    }
    config.source = Some(path.to_path_buf());
    Ok(config)
}
