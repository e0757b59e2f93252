//! A workbook as the importer sees it: per sheet, the non-empty cells with their merged extent,
//! in reading order. calamine reads .xlsx/.xlsm, .xls and .ods; what it reads is bounded before
//! it reads it (file size, the archive's unpacked size, cells per workbook), so a hostile file
//! costs a coded error, not the machine.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Dimensions, Ods, Reader, Xls, Xlsx, XlsxError};

use super::{ImportError, Limits};
use crate::diagnostic::Message;
use crate::model::date::Date;

pub const CODE_NOT_A_WORKBOOK: &str = "HY0901";
pub const CODE_PASSWORD: &str = "HY0902";
pub const CODE_TOO_LARGE: &str = "HY0903";

/// One non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct WCell {
    /// Index of its sheet in [`Workbook::sheets`].
    pub sheet: usize,
    pub row: u32,
    pub col: u32,
    /// Last row and column of its merged range (itself when not merged).
    pub end_row: u32,
    pub end_col: u32,
    /// Its value as text: numbers without a trailing `.0`, dates in 和暦.
    pub text: String,
    /// A formula error (`#DIV/0!`): never placed, always reported.
    pub error: bool,
    /// The cell the value was typed in, (row, column), where this cell stands for several
    /// (`[` | answer | `]` read as the answer): where messages and `--annotate` point.
    pub origin: Option<(u32, u32)>,
}

#[derive(Debug, Default)]
pub struct Workbook {
    /// Sheet names, in the workbook's order.
    pub sheets: Vec<String>,
    /// Whether each sheet is hidden (a sheet of drop-down lists, hyoka's own data sheet).
    pub hidden: Vec<bool>,
    /// Non-empty cells of every sheet, in reading order (sheet, row, column).
    pub cells: Vec<WCell>,
}

impl WCell {
    /// A cell of its own (not merged; `finish_sheet` widens it to its merged range).
    pub(crate) fn new(sheet: usize, row: u32, col: u32, text: String, error: bool) -> WCell {
        WCell {
            sheet,
            row,
            col,
            end_row: row,
            end_col: col,
            text,
            error,
            origin: None,
        }
    }

    /// `様式２!C14`, as a spreadsheet names the cell.
    pub fn reference(&self, book: &Workbook) -> String {
        let (row, col) = self.origin.unwrap_or((self.row, self.col));
        format!(
            "{}!{}{}",
            book.sheets[self.sheet],
            column_name(col),
            row + 1
        )
    }
}

/// `0 → A`, `25 → Z`, `26 → AA`.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn error(code: &'static str, ja: String, en: String) -> ImportError {
    ImportError {
        code,
        message: Message::new(ja, en),
    }
}

fn not_a_workbook(file: &str, why: &str) -> ImportError {
    error(
        CODE_NOT_A_WORKBOOK,
        format!("{file} はワークブック（.xlsx / .xlsm / .xls / .ods）として読めません: {why}"),
        format!("{file} cannot be read as a workbook (.xlsx / .xlsm / .xls / .ods): {why}"),
    )
}

fn too_large(file: &str, what_ja: &str, what_en: &str) -> ImportError {
    error(
        CODE_TOO_LARGE,
        format!("{file} は大きすぎるため読み込みません（{what_ja}）"),
        format!("{file} is too large to import ({what_en})"),
    )
}

/// Reads the workbook at `path` within `limits`.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Workbook, ImportError> {
    let file = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| not_a_workbook(&file, &e.to_string()))?;
    let mut bytes = Vec::new();
    f.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| not_a_workbook(&file, &e.to_string()))?;
    read_bytes(&file, bytes, limits)
}

