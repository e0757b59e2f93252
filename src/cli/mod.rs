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
    let chosen = cli.lang.is_some();
    run(cli.command, lang, chosen).unwrap_or_else(|e| e.report(lang))
}

/// Runs one command in `lang`; `chosen` when `--lang` named it (serve then answers every
/// browser in it, not in the language the browser asks for).
fn run(command: Command, lang: Lang, chosen: bool) -> CliResult {
    match command {
        Command::Check(args) => check::run(args, lang),
        Command::Rules(args) => rules::list(args, lang),
        Command::Explain(args) => rules::explain(args, lang),
        Command::Threshold(args) => rules::threshold(args, lang),
        Command::Diff(args) => diff::run(args, lang),
        Command::History(args) => diff::history(args, &load_config(None)?, lang),
        Command::Render(args) => render::run(args, &load_config(None)?, lang),
        Command::Schema(args) => schema::run(args, lang),
        Command::Serve(args) => serve::run(args, lang, chosen),
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
        let line = format!(
            "{}: {}[{}] {}",
            d.location(),
            d.severity.label(lang),
            d.code,
            d.message.text(lang)
        );
        eprintln!("{}", crate::text::terminal_safe(&line));
    }
}

/// Refuses to write an output over one of the command's inputs: `render y.yaml -o y.yaml` would
/// replace the assessment with its PDF. The same file is the same device and inode once links
/// are followed, however the two paths are written (`./y.yaml`, a link to it, a hard link).
pub(crate) fn refuse_overwriting_inputs(
    outputs: &[&std::path::Path],
    inputs: &[&std::path::Path],
) -> Result<(), CliError> {
    for out in outputs {
        if let Some(input) = inputs.iter().find(|i| same_file(out, i)) {
            return Err(CliError::usage(
                format!(
                    "出力先 {} は入力ファイル {} と同じファイルのため、書き出しません。別の出力先を指定してください。",
                    out.display(),
                    input.display()
                ),
                format!(
                    "{} is the input {} itself: nothing written; give another output",
                    out.display(),
                    input.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Whether two paths name one existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        x.dev() == y.dev() && x.ino() == y.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (x, y);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(p), Ok(q)) if p == q)
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

pub use crate::files::write_atomically;
