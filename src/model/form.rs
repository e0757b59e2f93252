//! Form definitions: the items of each form edition, as data in `templates/forms/`.
//!
//! A definition is a tree of labelled nodes. A node with a `path` is an item bound to the model
//! (`operation.name`); `required` items must be filled in; `important` items carry ※ (a change to
//! them is a 重要な変更); `when` switches a node off (its items must then be empty), e.g. the
//! questions under a ticked 「委託しない」. A `repeat` node repeats its children for every entry of a
//! list (システム1, 2, …), with paths relative to the entry.
//!
//! check (completeness), diff (item labels, ※) and render (structure) all read this one tree.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{edition, FormKind};
use crate::yaml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    pub form: FormKind,
    pub edition: String,
    /// 特定個人情報保護評価書（基礎項目評価書）.
    pub title: String,
    /// Whether the form prints ※ beside the items whose change is a 重要な変更 (様式3 and 様式4
    /// do; 様式2 prints none, and has no 重要な変更 items: its `important` marks are ignored).
    #[serde(default = "prints_marks_default")]
    pub prints_marks: bool,
    /// How the printed form is proportioned, as the official one is.
    #[serde(default)]
    pub paper: Paper,
    pub nodes: Vec<FormNode>,
    /// The file it was read from, under `templates/` (`forms/basic/h31-01.yaml`).
    #[serde(skip)]
    pub source: String,
}

fn prints_marks_default() -> bool {
    true
}

/// The printed form's proportions, per edition: column widths as fractions of the text width,
/// the change table's type size, and the sections that start a page. Taken from the official
/// form's line measure (seed 002: 45–47 characters in Ⅰ's answer column, 20–21 in 変更前/変更後).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    /// Item tables: group label, item label, value.
    #[serde(default = "item_widths_default")]
    pub item_widths: [f32; 3],
    /// A section's own item widths where the official form gives its labels more room (Ⅱ's
    /// questions, Ⅳ's risks), by the section's label.
    #[serde(default)]
    pub section_widths: std::collections::BTreeMap<String, [f32; 3]>,
    /// 変更箇所: 変更日, 項目, 変更前の記載, 変更後の記載, 提出時期, 提出時期に係る説明.
    #[serde(default = "history_widths_default")]
    pub history_widths: Vec<f32>,
    /// 変更箇所's type size in pt (default: the body's).
    #[serde(default)]
    pub history_size: Option<f32>,
    /// Labels of the top-level sections that start a new page (`Ⅳ　リスク対策`, `変更箇所`).
    #[serde(default)]
    pub break_before: Vec<String>,
}

impl Paper {
    /// The item widths of the section labelled `label`.
    pub fn widths_of(&self, label: &str) -> [f32; 3] {
        let fold = |s: &str| s.replace([' ', '　'], "");
        self.section_widths
            .iter()
            .find(|(k, _)| fold(k) == fold(label))
            .map_or(self.item_widths, |(_, w)| *w)
    }

    /// Whether the section labelled `label` starts a page.
    pub fn breaks_before(&self, label: &str) -> bool {
        let fold = |s: &str| s.replace([' ', '　'], "");
        self.break_before.iter().any(|b| fold(b) == fold(label))
    }
}

impl Default for Paper {
    fn default() -> Paper {
        Paper {
            item_widths: item_widths_default(),
            section_widths: Default::default(),
            history_widths: history_widths_default(),
            history_size: None,
            break_before: Vec::new(),
        }
    }
}

fn item_widths_default() -> [f32; 3] {
    [0.16, 0.26, 0.58]
}