/// Reads a workbook from its bytes; `file` names it in messages.
///
/// calamine 0.35 panics on some malformed files instead of returning an error (an OLE compound
/// file whose sector table is cut short trips an assertion in `cfb.rs`; fuzzing found it). A
/// panic while reading is therefore caught here and reported as the file not being a workbook
/// (HY0901): a damaged file must cost an error message, never the run.
pub fn read_bytes(file: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Workbook, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_unguarded(file, bytes, limits)
    }))
    .unwrap_or_else(|_| {
        Err(not_a_workbook(
            file,
            "ファイルの構造が壊れています / the file's structure is damaged",
        ))
    })
}

/// Runs `read` (a workbook read) with the process's panic hook silenced, for callers that own
/// the process: the panic `read_bytes` contains is reported as HY0901, and its raw message (or,
/// under libFuzzer, its abort-on-panic hook) must not come first. The hook is global, so this is
/// for single-threaded callers — the CLI and the fuzz harness — not for library users.
pub fn quietly<T>(read: impl FnOnce() -> T) -> T {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = read();
    std::panic::set_hook(hook);
    out
}

fn read_unguarded(file: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Workbook, ImportError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(
            file,
            &format!("{} MB を超えています", limits.max_file_bytes >> 20),
            &format!("over {} MB", limits.max_file_bytes >> 20),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        check_archive(file, &bytes, limits)?;
        let is_ods = bytes
            .windows(b"opendocument.spreadsheet".len())
            .take(200)
            .any(|w| w == b"opendocument.spreadsheet");
        if is_ods {
            // Repeated rows and cells, and their text, are multiplied out by calamine as it
            // opens the file: count them first.
            let max_dense = (limits.max_cells as u64).saturating_mul(4);
            let layout = super::ods_guard::laid_out(&bytes);
            if layout.as_ref().is_some_and(|l| l.cells > max_dense) {
                return Err(too_large(
                    file,
                    &format!("シートの範囲が {max_dense} セルを超えています"),
                    &format!("its sheets span more than {max_dense} cells"),
                ));
            }
            if layout
                .as_ref()
                .is_some_and(|l| l.text > limits.max_text_bytes)
            {
                return Err(too_much_text(file, limits));
            }
            let mut book: Ods<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e| ods_error(file, e))?;
            let (errors, merges) = layout.map(|l| (l.errors, l.merges)).unwrap_or_default();
            let mut out = read_ranges(file, &mut book, limits, |b, name| {
                let sheet = b.sheet_names().iter().position(|n| n == name);
                sheet
                    .and_then(|s| merges.get(s))
                    .map(|m| m.iter().map(|&(a, z)| Dimensions::new(a, z)).collect())
                    .unwrap_or_default()
            })?;
            mark_errors(&mut out, errors);
            return Ok(out);
        }
        // 和暦 date formats calamine would read as numbers (see `xlsx_dates`).
        let bytes = super::xlsx_dates::readable(&bytes).unwrap_or(bytes);
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| xlsx_error(file, e))?;
        return read_xlsx(file, &mut book, limits);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE compound file: an .xls, or an .xlsx encrypted with a password. Its sector
        // chains are checked first: calamine would loop for ever on one that loops.
        let max_dense = (limits.max_cells as u64).saturating_mul(4);
        match super::cfb_guard::check(&bytes, max_dense, limits.max_text_bytes) {
            Ok(()) => {}
            Err(super::cfb_guard::TOO_MUCH_TEXT) => return Err(too_much_text(file, limits)),
            Err(super::cfb_guard::SPANS_TOO_MANY) => {
                return Err(too_large(
                    file,
                    &format!("シートの範囲が {max_dense} セルを超えています"),
                    &format!("a sheet spans more than {max_dense} cells"),
                ))
            }
            Err(why) => return Err(not_a_workbook(file, why)),
        }
        if let Err(XlsxError::Password) =
            calamine::open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes.clone()))
        {
            return Err(password(file));
        }
        let mut book: Xls<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
                calamine::XlsError::Password => password(file),
                e => not_a_workbook(file, &e.to_string()),
            })?;
        return read_ranges(file, &mut book, limits, |b, name| {
            b.worksheet_merge_cells(name).unwrap_or_default()
        });
    }
    Err(not_a_workbook(
        file,
        "ZIP（.xlsx / .ods）でも Excel 97-2003（.xls）でもありません / neither a ZIP (.xlsx / .ods) nor an Excel 97-2003 (.xls) file",
    ))
}

