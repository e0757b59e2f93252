//! The render stage: the official forms as PDF, HTML and xlsx.
//!
//! `model → form tree (build: form definition + cover template) → layout → pdf`, and
//! `form tree → html`. Layout (measuring, 禁則 line breaking, pagination) is ours; printpdf
//! writes the PDF.

pub mod attachments;
pub mod build;
pub mod cover;
pub mod diagram;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod linebreak;
pub mod notice;
pub mod pdf;
pub mod pdf_finish;
pub mod tree;
pub mod xlsx;

use crate::diagnostic::Message;

/// Why a form could not be rendered: a code (HY08xx, in `hyoka rules`) and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub code: &'static str,
    pub message: Message,
}
use crate::model::{Assessment, FormKind};
use fonts::Fonts;
use layout::Laid;

/// A rendered PDF and its layout (for page numbers and checks).
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub laid: Laid,
}

/// Lays one form out without writing it: for page numbers (`hyoka history --pages`).
pub fn layout_form(a: &Assessment, form: FormKind, fonts: &Fonts) -> Result<Laid, RenderError> {
    let measure = |t: &str, s: f32| fonts.mincho.width(t, s);
    Ok(layout::layout(
        &build::build_measured(a, form, &measure)?,
        fonts,
    ))
}

/// Renders one form of an assessment as PDF.
pub fn render_pdf(
    a: &Assessment,
    form: FormKind,
    fonts: &Fonts,
    options: &pdf::PdfOptions,
) -> Result<Rendered, RenderError> {
    let laid = layout_form(a, form, fonts)?;
    let bytes = pdf::write(&laid, fonts, options);
    Ok(Rendered { bytes, laid })
}

/// Renders one form of an assessment as a self-contained HTML page.
pub fn render_html(a: &Assessment, form: FormKind) -> Result<String, RenderError> {
    let doc = build::build(a, form)?;
    Ok(html::write(&doc))
}

/// Renders one form of an assessment as the official workbook (.xlsx). `epoch`
/// (SOURCE_DATE_EPOCH) dates the file; the bytes depend on nothing else.
pub fn render_xlsx(
    a: &Assessment,
    form: FormKind,
    epoch: Option<i64>,
) -> Result<Vec<u8>, RenderError> {
    let doc = build::build(a, form)?;
    let mut printed = std::collections::BTreeSet::new();
    for block in &doc.blocks {
        if let tree::Block::Table(t) = block {
            for r in &t.rows {
                if r.covers.is_empty() {
                    printed.extend(r.path.clone());
                } else {
                    printed.extend(r.covers.iter().cloned());
                }
            }
        }
    }
    // A title the form prints with its own name in it (`…　基礎項目評価書` of an assessment
    // titled for 様式4) is kept as written, for import to give back.
    if a.cover.title_for(form) != a.cover.title {
        printed.remove("/cover/title");
    }
    let model = serde_json::to_value(a).expect("the model serializes");
    let hidden = xlsx::hidden_values(&model, &printed);
    let edition = a.editions.get(form).unwrap_or_default();
    let stamp = crate::model::edition::find(form, edition)
        .map(|e| e.stamp.clone())
        .unwrap_or_default();
    xlsx::write(&doc, &xlsx::sheet_name(&stamp), &hidden, epoch)
}
