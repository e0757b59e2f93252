//! A serde `Deserializer` over the spanned [`Node`] tree.
//!
//! It knows the model path of every value it hands to serde, so each error becomes a coded
//! [`Diagnostic`] at that value's `line:col`. Unknown keys are reported and skipped rather than
//! aborting, so one run lists every typo in a file. Plain scalars are read as the target type asks
//! (a `評価書番号: 3` is fine for a string field), which is what people writing YAML expect.

use std::cell::RefCell;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

pub use super::report::{closest, Error};
use super::tree::{Node, NodeKind, Style};
use crate::diagnostic::{Diagnostic, Message, Severity};

pub const CODE_UNKNOWN_KEY: &str = "HY0002";
pub const CODE_WRONG_TYPE: &str = "HY0003";
pub const CODE_BAD_VALUE: &str = "HY0004";
pub const CODE_MISSING: &str = "HY0005";

/// What a serde error message says to mark a date that is not on the calendar (`令和5年2月30日`):
/// the text after it is the date as written. The model's date type raises it; the report turns
/// it into a message of its own.
pub const NO_SUCH_DAY: &str = "\u{0}no-such-day:";

/// What the reader of a file calls its closed sets of values: the model's choice lists, so
/// that an unknown value's message lists the form's labels and suggests the nearest one. The
/// YAML layer knows nothing of them itself.
/// A choice list in both languages: (Japanese, English).
pub type Listing = (String, String);

pub struct Vocabulary {
    /// The set of choice ids of the value at a model path, explained as (Japanese, English)
    /// listings.
    pub describe: fn(&str, &[&str]) -> Option<Listing>,
    /// The labels a person may write for the ids of the value at a model path, in order.
    pub labels: fn(&str, &[&str]) -> Option<Vec<&'static str>>,
}

impl Vocabulary {
    /// No names for anything: ids are listed as they are.
    pub const NONE: Vocabulary = Vocabulary {
        describe: |_, _| None,
        labels: |_, _| None,
    };
}

/// Collects diagnostics while deserializing one file.
pub struct Ctx<'a> {
    pub file: &'a str,
    pub diags: RefCell<Vec<Diagnostic>>,
    pub vocabulary: &'a Vocabulary,
}

pub struct NodeDe<'a, 'c> {
    pub node: &'a Node,
    pub path: String,
    pub ctx: &'c Ctx<'c>,
}

impl<'a, 'c> NodeDe<'a, 'c> {
    fn child(&self, node: &'a Node, seg: &str) -> NodeDe<'a, 'c> {
        NodeDe {
            node,
            path: format!("{}/{}", self.path, seg),
            ctx: self.ctx,
        }
    }

    fn scalar(&self) -> Option<(&'a str, Style)> {
        match &self.node.kind {
            NodeKind::Scalar { value, style } => Some((value.as_str(), *style)),
            _ => None,
        }
    }

    fn type_error<V>(&self, expected: &str) -> Result<V, Error> {
        Err(self.fail(Error::InvalidType {
            found: String::new(),
            expected: expected.to_string(),
        }))
    }

    fn parse_int<T: std::str::FromStr>(&self, what: &str) -> Result<T, Error> {
        match self.scalar() {
            Some((s, Style::Plain)) if !self.node.is_null() => {
                s.trim().parse::<T>().map_err(|_| {
                    self.fail(Error::InvalidValue {
                        found: s.to_string(),
                        expected: format!("{what} (例: 12)"),
                    })
                })
            }
            _ => self.type_error(what),
        }
    }
}

macro_rules! forward_int {
    ($($method:ident => $visit:ident : $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let v: $ty = self.parse_int("integer")?;
            visitor.$visit(v).map_err(|e| self.fail(e))
        }
    )*};
}

