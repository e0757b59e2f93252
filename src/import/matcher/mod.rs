//! The form definition walked against a workbook's cells, in order.
//!
//! Each item of the form (`templates/forms/…`) is looked for by its label after the cursor and
//! before the next item the form puts after it, so that a label the form repeats (その妥当性,
//! リスクへの対策は十分か) is taken in its own group. A label's value is the first cell to its
//! right that is not form wording, else the cell below it of the same width. Repeated blocks
//! (システム1, (1) ファイル名, 委託事項1, 提供先) are found by their headings, or by their first
//! item's label where the form heads them with a name.

use std::collections::{BTreeMap, HashSet};

use regex::Regex;
use serde_json::Value;

mod boxes;
mod entries;
mod joined;
mod table;

use boxes::*;

use super::normalize;
use super::value::{self, Misfit};
use super::workbook::{WCell, Workbook};
use crate::model::form::{FormDef, FormNode, HeadingTicks, NodeKind, Print};
use crate::model::path::join;

/// Where an item's value came from, and what could not be typed.
pub struct Matched {
    pub model: Value,
    /// Model path → index of the cell its value came from.
    pub origin: BTreeMap<String, usize>,
    /// Cells that were read (labels, values, form wording).
    pub used: Vec<bool>,
    /// Values kept as text because they did not fit: (cell, model path, why).
    pub misfits: Vec<(usize, String, Misfit)>,
    /// Values placed into the model.
    pub placed: usize,
}

/// How the entries of a repeated block are told apart.
enum EntryStart {
    /// A heading with a number or fixed words: `システム{n}`, `({n}) {name}`.
    Heading(Regex),
    /// The label of the entry's first item (entries headed by a name alone).
    FirstLabel(String),
}

pub struct Matcher<'a> {
    cells: &'a [WCell],
    norm: Vec<String>,
    used: Vec<bool>,
    /// Every label of the form, normalised: never a value.
    known: HashSet<String>,
    /// Notes and other fixed wording the form prints.
    wording: HashSet<String>,
    /// The <選択肢> caption, normalised: a cell starting with it is the form's list.
    choice_caption: String,
    /// Whether each cell is numbered choice labels and nothing else (`1) 500人以上　2) 500人未満`):
    /// the form's list of choices, printed beside or under `＜選択肢＞`. Found once per cell, as
    /// every search for a value asks it.
    choice_list: Vec<bool>,
    headings: Vec<Regex>,
    /// Those of `headings` with words besides the number (`委託事項{n}`, not `({n}) {name}`).
    worded_headings: Vec<Regex>,
    model: Value,
    origin: BTreeMap<String, usize>,
    misfits: Vec<(usize, String, Misfit)>,
    placed: usize,
    cursor: usize,
}

/// The regex of a heading template (`委託事項{n}`), on normalised text; `None` when the
/// template is only placeholders (`{name}`).
fn heading_regex(template: &str) -> Option<Regex> {
    let norm = normalize::label(template);
    let mut pattern = String::from("^");
    let mut literal = false;
    let mut rest = norm.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        if start > 0 {
            literal = true;
        }
        pattern.push_str(&regex::escape(&rest[..start]));
        pattern.push_str(if &rest[start + 1..start + len] == "n" {
            r"(\d+)"
        } else {
            "(.+)"
        });
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        literal = true;
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push('$');
    literal.then(|| Regex::new(&pattern).ok()).flatten()
}

fn first_leaf(nodes: &[FormNode]) -> Option<&FormNode> {
    nodes.iter().find_map(|n| {
        if n.repeat.is_some() {
            None
        } else if n.children.is_empty() {
            Some(n)
        } else {
            first_leaf(&n.children)
        }
    })
}

