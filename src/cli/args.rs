//! The command line's shape: commands, options and their help (clap derive), and how argument
//! errors and `--help` are said in the user's language.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use super::{attachments, diff, help_ja, init, render};
use crate::diagnostic::Lang;
use crate::model::FormKind;

#[derive(Parser, Debug)]
#[command(
    name = "hyoka",
    version,
    about = "特定個人情報保護評価書を YAML で管理・検査する / privacy impact assessments as YAML"
)]
pub(super) struct Cli {
    /// Message language (default: from LANG, else ja).
    #[arg(long, global = true, value_enum)]
    pub(super) lang: Option<LangArg>,
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum LangArg {
    Ja,
    En,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum CheckFormat {
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
pub(super) enum FormArg {
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
pub(super) enum Command {
    /// Check assessments (files or directories of *.yaml) and report problems with file:line:col.
    Check {
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
    },
    /// List every rule with its code, severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: PlainFormat,
    },
    /// Print the documentation of a rule: why it matters, its basis, wrong and right examples.
    Explain {
        /// The rule's code (e.g. HY0101).
        code: String,
    },
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
        /// Output format.
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
        /// Output format.
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
        /// The form whose items and labels to use.
        #[arg(long, value_enum)]
        form: Option<FormArg>,
        /// Override 提出時期: PATH_OR_ITEM=prior|posterior (repeatable).
        #[arg(long)]
        timing: Vec<String>,
    },
    /// Render the official forms as PDF (or HTML, or the Excel workbook): a file, or every
    /// assessment in a directory.
    Render {
        /// An assessment file, or a folder of them.
        path: PathBuf,
        /// Which form (default: the forms the assessment declares).
        #[arg(long, value_enum)]
        form: Option<render::RenderForm>,
        /// Output format.
        #[arg(long, value_enum, default_value = "pdf")]
        format: render::RenderFormat,
        /// Output file (one form of one file) or directory (default: next to the input).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        #[command(flatten)]
        fonts: render::FontArgs,
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
    /// Show the assessments under PATHs in a browser: the forms with their problems, and their
    /// changes; pages follow the files as they are saved. Local (127.0.0.1) and read-only.
    Serve {
        /// Files or folders of assessments (default: the current folder).
        paths: Vec<PathBuf>,
        /// Port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Open the index in the default browser.
        #[arg(long)]
        open: bool,
        /// A Japanese font file for the PDFs (as `hyoka render --font`).
        #[arg(long)]
        font: Option<PathBuf>,
    },
    /// Import an assessment from the official Excel form (様式2/3/4 workbook: .xlsx, .xlsm, .xls,
    /// .ods) as YAML that `hyoka check` loads.
    Import {
        /// The workbook.
        workbook: PathBuf,
        /// Output YAML file (default: standard output).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// The form in the workbook (default: recognised from its title and labels).
        #[arg(long, value_enum)]
        form: Option<FormArg>,
        /// Put a comment after each value naming its cell (`# 様式２!C14`).
        #[arg(long)]
        annotate: bool,
        /// Write the YAML even when some cells were not placed (they are still listed).
        #[arg(long)]
        allow_unplaced: bool,
    },
    /// Write the documents published beside an assessment: 別紙1 (the flows, a picture and the
    /// numbered steps) and 別紙2 提供先一覧 (from the 別表第二 items it cites).
    Attachments {
        /// An assessment file.
        path: PathBuf,
        /// Output format (csv: 別紙2 only).
        #[arg(long, value_enum, default_value = "pdf")]
        format: attachments::AttachmentFormat,
        /// Output directory (default: next to the input).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        #[command(flatten)]
        fonts: render::FontArgs,
    },
    /// Create a new assessment that passes `hyoka check`, ready to fill in.
    Init {
        /// A new file (`介護保険.yaml`), or a folder to put `assessment.yaml` in.
        dir: PathBuf,
        /// The form (basic 基礎項目 / key 重点項目 / full 全項目).
        #[arg(long, value_enum, default_value = "basic")]
        form: FormArg,
        /// Overwrite an existing assessment.yaml.
        #[arg(long)]
        force: bool,
        /// What to create: an assessment, or a notice of purposes of use (個人情報の利用目的の公表).
        #[arg(long, value_enum, default_value = "assessment")]
        kind: init::InitKind,
    },
}

/// The language for errors found while the arguments themselves are parsed: `--lang` as written,
/// else the locale.
pub(super) fn lang_before_parsing() -> Lang {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
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
/// The commands, as `hyoka --help` lists them: `check, rules, …`.
fn command_names() -> String {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn argument_error_ja(e: &clap::Error) -> String {
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
            "不明なコマンドです: {}（{}）",
            context(ContextKind::InvalidSubcommand),
            command_names()
        ),
        ErrorKind::InvalidValue if !valid.is_empty() => {
            format!("{arg} に `{value}` は指定できません（指定できる値: {valid}）")
        }
        ErrorKind::InvalidValue => format!("{arg} の値 `{value}` が正しくありません"),
        ErrorKind::MissingRequiredArgument => format!("必要な引数がありません: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("コマンドを指定してください（{}）", command_names())
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

/// The arguments parsed, with help and errors in the user's language.
pub(super) fn parse(lang: Lang) -> Result<Cli, clap::Error> {
    match lang {
        Lang::En => Cli::try_parse(),
        Lang::Ja => {
            let args = help_ja::rewrite_help_subcommand(std::env::args_os().collect());
            help_ja::localize(Cli::command())
                .try_get_matches_from(args)
                .and_then(|m| Cli::from_arg_matches(&m))
        }
    }
}