fn password(file: &str) -> ImportError {
    error(
        CODE_PASSWORD,
        format!("{file} はパスワードで保護されています。Excel でパスワードを外して保存し直してから取り込んでください。"),
        format!("{file} is password-protected: remove the password in Excel, save, and import again"),
    )
}

fn xlsx_error(file: &str, e: XlsxError) -> ImportError {
    match e {
        XlsxError::Password => password(file),
        e => not_a_workbook(file, &e.to_string()),
    }
}

fn ods_error(file: &str, e: calamine::OdsError) -> ImportError {
    match e {
        calamine::OdsError::Password => password(file),
        e => not_a_workbook(file, &e.to_string()),
    }
}

/// A ZIP that unpacks to far more than it weighs (a "zip bomb"), whose parts unpack to more
/// than they say, or that declares more shared strings than it holds is refused before
/// calamine unpacks any of it.
fn check_archive(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), ImportError> {
    use super::zip_guard::{check, Refusal};
    let limit = limits.max_unpacked_bytes;
    match check(bytes, limit) {
        Ok(()) => Ok(()),
        Err(Refusal::Damaged(why)) => Err(not_a_workbook(file, &why)),
        Err(Refusal::TooLarge { limit }) => Err(too_large(
            file,
            &format!("展開すると上限の {} MB を超えます", limit >> 20),
            &format!("over the limit of {} MB unpacked", limit >> 20),
        )),
        Err(Refusal::Lies { part, declared }) => Err(not_a_workbook(
            file,
            &format!("{part} が書かれた大きさ（{declared} バイト）を超えて展開されます / {part} unpacks to more than its stated {declared} bytes"),
        )),
        Err(Refusal::SharedSheetPart { part }) => Err(not_a_workbook(
            file,
            &format!("複数のシートが同じ部品 {part} を指しています / several sheets are the one part {part}"),
        )),
        Err(Refusal::Overstated { part, declared }) => Err(not_a_workbook(
            file,
            &format!("{part} が中身より多い {declared} 個の項目を宣言しています / {part} declares {declared} entries, more than it holds"),
        )),
    }
}

fn too_much_text(file: &str, limits: &Limits) -> ImportError {
    too_large(
        file,
        &format!(
            "セルの文字が合わせて {} MB を超えます",
            limits.max_text_bytes >> 20
        ),
        &format!(
            "the cells' text comes to over {} MB",
            limits.max_text_bytes >> 20
        ),
    )
}

/// The text of all cells read so far, against the limit: counted as each cell is read, so a
/// workbook whose one long text stands in every cell stops at the limit, not at the end.
struct TextBudget {
    used: u64,
    limit: u64,
}

impl TextBudget {
    fn take(&mut self, text: &str) -> bool {
        self.used = self.used.saturating_add(text.len() as u64);
        self.used <= self.limit
    }
}

fn too_many_cells(file: &str, limits: &Limits) -> ImportError {
    too_large(
        file,
        &format!("セルが {} 個を超えています", limits.max_cells),
        &format!("more than {} cells", limits.max_cells),
    )
}