impl<'a> Matcher<'a> {
    pub fn new(book: &'a Workbook, def: &FormDef, fixed_wording: &[String]) -> Matcher<'a> {
        let cells = &book.cells;
        let norm: Vec<String> = cells.iter().map(|c| normalize::label(&c.text)).collect();
        let mut known = HashSet::new();
        let mut wording = HashSet::new();
        let mut headings = Vec::new();
        let mut worded_headings = Vec::new();
        for top in &def.nodes {
            for n in top.walk() {
                known.insert(normalize::label(&n.label));
                if let Some(note) = &n.note {
                    wording.insert(normalize::label(note));
                }
                // `時点` in a cell of its own after the date.
                if let Some(suffix) = &n.suffix {
                    wording.insert(normalize::label(suffix));
                }
                if let Some(template) = n.heading.as_deref() {
                    if let Some(re) = heading_regex(template) {
                        let words = template
                            .split(['{', '}'])
                            .step_by(2)
                            .any(|lit| lit.chars().any(char::is_alphanumeric));
                        if words {
                            worded_headings.push(re.clone());
                        }
                        headings.push(re);
                    }
                }
            }
        }
        known.insert(normalize::label(&def.title));
        for w in fixed_wording {
            wording.insert(normalize::label(w));
            // The edition stamp as a cell between bracket cells holds it: `平成31年１月　様式２`.
            let bare = w
                .trim_start_matches(['[', '［'])
                .trim_end_matches([']', '］']);
            wording.insert(normalize::label(bare));
        }
        let choice_labels: HashSet<String> = crate::model::choice::registry()
            .values()
            .flatten()
            .map(|(_, label)| normalize::label(label))
            .collect();
        let choice_list = cells
            .iter()
            .map(|c| is_choice_list(&c.text, &choice_labels))
            .collect();
        let caption = normalize::label(&crate::model::wording::get().choice_list);
        Matcher {
            cells,
            used: vec![false; cells.len()],
            norm,
            known,
            wording,
            choice_caption: caption,
            choice_list,
            headings,
            worded_headings,
            model: Value::Object(Default::default()),
            origin: BTreeMap::new(),
            misfits: Vec::new(),
            placed: 0,
            cursor: 0,
        }
    }

    /// Walks the whole form; the cover is read like any other section.
    pub fn run(mut self, def: &FormDef) -> Matched {
        let end = self.cells.len();
        self.walk(&def.nodes, "", end, true);
        // Form wording that no item claimed (a heading printed twice, a <選択肢> list, the
        // edition stamp) is the form's, not a value.
        for i in 0..self.cells.len() {
            if !self.used[i] && !self.cells[i].error && self.is_form_text(i) {
                self.used[i] = true;
            }
        }
        Matched {
            model: self.model,
            origin: self.origin,
            used: self.used,
            misfits: self.misfits,
            placed: self.placed,
        }
    }

    fn is_form_text(&self, i: usize) -> bool {
        self.is_wording(i)
            || (self.starts_row(i) && self.headings.iter().any(|re| re.is_match(&self.norm[i])))
    }

    /// A heading with words of its own (`委託事項4`, `システム2`): the next entry, not the
    /// value of the item above it. (`(2) …` may well be a value's first line.)
    fn is_worded_heading(&self, i: usize) -> bool {
        self.worded_headings
            .iter()
            .any(|re| re.is_match(&self.norm[i]))
    }

    /// A label, a note or a <選択肢> list of the form: never a value. (A heading-like text
    /// is a value where a value is expected: `①…` lists often start a cell.)
    fn is_wording(&self, i: usize) -> bool {
        let n = &self.norm[i];
        self.known.contains(n)
            || self.wording.contains(n)
            || n.starts_with(&self.choice_caption)
            || self.choice_list[i]
    }

    /// Whether a cell is the first of its row: where headings are, and values never are.
    fn starts_row(&self, i: usize) -> bool {
        i == 0 || !self.same_row(i - 1, i)
    }

    fn same_row(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.cells[a], &self.cells[b]);
        x.sheet == y.sheet && x.row == y.row
    }

