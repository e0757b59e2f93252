//! Workbooks that are small as files and large once read: the shapes behind every memory
//! blow-up the import has had, built from a few numbers so that a fuzzer can search them
//! (`cargo fuzz run amplify`, under `-rss_limit_mb=1024`) and the tests can reproduce them.
//! A byte-level mutation of a ZIP almost never finds these: each needs its structure intact.

use std::io::{Cursor, Read, Write};

use arbitrary::Arbitrary;

/// One amplifying shape, with its sizes.
#[derive(Debug, Clone, Arbitrary)]
pub enum Amplifier {
    /// `cells` cells naming one shared string of `chars` characters (.xlsx).
    SharedString { cells: u16, chars: u16 },
    /// One cell of `chars` characters repeated `columns` times along `rows` repeated rows (.ods).
    RepeatedCell { rows: u32, columns: u32, chars: u16 },
    /// A part padded by `padding` KB whose central-directory size says `declared` bytes (.xlsx).
    LyingSize { padding: u16, declared: u32 },
    /// A shared-string table that declares `unique` strings (.xlsx).
    DeclaredCount { unique: u32 },
    /// `count` merged ranges, each over a cell with a value (.xlsx).
    Merges { count: u16 },
}

impl Amplifier {
    /// The workbook's bytes.
    pub fn workbook(&self) -> Vec<u8> {
        match *self {
            Amplifier::SharedString { cells, chars } => {
                shared_string_workbook(u32::from(cells), usize::from(chars))
            }
            Amplifier::RepeatedCell {
                rows,
                columns,
                chars,
            } => repeated_cell_ods(rows, columns, usize::from(chars)),
            Amplifier::LyingSize { padding, declared } => {
                lying_size(usize::from(padding) << 10, declared)
            }
            Amplifier::DeclaredCount { unique } => declared_count(unique),
            Amplifier::Merges { count } => merges(u32::from(count)),
        }
    }
}

/// A workbook of one sheet whose `cells` cells all hold one text of `chars` characters: one
/// shared string, a few hundred bytes of file per thousand cells.
pub fn shared_string_workbook(cells: u32, chars: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let text = "あ".repeat(chars.max(1));
    for i in 0..cells.max(1) {
        let _ = sheet.write_string(i / 100, (i % 100) as u16, &text);
    }
    book.save_to_buffer().unwrap_or_default()
}

/// An OpenDocument spreadsheet of `rows` repeated rows, each one cell of `chars` characters
/// repeated `columns` times: a kilobyte of file that lays out as `rows × columns × chars`.
pub fn repeated_cell_ods(rows: u32, columns: u32, chars: usize) -> Vec<u8> {
    let text = "x".repeat(chars);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{columns}" office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mimetype = (
        "mimetype",
        b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
    );
    // The media type first and stored, as the format requires.
    zip_of(&[
        mimetype,
        ("content.xml", content.into_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes().to_vec()),
    ])
}

/// An archive of `parts`: the first stored (an OpenDocument's media type), the rest deflated.
pub fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (i, (name, data)) in parts.iter().enumerate() {
        let method = if i == 0 && *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        if zip.start_file(*name, options).is_err() || zip.write_all(data).is_err() {
            return Vec::new();
        }
    }
    let _ = zip.finish();
    out.into_inner()
}

/// Every part of an archive, as (name, bytes).
pub fn parts_of(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    (0..archive.len())
        .filter_map(|i| {
            let mut f = archive.by_index(i).ok()?;
            let mut data = Vec::new();
            f.read_to_end(&mut data).ok()?;
            Some((f.name().to_string(), data))
        })
        .collect()
}

/// A small workbook with `part` replaced by `edit(part)`, rezipped.
pub fn with_part(book: &[u8], part: &str, edit: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let parts = parts_of(book);
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), if n == part { edit(d) } else { d.clone() }))
        .collect();
    zip_of(&parts)
}

/// A workbook whose sheet is padded by `padding` bytes while the archive's central directory
/// says it unpacks to `declared` bytes.
pub fn lying_size(padding: usize, declared: u32) -> Vec<u8> {
    let sheet = "xl/worksheets/sheet1.xml";
    let mut bytes = with_part(&shared_string_workbook(1, 10), sheet, |d| {
        let comment = format!("<!--{}-->", " ".repeat(padding));
        String::from_utf8_lossy(d)
            .replacen("<sheetData>", &format!("{comment}<sheetData>"), 1)
            .into_bytes()
    });
    let name = sheet.as_bytes();
    let central = (0..bytes.len().saturating_sub(4)).find(|&i| {
        bytes[i..i + 4] == *b"PK\x01\x02" && bytes.get(i + 46..i + 46 + name.len()) == Some(name)
    });
    if let Some(at) = central {
        bytes[at + 24..at + 28].copy_from_slice(&declared.to_le_bytes());
    }
    bytes
}

/// A workbook whose shared-string table declares `unique` strings (it holds a few).
pub fn declared_count(unique: u32) -> Vec<u8> {
    with_part(&shared_string_workbook(3, 5), "xl/sharedStrings.xml", |d| {
        let text = String::from_utf8_lossy(d).into_owned();
        let Some(start) = text
            .find("uniqueCount=\"")
            .map(|i| i + "uniqueCount=\"".len())
        else {
            return d.to_vec();
        };
        let end = start + text[start..].find('"').unwrap_or(0);
        format!("{}{unique}{}", &text[..start], &text[end..]).into_bytes()
    })
}

/// A workbook of `count` two-cell merges, each over a cell with a value.
pub fn merges(count: u32) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new();
    for i in 0..count.max(1) {
        let _ = sheet.merge_range(i, 0, i, 1, "v", &format);
    }
    book.save_to_buffer().unwrap_or_default()
}

/// A workbook read from hyoka's own export, given one more hidden-sheet row: `path` = `value`
/// (a JSON text), below the sheet's last row — the row a hostile edit adds
/// (`/counterparts/5000000/id`).
pub fn with_hidden_row(book: &mut crate::import::workbook::Workbook, path: &str, value: &str) {
    let Some(sheet) = book
        .sheets
        .iter()
        .position(|s| s == crate::model::workbook::META_SHEET)
    else {
        return;
    };
    let row = book
        .cells
        .iter()
        .filter(|c| c.sheet == sheet)
        .map(|c| c.row)
        .max()
        .map_or(0, |r| r + 1);
    for (col, text) in [(0, path), (1, value)] {
        book.cells.push(crate::import::workbook::WCell::new(
            sheet,
            row,
            col,
            text.into(),
            false,
        ));
    }
}
