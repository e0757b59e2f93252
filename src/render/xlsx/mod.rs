//! The form tree → the official workbook (.xlsx), for colleagues who edit in Excel and for
//! submission.
//!
//! Every table of the form is laid onto one grid of [`GRID`] columns (a table's column widths
//! are rounded onto it), so labels, merged value cells, shading and borders sit where the printed
//! form has them. A section that holds a table with a repeated header (変更箇所) gets a sheet of
//! its own, so that its header row can repeat on every printed page.
//!
//! What the form does not print (the ids that keep entries apart in `hyoka diff`, `forms`,
//! `editions`, review dates) goes on a hidden sheet, [`META_SHEET`], one `path | value` row
//! each, so that `hyoka import` gives back the whole model. `hyoka import` reads the form's
//! values by their labels, not from that sheet.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use super::tree::{Align, Block, Cell, Content, Document, Row, Shade, Table};
use crate::diagnostic::Message;
use crate::model::workbook::{META_MARK, META_SHEET};

mod cells;
mod paper;

pub use cells::cell_text;
use cells::{answer_text, cell_lines, choice_list, choice_split, grid_edges, is_heading, place};
pub use paper::GRID;
use paper::{line_count, row_height, Pages, MAX_ROW_HEIGHT};

/// The workbook's font: the official forms' ゴシック, as the PDF's (see
/// `render::fonts::Typeface`), by the name Japanese office suites know it by. Where it is
/// missing, LibreOffice sets the Japanese text in another ゴシック (IPAexGothic on Debian).
const FONT: &str = "ＭＳ ゴシック";
/// The body's type size, in pt, where a table gives none (the PDF's).
const BODY_SIZE: f64 = 9.0;

pub const CODE_XLSX: &str = "HY0805";

/// One value of the model that the form does not print, as a JSON pointer and its JSON text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hidden {
    pub path: String,
    pub value: Value,
}

/// The shading, borders and fonts of the sheet.
struct Formats {
    label: Format,
    group: Format,
    value: ValueFormats,
    heading1: Format,
    heading2: Format,
    title: Format,
    stamp: Format,
    para: Format,
    boxed: Format,
}

/// A value cell's format by alignment.
struct ValueFormats {
    left: Format,
    center: Format,
    right: Format,
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(BODY_SIZE)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

fn formats() -> Formats {
    let ruled = base().set_border(FormatBorder::Thin);
    Formats {
        label: ruled.clone().set_background_color(0xDDEBF7),
        group: ruled
            .clone()
            .set_background_color(0xBDD7EE)
            .set_bold()
            .set_font_name(FONT),
        value: ValueFormats {
            left: ruled.clone(),
            center: ruled.clone().set_align(FormatAlign::Center),
            right: ruled.clone().set_align(FormatAlign::Right),
        },
        heading1: base()
            .set_bold()
            .set_font_name(FONT)
            .set_font_size(11)
            .set_align(FormatAlign::VerticalCenter),
        heading2: base()
            .set_bold()
            .set_font_name(FONT)
            .set_font_size(10)
            .set_align(FormatAlign::VerticalCenter),
        title: base()
            .set_bold()
            .set_font_name(FONT)
            .set_font_size(16)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        stamp: base().set_align(FormatAlign::Right),
        para: base(),
        boxed: ruled,
    }
}

/// Writes the workbook of one form. `epoch` (SOURCE_DATE_EPOCH) dates the file; without it the
/// file carries a fixed date, so that the same input gives the same bytes.
pub fn write(
    doc: &Document,
    sheet_name: &str,
    hidden: &[Hidden],
    epoch: Option<i64>,
) -> Result<Vec<u8>, super::RenderError> {
    build(doc, sheet_name, hidden, epoch).map_err(|e| super::RenderError {
        code: CODE_XLSX,
        message: Message::new(
            format!("ワークブックを書き出せません: {e}"),
            format!("cannot write the workbook: {e}"),
        ),
    })
}

fn build(
    doc: &Document,
    sheet_name: &str,
    hidden: &[Hidden],
    epoch: Option<i64>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Excel measures columns in digits of this font (8 px at 11 pt; see `paper`).
    book.set_default_format(
        &Format::new()
            .set_font_name(FONT)
            .set_font_size(11)
            .set_font_charset(128),
        18,
        72,
    )?;
    let created = ExcelDateTime::from_timestamp(epoch.unwrap_or(315_532_800))?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&doc.title)
            .set_subject(&doc.form_title)
            .set_author(&doc.author)
            .set_creation_datetime(&created),
    );
    let f = formats();
    // Sections split into sheets: the main one, and one per section with a header table.
    let mut sheets: Vec<(String, Vec<&Block>)> = vec![(sheet_name.to_string(), Vec::new())];
    let mut section: Vec<&Block> = Vec::new();
    let mut section_title: Option<String> = None;
    for block in &doc.blocks {
        if let Block::Heading(h) = block {
            if h.level == 1 {
                flush(&mut sheets, &mut section, &section_title);
                section_title = Some(h.text.clone());
            }
        }
        section.push(block);
    }
    flush(&mut sheets, &mut section, &section_title);

    for (name, blocks) in &sheets {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        page_setup(ws, &doc.form_title)?;
        let mut w = SheetWriter {
            ws,
            f: &f,
            row: 0,
            pages: Pages::default(),
        };
        for block in blocks {
            w.block(block)?;
        }
        let breaks = std::mem::take(&mut w.pages.breaks);
        if !breaks.is_empty() {
            w.ws.set_page_breaks(&breaks)?;
        }
    }

    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    meta.set_hidden(true);
    meta.write_string(0, 0, META_MARK)?;
    meta.set_column_width(0, 40)?;
    meta.set_column_width(1, 60)?;
    for (i, h) in hidden.iter().enumerate() {
        let row = i as u32 + 1;
        meta.write_string(row, 0, &h.path)?;
        meta.write_string(row, 1, h.value.to_string())?;
    }
    book.save_to_buffer()
}