    /// The cell (or two adjacent cells of one row) in `from..to` whose text is `target`.
    fn find(&self, target: &str, from: usize, to: usize) -> Option<(usize, usize)> {
        let to = to.min(self.cells.len());
        for i in from..to {
            if self.used[i] {
                continue;
            }
            let n = &self.norm[i];
            if n == target {
                return Some((i, i));
            }
            // A label split over two cells (`①` | `事務の名称`).
            if target.starts_with(n.as_str())
                && i + 1 < to
                && !self.used[i + 1]
                && self.same_row(i, i + 1)
                && format!("{n}{}", self.norm[i + 1]) == target
            {
                return Some((i, i + 1));
            }
        }
        // Numbered differently in this workbook: compare without the number.
        let bare = normalize::without_number(target);
        if bare.chars().count() >= 2 && bare != target {
            return (from..to).find_map(|i| {
                (!self.used[i] && normalize::without_number(&self.norm[i]) == bare)
                    .then_some((i, i))
            });
        }
        None
    }

    fn find_label(&self, label: &str, from: usize, to: usize) -> Option<(usize, usize)> {
        self.find(&normalize::label(label), from, to)
    }

    /// Where a node starts in `from..to`: its label, or its first entry.
    fn anchor(&self, node: &FormNode, from: usize, to: usize, top: bool) -> Option<usize> {
        if node.repeat.is_some() {
            return self.entry_starts(node, from, to).first().map(|s| s.0);
        }
        if !top && matches!(node.kind(), NodeKind::Transparent) {
            return self.anchor(&node.children[0], from, to, false);
        }
        self.find_label(&node.label, from, to).map(|(i, _)| i)
    }

    /// Where the nodes after the current one start: the bound of the current one.
    fn next_anchor(&self, siblings: &[FormNode], from: usize, limit: usize, top: bool) -> usize {
        siblings
            .iter()
            .take(4)
            .find_map(|s| self.anchor(s, from, limit, top))
            .unwrap_or(limit)
    }

    fn walk(&mut self, nodes: &[FormNode], prefix: &str, limit: usize, top: bool) {
        for (k, node) in nodes.iter().enumerate() {
            let siblings = &nodes[k + 1..];
            if node.repeat.is_some() {
                let end = self.next_anchor(siblings, self.cursor, limit, top);
                // Past the block only when it was there: a missing block does not swallow
                // the items after it.
                if self.repeat(node, prefix, end) && end < limit {
                    self.cursor = self.cursor.max(end);
                }
                continue;
            }
            if node.render == Some(Print::Joined) && self.joined(node, prefix, limit) {
                continue;
            }
            if !node.children.is_empty() {
                self.group(node, prefix, siblings, limit, top);
                continue;
            }
            if node.is_detail() {
                // Read inside the その他 box before it; a workbook that gives the words a row
                // of their own has them read from there.
                let read = node
                    .path
                    .as_deref()
                    .is_some_and(|p| self.origin.contains_key(&join(prefix, p)));
                if !read {
                    self.leaf(node, prefix, limit, None);
                }
                continue;
            }
            let detail = siblings.first().filter(|n| n.is_detail());
            self.leaf(node, prefix, limit, detail);
        }
    }

