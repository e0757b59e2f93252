//! Headings and paragraphs: the blocks that flow between tables, and what a heading keeps with
//! it at a page foot.

use super::super::tree::Block;
use super::table::remaining_height;
use super::*;

impl Ctx<'_> {
    pub(super) fn heading_height(&self, text: &str, level: u8) -> f32 {
        let size = if level == 1 { 11.0 } else { 10.0 };
        self.wrap(text, content_width(), size, true).len() as f32 * line_height(size) + 6.0
    }

    /// The room a heading needs below it: the headings that follow it directly, and the first
    /// row of the table after them (or a useful part of it, if that row is taller than a page).
    pub(super) fn keep_with(&self, rest: &[Block]) -> f32 {
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

    pub(super) fn heading(&mut self, text: &str, level: u8, rest: &[Block]) {
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

    pub(super) fn paragraph(&mut self, p: &crate::render::tree::Paragraph) {
        let size = p.size.unwrap_or(BODY_SIZE);
        let inner = content_width() - if p.boxed { 2.0 * PAD_X } else { 0.0 };
        let lines = self.text_lines(&p.text, inner, size, p.bold, p.align, true);
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

    pub(super) fn outline(&mut self, r: Rect) {
        self.cell_border(r, true);
    }
}