/// Files a finished section on the main sheet, or on a sheet of its own when it holds a table
/// with a repeated header (変更箇所).
fn flush<'d>(
    sheets: &mut Vec<(String, Vec<&'d Block>)>,
    section: &mut Vec<&'d Block>,
    title: &Option<String>,
) {
    let own_sheet = section
        .iter()
        .any(|b| matches!(b, Block::Table(t) if !t.header.is_empty()));
    match (own_sheet, title) {
        (true, Some(t)) => sheets.push((sheet_title(t), std::mem::take(section))),
        _ => sheets[0].1.append(section),
    }
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_title(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

fn page_setup(ws: &mut Worksheet, form_title: &str) -> Result<(), XlsxError> {
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    // The grid is narrower than the page (see `paper`): fitting its width shrinks it only where
    // a reader's columns come out wider.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(
        paper::MARGIN_X,
        paper::MARGIN_X,
        paper::MARGIN_Y,
        paper::MARGIN_Y,
        0.3,
        0.3,
    );
    let font = format!("&\"{FONT},標準\"");
    ws.set_footer(format!("&C{font}&9&P / &N"));
    ws.set_header(format!("&R{font}&8{}", form_title.replace('&', "&&")));
    for c in 0..GRID {
        ws.set_column_width_pixels(c, paper::COLUMN_PX)?;
    }
    Ok(())
}

struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
    /// Where the printed pages break.
    pages: Pages,
}

