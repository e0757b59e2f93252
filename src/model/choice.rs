//! Choice items (<選択肢>): English ids in the model, official labels from `templates/choices.yaml`.
//!
//! Each choice type is declared with [`choice!`] listing its ids; the labels are data so that the
//! wording can be corrected without touching code. Input accepts the id or the label (full- or
//! half-width); output and the forms use the label.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::text::fold_width;
use crate::yaml::{self, NodeKind};

/// Every choice list: name → [(id, label)], in form order.
pub fn registry() -> &'static BTreeMap<String, Vec<(String, String)>> {
    static REG: OnceLock<BTreeMap<String, Vec<(String, String)>>> = OnceLock::new();
    REG.get_or_init(|| {
        parse_registry(crate::templates::expect("choices.yaml"))
            .expect("templates/choices.yaml is valid (checked by tests)")
    })
}

fn parse_registry(text: &str) -> Result<BTreeMap<String, Vec<(String, String)>>, String> {
    let root = yaml::parse(text, &yaml::Limits::default()).map_err(|e| e.message.en)?;
    let NodeKind::Map(sets) = &root.kind else {
        return Err("top level must be a mapping".into());
    };
    let mut out = BTreeMap::new();
    for (name, body) in sets {
        let NodeKind::Map(entries) = &body.kind else {
            return Err(format!("{:?} must be a mapping", name.as_str()));
        };
        let list = entries
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().unwrap_or_default().to_string(),
                    v.as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        out.insert(name.as_str().unwrap_or_default().to_string(), list);
    }
    Ok(out)
}

/// The official label of `id` in list `set` (the id itself if the data lacks it; a test keeps
/// the data complete).
pub fn label(set: &str, id: &'static str) -> &'static str {
    static LEAKED: OnceLock<BTreeMap<(String, String), &'static str>> = OnceLock::new();
    let map = LEAKED.get_or_init(|| {
        let mut m = BTreeMap::new();
        for (name, list) in registry() {
            for (i, l) in list {
                m.insert(
                    (name.clone(), i.clone()),
                    &*Box::leak(l.clone().into_boxed_str()),
                );
            }
        }
        m
    });
    map.get(&(set.to_string(), id.to_string()))
        .copied()
        .unwrap_or(id)
}

/// Resolves what a user wrote (id or label) to an id of list `set`.
pub fn resolve<'a>(set: &str, ids: &[&'a str], written: &str) -> Option<&'a str> {
    let written = fold_width(written.trim());
    if let Some(id) = ids.iter().find(|id| **id == written) {
        return Some(id);
    }
    let list = registry().get(set)?;
    let (id, _) = list.iter().find(|(_, l)| fold_width(l) == written)?;
    ids.iter().find(|i| *i == id).copied()
}

/// The official labels of a closed set of ids (`十分である`, …), in the set's order, for
/// "did you mean" suggestions when a label is mistyped (`十分である。`, `十分で有る`).
pub fn labels_for(ids: &[&str]) -> Option<Vec<&'static str>> {
    Some(set_of(ids)?.iter().map(|(_, l)| l.as_str()).collect())
}

/// The choice list of the item at model path `path` when its ids are `ids`, else the first list
/// with those ids. Two lists may share their ids and not their labels: Ⅳ９ 従業者に対する教育・啓発
/// (十分に行っている, …) and 周知 (十分に周知している, …) are both `sufficient`, `especially`,
/// `insufficient`; a suggestion must come from the item's own list or it never passes.
fn list_at(path: &str, ids: &[&str]) -> Option<&'static [(String, String)]> {
    super::text::choices_at(path)
        .filter(|list| list.len() == ids.len() && list.iter().zip(ids).all(|((i, _), j)| i == j))
        .or_else(|| set_of(ids))
}

/// [`labels_for`] for the item at `path`.
pub fn labels_at(path: &str, ids: &[&str]) -> Option<Vec<&'static str>> {
    Some(
        list_at(path, ids)?
            .iter()
            .map(|(_, l)| l.as_str())
            .collect(),
    )
}

/// [`describe`] for the item at `path`.
pub fn describe_at(path: &str, ids: &[&str]) -> Option<(String, String)> {
    Some(listing(list_at(path, ids)?))
}

/// The choice set whose ids are exactly `ids`, in order: all serde's `unknown_variant` passes
/// along to recognise it by.
fn set_of(ids: &[&str]) -> Option<&'static [(String, String)]> {
    registry()
        .values()
        .find(|list| list.len() == ids.len() && list.iter().zip(ids).all(|((i, _), j)| i == j))
        .map(Vec::as_slice)
}

/// Describes a closed set of ids in both languages (`sufficient（十分である）, …`), for errors.
/// The set is recognised by its ids, which is all serde's `unknown_variant` passes along.
pub fn describe(ids: &[&str]) -> Option<(String, String)> {
    Some(listing(set_of(ids)?))
}

/// A choice list in both languages: `sufficient（十分である）、…`.
fn listing(list: &[(String, String)]) -> (String, String) {
    let ja = list
        .iter()
        .map(|(i, l)| format!("{i}（{l}）"))
        .collect::<Vec<_>>()
        .join("、");
    let en = list
        .iter()
        .map(|(i, l)| format!("{i} ({l})"))
        .collect::<Vec<_>>()
        .join(", ");
    (ja, en)
}

/// JSON Schema of a choice: ids and labels are both valid; editors show the label next to the id.
pub fn schema(set: &str, ids: &[&str]) -> schemars::Schema {
    let list = registry().get(set);
    let label_of = |id: &str| {
        list.and_then(|l| l.iter().find(|(i, _)| i == id))
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    let mut values: Vec<serde_json::Value> = ids.iter().map(|i| (*i).into()).collect();
    let mut descriptions: Vec<serde_json::Value> = ids.iter().map(|i| label_of(i).into()).collect();
    for id in ids {
        let l = label_of(id);
        values.push(l.clone().into());
        descriptions.push(format!("= {id}").into());
    }
    let listing = ids
        .iter()
        .map(|i| format!("`{i}` = {}", label_of(i)))
        .collect::<Vec<_>>()
        .join("\n");
    schemars::json_schema!({
        "type": "string",
        "enum": values,
        "enumDescriptions": descriptions,
        "x-choice": set,
        "description": format!("<選択肢> {set}\n{listing}"),
    })
}

/// Declares a choice type: `choice!(Risk3, "risk3", { Emphasized = "emphasized", ... })`.
#[macro_export]
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident, $set:literal, { $($variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Name of the list in `templates/choices.yaml`.
            pub const SET: &'static str = $set;
            pub const IDS: &'static [&'static str] = &[$($id),+];
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// The form's own wording for this choice.
            pub fn label(self) -> &'static str {
                $crate::model::choice::label($set, self.id())
            }

            pub fn from_written(s: &str) -> Option<$name> {
                let id = $crate::model::choice::resolve($set, Self::IDS, s)?;
                Self::ALL.iter().copied().find(|v| v.id() == id)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "one of {}", $name::IDS.join(", "))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::from_written(v).ok_or_else(|| E::unknown_variant(v, $name::IDS))
                    }
                    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<$name, E> {
                        self.visit_str(&v.to_string())
                    }
                    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<$name, E> {
                        self.visit_str(&v.to_string())
                    }
                }
                d.deserialize_str(V)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::model::choice::schema($set, Self::IDS)
            }
        }
    };
}
