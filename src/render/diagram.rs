//! The picture of a flow (別紙1 情報連携イメージ図): the body in the middle, its counterparts on
//! an ellipse around it, and between the body and each counterpart an arrow each way that
//! carries the numbers of its steps.
//!
//! Every arrow runs straight from the body's box to its counterpart's, so arrows meet only at
//! the body and no arrow passes through another box (boxes sit at distinct angles, far enough
//! apart on the ellipse). A step-number label is placed beside its arrow, at the first place
//! along it where it touches no box, no other label and no arrow; when there is none, the
//! picture grows taller and is laid out again. [`Diagram::problems`] re-checks all of it, and the
//! tests run it on seed 003's 20-step 資格 flow.

/// A rectangle: x, y of its top-left corner, width and height, in pt (y downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Box2 {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Box2 {
    fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    fn grown(&self, by: f32) -> Box2 {
        Box2 {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }

    fn overlaps(&self, o: &Box2) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Whether the segment from `a` to `b` passes through the box's inside.
    fn cut_by(&self, a: (f32, f32), b: (f32, f32)) -> bool {
        // Liang–Barsky clipping: the part of the segment inside the box, if any.
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut t0 = 0.0_f32;
        let mut t1 = 1.0_f32;
        for (p, q) in [
            (-dx, a.0 - self.x),
            (dx, self.x + self.w - a.0),
            (-dy, a.1 - self.y),
            (dy, self.y + self.h - a.1),
        ] {
            if p.abs() < f32::EPSILON {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t1 - t0 > 1e-3
    }
}

/// A box with its lines of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub rect: Box2,
    pub lines: Vec<String>,
}

/// An arrow from `from` to `to` (the head at `to`) and its label's lines and box.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub label: Vec<String>,
    pub label_rect: Box2,
    /// The counterpart (index into [`Diagram::counterparts`]) the arrow joins the body to.
    pub counterpart: usize,
}

/// A laid-out picture, in a frame `width` × `height` with its origin at the top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub width: f32,
    pub height: f32,
    pub body: Node,
    pub counterparts: Vec<Node>,
    pub arrows: Vec<Arrow>,
}

/// What the picture shows: the body's name, and each counterpart with the numbers of the
/// steps that go out to it and come in from it.
pub struct Spec<'a> {
    pub body: &'a str,
    pub counterparts: Vec<(&'a str, Vec<u32>, Vec<u32>)>,
}

/// Sizes of text and boxes, in pt.
pub const BOX_TEXT: f32 = 8.0;
pub const LABEL_TEXT: f32 = 7.0;
const BOX_W: f32 = 104.0;
const BODY_W: f32 = 120.0;
const PAD: f32 = 4.0;
/// Half the distance between the two arrows of a counterpart.
const LANE: f32 = 4.0;
/// Room kept clear around boxes and labels.
const CLEAR: f32 = 2.0;

/// Lays out the picture `width` wide; `measure` gives a text's width at a size.
pub fn layout(spec: &Spec, width: f32, measure: &dyn Fn(&str, f32) -> f32) -> Diagram {
    let n = spec.counterparts.len().max(1) as f32;
    // Taller for more counterparts; grown further while a label finds no place.
    let mut height = (180.0 + 30.0 * n).min(width * 1.1);
    loop {
        if let Some(d) = attempt(spec, width, height, measure) {
            return d;
        }
        if height > width * 2.0 {
            // Give up growing: the best effort, whose problems the caller can report.
            return attempt_anyway(spec, width, height, measure);
        }
        height += 40.0;
    }
}

fn wrap(text: &str, max: f32, size: f32, measure: &dyn Fn(&str, f32) -> f32) -> Vec<String> {
    super::linebreak::wrap(text, max, &|s| measure(s, size))
}

fn node(text: &str, w: f32, measure: &dyn Fn(&str, f32) -> f32) -> (Vec<String>, f32) {
    let lines = wrap(text, w - 2.0 * PAD, BOX_TEXT, measure);
    let h = lines.len() as f32 * BOX_TEXT * 1.3 + 2.0 * PAD;
    (lines, h)
}

/// Numbers as the label prints them: `3・7・9`, wrapped to a few per line.
fn label_lines(steps: &[u32], measure: &dyn Fn(&str, f32) -> f32) -> Vec<String> {
    let text = steps
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    wrap(&text, 46.0, LABEL_TEXT, measure)
}

