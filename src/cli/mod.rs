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

/// Writes through a temporary file in the same directory and renames it into place, so a failed
/// run never leaves a half-written output and the previous output stays intact.
///
/// - The temporary file is created exclusively (`O_EXCL`) with an unpredictable name, so a file
///   or link planted in the directory cannot be written through.
/// - A target that is a symlink is written through: the file it points to is replaced and the
///   link stays a link.
/// - A target that exists keeps its permissions (a `600` file stays `600`).
/// - Temporary files a killed run left beside the target (ours by their name, older than a
///   minute) are removed.
/// - A path that is not a regular file — `/dev/null`, `/dev/stdout`, a named pipe — is written
///   to directly: renaming over it would replace the device or the pipe with a file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes);
    }
    let target = resolve_links(path)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.hyoka-");
    remove_stray_temp_files(dir, &prefix);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    match std::fs::metadata(&target) {
        Ok(m) => tmp.as_file().set_permissions(m.permissions())?,
        // A new file is made as any program makes one (`rw-r--r--` under the usual umask), not
        // with the temporary file's private `rw-------`.
        Err(_) => set_new_file_mode(tmp.as_file())?,
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn set_new_file_mode(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // The process's umask, as Linux reports it; the usual 022 elsewhere.
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    file.set_permissions(std::fs::Permissions::from_mode(0o666 & !umask))
}

#[cfg(not(unix))]
fn set_new_file_mode(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// The file a path names once its symlinks are followed (the path itself when it is not a
/// link, or does not exist yet); a link to a file that does not exist yet names that file.
fn resolve_links(path: &std::path::Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // As many links as the system itself follows before it gives up (ELOOP).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Removes temporary files of an earlier write to the same target that did not finish (the
/// process was killed): ours by their prefix, and over a minute old, so a write running now in
/// another process keeps its own.
fn remove_stray_temp_files(dir: &std::path::Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(|m| m.file_type().is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
