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
use crate::load::{self, yaml};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    pub form: FormKind,
    pub edition: String,
    /// 特定個人情報保護評価書（基礎項目評価書）.
    pub title: String,
    /// Whether the form prints ※ beside the items whose change is a 重要な変更 (様式3 and 様式4
    /// do; 様式2 does not, though the same changes are submitted 事前).
    #[serde(default = "prints_marks_default")]
    pub prints_marks: bool,
    pub nodes: Vec<FormNode>,
    /// The file it was read from, under `templates/` (`forms/basic/h31-01.yaml`).
    #[serde(skip)]
    pub source: String,
}

fn prints_marks_default() -> bool {
    true
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
    /// How render prints the node when it is not the default row: `note` (the note instead of
    /// the value, e.g. 別添2を参照), `table` (a repeated block as a table with a column per
    /// child, e.g. 変更箇所), `list` (a list value as a numbered table, e.g. 別添2), `answer`
    /// (a choice as its answer alone, without brackets or the <選択肢> list: Ⅲ しきい値判断結果),
    /// `joined` (a group as one value cell: each entry of its repeated block on a line, then its
    /// other items — 様式2 ③システムの名称 with its ＊ note, the file names of Ⅰ).
    pub render: Option<String>,
    /// Words the form prints after the value: `時点` after いつ時点の計数か's date.
    pub suffix: Option<String>,
    /// The choices this item lists on the form, in the form's order, when it shows only some of
    /// its list (④提供方法 lists the media, not 庁内連携システム).
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub children: Vec<FormNode>,
}

/// The definition of a form edition, if hyoka has one.
pub fn get(form: FormKind, edition_name: &str) -> Option<&'static FormDef> {
    let wanted = edition::find(form, edition_name)?;
    all()
        .iter()
        .find(|d| d.form == form && d.edition == wanted.name)
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
    load::deserialize_node::<FormDef>(name, &tree).map_err(|diags| {
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
            let field = out[start + 1..start + len].to_string();
            let value = match (field.as_str(), entry.get(&field)) {
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
        let words = self.numbered_words()?;
        (item.children.is_empty()
            && item.repeat.is_none()
            && item.path.is_some()
            && item.render.is_none()
            && crate::text::fold_width(&item.label) == words)
            .then_some(item)
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
}
