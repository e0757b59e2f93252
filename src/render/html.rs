//! The form tree → one self-contained HTML page: semantic tables and print CSS, readable in a
//! browser and printable on A4.

use std::fmt::Write as _;

use super::tree::{printed_blocks, Align, Block, Content, Document, Shade, Table, GROUP_MARK};
use crate::text::escape_html as esc;

fn text(s: &str) -> String {
    esc(s).replace('\n', "<br>")
}

fn align_class(a: Align) -> &'static str {
    match a {
        Align::Left => "",
        Align::Center => " c",
        Align::Right => " r",
    }
}

fn content(c: &Content) -> String {
    match c {
        Content::Text(t) => text(t),
        Content::Choice {
            selected,
            options,
            note,
        } => {
            let list: String = options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("<li>{}) {}</li>", i + 1, esc(o)))
                .collect();
            let note = note
                .as_deref()
                .map(|n| format!("<div class=\"note\">{}</div>", esc(n)))
                .unwrap_or_default();
            format!(
                "<div class=\"choice\"><span class=\"sel\">{}</span><div class=\"opts\"><span>{}</span><ol>{list}</ol></div></div>{note}",
                esc(selected.as_deref().unwrap_or("")),
                esc(&crate::model::wording::get().choice_list)
            )
        }
        Content::Ticks(items) => {
            let list: String = items
                .iter()
                .map(|(t, l)| format!("<li><span class=\"box{}\" role=\"checkbox\" aria-checked=\"{t}\"></span>{}</li>", if *t { " on" } else { "" }, esc(l)))
                .collect();
            format!("<ul class=\"ticks\">{list}</ul>")
        }
        Content::TickGroups(groups) => groups
            .iter()
            .map(|(caption, items)| {
                format!(
                    "<p>{}{}</p>{}",
                    GROUP_MARK,
                    esc(caption),
                    content(&Content::Ticks(items.clone()))
                )
            })
            .collect(),
    }
}