fn history_widths_default() -> Vec<f32> {
    vec![0.17, 0.16, 0.2, 0.2, 0.09, 0.18]
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormNode {
    /// The form's label, with its number: `①事務の名称`, `Ⅰ　関連情報`.
    pub label: String,
    /// Dotted path into the model, relative to the enclosing repeat entry (or the root).
    pub path: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// ※: a change to this item is a 重要な変更.
    #[serde(default)]
    pub important: bool,
    /// A minijinja expression; when false, this node's items must be empty. Names resolve
    /// against the enclosing repeat entry, and `root` is the whole assessment.
    pub when: Option<String>,
    /// A minijinja expression: the item is required only when it holds (for items that may be
    /// filled or left empty otherwise, e.g. a legal basis when 情報連携 is 未定).
    pub required_when: Option<String>,
    /// A list path: the children repeat for every entry.
    pub repeat: Option<String>,
    /// Heading of each repeated entry: `システム{n}`, `({n}) {name}` (`{n}` counts from 1).
    pub heading: Option<String>,
    /// The form's note printed under the item, if any.
    pub note: Option<String>,
    /// How the form prints the node when it is not the default row (see [`Print`]); what a
    /// node *is* to every stage comes from [`FormNode::kind`].
    pub render: Option<Print>,
    /// Words the form prints after the value: `時点` after いつ時点の計数か's date.
    pub suffix: Option<String>,
    /// Pictures the item prints in place of its words when the assessment has what they draw
    /// (様式4 （別添1）事務の内容: the flows' pictures and numbered steps).
    pub figure: Option<Figure>,
    /// A count the form prints with the answer (委託の有無 ※ 「（ 3 ）件」): the entries of a list.
    pub count: Option<Count>,
    /// The choices this item lists on the form, in the form's order, when it shows only some of
    /// its list (④提供方法 lists the media, not 庁内連携システム).
    #[serde(default)]
    pub options: Vec<String>,
    /// Captions the form groups this item's tick boxes under (主な記録項目: 識別情報,
    /// 連絡先等情報, 業務関係情報), each with its choices in the form's order.
    #[serde(default)]
    pub option_groups: Vec<OptionGroup>,
    #[serde(default)]
    pub children: Vec<FormNode>,
}

/// The `render:` of a form node: how the form prints it when it is not the default row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Print {
    /// The note instead of the value (別添2を参照).
    Note,
    /// A repeated block as a table with a column per child (変更箇所).
    Table,
    /// A list value as a numbered table (別添2).
    List,
    /// A choice as its answer alone, without brackets or the <選択肢> list (Ⅲ しきい値判断結果).
    Answer,
    /// A group as one value cell: each entry of its repeated block on a line, then its other
    /// items (様式2 ③システムの名称 with its ＊ note, the file names of Ⅰ).
    Joined,
    /// A yes/no item printed as a tick box beside its fellows (`［ ］委託しない`).
    Tick,
    /// The words of the item before it's その他 box, printed inside that box's label
    /// (`［○］その他（中間サーバー）`).
    Detail,
    /// A group of two items printed as one value (`令和4年12月15日 ～ 令和5年1月16日`: Ⅵ2
    /// ②実施日・期間).
    Range,
    /// A group that exists for its `when` alone (the questions under an unticked 委託しない)
    /// and prints no row or label: its items print as the enclosing group's.
    Bare,
    /// A numbered heading on a row of its own with its item on the row below, though the item
    /// repeats the heading's words (様式2 Ⅳ９ 「従業者に対する教育・啓発」 under 「９．従業者に対する
    /// 教育・啓発」, as seed 002 prints it), rather than the answer on the heading's row; on an
    /// item, its label as a heading and its value on the row below, across the width (Ⅰ６
    /// 「６．他の評価実施機関」 over 「なし」).
    Rows,
}

/// The words of a detail item inside the form's own brackets: 「（手数料額、納付方法：）」 with
/// 「1件300円」 is 「（手数料額、納付方法：1件300円）」.
pub fn detail_words(label: &str, words: &str) -> String {
    match label.strip_suffix(['）', ')']) {
        Some(open) => format!("{open}{words}{}", &label[open.len()..]),
        None => format!("{label}{words}"),
    }
}

/// What a detail's printed words say: the inverse of [`detail_words`]; `None` when the text is
/// not in the label's brackets.
pub fn words_of_detail<'t>(label: &str, printed: &'t str) -> Option<&'t str> {
    let open = label.strip_suffix(['）', ')'])?;
    let inner = printed.trim().strip_prefix(open)?;
    Some(inner.strip_suffix(['）', ')'])?.trim())
}

