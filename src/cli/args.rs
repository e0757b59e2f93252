//! The command line's shape: commands, options and their help (clap derive), and how argument
//! errors and `--help` are said in the user's language.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use super::{attachments, check, diff, help_ja, import, init, render, rules, schema, serve};
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
pub(crate) enum RulesFormat {
    Human,
    Json,
    /// The rule table of docs/rules.md.
    Markdown,
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
    Check(check::CheckArgs),
    /// List every rule with its code, severity and summary.
    Rules(rules::RulesArgs),
    /// Print the documentation of a rule: why it matters, its basis, wrong and right examples.
    Explain(rules::ExplainArgs),
    /// Compute the mandatory assessment from 対象人数, 取扱者数 and 重大事故.
    Threshold(rules::ThresholdArgs),
    /// Compare two revisions: the change rows (変更箇所) with 提出時期. A side is a file or
    /// REV:PATH read from git.
    Diff(diff::DiffArgs),
    /// Turn the changes since OLD into 変更箇所 rows; --write appends them to NEW's history.
    History(diff::HistoryArgs),
    /// Render the official forms as PDF (or HTML, or the Excel workbook): a file, or every
    /// assessment in a directory.
    Render(render::RenderArgs),
    /// Write the JSON Schema of the assessment model (assessment.schema.json).
    Schema(schema::SchemaArgs),
    /// Show the assessments under PATHs in a browser: the forms with their problems, and their
    /// changes; pages follow the files as they are saved. Local (127.0.0.1); read-only unless --edit.
    Serve(serve::ServeArgs),
    /// Import an assessment from the official Excel form (様式2/3/4 workbook: .xlsx, .xlsm, .xls,
    /// .ods) as YAML that `hyoka check` loads.
    Import(import::ImportArgs),
    /// Write the documents published beside an assessment: 別紙1 (the flows, a picture and the
    /// numbered steps) and 別紙2 提供先一覧 (from the 別表第二 items it cites).
    Attachments(attachments::AttachmentsArgs),
    /// Create a new assessment that passes `hyoka check`, ready to fill in.
    Init(init::InitArgs),
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