    fn group(
        &mut self,
        node: &FormNode,
        prefix: &str,
        siblings: &[FormNode],
        limit: usize,
        top: bool,
    ) {
        // A container of one repeated block, or a group the form does not print, has no row
        // of its own.
        if !top && matches!(node.kind(), NodeKind::Transparent | NodeKind::Bare) {
            self.walk(&node.children, prefix, limit, false);
            return;
        }
        let found = self.find_label(&node.label, self.cursor, limit);
        let range_value = found.and_then(|(first, last)| {
            let v = self.value_of(first, last, limit)?;
            self.same_row(last, v).then_some(v)
        });
        if let (Some((first, last)), Some((a, b))) = (found, node.range()) {
            // 「令和4年12月15日 ～ 令和5年1月16日」: the two items from one value beside the
            // label (a workbook that gives each its own row is read item by item below).
            if let Some(v) = range_value {
                self.used[first..=last].iter_mut().for_each(|u| *u = true);
                self.cursor = last + 1;
                let text = self.cells[v].text.clone();
                let (x, y) = text
                    .split_once(['～', '〜', '~'])
                    .unwrap_or((text.as_str(), ""));
                for (item, part) in [(a, x), (b, y)] {
                    if let Some(p) = &item.path {
                        if !part.trim().is_empty() || self.cells[v].error {
                            self.assign_value(&join(prefix, p), v, part.trim());
                        }
                    }
                }
                self.used[v] = true;
                return;
            }
        }
        let from = match found {
            Some((first, last)) => {
                self.used[first..=last].iter_mut().for_each(|u| *u = true);
                self.cursor = last + 1;
                self.cursor
            }
            None => self.cursor,
        };
        let end = self.next_anchor(siblings, from, limit, top);
        // The group's own item, named only by the group's cell (⑧使用方法 ※): its value is
        // on the group label's row.
        if let (Some((first, last)), Some(item)) = (found, node.children.first()) {
            let own = item.label == node.label && item.children.is_empty() && item.repeat.is_none();
            if let (true, Some(path), Some(v)) = (own, &item.path, self.value_of(first, last, end))
            {
                if self.same_row(last, v) {
                    self.assign(&join(prefix, path), v);
                }
            }
        }
        // A heading that carries its one item's answer (１．提出する…の種類 ［ … ］), beside
        // it or, as the official workbook has it, alone on the row under it.
        if let (Some((first, last)), Some(item)) = (found, node.answered_item()) {
            let beside = self
                .value_of(first, last, end)
                .filter(|&v| self.same_row(last, v));
            let under = || {
                self.next_row(last, end)
                    .next()
                    .filter(|&v| self.cells[v].col == self.cells[first].col)
                    .filter(|&v| !self.used[v] && !self.is_wording(v))
            };
            if let (Some(v), Some(path)) = (beside.or_else(under), &item.path) {
                self.assign(&join(prefix, path), v);
            }
        }
        // A heading that carries tick boxes (４．…の委託 ［ ］委託しない, ８．監査 実施の有無 …):
        // the items it prints are read there, the rest below it.
        let mut rest = node.children.as_slice();
        let box_group = HeadingTicks {
            caption: None,
            items: &node.children,
            consumed: node.children.len(),
        };
        let ticks = match node.kind() {
            NodeKind::HeadingTicks(ticks) => Some(ticks),
            // A group of boxes alone (提供・移転の有無): its boxes beside its label.
            NodeKind::TickRow => Some(box_group),
            _ => None,
        };
        if let (Some((first, last)), Some(ticks)) = (found, ticks) {
            if self.heading_ticks(first, last, &ticks, prefix, end) {
                rest = &node.children[ticks.consumed..];
            }
        }
        if node.render == Some(Print::Table) {
            self.table(node, prefix, end);
        } else {
            self.walk(rest, prefix, end, false);
        }
        // Past the group only when its own label was there; a group the workbook does not
        // head may not swallow the items after it.
        if found.is_some() && end < limit {
            self.cursor = self.cursor.max(end);
        }
    }