/// .xlsx: cells are streamed and counted, so a sheet that claims a million rows is refused
/// after `max_cells` cells, not allocated.
fn read_xlsx<RS: std::io::Read + std::io::Seek>(
    file: &str,
    book: &mut Xlsx<RS>,
    limits: &Limits,
) -> Result<Workbook, ImportError> {
    let mut out = Workbook::default();
    let mut count = 0usize;
    let mut text = TextBudget {
        used: 0,
        limit: limits.max_text_bytes,
    };
    let hidden: Vec<bool> = book
        .sheets_metadata()
        .iter()
        .map(|m| m.visible != calamine::SheetVisible::Visible)
        .collect();
    for name in book.sheet_names() {
        let sheet = out.sheets.len();
        out.sheets.push(name.clone());
        out.hidden.push(hidden.get(sheet).copied().unwrap_or(false));
        let merges = match book.worksheet_merge_cells(&name) {
            Some(Ok(m)) => m,
            Some(Err(e)) => return Err(not_a_workbook(file, &e.to_string())),
            None => Vec::new(),
        };
        let mut cells = Vec::new();
        {
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| not_a_workbook(file, &e.to_string()))?;
            while let Some(cell) = reader
                .next_cell()
                .map_err(|e| not_a_workbook(file, &e.to_string()))?
            {
                count += 1;
                if count > limits.max_cells {
                    return Err(too_many_cells(file, limits));
                }
                let (row, col) = cell.get_position();
                if let Some((t, error)) = text_of(&Data::from(cell.get_value().clone())) {
                    if !text.take(&t) {
                        return Err(too_much_text(file, limits));
                    }
                    cells.push(WCell::new(sheet, row, col, t, error));
                }
            }
        }
        finish_sheet(&mut out, cells, &merges);
    }
    Ok(out)
}

/// .xls and .ods: calamine reads a sheet whole; the file-size and unpacked-size limits bound it.
fn read_ranges<R, RS>(
    file: &str,
    book: &mut R,
    limits: &Limits,
    merges: impl Fn(&mut R, &str) -> Vec<Dimensions>,
) -> Result<Workbook, ImportError>
where
    R: Reader<RS>,
    R::Error: std::fmt::Display,
    RS: std::io::Read + std::io::Seek,
{
    let mut out = Workbook::default();
    let mut count = 0usize;
    let mut text = TextBudget {
        used: 0,
        limit: limits.max_text_bytes,
    };
    let hidden: Vec<bool> = book
        .sheets_metadata()
        .iter()
        .map(|m| m.visible != calamine::SheetVisible::Visible)
        .collect();
    for name in book.sheet_names() {
        let sheet = out.sheets.len();
        out.sheets.push(name.clone());
        out.hidden.push(hidden.get(sheet).copied().unwrap_or(false));
        let range = book
            .worksheet_range(&name)
            .map_err(|e| not_a_workbook(file, &e.to_string()))?;
        let mut cells = Vec::new();
        for (r, c, value) in range.used_cells() {
            count += 1;
            if count > limits.max_cells {
                return Err(too_many_cells(file, limits));
            }
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            if let Some((t, error)) = text_of(value) {
                if !text.take(&t) {
                    return Err(too_much_text(file, limits));
                }
                cells.push(WCell::new(sheet, row, col, t, error));
            }
        }
        let m = merges(book, &name);
        finish_sheet(&mut out, cells, &m);
    }
    Ok(out)
}

/// Formula errors an .ods keeps as empty strings (see `ods_guard`): each is an error cell,
/// whatever calamine read there.
fn mark_errors(book: &mut Workbook, errors: Vec<(usize, u32, u32, String)>) {
    if errors.is_empty() {
        return;
    }
    let at: std::collections::HashMap<(usize, u32, u32), usize> = book
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.sheet, c.row, c.col), i))
        .collect();
    for (sheet, row, col, text) in errors {
        if sheet >= book.sheets.len() {
            continue;
        }
        match at.get(&(sheet, row, col)) {
            Some(&i) => {
                book.cells[i].error = true;
                book.cells[i].text = text;
            }
            None => book.cells.push(WCell::new(sheet, row, col, text, true)),
        }
    }
    book.cells.sort_by_key(|c| (c.sheet, c.row, c.col));
}

