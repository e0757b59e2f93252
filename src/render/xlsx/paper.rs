//! The workbook on paper: the sheet grid's column widths, the lines a text needs in a cell, and
//! where the pages break, so that the workbook prints as the form does — at (close to) full
//! size on A4, each row as tall as its text, no row sliced by a page edge, no heading alone at
//! the foot of a page.
//!
//! Two readers set the grid's widths differently. Excel measures a column in digits of the
//! workbook's font (ＭＳ ゴシック 11: 8 px a digit); LibreOffice on a system without that font
//! measures it in a fallback's digits (DejaVu Sans: about 9.7 px), and shrinks the sheet to the
//! page's width. [`COLUMN_PX`] is chosen so that Excel's table fills 90% of the page's width
//! and LibreOffice prints at about 91% of full size; lines and row heights are counted at
//! Excel's width, the narrower of the two, so that no reader needs more lines than a row holds.

/// Columns of the sheet grid every table is laid onto.
pub const GRID: u16 = 12;
/// Width of one grid column in Excel's pixels (96 a inch; the file stores it in digits of the
/// default font, ＭＳ ゴシック 11: 8 px each, so 6.375).
pub const COLUMN_PX: u32 = 51;
/// Page margins, in inches: left and right, top and bottom (the header and footer sit in them).
pub const MARGIN_X: f64 = 0.6;
pub const MARGIN_Y: f64 = 0.7;
/// A4, in pt.
#[cfg(test)]
const PAGE_W: f64 = 595.28;
const PAGE_H: f64 = 841.89;
/// A cell's padding each side, in pt.
const PAD: f64 = 2.0;
/// Line pitch as a multiple of the type size, as the PDF sets it (`render::layout`); room for
/// the taller line of a fallback font.
const LINE: f64 = 1.35;
/// Space above and below a cell's lines, in pt.
const ROW_PAD: f64 = 4.0;
/// The tallest a sheet row may be (Excel's limit is 409 pt).
pub const MAX_ROW_HEIGHT: f64 = 400.0;

/// The height a page holds between its margins, in pt.
pub fn page_height() -> f64 {
    PAGE_H - 2.0 * 72.0 * MARGIN_Y
}

/// The page's width between its margins, in pt.
#[cfg(test)]
fn page_width() -> f64 {
    PAGE_W - 2.0 * 72.0 * MARGIN_X
}

/// One grid column's width in pt as Excel prints it.
pub fn column_pt() -> f64 {
    f64::from(COLUMN_PX) * 0.75
}

/// Lines a text needs in a cell `columns` grid columns wide, at `size` pt. ＭＳ ゴシック is set
/// at a fixed pitch, full-width characters one em, others half; one em is kept in hand for the
/// 禁則 that pushes a character (「。」, 「）」) onto the next line.
pub fn line_count(text: &str, columns: u16, size: f64) -> usize {
    let width = f64::from(columns) * column_pt() - 2.0 * PAD;
    let per_line = (width / size - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let ems: f64 = line
                .chars()
                .map(|c| if is_half_width(c) { 0.5 } else { 1.0 })
                .sum();
            ((ems / per_line).ceil() as usize).max(1)
        })
        .sum()
}

