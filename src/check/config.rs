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
    /// Files a folder walk leaves out, by name or path (`*` any run of characters, `?` one):
    /// backups and copies such as `*.orig.yaml` or `*公表版*.yaml`. A file named on the command
    /// line is always checked.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// Whether `text` matches `pattern`, where `*` is any run of characters and `?` one.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    // The classic two-pointer match, remembering the last `*` to back up to.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || p[i] == t[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

impl Config {
    /// Whether a folder walk leaves `path` out (`[check] exclude`): its file name or its path
    /// matches one of the patterns.
    pub fn excludes(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let whole = path.to_string_lossy().replace('\\', "/");
        self.check
            .exclude
            .iter()
            .any(|p| glob(p, &name) || glob(p, &whole))
    }

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

#[cfg(test)]
mod tests {
    #[test]
    fn exclude_patterns_match_names_and_paths() {
        use super::glob;
        assert!(glob("*.orig.yaml", "scaffold.orig.yaml"));
        assert!(glob("*公表版*", "assessment_R7公表版.yaml"));
        assert!(glob("old/*", "old/a.yaml"));
        assert!(glob("a?.yaml", "ab.yaml") && !glob("a?.yaml", "abc.yaml"));
        assert!(!glob("*.orig.yaml", "assessment.yaml"));
        assert!(glob("*", "") && glob("**", "x"));
    }
}
