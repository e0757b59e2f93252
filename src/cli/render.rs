//! `hyoka render`.

use std::path::{Path, PathBuf};

use super::plan::{self, PlanError};
use super::{CliError, CliResult, Exit};
use crate::check::{self, config::Config};
use crate::diagnostic::{Lang, Severity};
use crate::load;
use crate::model::FormKind;
use crate::render::{self, fonts, pdf::PdfOptions};
use crate::yaml::Limits;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum RenderFormat {
    Pdf,
    Html,
    /// The official workbook (Excel), for `hyoka import` to read back.
    Xlsx,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum RenderForm {
    Basic,
    Key,
    Full,
    All,
}

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// An assessment file, or a folder of them.
    path: PathBuf,
    /// Which form (default: the forms the assessment declares).
    #[arg(long, value_enum)]
    form: Option<RenderForm>,
    /// Output format.
    #[arg(long, value_enum, default_value = "pdf")]
    format: RenderFormat,
    /// Output file (one form of one file) or directory (default: next to the input).
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    #[command(flatten)]
    fonts: FontArgs,
    /// Render even when `hyoka check` finds errors (a draft for review, not for publishing).
    #[arg(long)]
    allow_errors: bool,
}

/// The PDF's settings from the environment: `SOURCE_DATE_EPOCH` dates the file, else no date.
pub(super) fn pdf_options() -> PdfOptions {
    PdfOptions {
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok()),
    }
}

/// What one output of one input is: a form of an assessment, or a notice of purposes of use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Form(FormKind),
    Notice,
}

impl Target {
    /// The output's name between the input's stem and the extension.
    fn name(self) -> &'static str {
        match self {
            Target::Form(f) => f.id(),
            Target::Notice => crate::model::notice::NOTICE_KIND,
        }
    }
}

pub(super) fn load_fonts(
    explicit: Option<PathBuf>,
    typeface: fonts::Typeface,
) -> Result<fonts::Fonts, (&'static str, crate::diagnostic::Message)> {
    let mut choice = fonts::discover(explicit.as_deref()).map_err(|m| (fonts::CODE_NO_FONT, m))?;
    choice.body = typeface;
    fonts::Fonts::load(&choice).map_err(|m| (fonts::CODE_BAD_FONT, m))
}

/// The font file asked for: `--font`, else `HYOKA_FONT`, else hyoka.toml's `[render] font`
/// (none: discover the system's).
pub(super) fn font_setting(flag: Option<PathBuf>, config: &Config) -> Option<PathBuf> {
    flag.or_else(|| std::env::var_os("HYOKA_FONT").map(PathBuf::from))
        .or_else(|| config.render.font.clone())
}

/// `--font` and `--typeface`, for every command that lays a PDF out (render, attachments; history
/// --pages uses the settings alone), so that all of them use the same font.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FontArgs {
    /// A Japanese font file (default: HYOKA_FONT, hyoka.toml `[render] font`, then the
    /// system's IPAex / Noto CJK / MS / Hiragino fonts).
    #[arg(long)]
    pub font: Option<PathBuf>,
    /// The typeface of the body text in the PDF (default: gothic, as the official forms;
    /// hyoka.toml `[render] typeface`).
    #[arg(long, value_enum)]
    pub typeface: Option<fonts::Typeface>,
}

impl FontArgs {
    /// The font file and typeface to use: the flags, else the environment and hyoka.toml.
    pub(super) fn resolve(&self, config: &Config) -> (Option<PathBuf>, fonts::Typeface) {
        let typeface = self.typeface.or(config.render.typeface).unwrap_or_default();
        (font_setting(self.font.clone(), config), typeface)
    }

    /// The fonts, loaded as resolved.
    pub(super) fn load(
        &self,
        config: &Config,
    ) -> Result<fonts::Fonts, (&'static str, crate::diagnostic::Message)> {
        let (font, typeface) = self.resolve(config);
        load_fonts(font, typeface)
    }
}