/// The form's style sheet (print and screen).
pub const STYLE: &str = r#"@page { size: A4 portrait; margin: 20mm 15mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "IPAexGothic", "IPAexゴシック", "Noto Sans CJK JP", "Yu Gothic", "Hiragino Sans", sans-serif; font-size: 9pt; line-height: 1.45; margin: 0 auto; max-width: 180mm; color: #000; }
h2, h3, .b { font-family: "IPAexGothic", "IPAexゴシック", "Noto Sans CJK JP", "Yu Gothic", "Hiragino Sans", sans-serif; font-weight: normal; }
h2 { font-size: 11pt; margin: 10pt 0 4pt; }
h3 { font-size: 10pt; margin: 8pt 0 3pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 4pt; }
th, td { border: 0.6pt solid #000; padding: 3pt 3.5pt; vertical-align: top; text-align: left; font-weight: normal; overflow-wrap: anywhere; line-break: strict; word-break: normal; }
td:empty::before { content: "\00a0"; }
.lbl { background: #ebebeb; }
.grp { background: #d6d6d6; }
.cont { border-top: none; }
.c { text-align: center; } .r { text-align: right; }
.boxed { border: 0.6pt solid #000; padding: 3pt; }
p { margin: 0; }
.choice { display: flex; gap: 6pt; }
.choice .sel { flex: 0 0 40%; text-align: center; border-left: 0.5pt solid; border-right: 0.5pt solid; padding: 0 4pt; min-height: 1.45em; }
.choice .opts { font-size: 7.5pt; }
.choice ol { list-style: none; margin: 0; padding: 0; }
ul.ticks { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2pt 10pt; }
.box { display: inline-block; width: 7pt; height: 7pt; border: 0.6pt solid #000; margin-right: 3pt; vertical-align: -1pt; position: relative; }
.box.on::after { content: ""; position: absolute; left: 1pt; top: 1pt; width: 3.4pt; height: 3.4pt; border: 0.6pt solid #000; border-radius: 50%; }
.pb { break-after: page; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@media screen { body { padding: 12mm; background: #fff; } .pb { border-top: 1px dashed #999; margin: 12mm 0; } }
"#;

/// Extra attributes for the row of an item, by its model path (`hyoka serve` marks the items
/// that have problems).
pub type RowAttrs<'a> = &'a dyn Fn(&str) -> String;

fn table(t: &Table, out: &mut String, extra: RowAttrs) {
    let total: f32 = t.widths.iter().sum();
    out.push_str("<table>\n<colgroup>");
    for w in &t.widths {
        let _ = write!(out, "<col style=\"width:{:.1}%\">", w / total * 100.0);
    }
    out.push_str("</colgroup>\n");
    let row = |r: &super::tree::Row,
               cell_tag: &str,
               out: &mut String,
               prev_merge: &mut Option<String>| {
        let attrs = match (&r.path, r.important) {
            (Some(p), true) => format!(
                " data-path=\"{}\" data-important=\"true\"{}",
                esc(p),
                extra(p)
            ),
            (Some(p), false) => format!(" data-path=\"{}\"{}", esc(p), extra(p)),
            _ => String::new(),
        };
        let _ = write!(out, "<tr{attrs}>");
        for (i, c) in r.cells.iter().enumerate() {
            let shade = match c.shade {
                Shade::None => "",
                Shade::Label => " lbl",
                Shade::Group => " grp",
            };
            let continues = i == 0 && c.merge.is_some() && c.merge == *prev_merge;
            let cls = format!(
                "{shade}{}{}{}",
                align_class(c.align),
                if c.bold { " b" } else { "" },
                if continues { " cont" } else { "" }
            );
            let span = if c.span > 1 {
                format!(" colspan=\"{}\"", c.span)
            } else {
                String::new()
            };
            let tag = if c.shade == Shade::Label && cell_tag == "td" {
                "th scope=\"row\""
            } else {
                cell_tag
            };
            let close = tag.split(' ').next().unwrap_or(tag);
            let body = if continues {
                String::new()
            } else {
                content(&c.content)
            };
            let _ = write!(
                out,
                "<{tag} class=\"{}\"{span}>{body}</{close}>",
                cls.trim()
            );
        }
        *prev_merge = r.cells.first().and_then(|c| c.merge.clone());
        out.push_str("</tr>\n");
    };
    let mut prev = None;
    if !t.header.is_empty() {
        out.push_str("<thead>\n");
        for r in &t.header {
            row(r, "th", out, &mut prev);
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    let mut prev = None;
    for r in &t.rows {
        row(r, "td", out, &mut prev);
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A flow's picture as inline SVG: boxes, arrows with their heads, the step numbers. Its text is
/// real text (searchable, read by screen readers), and the figure is labelled for them.
pub fn svg(d: &super::diagram::Diagram) -> String {
    use super::diagram::{BOX_TEXT, LABEL_TEXT};
    let mut s = format!(
        "<figure class=\"flow\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.1} {h:.1}\" width=\"{w:.1}pt\" height=\"{h:.1}pt\" role=\"img\" aria-label=\"{label}\">\n<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n",
        w = d.width,
        h = d.height,
        label = esc(&d.body.lines.concat()),
    );
    for node in std::iter::once(&d.body).chain(&d.counterparts) {
        let r = node.rect;
        let _ = writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"0.8\"/>",
            r.x, r.y, r.w, r.h
        );
        for (i, line) in node.lines.iter().enumerate() {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{BOX_TEXT}\" text-anchor=\"middle\">{}</text>",
                r.x + r.w / 2.0,
                r.y + 4.0 + (i as f32 + 1.0) * BOX_TEXT * 1.3 - BOX_TEXT * 0.3,
                esc(line)
            );
        }
    }
    for a in &d.arrows {
        let _ = writeln!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#000\" stroke-width=\"0.7\" marker-end=\"url(#head)\"/>",
            a.from.0, a.from.1, a.to.0, a.to.1
        );
        for (i, line) in a.label.iter().enumerate() {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{LABEL_TEXT}\">{}</text>",
                a.label_rect.x + 1.0,
                a.label_rect.y + (i as f32 + 1.0) * LABEL_TEXT * 1.25 - LABEL_TEXT * 0.2,
                esc(line)
            );
        }
    }
    s.push_str("</svg></figure>\n");
    s
}

/// The form's content (sections, headings, tables) without the page around it.
pub fn body(doc: &Document, extra: RowAttrs) -> String {
    let mut body = String::new();
    let mut section_open = false;
    for b in printed_blocks(&doc.blocks) {
        match b {
            Block::PageBreak => body.push_str("<div class=\"pb\"></div>\n"),
            Block::Heading(h) => {
                if h.level == 1 {
                    if section_open {
                        body.push_str("</section>\n");
                    }
                    body.push_str("<section>\n");
                    section_open = true;
                }
                let _ = writeln!(body, "<h{lvl}>{}</h{lvl}>", esc(&h.text), lvl = h.level + 1);
            }
            Block::Paragraph(p) => {
                let size = p
                    .size
                    .map(|s| format!(" style=\"font-size:{s}pt\""))
                    .unwrap_or_default();
                let _ = writeln!(
                    body,
                    "<p class=\"{}{}{}\"{size}>{}</p>",
                    align_class(p.align).trim(),
                    if p.bold { " b" } else { "" },
                    if p.boxed { " boxed" } else { "" },
                    text(&p.text)
                );
            }
            Block::Table(t) => table(t, &mut body, extra),
            Block::Space(s) => {
                let _ = writeln!(body, "<div style=\"height:{s}pt\"></div>");
            }
            Block::Figure(d) => body.push_str(&svg(d)),
            Block::Pictures(_) => unreachable!("opened by printed_blocks"),
        }
    }
    if section_open {
        body.push_str("</section>\n");
    }
    body
}

/// The whole document as HTML.
pub fn write(doc: &Document) -> String {
    let body = body(doc, &|_| String::new());
    format!(
        r#"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="author" content="{author}">
<title>{title}</title>
<style>
{STYLE}</style>
</head>
<body>
<header><p class="r" style="font-size:8pt">{title}</p></header>
<main>
{body}</main>
</body>
</html>
"#,
        title = esc(&doc.title),
        author = esc(&doc.author),
    )
}