fn place(
    spec: &Spec,
    width: f32,
    height: f32,
    measure: &dyn Fn(&str, f32) -> f32,
) -> (Node, Vec<Node>) {
    let (body_lines, body_h) = node(spec.body, BODY_W, measure);
    let body = Node {
        rect: Box2 {
            x: (width - BODY_W) / 2.0,
            y: (height - body_h) / 2.0,
            w: BODY_W,
            h: body_h,
        },
        lines: body_lines,
    };
    let n = spec.counterparts.len();
    let (cx, cy) = (width / 2.0, height / 2.0);
    let counterparts = spec
        .counterparts
        .iter()
        .enumerate()
        .map(|(i, (name, _, _))| {
            let (lines, h) = node(name, BOX_W, measure);
            // Clockwise from the top; an even count is turned half a step so that no box sits
            // straight below another's arrow.
            let turn = if n % 2 == 0 { 0.5 } else { 0.0 };
            let angle = -std::f32::consts::FRAC_PI_2
                + (i as f32 + turn) * std::f32::consts::TAU / n.max(1) as f32;
            let rx = width / 2.0 - BOX_W / 2.0 - 2.0;
            let ry = height / 2.0 - h / 2.0 - 2.0;
            let (px, py) = (cx + rx * angle.cos(), cy + ry * angle.sin());
            Node {
                rect: Box2 {
                    x: px - BOX_W / 2.0,
                    y: py - h / 2.0,
                    w: BOX_W,
                    h,
                },
                lines,
            }
        })
        .collect();
    (body, counterparts)
}

/// Where the segment from `inside` (a box's center) outwards to `towards` leaves the box.
fn exit(b: &Box2, towards: (f32, f32)) -> (f32, f32) {
    let (cx, cy) = b.center();
    let (dx, dy) = (towards.0 - cx, towards.1 - cy);
    let sx = if dx.abs() > f32::EPSILON {
        (b.w / 2.0) / dx.abs()
    } else {
        f32::INFINITY
    };
    let sy = if dy.abs() > f32::EPSILON {
        (b.h / 2.0) / dy.abs()
    } else {
        f32::INFINITY
    };
    let s = sx.min(sy);
    (cx + dx * s, cy + dy * s)
}

/// One arrow's line: the counterpart it joins the body to, its sense, and its two ends.
struct Lane {
    counterpart: usize,
    outgoing: bool,
    from: (f32, f32),
    to: (f32, f32),
}

fn arrows_between(body: &Node, cps: &[Node], spec: &Spec) -> Vec<Lane> {
    let mut out = Vec::new();
    for (i, (cp, (_, outgoing, incoming))) in cps.iter().zip(&spec.counterparts).enumerate() {
        let (bc, pc) = (body.rect.center(), cp.rect.center());
        let (dx, dy) = (pc.0 - bc.0, pc.1 - bc.1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (nx, ny) = (-dy / len, dx / len);
        for (out_going, steps) in [(true, outgoing), (false, incoming)] {
            if steps.is_empty() {
                continue;
            }
            let off = if out_going { LANE } else { -LANE };
            let shift = |p: (f32, f32)| (p.0 + nx * off, p.1 + ny * off);
            // The lane's own crossing points with the two boxes.
            let a = exit(&body.rect, pc);
            let b = exit(&cp.rect, bc);
            let (a, b) = (shift(a), shift(b));
            // Pull the ends back to the boxes' borders along the lane.
            let a = clip_to_outside(&body.rect, a, b);
            let b = clip_to_outside(&cp.rect, b, a);
            let (from, to) = if out_going { (a, b) } else { (b, a) };
            out.push(Lane {
                counterpart: i,
                outgoing: out_going,
                from,
                to,
            });
        }
    }
    out
}

/// `p` moved along the segment towards `q` until it is outside `r` (it may start inside after
/// the lane's shift).
fn clip_to_outside(r: &Box2, p: (f32, f32), q: (f32, f32)) -> (f32, f32) {
    let inside = |p: (f32, f32)| p.0 > r.x && p.0 < r.x + r.w && p.1 > r.y && p.1 < r.y + r.h;
    let mut p = p;
    let mut k = 0;
    while inside(p) && k < 200 {
        p = (p.0 + (q.0 - p.0) * 0.01, p.1 + (q.1 - p.1) * 0.01);
        k += 1;
    }
    p
}

fn attempt(
    spec: &Spec,
    width: f32,
    height: f32,
    measure: &dyn Fn(&str, f32) -> f32,
) -> Option<Diagram> {
    let d = attempt_anyway(spec, width, height, measure);
    d.problems().is_empty().then_some(d)
}

fn attempt_anyway(
    spec: &Spec,
    width: f32,
    height: f32,
    measure: &dyn Fn(&str, f32) -> f32,
) -> Diagram {
    let (body, cps) = place(spec, width, height, measure);
    let lanes = arrows_between(&body, &cps, spec);
    let boxes: Vec<Box2> = std::iter::once(body.rect)
        .chain(cps.iter().map(|c| c.rect))
        .collect();
    let mut arrows: Vec<Arrow> = Vec::new();
    for lane in &lanes {
        let (i, outgoing, from, to) = (lane.counterpart, lane.outgoing, lane.from, lane.to);
        let (_, out_steps, in_steps) = &spec.counterparts[i];
        let label = label_lines(if outgoing { out_steps } else { in_steps }, measure);
        let lw = label
            .iter()
            .map(|l| measure(l, LABEL_TEXT))
            .fold(0.0, f32::max)
            + 2.0;
        let lh = label.len() as f32 * LABEL_TEXT * 1.25 + 1.0;
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        // Beside the arrow on its own side (outgoing lanes on one side, incoming on the other).
        let (nx, ny) = (-dy / len, dx / len);
        let mut best = None;
        'search: for t in [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8] {
            for gap in [3.0, 8.0, 14.0] {
                let (mx, my) = (from.0 + dx * t, from.1 + dy * t);
                // The label's center, off the arrow by half its extent across the arrow.
                let across = (lw / 2.0 * nx.abs() + lh / 2.0 * ny.abs()) + gap;
                let (lx, ly) = (mx + nx * across, my + ny * across);
                let rect = Box2 {
                    x: lx - lw / 2.0,
                    y: ly - lh / 2.0,
                    w: lw,
                    h: lh,
                };
                let inside_frame = rect.x >= 0.0
                    && rect.y >= 0.0
                    && rect.x + rect.w <= width
                    && rect.y + rect.h <= height;
                let clear = inside_frame
                    && boxes.iter().all(|b| !b.grown(CLEAR).overlaps(&rect))
                    && arrows
                        .iter()
                        .all(|a| !a.label_rect.grown(CLEAR).overlaps(&rect))
                    && lanes
                        .iter()
                        .all(|l| !rect.grown(CLEAR).cut_by(l.from, l.to));
                if clear {
                    best = Some(rect);
                    break 'search;
                }
            }
        }
        let label_rect = best.unwrap_or(Box2 {
            x: from.0 + dx * 0.5,
            y: from.1 + dy * 0.5,
            w: lw,
            h: lh,
        });
        arrows.push(Arrow {
            from,
            to,
            label,
            label_rect,
            counterpart: i,
        });
    }
    Diagram {
        width,
        height,
        body,
        counterparts: cps,
        arrows,
    }
}

