//! Layout: the form tree → measured, positioned A4 pages.
//!
//! Text is measured with the font's real advances and broken into lines by
//! [`super::linebreak`]. Tables flow down the page; a row that does not fit moves to the next
//! page whole, or — when it is taller than a page — splits inside its text. Table headers repeat
//! on every page. A group label merged beside its items is repeated at the top of each page it
//! continues on. Every text item records the cell it belongs to, so that tests can prove that no
//! text is drawn outside its cell.
//!
//! Coordinates are in pt, from the top-left corner of the page, y downwards.

use super::fonts::Fonts;
use super::linebreak::wrap_marked;
use super::tree::{Align, Block, Content, Document, Shade, Table};

/// A4 portrait, in pt.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 42.5;
const MARGIN_TOP: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 50.0;
pub const BODY_SIZE: f32 = 9.0;
const SMALL_SIZE: f32 = 7.5;
const LINE: f32 = 1.45;
const PAD_X: f32 = 3.5;
const PAD_Y: f32 = 3.0;
const TICK: f32 = 7.0;
/// Fraction of a choice cell used for the selected answer; the rest lists the choices.
const CHOICE_SPLIT: f32 = 0.42;
const BORDER: f32 = 0.6;

pub fn content_width() -> f32 {
    PAGE_W - 2.0 * MARGIN_X
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.x + other.w <= self.x + self.w + EPS
            && other.y + other.h <= self.y + self.h + EPS
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text: `rect` is its box (x, top, width, height), `cell` the box it must stay in.
    Text {
        rect: Rect,
        baseline: f32,
        size: f32,
        bold: bool,
        text: String,
        cell: Rect,
        /// A soft break put this line on a new line (only such lines are subject to 禁則).
        continued: bool,
    },
    /// A filled rectangle (cell shading), gray level 0..1.
    Fill { rect: Rect, gray: f32 },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A tick box, drawn as a square with a circle when ticked (as the forms print ○).
    TickBox { rect: Rect, ticked: bool },
    /// Brackets drawn around a selected choice: `[ … ]`.
    Brackets { rect: Rect },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// Outline entries that start on this page: (text, level).
    pub bookmarks: Vec<(String, u8)>,
    /// Model paths of the item rows printed on this page.
    pub paths: Vec<String>,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub title: String,
    pub author: String,
}

impl Laid {
    /// The first page (1-based) on which the item at `path`, or something inside it, is printed.
    pub fn page_of(&self, path: &str) -> Option<u32> {
        let inside = format!("{path}/");
        self.pages
            .iter()
            .position(|p| {
                p.paths.iter().any(|q| {
                    q == path || q.starts_with(&inside) || path.starts_with(&format!("{q}/"))
                })
            })
            .map(|i| i as u32 + 1)
    }

    /// Text items drawn outside their cell (none, if layout is right).
    pub fn overflows(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (i, p) in self.pages.iter().enumerate() {
            for item in &p.items {
                if let Item::Text {
                    rect, cell, text, ..
                } = item
                {
                    if !cell.contains(rect) {
                        out.push((i + 1, text.clone()));
                    }
                }
            }
        }
        out
    }

    /// Every line of text, page by page, in drawing order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|i| {
                if let Item::Text { text, .. } = i {
                    Some(text.as_str())
                } else {
                    None
                }
            })
    }
}

/// A cell's content, measured for a given width: drawable lines of several kinds.
#[derive(Debug, Clone)]
enum Piece {
    /// A line of text at an x offset within the cell's inner box.
    Text {
        dx: f32,
        text: String,
        size: f32,
        bold: bool,
        width: f32,
        continued: bool,
    },
    /// A tick box followed by text on the same line.
    Tick { dx: f32, ticked: bool },
    /// Brackets around the selected answer (spanning `lines` lines).
    Brackets { dx: f32, w: f32, lines: usize },
}