impl SheetWriter<'_> {
    fn block(&mut self, block: &Block) -> Result<(), XlsxError> {
        match block {
            // The form's own page breaks (Ⅳ, 変更箇所); the others fall where rows fill a page.
            Block::PageBreak => self.pages.break_at(self.row),
            Block::Space(pt) => {
                let h = f64::from(*pt).max(4.0);
                self.ws.set_row_height(self.row, h)?;
                self.pages.place(self.row, h, false);
                self.row += 1;
            }
            // The forms have no pictures; 別紙1 is written as PDF and HTML only.
            // The workbook carries the flows as data (its hidden sheet), not as pictures.
            Block::Figure(_) | Block::Pictures(_) => {}
            Block::Heading(h) => {
                let format = if h.level == 1 {
                    &self.f.heading1
                } else {
                    &self.f.heading2
                };
                self.full_width(&h.text, format, 20.0, true)?;
            }
            Block::Paragraph(p) => {
                let format = if p.size.unwrap_or(9.0) >= 14.0 {
                    &self.f.title
                } else if p.boxed {
                    &self.f.boxed
                } else if p.align == Align::Right {
                    &self.f.stamp
                } else {
                    &self.f.para
                };
                let size = p.size.map_or(BODY_SIZE, f64::from);
                let lines = line_count(&p.text, GRID, size);
                let format = if p.size.is_some_and(|s| f64::from(s) != BODY_SIZE) {
                    &format.clone().set_font_size(size)
                } else {
                    format
                };
                self.full_width(&p.text, format, row_height(lines, size) + 2.0, false)?;
            }
            Block::Table(t) => self.table(t)?,
        }
        Ok(())
    }

    fn full_width(
        &mut self,
        text: &str,
        format: &Format,
        height: f64,
        heading: bool,
    ) -> Result<(), XlsxError> {
        self.ws
            .merge_range(self.row, 0, self.row, GRID - 1, text, format)?;
        self.ws.set_row_height(self.row, height)?;
        self.pages.place(self.row, height, heading);
        self.row += 1;
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<(), XlsxError> {
        let edges = grid_edges(&t.widths);
        let size = t.size.map_or(BODY_SIZE, f64::from);
        let header_rows = t.header.len();
        let rows = self.split_to_fit(t, &edges, size);
        let rows: Vec<&Row> = rows.iter().collect();
        // Where each cell lands: (first grid column, last grid column), per row.
        let placed: Vec<Vec<(u16, u16)>> = rows.iter().map(|r| place(r, &edges)).collect();
        // Each cell once, with the last row it covers: a run of rows whose cell in the same
        // columns has the same merge key is one cell (a group label beside its items).
        let mut skip = vec![vec![false; GRID as usize]; rows.len()];
        let mut cells: Vec<(usize, usize, u16, u16, &Cell)> = Vec::new();
        let mut heights = vec![row_height(1, size); rows.len()];
        // Merged cells: (first row, last row, the height its text needs).
        let mut merged: Vec<(usize, usize, f64)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            for (j, cell) in row.cells.iter().enumerate() {
                let (c0, c1) = placed[i][j];
                if skip[i][c0 as usize] {
                    continue;
                }
                let mut last = i;
                if let Some(key) = &cell.merge {
                    while last + 1 < rows.len() {
                        let same = rows[last + 1]
                            .cells
                            .iter()
                            .zip(&placed[last + 1])
                            .any(|(c, p)| c.merge.as_ref() == Some(key) && *p == (c0, c1));
                        if !same {
                            break;
                        }
                        last += 1;
                        skip[last][c0 as usize] = true;
                    }
                }
                let need = row_height(cell_lines(cell, c0, c1, size), size);
                if last > i {
                    merged.push((i, last, need));
                }
                let per_row = need / (last - i + 1) as f64;
                for height in &mut heights[i..=last] {
                    *height = height.max(per_row);
                }
                cells.push((i, last, c0, c1, cell));
            }
        }
        // A merged cell's rows stay on one page when they take at most half of one; a longer run
        // keeps together the rows its text needs: a page edge never cuts its lines, and the part
        // a reader draws again at the top of the next page falls above it, clipped whole.
        let mut keep = vec![0.0f64; rows.len()];
        for (i, last, need) in merged {
            let whole: f64 = heights[i..=last].iter().sum();
            let mut k = i;
            let mut sum = heights[i];
            while sum < need && k < last {
                k += 1;
                sum += heights[k];
            }
            let rows_needed = if whole <= paper::page_height() / 2.0 {
                whole
            } else {
                sum
            };
            keep[i] = keep[i].max(rows_needed);
        }
        let start = self.row;
        for (i, (h, row)) in heights.iter().zip(&rows).enumerate() {
            let at = start + i as u32;
            self.ws.set_row_height(at, h.min(MAX_ROW_HEIGHT))?;
            self.pages
                .place_keeping(at, *h, i < header_rows || is_heading(row), keep[i]);
        }
        // A header row is printed again at the top of each page (the sheet holds one such table).
        if header_rows > 0 {
            self.pages.repeated = heights[..header_rows].iter().sum();
        }
        for (i, last, c0, c1, cell) in cells {
            self.cell(start + i as u32, start + last as u32, c0, c1, cell, size)?;
        }
        if header_rows > 0 {
            self.ws
                .set_repeat_rows(start, start + header_rows as u32 - 1)?;
        }
        self.row = start + rows.len() as u32;
        Ok(())
    }

    /// The table's rows, a long value split at line breaks into rows that each fit a page —
    /// the first the rest of the current one — its label merged down beside them (`hyoka
    /// import` joins a value split so). Pages are counted as `table` will place the rows.
    fn split_to_fit(&self, t: &Table, edges: &[u16], size: f64) -> Vec<Row> {
        let mut used = self.pages.used;
        // On a new page, the header rows come first again.
        let mut out = Vec::with_capacity(t.header.len() + t.rows.len());
        out.extend(t.header.iter().cloned());
        let page = paper::page_height();
        let header: f64 = t
            .header
            .iter()
            .map(|r| {
                let p = place(r, edges);
                let lines = r
                    .cells
                    .iter()
                    .zip(&p)
                    .map(|(c, (c0, c1))| cell_lines(c, *c0, *c1, size));
                row_height(lines.max().unwrap_or(1), size)
            })
            .sum();
        used += header;
        for (k, row) in t.rows.iter().enumerate() {
            let p = place(row, edges);
            let lines = row
                .cells
                .iter()
                .zip(&p)
                .map(|(c, (c0, c1))| cell_lines(c, *c0, *c1, size))
                .max()
                .unwrap_or(1);
            let h = row_height(lines, size);
            let splittable = row.cells.len() >= 2
                && row.cells[..row.cells.len() - 1]
                    .iter()
                    .all(|c| c.shade != Shade::None && matches!(c.content, Content::Text(_)))
                && matches!(row.cells.last(), Some(c) if c.merge.is_none() && matches!(c.content, Content::Text(_)));
            // A row fits the page and Excel's tallest row, or is cut into rows that do.
            if (used + h <= page && h <= MAX_ROW_HEIGHT) || !splittable {
                if used + h > page {
                    used = header;
                }
                used += h;
                out.push(row.clone());
                continue;
            }
            let (c0, c1) = *p.last().expect("a splittable row has cells");
            let columns = c1 - c0 + 1;
            let Content::Text(text) = &row.cells.last().expect("cells").content else {
                unreachable!("a splittable row ends in text")
            };
            let mut rest = text.as_str();
            let mut parts = Vec::new();
            while !rest.is_empty() {
                let room = (page - used).min(MAX_ROW_HEIGHT);
                match paper::fitting_prefix(rest, columns, size, room) {
                    Some(end) if end < rest.len() => {
                        parts.push(rest[..end].trim_end_matches('\n'));
                        rest = &rest[end..];
                        if room < page - used {
                            used +=
                                row_height(line_count(parts[parts.len() - 1], columns, size), size);
                        } else {
                            used = header;
                        }
                    }
                    // The rest fits, or no line break leaves a part that fits: one row.
                    Some(_) => {
                        parts.push(rest);
                        used += row_height(line_count(rest, columns, size), size);
                        rest = "";
                    }
                    None if used > header => used = header,
                    None => {
                        parts.push(rest);
                        used = header + row_height(line_count(rest, columns, size), size);
                        rest = "";
                    }
                }
            }
            let key = format!("split#{k}");
            for part in parts {
                let mut r = row.clone();
                let n = r.cells.len();
                for c in &mut r.cells[..n - 1] {
                    c.merge.get_or_insert_with(|| key.clone());
                }
                r.cells[n - 1].content = Content::Text(part.to_string());
                out.push(r);
            }
        }
        out
    }

    /// Writes one cell, merged over its rows and columns.
    fn cell(
        &mut self,
        r0: u32,
        r1: u32,
        c0: u16,
        c1: u16,
        cell: &Cell,
        size: f64,
    ) -> Result<(), XlsxError> {
        let f = self.f;
        let format = match (cell.shade, cell.align) {
            (Shade::Group, _) => &f.group,
            (Shade::Label, Align::Center) => &f.label.clone().set_align(FormatAlign::Center),
            (Shade::Label, _) => &f.label,
            (Shade::None, Align::Center) => &f.value.center,
            (Shade::None, Align::Right) => &f.value.right,
            (Shade::None, Align::Left) => &f.value.left,
        };
        let format = if cell.bold && cell.shade != Shade::Group {
            &format.clone().set_bold()
        } else {
            format
        };
        let format = if size == BODY_SIZE {
            format
        } else {
            &format.clone().set_font_size(size)
        };
        match &cell.content {
            Content::Choice {
                selected,
                options,
                note,
            } if c1 > c0 + 1 => {
                // The answer beside its <選択肢> list, as the form prints them; its note under it.
                let split = choice_split(c0, c1);
                let answer = answer_text(selected.as_deref(), note.as_deref());
                let center = if size == BODY_SIZE {
                    &f.value.center
                } else {
                    &f.value.center.clone().set_font_size(size)
                };
                self.put(r0, r1, c0, split, &answer, center)?;
                self.put(r0, r1, split + 1, c1, &choice_list(options), format)
            }
            content => self.put(r0, r1, c0, c1, &cell_text(content), format),
        }
    }

    fn put(
        &mut self,
        r0: u32,
        r1: u32,
        c0: u16,
        c1: u16,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        if r0 == r1 && c0 == c1 {
            if text.is_empty() {
                self.ws.write_blank(r0, c0, format)?;
            } else {
                self.ws.write_string_with_format(r0, c0, text, format)?;
            }
        } else {
            self.ws.merge_range(r0, c0, r1, c1, text, format)?;
        }
        Ok(())
    }
}

