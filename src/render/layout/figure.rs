//! A flow's picture on the page: boxes with their names, arrows with their heads, the step
//! numbers beside them — all vectors and text, placed where [`crate::render::diagram`] put them.

use super::super::diagram::{Diagram, BOX_TEXT, LABEL_TEXT};
use super::*;

/// Length and half-width of an arrowhead, in pt.
const HEAD: (f32, f32) = (5.0, 2.2);

impl Ctx<'_> {
    pub(super) fn figure(&mut self, d: &Diagram) {
        if self.room() < d.height && !self.page_is_empty() {
            self.new_page();
        }
        let (ox, oy) = (
            MARGIN_X + (content_width() - d.width).max(0.0) / 2.0,
            self.y,
        );
        let at = |x: f32, y: f32| (ox + x, oy + y);
        let mut items = Vec::new();
        let line = |(x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32| Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        };
        for node in std::iter::once(&d.body).chain(&d.counterparts) {
            let r = node.rect;
            let (x, y) = at(r.x, r.y);
            let corners = [(x, y), (x + r.w, y), (x + r.w, y + r.h), (x, y + r.h)];
            for k in 0..4 {
                items.push(line(corners[k], corners[(k + 1) % 4], 0.8));
            }
            let cell = Rect {
                x,
                y,
                w: r.w,
                h: r.h,
            };
            for (i, text) in node.lines.iter().enumerate() {
                let w = self.width(text, BOX_TEXT, false);
                // Centred in the box, a line under the other.
                let at = (x + (r.w - w) / 2.0, y + 4.0 + i as f32 * BOX_TEXT * 1.3);
                items.push(text_item(text, at, w, BOX_TEXT, 1.3, cell));
            }
        }
        for a in &d.arrows {
            let (from, to) = (at(a.from.0, a.from.1), at(a.to.0, a.to.1));
            items.push(line(from, to, 0.7));
            // The head: two short strokes back from the tip.
            let (dx, dy) = (to.0 - from.0, to.1 - from.1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / len, dy / len);
            let base = (to.0 - ux * HEAD.0, to.1 - uy * HEAD.0);
            for side in [1.0, -1.0] {
                let wing = (base.0 - uy * HEAD.1 * side, base.1 + ux * HEAD.1 * side);
                items.push(line(wing, to, 0.7));
            }
            let r = a.label_rect;
            let (x, y) = at(r.x, r.y);
            let cell = Rect {
                x,
                y,
                w: r.w,
                h: r.h,
            };
            for (i, text) in a.label.iter().enumerate() {
                let w = self.width(text, LABEL_TEXT, false);
                let at = (x + 1.0, y + 0.5 + i as f32 * LABEL_TEXT * 1.25);
                items.push(text_item(text, at, w, LABEL_TEXT, 1.2, cell));
            }
        }
        self.page().items.extend(items);
        self.y += d.height + 6.0;
    }
}

/// A line of the picture's text at `(x, top)`, `w` wide, of `size` pt on a line `leading` times
/// its size, inside `cell`.
fn text_item(
    text: &str,
    (x, top): (f32, f32),
    w: f32,
    size: f32,
    leading: f32,
    cell: Rect,
) -> Item {
    Item::Text {
        rect: Rect {
            x,
            y: top,
            w,
            h: size * leading,
        },
        baseline: top + size * (leading - 0.25),
        size,
        bold: false,
        text: text.to_string(),
        cell,
        continued: false,
    }
}