    /// The tick boxes on a heading's row, after its caption (実施の有無) where it has one:
    /// each ticked box's label names its item. Whether the row held them.
    fn heading_ticks(
        &mut self,
        first: usize,
        last: usize,
        ticks: &HeadingTicks,
        prefix: &str,
        end: usize,
    ) -> bool {
        let mut label_end = last;
        if let Some(caption) = ticks.caption {
            match self.find_label(caption, last + 1, end) {
                Some((f, l)) if self.same_row(last, f) => {
                    self.used[f..=l].iter_mut().for_each(|u| *u = true);
                    label_end = l;
                }
                _ => return false,
            }
        }
        let beside = self
            .value_of(first, label_end, end)
            .filter(|v| self.same_row(label_end, *v));
        // A long heading's box on the row under it (５．…の提供・移転 / ［ ］提供・移転しない):
        // a row of boxes alone.
        let under = || {
            let row: Vec<usize> = self.next_row(label_end, end).collect();
            let boxes = !row.is_empty()
                && row
                    .iter()
                    .all(|&k| !self.used[k] && is_box_cell(&self.cells[k].text));
            boxes.then(|| row[0]).filter(|_| row.len() == 1)
        };
        let Some(v) = beside.or_else(under) else {
            return false;
        };
        self.used[v] = true;
        let text = box_per_line(&self.cells[v].text);
        for (ticked, label) in text.lines().filter_map(value::tick_line) {
            let found = ticks
                .items
                .iter()
                .find_map(|t| Some((t.path.as_deref()?, box_count(&t.label, label)?)));
            match (found, ticked) {
                (Some((path, count)), true) => {
                    let path = join(prefix, path);
                    let value = match count {
                        // A count's box: the number in its brackets (none written: ticked
                        // without one, left to check to ask for it).
                        Some(n) => n.parse::<u64>().ok().map(Value::from),
                        None => Some(Value::Bool(true)),
                    };
                    if let Some(value) = value {
                        set(&mut self.model, &path, value);
                    }
                    self.origin.insert(path, v);
                    self.placed += 1;
                }
                // An empty box is read too: the item stays unticked.
                (Some((path, _)), false) => {
                    self.origin.insert(join(prefix, path), v);
                    self.placed += 1;
                }
                (None, _) => {
                    let path = join(prefix, ticks.items[0].path.as_deref().unwrap_or_default());
                    let names: Vec<&str> = ticks.items.iter().map(|t| t.label.as_str()).collect();
                    self.misfits.push((
                        v,
                        path,
                        Misfit {
                            value: Value::Null,
                            ja: format!(
                                "「{label}」はこの欄の選択肢ではありません（{}）",
                                names.join("・")
                            ),
                            en: format!(
                                "「{label}」 is not a box of this row ({})",
                                names.join(", ")
                            ),
                        },
                    ));
                }
            }
        }
        true
    }

    /// An item's label and value; `detail`, the item whose words the value's その他 box
    /// carries (`［○］その他（中間サーバー）`).
    fn leaf(&mut self, node: &FormNode, prefix: &str, limit: usize, detail: Option<&FormNode>) {
        let Some(path) = &node.path else { return };
        let Some((first, last)) = self.find_label(&node.label, self.cursor, limit) else {
            return;
        };
        self.used[first..=last].iter_mut().for_each(|u| *u = true);
        self.cursor = last + 1;
        if node.render == Some(Print::Note) {
            return;
        }
        let path = join(prefix, path);
        if let Some(v) = self.value_of(first, last, limit) {
            // Below its label, a cell is only a guess at the value: one that does not fit the
            // item (a heading under an empty count) is left for what it is.
            let beside = self.same_row(last, v);
            let text = without_suffix(&self.cells[v].text, node.suffix.as_deref());
            if beside || self.cells[v].error || value::typed(&path, text).is_ok() {
                let text = without_captions(&self.cells[v].text, node);
                // 「[ 委託する ]」 over 「（ 3 ）件」, 「[ 有料 ]」 over 「（手数料額、納付方法：…）」:
                // the answer, and the words the form prints with it.
                if let Some((answer, note)) = answer_and_note(&text, node, detail) {
                    self.assign_value(&path, v, &answer);
                    if let (Some(d), Some(words)) = (detail, note) {
                        let words_path = join(prefix, d.path.as_deref().unwrap_or_default());
                        self.assign_value(&words_path, v, &words);
                    }
                    return;
                }
                match detail.and_then(|d| d.path.as_deref()) {
                    Some(words_path) if !self.cells[v].error => {
                        let (boxes, words) = other_words(&text);
                        self.assign_value(&path, v, &boxes);
                        if let Some(words) = words {
                            let words_path = join(prefix, words_path);
                            self.assign_value(&words_path, v, &words);
                        }
                    }
                    _ if !node.option_groups.is_empty() && !self.cells[v].error => {
                        self.assign_value(&path, v, &text)
                    }
                    _ => self.assign_text(&path, v, node.suffix.as_deref()),
                }
            }
        }
    }