/// The values of `model` that no row of the form prints (`printed`: the rows' model paths),
/// as JSON pointers: ids, `forms`, `editions`, and items of other forms.
pub fn hidden_values(model: &Value, printed: &std::collections::BTreeSet<String>) -> Vec<Hidden> {
    fn walk(
        v: &Value,
        path: &str,
        printed: &std::collections::BTreeSet<String>,
        out: &mut Vec<Hidden>,
    ) {
        if printed.contains(path) || crate::model::path::is_empty(v) {
            return;
        }
        let entries = matches!(v, Value::Array(a) if a.iter().any(Value::is_object));
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    walk(child, &format!("{path}/{k}"), printed, out);
                }
            }
            Value::Array(a) if entries => {
                for (i, child) in a.iter().enumerate() {
                    walk(child, &format!("{path}/{i}"), printed, out);
                }
            }
            _ => out.push(Hidden {
                path: path.to_string(),
                value: v.clone(),
            }),
        }
    }
    let mut out = Vec::new();
    walk(model, "", printed, &mut out);
    out
}

/// The sheet's name: the form's number as its edition stamp gives it (`[平成31年１月　様式２]`
/// → `様式２`).
pub fn sheet_name(stamp: &str) -> String {
    let inner = stamp
        .trim()
        .trim_start_matches(['[', '［'])
        .trim_end_matches([']', '］']);
    let last = inner
        .split(['　', ' '])
        .rfind(|s| !s.is_empty())
        .unwrap_or(inner);
    sheet_title(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_font_of_the_workbook_is_the_forms_gothic() {
        use std::io::Read;
        let doc = Document {
            title: "t".into(),
            form_title: "f".into(),
            author: "a".into(),
            blocks: vec![Block::Heading(super::super::tree::Heading {
                text: "Ⅰ　基本情報".into(),
                level: 1,
            })],
            lists: Vec::new(),
        };
        let bytes = write(&doc, "様式２", &[], None).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut styles = String::new();
        zip.by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut styles)
            .unwrap();
        let names: Vec<&str> = styles
            .split("<name val=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert!(!names.is_empty());
        assert!(names.iter().all(|n| *n == FONT), "{names:?}");
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        // The header and footer name it too.
        assert!(sheet.contains(&format!("&amp;\"{FONT},標準\"")), "{sheet}");
    }

    #[test]
    fn the_sheet_is_named_by_the_stamp() {
        assert_eq!(sheet_name("[平成31年１月　様式２]"), "様式２");
    }

    #[test]
    fn values_the_form_does_not_print_are_kept() {
        let model = serde_json::json!({
            "forms": ["basic"],
            "files": [{"id": "fuka", "name": "国保賦課ファイル"}],
            "cover": {"title": "t", "reviewed_on": ""}
        });
        let printed = ["/files/0/name".to_string(), "/cover/title".to_string()]
            .into_iter()
            .collect();
        let hidden = hidden_values(&model, &printed);
        let paths: Vec<&str> = hidden.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(paths, ["/forms", "/files/0/id"]);
    }
}
