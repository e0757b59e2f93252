//! The command-line layer: parses arguments, calls the library, prints, picks the exit code.
//! No assessment logic lives here.

mod init;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{self, output};
use crate::diagnostic::Lang;
use crate::load::yaml::Limits;
use crate::model::{schema, FormKind};

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
enum FormatArg {
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
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
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
        Command::Check { paths, format } => run_check(&paths, format, lang),
        Command::Schema { out } => run_schema(&out, lang),
        Command::Init { dir, form, force } => init::run(&dir, form.into(), force, lang),
    }
}

fn run_check(paths: &[PathBuf], format: FormatArg, lang: Lang) -> i32 {
    let report = check::check_paths(paths, &Limits::default());
    let text = match format {
        FormatArg::Json => output::json(&report, lang),
        FormatArg::Human => output::human(
            &report,
            lang,
            output::use_colour(std::io::stdout().is_terminal()),
        ),
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    if !report.general.is_empty() && report.files.is_empty() {
        EXIT_USAGE
    } else if report.summary().errors > 0 {
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
