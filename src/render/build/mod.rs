//! Model + form definition (+ the cover template) → the form document tree.
//!
//! All wording comes from `templates/`: item labels, numbering and ※ from the form definition,
//! choice lists from `choices.yaml`, the cover page from a minijinja template per edition.

mod cells;
mod listed;

use serde_json::Value;

use super::cover;
use super::tree::*;
use crate::diagnostic::Message;
use crate::model::form::{self, FormNode, NodeKind, Print};
use crate::model::path::{get, join};
use crate::model::text::form_text;
use crate::model::{edition, Assessment, FormKind};
use cells::*;

pub const CODE_NO_DEFINITION: &str = "HY0804";

/// How wide a text is at a size in pt: the PDF's font, or an estimate where no font is read.
pub type Measure<'m> = &'m dyn Fn(&str, f32) -> f32;

/// Builds the document of one form, its pictures measured as a browser would set them.
pub fn build(a: &Assessment, form_kind: FormKind) -> Result<Document, super::RenderError> {
    build_measured(a, form_kind, &super::attachments::estimated_width)
}

/// Builds the document of one form, its pictures' labels measured by `measure`.
pub fn build_measured(
    a: &Assessment,
    form_kind: FormKind,
    measure: Measure,
) -> Result<Document, super::RenderError> {
    let edition_name = a.editions.get(form_kind).unwrap_or_default();
    let (Some(def), Some(ed)) = (
        form::get(form_kind, edition_name),
        edition::find(form_kind, edition_name),
    ) else {
        return Err(super::RenderError {
            code: CODE_NO_DEFINITION,
            message: Message::new(
                format!(
                    "{}の様式（版 `{edition_name}`）の定義がありません",
                    form_kind.label()
                ),
                format!(
                    "no definition of the {} form, edition `{edition_name}`",
                    form_kind.id()
                ),
            ),
        });
    };
    let json = serde_json::to_value(a).expect("the model serializes");
    let mut blocks =
        cover::blocks(a, def, &ed.stamp, &json).map_err(|message| super::RenderError {
            code: cover::CODE_TEMPLATE,
            message,
        })?;
    let declared: Vec<&form::FormDef> = a
        .forms
        .iter()
        .filter_map(|f| form::get(*f, a.editions.get(*f).unwrap_or_default()))
        .chain(std::iter::once(def))
        .collect();
    let mut b = Builder {
        assessment: a,
        measure,
        root: &json,
        form: form_kind,
        declared,
        blocks: Vec::new(),
        paper: &def.paper,
        widths: def.paper.item_widths,
        lists: Vec::new(),
    };
    for node in def.nodes.iter().filter(|n| n.label != "表紙") {
        b.section(node);
    }
    blocks.extend(b.blocks);
    Ok(Document {
        title: a.cover.title_for(form_kind),
        form_title: def.title.clone(),
        author: a.cover.body.clone(),
        blocks,
        lists: b.lists,
    })
}

/// The items of `nodes` (別紙1's flows: `form::attachment_items`) as a document of tables,
/// laid out as `form_kind`'s items are — for an editor of what the form prints as a picture.
pub fn build_items(
    a: &Assessment,
    form_kind: FormKind,
    nodes: &'static [FormNode],
) -> Result<Document, super::RenderError> {
    let edition_name = a.editions.get(form_kind).unwrap_or_default();
    let Some(def) = form::get(form_kind, edition_name) else {
        return Err(super::RenderError {
            code: CODE_NO_DEFINITION,
            message: Message::new(
                format!("{}の様式の定義がありません", form_kind.label()),
                format!("no definition of the {} form", form_kind.id()),
            ),
        });
    };
    let json = serde_json::to_value(a).expect("the model serializes");
    let mut b = Builder {
        assessment: a,
        measure: &super::attachments::estimated_width,
        root: &json,
        form: form_kind,
        declared: vec![def],
        blocks: Vec::new(),
        paper: &def.paper,
        widths: def.paper.item_widths,
        lists: Vec::new(),
    };
    for node in nodes {
        b.section(node);
    }
    Ok(Document {
        title: a.cover.title_for(form_kind),
        form_title: def.title.clone(),
        author: a.cover.body.clone(),
        blocks: b.blocks,
        lists: b.lists,
    })
}

