//! Laid-out pages → PDF bytes (printpdf): embedded, subset fonts with ToUnicode (selectable and
//! searchable text), vector tick boxes and brackets, an outline, title and author metadata.
//!
//! Output is deterministic: fixed resource ids, no timestamps unless `SOURCE_DATE_EPOCH` is set,
//! and the trailer `/ID` derived from the content rather than from a counter.

use printpdf::{
    Codepoint, Color, DateTime, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem,
    WindingOrder,
};

use std::collections::{BTreeMap, BTreeSet};

use super::fonts::Fonts;
use super::layout::{Item, Laid, Rect, PAGE_H};
use super::pdf_finish;

/// What to put in the PDF's metadata besides the document's own title and author.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Seconds since 1970 for the creation and modification dates (`SOURCE_DATE_EPOCH`);
    /// `None` writes no dates, so that the same input gives the same bytes.
    pub source_date_epoch: Option<i64>,
}

fn pt(x: f32) -> Pt {
    Pt(x)
}

/// A point from layout coordinates (top-left origin) to PDF (bottom-left).
fn p(x: f32, y: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(PAGE_H - y),
    }
}

fn line(points: &[(f32, f32)], closed: bool) -> Op {
    Op::DrawLine {
        line: Line {
            points: points
                .iter()
                .map(|(x, y)| LinePoint {
                    p: p(*x, *y),
                    bezier: false,
                })
                .collect(),
            is_closed: closed,
        },
    }
}

fn gray(v: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: v,
        icc_profile: None,
    })
}

fn rect_fill(r: &Rect) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing {
                points: [
                    (r.x, r.y),
                    (r.x + r.w, r.y),
                    (r.x + r.w, r.y + r.h),
                    (r.x, r.y + r.h),
                ]
                .iter()
                .map(|(x, y)| LinePoint {
                    p: p(*x, *y),
                    bezier: false,
                })
                .collect(),
            }],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    }
}

