//! The documents published beside an assessment, built from the same model: 別紙1 事務内容別
//! 情報連携イメージ図 (the flows: a picture and the numbered steps) and 別紙2 提供先一覧 (a row per
//! item of 別表第二 the assessment cites as its 情報提供の根拠). Wording in
//! `templates/attachments.yaml`, the items' words in `templates/provision_tables.yaml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::diagram::{self, Spec};
use super::tree::*;
use crate::check::citations;
use crate::model::data::Cached;
use crate::model::provision_table::{self, Item, Regime};
use crate::model::{Assessment, Date, Flow};

/// The warning for a cited item hyoka has no words for: its row is left out, never invented.
pub const CODE_ITEM_NOT_IN_TABLE: &str = "HY0806";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wording {
    flows: FlowWording,
    recipients: RecipientWording,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FlowWording {
    title: String,
    flow: String,
    group: String,
    step: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecipientWording {
    title: String,
    header: Vec<Vec<String>>,
    widths: Vec<f32>,
}

static WORDING: Cached<Wording> = Cached::new("attachments.yaml");

fn wording() -> &'static Wording {
    WORDING.get()
}

/// 別紙2's rows: the cited items hyoka has words for, in item order, and those it has not.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipients {
    pub regime: Regime,
    pub rows: Vec<(u32, &'static Item)>,
    /// Cited items missing from `templates/provision_tables.yaml` (warning HY0806 each).
    pub missing: Vec<u32>,
}

/// The item numbers an assessment cites as its 情報提供の根拠 (not its 情報照会の根拠), and the
/// table they are numbers of: the one the text names (`別表第二`, or the renamed `別表`), else
/// the one in force on the 公表日 (`cutover`: the 2023 amendment's effective date).
pub fn cited_provision_items(a: &Assessment, cutover: &Date) -> Option<(Regime, Vec<u32>)> {
    let basis = a.linkage.as_ref()?.basis.as_deref()?;
    let folded = crate::text::fold_width(basis);
    let parsed = citations::parse(basis);
    let after_amendment = a.cover.published.as_ref().is_some_and(|d| d >= cutover);
    let mut regime = None;
    let mut items = Vec::new();
    for list in &parsed.lists {
        let before = &folded[..list.offset.min(folded.len())];
        let provide = before.rfind("情報提供");
        let inquire = before.rfind("情報照会");
        let is_provision = provide.is_some() && provide > inquire;
        if !is_provision {
            continue;
        }
        let this = match list.table.as_deref() {
            Some("別表第二") => Regime::Beppyo2,
            Some("別表第一") => continue,
            Some(_) => Regime::Ordinance,
            None if after_amendment => Regime::Ordinance,
            None => Regime::Beppyo2,
        };
        regime.get_or_insert(this);
        items.extend(list.items.iter().filter_map(|i| i.as_ref().ok().copied()));
    }
    items.sort_unstable();
    items.dedup();
    Some((regime?, items))
}

/// 別紙2's rows for an assessment; `None` when it cites no item to provide under.
pub fn recipients(a: &Assessment, cutover: &Date) -> Option<Recipients> {
    let (regime, items) = cited_provision_items(a, cutover)?;
    let table = provision_table::table(regime);
    let (mut rows, mut missing) = (Vec::new(), Vec::new());
    for n in items {
        match table.items.get(&n) {
            Some(item) => rows.push((n, item)),
            None => missing.push(n),
        }
    }
    Some(Recipients {
        regime,
        rows,
        missing,
    })
}

fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    vars.iter().fold(template.to_string(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

/// 別紙2 as a document: its title, and a table headed as seed 003 heads it.
pub fn recipients_document(a: &Assessment, r: &Recipients) -> Document {
    let w = &wording().recipients;
    let table_name = &provision_table::table(r.regime).title;
    let title = fill(&w.title, &[("operation", &a.operation.name)]);
    let header = w
        .header
        .iter()
        .map(|cells| Row {
            cells: cells
                .iter()
                .map(|c| Cell {
                    align: Align::Center,
                    ..Cell::label(fill(c, &[("table", table_name)]))
                })
                .collect(),
            ..Row::default()
        })
        .collect();
    let rows = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, (n, item))| Row {
            cells: vec![
                Cell {
                    align: Align::Center,
                    ..Cell::text((i + 1).to_string())
                },
                Cell::text(&item.querier),
                Cell {
                    align: Align::Center,
                    ..Cell::text(n.to_string())
                },
                Cell::text(&item.affair),
                Cell::text(&item.information),
            ],
            ..Row::default()
        })
        .collect();
    Document {
        title: title.clone(),
        form_title: title.clone(),
        author: a.cover.body.clone(),
        blocks: vec![
            Block::Heading(Heading {
                text: title,
                level: 1,
            }),
            Block::Table(Table {
                widths: w.widths.clone(),
                header,
                rows,
                size: None,
            }),
        ],
        lists: Vec::new(),
    }
}

/// 別紙2 as CSV (UTF-8 with a byte-order mark, so that Excel opens it as Japanese): the
/// second header row's columns, a row per item.
pub fn recipients_csv(r: &Recipients) -> Result<Vec<u8>, csv::Error> {
    let w = &wording().recipients;
    let table_name = &provision_table::table(r.regime).title;
    let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    if let Some(h) = w.header.last() {
        out.write_record(h.iter().map(|c| fill(c, &[("table", table_name)])))?;
    }
    for (i, (n, item)) in r.rows.iter().enumerate() {
        out.write_record([
            (i + 1).to_string(),
            item.querier.clone(),
            n.to_string(),
            item.affair.clone(),
            item.information.clone(),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// What a flow's picture shows: its counterparts in the order the steps first name them, with
/// the numbers of the steps that go out to each and come in from it.
pub fn flow_spec<'a>(a: &'a Assessment, flow: &'a Flow) -> Spec<'a> {
    let mut order: Vec<&str> = Vec::new();
    let mut steps: BTreeMap<&str, (Vec<u32>, Vec<u32>)> = BTreeMap::new();
    let mut n = 0;
    for g in &flow.groups {
        for s in &g.steps {
            n += 1;
            let (Some(cp), Some(dir)) = (s.counterpart.as_deref(), s.direction) else {
                continue;
            };
            if !order.contains(&cp) {
                order.push(cp);
            }
            let e = steps.entry(cp).or_default();
            if dir.outgoing() {
                e.0.push(n);
            } else {
                e.1.push(n);
            }
        }
    }
    let body = flow
        .center
        .as_deref()
        .or_else(|| a.department.as_ref().and_then(|d| d.name.as_deref()))
        .unwrap_or(&a.cover.body);
    Spec {
        body,
        counterparts: order
            .into_iter()
            .map(|id| {
                let name = a
                    .counterparts
                    .iter()
                    .find(|c| c.id == id)
                    .map_or(id, |c| c.name.as_str());
                let (o, i) = steps.remove(id).unwrap_or_default();
                (name, o, i)
            })
            .collect(),
    }
}

/// 別紙1 as a document: per 事務, its picture, then its steps numbered under their headings.
/// `measure` gives a text's width at a size (the PDF's font, or an estimate for HTML).
pub fn flows_document(
    a: &Assessment,
    width: f32,
    measure: &dyn Fn(&str, f32) -> f32,
) -> Option<Document> {
    if a.flows.is_empty() {
        return None;
    }
    let w = &wording().flows;
    let mut blocks = vec![Block::Heading(Heading {
        text: w.title.clone(),
        level: 1,
    })];
    blocks.extend(flow_blocks(a, width, measure));
    Some(Document {
        title: w.title.clone(),
        form_title: w.title.clone(),
        author: a.cover.body.clone(),
        blocks,
        lists: Vec::new(),
    })
}

/// Per 事務, its heading, its picture, then its steps numbered under their headings: 別紙1's
/// body, and what 様式4's （別添1）事務の内容 prints (one layout, two callers).
pub fn flow_blocks(a: &Assessment, width: f32, measure: &dyn Fn(&str, f32) -> f32) -> Vec<Block> {
    let w = &wording().flows;
    let mut blocks = Vec::new();
    for (k, flow) in a.flows.iter().enumerate() {
        blocks.push(Block::Heading(Heading {
            text: fill(
                &w.flow,
                &[("n", &(k + 1).to_string()), ("title", &flow.title)],
            ),
            level: 2,
        }));
        let spec = flow_spec(a, flow);
        if !spec.counterparts.is_empty() {
            blocks.push(Block::Figure(diagram::layout(&spec, width, measure)));
        }
        let mut n = 0;
        for g in &flow.groups {
            blocks.push(Block::Paragraph(Paragraph {
                text: fill(&w.group, &[("heading", &g.heading)]),
                align: Align::Left,
                size: None,
                bold: true,
                boxed: false,
            }));
            for s in &g.steps {
                n += 1;
                blocks.push(Block::Paragraph(Paragraph {
                    text: fill(&w.step, &[("n", &n.to_string()), ("text", &s.text)]),
                    align: Align::Left,
                    size: None,
                    bold: false,
                    boxed: false,
                }));
            }
            if let Some(note) = &g.note {
                blocks.push(Block::Paragraph(Paragraph {
                    text: note.clone(),
                    align: Align::Left,
                    size: None,
                    bold: false,
                    boxed: false,
                }));
            }
            blocks.push(Block::Space(4.0));
        }
    }
    blocks
}

/// A text's width as a browser would set it, without the font: full-width characters one em,
/// others half. For the HTML page's picture, where no font file is read.
pub fn estimated_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size
}