impl<'de, 'a, 'c> de::Deserializer<'de> for NodeDe<'a, 'c> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = match &self.node.kind {
            NodeKind::Seq(_) => return self.deserialize_seq(visitor),
            NodeKind::Map(_) => return self.deserialize_map(visitor),
            NodeKind::Scalar {
                value,
                style: Style::Text,
            } => visitor.visit_str(value),
            NodeKind::Scalar {
                value,
                style: Style::Plain,
            } => {
                if self.node.is_null() {
                    visitor.visit_unit()
                } else if let Some(b) = parse_bool(value) {
                    visitor.visit_bool(b)
                } else if let Ok(i) = value.parse::<i64>() {
                    visitor.visit_i64(i)
                } else if let Ok(f) = value.parse::<f64>() {
                    visitor.visit_f64(f)
                } else {
                    visitor.visit_str(value)
                }
            }
        };
        r.map_err(|e| self.fail(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar().and_then(|(s, st)| match (s, st) {
            // A yes/no item as a clerk answers it; quoted or not, these are words of Japanese.
            ("はい", _) => Some(true),
            ("いいえ", _) => Some(false),
            (s, Style::Plain) => parse_bool(s),
            _ => None,
        }) {
            Some(b) => visitor.visit_bool(b).map_err(|e| self.fail(e)),
            None => self.type_error("a boolean (true / false, はい / いいえ)"),
        }
    }

    forward_int! {
        deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64,
        deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32, deserialize_i64 => visit_i64: i64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let v: f64 = self.parse_int("number")?;
        visitor.visit_f64(v).map_err(|e| self.fail(e))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((s, _)) => visitor.visit_str(s).map_err(|e| self.fail(e)),
            None => self.type_error("a string"),
        }
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_none().map_err(|e| self.fail(e))
        } else {
            let (node, path, ctx) = (self.node, self.path.clone(), self.ctx);
            visitor
                .visit_some(NodeDe {
                    node,
                    path: path.clone(),
                    ctx,
                })
                .map_err(|e| NodeDe { node, path, ctx }.fail(e))
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_unit().map_err(|e| self.fail(e))
        } else {
            self.type_error("an empty value")
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (node, path, ctx) = (self.node, self.path.clone(), self.ctx);
        visitor
            .visit_newtype_struct(NodeDe {
                node,
                path: path.clone(),
                ctx,
            })
            .map_err(|e| NodeDe { node, path, ctx }.fail(e))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Seq(items) => {
                let access = Seq {
                    de: &self,
                    items,
                    index: 0,
                };
                visitor.visit_seq(access).map_err(|e| self.fail(e))
            }
            // An empty value where a list is expected is an empty list: `files:` with nothing yet.
            _ if self.node.is_null() => visitor
                .visit_seq(Seq {
                    de: &self,
                    items: &[],
                    index: 0,
                })
                .map_err(|e| self.fail(e)),
            _ => self.type_error("a sequence (lines starting with `- `)"),
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.map_with_fields(visitor, None)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.map_with_fields(visitor, Some(fields))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((s, _)) => visitor
                .visit_enum(s.into_deserializer())
                .map_err(|e: Error| self.fail(e)),
            None => self.type_error("a string"),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

impl<'a, 'c> NodeDe<'a, 'c> {
    fn map_with_fields<'de, V: Visitor<'de>>(
        self,
        visitor: V,
        fields: Option<&'static [&'static str]>,
    ) -> Result<V::Value, Error> {
        let entries: &'a [(Node, Node)] = match &self.node.kind {
            NodeKind::Map(entries) => entries,
            _ if self.node.is_null() => &[],
            _ => return self.type_error("a map (`key: value` lines)"),
        };
        let mut kept = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let key = k.as_str().unwrap_or("");
            match fields {
                Some(fields) if !fields.contains(&key) => {
                    // `　name` (a full-width space typed before the key): the indentation is
                    // what is wrong, and the key itself is fine.
                    let bare = key.trim_start_matches(['\u{3000}', ' ']);
                    let indented_wide = bare.len() < key.len();
                    let suggestion = fields
                        .iter()
                        .copied()
                        .find(|f| *f == bare)
                        .or_else(|| closest(bare, fields.iter().copied()));
                    let listing = fields.join(", ");
                    let help = match suggestion {
                        _ if indented_wide => Message::new(
                            format!("キー `{bare}` の前に全角スペースがあります。字下げは半角スペースだけで書いてください。"),
                            format!("a full-width space (U+3000) precedes the key `{bare}`: indent with ordinary spaces only"),
                        ),
                        Some(s) => Message::new(
                            format!("`{s}` のことですか？"),
                            format!("did you mean `{s}`?"),
                        ),
                        None => Message::new(
                            format!("ここで使えるキー: {listing}"),
                            format!("keys allowed here: {listing}"),
                        ),
                    };
                    let mut d = Diagnostic::new(
                        CODE_UNKNOWN_KEY,
                        Severity::Error,
                        Message::new(
                            format!("不明なキー `{key}` です"),
                            format!("unknown key `{key}`"),
                        ),
                    )
                    .with_help(help)
                    .at(
                        self.ctx.file,
                        k.span.start,
                        &format!("{}/{}", self.path, key),
                    );
                    d.suggestion = suggestion.map(str::to_string);
                    self.ctx.diags.borrow_mut().push(d);
                }
                _ => kept.push((k, v)),
            }
        }
        let access = Map {
            de: &self,
            entries: kept,
            index: 0,
        };
        visitor.visit_map(access).map_err(|e| self.fail(e))
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

struct Seq<'s, 'a, 'c> {
    de: &'s NodeDe<'a, 'c>,
    items: &'a [Node],
    index: usize,
}

impl<'de> SeqAccess<'de> for Seq<'_, '_, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.get(self.index) else {
            return Ok(None);
        };
        let child = self.de.child(item, &self.index.to_string());
        self.index += 1;
        seed.deserialize(child).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

struct Map<'s, 'a, 'c> {
    de: &'s NodeDe<'a, 'c>,
    entries: Vec<(&'a Node, &'a Node)>,
    index: usize,
}

impl<'de> MapAccess<'de> for Map<'_, '_, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((k, _)) = self.entries.get(self.index) else {
            return Ok(None);
        };
        let key = k.as_str().unwrap_or("");
        let child = NodeDe {
            node: k,
            path: format!("{}/{}", self.de.path, key),
            ctx: self.de.ctx,
        };
        seed.deserialize(child).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (k, v) = self.entries[self.index];
        self.index += 1;
        let child = self.de.child(v, k.as_str().unwrap_or(""));
        seed.deserialize(child)
    }
}
