//! `hyoka diff` and `hyoka history`.

use std::io::Write;

use super::{usage_error, write_atomically, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::{Lang, Severity};
use crate::diff::{self, history, output, source, Change, DiffOptions};
use crate::load::{yaml::Limits, Loaded};
use crate::model::{Date, FormKind, Timing};

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

pub struct DiffArgs {
    pub old: String,
    pub new: String,
    pub format: DiffFormat,
    pub form: Option<FormKind>,
    pub columns: ColumnsArg,
    pub exit_code: bool,
    pub timing: Vec<String>,
    pub out: Option<std::path::PathBuf>,
    /// 変更日 of the CSV's rows.
    pub date: Date,
}

fn load_side(spec: &str, lang: Lang) -> Result<Loaded, i32> {
    let loaded = source::load_revision(spec, &Limits::default())
        .map_err(|m| usage_error(lang, &m.ja, &m.en))?;
    if (loaded.assessment.is_none() && loaded.notice.is_none())
        || loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    {
        super::print_load_errors(&loaded, lang);
        return Err(usage_error(
            lang,
            &format!("{spec} を読み込めないため比較できません（hyoka check で確認してください）"),
            &format!("{spec} does not load, so it cannot be compared (see hyoka check)"),
        ));
    }
    Ok(loaded)
}

fn parse_timing(specs: &[String], lang: Lang) -> Result<Vec<(String, Timing)>, i32> {
    // A model path that is not in the model (`/departmnt`) would silently change nothing.
    if let Some(bad) = specs
        .iter()
        .filter_map(|s| s.rsplit_once('=').map(|(p, _)| p))
        .find(|p| p.starts_with('/') && crate::model::text::schema_at(p).is_none())
    {
        return Err(usage_error(
            lang,
            &format!("--timing のパス {bad} はモデルにありません（例: /department、/files/0/use）"),
            &format!("--timing: {bad} is not a path in the model (e.g. /department, /files/0/use)"),
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
            usage_error(
                lang,
                "--timing は PATH=prior（事前）か PATH=posterior（事後）の形で指定してください",
                "--timing takes PATH=prior or PATH=posterior (事前 / 事後)",
            )
        })
}

fn compute(
    old: &Loaded,
    new: &Loaded,
    form: Option<FormKind>,
    timing: Vec<(String, Timing)>,
    lang: Lang,
) -> Result<Vec<Change>, i32> {
    match (&old.notice, &new.notice) {
        (Some(o), Some(n)) => return Ok(diff::diff_notices(o, n)),
        (None, None) => {}
        _ => {
            return Err(usage_error(
                lang,
                "評価書と利用目的の公表は比較できません（同じ種類の文書を渡してください）",
                "an assessment and a notice of purposes of use cannot be compared: give two of the same kind",
            ))
        }
    }
    let options = DiffOptions { form, timing };
    diff::diff(
        old.assessment.as_ref().expect("checked"),
        new.assessment.as_ref().expect("checked"),
        &options,
    )
    .map_err(|e| {
        let m = e.message();
        usage_error(lang, &m.ja, &m.en)
    })
}

fn emit(text: &str, out: Option<&std::path::Path>, lang: Lang) -> i32 {
    match out {
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            EXIT_OK
        }
        Some(p) => match write_atomically(p, text.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(e) => usage_error(
                lang,
                &format!("{} に書き出せません: {e}", p.display()),
                &format!("cannot write {}: {e}", p.display()),
            ),
        },
    }
}

pub fn run(args: DiffArgs, lang: Lang) -> i32 {
    let timing = match parse_timing(&args.timing, lang) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let (old, new) = match (load_side(&args.old, lang), load_side(&args.new, lang)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    let changes = match compute(&old, &new, args.form, timing, lang) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let title = match (&new.assessment, &new.notice) {
        (Some(a), _) => a.cover.title.clone(),
        (None, Some(n)) => n.title.clone(),
        (None, None) => String::new(),
    };
    let title = &title;
    let text = match args.format {
        DiffFormat::Table => output::table(&changes, lang),
        DiffFormat::Markdown => output::markdown(&changes, lang),
        DiffFormat::Csv => output::csv(&changes, &args.date),
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
    let code = emit(&text, args.out.as_deref(), lang);
    if code != EXIT_OK {
        return code;
    }
    if args.exit_code && !changes.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

pub struct HistoryArgs {
    pub new: String,
    pub against: String,
    pub date: Option<String>,
    pub write: bool,
    pub pages: bool,
    pub cause: Option<String>,
    pub form: Option<FormKind>,
    pub timing: Vec<String>,
    /// With --write: also set 公表日 (cover.published) to this date.
    pub published: Option<String>,
}

/// `--date`: 和暦 or ISO, today (in Japan) when not given.
pub fn parse_date(arg: Option<&str>, lang: Lang) -> Result<Date, i32> {
    arg.map_or(Ok(Date::today()), |a| date_option("--date", a, lang))
}

/// A date option's value, or the usage error that names the option.
fn date_option(flag: &str, value: &str, lang: Lang) -> Result<Date, i32> {
    Date::parse(value).map_err(|_| {
        usage_error(
            lang,
            &format!("{flag} の日付が読めません（例: 令和7年4月1日、2025-04-01）"),
            &format!("{flag} is not a date (e.g. 令和7年4月1日, 2025-04-01)"),
        )
    })
}

pub fn history(args: HistoryArgs, config: &crate::check::config::Config, lang: Lang) -> i32 {
    let date = match parse_date(args.date.as_deref(), lang) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let timing = match parse_timing(&args.timing, lang) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let (old, new) = match (load_side(&args.against, lang), load_side(&args.new, lang)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    if new.assessment.is_none() {
        // A notice has no 変更箇所 of its own: `hyoka diff` lists its changes.
        return usage_error(
            lang,
            "利用目的の公表には変更箇所がありません。変更は hyoka diff で一覧にできます",
            "a notice of purposes of use has no change table; list its changes with hyoka diff",
        );
    }
    let changes = match compute(&old, &new, args.form, timing, lang) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if args.pages {
        // Pages come from laying out NEW's form with the font and typeface `hyoka render` would
        // use (HYOKA_FONT, hyoka.toml's [render]), so the numbers match the PDF that is published.
        // Without a Japanese font the column stays empty.
        let a = new.assessment.as_ref().expect("checked");
        let form = args.form.unwrap_or_else(|| diff::main_form(a));
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
        return EXIT_OK;
    }
    if !args.write {
        let _ = std::io::stdout().write_all(history::rows_yaml(&changes, &date, 0).as_bytes());
        return EXIT_OK;
    }
    let published = match args
        .published
        .as_deref()
        .map(|p| date_option("--published", p, lang))
        .transpose()
    {
        Ok(p) => p,
        Err(code) => return code,
    };
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
        return EXIT_OK;
    }
    let path = std::path::Path::new(&args.new);
    if !path.is_file() {
        return usage_error(
            lang,
            "--write は作業ツリーのファイルにのみ使えます",
            "--write needs NEW to be a file in the working tree",
        );
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
    .map(|text| history::match_line_endings(&new_source, text));
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
                EXIT_OK
            }
            Err(e) => usage_error(
                lang,
                &format!("書き込めません: {e}"),
                &format!("cannot write: {e}"),
            ),
        },
        Err(m) => {
            eprintln!("hyoka: {}", m.text(lang));
            EXIT_USAGE
        }
    }
}
