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

mod figure;
mod flow;
mod measure;
mod table;

use super::fonts::Fonts;
use super::tree::{printed_blocks, Block, Document};
use measure::line_height;

/// A4 portrait, in pt.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 42.5;
const MARGIN_TOP: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 50.0;
pub const BODY_SIZE: f32 = 9.0;
const SMALL_SIZE: f32 = 7.5;
const LINE: f32 = 1.35;
const PAD_X: f32 = 3.5;
const PAD_Y: f32 = 3.0;
/// A tick box as the forms print it.
pub const TICKED: &str = "［○］";
pub const UNTICKED: &str = "［　］";
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
    /// A tick box, printed as the forms print it: [`TICKED`] or [`UNTICKED`], in body text.
    TickBox {
        rect: Rect,
        baseline: f32,
        ticked: bool,
    },
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

struct Ctx<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    y: f32,
    /// The line under a merged group cell that the next row continues: (page, line), put
    /// back if that row moves to a new page.
    open_merge: Option<(usize, Item)>,
    /// The type size of the table being laid out (the body's, or its own).
    body: f32,
}

impl Ctx<'_> {
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
}

/// Lays a document out on pages, with the page header (評価書名) and footer (page N / total).
pub fn layout(doc: &Document, fonts: &Fonts) -> Laid {
    let mut ctx = Ctx {
        fonts,
        pages: vec![Page::default()],
        y: MARGIN_TOP,
        open_merge: None,
        body: BODY_SIZE,
    };
    let blocks: Vec<Block> = printed_blocks(&doc.blocks).into_iter().cloned().collect();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::PageBreak => {
                if !ctx.page_is_empty() {
                    ctx.new_page();
                }
            }
            Block::Heading(h) => ctx.heading(&h.text, h.level, &blocks[i + 1..]),
            Block::Paragraph(p) => ctx.paragraph(p),
            Block::Table(t) => ctx.table(t),
            Block::Space(s) => {
                ctx.y += s;
                if ctx.y > Ctx::bottom() {
                    ctx.new_page();
                }
            }
            Block::Figure(d) => ctx.figure(d),
            Block::Pictures(_) => unreachable!("opened by printed_blocks"),
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
