//! The command-line layer: parses arguments, calls the library, prints, picks the exit code.
//! No assessment logic lives here: each command is a module with its `clap::Args` and a `run`
//! that returns [`CliResult`]; `main` parses and dispatches.

mod args;
mod attachments;
mod check;
mod diff;
mod exit;
mod help_ja;
mod import;
mod init;
mod plan;
mod render;
mod rules;
mod schema;
mod serve;

use std::io::Write;
use std::path::PathBuf;

use crate::check::config;
use crate::diagnostic::Lang;

pub(crate) use args::PlainFormat;
use args::{argument_error_ja, lang_before_parsing, parse, Command, LangArg};
pub use exit::{CliError, CliResult, Exit};

/// Parses the arguments, runs the command, says what stopped it, and gives the exit code.
pub fn main() -> Exit {
    let cli = match parse(lang_before_parsing()) {
        Ok(cli) => cli,
        Err(e) => {
            if e.use_stderr() && lang_before_parsing() == Lang::Ja {
                eprintln!("{}", argument_error_ja(&e));
                return Exit::Usage;
            }
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Ok
            };
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    run(cli.command, lang).unwrap_or_else(|e| e.report(lang))
}

fn run(command: Command, lang: Lang) -> CliResult {
    match command {
        Command::Check(args) => check::run(args, lang),
        Command::Rules(args) => rules::list(args, lang),
        Command::Explain(args) => rules::explain(args, lang),
        Command::Threshold(args) => rules::threshold(args, lang),
        Command::Diff(args) => diff::run(args, lang),
        Command::History(args) => diff::history(args, &load_config(None)?, lang),
        Command::Render(args) => render::run(args, &load_config(None)?, lang),
        Command::Schema(args) => schema::run(args, lang),
        Command::Serve(args) => serve::run(args, lang),
        Command::Init(args) => init::run(args, lang),
        Command::Attachments(args) => attachments::run(args, &load_config(None)?, lang),
        Command::Import(args) => import::run(args, lang),
    }
}

/// The settings: `--config FILE`, or the nearest `hyoka.toml` from the current directory up, or
/// the defaults. A broken file stops the command.
fn load_config(explicit: Option<&std::path::Path>) -> Result<config::Config, CliError> {
    match explicit
        .map(PathBuf::from)
        .or_else(|| config::discover(std::path::Path::new(".")))
    {
        None => Ok(config::Config::default()),
        Some(p) => config::read(&p).map_err(CliError::from),
    }
}

/// Prints the load errors of a file to standard error, rustc-style, one a line.
pub(crate) fn print_load_errors(loaded: &crate::load::Loaded, lang: Lang) {
    print_diagnostics(loaded, lang, crate::diagnostic::Severity::Error);
}

/// One line per diagnostic at or above `least` (errors first in severity order), on stderr.
pub(crate) fn print_diagnostics(
    loaded: &crate::load::Loaded,
    lang: Lang,
    least: crate::diagnostic::Severity,
) {
    use crate::diagnostic::Severity;
    let rank = |s: Severity| match s {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    };
    for d in loaded
        .diagnostics
        .iter()
        .filter(|d| rank(d.severity) >= rank(least))
    {
        eprintln!(
            "{}:{}:{}: {}[{}] {}",
            d.file,
            d.pos.line,
            d.pos.column,
            d.severity.label(lang),
            d.code,
            d.message.text(lang)
        );
    }
}

/// Writes an output atomically and says so on standard error: `書き出しました: PATH`, or why
/// it could not be written. Whether it was written is the result.
pub(crate) fn write_output(path: &std::path::Path, bytes: &[u8], lang: Lang) -> bool {
    match write_atomically(path, bytes) {
        Ok(()) => {
            eprintln!(
                "{} {}",
                lang.pick("書き出しました:", "wrote"),
                path.display()
            );
            true
        }
        Err(e) => {
            eprintln!(
                "hyoka: {}: {}: {e}",
                lang.pick("書き出せません", "cannot write"),
                path.display()
            );
            false
        }
    }
}

/// Writes through a temporary file in the same directory and renames it into place, so a failed
/// run never leaves a half-written output and the previous output stays intact.
///
/// A path that is not a regular file — `/dev/null`, `/dev/stdout`, a named pipe — is written to
/// directly: renaming over it would replace the device or the pipe with a file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