impl Piece {
    /// The same piece moved right by `by`.
    fn shifted(&self, by: f32) -> Piece {
        let mut p = self.clone();
        match &mut p {
            Piece::Text { dx, .. } | Piece::Tick { dx, .. } | Piece::Brackets { dx, .. } => {
                *dx += by
            }
        }
        p
    }
}

/// A measured line of a cell: its pieces and height.
#[derive(Debug, Clone)]
struct MLine {
    pieces: Vec<Piece>,
    height: f32,
}

struct Measured {
    lines: Vec<MLine>,
}

struct Ctx<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    y: f32,
}

fn line_height(size: f32) -> f32 {
    size * LINE
}

impl<'f> Ctx<'f> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN_TOP;
    }

    fn bottom() -> f32 {
        PAGE_H - MARGIN_BOTTOM
    }

    fn room(&self) -> f32 {
        Self::bottom() - self.y
    }

    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.items.is_empty())
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.fonts.face(bold).width(text, size)
    }

    fn wrap(&self, text: &str, max: f32, size: f32, bold: bool) -> Vec<(String, f32, bool)> {
        let face = self.fonts.face(bold);
        wrap_marked(text, max, &|s| face.width(s, size))
            .into_iter()
            .map(|(l, continued)| {
                let w = face.width(&l, size);
                (l, w, continued)
            })
            .collect()
    }

    /// Text lines aligned within `inner` width.
    fn text_lines(
        &self,
        text: &str,
        inner: f32,
        size: f32,
        bold: bool,
        align: Align,
    ) -> Vec<MLine> {
        self.wrap(text, inner, size, bold)
            .into_iter()
            .map(|(t, w, continued)| {
                let dx = match align {
                    Align::Left => 0.0,
                    Align::Center => ((inner - w) / 2.0).max(0.0),
                    Align::Right => (inner - w).max(0.0),
                };
                MLine {
                    pieces: if t.is_empty() {
                        Vec::new()
                    } else {
                        vec![Piece::Text {
                            dx,
                            text: t,
                            size,
                            bold,
                            width: w,
                            continued,
                        }]
                    },
                    height: line_height(size),
                }
            })
            .collect()
    }

    fn measure(&self, content: &Content, inner: f32, bold: bool, align: Align) -> Measured {
        let lines = match content {
            Content::Text(t) => self.text_lines(t, inner, BODY_SIZE, bold, align),
            Content::Choice { selected, options } => {
                self.choice_lines(selected.as_deref(), options, inner)
            }
            Content::Ticks(items) => self.tick_lines(items, inner),
        };
        let lines = if lines.is_empty() {
            vec![MLine {
                pieces: Vec::new(),
                height: line_height(BODY_SIZE),
            }]
        } else {
            lines
        };
        Measured { lines }
    }

    /// `[ 選択 ]` on the left, `＜選択肢＞ 1) … 2) …` on the right, line by line.
    fn choice_lines(&self, selected: Option<&str>, options: &[String], inner: f32) -> Vec<MLine> {
        let left_w = inner * CHOICE_SPLIT;
        let bracket_pad = 5.0;
        let sel = self.text_lines(
            selected.unwrap_or(""),
            left_w - 2.0 * bracket_pad,
            BODY_SIZE,
            false,
            Align::Center,
        );
        let gap = 6.0;
        let right_x = left_w + gap;
        let right_w = inner - right_x;
        let mut right = self.text_lines(
            &crate::model::wording::get().choice_list,
            right_w,
            SMALL_SIZE,
            false,
            Align::Left,
        );
        for (i, o) in options.iter().enumerate() {
            right.extend(self.text_lines(
                &format!("{}) {o}", i + 1),
                right_w,
                SMALL_SIZE,
                false,
                Align::Left,
            ));
        }
        let rows = sel.len().max(right.len());
        let mut lines = Vec::with_capacity(rows);
        let sel_lines = sel.len();
        for i in 0..rows {
            let mut pieces = Vec::new();
            let mut height: f32 = 0.0;
            if let Some(l) = sel.get(i) {
                pieces.extend(l.pieces.iter().map(|p| p.shifted(bracket_pad)));
                height = height.max(l.height);
            }
            if i == 0 {
                pieces.push(Piece::Brackets {
                    dx: 0.0,
                    w: left_w,
                    lines: sel_lines.max(1),
                });
            }
            if let Some(l) = right.get(i) {
                pieces.extend(l.pieces.iter().map(|p| p.shifted(right_x)));
                height = height.max(l.height);
            }
            lines.push(MLine { pieces, height });
        }
        // The bracketed answer is as tall as its own lines; keep the first line tall enough.
        if let Some(first) = lines.first_mut() {
            first.height = first.height.max(line_height(BODY_SIZE));
        }
        lines
    }

    /// Tick boxes flowed left to right, wrapping; a long label wraps under its own box.
    fn tick_lines(&self, items: &[(bool, String)], inner: f32) -> Vec<MLine> {
        let box_w = TICK + 3.0;
        let gap = 10.0;
        let lh = line_height(BODY_SIZE);
        let mut lines: Vec<MLine> = Vec::new();
        let mut cur: Vec<Piece> = Vec::new();
        let mut x = 0.0;
        for (ticked, label) in items {
            let w = self.width(label, BODY_SIZE, false);
            if box_w + w > inner {
                // Too long for one line: the box, then the label wrapped beside it.
                if !cur.is_empty() {
                    lines.push(MLine {
                        pieces: std::mem::take(&mut cur),
                        height: lh,
                    });
                }
                let wrapped = self.wrap(label, inner - box_w, BODY_SIZE, false);
                for (i, (t, tw, continued)) in wrapped.into_iter().enumerate() {
                    let mut pieces = Vec::new();
                    if i == 0 {
                        pieces.push(Piece::Tick {
                            dx: 0.0,
                            ticked: *ticked,
                        });
                    }
                    pieces.push(Piece::Text {
                        dx: box_w,
                        text: t,
                        size: BODY_SIZE,
                        bold: false,
                        width: tw,
                        continued,
                    });
                    lines.push(MLine { pieces, height: lh });
                }
                x = 0.0;
                continue;
            }
            if x > 0.0 && x + box_w + w > inner {
                lines.push(MLine {
                    pieces: std::mem::take(&mut cur),
                    height: lh,
                });
                x = 0.0;
            }
            cur.push(Piece::Tick {
                dx: x,
                ticked: *ticked,
            });
            if !label.is_empty() {
                cur.push(Piece::Text {
                    dx: x + box_w,
                    text: label.clone(),
                    size: BODY_SIZE,
                    bold: false,
                    width: w,
                    continued: false,
                });
            }
            x += box_w + w + gap;
        }
        if !cur.is_empty() {
            lines.push(MLine {
                pieces: cur,
                height: lh,
            });
        }
        lines
    }

    /// Draws measured lines into a cell box starting at `top`.
    fn draw_lines(&mut self, lines: &[MLine], cell: Rect, top: f32) {
        let mut y = top + PAD_Y;
        let inner_x = cell.x + PAD_X;
        let mut items = Vec::new();
        for l in lines {
            for p in &l.pieces {
                match p {
                    Piece::Text {
                        dx,
                        text,
                        size,
                        bold,
                        width,
                        continued,
                    } => {
                        let rect = Rect {
                            x: inner_x + dx,
                            y,
                            w: *width,
                            h: line_height(*size),
                        };
                        let baseline = y + (line_height(*size) - size) / 2.0 + size * 0.88;
                        items.push(Item::Text {
                            rect,
                            baseline,
                            size: *size,
                            bold: *bold,
                            text: text.clone(),
                            cell,
                            continued: *continued,
                        });
                    }
                    Piece::Tick { dx, ticked } => {
                        let off = (line_height(BODY_SIZE) - TICK) / 2.0;
                        items.push(Item::TickBox {
                            rect: Rect {
                                x: inner_x + dx,
                                y: y + off,
                                w: TICK,
                                h: TICK,
                            },
                            ticked: *ticked,
                        });
                    }
                    Piece::Brackets { dx, w, lines } => {
                        let h = line_height(BODY_SIZE) * *lines as f32;
                        items.push(Item::Brackets {
                            rect: Rect {
                                x: inner_x + dx,
                                y,
                                w: *w,
                                h,
                            },
                        });
                    }
                }
            }
            y += l.height;
        }
        self.page().items.extend(items);
    }

    fn heading_height(&self, text: &str, level: u8) -> f32 {
        let size = if level == 1 { 11.0 } else { 10.0 };
        self.wrap(text, content_width(), size, true).len() as f32 * line_height(size) + 6.0
    }

    /// The room a heading needs below it: the headings that follow it directly, and the first
    /// row of the table after them (or a useful part of it, if that row is taller than a page).
    fn keep_with(&self, rest: &[Block]) -> f32 {
        let min_split = 3.0 * line_height(BODY_SIZE) + 2.0 * PAD_Y;
        let mut need = 0.0;
        for b in rest {
            match b {
                Block::Heading(h) => need += self.heading_height(&h.text, h.level),
                Block::Table(t) => {
                    let total: f32 = t.widths.iter().sum();
                    let widths: Vec<f32> = t
                        .widths
                        .iter()
                        .map(|w| w / total * content_width())
                        .collect();
                    let header: f32 = t
                        .header
                        .iter()
                        .map(|r| remaining_height(&self.prepare_row(r, &widths), false))
                        .sum();
                    let first = t
                        .rows
                        .first()
                        .map(|r| remaining_height(&self.prepare_row(r, &widths), false))
                        .unwrap_or(0.0);
                    let page_h = Ctx::bottom() - MARGIN_TOP - header;
                    return need + header + if first <= page_h { first } else { min_split };
                }
                Block::Paragraph(_) => return need + 2.0 * line_height(BODY_SIZE),
                _ => return need,
            }
        }
        need
    }

    fn heading(&mut self, text: &str, level: u8, rest: &[Block]) {
        let size = if level == 1 { 11.0 } else { 10.0 };
        let lines = self.wrap(text, content_width(), size, true);
        let h = lines.len() as f32 * line_height(size) + 6.0;
        // Keep a heading with what follows it.
        let follow = self.keep_with(rest).min(Ctx::bottom() - MARGIN_TOP - h);
        if self.room() < h + follow && !self.page_is_empty() {
            self.new_page();
        }
        self.y += if self.page_is_empty() { 0.0 } else { 6.0 };
        let cell = Rect {
            x: MARGIN_X,
            y: self.y,
            w: content_width(),
            h,
        };
        let mut y = self.y;
        let mut items = Vec::new();
        for (t, w, continued) in lines {
            let rect = Rect {
                x: MARGIN_X,
                y,
                w,
                h: line_height(size),
            };
            items.push(Item::Text {
                rect,
                baseline: y + (line_height(size) - size) / 2.0 + size * 0.88,
                size,
                bold: true,
                text: t,
                cell,
                continued,
            });
            y += line_height(size);
        }
        let page = self.page();
        page.items.extend(items);
        page.bookmarks.push((text.to_string(), level));
        self.y += h - 3.0;
    }

    fn paragraph(&mut self, p: &super::tree::Paragraph) {
        let size = p.size.unwrap_or(BODY_SIZE);
        let inner = content_width() - if p.boxed { 2.0 * PAD_X } else { 0.0 };
        let lines = self.text_lines(&p.text, inner, size, p.bold, p.align);
        for chunk in lines.chunks(1) {
            let h = chunk[0].height + if p.boxed { 2.0 * PAD_Y } else { 0.0 };
            if self.room() < h {
                self.new_page();
            }
            let cell = Rect {
                x: MARGIN_X,
                y: self.y,
                w: content_width(),
                h,
            };
            if p.boxed {
                self.draw_lines(chunk, cell, self.y);
                self.outline(cell);
            } else {
                // An unboxed paragraph uses the full text width: its box is the padding around
                // that, so that the text sits exactly on the margins.
                let around = Rect {
                    x: MARGIN_X - PAD_X,
                    y: self.y - PAD_Y,
                    w: content_width() + 2.0 * PAD_X,
                    h: h + 2.0 * PAD_Y,
                };
                self.draw_lines(chunk, around, around.y);
            }
            self.y += h;
        }
    }

    fn outline(&mut self, r: Rect) {
        self.cell_border(r, false);
    }
}

