//! Tables: rows placed down the page, headers repeated, merged group labels, rows split across
//! pages when taller than one.

use super::super::tree::{Shade, Table};
use super::measure::{MLine, Measured};
use super::*;

/// A row ready to place: its cells' boxes (x, width), measured lines, and drawing attributes.
pub(super) struct PlacedCell {
    x: f32,
    w: f32,
    shade: Shade,
    measured: Measured,
    merge: Option<String>,
    /// Lines already drawn on earlier pages (for a row split across pages).
    done: usize,
}

impl Ctx<'_> {
    pub(super) fn prepare_row(
        &self,
        row: &crate::render::tree::Row,
        widths: &[f32],
    ) -> Vec<PlacedCell> {
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
                cell.hang,
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

    pub(super) fn table(&mut self, table: &Table) {
        self.body = table.size.unwrap_or(BODY_SIZE);
        self.table_rows(table);
        self.body = BODY_SIZE;
    }

    fn table_rows(&mut self, table: &Table) {
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
        let min_split = 3.0 * line_height(self.body) + 2.0 * PAD_Y;
        for (index, row) in table.rows.iter().enumerate() {
            let mut cells = self.prepare_row(row, &widths);
            // A group row (a full-width label with no item of its own) stays with the row after
            // it: never the last line of a page.
            // So does a numbered heading that carries its answer or its boxes (１．…の種類
            // ［ 基礎項目評価書 ］, ４．…の委託 ［ ］委託しない): a heading never ends a page.
            // And an entry's caption row (委託事項2｜its title) stays with the entry's rows.
            let is_group =
                (row.path.is_none() && row.cells.len() == 1 && row.cells[0].shade != Shade::None)
                    || row.cells.first().is_some_and(|c| c.shade == Shade::Group)
                    || row.heads;
            if is_group {
                if let Some(next) = table.rows.get(index + 1) {
                    // The next row moves to a new page whole when it fits on one, so all of
                    // it must fit here; one taller than a page is split, and a part will do.
                    let next_h = remaining_height(&self.prepare_row(next, &widths), false);
                    let page_h = Ctx::bottom() - MARGIN_TOP - header_h;
                    let own = remaining_height(&cells, false);
                    let need = own
                        + if own + next_h <= page_h {
                            next_h
                        } else {
                            min_split
                        };
                    if self.room() < need && !self.page_is_empty() {
                        self.close_merge();
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
                        self.close_merge();
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
                    // A merged group label that goes on in the next row is one cell: no line
                    // under it here (closed at the page foot if the next row moves on).
                    let merge = cells.first().and_then(|c| c.merge.as_deref());
                    let open_below = merge.is_some()
                        && table
                            .rows
                            .get(index + 1)
                            .and_then(|r| r.cells.first())
                            .and_then(|c| c.merge.as_deref())
                            == merge;
                    self.draw_row(
                        &cells,
                        row.path.as_deref(),
                        if continues { 0 } else { usize::MAX },
                    );
                    self.open_merge = None;
                    if open_below {
                        self.leave_merge_open(&cells);
                    }
                    last_merge = cells.first().and_then(|c| c.merge.clone());
                    break;
                }
                if h <= page_h || self.room() < min_split {
                    // Fits on a fresh page (or too little room to split usefully here).
                    self.close_merge();
                    self.new_page();
                    drew_header_on_page = false;
                    last_merge = None;
                    continue;
                }
                // Taller than a page: draw what fits, continue the rest on the next page.
                let fits = self.room();
                self.draw_partial(&mut cells, fits, row.path.as_deref());
                self.close_merge();
                self.new_page();
                drew_header_on_page = false;
                last_merge = None;
            }
        }
        self.y += 4.0;
    }

    /// Draws a whole row at the cursor. `skip_merged_text`: 0 to leave a continuing merged
    /// first cell without text.
    pub(super) fn draw_row(
        &mut self,
        cells: &[PlacedCell],
        path: Option<&str>,
        skip_merged_text: usize,
    ) {
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
            self.cell_border(cell, !merged_continuation);
        }
        if let Some(p) = path {
            self.page().paths.push(p.to_string());
        }
        self.y += h;
    }

    /// Draws as many lines of each cell as fit in `room`, marking them done.
    pub(super) fn draw_partial(&mut self, cells: &mut [PlacedCell], room: f32, path: Option<&str>) {
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
            self.cell_border(cell, true);
            c.done += n;
        }
        if let Some(p) = path {
            self.page().paths.push(p.to_string());
        }
        self.y += room;
    }

    pub(super) fn shade(&mut self, r: Rect, shade: Shade) {
        let gray = match shade {
            Shade::None => return,
            Shade::Label => 0.92,
            Shade::Group => 0.84,
        };
        self.page().items.push(Item::Fill { rect: r, gray });
    }

    /// Cell borders; the continuation of a merged group cell leaves out the line between it and
    /// the cell above (`top` false).
    pub(super) fn cell_border(&mut self, r: Rect, top: bool) {
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
        if top {
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

    /// Takes away the line under the merged first cell of the row just drawn (the next row
    /// continues it), remembering it for [`Ctx::close_merge`].
    fn leave_merge_open(&mut self, cells: &[PlacedCell]) {
        let Some(first) = cells.first() else { return };
        let y = self.y;
        let (x1, x2) = (first.x, first.x + first.w);
        let page = self.pages.len() - 1;
        let items = &mut self.pages[page].items;
        let under = Item::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            width: BORDER,
        };
        if let Some(at) = items.iter().rposition(|i| *i == under) {
            let line = items.remove(at);
            self.open_merge = Some((page, line));
        }
    }

    /// Puts back the line under a merged cell whose next row moved to a new page.
    pub(super) fn close_merge(&mut self) {
        if let Some((page, line)) = self.open_merge.take() {
            self.pages[page].items.push(line);
        }
    }
}

/// The height a row still needs (its undrawn lines), the tallest cell deciding.
pub(super) fn remaining_height(cells: &[PlacedCell], merged_continues: bool) -> f32 {
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
