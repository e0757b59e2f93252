//! How many cells calamine would lay out for an OpenDocument spreadsheet, counted before it
//! does. A cell or a row may say it repeats (`table:number-columns-repeated="16384"`,
//! `table:number-rows-repeated="1048576"`): a few bytes of XML that calamine expands, cell by
//! cell, into up to 17 billion. The repeats are multiplied out here, streaming `content.xml`,
//! and a sheet over the limit is refused (HY0903) instead.
//!
//! The same pass notes the formula errors: LibreOffice stores `#REF!` as a string cell whose
//! value is empty (`office:string-value=""`, `calcext:value-type="error"`), which calamine reads
//! as an empty cell, so a broken formula would vanish instead of being reported (HY0907).
//!
//! And the merged ranges (`table:number-rows-spanned`), which calamine does not give for .ods:
//! a label merged down beside a long value cut into rows is how the import knows the parts for
//! one value (`grid`).

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

fn repeats(e: &BytesStart<'_>, name: &[u8]) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
        .unwrap_or(1)
}

/// What calamine would lay out for a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Cells of the largest sheet: the rows from the first to the last that hold a value, times
    /// the widest such row (empty cells after a row's last value, and empty rows, are not laid
    /// out).
    pub cells: u64,
    /// Bytes of text in all cells, every repeated cell and row counted as often as it repeats.
    pub text: u64,
    /// Formula errors: (sheet, row, column, the error's text as shown, `#REF!`), the first
    /// [`MAX_ERRORS`].
    pub errors: Vec<(usize, u32, u32, String)>,
    /// Merged ranges, per sheet in the workbook's order: ((first row, first column), (last row,
    /// last column)), the first [`MAX_MERGES`] of the workbook.
    pub merges: Vec<Vec<Merge>>,
}

/// A merged range: (first row, first column), (last row, last column).
pub type Merge = ((u32, u32), (u32, u32));

/// Merged ranges noted at most (the import widens each cell to its range through a map).
pub const MAX_MERGES: usize = 200_000;

fn spanned(e: &BytesStart<'_>, name: &[u8]) -> u64 {
    repeats(e, name).clamp(1, u64::from(u32::MAX))
}

/// Formula errors noted at most: each is reported, and a few are enough to act on.
pub const MAX_ERRORS: usize = 1000;

/// What calamine would lay out for the workbook in `bytes` (a ZIP). `None` when there is no
/// `content.xml` to count (calamine then reports the file itself).
pub fn laid_out(bytes: &[u8]) -> Option<Layout> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let content = archive.by_name("content.xml").ok()?;
    let mut reader = Reader::from_reader(BufReader::new(content.take(u64::MAX)));
    let mut buf = Vec::new();
    let mut sheet = Sheet::default();
    let mut largest = 0u64;
    // Text of the cell being read, of the row so far, and of everything before it.
    let (mut cell_text, mut row_text, mut text) = (0u64, 0u64, 0u64);
    let mut cell_repeats = 1u64;
    let mut errors = Vec::new();
    let mut sheets = 0usize;
    // The error cell being read: where it is, and its text.
    let mut error_cell: Option<(usize, u32, u32, String)> = None;
    let mut merges: Vec<Vec<Merge>> = Vec::new();
    let mut merge_count = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) if e.name().as_ref() == b"table:table" => {
                sheet = Sheet::default();
                sheets += 1;
                merges.push(Vec::new());
            }
            Event::End(e) if e.name().as_ref() == b"table:table" => {
                largest = largest.max(sheet.dense());
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"table:table-row" => {
                sheet.row_repeats = repeats(e, b"table:number-rows-repeated");
                sheet.col = 0;
                sheet.width = 0;
                row_text = 0;
                if matches!(event, Event::Empty(_)) {
                    sheet.end_row();
                }
            }
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == b"table:table-cell"
                    || e.name().as_ref() == b"table:covered-table-cell" =>
            {
                let n = repeats(e, b"table:number-columns-repeated");
                let (down, across) = (
                    spanned(e, b"table:number-rows-spanned"),
                    spanned(e, b"table:number-columns-spanned"),
                );
                if (down > 1 || across > 1) && merge_count < MAX_MERGES {
                    let at = |v: u64| v.min(u64::from(u32::MAX)) as u32;
                    let (row, col) = (sheet.row, sheet.col);
                    if let Some(m) = merges.last_mut() {
                        m.push((
                            (at(row), at(col)),
                            (
                                at(row.saturating_add(down - 1)),
                                at(col.saturating_add(across - 1)),
                            ),
                        ));
                        merge_count += 1;
                    }
                }
                let is_error = e
                    .try_get_attribute(b"calcext:value-type")
                    .ok()
                    .flatten()
                    .is_some_and(|a| a.value.as_ref() == b"error");
                if is_error && matches!(event, Event::Start(_)) && errors.len() < MAX_ERRORS {
                    let (row, col) = (
                        sheet.row.min(u32::MAX as u64),
                        sheet.col.min(u32::MAX as u64),
                    );
                    error_cell = Some((
                        sheets.saturating_sub(1),
                        row as u32,
                        col as u32,
                        String::new(),
                    ));
                }
                let valued = matches!(event, Event::Start(_))
                    || e.try_get_attribute(b"office:value-type")
                        .ok()
                        .flatten()
                        .is_some();
                sheet.col = sheet.col.saturating_add(n);
                if valued {
                    sheet.width = sheet.col;
                }
                cell_text = 0;
                cell_repeats = n;
            }
            Event::Text(t) => {
                cell_text = cell_text.saturating_add(t.len() as u64);
                // An error's text (`#REF!`, `Err:509`) is short: at most 64 characters kept.
                if let Some(cell) = error_cell.as_mut().filter(|c| c.3.len() < 64) {
                    let text = String::from_utf8_lossy(t.as_ref());
                    cell.3.extend(text.chars().take(64));
                }
            }
            Event::CData(t) => cell_text = cell_text.saturating_add(t.len() as u64),
            Event::End(e)
                if e.name().as_ref() == b"table:table-cell"
                    || e.name().as_ref() == b"table:covered-table-cell" =>
            {
                row_text = row_text.saturating_add(cell_text.saturating_mul(cell_repeats));
                cell_text = 0;
                if let Some((s, r, c, t)) = error_cell.take() {
                    let t = if t.trim().is_empty() {
                        "#VALUE!".to_string()
                    } else {
                        t
                    };
                    errors.push((s, r, c, t));
                }
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                text = text.saturating_add(row_text.saturating_mul(sheet.row_repeats.max(1)));
                row_text = 0;
                sheet.end_row();
            }
            Event::Eof => {
                return Some(Layout {
                    cells: largest.max(sheet.dense()),
                    text,
                    errors,
                    merges,
                })
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Counting one sheet: where the row is, and the extent of the rows with values.
#[derive(Default)]
struct Sheet {
    row: u64,
    row_repeats: u64,
    col: u64,
    width: u64,
    first: Option<u64>,
    last: u64,
    widest: u64,
}

impl Sheet {
    fn end_row(&mut self) {
        let repeats = self.row_repeats.max(1);
        if self.width > 0 {
            self.first.get_or_insert(self.row);
            self.last = self.row.saturating_add(repeats - 1);
            self.widest = self.widest.max(self.width);
        }
        self.row = self.row.saturating_add(repeats);
        self.width = 0;
    }

    fn dense(&self) -> u64 {
        self.first.map_or(0, |first| {
            (self.last - first + 1).saturating_mul(self.widest)
        })
    }
}