/// A count printed with an answer (`count:` of a form node).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// The list counted, beside the item (`delegations`).
    pub list: String,
    /// How the form prints it; `{n}` is the count, blank when the list is empty: `（ {n} ）件`.
    pub words: String,
}

impl Count {
    /// The words for the entries of `list` in `elem`.
    pub fn printed(&self, elem: &serde_json::Value) -> String {
        let n = crate::model::path::get(elem, &self.list)
            .as_array()
            .map_or(0, Vec::len);
        let n = if n == 0 { String::new() } else { n.to_string() };
        self.words.replace("{n}", &n)
    }
}

/// What an item's pictures draw (`figure:` of a form node).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Figure {
    /// The assessment's `flows`, as `hyoka attachments` draws them for 別紙1.
    Flows,
}

/// What a form node is on the page, and so how render prints it, import reads it back, diff
/// names it and serve shows it: the one classifier of [`FormNode::kind`], in the order the
/// form's rules apply.
#[derive(Debug, Clone, Copy)]
pub enum NodeKind<'a> {
    /// The words of an その他 box: printed inside the label of the item before it.
    Detail,
    /// A block repeated for every entry of the list at `list`; as one table when `table`.
    Repeat { list: &'a str, table: bool },
    /// A group printed as one value cell ([`Print::Joined`]).
    Joined,
    /// A group that prints no row: its items print as the enclosing group's.
    Bare,
    /// A group of two items printed as one value ([`Print::Range`]).
    Range {
        from: &'a FormNode,
        to: &'a FormNode,
    },
    /// A numbered group whose one item's answer stands on its heading row
    /// (「１．提出する…の種類 ［ 基礎項目評価書 ］」).
    Answered(&'a FormNode),
    /// A numbered group whose heading row carries tick boxes (「４．…の委託 ［ ］委託しない」).
    HeadingTicks(HeadingTicks<'a>),
    /// Any other numbered group: a heading row, then its children.
    Numbered,
    /// A group of tick boxes alone, on one row beside its label (提供・移転の有無).
    TickRow,
    /// An unnumbered group of plain items, its label beside them (再委託, リスク１：…).
    Labelled,
    /// A container whose only child is the repeated block it holds (委託事項 → 委託事項1, 2,
    /// …): no row of its own.
    Transparent,
    /// Any other group: a label row, then its children.
    Group,
    /// A tick box, printed with its fellows by the group that holds it.
    Tick,
    /// An item: its label and value (its `render` says how the value prints).
    Item(&'a str),
    /// A label with neither a value nor children.
    Label,
}

/// A caption over some of an item's tick boxes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionGroup {
    pub label: String,
    pub options: Vec<String>,
}

/// The definition of a form edition, if hyoka has one.
pub fn get(form: FormKind, edition_name: &str) -> Option<&'static FormDef> {
    let wanted = edition::find(form, edition_name)?;
    all()
        .iter()
        .find(|d| d.form == form && d.edition == wanted.name)
}

/// The tick box a form prints for the yes/no item at a model path, in any shipped definition:
/// `/basic_risk/delegation/not_applicable` → 委託しない, while the schema's title, shared by the
/// sections with the same shape, says 委託しない／提供・移転しない. Entries of a list match by
/// any index.
pub fn tick_at(path: &str) -> Option<&'static FormNode> {
    fn normal(path: &str) -> String {
        path.split('/')
            .map(|s| if s.parse::<usize>().is_ok() { "*" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    }
    fn find(nodes: &'static [FormNode], prefix: &str, want: &str) -> Option<&'static FormNode> {
        for n in nodes {
            let here = match &n.repeat {
                Some(list) => format!("{prefix}/{}/*", list.replace('.', "/")),
                None => prefix.to_string(),
            };
            if let (NodeKind::Tick, Some(p)) = (n.kind(), &n.path) {
                if format!("{here}/{}", p.replace('.', "/")) == want {
                    return Some(n);
                }
            }
            if let Some(found) = find(&n.children, &here, want) {
                return Some(found);
            }
        }
        None
    }
    let want = normal(path);
    all().iter().find_map(|d| find(&d.nodes, "", &want))
}

/// Every shipped definition (`templates/forms/<form>/*.yaml`).
pub fn all() -> &'static [FormDef] {
    static ALL: OnceLock<Vec<FormDef>> = OnceLock::new();
    ALL.get_or_init(|| {
        crate::templates::FILES
            .iter()
            .filter(|(p, _)| p.starts_with("forms/") && p.ends_with(".yaml"))
            .map(|(p, text)| {
                let mut def = parse(p, text).unwrap_or_else(|e| panic!("templates/{p}: {e}"));
                def.source = p.to_string();
                def
            })
            .collect()
    })
}

/// Parses a definition; errors name the template file and line.
pub fn parse(name: &str, text: &str) -> Result<FormDef, String> {
    let tree = yaml::parse(text, &yaml::Limits::default())
        .map_err(|e| format!("{}:{}: {}", name, e.pos.line, e.message.en))?;
    super::data::deserialize_node::<FormDef>(name, &tree).map_err(|diags| {
        diags
            .iter()
            .map(|d| format!("{}:{}:{}: {}", name, d.pos.line, d.pos.column, d.message.en))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

impl FormNode {
    /// The heading of the `n`-th (1-based) entry of a repeated block, from the node's `heading`
    /// template: `システム{n}`, `({n}) {name}`, `{files}` — a field of the entry, where `files`
    /// (ids) prints as the files' numbered names through `file_name`.
    pub fn heading_text(
        &self,
        n: usize,
        entry: &serde_json::Value,
        file_name: &dyn Fn(&str) -> String,
    ) -> String {
        use serde_json::Value;
        let template = self.heading.as_deref().unwrap_or(&self.label);
        let mut out = template.replace("{n}", &n.to_string());
        while let Some(start) = out.find('{') {
            let Some(len) = out[start..].find('}') else {
                break;
            };
            let placeholder = out[start + 1..start + len].to_string();
            // `{kind:recipient_kind}`: the field's choice label (`provide` → 提供).
            let (field, set) = match placeholder.split_once(':') {
                Some((f, s)) => (f.to_string(), Some(s.to_string())),
                None => (placeholder, None),
            };
            let value = match (field.as_str(), entry.get(&field)) {
                (_, Some(Value::String(s))) if set.is_some() => {
                    let set = set.as_deref().unwrap_or_default();
                    super::choice::registry()
                        .get(set)
                        .and_then(|l| l.iter().find(|(id, _)| id == s))
                        .map_or_else(|| s.clone(), |(_, label)| label.clone())
                }
                ("files", Some(Value::Array(ids))) => ids
                    .iter()
                    .filter_map(Value::as_str)
                    .map(file_name)
                    .collect::<Vec<_>>()
                    .join("　"),
                (_, Some(Value::String(s))) => s.clone(),
                _ => String::new(),
            };
            out.replace_range(start..start + len + 1, &value);
        }
        out
    }

    /// When the heading names the entry's kind (`{kind:recipient_kind}先{n}`): the field, and
    /// the kinds, (id, label) — the kinds a new entry may be.
    pub fn heading_kinds(&self) -> Option<(String, Vec<(String, String)>)> {
        let (field, set) = self
            .heading
            .as_deref()?
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(inside, _)| inside))
            .find_map(|p| p.split_once(':'))?;
        let kinds = super::choice::registry().get(set)?.clone();
        Some((field.to_string(), kinds))
    }

    /// The number the heading gives the `i`-th (0-based) of `entries`: its place in the list,
    /// or, for a heading that names the entry's kind (`{kind:recipient_kind}先{n}`), its place
    /// among the entries of that kind (提供先1, 提供先2, 移転先1).
    pub fn entry_number(&self, i: usize, entries: &[serde_json::Value]) -> usize {
        let kind_field = self
            .heading
            .as_deref()
            .and_then(|h| h.split('{').skip(1).find_map(|p| p.split_once(':')))
            .map(|(field, _)| field);
        match kind_field {
            Some(field) => entries
                .iter()
                .take(i + 1)
                .filter(|e| e.get(field) == entries.get(i).and_then(|x| x.get(field)))
                .count()
                .max(1),
            None => i + 1,
        }
    }

    /// The words of a numbered group's label after its number (`１．対象人数` → `対象人数`);
    /// `None` for a label that is not numbered so.
    fn numbered_words(&self) -> Option<String> {
        let folded = crate::text::fold_width(&self.label);
        let digits = folded.chars().take_while(char::is_ascii_digit).count();
        let words = folded[digits..].strip_prefix(['.', '．'])?;
        (digits > 0).then(|| words.to_string())
    }

    /// Whether the label heads a numbered group (`１．…`), which the forms print as a row of its
    /// own.
    pub fn is_numbered(&self) -> bool {
        self.numbered_words().is_some()
    }

    /// The one item of a numbered group named as the group is (`１．提出する特定個人情報保護評価書
    /// の種類` → `提出する特定個人情報保護評価書の種類`): the form puts its answer on the group's
    /// heading row.
    pub fn answered_item(&self) -> Option<&FormNode> {
        let [item] = self.children.as_slice() else {
            return None;
        };
        if self.render == Some(Print::Rows) {
            return None;
        }
        let words = self.numbered_words()?;
        (item.children.is_empty()
            && item.repeat.is_none()
            && item.path.is_some()
            && item.render.is_none()
            && crate::text::fold_width(&item.label) == words)
            .then_some(item)
    }

    /// A yes/no item the form prints as a tick box (`［○］委託しない`), not as a row.
    pub fn is_tick(&self) -> bool {
        self.render == Some(Print::Tick) && self.children.is_empty() && self.path.is_some()
    }

    /// The tick boxes a numbered group prints on its heading row: its leading tick items
    /// (４．…の委託 ［ ］委託しない), or those of its only child when that is a group of tick
    /// items, whose label stands before them (８．監査 実施の有無 ［○］自己点検 …).
    pub fn heading_ticks(&self) -> Option<HeadingTicks<'_>> {
        if !self.is_numbered() {
            return None;
        }
        let leading = self.children.iter().take_while(|c| c.is_tick()).count();
        if leading > 0 {
            return Some(HeadingTicks {
                caption: None,
                items: &self.children[..leading],
                consumed: leading,
            });
        }
        let [first] = self.children.as_slice() else {
            return None;
        };
        (first.path.is_none()
            && first.repeat.is_none()
            && !first.children.is_empty()
            && first.children.iter().all(FormNode::is_tick))
        .then(|| HeadingTicks {
            caption: Some(&first.label),
            items: &first.children,
            consumed: 1,
        })
    }

    /// The words of an その他 box, printed inside the label of the item before it.
    pub fn is_detail(&self) -> bool {
        self.render == Some(Print::Detail) && self.path.is_some()
    }

    /// A group the form does not print: see `render: bare`.
    pub fn is_bare(&self) -> bool {
        self.render == Some(Print::Bare) && !self.children.is_empty()
    }

    /// The two items of a group printed as one range (`render: range`).
    pub fn range(&self) -> Option<(&FormNode, &FormNode)> {
        match self.children.as_slice() {
            [from, to] if self.render == Some(Print::Range) => Some((from, to)),
            _ => None,
        }
    }

    /// What this node is on the page: see [`NodeKind`].
    pub fn kind(&self) -> NodeKind<'_> {
        if self.is_detail() {
            return NodeKind::Detail;
        }
        if let Some(list) = &self.repeat {
            return NodeKind::Repeat {
                list,
                table: self.render == Some(Print::Table),
            };
        }
        if self.render == Some(Print::Joined) {
            return NodeKind::Joined;
        }
        if self.is_bare() {
            return NodeKind::Bare;
        }
        if let Some((from, to)) = self.range() {
            return NodeKind::Range { from, to };
        }
        if self.children.is_empty() {
            return match &self.path {
                Some(_) if self.is_tick() => NodeKind::Tick,
                Some(path) => NodeKind::Item(path),
                None => NodeKind::Label,
            };
        }
        if let Some(item) = self.answered_item() {
            return NodeKind::Answered(item);
        }
        if let Some(ticks) = self.heading_ticks() {
            return NodeKind::HeadingTicks(ticks);
        }
        if self.is_numbered() {
            return NodeKind::Numbered;
        }
        if self.path.is_none() && self.children.iter().all(FormNode::is_tick) {
            return NodeKind::TickRow;
        }
        if self.path.is_none()
            && self
                .children
                .iter()
                .all(|c| c.children.is_empty() && c.repeat.is_none())
        {
            return NodeKind::Labelled;
        }
        if self.children.len() == 1 && self.children[0].repeat.is_some() && self.render.is_none() {
            return NodeKind::Transparent;
        }
        NodeKind::Group
    }

    /// Every node below this one, depth first, with this one first.
    pub fn walk(&self) -> Vec<&FormNode> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

/// The tick boxes on a numbered group's heading row: see [`FormNode::heading_ticks`].
#[derive(Debug, Clone, Copy)]
pub struct HeadingTicks<'a> {
    /// The label printed before the boxes (`実施の有無`), if any.
    pub caption: Option<&'a str>,
    pub items: &'a [FormNode],
    /// How many of the group's children the heading row prints.
    pub consumed: usize,
}

impl FormDef {
    /// Whether the form prints the flows' pictures and steps (様式4's （別添1）).
    pub fn prints_flows(&self) -> bool {
        fn any(nodes: &[FormNode]) -> bool {
            nodes
                .iter()
                .any(|n| n.figure == Some(Figure::Flows) || any(&n.children))
        }
        any(&self.nodes)
    }
}

/// The items of the documents beside an assessment (別紙1's flows), in the form definitions'
/// shape, for diff and history: `templates/attachment_items.yaml`.
pub fn attachment_items() -> &'static [FormNode] {
    static ITEMS: OnceLock<Vec<FormNode>> = OnceLock::new();
    ITEMS.get_or_init(|| items_file("attachment_items.yaml"))
}

