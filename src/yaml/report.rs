//! How the deserializer's errors become diagnostics: serde's error type for the spanned tree,
//! and the coded, bilingual messages (with a "did you mean" where one is likely) it turns into.

use std::fmt;

use serde::de;

use super::de::{NodeDe, CODE_BAD_VALUE, CODE_MISSING, CODE_WRONG_TYPE};
use super::tree::{Node, NodeKind};
use crate::diagnostic::{Diagnostic, Message, Severity};

#[derive(Debug)]
pub enum Error {
    /// Already turned into a diagnostic deeper down.
    Reported,
    Custom(String),
    InvalidType {
        found: String,
        expected: String,
    },
    InvalidValue {
        found: String,
        expected: String,
    },
    UnknownVariant {
        found: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::Custom(msg.to_string())
    }
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::InvalidType {
            found: unexp.to_string(),
            expected: exp.to_string(),
        }
    }
    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        let found = match unexp {
            de::Unexpected::Str(s) => s.to_string(),
            other => other.to_string(),
        };
        Error::InvalidValue {
            found,
            expected: exp.to_string(),
        }
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::UnknownVariant {
            found: variant.to_string(),
            expected,
        }
    }
    fn missing_field(field: &'static str) -> Self {
        Error::MissingField(field)
    }
}

fn kind_name(node: &Node) -> (&'static str, &'static str) {
    match &node.kind {
        NodeKind::Seq(_) => ("リスト", "a list"),
        NodeKind::Map(_) => ("キーと値の組（マッピング）", "a mapping"),
        NodeKind::Scalar { .. } if node.is_null() => ("空の値", "an empty value"),
        NodeKind::Scalar { .. } => ("文字列・数値", "a scalar"),
    }
}

fn expected_ja(expected: &str) -> String {
    // serde's "expected" strings are English; translate the common ones for Japanese readers.
    let table = [
        ("a sequence", "リスト（- で始まる行）"),
        ("a string", "文字列"),
        ("a boolean", "true または false"),
        ("u64", "0 以上の整数"),
        ("u32", "0 以上の整数"),
        ("usize", "0 以上の整数"),
        ("struct", "キーと値の組（マッピング）"),
        ("a map", "キーと値の組（マッピング）"),
    ];
    for (en, ja) in table {
        if expected.starts_with(en) {
            return ja.to_string();
        }
    }
    expected.to_string()
}

impl<'a, 'c> NodeDe<'a, 'c> {
    pub(super) fn push(
        &self,
        code: &'static str,
        message: Message,
        help: Option<Message>,
        at: &Node,
    ) {
        let mut d = Diagnostic::new(code, Severity::Error, message).at(
            self.ctx.file,
            at.span.start,
            &self.path,
        );
        d.help = help;
        self.ctx.diags.borrow_mut().push(d);
    }

    /// Turns an error raised at this node into a diagnostic (once).
    pub(super) fn fail(&self, err: Error) -> Error {
        let node = self.node;
        match err {
            Error::Reported => {}
            Error::Custom(msg) if msg.starts_with(super::de::NO_SUCH_DAY) => {
                let written = &msg[super::de::NO_SUCH_DAY.len()..];
                self.push(
                    CODE_BAD_VALUE,
                    Message::new(
                        format!("`{written}` という日付は存在しません（その月の日数、元号の年を確認してください）"),
                        format!("`{written}` is not a day on the calendar (check the day of the month and the era's year)"),
                    ),
                    None,
                    node,
                )
            }
            Error::Custom(msg) => self.push(
                CODE_BAD_VALUE,
                Message::new(
                    format!("値が正しくありません: {msg}"),
                    format!("invalid value: {msg}"),
                ),
                None,
                node,
            ),
            Error::InvalidType { expected, .. } => {
                let (fja, fen) = kind_name(node);
                self.push(
                    CODE_WRONG_TYPE,
                    Message::new(
                        format!(
                            "{} が必要ですが、{}が書かれています",
                            expected_ja(&expected),
                            fja
                        ),
                        format!("expected {expected}, found {fen}"),
                    ),
                    None,
                    node,
                );
            }
            Error::InvalidValue { found, expected } => self.push(
                CODE_BAD_VALUE,
                Message::new(
                    format!("値 `{found}` は使えません（{expected} の形で書いてください）"),
                    format!("invalid value `{found}` (expected {expected})"),
                ),
                None,
                node,
            ),
            Error::UnknownVariant { found, expected } => {
                let (ja, en) = (self.ctx.vocabulary.describe)(&self.path, expected)
                    .unwrap_or_else(|| (expected.join(", "), expected.join(", ")));
                // An id typo (`sufficent`) or a label typed slightly off (`十分である。`).
                let labels = (self.ctx.vocabulary.labels)(&self.path, expected).unwrap_or_default();
                // What was typed in Japanese was meant as a label: suggest a label first.
                let (ids, labels) = (expected.iter().copied(), labels.iter().copied());
                let suggestion = if found.is_ascii() {
                    closest(&found, ids).or_else(|| closest(&found, labels))
                } else {
                    closest(&found, labels).or_else(|| closest(&found, ids))
                };
                let help = suggestion.map(|s| {
                    Message::new(
                        format!("`{s}` のことですか？"),
                        format!("did you mean `{s}`?"),
                    )
                });
                self.push(
                    CODE_BAD_VALUE,
                    Message::new(
                        format!("選択肢にない値 `{found}` です。使える値: {ja}"),
                        format!("`{found}` is not one of the choices: {en}"),
                    ),
                    help,
                    node,
                );
            }
            Error::MissingField(field) => {
                // Addressed by the missing key's own path; the position is the enclosing mapping.
                let d = Diagnostic::new(
                    CODE_MISSING,
                    Severity::Error,
                    Message::new(
                        format!("必須の項目 `{field}` がありません"),
                        format!("missing required key `{field}`"),
                    ),
                )
                .with_help(if field == "id" {
                    // Nobody who has not used hyoka knows what an id is for.
                    Message::new(
                        "`id:` を追加してください。id はこの項目を改版のあいだ同じものとして見分けるための、半角英数字の短い名前です（例: `id: atena`、`id: kokuho-shikaku`）。並べ替えや名称の変更をしても、変更箇所で同じ項目として扱われます。同じリストの中で重ならない名前にしてください。",
                        "add `id:`: a short ASCII name that identifies this entry across revisions (e.g. `id: atena`, `id: kokuho-shikaku`), so that reordering or renaming it is not reported as a removal and an addition; unique within its list",
                    )
                } else {
                    Message::new(
                        format!("`{field}:` を追加してください。"),
                        format!("add `{field}:`"),
                    )
                })
                .at(
                    self.ctx.file,
                    node.span.start,
                    &format!("{}/{field}", self.path),
                );
                self.ctx.diags.borrow_mut().push(d);
            }
        }
        Error::Reported
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'x>(word: &str, candidates: impl Iterator<Item = &'x str>) -> Option<&'x str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
