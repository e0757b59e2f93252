//! `hyoka check`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::args::CheckFormat;
use super::{load_config, CliError, CliResult, Exit};
use crate::check::{self, config::Config, output, rule::Options};
use crate::diagnostic::Lang;
use crate::model::Date;
use crate::yaml::Limits;

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format (default: github when GITHUB_ACTIONS=true, else human).
    #[arg(long, value_enum)]
    format: Option<CheckFormat>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    strict: bool,
    /// The date to check "keeping current" against (和暦 or ISO; default: today).
    #[arg(long)]
    today: Option<String>,
    /// Settings file (default: the nearest hyoka.toml from the current directory up).
    #[arg(long)]
    config: Option<PathBuf>,
}

/// The rule options `hyoka.toml` sets (the amendment cut-over), for `check` and `render`.
pub(super) fn options(config: &Config) -> Result<Options, CliError> {
    let mut options = Options::default();
    if let Some(d) = config.amendment_cutover()? {
        options.amendment_cutover = d;
    }
    Ok(options)
}

pub fn run(args: CheckArgs, lang: Lang) -> CliResult {
    let config = load_config(args.config.as_deref())?;
    let mut options = options(&config)?;
    if let Some(t) = &args.today {
        options.today = Date::parse(t).map_err(|_| {
            CliError::usage(
                format!("--today の日付が読めません: {t}"),
                format!("--today is not a date: {t}"),
            )
        })?;
    }
    let format = args.format.unwrap_or(
        if std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true") {
            CheckFormat::Github
        } else {
            CheckFormat::Human
        },
    );
    let report = check::check_paths_with(
        &args.paths,
        &Limits::default(),
        &options,
        &config,
        &crate::import::open::load,
    );
    let text = match format {
        CheckFormat::Json => output::json(&report, lang),
        CheckFormat::Human => output::human(
            &report,
            lang,
            output::use_colour(std::io::stdout().is_terminal()),
        ),
        CheckFormat::Github => output::github(&report, lang),
        CheckFormat::Sarif => output::sarif(&report, lang),
        CheckFormat::Junit => output::junit(&report, lang),
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    let summary = report.summary();
    // A path that does not exist is a usage failure even when other paths were checked.
    Ok(if !report.general.is_empty() {
        Exit::Usage
    } else if summary.errors > 0 || (args.strict && summary.warnings > 0) {
        Exit::Findings
    } else {
        Exit::Ok
    })
}