/// The items of a notice of purposes of use, for diff: `templates/notice_items.yaml`.
pub fn notice_items() -> &'static [FormNode] {
    static ITEMS: OnceLock<Vec<FormNode>> = OnceLock::new();
    ITEMS.get_or_init(|| items_file("notice_items.yaml"))
}

/// A file of `nodes:` in the form definitions' shape.
fn items_file(name: &str) -> Vec<FormNode> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Items {
        nodes: Vec<FormNode>,
    }
    super::data::data_file::<Items>(name).nodes
}

/// A file as the forms number it, `(2) 国保資格ファイル`, looked up by id in the first of
/// `roots` (assessments as JSON) that has it.
pub fn file_label(roots: &[&serde_json::Value], id: &str) -> String {
    roots
        .iter()
        .filter_map(|r| r["files"].as_array())
        .find_map(|files| {
            files
                .iter()
                .position(|f| f["id"] == id)
                .map(|i| format!("({}) {}", i + 1, files[i]["name"].as_str().unwrap_or(id)))
        })
        .unwrap_or_else(|| id.to_string())
}

impl FormDef {
    pub fn walk(&self) -> impl Iterator<Item = &FormNode> {
        self.nodes.iter().flat_map(FormNode::walk)
    }

    /// Whether a 変更箇所 項目 names one of this form's sections on one of its lines
    /// (`Ⅰ 基本情報 2. システム12` names 様式4's Ⅰ; 様式2's Ⅰ is 関連情報).
    pub fn names_a_section(&self, item: &str) -> bool {
        let squeeze = |s: &str| -> String {
            crate::text::fold_width(s)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        let sections: Vec<String> = self
            .nodes
            .iter()
            .filter(|n| n.label != "表紙")
            .map(|n| squeeze(&n.label))
            .collect();
        item.lines().any(|line| {
            let line = squeeze(line);
            sections.iter().any(|s| line.starts_with(s.as_str()))
        })
    }
}

/// The forms among `declared` whose 変更箇所 print a history row: the row's own `forms` if it
/// gives them; else the forms whose sections its 項目 names; else — a 項目 that names no section
/// of a declared form — all of them, so that no row goes unprinted.
pub fn history_row_forms(row: &serde_json::Value, declared: &[&FormDef]) -> Vec<FormKind> {
    let explicit: Vec<FormKind> = row["forms"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| serde_json::from_value(f.clone()).ok())
        .collect();
    if !explicit.is_empty() {
        return explicit;
    }
    let item = row["item"].as_str().unwrap_or_default();
    let named: Vec<FormKind> = declared
        .iter()
        .filter(|d| d.names_a_section(item))
        .map(|d| d.form)
        .collect();
    if named.is_empty() {
        declared.iter().map(|d| d.form).collect()
    } else {
        named
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_edition_has_a_definition_that_parses() {
        for e in edition::all() {
            let def = get(e.form, &e.name)
                .unwrap_or_else(|| panic!("no definition for {:?} {}", e.form, e.name));
            assert!(def.walk().count() > 20);
        }
    }

    #[test]
    fn a_history_row_belongs_to_the_forms_whose_sections_it_names() {
        let basic = get(FormKind::Basic, "平成31年1月").unwrap();
        let full = get(FormKind::Full, "平成31年1月").unwrap();
        let declared = [basic, full];
        let row = |item: &str| serde_json::json!({ "item": item });
        assert_eq!(
            history_row_forms(&row("Ⅰ 基本情報 2. システム12\n①システムの名称"), &declared),
            [FormKind::Full]
        );
        assert_eq!(
            history_row_forms(&row("Ⅰ　関連情報 1. ③システムの名称"), &declared),
            [FormKind::Basic]
        );
        // Names no section: every declared form prints it, none loses it.
        assert_eq!(
            history_row_forms(&row("しきい値判断の年月日"), &declared),
            [FormKind::Basic, FormKind::Full]
        );
        // The row's own `forms` decide.
        let explicit = serde_json::json!({ "item": "Ⅰ 基本情報", "forms": ["basic"] });
        assert_eq!(history_row_forms(&explicit, &declared), [FormKind::Basic]);
    }

    #[test]
    fn recipients_are_numbered_within_their_kind() {
        let node = FormNode {
            heading: Some("{kind:recipient_kind}先{n}".into()),
            ..serde_json::from_value::<FormNode>(serde_json::json!({"label": "提供先・移転先"}))
                .unwrap()
        };
        let entries: Vec<serde_json::Value> = ["provide", "provide", "transfer"]
            .iter()
            .map(|k| serde_json::json!({ "kind": k }))
            .collect();
        let headings: Vec<String> = (0..3)
            .map(|i| {
                node.heading_text(node.entry_number(i, &entries), &entries[i], &|id| id.into())
            })
            .collect();
        assert_eq!(headings, ["提供先1", "提供先2", "移転先1"]);
    }

    #[test]
    fn each_form_prints_the_title_with_its_own_name() {
        use crate::model::basics::title_for;
        let t = "国民健康保険に関する事務　全項目評価書";
        assert_eq!(
            title_for(t, FormKind::Basic),
            "国民健康保険に関する事務　基礎項目評価書"
        );
        assert_eq!(title_for(t, FormKind::Full), t);
        let ended = "児童手当に関する事務　重点項目評価書【令和5年3月31日 終了】";
        assert_eq!(
            title_for(ended, FormKind::Basic),
            "児童手当に関する事務　基礎項目評価書【令和5年3月31日 終了】"
        );
        assert_eq!(title_for("国保の事務", FormKind::Basic), "国保の事務");
    }
}
