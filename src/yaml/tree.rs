//! YAML text → a tree of [`Node`]s that knows where every value came from.
//!
//! We build our own tree from saphyr-parser's event stream (rather than using a ready-made value
//! type) because we need three things at once: source spans for every key and value, strict
//! rejection of duplicate keys, and hard bounds on hostile input (alias expansion, nesting depth,
//! total size) enforced while the tree grows, before any memory is spent on it.

// A TreeError ends the parse of one file, once; its size does not matter on that cold path.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YSpan};

use crate::diagnostic::{Message, Pos};

/// Bounds on untrusted input. The defaults are far above any real assessment (新宿区's 160-page
/// 全項目評価書 is about 4,000 nodes and 300 KB) and far below what would hurt the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    /// Nodes in the tree after alias expansion.
    pub max_nodes: usize,
    /// Characters of scalar text after alias expansion.
    pub max_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 8 << 20,
            max_depth: 64,
            max_nodes: 200_000,
            max_chars: 16 << 20,
        }
    }
}

/// A source range: start and end, 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    fn from_yaml(s: YSpan) -> Span {
        Span {
            start: Pos {
                line: s.start.line(),
                column: s.start.col() + 1,
            },
            end: Pos {
                line: s.end.line(),
                column: s.end.col() + 1,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unquoted: subject to YAML's type resolution (null, booleans, numbers).
    Plain,
    /// Quoted or block scalar: always a string.
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar {
        value: String,
        style: Style,
    },
    Seq(Vec<Node>),
    /// Entries in document order; keys are scalars (checked while building).
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

impl Node {
    /// YAML 1.2 core-schema null: `~`, `null` in its three spellings, or an empty plain scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value, style: Style::Plain }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// Every scalar below this node with its model path (`/files/0/name`), in document order:
    /// for the rules that read every text of a file.
    pub fn scalars(&self) -> Vec<(String, &Node)> {
        fn walk<'n>(node: &'n Node, path: String, out: &mut Vec<(String, &'n Node)>) {
            match &node.kind {
                NodeKind::Scalar { .. } => out.push((path, node)),
                NodeKind::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, format!("{path}/{i}"), out);
                    }
                }
                NodeKind::Map(entries) => {
                    for (k, v) in entries {
                        walk(v, format!("{path}/{}", k.as_str().unwrap_or_default()), out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(self, String::new(), &mut out);
        out
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The child at one path segment: a map key, or a sequence index.
    pub fn child(&self, segment: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(segment))
                .map(|(_, v)| v),
            NodeKind::Seq(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            NodeKind::Scalar { .. } => None,
        }
    }

    /// The key node of a map entry, for pointing at a key rather than its value.
    pub fn key_node(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, _)| k),
            _ => None,
        }
    }

    fn count(&self) -> (usize, usize) {
        match &self.kind {
            NodeKind::Scalar { value, .. } => (1, value.chars().count()),
            NodeKind::Seq(items) => items.iter().fold((1, 0), |(n, c), i| {
                let (a, b) = i.count();
                (n + a, c + b)
            }),
            NodeKind::Map(entries) => entries.iter().fold((1, 0), |(n, c), (k, v)| {
                let (a, b) = k.count();
                let (x, y) = v.count();
                (n + a + x, c + b + y)
            }),
        }
    }
}

/// Why a YAML text could not become a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeError {
    pub code: &'static str,
    pub message: Message,
    pub help: Option<Message>,
    pub pos: Pos,
}

pub const CODE_SYNTAX: &str = "HY0001";
pub const CODE_LIMIT: &str = "HY0006";
pub const CODE_DUPLICATE_KEY: &str = "HY0008";

enum Frame {
    Seq {
        items: Vec<Node>,
        start: Span,
        anchor: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
        start: Span,
        anchor: usize,
    },
}

struct Builder<'a> {
    limits: &'a Limits,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    chars: usize,
    root: Option<Node>,
}

