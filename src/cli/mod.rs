//! The command-line layer: parses arguments, calls the library, prints, picks the exit code.
//! No assessment logic lives here.

mod args;
mod attachments;
mod diff;
mod help_ja;
mod import;
mod init;
mod render;
mod rules;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::check::{self, config, output, rule::Options};
use crate::diagnostic::Lang;
use crate::load::yaml::Limits;
use crate::model::{schema, Date};

/// Exit codes shared by every command.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

pub(crate) use args::PlainFormat;
use args::{argument_error_ja, lang_before_parsing, parse, CheckFormat, Command, LangArg};

pub fn main() -> i32 {
    let cli = match parse(lang_before_parsing()) {
        Ok(cli) => cli,
        Err(e) => {
            if e.use_stderr() && lang_before_parsing() == Lang::Ja {
                eprintln!("{}", argument_error_ja(&e));
                return EXIT_USAGE;
            }
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    match cli.command {
        Command::Check {
            paths,
            format,
            strict,
            today,
            config,
        } => run_check(
            &paths,
            format,
            strict,
            today.as_deref(),
            config.as_deref(),
            lang,
        ),
        Command::Rules { format } => rules::list(format, lang),
        Command::Explain { code } => rules::explain(&code, lang),
        Command::Threshold {
            people,
            handlers,
            incident,
            format,
        } => rules::threshold(&people, &handlers, &incident, format, lang),
        Command::Diff {
            old,
            new,
            git,
            format,
            form,
            columns,
            exit_code,
            timing,
            out,
            date,
        } => {
            let date = match diff::parse_date(date.as_deref(), lang) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let (old, new) = match (git, old, new) {
                (Some(g), None, None) => (format!("{}:{}", g[0], g[1]), g[1].clone()),
                (None, Some(o), Some(n)) => (o, n),
                _ => {
                    return usage_error(
                        lang,
                        "OLD と NEW、または --git REV PATH を指定してください",
                        "give OLD and NEW, or --git REV PATH",
                    )
                }
            };
            diff::run(
                diff::DiffArgs {
                    old,
                    new,
                    format,
                    form: form.map(Into::into),
                    columns,
                    exit_code,
                    timing,
                    out,
                    date,
                },
                lang,
            )
        }
        Command::History {
            new,
            against,
            date,
            write,
            pages,
            cause,
            form,
            timing,
            published,
        } => {
            // `--pages` lays the form out with the fonts `hyoka render` would use.
            let config = match load_config(None, lang) {
                Ok(c) => c,
                Err(code) => return code,
            };
            diff::history(
                diff::HistoryArgs {
                    new,
                    against,
                    date,
                    write,
                    pages,
                    cause,
                    form: form.map(Into::into),
                    timing,
                    published,
                },
                &config,
                lang,
            )
        }
        Command::Render {
            path,
            form,
            format,
            out,
            fonts,
            allow_errors,
        } => {
            let config = match load_config(None, lang) {
                Ok(c) => c,
                Err(code) => return code,
            };
            render::run(
                render::RenderArgs {
                    path,
                    form,
                    format,
                    out,
                    fonts,
                    allow_errors,
                },
                &config,
                lang,
            )
        }
        Command::Schema { out } => run_schema(&out, lang),
        Command::Serve {
            paths,
            port,
            open,
            font,
        } => run_serve(paths, port, open, font, lang),
        Command::Init {
            dir,
            form,
            force,
            kind,
        } => init::run(&dir, form.into(), kind, force, lang),
        Command::Attachments {
            path,
            format,
            out,
            fonts,
        } => {
            let config = match load_config(None, lang) {
                Ok(c) => c,
                Err(code) => return code,
            };
            attachments::run(
                attachments::Args {
                    path,
                    format,
                    out,
                    fonts,
                },
                &config,
                lang,
            )
        }
        Command::Import {
            workbook,
            out,
            form,
            annotate,
            allow_unplaced,
        } => import::run(
            &workbook,
            out.as_deref(),
            form.map(Into::into),
            annotate,
            allow_unplaced,
            lang,
        ),
    }
}

fn run_serve(paths: Vec<PathBuf>, port: u16, open: bool, font: Option<PathBuf>, lang: Lang) -> i32 {
    let roots = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    };
    if let Some(missing) = roots.iter().find(|p| !p.exists()) {
        return usage_error(
            lang,
            &format!(
                "{}: ファイルまたはフォルダが見つかりません",
                missing.display()
            ),
            &format!("{}: no such file or directory", missing.display()),
        );
    }
    let settings = match load_config(None, lang) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let font = render::font_setting(font, &settings);
    let config = crate::serve::Config {
        roots,
        port,
        lang,
        font,
    };
    let running = match crate::serve::start(config) {
        Ok(r) => r,
        Err(e) => {
            return usage_error(
                lang,
                &format!("サーバーを開始できません: {e}"),
                &format!("cannot start the server: {e}"),
            )
        }
    };
    let url = format!("http://{}/", running.addr);
    println!(
        "{}",
        lang.pick(
            &format!("hyoka serve: {url} で表示しています（終了は Ctrl+C）"),
            &format!("hyoka serve: serving at {url} (Ctrl+C to stop)"),
        )
    );
    let _ = std::io::stdout().flush();
    if let Some(e) = &running.watch_error {
        eprintln!(
            "hyoka: {}",
            lang.pick(
                &format!("ファイルの変更を監視できません（保存してもページは自動で更新されません。再読み込みしてください）: {e}"),
                &format!("cannot watch the files (pages will not follow saves; reload them): {e}"),
            )
        );
    }
    if open {
        open_browser(&url);
    }
    match running.wait() {
        Ok(()) => EXIT_OK,
        Err(e) => usage_error(
            lang,
            &format!("サーバーが停止しました: {e}"),
            &format!("the server stopped: {e}"),
        ),
    }
}

/// Opens `url` in the desktop's default browser, if there is one (`--open`).
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program).arg(url).spawn();
}