/// A row ready to place: its cells' boxes (x, width), measured lines, and drawing attributes.
struct PlacedCell {
    x: f32,
    w: f32,
    shade: Shade,
    measured: Measured,
    merge: Option<String>,
    /// Lines already drawn on earlier pages (for a row split across pages).
    done: usize,
}

impl Ctx<'_> {
    fn prepare_row(&self, row: &super::tree::Row, widths: &[f32]) -> Vec<PlacedCell> {
        let mut x = MARGIN_X;
        let mut col = 0;
        let mut cells = Vec::new();
        for cell in &row.cells {
            let span = cell
                .span
                .max(1)
                .min(widths.len().saturating_sub(col).max(1));
            let w: f32 = widths[col.min(widths.len() - 1)..(col + span).min(widths.len())]
                .iter()
                .sum();
            let inner = w - 2.0 * PAD_X;
            let measured = self.measure(
                &cell.content,
                inner,
                cell.bold || cell.shade == Shade::Group,
                cell.align,
            );
            cells.push(PlacedCell {
                x,
                w,
                shade: cell.shade,
                measured,
                merge: cell.merge.clone(),
                done: 0,
            });
            x += w;
            col += span;
        }
        cells
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.widths.iter().sum();
        let widths: Vec<f32> = table
            .widths
            .iter()
            .map(|w| w / total * content_width())
            .collect();
        let header: Vec<Vec<PlacedCell>> = table
            .header
            .iter()
            .map(|r| self.prepare_row(r, &widths))
            .collect();
        let header_h: f32 = header
            .iter()
            .map(|cells| remaining_height(cells, false))
            .sum();
        let mut drew_header_on_page = false;
        // The merge key of the group label drawn last in the first column, on this page.
        let mut last_merge: Option<String> = None;
        let min_split = 3.0 * line_height(BODY_SIZE) + 2.0 * PAD_Y;
        for (index, row) in table.rows.iter().enumerate() {
            let mut cells = self.prepare_row(row, &widths);
            // A group row (a full-width label with no item of its own) stays with the row after
            // it: never the last line of a page.
            let is_group =
                row.path.is_none() && row.cells.len() == 1 && row.cells[0].shade != Shade::None;
            if is_group {
                if let Some(next) = table.rows.get(index + 1) {
                    let next_cells = self.prepare_row(next, &widths);
                    let need = remaining_height(&cells, false)
                        + remaining_height(&next_cells, false).min(min_split);
                    if self.room() < need && !self.page_is_empty() {
                        self.new_page();
                        drew_header_on_page = false;
                        last_merge = None;
                    }
                }
            }
            loop {
                if !drew_header_on_page && !header.is_empty() {
                    // A header goes only where its first row fits too (or, for a row taller
                    // than a page, a useful part of it): never a header alone at a page foot.
                    let first = remaining_height(&cells, false);
                    let page_h = Ctx::bottom() - MARGIN_TOP - header_h;
                    let needed = header_h + if first <= page_h { first } else { min_split };
                    if self.room() < needed && !self.page_is_empty() {
                        self.new_page();
                    }
                    for h in &table.header {
                        let hc = self.prepare_row(h, &widths);
                        self.draw_row(&hc, None, usize::MAX);
                    }
                    drew_header_on_page = true;
                }
                // A merged group label continuing from the previous row shows no text again,
                // except at the top of a page.
                let continues = cells
                    .first()
                    .and_then(|c| c.merge.clone())
                    .is_some_and(|k| last_merge.as_deref() == Some(&k));
                let h = remaining_height(&cells, continues);
                let page_h = Ctx::bottom() - MARGIN_TOP - header_h;
                if h <= self.room() {
                    self.draw_row(
                        &cells,
                        row.path.as_deref(),
                        if continues { 0 } else { usize::MAX },
                    );
                    last_merge = cells.first().and_then(|c| c.merge.clone());
                    break;
                }
                if h <= page_h || self.room() < min_split {
                    // Fits on a fresh page (or too little room to split usefully here).
                    self.new_page();
                    drew_header_on_page = false;
                    last_merge = None;
                    continue;
                }
                // Taller than a page: draw what fits, continue the rest on the next page.
                let fits = self.room();
                self.draw_partial(&mut cells, fits, row.path.as_deref());
                self.new_page();
                drew_header_on_page = false;
                last_merge = None;
            }
        }
        self.y += 4.0;
    }

    /// Draws a whole row at the cursor. `skip_merged_text`: 0 to leave a continuing merged
    /// first cell without text.
    fn draw_row(&mut self, cells: &[PlacedCell], path: Option<&str>, skip_merged_text: usize) {
        let h = remaining_height(cells, skip_merged_text == 0);
        let top = self.y;
        for (i, c) in cells.iter().enumerate() {
            let cell = Rect {
                x: c.x,
                y: top,
                w: c.w,
                h,
            };
            self.shade(cell, c.shade);
            let merged_continuation = i == 0 && skip_merged_text == 0 && c.merge.is_some();
            if !merged_continuation {
                self.draw_lines(&c.measured.lines[c.done..], cell, top);
            }
            self.cell_border(cell, merged_continuation);
        }
        if let Some(p) = path {
            self.page().paths.push(p.to_string());
        }
        self.y += h;
    }

    /// Draws as many lines of each cell as fit in `room`, marking them done.
    fn draw_partial(&mut self, cells: &mut [PlacedCell], room: f32, path: Option<&str>) {
        let top = self.y;
        for c in cells.iter_mut() {
            let mut used = 2.0 * PAD_Y;
            let mut n = 0;
            for l in &c.measured.lines[c.done..] {
                if used + l.height > room {
                    break;
                }
                used += l.height;
                n += 1;
            }
            let cell = Rect {
                x: c.x,
                y: top,
                w: c.w,
                h: room,
            };
            self.shade(cell, c.shade);
            let lines: Vec<MLine> = c.measured.lines[c.done..c.done + n].to_vec();
            self.draw_lines(&lines, cell, top);
            self.cell_border(cell, false);
            c.done += n;
        }
        if let Some(p) = path {
            self.page().paths.push(p.to_string());
        }
        self.y += room;
    }

    fn shade(&mut self, r: Rect, shade: Shade) {
        let gray = match shade {
            Shade::None => return,
            Shade::Label => 0.92,
            Shade::Group => 0.84,
        };
        self.page().items.push(Item::Fill { rect: r, gray });
    }

    /// Cell borders; the continuation of a merged group cell leaves out the line between it and
    /// the cell above.
    fn cell_border(&mut self, r: Rect, continuation: bool) {
        let mut items = vec![
            Item::Line {
                x1: r.x,
                y1: r.y + r.h,
                x2: r.x + r.w,
                y2: r.y + r.h,
                width: BORDER,
            },
            Item::Line {
                x1: r.x,
                y1: r.y,
                x2: r.x,
                y2: r.y + r.h,
                width: BORDER,
            },
            Item::Line {
                x1: r.x + r.w,
                y1: r.y,
                x2: r.x + r.w,
                y2: r.y + r.h,
                width: BORDER,
            },
        ];
        if !continuation {
            items.push(Item::Line {
                x1: r.x,
                y1: r.y,
                x2: r.x + r.w,
                y2: r.y,
                width: BORDER,
            });
        }
        self.page().items.extend(items);
    }
}

