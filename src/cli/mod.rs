//! The command-line layer: parses arguments, calls the library, prints, picks the exit code.
//! No assessment logic lives here.

mod diff;
mod init;
mod render;
mod rules;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{self, config, output, rule::Options};
use crate::diagnostic::Lang;
use crate::load::yaml::Limits;
use crate::model::{schema, Date, FormKind};

/// Exit codes shared by every command.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "hyoka",
    version,
    about = "特定個人情報保護評価書を YAML で管理・検査する / privacy impact assessments as YAML"
)]
struct Cli {
    /// Message language (default: from LANG, else ja).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum PlainFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormArg {
    Basic,
    Key,
    Full,
}

impl From<FormArg> for FormKind {
    fn from(f: FormArg) -> FormKind {
        match f {
            FormArg::Basic => FormKind::Basic,
            FormArg::Key => FormKind::Key,
            FormArg::Full => FormKind::Full,
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check assessments (files or directories of *.yaml) and report problems with file:line:col.
    Check {
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
    },
    /// List every rule with its code, severity and summary.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: PlainFormat,
    },
    /// Print the documentation of a rule: why it matters, its basis, wrong and right examples.
    Explain { code: String },
    /// Compute the mandatory assessment from 対象人数, 取扱者数 and 重大事故.
    Threshold {
        /// 対象人数: a count (12345) or a band id (10k_to_100k).
        #[arg(long)]
        people: String,
        /// 取扱者数: a count (120) or a band id (under_500, 500_or_more).
        #[arg(long)]
        handlers: String,
        /// 重大事故 within the past year: yes or no.
        #[arg(long)]
        incident: String,
        #[arg(long, value_enum, default_value = "human")]
        format: PlainFormat,
    },
    /// Compare two revisions: the change rows (変更箇所) with 提出時期. A side is a file or
    /// REV:PATH read from git.
    Diff {
        /// The old revision (file or REV:PATH).
        old: Option<String>,
        /// The new revision (file or REV:PATH).
        new: Option<String>,
        /// Shorthand: `--git REV PATH` compares REV:PATH with the working-tree PATH.
        #[arg(long, num_args = 2, value_names = ["REV", "PATH"])]
        git: Option<Vec<String>>,
        #[arg(long, value_enum, default_value = "table")]
        format: diff::DiffFormat,
        /// The form whose items and labels to use (default: the fullest form of NEW).
        #[arg(long, value_enum)]
        form: Option<FormArg>,
        /// Column order of the HTML 新旧対照表.
        #[arg(long, value_enum, default_value = "old-new")]
        columns: diff::ColumnsArg,
        /// Exit 1 when there are changes (0 none, 2 error).
        #[arg(long)]
        exit_code: bool,
        /// Override 提出時期: PATH_OR_ITEM=prior|posterior (repeatable).
        #[arg(long)]
        timing: Vec<String>,
        /// Write to a file instead of standard output.
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// 変更日 for --format csv (和暦 or ISO; default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Turn the changes since OLD into 変更箇所 rows; --write appends them to NEW's history.
    History {
        /// The new revision (a file, to --write into).
        new: String,
        /// The old revision (file or REV:PATH).
        #[arg(long)]
        against: String,
        /// 変更日 of the rows (和暦 or ISO; default: today).
        #[arg(long)]
        date: Option<String>,
        /// Append the rows to NEW's history (the rest of the file is left as it is).
        #[arg(long)]
        write: bool,
        /// Print the 変更または追記した箇所 | ページ | 事由等 list instead.
        #[arg(long)]
        pages: bool,
        /// With --write, also set 公表日 (cover.published) to this date.
        #[arg(long)]
        published: Option<String>,
        /// 事由等 for the --pages list (e.g. システム刷新による記載変更).
        #[arg(long)]
        cause: Option<String>,
        #[arg(long, value_enum)]
        form: Option<FormArg>,
        /// Override 提出時期: PATH_OR_ITEM=prior|posterior (repeatable).
        #[arg(long)]
        timing: Vec<String>,
    },
    /// Render the official forms as PDF (or HTML): a file, or every assessment in a directory.
    Render {
        path: PathBuf,
        /// Which form (default: the forms the assessment declares).
        #[arg(long, value_enum)]
        form: Option<render::RenderForm>,
        #[arg(long, value_enum, default_value = "pdf")]
        format: render::RenderFormat,
        /// Output file (one form of one file) or directory (default: next to the input).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// A Japanese font file (default: HYOKA_FONT, hyoka.toml `[render] font`, then the
        /// system's IPAex / Noto CJK / MS / Hiragino fonts).
        #[arg(long)]
        font: Option<PathBuf>,
        /// Render even when `hyoka check` finds errors (a draft for review, not for publishing).
        #[arg(long)]
        allow_errors: bool,
    },
    /// Write the JSON Schema of the assessment model (assessment.schema.json).
    Schema {
        /// Output directory; `-` prints to standard output.
        #[arg(short = 'o', long = "out", default_value = "schemas")]
        out: PathBuf,
    },
    /// Create a new assessment that passes `hyoka check`, ready to fill in.
    Init {
        /// A new file (`介護保険.yaml`), or a folder to put `assessment.yaml` in.
        dir: PathBuf,
        #[arg(long, value_enum, default_value = "basic")]
        form: FormArg,
        /// Overwrite an existing assessment.yaml.
        #[arg(long)]
        force: bool,
    },
}

/// The language for errors found while the arguments themselves are parsed: `--lang` as written,
/// else the locale.
fn lang_before_parsing() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    for (i, a) in args.iter().enumerate() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if a == "--lang" => args.get(i + 1).map(String::as_str),
            None => None,
        };
        match value {
            Some("en") => return Lang::En,
            Some("ja") => return Lang::Ja,
            _ => {}
        }
    }
    Lang::from_env()
}

/// clap's argument errors, said in Japanese: what is wrong, with what was typed, and where the
/// usage is. (clap's own messages are English only.)
fn argument_error_ja(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let valid = context(ContextKind::ValidValue);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("不明なオプション・引数です: {arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "不明なコマンドです: {}（check, diff, history, render, init, rules, explain, threshold, schema）",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if !valid.is_empty() => {
            format!("{arg} に `{value}` は指定できません（指定できる値: {valid}）")
        }
        ErrorKind::InvalidValue => format!("{arg} の値 `{value}` が正しくありません"),
        ErrorKind::MissingRequiredArgument => format!("必要な引数がありません: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "コマンドを指定してください（check, diff, history, render, init, rules, explain, threshold, schema）".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} は {} と一緒には指定できません",
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} の値の数が正しくありません")
        }
        _ => "引数の指定に誤りがあります".to_string(),
    };
    format!("hyoka: エラー: {what}\n使い方は `hyoka --help`（コマンドごとに `hyoka render --help` など）で確認できます。")
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
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
        } => diff::history(
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
            lang,
        ),
        Command::Render {
            path,
            form,
            format,
            out,
            font,
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
                    font,
                    allow_errors,
                },
                &config,
                lang,
            )
        }
        Command::Schema { out } => run_schema(&out, lang),
        Command::Init { dir, form, force } => init::run(&dir, form.into(), force, lang),
    }
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
    let path = out.join("assessment.schema.json");
    match std::fs::create_dir_all(out).and_then(|_| write_atomically(&path, text.as_bytes())) {
        Ok(()) => {
            eprintln!(
                "{} {}",
                lang.pick("書き出しました:", "wrote"),
                path.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!(
                "{}: {}: {e}",
                lang.pick("書き出せません", "cannot write"),
                path.display()
            );
            EXIT_USAGE
        }
    }
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
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
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