pub fn run(args: RenderArgs, config: &Config, lang: Lang) -> CliResult {
    let check_options = super::check::options(config)?;
    let (files, problems) = crate::check::collect(std::slice::from_ref(&args.path));
    if let Some(p) = problems.first() {
        return Err(CliError::usage(
            format!("{}: {}", p.file, p.message.ja),
            format!("{}: {}", p.file, p.message.en),
        ));
    }
    let ext = match args.format {
        RenderFormat::Pdf => "pdf",
        RenderFormat::Html => "html",
        RenderFormat::Xlsx => "xlsx",
    };
    let (explicit_font, typeface) = args.fonts.resolve(config);
    // Fonts are parsed on another thread while the assessments load: for a short form, parsing
    // two CJK fonts is most of the run.
    let (loaded, fonts) = std::thread::scope(|s| {
        let fonts = matches!(args.format, RenderFormat::Pdf)
            .then(|| s.spawn(move || load_fonts(explicit_font, typeface)));
        // Each that loads is checked as `hyoka check` would: a form with errors is not one to
        // publish. (loaded, whether it loaded without errors)
        let loaded: Vec<(load::Loaded, bool)> = files
            .iter()
            .map(|f| {
                let mut l = crate::import::open::load(f, &Limits::default());
                let clean = (l.assessment.is_some() || l.notice.is_some()) && !l.has_errors();
                if clean {
                    check::check_loaded(&mut l, &check_options, config);
                    l.place_in_cells();
                }
                (l, clean)
            })
            .collect();
        let fonts = fonts.map(|h| match h.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        (loaded, fonts)
    });
    let fonts = match fonts {
        None => None,
        Some(Ok(f)) => Some(f),
        Some(Err((code, m))) => {
            eprintln!(
                "hyoka: {}[{code}] {}",
                Severity::Error.label(lang),
                m.text(lang)
            );
            return Err(CliError::Said);
        }
    };
    let options = pdf_options();

    // Plan every output before writing any, so that a clash stops the run with nothing written.
    let mut failed = false;
    let mut targets: Vec<(usize, Target)> = Vec::new();
    for (i, (loaded, clean)) in loaded.iter().enumerate() {
        if loaded.notice.is_some() && *clean {
            // A notice of purposes of use: one page, as HTML or PDF.
            super::print_diagnostics(loaded, lang, Severity::Warning);
            if matches!(args.format, RenderFormat::Xlsx) {
                eprintln!(
                    "hyoka: {}: {}",
                    loaded.file,
                    lang.pick(
                        "利用目的の公表は HTML か PDF で出力します（--format html / pdf）",
                        "a notice of purposes of use is written as HTML or PDF (--format html / pdf)"
                    )
                );
                failed = true;
            } else {
                targets.push((i, Target::Notice));
            }
            continue;
        }
        let a = match loaded.assessment.as_ref() {
            Some(a) if *clean => a,
            _ => {
                super::print_load_errors(loaded, lang);
                eprintln!(
                    "hyoka: {}",
                    lang.pick(
                        &format!(
                            "{} を読み込めないため出力しません（hyoka check で確認してください）",
                            loaded.file
                        ),
                        &format!(
                            "{} does not load; not rendered (see hyoka check)",
                            loaded.file
                        )
                    )
                );
                failed = true;
                continue;
            }
        };
        // What `hyoka check` would say, errors and warnings, before anything is written.
        super::print_diagnostics(loaded, lang, Severity::Warning);
        if loaded.has_errors() && !args.allow_errors {
            eprintln!(
                "hyoka: {}",
                lang.pick(
                    &format!(
                        "{} にはエラーがあるため出力しません。直してから出力するか、下書きとして出すなら --allow-errors を付けてください。",
                        loaded.file
                    ),
                    &format!(
                        "{} has errors, so it is not rendered: fix them, or add --allow-errors to render a draft",
                        loaded.file
                    )
                )
            );
            failed = true;
            continue;
        }
        let forms: Vec<FormKind> = match args.form {
            None | Some(RenderForm::All) => a.forms.clone(),
            Some(RenderForm::Basic) => vec![FormKind::Basic],
            Some(RenderForm::Key) => vec![FormKind::Key],
            Some(RenderForm::Full) => vec![FormKind::Full],
        };
        for form in forms {
            if a.forms.contains(&form) {
                targets.push((i, Target::Form(form)));
                continue;
            }
            // Said plainly, rather than as a missing form edition.
            let declared: Vec<&str> = a.forms.iter().map(|f| f.label()).collect();
            eprintln!(
                "hyoka: {}: {}",
                loaded.file,
                lang.pick(
                    &format!(
                        "この評価書は{}を宣言していません（forms に書かれているのは {}）。出力するには forms と editions に加えてください。",
                        form.label(),
                        declared.join("・")
                    ),
                    &format!(
                        "this assessment does not declare the {} ({}); it declares {}. Add it to forms and editions to render it.",
                        form.label(),
                        form.id(),
                        declared.join(", ")
                    )
                )
            );
            failed = true;
        }
    }
    let targets = targets
        .into_iter()
        .map(|(i, what)| (i, what.name(), what))
        .collect();
    let out = args.out.as_deref();
    let plan = plan::plan(&args.path, &files, targets, ext, out, out.is_some_and(Path::is_dir))
        .map_err(|e| match e {
            PlanError::FileForMany { count, out } => CliError::usage(
                format!(
                    "出力が {count} 件あるため、-o には出力先のディレクトリを指定してください（{} は .{ext} のファイル名です）。ディレクトリの中に <入力名>.<様式>.{ext}（例: assessment.basic.{ext}）の名前で書き出します。1 件だけ出すには --form basic などで様式を選んでください。",
                    out.display()
                ),
                format!(
                    "{count} outputs, so -o must name a directory ({} is a .{ext} file name); each is written in it as <input>.<form>.{ext} (e.g. assessment.basic.{ext}). To write one file, choose the form with --form basic etc.",
                    out.display()
                ),
            ),
            PlanError::Clash { first, second, path } => CliError::usage(
                format!(
                    "{} と {} の出力が同じ {} になるため、何も書き出しません。-o に別のディレクトリを指定するか、入力ファイルの名前を変えてください。",
                    files[first].display(),
                    files[second].display(),
                    path.display()
                ),
                format!(
                    "{} and {} would both be written to {}; nothing written. Give -o another directory or rename one input.",
                    files[first].display(),
                    files[second].display(),
                    path.display()
                ),
            ),
        })?;

    let outputs: Vec<&Path> = plan.iter().map(|o| o.path.as_path()).collect();
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    super::refuse_overwriting_inputs(&outputs, &inputs)?;
    for plan::Output {
        input: i,
        what,
        path,
    } in &plan
    {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                CliError::usage(
                    format!("{} を作れません: {e}", dir.display()),
                    format!("cannot create {}: {e}", dir.display()),
                )
            })?;
        }
        let loaded_one = &loaded[*i].0;
        let bytes = match (what, loaded_one.assessment.as_ref(), &loaded_one.notice) {
            (Target::Notice, _, Some(n)) => Ok(match &fonts {
                Some(f) => {
                    let doc = render::notice::document(n);
                    render::pdf::write(&render::layout::layout(&doc, f), f, &options)
                }
                None => render::notice::html(n).into_bytes(),
            }),
            (Target::Form(form), Some(a), _) => match (&fonts, args.format) {
                (Some(f), _) => render::render_pdf(a, *form, f, &options).map(|r| r.bytes),
                (None, RenderFormat::Xlsx) => {
                    render::render_xlsx(a, *form, options.source_date_epoch)
                }
                (None, _) => render::render_html(a, *form).map(String::into_bytes),
            },
            _ => continue,
        };
        match bytes {
            Ok(b) => failed |= !super::write_output(path, &b, lang),
            Err(e) => {
                eprintln!(
                    "hyoka: {}: {}[{}] {}",
                    files[*i].display(),
                    Severity::Error.label(lang),
                    e.code,
                    e.message.text(lang)
                );
                failed = true;
            }
        }
    }
    Ok(if failed { Exit::Findings } else { Exit::Ok })
}