fn is_half_width(c: char) -> bool {
    c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// The height of a row of `lines` lines at `size` pt.
pub fn row_height(lines: usize, size: f64) -> f64 {
    lines.max(1) as f64 * size * LINE + ROW_PAD
}

/// The longest run of a text's paragraphs, from the start, whose lines fit `room` pt, as a
/// byte offset after its last line break; `None` when not even the first paragraph fits.
pub fn fitting_prefix(text: &str, columns: u16, size: f64, room: f64) -> Option<usize> {
    let mut end = None;
    let mut lines = 0;
    let mut at = 0;
    for paragraph in text.split_inclusive('\n') {
        lines += line_count(paragraph.trim_end_matches('\n'), columns, size);
        if row_height(lines, size) > room {
            break;
        }
        at += paragraph.len();
        end = Some(at);
    }
    end.filter(|&e| e > 0)
}

/// Where the pages of a sheet break: rows are placed one after another; a row that does not fit
/// the rest of the page starts the next one, together with the headings just above it.
#[derive(Debug, Default)]
pub struct Pages {
    /// Height used on the current page, in pt.
    pub used: f64,
    /// First sheet row of the current page.
    start: u32,
    /// The headings at the foot of the current page: (first row, their height).
    heads: Option<(u32, f64)>,
    /// Rows that start a page.
    pub breaks: Vec<u32>,
    /// The height of the rows printed again at the top of every page (変更箇所's header).
    pub repeated: f64,
}

impl Pages {
    /// Starts a page at `row` (the form's own page breaks).
    pub fn break_at(&mut self, row: u32) {
        if row > self.start && self.used > 0.0 {
            self.breaks.push(row);
            self.start = row;
            self.used = 0.0;
            self.heads = None;
        }
    }

    /// Places the sheet row `row`, `height` pt tall; `heading` when it must not end a page.
    pub fn place(&mut self, row: u32, height: f64, heading: bool) {
        self.place_keeping(row, height, heading, height);
    }

    /// Places a row that needs `keep` pt on its page, with the rows after it that hold the rest
    /// of a merged label as tall as that (リスク４：…'s three lines beside its first rows).
    pub fn place_keeping(&mut self, row: u32, height: f64, heading: bool, keep: f64) {
        let keep = keep.max(height);
        if self.used + keep > page_height() && row > self.start {
            // The headings just above go over with it (「４．…の委託」 over 委託事項1).
            let (first, carried) = match self.heads {
                Some((first, h)) if first > self.start => (first, h),
                _ => (row, 0.0),
            };
            self.breaks.push(first);
            self.start = first;
            self.used = self.repeated + carried;
            if first == row {
                self.heads = None;
            }
        }
        self.used += height;
        self.heads = match (heading, self.heads) {
            (true, Some((first, h))) => Some((first, h + height)),
            (true, None) => Some((row, height)),
            (false, _) => None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fills_most_of_the_page() {
        let table = f64::from(GRID) * column_pt();
        assert!(table <= page_width(), "{table} pt");
        assert!(table >= 0.9 * page_width(), "{table} pt");
    }

    #[test]
    fn full_width_characters_take_twice_the_room_of_half_width_ones() {
        // Ten columns hold about 41 full-width characters at 9 pt.
        let per_line = (10.0 * column_pt() - 2.0 * PAD) / 9.0 - 1.0;
        assert_eq!(line_count(&"あ".repeat(per_line as usize), 10, 9.0), 1);
        assert_eq!(line_count(&"あ".repeat(per_line as usize + 1), 10, 9.0), 2);
        assert_eq!(line_count(&"a".repeat(per_line as usize * 2), 10, 9.0), 1);
        assert_eq!(line_count("a\nb\nc", 10, 9.0), 3);
        assert!(line_count(&"あ".repeat(40), 2, 9.0) > line_count(&"あ".repeat(40), 10, 9.0));
    }

    #[test]
    fn a_long_text_is_cut_after_the_paragraphs_that_fit() {
        let text = "一行目\n二行目\n三行目\n";
        let two = row_height(2, 9.0);
        assert_eq!(
            fitting_prefix(text, 10, 9.0, two),
            Some("一行目\n二行目\n".len())
        );
        assert_eq!(fitting_prefix(text, 10, 9.0, 1.0), None);
    }

    #[test]
    fn a_row_that_does_not_fit_starts_a_page_with_the_headings_above_it() {
        let mut p = Pages::default();
        let h = page_height();
        p.place(0, h - 30.0, false);
        p.place(1, 15.0, true);
        p.place(2, 40.0, false);
        assert_eq!(p.breaks, [1]);
        assert_eq!(p.used, 55.0);
        // A row that does not fit after another row breaks before itself.
        p.place(3, h - 60.0, false);
        p.place(4, 20.0, false);
        assert_eq!(p.breaks, [1, 4]);
        // A row whose merged label needs more room than the page has left goes over.
        p.place_keeping(5, 20.0, false, h);
        assert_eq!(p.breaks, [1, 4, 5]);
    }
}