/// Parses one YAML document into a tree, enforcing `limits`.
pub fn parse(text: &str, limits: &Limits) -> Result<Node, TreeError> {
    if text.len() > limits.max_bytes {
        return Err(limit_error(
            Pos { line: 1, column: 1 },
            format!(
                "ファイルが大きすぎます（{} バイト、上限 {} バイト）",
                text.len(),
                limits.max_bytes
            ),
            format!(
                "file is too large ({} bytes; the limit is {} bytes)",
                text.len(),
                limits.max_bytes
            ),
        ));
    }
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder {
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        chars: 0,
        root: None,
    };
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, yspan) = next.map_err(|e| {
            let pos = Pos { line: e.marker().line(), column: e.marker().col() + 1 };
            // The parser guards its own recursion on flow collections; that is a limit, not a typo.
            if e.info().contains("recursion limit") {
                return TreeError {
                    code: CODE_LIMIT,
                    message: Message::new("入れ子が深すぎます", format!("YAML: {}", e.info())),
                    help: None,
                    pos,
                };
            }
            // A typing mistake (full-width colon, full-width-space indent, no space after the
            // colon, a tab) is reported where it is, not where the parser gave up.
            if let Some(mistake) = super::typing::find(text) {
                return mistake;
            }
            // A value YAML reads as something else ([仮称]…, *…, `a: b`): say to quote it.
            if let Some(unquoted) = super::typing::needs_quotes(text, pos.line) {
                return unquoted;
            }
            // The parser's own words are English: Japanese readers get a Japanese message.
            TreeError {
                code: CODE_SYNTAX,
                message: Message::new(
                    "YAML の書き方に誤りがあります（この位置で読み取れなくなりました）",
                    format!("YAML syntax error: {}", e.info()),
                ),
                help: Some(Message::new(
                    "この行とその前の行の、字下げ（半角スペースのみ、タブ不可）、コロンの後の半角空白、引用符やかっこの閉じ忘れを確認してください。",
                    "check this line and the one before: the indentation (spaces only, no tabs), the space after each colon, and unclosed quotes or brackets",
                )),
                pos,
            }
        })?;
        let span = Span::from_yaml(yspan);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(TreeError {
                        code: CODE_SYNTAX,
                        message: Message::new(
                            "1 つのファイルに複数の YAML 文書があります",
                            "more than one YAML document in one file",
                        ),
                        help: Some(Message::new(
                            "評価書 1 件につき 1 ファイルにしてください（`---` を削除）。",
                            "keep one assessment per file (remove the `---`)",
                        )),
                        pos: span.start,
                    });
                }
            }
            Event::Scalar(value, style, anchor, _tag) => {
                let style = if style == ScalarStyle::Plain {
                    Style::Plain
                } else {
                    Style::Text
                };
                let node = Node {
                    kind: NodeKind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                    span,
                };
                b.add(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                b.open(
                    Frame::Seq {
                        items: Vec::new(),
                        start: span,
                        anchor,
                    },
                    span,
                )?;
            }
            Event::MappingStart(anchor, _) => {
                b.open(
                    Frame::Map {
                        entries: Vec::new(),
                        pending_key: None,
                        start: span,
                        anchor,
                    },
                    span,
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(span)?,
            Event::Alias(id) => {
                let Some(target) = b.anchors.get(&id) else {
                    return Err(TreeError {
                        code: CODE_SYNTAX,
                        message: Message::new(
                            "未定義のアンカーを参照しています",
                            "alias refers to an unknown anchor",
                        ),
                        help: None,
                        pos: span.start,
                    });
                };
                // The copy takes the alias's position, so diagnostics point where the reader looks.
                let mut copy = target.clone();
                copy.span = span;
                b.add(copy, 0)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(b.root.unwrap_or(Node {
        kind: NodeKind::Map(Vec::new()),
        span: Span {
            start: Pos { line: 1, column: 1 },
            end: Pos { line: 1, column: 1 },
        },
    }))
}

fn limit_error(pos: Pos, ja: String, en: String) -> TreeError {
    TreeError {
        code: CODE_LIMIT,
        message: Message::new(ja, en),
        help: Some(Message::new(
            "評価書の YAML にはアンカー・エイリアスや深い入れ子は不要です。展開した内容を直接書いてください。",
            "assessment YAML needs no anchors/aliases or deep nesting; write the content out directly",
        )),
        pos,
    }
}

impl Builder<'_> {
    fn open(&mut self, frame: Frame, span: Span) -> Result<(), TreeError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(limit_error(
                span.start,
                format!("入れ子が深すぎます（上限 {} 段）", self.limits.max_depth),
                format!(
                    "nesting is too deep (the limit is {} levels)",
                    self.limits.max_depth
                ),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, end: Span) -> Result<(), TreeError> {
        let frame = self
            .stack
            .pop()
            .expect("parser emits balanced start/end events");
        let (kind, start, anchor) = match frame {
            Frame::Seq {
                items,
                start,
                anchor,
            } => (NodeKind::Seq(items), start, anchor),
            Frame::Map {
                entries,
                start,
                anchor,
                ..
            } => (NodeKind::Map(entries), start, anchor),
        };
        // Block collections end where their last child ends; the parser's end marker for an
        // indented block is the start of the next token, which is often a later line.
        let end_pos = match &kind {
            NodeKind::Seq(items) => items.last().map(|n| n.span.end),
            NodeKind::Map(entries) => entries.last().map(|(_, v)| v.span.end),
            NodeKind::Scalar { .. } => None,
        }
        .unwrap_or(end.end);
        let node = Node {
            kind,
            span: Span {
                start: start.start,
                end: end_pos,
            },
        };
        // The container itself was not counted when opened; count it now (children already were).
        self.add_counted(node, anchor, 1, 0)
    }

    fn add(&mut self, node: Node, anchor: usize) -> Result<(), TreeError> {
        let (n, c) = node.count();
        self.add_counted(node, anchor, n, c)
    }

    fn add_counted(
        &mut self,
        node: Node,
        anchor: usize,
        nodes: usize,
        chars: usize,
    ) -> Result<(), TreeError> {
        self.nodes += nodes;
        self.chars += chars;
        if self.nodes > self.limits.max_nodes || self.chars > self.limits.max_chars {
            return Err(limit_error(
                node.span.start,
                format!(
                    "展開後の内容が大きすぎます（ノード {} 個・文字 {} 字を超過、上限 {} 個・{} 字）。エイリアスの多重展開（billion laughs）の可能性があります",
                    self.nodes, self.chars, self.limits.max_nodes, self.limits.max_chars
                ),
                format!(
                    "content is too large once expanded ({} nodes, {} characters; limits {} and {}): possibly nested alias expansion (billion laughs)",
                    self.nodes, self.chars, self.limits.max_nodes, self.limits.max_chars
                ),
            ));
        }
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => {
                    if !matches!(node.kind, NodeKind::Scalar { .. }) {
                        return Err(TreeError {
                            code: CODE_SYNTAX,
                            message: Message::new(
                                "キーには文字列を書いてください",
                                "a mapping key must be a plain string",
                            ),
                            help: None,
                            pos: node.span.start,
                        });
                    }
                    if let Some((first, _)) =
                        entries.iter().find(|(k, _)| k.as_str() == node.as_str())
                    {
                        return Err(TreeError {
                            code: CODE_DUPLICATE_KEY,
                            message: Message::new(
                                format!(
                                    "キー `{}` が重複しています（最初は {} 行目）",
                                    node.as_str().unwrap_or(""),
                                    first.span.start.line
                                ),
                                format!(
                                    "duplicate key `{}` (first at line {})",
                                    node.as_str().unwrap_or(""),
                                    first.span.start.line
                                ),
                            ),
                            help: Some(Message::new(
                                "どちらか一方を削除してください。",
                                "remove one of them",
                            )),
                            pos: node.span.start,
                        });
                    }
                    *pending_key = Some(node);
                }
                Some(key) => {
                    let mut node = node;
                    // A value that starts below its key (a block scalar's text, a nested list or
                    // mapping) is reported on the key's line, just after the colon: that is where
                    // a reader looks, and where a comment (e.g. `# hyoka: allow`) can stand.
                    if node.span.start.line > key.span.end.line {
                        node.span.start = Pos {
                            line: key.span.end.line,
                            column: key.span.end.column + 2,
                        };
                    }
                    entries.push((key, node))
                }
            },
        }
        Ok(())
    }
}

impl Node {
    /// The value as JSON, typing plain scalars by the YAML 1.2 core schema (null, booleans,
    /// integers, floats) as YAML editors and validators do.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Scalar {
                value,
                style: Style::Text,
            } => Value::String(value.clone()),
            NodeKind::Scalar {
                value,
                style: Style::Plain,
            } => {
                if self.is_null() {
                    Value::Null
                } else if let Some(b) = match value.as_str() {
                    "true" | "True" | "TRUE" => Some(true),
                    "false" | "False" | "FALSE" => Some(false),
                    _ => None,
                } {
                    Value::Bool(b)
                } else if let Ok(i) = value.parse::<i64>() {
                    Value::from(i)
                } else if let Some(f) = value
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                {
                    Value::Number(f)
                } else {
                    Value::String(value.clone())
                }
            }
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), v.to_json()))
                    .collect(),
            ),
        }
    }
}