impl Diagram {
    /// What makes the picture hard to read: an arrow through a box other than its two ends,
    /// labels over each other, over a box or across an arrow, a box over another, anything out
    /// of the frame. Empty for a good picture.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let boxes: Vec<(&str, Box2)> = std::iter::once(("body", self.body.rect))
            .chain(self.counterparts.iter().map(|c| ("box", c.rect)))
            .collect();
        for (i, (_, a)) in boxes.iter().enumerate() {
            for (_, b) in &boxes[i + 1..] {
                if a.grown(CLEAR).overlaps(b) {
                    out.push(format!("boxes overlap: {a:?} {b:?}"));
                }
            }
            if a.x < 0.0 || a.y < 0.0 || a.x + a.w > self.width || a.y + a.h > self.height {
                out.push(format!("box out of the frame: {a:?}"));
            }
        }
        for (k, arrow) in self.arrows.iter().enumerate() {
            for (j, (_, b)) in boxes.iter().enumerate() {
                let own = j == 0 || j == arrow.counterpart + 1;
                if !own && b.cut_by(arrow.from, arrow.to) {
                    out.push(format!("arrow {k} passes through box {j}"));
                }
            }
            let l = arrow.label_rect;
            if l.x < 0.0 || l.y < 0.0 || l.x + l.w > self.width || l.y + l.h > self.height {
                out.push(format!("label {k} out of the frame"));
            }
            for (j, (_, b)) in boxes.iter().enumerate() {
                if b.overlaps(&l) {
                    out.push(format!("label {k} over box {j}"));
                }
            }
            for (m, other) in self.arrows.iter().enumerate() {
                if m != k && other.label_rect.overlaps(&l) {
                    out.push(format!("labels {k} and {m} overlap"));
                }
                if l.cut_by(other.from, other.to) {
                    out.push(format!("label {k} lies across arrow {m}"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 1 unit per pt of size: easy to reason about.
    fn measure(s: &str, size: f32) -> f32 {
        s.chars().count() as f32 * size
    }

    #[test]
    fn a_segment_through_a_box_is_seen_and_one_beside_it_is_not() {
        let b = Box2 {
            x: 10.0,
            y: 10.0,
            w: 10.0,
            h: 10.0,
        };
        assert!(b.cut_by((0.0, 15.0), (30.0, 15.0)));
        assert!(!b.cut_by((0.0, 25.0), (30.0, 25.0)));
        assert!(!b.cut_by((0.0, 0.0), (5.0, 5.0)));
    }

    #[test]
    fn many_counterparts_lay_out_without_problems() {
        let names = [
            "市町村",
            "医療保険者",
            "後期高齢者医療広域連合",
            "被保険者",
            "本市住基システム(市民局)",
            "国保連合会",
            "生活保護担当",
            "厚生労働省",
            "介護保険者",
        ];
        for n in 1..=names.len() {
            let spec = Spec {
                body: "国民健康保険担当課",
                counterparts: names[..n]
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let k = i as u32 * 3;
                        (*name, vec![k + 1, k + 3, k + 5], vec![k + 2])
                    })
                    .collect(),
            };
            let d = layout(&spec, 510.0, &measure);
            assert!(d.problems().is_empty(), "{n}: {:?}", d.problems());
            assert_eq!(d.arrows.len(), 2 * n);
        }
    }
}
