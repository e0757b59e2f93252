//! A notice of purposes of use (`kind: notice`) as a web page and as PDF. The page is what a
//! society puts on its website: semantic tables (a caption, column and row headers), lists for the
//! purposes, language and title set, a style that prints on A4. The PDF is laid out by the same
//! layout as the forms. Wording in `templates/notice.yaml`.

use std::fmt::Write as _;

use serde::Deserialize;

use super::tree::*;
use crate::model::data::Cached;
use crate::model::notice::Notice;
use crate::text::escape_html as esc;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wording {
    sections: Sections,
    columns: Columns,
    note_mark: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sections {
    purposes: String,
    linkage: String,
    exceptions: String,
    safety: String,
    desk: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Columns {
    purpose: String,
    internal: String,
    delegated: String,
    joint: String,
    information: String,
    purposes: String,
    linkage: String,
    receive: String,
    provide: String,
    measure: String,
    content: String,
}

static WORDING: Cached<Wording> = Cached::new("notice.yaml");

fn wording() -> &'static Wording {
    WORDING.get()
}

/// A table of the notice, as both writers need it: column headers, then rows whose first cell
/// heads the row; each cell a list of lines.
struct Grid {
    columns: Vec<String>,
    rows: Vec<(String, Vec<Vec<String>>)>,
    widths: Vec<f32>,
}

/// The notice's parts in order: (heading, intro paragraphs, table, lists after it).
struct Part {
    heading: String,
    before: Vec<String>,
    grid: Option<Grid>,
    after: Vec<String>,
    /// Items printed as a list (the exceptions).
    list: Vec<String>,
}

fn parts(n: &Notice) -> Vec<Part> {
    let w = wording();
    let c = &w.columns;
    let mut out = Vec::new();
    let notes: Vec<String> = n
        .notes
        .iter()
        .map(|t| format!("{}{t}", w.note_mark))
        .collect();
    if !n.purposes.is_empty() {
        let joint = n.purposes.iter().any(|p| !p.joint.is_empty());
        let mut columns = vec![c.purpose.clone(), c.internal.clone(), c.delegated.clone()];
        if joint {
            columns.push(c.joint.clone());
        }
        let rows = n
            .purposes
            .iter()
            .map(|p| {
                let mut cells = vec![p.internal.clone(), p.delegated.clone()];
                if joint {
                    cells.push(p.joint.clone());
                }
                (p.purpose.clone(), cells)
            })
            .collect();
        let widths = if joint {
            vec![0.16, 0.28, 0.28, 0.28]
        } else {
            vec![0.2, 0.4, 0.4]
        };
        out.push(Part {
            heading: w.sections.purposes.clone(),
            before: n.intro.iter().cloned().collect(),
            grid: Some(Grid {
                columns,
                rows,
                widths,
            }),
            after: if n.by_information.is_empty() {
                notes.clone()
            } else {
                Vec::new()
            },
            list: Vec::new(),
        });
    }
    if !n.by_information.is_empty() {
        out.push(Part {
            heading: w.sections.purposes.clone(),
            before: if n.purposes.is_empty() {
                n.intro.iter().cloned().collect()
            } else {
                Vec::new()
            },
            grid: Some(Grid {
                columns: vec![c.information.clone(), c.purposes.clone()],
                rows: n
                    .by_information
                    .iter()
                    .map(|b| (b.information.clone(), vec![vec![b.purposes.clone()]]))
                    .collect(),
                widths: vec![0.35, 0.65],
            }),
            after: notes.clone(),
            list: Vec::new(),
        });
    }
    if let Some(l) = &n.linkage {
        out.push(Part {
            heading: w.sections.linkage.clone(),
            before: Vec::new(),
            grid: Some(Grid {
                columns: vec![c.linkage.clone(), c.receive.clone(), c.provide.clone()],
                rows: vec![(l.basis.clone(), vec![l.receive.clone(), l.provide.clone()])],
                widths: vec![0.24, 0.38, 0.38],
            }),
            after: l
                .note
                .iter()
                .map(|t| format!("{}{t}", w.note_mark))
                .collect(),
            list: Vec::new(),
        });
    }
    if let Some(e) = &n.exceptions {
        out.push(Part {
            heading: w.sections.exceptions.clone(),
            before: vec![e.intro.clone()],
            grid: None,
            after: Vec::new(),
            list: e.items.clone(),
        });
    }
    if !n.safety_measures.is_empty() {
        out.push(Part {
            heading: w.sections.safety.clone(),
            before: Vec::new(),
            grid: Some(Grid {
                columns: vec![c.measure.clone(), c.content.clone()],
                rows: n
                    .safety_measures
                    .iter()
                    .map(|m| (m.measure.clone(), vec![vec![m.content.clone()]]))
                    .collect(),
                widths: vec![0.25, 0.75],
            }),
            after: Vec::new(),
            list: Vec::new(),
        });
    }
    if let Some(d) = &n.desk {
        out.push(Part {
            heading: w.sections.desk.clone(),
            before: vec![d.clone()],
            grid: None,
            after: Vec::new(),
            list: Vec::new(),
        });
    }
    // Numbered as the published pages number them when there are several.
    if out.len() > 1 {
        for (i, p) in out.iter_mut().enumerate() {
            p.heading = format!("{}. {}", i + 1, p.heading);
        }
    }
    out
}

/// The notice as a web page ready for the society's site.
pub fn html(n: &Notice) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header><h1>{title}</h1><p class=\"body\">{body}</p></header>\n",
        title = esc(&n.title),
        body = esc(&n.body),
    );
    for part in parts(n) {
        let _ = writeln!(s, "<section>\n<h2>{}</h2>", esc(&part.heading));
        for p in &part.before {
            let _ = writeln!(s, "<p>{}</p>", esc(p));
        }
        if let Some(g) = &part.grid {
            s.push_str("<table>\n");
            // The section's heading names the table for screen readers.
            let _ = writeln!(s, "<caption class=\"vh\">{}</caption>", esc(&part.heading));
            s.push_str("<thead><tr>");
            for c in &g.columns {
                let _ = write!(s, "<th scope=\"col\">{}</th>", esc(c));
            }
            s.push_str("</tr></thead>\n<tbody>\n");
            for (head, cells) in &g.rows {
                let _ = write!(s, "<tr><th scope=\"row\">{}</th>", esc(head));
                for lines in cells {
                    match lines.as_slice() {
                        [] => s.push_str("<td></td>"),
                        [one] if g.columns.len() == 2 => {
                            let _ = write!(s, "<td>{}</td>", esc(one));
                        }
                        many => {
                            s.push_str("<td><ul>");
                            for l in many {
                                let _ = write!(s, "<li>{}</li>", esc(l));
                            }
                            s.push_str("</ul></td>");
                        }
                    }
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody>\n</table>\n");
        }
        if !part.list.is_empty() {
            s.push_str("<ul class=\"plain\">\n");
            for l in &part.list {
                let _ = writeln!(s, "<li>{}</li>", esc(l));
            }
            s.push_str("</ul>\n");
        }
        for p in &part.after {
            let _ = writeln!(s, "<p class=\"note\">{}</p>", esc(p));
        }
        s.push_str("</section>\n");
    }
    if let Some(c) = &n.closing {
        let _ = writeln!(s, "<p class=\"closing\">{}</p>", esc(c));
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

/// The page's style: readable on screen, and A4 with repeated table headers in print.
const STYLE: &str = r#"
body { font-family: "IPAexGothic", "Noto Sans CJK JP", "Yu Gothic", "Hiragino Sans", sans-serif; line-height: 1.6; color: #111; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.body { margin: 0 0 1.5rem; color: #333; }
h2 { font-size: 1.15rem; border-left: .3rem solid #1d4f91; padding-left: .5rem; margin: 2rem 0 .75rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
th, td { border: 1px solid #666; padding: .4rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #e8eef7; }
tbody th { background: #f5f7fa; font-weight: normal; width: 20%; }
td ul { margin: 0; padding-left: 1.2rem; }
ul.plain { list-style: none; padding-left: 0; }
.note { font-size: .95rem; }
.closing { text-align: right; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

/// The notice as a document for the PDF: headings, paragraphs, tables whose cells list their
/// items one to a line (`・…`).
pub fn document(n: &Notice) -> Document {
    let mut blocks = vec![
        Block::Heading(Heading {
            text: n.title.clone(),
            level: 1,
        }),
        Block::Paragraph(Paragraph {
            text: n.body.clone(),
            align: Align::Right,
            size: None,
            bold: false,
            boxed: false,
        }),
    ];
    let para = |text: &str| {
        Block::Paragraph(Paragraph {
            text: text.to_string(),
            align: Align::Left,
            size: None,
            bold: false,
            boxed: false,
        })
    };
    for part in parts(n) {
        blocks.push(Block::Heading(Heading {
            text: part.heading.clone(),
            level: 2,
        }));
        blocks.extend(part.before.iter().map(|p| para(p)));
        if let Some(g) = &part.grid {
            let header = vec![Row {
                cells: g
                    .columns
                    .iter()
                    .map(|c| Cell {
                        align: Align::Center,
                        ..Cell::label(c)
                    })
                    .collect(),
                ..Row::default()
            }];
            let rows = g
                .rows
                .iter()
                .map(|(head, cells)| Row {
                    cells: std::iter::once(Cell::label(head))
                        .chain(cells.iter().map(|lines| {
                            let text = if lines.len() == 1 && g.columns.len() == 2 {
                                lines[0].clone()
                            } else {
                                lines
                                    .iter()
                                    .map(|l| format!("・{l}"))
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            };
                            Cell::text(text)
                        }))
                        .collect(),
                    ..Row::default()
                })
                .collect();
            blocks.push(Block::Table(Table {
                widths: g.widths.clone(),
                header,
                rows,
                size: None,
            }));
        }
        blocks.extend(part.list.iter().map(|l| para(l)));
        blocks.extend(part.after.iter().map(|p| para(p)));
        blocks.push(Block::Space(4.0));
    }
    if let Some(c) = &n.closing {
        blocks.push(Block::Paragraph(Paragraph {
            text: c.clone(),
            align: Align::Right,
            size: None,
            bold: false,
            boxed: false,
        }));
    }
    Document {
        title: n.title.clone(),
        form_title: n.title.clone(),
        author: n.body.clone(),
        blocks,
        lists: Vec::new(),
    }
}
