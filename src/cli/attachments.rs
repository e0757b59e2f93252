//! `hyoka attachments`: 別紙1 and 別紙2 of one assessment, written beside it (or into `-o DIR`)
//! as `<stem>.flows.<ext>` and `<stem>.recipients.<ext>`; cited items hyoka has no words for
//! are warned about (HY0806), never invented.

use std::path::{Path, PathBuf};

use super::render::{pdf_options, FontArgs};
use super::{write_atomically, CliError, CliResult, Exit};
use crate::check::config::Config;
use crate::diagnostic::{Lang, Severity};
use crate::load;
use crate::render::{attachments, html, layout, pdf};
use crate::yaml::Limits;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AttachmentFormat {
    Pdf,
    Html,
    /// 別紙2 only, for a spreadsheet.
    Csv,
}

#[derive(clap::Args, Debug)]
pub struct AttachmentsArgs {
    /// An assessment file.
    path: PathBuf,
    /// Output format (csv: 別紙2 only).
    #[arg(long, value_enum, default_value = "pdf")]
    format: AttachmentFormat,
    /// Output directory (default: next to the input).
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    #[command(flatten)]
    fonts: FontArgs,
}

pub fn run(args: AttachmentsArgs, config: &Config, lang: Lang) -> CliResult {
    let loaded = load::load_path(&args.path, &Limits::default());
    let Some(a) = loaded.assessment.as_ref().filter(|_| !loaded.has_errors()) else {
        for d in &loaded.diagnostics {
            eprintln!("{}: {}", d.location(), d.message.text(lang));
        }
        return Ok(Exit::Findings);
    };
    let cutover = match config.amendment_cutover() {
        Ok(c) => c.unwrap_or_else(crate::check::citations::default_cutover),
        Err(m) => return Err(CliError::from(m)),
    };
    let fonts = match args.format {
        AttachmentFormat::Pdf => match args.fonts.load(config) {
            Ok(f) => Some(f),
            Err((code, m)) => {
                eprintln!(
                    "hyoka: {}[{code}] {}",
                    Severity::Error.label(lang),
                    m.text(lang)
                );
                return Ok(Exit::Findings);
            }
        },
        _ => None,
    };
    let dir = args.out.clone().unwrap_or_else(|| {
        args.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    });
    let stem = args
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    let ext = match args.format {
        AttachmentFormat::Pdf => "pdf",
        AttachmentFormat::Html => "html",
        AttachmentFormat::Csv => "csv",
    };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();

    let recipients = attachments::recipients(a, &cutover);
    if let Some(r) = &recipients {
        for n in &r.missing {
            let pos = loaded.pos_of("/linkage/basis");
            eprintln!(
                "{}:{}:{}: {}[{}] {}",
                loaded.file,
                pos.line,
                pos.column,
                Severity::Warning.label(lang),
                attachments::CODE_ITEM_NOT_IN_TABLE,
                lang.pick(
                    &format!("{n}の項は hyoka の表（templates/provision_tables.yaml）にないため、別紙2 に行を作りません。表に情報照会者・事務・情報を加えてください"),
                    &format!("item {n} is not in hyoka's table (templates/provision_tables.yaml): 別紙2 has no row for it; add its querier, affair and information there"),
                )
            );
        }
        let doc = attachments::recipients_document(a, r);
        let bytes = match (args.format, &fonts) {
            (AttachmentFormat::Csv, _) => match attachments::recipients_csv(r) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("hyoka: {e}");
                    return Ok(Exit::Findings);
                }
            },
            (AttachmentFormat::Html, _) => html::write(&doc).into_bytes(),
            (AttachmentFormat::Pdf, Some(f)) => {
                pdf::write(&layout::layout(&doc, f), f, &pdf_options())
            }
            (AttachmentFormat::Pdf, None) => unreachable!("fonts are loaded for PDF"),
        };
        outputs.push((dir.join(format!("{stem}.recipients.{ext}")), bytes));
    }

    if args.format != AttachmentFormat::Csv {
        let width = layout::content_width();
        let doc = match &fonts {
            Some(f) => attachments::flows_document(a, width, &|t, s| f.mincho.width(t, s)),
            None => attachments::flows_document(a, width, &attachments::estimated_width),
        };
        if let Some(doc) = doc {
            let bytes = match &fonts {
                Some(f) => pdf::write(&layout::layout(&doc, f), f, &pdf_options()),
                None => html::write(&doc).into_bytes(),
            };
            outputs.push((dir.join(format!("{stem}.flows.{ext}")), bytes));
        }
    }

    if outputs.is_empty() {
        eprintln!(
            "hyoka: {}",
            lang.pick(
                "別紙にするものがありません（flows も、情報連携の法令上の根拠に情報提供の項番もありません）",
                "nothing to attach: no flows, and no items cited as 情報提供の根拠 in linkage.basis",
            )
        );
        return Ok(Exit::Findings);
    }
    let paths: Vec<&Path> = outputs.iter().map(|(p, _)| p.as_path()).collect();
    super::refuse_overwriting_inputs(&paths, &[args.path.as_path()])?;
    // `-o NEWDIR` is made, as render makes its output folder.
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(&dir).map_err(|e| {
            CliError::usage(
                format!("{} を作れません: {e}", dir.display()),
                format!("cannot create {}: {e}", dir.display()),
            )
        })?;
    }
    for (path, bytes) in outputs {
        if let Err(e) = write_atomically(&path, &bytes) {
            eprintln!("hyoka: {}: {e}", path.display());
            return Ok(Exit::Findings);
        }
        eprintln!(
            "{} {}",
            lang.pick("書き出しました", "wrote"),
            path.display()
        );
    }
    Ok(Exit::Ok)
}