    /// The cells of the row under the cell `last` (and its merged rows), before `limit`.
    fn next_row(&self, last: usize, limit: usize) -> impl Iterator<Item = usize> + '_ {
        let below = self.cells[last].end_row + 1;
        let sheet = self.cells[last].sheet;
        (last + 1..limit.min(self.cells.len()))
            .skip_while(move |&k| self.cells[k].sheet == sheet && self.cells[k].row < below)
            .take_while(move |&k| self.cells[k].sheet == sheet && self.cells[k].row == below)
    }

    /// The value cell of the label at `first..=last`; a value below the label must come before
    /// `limit`, where the next entry or group begins.
    fn value_of(&self, first: usize, last: usize, limit: usize) -> Option<usize> {
        let label = &self.cells[last];
        // To the right, on the label's row.
        let mut j = last + 1;
        while j < self.cells.len() && self.same_row(last, j) {
            if !self.used[j] && (self.cells[j].error || !self.is_wording(j)) {
                return Some(j);
            }
            j += 1;
        }
        // Below: the first cell under the label, of the label's width.
        let start = &self.cells[first];
        let below_row = label.end_row.max(start.end_row);
        let k = (j..self.cells.len()).find(|&k| {
            let c = &self.cells[k];
            c.sheet == label.sheet && c.row > below_row
        })?;
        let row = self.cells[k].row;
        if row > below_row + 3 {
            return None;
        }
        (k..self.cells.len())
            .take_while(|&m| self.cells[m].sheet == label.sheet && self.cells[m].row == row)
            .find(|&m| {
                // Of the label's width, or wider (③システムの名称 over a full-width cell).
                let c = &self.cells[m];
                c.col == start.col && c.end_col >= label.end_col
            })
            .filter(|&m| {
                m < limit
                    && !self.used[m]
                    && (self.cells[m].error || !(self.is_wording(m) || self.is_worded_heading(m)))
            })
    }

    fn assign(&mut self, path: &str, cell: usize) {
        self.assign_text(path, cell, None);
    }

    /// Places a cell's value at `path`, without the words the form prints after it (`時点`).
    fn assign_text(&mut self, path: &str, cell: usize, suffix: Option<&str>) {
        let text = without_suffix(&self.cells[cell].text, suffix).to_string();
        self.assign_value(path, cell, &text);
    }

    /// Places `text`, read from `cell`, at `path`, typed as the model's item there.
    fn assign_value(&mut self, path: &str, cell: usize, text: &str) {
        self.used[cell] = true;
        let c = &self.cells[cell];
        if c.error {
            self.misfits.push((
                cell,
                path.to_string(),
                Misfit {
                    value: Value::Null,
                    ja: format!("数式のエラー {} です（値がありません）", c.text),
                    en: format!("a formula error, {} (no value)", c.text),
                },
            ));
            return;
        }
        match value::typed(path, text) {
            Ok(Some(v)) => {
                set(&mut self.model, path, v);
                self.origin.insert(path.to_string(), cell);
                self.placed += 1;
            }
            Ok(None) => {
                self.origin.insert(path.to_string(), cell);
                self.placed += 1;
            }
            Err(m) => {
                set(&mut self.model, path, m.value.clone());
                self.origin.insert(path.to_string(), cell);
                self.placed += 1;
                self.misfits.push((cell, path.to_string(), m));
            }
        }
    }
}

