//! How many cells calamine would lay out for an OpenDocument spreadsheet, counted before it
//! does. A cell or a row may say it repeats (`table:number-columns-repeated="16384"`,
//! `table:number-rows-repeated="1048576"`): a few bytes of XML that calamine expands, cell by
//! cell, into up to 17 billion. The repeats are multiplied out here, streaming `content.xml`,
//! and a sheet over the limit is refused (HY0903) instead.

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Cells of the largest sheet: the rows from the first to the last that hold a value, times
    /// the widest such row (empty cells after a row's last value, and empty rows, are not laid
    /// out).
    pub cells: u64,
    /// Bytes of text in all cells, every repeated cell and row counted as often as it repeats.
    pub text: u64,
}

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
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) if e.name().as_ref() == b"table:table" => sheet = Sheet::default(),
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
            Event::Text(t) => cell_text = cell_text.saturating_add(t.len() as u64),
            Event::CData(t) => cell_text = cell_text.saturating_add(t.len() as u64),
            Event::End(e)
                if e.name().as_ref() == b"table:table-cell"
                    || e.name().as_ref() == b"table:covered-table-cell" =>
            {
                row_text = row_text.saturating_add(cell_text.saturating_mul(cell_repeats));
                cell_text = 0;
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
