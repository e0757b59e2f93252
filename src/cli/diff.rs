//! `hyoka diff` and `hyoka history`.

use std::io::Write;
use std::path::Path;

use super::args::FormArg;
use super::{write_atomically, CliError, CliResult, Exit};
use crate::diagnostic::{Lang, Severity};
use crate::diff::{self, history, output, source, Change, DiffOptions};
use crate::load::Loaded;
use crate::model::{Date, FormKind, Timing};
use crate::yaml::Limits;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum DiffFormat {
    Table,
    Markdown,
    Csv,
    Json,
    Html,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ColumnsArg {
    OldNew,
    NewOld,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The old revision (file or REV:PATH).
    old: Option<String>,
    /// The new revision (file or REV:PATH).
    new: Option<String>,
    /// Shorthand: `--git REV PATH` compares REV:PATH with the working-tree PATH.
    #[arg(long, num_args = 2, value_names = ["REV", "PATH"])]
    git: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: DiffFormat,
    /// The form whose items and labels to use (default: the fullest form of NEW).
    #[arg(long, value_enum)]
    form: Option<FormArg>,
    /// Column order of the HTML 新旧対照表.
    #[arg(long, value_enum, default_value = "old-new")]
    columns: ColumnsArg,
    /// Exit 1 when there are changes (0 none, 2 error).
    #[arg(long)]
    exit_code: bool,
    /// Override 提出時期: PATH_OR_ITEM=prior|posterior (repeatable).
    #[arg(long)]
    timing: Vec<String>,
    #[command(flatten)]
    when: WhenArgs,
    /// Write to a file instead of standard output.
    #[arg(short = 'o', long = "out")]
    out: Option<std::path::PathBuf>,
    /// 変更日 for --format csv (和暦 or ISO; default: today).
    #[arg(long)]
    date: Option<String>,
}

/// Says a usage error now, for a side whose load errors are printed with it (both sides'
/// problems are shown, in order, before the command stops).
fn said(lang: Lang, ja: &str, en: &str) -> CliError {
    eprintln!("hyoka: {}", lang.pick(ja, en));
    CliError::Said
}

/// One side of a comparison: a file (a workbook is imported in memory) or `REV:PATH`.
fn load_side(spec: &str, lang: Lang) -> Result<Loaded, CliError> {
    let path = std::path::Path::new(spec);
    let loaded = if path.exists() && crate::import::open::is_workbook(path) {
        crate::import::open::load(path, &Limits::default())
    } else {
        source::load_revision(spec, &Limits::default()).map_err(|m| said(lang, &m.ja, &m.en))?
    };
    if (loaded.assessment.is_none() && loaded.notice.is_none())
        || loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    {
        super::print_load_errors(&loaded, lang);
        return Err(said(
            lang,
            &format!("{spec} を読み込めないため比較できません（hyoka check で確認してください）"),
            &format!("{spec} does not load, so it cannot be compared (see hyoka check)"),
        ));
    }
    Ok(loaded)
}

fn parse_timing(specs: &[String]) -> Result<Vec<(String, Timing)>, CliError> {
    // A model path that is not in the model (`/departmnt`) would silently change nothing.
    if let Some(bad) = specs
        .iter()
        .filter_map(|s| s.rsplit_once('=').map(|(p, _)| p))
        .find(|p| p.starts_with('/') && crate::model::text::schema_at(p).is_none())
    {
        return Err(CliError::usage(
            format!("--timing のパス {bad} はモデルにありません（例: /department、/files/0/use）"),
            format!("--timing: {bad} is not a path in the model (e.g. /department, /files/0/use)"),
        ));
    }
    specs
        .iter()
        .map(|s| {
            let (pat, t) = s.rsplit_once('=').ok_or(())?;
            Ok((pat.to_string(), Timing::from_written(t).ok_or(())?))
        })
        .collect::<Result<_, ()>>()
        .map_err(|_| {
            CliError::usage(
                "--timing は PATH=prior（事前）か PATH=posterior（事後）の形で指定してください",
                "--timing takes PATH=prior or PATH=posterior (事前 / 事後)",
            )
        })
}

fn compute(old: &Loaded, new: &Loaded, options: DiffOptions) -> Result<Vec<Change>, CliError> {
    match (&old.notice, &new.notice) {
        (Some(o), Some(n)) => return Ok(diff::diff_notices(o, n)),
        (None, None) => {}
        _ => {
            return Err(CliError::usage(
                "評価書と利用目的の公表は比較できません（同じ種類の文書を渡してください）",
                "an assessment and a notice of purposes of use cannot be compared: give two of the same kind",
            ))
        }
    }
    diff::diff(
        old.assessment.as_ref().expect("checked"),
        new.assessment.as_ref().expect("checked"),
        &options,
    )
    .map_err(|e| CliError::from(e.message()))
}

fn emit(text: &str, out: Option<&std::path::Path>) -> Result<(), CliError> {
    match out {
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            Ok(())
        }
        Some(p) => write_atomically(p, text.as_bytes()).map_err(|e| {
            CliError::usage(
                format!("{} に書き出せません: {e}", p.display()),
                format!("cannot write {}: {e}", p.display()),
            )
        }),
    }
}

