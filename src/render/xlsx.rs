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

use super::tree::{Align, Block, Cell, Content, Document, Row, Shade, Table, GROUP_MARK};
use crate::diagnostic::Message;
use crate::model::workbook::{META_MARK, META_SHEET};

/// Columns of the sheet grid every table is laid onto.
pub const GRID: u16 = 12;
/// Width of one grid column, in Excel character units (12 × 8.2 ≈ the A4 text width).
const COLUMN_WIDTH: f64 = 8.2;
/// Height of one line of 9 pt text, in points.
const LINE_HEIGHT: f64 = 13.0;
/// The tallest a sheet row may be (Excel's limit is 409 pt).
const MAX_ROW_HEIGHT: f64 = 400.0;

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

/// The official forms' ゴシック, as the PDF (see `render::fonts::Typeface`).
fn base() -> Format {
    Format::new()
        .set_font_name("ＭＳ ゴシック")
        .set_font_size(9)
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
            .set_font_name("ＭＳ ゴシック"),
        value: ValueFormats {
            left: ruled.clone(),
            center: ruled.clone().set_align(FormatAlign::Center),
            right: ruled.clone().set_align(FormatAlign::Right),
        },
        heading1: base()
            .set_bold()
            .set_font_name("ＭＳ ゴシック")
            .set_font_size(11)
            .set_align(FormatAlign::VerticalCenter),
        heading2: base()
            .set_bold()
            .set_font_name("ＭＳ ゴシック")
            .set_font_size(10)
            .set_align(FormatAlign::VerticalCenter),
        title: base()
            .set_bold()
            .set_font_name("ＭＳ ゴシック")
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
            breaks: Vec::new(),
        };
        for block in blocks {
            w.block(block)?;
        }
        let breaks = std::mem::take(&mut w.breaks);
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
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.7, 0.7, 0.3, 0.3);
    ws.set_footer("&C&P / &N");
    ws.set_header(format!("&R&8{}", form_title.replace('&', "&&")));
    for c in 0..GRID {
        ws.set_column_width(c, COLUMN_WIDTH)?;
    }
    Ok(())
}

struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
    breaks: Vec<u32>,
}