/// `1) 500人以上　2) 500人未満`, `2) 十分である`: numbered choice labels and nothing else.
fn is_choice_list(text: &str, choice_labels: &HashSet<String>) -> bool {
    static NUMBER: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let number = NUMBER.get_or_init(|| Regex::new(r"[0-9０-９]+[)）]").expect("valid"));
    let t = text.trim();
    if number.find(t).is_none_or(|m| m.start() != 0) {
        return false;
    }
    number
        .split(t)
        .skip(1)
        .all(|piece| choice_labels.contains(&normalize::label(piece)))
}

/// Sets the value at a model path, creating the objects and list entries on the way.
pub fn set(root: &mut Value, path: &str, value: Value) {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut node = root;
    for (k, seg) in segs.iter().enumerate() {
        let last = k + 1 == segs.len();
        let next_is_index = segs.get(k + 1).is_some_and(|s| s.parse::<usize>().is_ok());
        let fresh = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Default::default())
            }
        };
        node = match seg.parse::<usize>() {
            Ok(i) if node.is_array() => {
                let a = node.as_array_mut().expect("checked");
                while a.len() <= i {
                    a.push(Value::Object(Default::default()));
                }
                if last {
                    a[i] = value;
                    return;
                }
                if !(a[i].is_object() || a[i].is_array()) {
                    a[i] = fresh();
                }
                &mut a[i]
            }
            _ => {
                if !node.is_object() {
                    *node = Value::Object(Default::default());
                }
                let m = node.as_object_mut().expect("checked");
                if last {
                    m.insert(seg.to_string(), value);
                    return;
                }
                let child = m.entry(seg.to_string()).or_insert_with(fresh);
                if !(child.is_object() || child.is_array()) {
                    *child = fresh();
                }
                child
            }
        };
    }
}

/// A choice's answer cell that carries, on its next line, the words the form prints with the
/// answer: a count (委託の有無's `（ 3 ）件`, read for nothing: it counts the entries) or a detail's
/// words in the detail's brackets (③手数料等's `（手数料額、納付方法：…）`). `None` for any other
/// cell. Returns the answer and the detail's words.
fn answer_and_note(
    text: &str,
    node: &FormNode,
    detail: Option<&FormNode>,
) -> Option<(String, Option<String>)> {
    let (first, rest) = text.trim().split_once('\n')?;
    let first = first.trim();
    let inner = first
        .strip_prefix(['[', '［'])?
        .strip_suffix([']', '］'])?
        .trim_matches([' ', '　']);
    let rest = rest.trim();
    if node.count.is_some() {
        return Some((inner.to_string(), None));
    }
    let detail = detail?;
    let words = crate::model::form::words_of_detail(&detail.label, rest)?;
    Some((
        inner.to_string(),
        (!words.is_empty()).then(|| words.to_string()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn headings_become_patterns_only_with_words_of_their_own() {
        let re = heading_regex("委託事項{n}").unwrap();
        assert!(re.is_match(&normalize::label("委託事項１２")));
        assert!(!re.is_match(&normalize::label("委託事項")));
        let re = heading_regex("({n}) {name}").unwrap();
        let text = normalize::label("（２）国保資格ファイル");
        let caps = re.captures(&text).unwrap();
        assert_eq!(&caps[1], "2");
        assert!(heading_regex("{name}").is_none());
        assert!(heading_regex("{files}").is_none());
    }

    #[test]
    fn values_are_set_through_lists_and_objects() {
        let mut v = json!({});
        set(
            &mut v,
            "/files/1/delegations/0/subcontract/status",
            json!("none"),
        );
        set(&mut v, "/cover/title", json!("t"));
        assert_eq!(
            v,
            json!({
                "files": [{}, {"delegations": [{"subcontract": {"status": "none"}}]}],
                "cover": {"title": "t"}
            })
        );
    }
}