pub fn run(args: DiffArgs, lang: Lang) -> CliResult {
    let date = parse_date(args.date.as_deref())?;
    let (old, new) = match (args.git, args.old, args.new) {
        (Some(g), None, None) => (format!("{}:{}", g[0], g[1]), g[1].clone()),
        (None, Some(o), Some(n)) => (o, n),
        _ => {
            return Err(CliError::usage(
                "OLD と NEW、または --git REV PATH を指定してください",
                "give OLD and NEW, or --git REV PATH",
            ))
        }
    };
    if let Some(out) = args.out.as_deref() {
        // A side written REV:PATH is read from git, not from a file: it names no file here.
        super::refuse_overwriting_inputs(&[out], &[Path::new(&old), Path::new(&new)])?;
    }
    let timing = parse_timing(&args.timing)?;
    // Both sides are read, so that the problems of each are shown in one run.
    let (old, new) = (load_side(&old, lang), load_side(&new, lang));
    let (old, new) = (old?, new?);
    let options = DiffOptions {
        form: args.form.map(FormKind::from),
        timing,
        effective: args.when.effective()?,
        changed_on: Some(date.clone()),
        detail: args.when.detail,
    };
    let changes = compute(&old, &new, options)?;
    let title = match (&new.assessment, &new.notice) {
        (Some(a), _) => a.cover.title.clone(),
        (None, Some(n)) => n.title.clone(),
        (None, None) => String::new(),
    };
    let title = &title;
    let text = match args.format {
        DiffFormat::Table => output::table(&changes, lang),
        DiffFormat::Markdown => output::markdown(&changes, lang),
        DiffFormat::Csv => output::csv(&changes, &date),
        DiffFormat::Json => output::json(&changes),
        DiffFormat::Html => output::html(
            &changes,
            title,
            match args.columns {
                ColumnsArg::OldNew => output::Columns::OldNew,
                ColumnsArg::NewOld => output::Columns::NewOld,
            },
        ),
    };
    emit(&text, args.out.as_deref())?;
    Ok(if args.exit_code && !changes.is_empty() {
        Exit::Findings
    } else {
        Exit::Ok
    })
}

#[derive(clap::Args, Debug)]
pub struct HistoryArgs {
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
    #[command(flatten)]
    when: WhenArgs,
}

/// When the changes take effect, and how finely the rows are cut: shared by diff and history.
#[derive(clap::Args, Debug)]
pub struct WhenArgs {
    /// The day the changes take effect (実施日): a change published before it is 事前, after it
    /// 事後 (facts of the present such as 担当部署 are always 事後).
    #[arg(long)]
    effective: Option<String>,
    /// One row per changed value, instead of the rows as published tables group them.
    #[arg(long)]
    detail: bool,
}

impl WhenArgs {
    fn effective(&self) -> Result<Option<Date>, CliError> {
        self.effective
            .as_deref()
            .map(|e| date_option("--effective", e))
            .transpose()
    }
}

/// `--date`: 和暦 or ISO, today (in Japan) when not given.
fn parse_date(arg: Option<&str>) -> Result<Date, CliError> {
    arg.map_or(Ok(Date::today()), |a| date_option("--date", a))
}

/// A date option's value, or the usage error that names the option.
fn date_option(flag: &str, value: &str) -> Result<Date, CliError> {
    Date::parse(value).map_err(|_| {
        CliError::usage(
            format!("{flag} の日付が読めません（例: 令和7年4月1日、2025-04-01）"),
            format!("{flag} is not a date (e.g. 令和7年4月1日, 2025-04-01)"),
        )
    })
}

