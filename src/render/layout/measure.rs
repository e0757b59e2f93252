//! Measuring a cell's content into lines of pieces (text, tick boxes, brackets), and drawing
//! measured lines into a cell's box.

use super::super::linebreak::{hanging_prefix, wrap_marked};
use super::super::tree::{Align, Content, GROUP_MARK};
use super::*;

/// A cell's content, measured for a given width: drawable lines of several kinds.
#[derive(Debug, Clone)]
pub(super) enum Piece {
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
    pub(super) fn shifted(&self, by: f32) -> Piece {
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
pub(super) struct MLine {
    pub(super) pieces: Vec<Piece>,
    pub(super) height: f32,
}

pub(super) struct Measured {
    pub(super) lines: Vec<MLine>,
}

pub(super) fn line_height(size: f32) -> f32 {
    size * LINE
}

impl Ctx<'_> {
    pub(super) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.fonts.face(bold).width(text, size)
    }

    pub(super) fn wrap(
        &self,
        text: &str,
        max: f32,
        size: f32,
        bold: bool,
    ) -> Vec<(String, f32, bool)> {
        let face = self.fonts.face(bold);
        wrap_marked(text, max, &|s| face.width(s, size))
            .into_iter()
            .map(|(l, continued)| {
                let w = face.width(&l, size);
                (l, w, continued)
            })
            .collect()
    }