/// Widens each cell to its merged range and puts the sheet's cells in reading order. Merges are
/// found by their first cell in a map, not by a search per merge: 200,000 merges over 200,000
/// cells took 27 s that way.
fn finish_sheet(out: &mut Workbook, mut cells: Vec<WCell>, merges: &[Dimensions]) {
    let at: std::collections::HashMap<(u32, u32), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.row, c.col), i))
        .collect();
    for m in merges {
        if let Some(&i) = at.get(&m.start) {
            cells[i].end_row = m.end.0;
            cells[i].end_col = m.end.1;
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    out.cells.extend(cells);
}

fn text_of(value: &Data) -> Option<(String, bool)> {
    match value {
        Data::Empty => None,
        Data::String(s) => non_empty(s.clone()),
        Data::Int(i) => Some((i.to_string(), false)),
        Data::Float(f) => Some((number(*f), false)),
        Data::Bool(b) => Some((if *b { "TRUE" } else { "FALSE" }.into(), false)),
        // A serial outside the years an assessment can name is kept as the number it is.
        Data::DateTime(d) => Some((
            serial_date(d.as_f64()).unwrap_or_else(|| number(d.as_f64())),
            false,
        )),
        // An .ods date cell (`office:date-value="2024-01-01"`): in 和暦, as an .xlsx date is.
        Data::DateTimeIso(s) => non_empty(iso_date(s).unwrap_or_else(|| s.clone())),
        Data::DurationIso(s) => non_empty(s.clone()),
        Data::Error(e) => Some((e.to_string(), true)),
    }
}

/// `2024-01-01` or `2024-01-01T00:00:00` as 令和6年1月1日; `None` for anything else.
fn iso_date(s: &str) -> Option<String> {
    let day = s.split('T').next()?;
    let time_is_midnight = s
        .split_once('T')
        .is_none_or(|(_, t)| t.chars().all(|c| matches!(c, '0' | ':' | '.')));
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || !time_is_midnight {
        return None;
    }
    Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(|d| d.wareki())
}

fn non_empty(s: String) -> Option<(String, bool)> {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    (!s.trim().is_empty()).then_some((s, false))
}

/// 12000.0 → `12000`; other numbers as written.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Excel's serials of 1900-01-01 and 2200-12-31: the dates an assessment can name. A cell
/// formatted as a date holding `1e308` is not a date of 令和2030435183年.
const SERIALS: std::ops::RangeInclusive<f64> = 2.0..=109_939.0;

/// An Excel date serial (days since 1899-12-30) as the forms write dates: 令和6年1月1日; `None`
/// outside 1900–2200.
pub fn serial_date(serial: f64) -> Option<String> {
    if !SERIALS.contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25_569;
    Some(Date::from_days_since_epoch(days).wareki())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn ods_dates_read_as_wareki() {
        assert_eq!(iso_date("2024-01-01").as_deref(), Some("令和6年1月1日"));
        assert_eq!(
            iso_date("2019-06-27T00:00:00").as_deref(),
            Some("令和1年6月27日")
        );
        assert_eq!(iso_date("2019-06-27T10:30:00"), None);
        assert_eq!(iso_date("2019-13-01"), None);
        assert_eq!(iso_date("令和6年"), None);
    }

    #[test]
    fn date_serials_read_as_wareki() {
        // 45292 is 2024-01-01 in Excel's 1900 date system.
        assert_eq!(serial_date(45292.0).as_deref(), Some("令和6年1月1日"));
        for absurd in [1e308, -1.0, 0.5, 109_940.0, f64::NAN, f64::INFINITY] {
            assert_eq!(serial_date(absurd), None, "{absurd}");
        }
        assert!(serial_date(2.0).is_some() && serial_date(109_939.0).is_some());
        assert_eq!(number(12000.0), "12000");
        assert_eq!(number(1.5), "1.5");
    }

    #[test]
    fn a_text_file_is_not_a_workbook() {
        let e = read_bytes("x.xlsx", b"name: x\n".to_vec(), &Limits::default()).unwrap_err();
        assert_eq!(e.code, CODE_NOT_A_WORKBOOK);
    }
}