impl SheetWriter<'_> {
    fn block(&mut self, block: &Block) -> Result<(), XlsxError> {
        match block {
            Block::PageBreak => {
                if self.row > 0 {
                    self.breaks.push(self.row);
                }
            }
            Block::Space(pt) => {
                self.ws.set_row_height(self.row, f64::from(*pt).max(4.0))?;
                self.row += 1;
            }
            // The forms have no pictures; 別紙1 is written as PDF and HTML only.
            // The workbook carries the flows as data (its hidden sheet), not as pictures.
            Block::Figure(_) | Block::Pictures(_) => {}
            Block::Heading(h) => {
                if h.level == 1 && self.row > 0 && self.breaks.last() != Some(&self.row) {
                    self.breaks.push(self.row);
                }
                let format = if h.level == 1 {
                    &self.f.heading1
                } else {
                    &self.f.heading2
                };
                self.full_width(&h.text, format, 20.0)?;
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
                let size = f64::from(p.size.unwrap_or(9.0));
                let lines = line_count(&p.text, f64::from(GRID) * COLUMN_WIDTH, size);
                self.full_width(&p.text, format, lines as f64 * size * 1.5 + 6.0)?;
            }
            Block::Table(t) => self.table(t)?,
        }
        Ok(())
    }

    fn full_width(&mut self, text: &str, format: &Format, height: f64) -> Result<(), XlsxError> {
        self.ws
            .merge_range(self.row, 0, self.row, GRID - 1, text, format)?;
        self.ws.set_row_height(self.row, height)?;
        self.row += 1;
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<(), XlsxError> {
        let edges = grid_edges(&t.widths);
        let header_rows = t.header.len();
        let rows: Vec<&Row> = t.header.iter().chain(&t.rows).collect();
        // Where each cell lands: (first grid column, last grid column), per row.
        let placed: Vec<Vec<(u16, u16)>> = rows.iter().map(|r| place(r, &edges)).collect();
        // Each cell once, with the last row it covers: a run of rows whose cell in the same
        // columns has the same merge key is one cell (a group label beside its items).
        let mut skip = vec![vec![false; GRID as usize]; rows.len()];
        let mut cells: Vec<(usize, usize, u16, u16, &Cell)> = Vec::new();
        let mut heights = vec![15.0f64; rows.len()];
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
                let need = cell_lines(cell, c0, c1).max(1) as f64 * LINE_HEIGHT + 4.0;
                let per_row = need / (last - i + 1) as f64;
                for height in &mut heights[i..=last] {
                    *height = height.max(per_row);
                }
                cells.push((i, last, c0, c1, cell));
            }
        }
        // A row taller than Excel allows (409 pt) becomes several sheet rows, its cells merged
        // down over them, so that a long 事務の内容 prints whole.
        let parts: Vec<u32> = heights
            .iter()
            .map(|h| (h / MAX_ROW_HEIGHT).ceil().max(1.0) as u32)
            .collect();
        let mut starts = Vec::with_capacity(rows.len());
        let mut at = self.row;
        for (h, n) in heights.iter().zip(&parts) {
            starts.push(at);
            for k in 0..*n {
                self.ws.set_row_height(at + k, h / f64::from(*n))?;
            }
            at += n;
        }
        for (i, last, c0, c1, cell) in cells {
            let r1 = starts[last] + parts[last] - 1;
            self.cell(starts[i], r1, c0, c1, cell)?;
        }
        if header_rows > 0 {
            let end = starts[header_rows - 1] + parts[header_rows - 1] - 1;
            self.ws.set_repeat_rows(self.row, end)?;
        }
        self.row = at;
        Ok(())
    }

    /// Writes one cell, merged over its rows and columns.
    fn cell(&mut self, r0: u32, r1: u32, c0: u16, c1: u16, cell: &Cell) -> Result<(), XlsxError> {
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
        match &cell.content {
            Content::Choice { selected, options } if c1 > c0 + 1 => {
                // The answer beside its <選択肢> list, as the form prints them.
                let split = choice_split(c0, c1);
                let answer = format!("[ {} ]", selected.as_deref().unwrap_or("　"));
                self.put(r0, r1, c0, split, &answer, &f.value.center)?;
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

/// The last grid column of a choice's answer; its <選択肢> list takes the rest.
fn choice_split(c0: u16, c1: u16) -> u16 {
    c0 + (c1 - c0).div_ceil(2) - 1
}

/// Lines a cell needs at its width.
fn cell_lines(cell: &Cell, c0: u16, c1: u16) -> usize {
    let chars = |c0: u16, c1: u16| f64::from(c1 - c0 + 1) * COLUMN_WIDTH;
    match &cell.content {
        Content::Choice { options, .. } if c1 > c0 + 1 => {
            let split = choice_split(c0, c1);
            line_count(&choice_list(options), chars(split + 1, c1), 9.0)
        }
        content => line_count(&cell_text(content), chars(c0, c1), 9.0),
    }
}

/// How a cell's content reads in a sheet cell.
pub fn cell_text(content: &Content) -> String {
    match content {
        Content::Text(t) => t.clone(),
        Content::Choice { selected, options } => format!(
            "[ {} ]\n{}",
            selected.as_deref().unwrap_or("　"),
            choice_list(options)
        ),
        Content::Ticks(items) => items
            .iter()
            .map(|(on, label)| format!("[{}]{label}", if *on { "○" } else { "　" }))
            .collect::<Vec<_>>()
            .join("\n"),
        Content::TickGroups(groups) => groups
            .iter()
            .map(|(caption, items)| {
                format!(
                    "{GROUP_MARK}{caption}\n{}",
                    cell_text(&Content::Ticks(items.clone()))
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn choice_list(options: &[String]) -> String {
    let mut s = crate::model::wording::get().choice_list.clone();
    for (i, o) in options.iter().enumerate() {
        s.push_str(&format!("\n{}) {o}", i + 1));
    }
    s
}

/// Grid column boundaries of a table: its cumulative widths rounded onto the grid, each
/// column at least one grid column wide.
fn grid_edges(widths: &[f32]) -> Vec<u16> {
    let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
    let n = widths.len() as u16;
    let mut edges = vec![0u16];
    let mut acc = 0.0f32;
    for (i, w) in widths.iter().enumerate() {
        acc += w / total;
        let left = (i as u16 + 1).min(GRID);
        let room = GRID - (n - i as u16 - 1);
        let edge = ((acc * f32::from(GRID)).round() as u16)
            .max(edges[i] + 1)
            .max(left)
            .min(room);
        edges.push(edge);
    }
    edges
}

/// The grid columns of each cell of a row.
fn place(row: &Row, edges: &[u16]) -> Vec<(u16, u16)> {
    let mut col = 0usize;
    row.cells
        .iter()
        .map(|c| {
            let start = edges[col.min(edges.len() - 1)];
            col = (col + c.span.max(1)).min(edges.len() - 1);
            let end = edges[col].max(start + 1);
            (start, end - 1)
        })
        .collect()
}

/// Lines a text needs in a cell `chars` units wide (a full-width character is two units).
fn line_count(text: &str, chars: f64, size: f64) -> usize {
    let per_line = (chars * 9.0 / size - 1.0).max(2.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum();
            ((units / per_line).ceil() as usize).max(1)
        })
        .sum()
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

    #[test]
    fn table_widths_round_onto_the_grid() {
        assert_eq!(grid_edges(&[0.16, 0.26, 0.58]), vec![0, 2, 5, 12]);
        assert_eq!(grid_edges(&[1.0]), vec![0, 12]);
        let history = grid_edges(&[0.13, 0.18, 0.235, 0.235, 0.09, 0.13]);
        assert_eq!(history.len(), 7);
        assert!(history.windows(2).all(|w| w[1] > w[0]), "{history:?}");
        assert_eq!(*history.last().unwrap(), GRID);
    }

    #[test]
    fn ticks_and_choices_read_as_the_form_prints_them() {
        let ticks = Content::Ticks(vec![(true, "自己点検".into()), (false, "内部監査".into())]);
        assert_eq!(cell_text(&ticks), "[○]自己点検\n[　]内部監査");
        let choice = Content::Choice {
            selected: Some("十分である".into()),
            options: vec!["十分である".into(), "課題が残されている".into()],
        };
        assert!(cell_text(&choice).starts_with("[ 十分である ]\n＜選択肢＞\n1) 十分である"));
    }

    #[test]
    fn a_long_line_needs_more_lines_in_a_narrow_cell() {
        let text = "あ".repeat(40);
        assert!(line_count(&text, 20.0, 9.0) > line_count(&text, 80.0, 9.0));
        assert_eq!(line_count("a\nb\nc", 80.0, 9.0), 3);
    }
}