pub fn history(args: HistoryArgs, config: &crate::check::config::Config, lang: Lang) -> CliResult {
    let date = parse_date(args.date.as_deref())?;
    let timing = parse_timing(&args.timing)?;
    let form = args.form.map(FormKind::from);
    let (old, new) = (load_side(&args.against, lang), load_side(&args.new, lang));
    let (old, new) = (old?, new?);
    if new.assessment.is_none() {
        // A notice has no 変更箇所 of its own: `hyoka diff` lists its changes.
        return Err(CliError::usage(
            "利用目的の公表には変更箇所がありません。変更は hyoka diff で一覧にできます",
            "a notice of purposes of use has no change table; list its changes with hyoka diff",
        ));
    }
    let options = DiffOptions {
        form,
        timing,
        effective: args.when.effective()?,
        changed_on: Some(date.clone()),
        detail: args.when.detail,
    };
    let changes = compute(&old, &new, options)?;
    if args.pages {
        // Pages come from laying out NEW's form with the font and typeface `hyoka render` would
        // use (HYOKA_FONT, hyoka.toml's [render]), so the numbers match the PDF that is published.
        // Without a Japanese font the column stays empty.
        let a = new.assessment.as_ref().expect("checked");
        let form = form.unwrap_or_else(|| diff::main_form(a));
        let laid = super::render::FontArgs::default()
            .load(config)
            .map_err(|(_, m)| m)
            .and_then(|fonts| crate::render::layout_form(a, form, &fonts).map_err(|e| e.message));
        let text = match &laid {
            Ok(l) => history::pages_table(&changes, args.cause.as_deref(), &|p| l.page_of(p)),
            Err(m) => {
                eprintln!("hyoka: {}", m.text(lang));
                history::pages_table(&changes, args.cause.as_deref(), &|_| None)
            }
        };
        let _ = std::io::stdout().write_all(text.as_bytes());
        return Ok(Exit::Ok);
    }
    if !args.write {
        let _ = std::io::stdout().write_all(history::rows_yaml(&changes, &date, 0).as_bytes());
        return Ok(Exit::Ok);
    }
    let published = args
        .published
        .as_deref()
        .map(|p| date_option("--published", p))
        .transpose()?;
    let found = changes.len();
    let changes = history::unrecorded(new.assessment.as_ref().expect("checked"), &changes);
    let recorded = found - changes.len();
    if recorded > 0 {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja =>
                    format!("{recorded} 件の変更は既に変更箇所に記録されているため、追記しません。"),
                Lang::En => format!("{recorded} change(s) already in history: not appended again"),
            }
        );
    }
    if changes.is_empty() && published.is_none() {
        if recorded == 0 {
            eprintln!(
                "{}",
                lang.pick(
                    "変更がないため、追記する行はありません。",
                    "no changes: nothing to append"
                )
            );
        }
        return Ok(Exit::Ok);
    }
    let path = std::path::Path::new(&args.new);
    if !path.is_file() {
        return Err(CliError::usage(
            "--write は作業ツリーのファイルにのみ使えます",
            "--write needs NEW to be a file in the working tree",
        ));
    }
    let new_source = new.source.clone();
    // 公表日 first, on the file as it is; then the rows, on that text; then the file's own line
    // endings for the new lines.
    let result = match &published {
        None => Ok(new),
        Some(d) => history::set_published(&new, d),
    }
    .and_then(|base| {
        if changes.is_empty() {
            Ok(base.source.clone())
        } else {
            history::append(&base, &changes, &date)
        }
    })
    .map(|text| crate::yaml::write::match_line_endings(&new_source, text));
    match result {
        Ok(text) => match write_atomically(path, text.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Ja => format!(
                            "{} に変更箇所を {} 行追記しました。{}",
                            path.display(),
                            changes.len(),
                            published.as_ref().map_or(String::new(), |d| format!(
                                "公表日を{}にしました。",
                                d.wareki()
                            ))
                        ),
                        Lang::En => format!(
                            "appended {} history row(s) to {}{}",
                            changes.len(),
                            path.display(),
                            published.as_ref().map_or(String::new(), |d| format!(
                                "; 公表日 set to {}",
                                d.wareki()
                            ))
                        ),
                    }
                );
                Ok(Exit::Ok)
            }
            Err(e) => Err(CliError::usage(
                format!("書き込めません: {e}"),
                format!("cannot write: {e}"),
            )),
        },
        Err(m) => Err(CliError::from(m)),
    }
}