fn usage_error(lang: Lang, ja: &str, en: &str) -> i32 {
    eprintln!("hyoka: {}", lang.pick(ja, en));
    EXIT_USAGE
}

/// The rule options `hyoka.toml` sets (the amendment cut-over), for `check` and `render`.
pub(crate) fn check_options(config: &check::config::Config, lang: Lang) -> Result<Options, i32> {
    let mut options = Options::default();
    match config.amendment_cutover() {
        Ok(Some(d)) => options.amendment_cutover = d,
        Ok(None) => {}
        Err(m) => return Err(usage_error(lang, &m.ja, &m.en)),
    }
    Ok(options)
}

fn run_check(
    paths: &[PathBuf],
    format: Option<CheckFormat>,
    strict: bool,
    today: Option<&str>,
    config_path: Option<&std::path::Path>,
    lang: Lang,
) -> i32 {
    let config = match load_config(config_path, lang) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut options = match check_options(&config, lang) {
        Ok(o) => o,
        Err(code) => return code,
    };
    if let Some(t) = today {
        match Date::parse(t) {
            Ok(d) => options.today = d,
            Err(_) => {
                return usage_error(
                    lang,
                    &format!("--today の日付が読めません: {t}"),
                    &format!("--today is not a date: {t}"),
                )
            }
        }
    }
    let format = format.unwrap_or(
        if std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true") {
            CheckFormat::Github
        } else {
            CheckFormat::Human
        },
    );
    let report = check::check_paths(paths, &Limits::default(), &options, &config);
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
    if !report.general.is_empty() {
        EXIT_USAGE
    } else if summary.errors > 0 || (strict && summary.warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn run_schema(out: &std::path::Path, lang: Lang) -> i32 {
    let text = schema::generate();
    if out.as_os_str() == "-" {
        let _ = std::io::stdout().write_all(text.as_bytes());
        return EXIT_OK;
    }
    // The assessment's schema, and the notice's (`kind: notice`) beside it.
    for (name, text) in [
        ("assessment.schema.json", text),
        ("notice.schema.json", schema::generate_notice()),
    ] {
        let path = out.join(name);
        match std::fs::create_dir_all(out).and_then(|_| write_atomically(&path, text.as_bytes())) {
            Ok(()) => eprintln!(
                "{} {}",
                lang.pick("書き出しました:", "wrote"),
                path.display()
            ),
            Err(e) => {
                eprintln!(
                    "{}: {}: {e}",
                    lang.pick("書き出せません", "cannot write"),
                    path.display()
                );
                return EXIT_USAGE;
            }
        }
    }
    EXIT_OK
}

/// The settings: `--config FILE`, or the nearest `hyoka.toml` from the current directory up, or
/// the defaults. A broken file is a usage error (the exit code is returned).
fn load_config(explicit: Option<&std::path::Path>, lang: Lang) -> Result<config::Config, i32> {
    match explicit
        .map(PathBuf::from)
        .or_else(|| config::discover(std::path::Path::new(".")))
    {
        None => Ok(config::Config::default()),
        Some(p) => config::read(&p).map_err(|m| usage_error(lang, &m.ja, &m.en)),
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
