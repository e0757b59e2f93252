//! The form document tree: what the form says, before any measuring. Both backends (PDF via
//! layout, and HTML) draw from it, and every item row carries its model path and ※ flag so that
//! page numbers can be looked up by path (for `hyoka history --pages`).

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// 評価書名: the page header.
    pub title: String,
    /// 特定個人情報保護評価書（基礎項目評価書）.
    pub form_title: String,
    /// 評価実施機関名: the PDF author.
    pub author: String,
    pub blocks: Vec<Block>,
    /// The model's lists the form prints entry by entry, in the order it first prints them: what
    /// an editor adds to, removes from and reorders. Not printed.
    pub lists: Vec<Listed>,
}

/// A list of the model the form prints entry by entry (システム1, 2, …; 委託事項N).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listed {
    /// The list's model path (`/files/0/delegations`).
    pub path: String,
    /// What the form calls the list's entries (システム, 委託事項, 提供先・移転先).
    pub label: String,
    /// For a list inside an entry of another, that entry as the form heads it
    /// (`(1) 国保賦課ファイル`).
    pub owner: Option<String>,
    /// Each entry as the form heads it (委託事項1｜保険料の賦課…, システム2) or by its first item.
    pub entries: Vec<String>,
    /// When the heading names the entry's kind (`{kind:recipient_kind}先{n}`): the field, and
    /// each kind a new entry may be, (id, label): (`provide`, 提供), (`transfer`, 移転).
    pub kinds: Option<(String, Vec<(String, String)>)>,
    /// The items of an entry the form asks only on an answer (`when`: ⑧再委託の許諾方法 when
    /// 再委託する), as paths inside the entry (`subcontract/permission`): a new entry, whose
    /// answers are still to be given, leaves them out.
    pub conditional: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// The next block starts on a new page.
    PageBreak,
    /// A section or file heading; bookmarked in the PDF outline.
    Heading(Heading),
    Paragraph(Paragraph),
    Table(Table),
    /// Vertical space, in pt.
    Space(f32),
    /// A laid-out picture (別紙1's flow), drawn as vectors in the PDF and as SVG in HTML.
    #[serde(skip_deserializing)]
    Figure(super::diagram::Diagram),
    /// Pictures and their steps that the PDF and HTML print and the workbook leaves out
    /// (別添1's flows: the workbook carries the flows themselves, as data).
    #[serde(skip_deserializing)]
    Pictures(Vec<Block>),
}

/// The blocks as printed on paper or on screen: [`Block::Pictures`] opened in place.
pub fn printed_blocks(blocks: &[Block]) -> Vec<&Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Pictures(inner) => out.extend(printed_blocks(inner)),
            other => out.push(other),
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Heading {
    pub text: String,
    /// 1: section (Ⅰ…), 2: a file or other repeated block.
    #[serde(default = "one")]
    pub level: u8,
}

fn one() -> u8 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Paragraph {
    pub text: String,
    #[serde(default)]
    pub align: Align,
    /// Font size in pt (default: body size).
    pub size: Option<f32>,
    /// Gothic (heading) face.
    #[serde(default)]
    pub bold: bool,
    /// Drawn inside a border.
    #[serde(default)]
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Table {
    /// Column widths as fractions of the text width.
    pub widths: Vec<f32>,
    /// Rows repeated at the top of every page the table continues on.
    #[serde(default)]
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
    /// Type size in pt (default: the body's).
    #[serde(default)]
    pub size: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// The model path of the item this row prints.
    #[serde(default)]
    pub path: Option<String>,
    /// ※.
    #[serde(default)]
    pub important: bool,
    /// When the row prints several values in one cell (`render: joined`: the systems' names and
    /// the ＊ note), their model paths; `path` is then the group's.
    #[serde(default)]
    pub covers: Vec<String>,
    /// A caption that heads the rows after it (「委託事項2｜保険料の賦課…」): never the last row of
    /// a page, in the PDF or the printed workbook.
    #[serde(default)]
    pub heads: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shade {
    #[default]
    None,
    /// An item label.
    Label,
    /// A group heading row.
    Group,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Cell {
    pub content: Content,
    /// Columns spanned.
    #[serde(default = "one_usize")]
    pub span: usize,
    #[serde(default)]
    pub shade: Shade,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub align: Align,
    /// Consecutive rows whose cell in this column has the same key are drawn as one merged
    /// cell (a group label beside its items), per page.
    #[serde(default)]
    pub merge: Option<String>,
    /// Whether a numbered or marked line (`1. …`, `(1)…`, `・…`) hangs its wrapped lines
    /// under its text: in a value, where such lines are list items; not in a label, a form's
    /// note or a 変更箇所 cell, which the form sets flush.
    #[serde(default = "yes")]
    pub hang: bool,
    /// The model path of the value the cell prints, where a row prints one value per cell (a
    /// 変更箇所 row's 変更日, 項目, …): for an editor, not printed.
    #[serde(default)]
    pub path: Option<String>,
}

fn yes() -> bool {
    true
}

fn one_usize() -> usize {
    1
}

/// The mark before a caption of grouped tick boxes (`・識別情報`).
pub const GROUP_MARK: &str = "・";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    Text(String),
    /// `[ 十分である ]` beside the <選択肢> list.
    Choice {
        selected: Option<String>,
        options: Vec<String>,
        /// Words the form prints with the answer, under it: 委託の有無's 「（ 3 ）件」, ③手数料等's
        /// 「（手数料額、納付方法：…）」.
        #[serde(default)]
        note: Option<String>,
    },
    /// Tick boxes: (ticked, label).
    Ticks(Vec<(bool, String)>),
    /// Tick boxes under captions, as 主な記録項目 groups them: (caption, boxes).
    TickGroups(Vec<(String, Vec<(bool, String)>)>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            content: Content::Text(s.into()),
            span: 1,
            shade: Shade::None,
            bold: false,
            align: Align::Left,
            merge: None,
            hang: true,
            path: None,
        }
    }

    pub fn label(s: impl Into<String>) -> Cell {
        Cell {
            shade: Shade::Label,
            hang: false,
            ..Cell::text(s)
        }
    }

    pub fn spanning(mut self, span: usize) -> Cell {
        self.span = span;
        self
    }

    /// The cell with its lines set flush, none hanging (see [`Cell::hang`]).
    pub fn flush(mut self) -> Cell {
        self.hang = false;
        self
    }
}

impl Content {
    /// The text a reader sees, for searching and tests.
    pub fn plain(&self) -> String {
        match self {
            Content::Text(t) => t.clone(),
            Content::Choice {
                selected,
                options,
                note,
            } => {
                let mut s = format!("[ {} ]", selected.clone().unwrap_or_default());
                if let Some(n) = note {
                    s.push(' ');
                    s.push_str(n);
                }
                s.push(' ');
                s.push_str(&crate::model::wording::get().choice_list);
                for (i, o) in options.iter().enumerate() {
                    s.push_str(&format!(" {}) {o}", i + 1));
                }
                s
            }
            Content::Ticks(items) => items
                .iter()
                .map(|(t, l)| format!("[{}]{l}", if *t { "○" } else { " " }))
                .collect::<Vec<_>>()
                .join(" "),
            Content::TickGroups(groups) => groups
                .iter()
                .map(|(caption, items)| {
                    format!(
                        "{}{caption} {}",
                        GROUP_MARK,
                        Content::Ticks(items.clone()).plain()
                    )
                })
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}