    /// Text lines aligned within `inner` width. A left-aligned numbered or marked paragraph
    /// (`(1)…`, `①…`, `・…`) hangs: its wrapped lines start under its text, not its number.
    pub(super) fn text_lines(
        &self,
        text: &str,
        inner: f32,
        size: f32,
        bold: bool,
        align: Align,
        hang: bool,
    ) -> Vec<MLine> {
        let mut placed: Vec<(String, f32, bool, f32)> = Vec::new();
        for paragraph in text.split('\n') {
            let hang = (hang && align == Align::Left)
                .then(|| hanging_prefix(paragraph))
                .flatten()
                .map(|n| self.width(&paragraph[..n], size, bold))
                .filter(|indent| *indent < inner * 0.4);
            let lines = self.wrap(paragraph, inner, size, bold);
            match hang {
                Some(indent) if lines.len() > 1 => {
                    // The first line as it is; the rest wrapped again to the narrower measure.
                    let (first, w, _) = lines[0].clone();
                    let rest = paragraph[first.len()..].trim_start_matches([' ', '\u{3000}']);
                    placed.push((first, w, false, 0.0));
                    for (t, w, _) in self.wrap(rest, inner - indent, size, bold) {
                        placed.push((t, w, true, indent));
                    }
                }
                _ => placed.extend(lines.into_iter().map(|(t, w, c)| (t, w, c, 0.0))),
            }
        }
        placed
            .into_iter()
            .map(|(t, w, continued, indent)| {
                let dx = match align {
                    Align::Left => indent,
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

    pub(super) fn measure(
        &self,
        content: &Content,
        inner: f32,
        bold: bool,
        align: Align,
        hang: bool,
    ) -> Measured {
        let lines = match content {
            Content::Text(t) => self.text_lines(t, inner, self.body, bold, align, hang),
            Content::Choice {
                selected,
                options,
                note,
            } => {
                let mut lines = self.choice_lines(selected.as_deref(), options, inner);
                // 「（ 3 ）件」 under the answer and its list.
                if let Some(n) = note {
                    lines.extend(self.text_lines(n, inner, self.body, false, Align::Left, false));
                }
                lines
            }
            Content::Ticks(items) => self.tick_lines(items, inner),
            Content::TickGroups(groups) => {
                // Each caption on a line, its boxes indented under it.
                let indent = self.width("　", self.body, false);
                let mut lines = Vec::new();
                for (caption, items) in groups {
                    let text = format!("{GROUP_MARK}{caption}");
                    lines.extend(self.text_lines(
                        &text,
                        inner,
                        self.body,
                        false,
                        Align::Left,
                        true,
                    ));
                    lines.extend(self.tick_lines(items, inner - indent).into_iter().map(|l| {
                        MLine {
                            pieces: l.pieces.iter().map(|p| p.shifted(indent)).collect(),
                            height: l.height,
                        }
                    }));
                }
                lines
            }
        };
        let lines = if lines.is_empty() {
            vec![MLine {
                pieces: Vec::new(),
                height: line_height(self.body),
            }]
        } else {
            lines
        };
        Measured { lines }
    }

    /// `[ 選択 ]` on the left, `＜選択肢＞ 1) … 2) …` on the right, line by line.
    pub(super) fn choice_lines(
        &self,
        selected: Option<&str>,
        options: &[String],
        inner: f32,
    ) -> Vec<MLine> {
        let bracket_pad = 5.0;
        let small = self.body * SMALL_SIZE / BODY_SIZE;
        // The answer stands on one line between its brackets, as the form prints
        // 「[特定個人情報ファイルの全体]」: the bracket widens past its share of the cell when
        // the answer needs it.
        let widest_option = options
            .iter()
            .enumerate()
            .map(|(i, o)| self.width(&format!("{}) {o}", i + 1), small, false))
            .fold(0.0, f32::max);
        let answer_w =
            self.width(selected.unwrap_or(""), self.body, false) + 2.0 * bracket_pad + 1.0;
        // The list keeps its lines unless the answer needs more: then it keeps a third. An
        // answer longer than two thirds of the cell (Ⅵ ②しきい値判断結果's 「基礎項目評価及び重点
        // 項目評価の実施が義務付けられる」) stands on its own line with the list under it.
        let room = (inner - widest_option - 6.0).max(inner * 0.66);
        let stacked = answer_w > room;
        let left_w = if stacked {
            answer_w.min(inner)
        } else {
            answer_w.clamp(inner * CHOICE_SPLIT, room)
        };
        let sel = self.text_lines(
            selected.unwrap_or(""),
            left_w - 2.0 * bracket_pad,
            self.body,
            false,
            Align::Center,
            false,
        );
        let gap = 6.0;
        let (right_x, below) = if stacked {
            (0.0, sel.len())
        } else {
            (left_w + gap, 0)
        };
        let right_w = inner - right_x;
        let mut right = self.text_lines(
            &crate::model::wording::get().choice_list,
            right_w,
            small,
            false,
            Align::Left,
            false,
        );
        for (i, o) in options.iter().enumerate() {
            right.extend(self.text_lines(
                &format!("{}) {o}", i + 1),
                right_w,
                small,
                false,
                Align::Left,
                true,
            ));
        }
        let rows = sel.len().max(below + right.len());
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
            if let Some(l) = i.checked_sub(below).and_then(|i| right.get(i)) {
                pieces.extend(l.pieces.iter().map(|p| p.shifted(right_x)));
                height = height.max(l.height);
            }
            lines.push(MLine { pieces, height });
        }
        // The bracketed answer is as tall as its own lines; keep the first line tall enough.
        if let Some(first) = lines.first_mut() {
            first.height = first.height.max(line_height(self.body));
        }
        lines
    }

    /// Tick boxes flowed left to right, wrapping; a long label wraps under its own box.
    pub(super) fn tick_lines(&self, items: &[(bool, String)], inner: f32) -> Vec<MLine> {
        let box_w = self.width(TICKED, self.body, false);
        let gap = 10.0;
        let lh = line_height(self.body);
        let mut lines: Vec<MLine> = Vec::new();
        let mut cur: Vec<Piece> = Vec::new();
        let mut x = 0.0;
        // The form sets a list of boxes in a fixed grid (seed 004's ③他のシステムとの接続: two a
        // line, each under the one above): as many columns as leave two thirds of the boxes room
        // in one; a box too wide for its column takes a line of its own.
        let widths: Vec<f32> = items
            .iter()
            .map(|(_, l)| box_w + self.width(l, self.body, false) + gap)
            .collect();
        // In a column, a box needs a little room after its label, not a whole gap.
        let fits_in = |w: f32, col: f32| w - gap + 4.0 <= col;
        // Boxes that fit one line stay on it, along the row (「実施の有無 ［○］自己点検 ［ ］内部監査 …」).
        let one_line = widths.iter().sum::<f32>() - gap <= inner;
        let grid = (2..=4usize).rev().filter(|_| !one_line).find(|&c| {
            let fits = widths
                .iter()
                .filter(|w| fits_in(**w, inner / c as f32))
                .count();
            items.len() > c && fits * 3 >= items.len() * 2
        });
        if let Some(columns) = grid {
            let col_w = inner / columns as f32;
            for ((ticked, label), w) in items.iter().zip(&widths) {
                let span = if fits_in(*w, col_w) {
                    1
                } else {
                    (((w - gap + 4.0) / col_w).ceil() as usize).clamp(1, columns)
                };
                let col = (x / col_w).round() as usize;
                if col > 0 && (span > 1 || col + span > columns) {
                    lines.push(MLine {
                        pieces: std::mem::take(&mut cur),
                        height: lh,
                    });
                    x = 0.0;
                }
                if span == columns && box_w + w - gap > inner {
                    // Longer than the line: wrapped beside its box, below.
                    lines.extend(self.wrapped_box(*ticked, label, inner));
                    x = 0.0;
                    continue;
                }
                push_box(
                    &mut cur,
                    x,
                    box_w,
                    *ticked,
                    label,
                    w - box_w - gap,
                    self.body,
                );
                x += span as f32 * col_w;
                if x >= inner - 0.5 {
                    lines.push(MLine {
                        pieces: std::mem::take(&mut cur),
                        height: lh,
                    });
                    x = 0.0;
                }
            }
            if !cur.is_empty() {
                lines.push(MLine {
                    pieces: cur,
                    height: lh,
                });
            }
            return lines;
        }
        for (ticked, label) in items {
            let w = self.width(label, self.body, false);
            if box_w + w > inner {
                // Too long for one line: the box, then the label wrapped beside it.
                if !cur.is_empty() {
                    lines.push(MLine {
                        pieces: std::mem::take(&mut cur),
                        height: lh,
                    });
                }
                lines.extend(self.wrapped_box(*ticked, label, inner));
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
            push_box(&mut cur, x, box_w, *ticked, label, w, self.body);
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

    /// A box whose label is longer than the line: the box, then the label wrapped beside it.
    fn wrapped_box(&self, ticked: bool, label: &str, inner: f32) -> Vec<MLine> {
        let box_w = self.width(TICKED, self.body, false);
        let lh = line_height(self.body);
        let wrapped = self.wrap(label, inner - box_w, self.body, false);
        wrapped
            .into_iter()
            .enumerate()
            .map(|(i, (t, tw, continued))| {
                let mut pieces = Vec::new();
                if i == 0 {
                    pieces.push(Piece::Tick { dx: 0.0, ticked });
                }
                pieces.push(Piece::Text {
                    dx: box_w,
                    text: t,
                    size: self.body,
                    bold: false,
                    width: tw,
                    continued,
                });
                MLine { pieces, height: lh }
            })
            .collect()
    }

    /// Draws measured lines into a cell box starting at `top`.
    pub(super) fn draw_lines(&mut self, lines: &[MLine], cell: Rect, top: f32) {
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
                        let size = self.body;
                        items.push(Item::TickBox {
                            rect: Rect {
                                x: inner_x + dx,
                                y,
                                w: self.width(TICKED, size, false),
                                h: line_height(size),
                            },
                            baseline: y + (line_height(size) - size) / 2.0 + size * 0.88,
                            ticked: *ticked,
                        });
                    }
                    Piece::Brackets { dx, w, lines } => {
                        let h = line_height(self.body) * *lines as f32;
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
}

/// A tick box at `x` on a line, its label (`label_w` wide) after it.
fn push_box(
    line: &mut Vec<Piece>,
    x: f32,
    box_w: f32,
    ticked: bool,
    label: &str,
    label_w: f32,
    size: f32,
) {
    line.push(Piece::Tick { dx: x, ticked });
    if !label.is_empty() {
        line.push(Piece::Text {
            dx: x + box_w,
            text: label.to_string(),
            size,
            bold: false,
            width: label_w,
            continued: false,
        });
    }
}