/// The drawing operations of one page. `used` gathers the glyph ids each font draws: what its
/// subset holds, from which its subset tag is derived.
fn page_ops(
    items: &[Item],
    fonts: &Fonts,
    mincho: &FontId,
    gothic: &FontId,
    used: &mut BTreeMap<FontId, BTreeSet<u16>>,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 4);
    // Fills first, so that borders and text are drawn over them.
    for item in items {
        if let Item::Fill { rect, gray: g } = item {
            ops.push(Op::SetFillColor { col: gray(*g) });
            ops.push(rect_fill(rect));
        }
    }
    ops.push(Op::SetOutlineColor { col: gray(0.0) });
    ops.push(Op::SetFillColor { col: gray(0.0) });
    let mut thickness = -1.0;
    for item in items {
        match item {
            Item::Fill { .. } => {}
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                if (*width - thickness).abs() > f32::EPSILON {
                    ops.push(Op::SetOutlineThickness { pt: pt(*width) });
                    thickness = *width;
                }
                ops.push(line(&[(*x1, *y1), (*x2, *y2)], false));
            }
            // Tick boxes are text, drawn with the rest of it.
            Item::TickBox { .. } => {}
            Item::Brackets { rect } => {
                ops.push(Op::SetOutlineThickness { pt: pt(0.5) });
                thickness = 0.5;
                let arm = 2.5;
                let (t, b) = (rect.y + 1.0, rect.y + rect.h - 1.0);
                ops.push(line(
                    &[
                        (rect.x + arm, t),
                        (rect.x, t),
                        (rect.x, b),
                        (rect.x + arm, b),
                    ],
                    false,
                ));
                let r = rect.x + rect.w;
                ops.push(line(&[(r - arm, t), (r, t), (r, b), (r - arm, b)], false));
            }
            // Text is drawn afterwards, all in one text object.
            Item::Text { .. } => {}
        }
    }
    // One text object for the page: the font is set when it changes, and each line is placed
    // with a move relative to the previous one (`Td`), which keeps content streams small.
    ops.push(Op::StartTextSection);
    let (mut at_x, mut at_y) = (0.0_f32, 0.0_f32);
    let mut current: Option<(bool, f32)> = None;
    for item in items {
        // A tick box is printed as the forms print it, ［○］ or ［　］, in the text itself: a
        // ticked box is in the text layer, so copying, searching and screen readers know that
        // 自己点検 is ticked.
        let (rect, baseline, size, bold, text) = match item {
            Item::Text {
                rect,
                baseline,
                size,
                bold,
                text,
                ..
            } => (*rect, *baseline, *size, *bold, text.as_str()),
            Item::TickBox {
                rect,
                baseline,
                ticked,
            } => (
                *rect,
                *baseline,
                super::layout::BODY_SIZE,
                false,
                if *ticked {
                    super::layout::TICKED
                } else {
                    super::layout::UNTICKED
                },
            ),
            _ => continue,
        };
        let font = if bold { gothic } else { mincho };
        if current != Some((bold, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: pt(size),
            });
            current = Some((bold, size));
        }
        let (x, y) = (rect.x, PAGE_H - baseline);
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: pt(x - at_x),
                y: pt(y - at_y),
            },
        });
        (at_x, at_y) = (x, y);
        // Glyph ids from our own cache, with each character for the ToUnicode map: printpdf
        // would otherwise search the font's cmap for every character again.
        let face = fonts.face(bold);
        let font_glyphs = used.entry(font.clone()).or_default();
        let glyphs = text
            .chars()
            .map(|c| {
                let gid = face.glyph(c).0;
                font_glyphs.insert(gid);
                Codepoint {
                    gid,
                    offset: 0.0,
                    cid: Some(c.to_string()),
                }
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Writes the laid-out document as PDF bytes.
pub fn write(laid: &Laid, fonts: &Fonts, options: &PdfOptions) -> Vec<u8> {
    let mut doc = PdfDocument::new(&laid.title);
    doc.metadata.info.author = laid.author.clone();
    doc.metadata.info.creator = "hyoka".into();
    doc.metadata.info.producer = format!("hyoka {}", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.subject = "特定個人情報保護評価書".into();
    let dated = options
        .source_date_epoch
        .and_then(|s| DateTime::from_unix_timestamp(s).ok());
    if let Some(date) = dated {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    // Fixed ids: printpdf's own come from a process-wide counter.
    let mincho = FontId("F1".into());
    doc.resources
        .fonts
        .map
        .insert(mincho.clone(), PdfFont::new(fonts.mincho.parsed.clone()));
    let gothic = match &fonts.gothic {
        Some(face) => {
            let id = FontId("F2".into());
            doc.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(face.parsed.clone()));
            id
        }
        None => mincho.clone(),
    };
    let mut used = BTreeMap::new();
    let pages = laid
        .pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Mm(210.0),
                Mm(297.0),
                page_ops(&page.items, fonts, &mincho, &gothic, &mut used),
            )
        })
        .collect();
    doc.with_pages(pages);
    let save = PdfSaveOptions {
        // Compression is ours (pdf_finish), after the objects are corrected.
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut objects = printpdf::serialize::to_lopdf_doc(&doc, &save, &mut Vec::new());
    let subset_tags = used
        .into_iter()
        .map(|(id, glyphs)| {
            let tag = pdf_finish::subset_tag(&id.0, glyphs);
            (id.0, tag)
        })
        .collect();
    pdf_finish::finish(
        &mut objects,
        &pdf_finish::Finish {
            dated: dated.is_some(),
            subset_tags,
            outline: laid
                .pages
                .iter()
                .enumerate()
                .flat_map(|(i, p)| {
                    p.bookmarks
                        .iter()
                        .map(move |(text, level)| (text.clone(), *level, i))
                })
                .collect(),
        },
    );
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = objects.save_to(&mut bytes);
    stable_id(&mut bytes);
    bytes
}

/// Replaces the trailer's `/ID [(…)(…)]` strings, which printpdf draws from a counter, with a
/// hash of the document's content, in place (same length, so the cross-reference offsets stay
/// valid). The PDF specification recommends exactly this: an ID computed from the content.
fn stable_id(bytes: &mut [u8]) {
    let Some(at) = find_last(bytes, b"/ID") else {
        return;
    };
    let tail = &bytes[at..];
    let Some(open1) = tail.iter().position(|b| *b == b'(') else {
        return;
    };
    let Some(close1) = tail[open1 + 1..].iter().position(|b| *b == b')') else {
        return;
    };
    let first = at + open1 + 1..at + open1 + 1 + close1;
    let rest = first.end + 1;
    let Some(open2) = bytes[rest..].iter().position(|b| *b == b'(') else {
        return;
    };
    let Some(close2) = bytes[rest + open2 + 1..].iter().position(|b| *b == b')') else {
        return;
    };
    let second = rest + open2 + 1..rest + open2 + 1 + close2;
    let mut content = bytes[..at].to_vec();
    content.extend_from_slice(&bytes[second.end..]);
    let hash = fnv_hex(&content, first.len());
    bytes[first.clone()].copy_from_slice(&hash.as_bytes()[..first.len()]);
    let hash2 = fnv_hex(hash.as_bytes(), second.len());
    bytes[second.clone()].copy_from_slice(&hash2.as_bytes()[..second.len()]);
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// FNV-1a based hex digest of `len` characters (an identifier, not a security measure).
fn fnv_hex(data: &[u8], len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
    while out.len() < len {
        let mut h = seed;
        for b in data {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
        seed = h ^ 0x9e37_79b9_7f4a_7c15;
    }
    out.truncate(len);
    out
}
