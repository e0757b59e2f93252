//! The command-line layer: parses arguments, calls the library, prints, picks the exit code.
//! No assessment logic lives here.

mod init;
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
    /// Write the JSON Schema of the assessment model (assessment.schema.json).
    Schema {
        /// Output directory; `-` prints to standard output.
        #[arg(short = 'o', long = "out", default_value = "schemas")]
        out: PathBuf,
    },
    /// Create a new assessment that passes `hyoka check`, ready to fill in.
    Init {
        dir: PathBuf,
        #[arg(long, value_enum, default_value = "basic")]
        form: FormArg,
        /// Overwrite an existing assessment.yaml.
        #[arg(long)]
        force: bool,
    },
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
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
        Command::Schema { out } => run_schema(&out, lang),
        Command::Init { dir, form, force } => init::run(&dir, form.into(), force, lang),
    }
}

fn usage_error(lang: Lang, ja: &str, en: &str) -> i32 {
    eprintln!("hyoka: {}", lang.pick(ja, en));
    EXIT_USAGE
}

fn run_check(
    paths: &[PathBuf],
    format: Option<CheckFormat>,
    strict: bool,
    today: Option<&str>,
    config_path: Option<&std::path::Path>,
    lang: Lang,
) -> i32 {
    let config = match config_path
        .map(PathBuf::from)
        .or_else(|| config::discover(std::path::Path::new(".")))
    {
        None => config::Config::default(),
        Some(p) => match config::read(&p) {
            Ok(c) => c,
            Err(m) => return usage_error(lang, &m.ja, &m.en),
        },
    };
    let mut options = Options::default();
    match config.amendment_cutover() {
        Ok(Some(d)) => options.amendment_cutover = d,
        Ok(None) => {}
        Err(m) => return usage_error(lang, &m.ja, &m.en),
    }
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
    if !report.general.is_empty() && report.files.is_empty() {
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