/// The height a row still needs (its undrawn lines), the tallest cell deciding.
fn remaining_height(cells: &[PlacedCell], merged_continues: bool) -> f32 {
    cells
        .iter()
        .enumerate()
        .filter(|(i, c)| !(merged_continues && *i == 0 && c.merge.is_some()))
        .map(|(_, c)| {
            c.measured.lines[c.done.min(c.measured.lines.len())..]
                .iter()
                .map(|l| l.height)
                .sum::<f32>()
                + 2.0 * PAD_Y
        })
        .fold(0.0, f32::max)
}

/// Lays a document out on pages, with the page header (評価書名) and footer (page N / total).
pub fn layout(doc: &Document, fonts: &Fonts) -> Laid {
    let mut ctx = Ctx {
        fonts,
        pages: vec![Page::default()],
        y: MARGIN_TOP,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::PageBreak => {
                if !ctx.page_is_empty() {
                    ctx.new_page();
                }
            }
            Block::Heading(h) => ctx.heading(&h.text, h.level, &doc.blocks[i + 1..]),
            Block::Paragraph(p) => ctx.paragraph(p),
            Block::Table(t) => ctx.table(t),
            Block::Space(s) => {
                ctx.y += s;
                if ctx.y > Ctx::bottom() {
                    ctx.new_page();
                }
            }
        }
    }
    if ctx.page_is_empty() && ctx.pages.len() > 1 {
        ctx.pages.pop();
    }
    let total = ctx.pages.len();
    for (i, page) in ctx.pages.iter_mut().enumerate() {
        let footer = format!("{} / {}", i + 1, total);
        let fw = fonts.mincho.width(&footer, 8.0);
        let fcell = Rect {
            x: MARGIN_X,
            y: PAGE_H - 34.0,
            w: content_width(),
            h: line_height(8.0),
        };
        page.items.push(Item::Text {
            rect: Rect {
                x: (PAGE_W - fw) / 2.0,
                y: fcell.y,
                w: fw,
                h: fcell.h,
            },
            baseline: fcell.y + 8.0,
            size: 8.0,
            bold: false,
            text: footer,
            cell: fcell,
            continued: false,
        });
        if i > 0 {
            let head = truncate(&doc.title, content_width(), 8.0, fonts);
            let hw = fonts.mincho.width(&head, 8.0);
            let hcell = Rect {
                x: MARGIN_X,
                y: 26.0,
                w: content_width(),
                h: line_height(8.0),
            };
            page.items.push(Item::Text {
                rect: Rect {
                    x: PAGE_W - MARGIN_X - hw,
                    y: hcell.y,
                    w: hw,
                    h: hcell.h,
                },
                baseline: hcell.y + 8.0,
                size: 8.0,
                bold: false,
                text: head,
                cell: hcell,
                continued: false,
            });
        }
    }
    Laid {
        pages: ctx.pages,
        title: doc.title.clone(),
        author: doc.author.clone(),
    }
}

/// `text` shortened with … to fit `max` (a page header never wraps).
fn truncate(text: &str, max: f32, size: f32, fonts: &Fonts) -> String {
    let one_line = text.replace('\n', " ");
    if fonts.mincho.width(&one_line, size) <= max {
        return one_line;
    }
    let mut s = String::new();
    for c in one_line.chars() {
        if fonts.mincho.width(&format!("{s}{c}…"), size) > max {
            break;
        }
        s.push(c);
    }
    s.push('…');
    s
}