struct Builder<'a> {
    assessment: &'a Assessment,
    /// For the pictures a form prints (別添1's flows).
    measure: Measure<'a>,
    root: &'a Value,
    /// The form being built, and every form the assessment declares (a 変更箇所 row is printed
    /// by the forms whose items it names).
    form: FormKind,
    declared: Vec<&'static form::FormDef>,
    blocks: Vec<Block>,
    /// The form's proportions and page breaks.
    paper: &'static form::Paper,
    /// The item widths of the section being built.
    widths: [f32; 3],
    /// The lists printed entry by entry, as they are met.
    lists: Vec<Listed>,
}

impl Builder<'_> {
    /// A top-level section: its heading, then a table of its items (or special blocks).
    fn section(&mut self, node: &'static FormNode) {
        // The sections the official form starts on a page of their own (Ⅳ, 変更箇所).
        if self.paper.breaks_before(&node.label) {
            self.blocks.push(Block::PageBreak);
        }
        self.widths = self.paper.widths_of(&node.label);
        self.blocks.push(Block::Heading(Heading {
            text: node.label.clone(),
            level: 1,
        }));
        let mut rows = Vec::new();
        self.items(
            &node.children,
            self.root,
            "",
            None,
            &mut rows,
            node.important,
        );
        self.flush(&mut rows);
    }

    fn flush(&mut self, rows: &mut Vec<Row>) {
        if !rows.is_empty() {
            self.blocks.push(Block::Table(Table {
                widths: self.widths.to_vec(),
                header: Vec::new(),
                rows: std::mem::take(rows),
                size: None,
            }));
        }
    }

    fn group_row(text: &str, shade: Shade) -> Row {
        Row {
            cells: vec![Cell {
                shade,
                bold: true,
                ..Cell::text(text)
            }
            .spanning(3)],
            path: None,
            important: false,
            covers: Vec::new(),
            heads: false,
        }
    }

    /// Rows for `nodes` against the element `elem`; `sub` is the label of an enclosing
    /// unnumbered group, printed merged in the first column.
    fn items(
        &mut self,
        nodes: &'static [FormNode],
        elem: &Value,
        prefix: &str,
        sub: Option<(&str, String)>,
        rows: &mut Vec<Row>,
        important: bool,
    ) {
        for (k, node) in nodes.iter().enumerate() {
            let important = important || node.important;
            // An item the official form starts on a page of its own (様式4 （別添1）).
            if node.path.is_some() && self.paper.breaks_before(&node.label) {
                self.flush(rows);
                self.blocks.push(Block::PageBreak);
            }
            let path = match node.kind() {
                // Printed inside the その他 box of the item before it.
                NodeKind::Detail | NodeKind::Label => continue,
                NodeKind::Repeat { list, table } => {
                    self.repeat(node, list, table, elem, prefix, rows, important);
                    continue;
                }
                NodeKind::Joined => {
                    self.joined(node, elem, prefix, rows, important);
                    continue;
                }
                NodeKind::Bare => {
                    self.items(&node.children, elem, prefix, sub.clone(), rows, important);
                    continue;
                }
                NodeKind::Range { from, to } => {
                    rows.push(range_row(node, from, to, elem, prefix, important));
                    continue;
                }
                NodeKind::Answered(item) => {
                    // 「１．提出する…の種類 ［ 基礎項目評価書 ］」: the heading row carries the
                    // group's one item's answer, as the form prints it; its note below.
                    let label = Cell {
                        shade: Shade::Group,
                        bold: true,
                        ..Cell::text(&node.label)
                    };
                    rows.push(item_row(label, item, elem, prefix, important));
                    if let Some(note) = &node.note {
                        rows.push(note_row(note));
                    }
                    continue;
                }
                NodeKind::HeadingTicks(ticks) => {
                    // 「４．…の委託 ［ ］委託しない」, 「８．監査 実施の有無 ［○］自己点検 …」:
                    // the heading row carries the group's tick boxes.
                    rows.push(self.heading_ticks_row(node, &ticks, elem, prefix, important));
                    if let Some(note) = &node.note {
                        rows.push(note_row(note));
                    }
                    self.items(
                        &node.children[ticks.consumed..],
                        elem,
                        prefix,
                        None,
                        rows,
                        important,
                    );
                    continue;
                }
                NodeKind::Numbered => {
                    rows.push(Self::group_row(&node.label, Shade::Group));
                    if let Some(note) = &node.note {
                        rows.push(note_row(note));
                    }
                    self.items(&node.children, elem, prefix, None, rows, important);
                    continue;
                }
                NodeKind::TickRow => {
                    // 提供・移転の有無 ［○］提供を行っている（1）件 ［ ］…: one row of boxes.
                    let label = Cell::label(&node.label).spanning(2);
                    rows.push(ticks_row(
                        vec![label],
                        &node.children,
                        elem,
                        prefix,
                        important,
                    ));
                    continue;
                }
                NodeKind::Labelled => {
                    // An unnumbered group of items (再委託, リスク１：…): its label beside them.
                    let key = format!("{prefix}#{}", node.label);
                    self.items(
                        &node.children,
                        elem,
                        prefix,
                        Some((&node.label, key)),
                        rows,
                        important,
                    );
                    continue;
                }
                NodeKind::Transparent | NodeKind::Group => {
                    // A container whose only child is the repeated block it holds (委託事項 →
                    // 委託事項1, 2, …) needs no row of its own.
                    if matches!(node.kind(), NodeKind::Group) {
                        rows.push(Self::group_row(&node.label, Shade::Label));
                    }
                    self.items(&node.children, elem, prefix, None, rows, important);
                    continue;
                }
                NodeKind::Tick | NodeKind::Item(_) => {
                    node.path.as_ref().expect("an item has a path")
                }
            };
            let model_path = join(prefix, path);
            let value = get(elem, path);
            let content = match node.render {
                Some(Print::Note) => Content::Text(node.note.clone().unwrap_or_default()),
                Some(Print::List) => Content::Text(numbered(value)),
                // The answer alone, as the form states a result (Ⅲ しきい値判断結果).
                Some(Print::Answer) => Content::Text(form_text(&model_path, value)),
                // Files are named on the form as they are numbered in Ⅰ, never by their ids.
                _ if path == "files" && prefix.starts_with("/risk_measures/") => {
                    Content::Text(file_names(self.root, value))
                }
                _ if !node.option_groups.is_empty() => {
                    grouped_ticks(&model_path, value, &node.option_groups)
                }
                _ => content_for(&model_path, value, &node.options),
            };
            let content = match (&node.suffix, content) {
                (Some(suffix), Content::Text(t)) if !t.is_empty() => {
                    Content::Text(format!("{t} {suffix}"))
                }
                (_, content) => content,
            };
            // 「委託の有無 ※ ［ 委託する ］ （ 3 ）件」.
            let content = match (&node.count, content) {
                (
                    Some(count),
                    Content::Choice {
                        selected, options, ..
                    },
                ) => Content::Choice {
                    selected,
                    options,
                    note: Some(count.printed(elem)),
                },
                (_, content) => content,
            };
            // 「［○］その他（中間サーバー）」: the words of その他 inside its box's label.
            let mut covers = Vec::new();
            let detail = nodes.get(k + 1).filter(|n| n.is_detail());
            let content = match (detail.and_then(|d| d.path.as_deref()), content) {
                (Some(p), Content::Ticks(boxes)) => {
                    let words = form_text(&join(prefix, p), get(elem, p));
                    covers = vec![model_path.clone(), join(prefix, p)];
                    Content::Ticks(with_other_words(boxes, &words))
                }
                // 「［ 有料 ］ （手数料額、納付方法：1件300円、窓口で現金）」: the words inside the
                // form's brackets, under the answer.
                (
                    Some(p),
                    Content::Choice {
                        selected, options, ..
                    },
                ) => {
                    let words = form_text(&join(prefix, p), get(elem, p));
                    covers = vec![model_path.clone(), join(prefix, p)];
                    let label = &detail.expect("a detail node").label;
                    Content::Choice {
                        selected,
                        options,
                        note: Some(form::detail_words(label, &words)),
                    }
                }
                (Some(p), Content::TickGroups(groups)) => {
                    let words = form_text(&join(prefix, p), get(elem, p));
                    covers = vec![model_path.clone(), join(prefix, p)];
                    Content::TickGroups(
                        groups
                            .into_iter()
                            .map(|(caption, boxes)| (caption, with_other_words(boxes, &words)))
                            .collect(),
                    )
                }
                (_, content) => content,
            };
            if node.render == Some(Print::Rows) {
                // 「６．他の評価実施機関」 as a heading, 「なし」 on its own row under it.
                rows.push(Self::group_row(&node.label, Shade::Group));
                // 「（別添1）事務の内容」: the flows' pictures and steps, when there are flows;
                // then its words, if any.
                if node.figure == Some(form::Figure::Flows) && !self.assessment.flows.is_empty() {
                    self.flush(rows);
                    self.blocks
                        .push(Block::Pictures(super::attachments::flow_blocks(
                            self.assessment,
                            super::layout::content_width(),
                            self.measure,
                        )));
                    if matches!(&content, Content::Text(t) if t.trim().is_empty()) {
                        continue;
                    }
                }
                rows.push(Row {
                    cells: vec![Cell {
                        content,
                        ..Cell::text("")
                    }
                    .spanning(3)],
                    path: Some(model_path),
                    important,
                    covers,
                    heads: false,
                });
                continue;
            }
            let mut cells = Vec::new();
            // ※ is printed where the form prints it: it is part of the label in the definition.
            let label = node.label.clone();
            match &sub {
                Some((group, key)) => {
                    cells.push(Cell {
                        merge: Some(key.clone()),
                        ..Cell::label(*group)
                    });
                    // The group's own item (⑧使用方法 ※ under ⑧使用方法 ※): named once, by
                    // the group's cell beside it.
                    let own = if label == *group {
                        String::new()
                    } else {
                        label
                    };
                    cells.push(Cell::label(own));
                }
                None => cells.push(Cell::label(label).spanning(2)),
            }
            cells.push(Cell {
                content,
                ..Cell::text("")
            });
            rows.push(Row {
                cells,
                path: Some(model_path),
                important,
                covers,
                heads: false,
            });
            if let Some(note) = node
                .note
                .as_ref()
                .filter(|_| node.render != Some(Print::Note))
            {
                rows.push(note_row(note));
            }
        }
    }

    /// A numbered group's heading row with its tick boxes in the value cell, and the label
    /// before them (実施の有無) where the form prints one.
    fn heading_ticks_row(
        &self,
        node: &FormNode,
        ticks: &form::HeadingTicks,
        elem: &Value,
        prefix: &str,
        important: bool,
    ) -> Row {
        let heading = Cell {
            shade: Shade::Group,
            bold: true,
            ..Cell::text(&node.label)
        };
        let cells = match ticks.caption {
            Some(caption) => vec![heading, Cell::label(caption)],
            None => vec![heading.spanning(2)],
        };
        ticks_row(cells, ticks.items, elem, prefix, important)
    }

    /// A group printed as one value cell (`render: joined`): each entry of its repeated block
    /// on a line (as its heading numbers it, `(1) 国保賦課ファイル`, or by its first item), then
    /// the group's other items. A numbered group keeps its heading row, with the cell below it.
    fn joined(
        &mut self,
        node: &'static FormNode,
        elem: &Value,
        prefix: &str,
        rows: &mut Vec<Row>,
        important: bool,
    ) {
        let mut lines = Vec::new();
        let mut covers = Vec::new();
        for child in &node.children {
            if let Some(list) = &child.repeat {
                let empty = Vec::new();
                let entries = get(elem, list).as_array().unwrap_or(&empty);
                self.listed(child, &join(prefix, list), entries);
                let first = child.children.iter().find_map(|c| c.path.as_deref());
                for (i, e) in entries.iter().enumerate() {
                    if let Some(p) = first {
                        covers.push(join(&format!("{}/{i}", join(prefix, list)), p));
                    }
                    let line = match (&child.heading, first) {
                        (Some(_), _) => {
                            let n = child.entry_number(i, entries);
                            child.heading_text(n, e, &|id| form::file_label(&[self.root], id))
                        }
                        (None, Some(p)) => form_text(&join(&join(prefix, list), p), get(e, p)),
                        (None, None) => String::new(),
                    };
                    lines.push(line);
                }
            } else if let Some(p) = &child.path {
                lines.push(form_text(&join(prefix, p), get(elem, p)));
                covers.push(join(prefix, p));
            }
        }
        let text = lines
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let path = node.path.as_deref().map(|p| join(prefix, p));
        let important = important || node.important;
        if node.is_numbered() {
            rows.push(Self::group_row(&node.label, Shade::Group));
            rows.push(Row {
                cells: vec![Cell::text(text).spanning(3)],
                path,
                important,
                covers,
                heads: false,
            });
        } else {
            rows.push(Row {
                cells: vec![Cell::label(&node.label).spanning(2), Cell::text(text)],
                path,
                important,
                covers,
                heads: false,
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        node: &'static FormNode,
        list: &str,
        table: bool,
        elem: &Value,
        prefix: &str,
        rows: &mut Vec<Row>,
        important: bool,
    ) {
        let list_path = join(prefix, list);
        let empty = Vec::new();
        let entries = get(elem, list).as_array().unwrap_or(&empty);
        if table {
            self.flush(rows);
            self.history_table(node, entries, &list_path);
            return;
        }
        self.listed(node, &list_path, entries);
        // Files in Ⅱ and Ⅲ, and the 別添 lists, start a bookmarked block of their own.
        let per_file = list == "files" || list == "risk_measures";
        for (i, e) in entries.iter().enumerate() {
            let n = node.entry_number(i, entries);
            let heading = node.heading_text(n, e, &|id| form::file_label(&[self.root], id));
            let entry_prefix = format!("{list_path}/{i}");
            if per_file && prefix.is_empty() {
                // Ⅱ's 「(1) 国保賦課ファイル」; Ⅲ's block has none: its first row names its files.
                self.flush(rows);
                if node.heading.is_some() {
                    self.blocks.push(Block::Heading(Heading {
                        text: heading,
                        level: 2,
                    }));
                }
            } else if let Some((title, rest)) = titled(node) {
                // 「委託事項2｜保険料の賦課…」: the heading is the label of the entry's title.
                let label = Cell::label(&heading);
                rows.push(Row {
                    heads: true,
                    ..item_row(label, title, e, &entry_prefix, important)
                });
                self.items(rest, e, &entry_prefix, None, rows, important);
                continue;
            } else {
                rows.push(Self::group_row(&heading, Shade::Label));
            }
            self.items(&node.children, e, &entry_prefix, None, rows, important);
            if per_file && prefix.is_empty() {
                self.flush(rows);
            }
        }
    }

    /// 変更箇所: a table with a column per field and a header repeated on every page.
    fn history_table(&mut self, node: &FormNode, entries: &[Value], list_path: &str) {
        let cols: Vec<&FormNode> = node.children.iter().filter(|c| c.path.is_some()).collect();
        // The form definition's proportions (`paper`): 変更日 wide enough for 令和10年12月31日
        // on one line and 提出時期に係る説明 for its header, 項目 and the two texts at the
        // official form's measure.
        let widths = match cols.len() {
            n if n == self.paper.history_widths.len() => self.paper.history_widths.clone(),
            n => vec![1.0 / n.max(1) as f32; n],
        };
        let header = vec![Row {
            cells: cols
                .iter()
                .map(|c| Cell {
                    align: Align::Center,
                    ..Cell::label(&c.label)
                })
                .collect(),
            path: None,
            important: false,
            covers: Vec::new(),
            heads: false,
        }];
        let rows = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| form::history_row_forms(e, &self.declared).contains(&self.form))
            .map(|(i, e)| {
                let row_path = format!("{list_path}/{i}");
                let cells = cols
                    .iter()
                    .map(|c| {
                        let p = c.path.as_deref().unwrap_or_default();
                        let text = form_text(&join(&row_path, p), get(e, p));
                        let align = if p == "timing" {
                            Align::Center
                        } else {
                            Align::Left
                        };
                        // 項目 names items (「Ⅰ 2. 特定個人情報ファイル名」, 「①…」 over
                        // several lines): the form sets it flush, never hanging.
                        Cell {
                            align,
                            hang: p != "item",
                            path: Some(join(&row_path, p)),
                            ..Cell::text(text)
                        }
                    })
                    .collect();
                Row {
                    cells,
                    path: Some(row_path),
                    important: false,
                    covers: Vec::new(),
                    heads: false,
                }
            })
            .collect::<Vec<_>>();
        let rows = if rows.is_empty() {
            vec![Row {
                cells: vec![Cell::text("").spanning(cols.len())],
                path: None,
                important: false,
                covers: Vec::new(),
                heads: false,
            }]
        } else {
            rows
        };
        self.blocks.push(Block::Table(Table {
            widths,
            header,
            rows,
            size: self.paper.history_size,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_path;
    use crate::yaml::Limits;

    fn example(name: &str) -> Assessment {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name)
            .join("assessment.yaml");
        load_path(&p, &Limits::default()).assessment.unwrap()
    }

    fn all_text(doc: &Document) -> String {
        let mut s = String::new();
        for b in &doc.blocks {
            match b {
                Block::Heading(h) => s.push_str(&h.text),
                Block::Paragraph(p) => s.push_str(&p.text),
                Block::Table(t) => {
                    for r in t.header.iter().chain(&t.rows) {
                        for c in &r.cells {
                            s.push_str(&c.content.plain());
                            s.push('\n');
                        }
                    }
                }
                _ => {}
            }
        }
        s
    }

    #[test]
    fn basic_form_tree_has_the_seed_items_and_values() {
        let doc = build(&example("yazu-kokuho"), FormKind::Basic).unwrap();
        let text = all_text(&doc);
        for needle in [
            "[平成31年１月　様式２]",
            "特定個人情報保護評価書（基礎項目評価書）",
            "評価書番号",
            "鳥取県八頭町長",
            "令和6年1月1日",
            "Ⅰ　関連情報",
            "①事務の名称",
            "国民健康保険に関する事務",
            "[ 実施する ] ＜選択肢＞ 1) 実施する 2) 実施しない 3) 未定",
            "[ 1,000人以上1万人未満 ]",
            "[ 十分である ]",
            "[○]",
            "変更箇所",
            "平成28年12月9日",
            "「資格情報（個人）ファイル」を追加",
        ] {
            assert!(text.contains(needle), "missing {needle}");
        }
    }

    #[test]
    fn full_form_tree_has_files_delegations_and_appendix() {
        let doc = build(&example("shinjuku-kokuho"), FormKind::Full).unwrap();
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Heading(h) = b {
                    Some(h.text.as_str())
                } else {
                    None
                }
            })
            .collect();
        assert!(headings.contains(&"(1) 国保賦課ファイル"), "{headings:?}");
        assert!(headings.contains(&"（別添2）特定個人情報ファイル記録項目"));
        let text = all_text(&doc);
        for needle in [
            "委託事項2",
            "⑦再委託の有無 ※",
            "[ 再委託する ]",
            "①システム用基盤の仮環境、RDS環境の保守作業",
            "別添2を参照。",
            "1. 個人番号",
            "[○]本人又は本人の代理人",
            "[○]評価実施機関内の他部署（区民部税務課、地域振興部戸籍住民課）",
        ] {
            assert!(text.contains(needle), "missing {needle}");
        }
    }
}
