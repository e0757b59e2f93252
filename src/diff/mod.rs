//! Stage 4: two revisions of an assessment → the official change rows (変更箇所).
//!
//! The diff is semantic. It walks the form definition (the same tree check and render use) and
//! compares each item the form prints; repeated blocks (systems, files, delegations,
//! recipients) are matched by `id`, so a reordering is no change, a renamed entry is a
//! modification, and additions and removals read as people write them (「…」を追加).
//! Formatting (YAML style, comments, trailing spaces, how a date is spelt) is no change.

mod grouping;
pub mod history;
pub mod output;
pub mod source;
mod timing;

use serde::Serialize;
use serde_json::Value;

use crate::model::data::Cached;

use crate::model::form::{self, FormNode};
use crate::model::path::get;
use crate::model::text::{form_text, normalized};
use crate::model::{Assessment, FormKind, Timing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Modified,
}

/// One change, as a row of the change table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Model path of the item (in the new revision; in the old one for a removal).
    pub path: String,
    /// 項目, as the form labels it: `Ⅱ (2) 国保資格ファイル 4. 委託事項1 ⑦再委託の有無 ※`.
    pub item: String,
    pub kind: ChangeKind,
    /// 変更前の記載, as the form prints it.
    pub before: String,
    /// 変更後の記載.
    pub after: String,
    /// ※: a 重要な変更.
    pub important: bool,
    /// A choice item (or list of choices): its labels change whole, not by character.
    pub choice: bool,
    /// Whether to show ※ beside the item: a 重要な変更 on a form that prints ※, whose item name
    /// does not already end in one.
    pub marked: bool,
    /// 提出時期.
    #[serde(serialize_with = "timing_label")]
    pub timing: Timing,
    /// 提出時期に係る説明, where the rule is known.
    pub reason: Option<String>,
    /// Why the row has its 提出時期 (`実施日 令和6年4月1日 より前の公表`), for the clerk to explain it.
    #[serde(skip)]
    pub why: crate::diagnostic::Message,
}

fn timing_label<S: serde::Serializer>(t: &Timing, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.label())
}

/// Options of a diff.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// The form whose items and labels to use; default: the fullest form the new revision has.
    pub form: Option<FormKind>,
    /// 提出時期 overrides: a model-path prefix or an item substring, and the timing to use.
    pub timing: Vec<(String, Timing)>,
    /// The day the changes take effect (実施日): a change published before it is 事前.
    pub effective: Option<crate::model::Date>,
    /// The revision's 変更日 (default: today).
    pub changed_on: Option<crate::model::Date>,
    /// One row per value, not grouped as the published tables write them.
    pub detail: bool,
}

/// The change table's wording, `templates/history.yaml`.
#[derive(serde::Deserialize)]
struct Wording {
    added: String,
    removed: String,
    reasons: Reasons,
    timing: timing::TimingRules,
    grouping: grouping::Grouping,
    bookkeeping: Vec<String>,
    generic_labels: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Reasons {
    posterior: String,
}

static WORDING: Cached<Wording> = Cached::new("history.yaml");

fn wording() -> &'static Wording {
    WORDING.get()
}

/// Whether an item's label needs its heading's words to say what it is (`請求先`).
fn is_generic_label(label: &str) -> bool {
    let bare = label
        .trim_start_matches(|c: char| ('①'..='⑳').contains(&c))
        .trim_end_matches(['※', ' ', '　'])
        .trim();
    wording().generic_labels.iter().any(|g| g == bare)
}

/// A numbered group label with its words, for a generic item under it:
/// `７．特定個人情報の開示・訂正・利用停止請求` → `7. 特定個人情報の開示・訂正・利用停止請求`.
fn long_label(label: &str) -> Option<String> {
    let short = short_label(label)?;
    let folded = crate::text::fold_width(label);
    let n: String = folded.chars().take_while(|c| c.is_ascii_digit()).collect();
    if n.is_empty() {
        return None;
    }
    let words = folded[n.len()..]
        .trim_start_matches(['.', '．'])
        .trim_matches([' ', '　']);
    (!words.is_empty()).then(|| format!("{short} {words}"))
}

/// The fullest form an assessment renders: its change table is the one that lists changes.
pub fn main_form(a: &Assessment) -> FormKind {
    [FormKind::Full, FormKind::Key, FormKind::Basic]
        .into_iter()
        .find(|f| a.forms.contains(f))
        .unwrap_or(FormKind::Basic)
}

/// Error when the form to compare by has no definition (unknown or missing edition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoDefinition(pub FormKind);

impl NoDefinition {
    pub fn message(&self) -> crate::diagnostic::Message {
        crate::diagnostic::Message::new(
            format!(
                "{}の様式定義がありません（editions を確認してください）",
                self.0.label()
            ),
            format!(
                "no form definition for the {} form (check editions)",
                self.0.id()
            ),
        )
    }
}

/// The change rows from one notice of purposes of use to the next (`templates/notice_items.yaml`).
pub fn diff_notices(
    old: &crate::model::notice::Notice,
    new: &crate::model::notice::Notice,
) -> Vec<Change> {
    changes_over(
        &[form::notice_items()],
        &serde_json::to_value(old).expect("model serializes"),
        &serde_json::to_value(new).expect("model serializes"),
    )
}

/// The changes between two models over item trees in the form definitions' shape, in order.
fn changes_over(trees: &[&'static [FormNode]], old: &Value, new: &Value) -> Vec<Change> {
    let mut walker = Walker {
        old_root: old,
        new_root: new,
        out: Vec::new(),
        group_labels: Vec::new(),
    };
    for nodes in trees {
        walker.walk(nodes, old, new, "", "", &[], false);
    }
    walker.out
}

/// Computes the change rows from `old` to `new`.
pub fn diff(
    old: &Assessment,
    new: &Assessment,
    options: &DiffOptions,
) -> Result<Vec<Change>, NoDefinition> {
    let form_kind = options.form.unwrap_or_else(|| main_form(new));
    let edition = new
        .editions
        .get(form_kind)
        .or_else(|| old.editions.get(form_kind));
    let def = edition
        .and_then(|e| form::get(form_kind, e))
        .ok_or(NoDefinition(form_kind))?;
    // The documents beside the form (別紙1's flows) change like any other part.
    let old_json = serde_json::to_value(old).expect("model serializes");
    let new_json = serde_json::to_value(new).expect("model serializes");
    let mut changes = changes_over(
        &[&def.nodes, form::attachment_items()],
        &old_json,
        &new_json,
    );
    for c in &mut changes {
        // A ※ item is a 重要な変更 on the forms that print ※ (様式3/4); 様式2 prints none.
        c.important &= def.prints_marks;
        c.marked = c.important && !c.item.contains('※');
    }
    timing::decide(&mut changes, def, options);
    if !options.detail {
        changes = grouping::as_published(changes, def, &old_json, &new_json);
    }
    Ok(changes)
}

struct Walker<'v> {
    old_root: &'v Value,
    new_root: &'v Value,
    out: Vec<Change>,
    /// Labels of the groups around the node being walked, innermost last.
    group_labels: Vec<String>,
}

/// The label a node contributes to an item's name: section numerals (`Ⅰ`), group numbers
/// (`1.`), attachments (`（別添1）`), risks (`リスク1`); unnumbered groups contribute nothing.
/// An entry's heading under the crumbs before it, without a number the last crumb already
/// shows: `２．特定個人情報ファイル名` under `Ⅰ 2.` is `特定個人情報ファイル名`, as the town writes
/// `Ⅰ 2. 特定個人情報ファイル名`.
fn without_repeated_number(crumbs: &[String], heading: &str) -> String {
    match (crumbs.last(), short_label(heading)) {
        (Some(last), Some(n)) if *last == n && n.ends_with('.') => {
            let folded = crate::text::fold_width(heading);
            let digits = n.trim_end_matches('.');
            folded
                .strip_prefix(digits)
                .map(|r| r.trim_start_matches(['.', '．', ' ', '　']).to_string())
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| heading.to_string())
        }
        _ => heading.to_string(),
    }
}

fn short_label(label: &str) -> Option<String> {
    let folded = crate::text::fold_width(label);
    let first = folded.chars().next()?;
    if "ⅠⅡⅢⅣⅤⅥ".contains(first) {
        return Some(first.to_string());
    }
    if let Some(rest) = folded
        .strip_prefix("（別添")
        .or_else(|| folded.strip_prefix("(別添"))
    {
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        return Some(format!("（別添{n}）"));
    }
    // The documents beside the form: 別紙1.
    if let Some(rest) = folded.strip_prefix("別紙") {
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        return Some(format!("別紙{n}"));
    }
    if folded.starts_with("表紙") {
        return Some("表紙".into());
    }
    if let Some(rest) = folded.strip_prefix("リスク") {
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !n.is_empty() {
            return Some(format!("リスク{n}"));
        }
    }
    let n: String = folded.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !n.is_empty() && folded[n.len()..].starts_with(['.', '．']) {
        return Some(format!("{n}."));
    }
    None
}

fn entry_name(v: &Value) -> String {
    ["name", "title", "id"]
        .iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

impl Walker<'_> {
    fn is_bookkeeping(path: &str) -> bool {
        wording().bookkeeping.iter().any(|b| b == path)
    }

    fn heading(&self, node: &FormNode, n: usize, elem: &Value) -> String {
        node.heading_text(n, elem, &|id| {
            form::file_label(&[self.new_root, self.old_root], id)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn walk(
        &mut self,
        nodes: &'static [FormNode],
        old: &Value,
        new: &Value,
        old_prefix: &str,
        new_prefix: &str,
        crumbs: &[String],
        important: bool,
    ) {
        for node in nodes {
            let important = important || node.important;
            if let Some(list) = &node.repeat {
                if !Self::is_bookkeeping(list) {
                    self.repeat(
                        node, list, old, new, old_prefix, new_prefix, crumbs, important,
                    );
                }
                continue;
            }
            if node.children.is_empty() {
                if let Some(path) = &node.path {
                    // An item that prints a note (別添2を参照) is compared where it is printed.
                    if !Self::is_bookkeeping(path)
                        && node.render != Some(crate::model::form::Print::Note)
                    {
                        self.compare(
                            node, path, old, new, old_prefix, new_prefix, crumbs, important,
                        );
                    }
                }
                continue;
            }
            let mut here = crumbs.to_vec();
            // A group the form does not print is not named in the change's 項目.
            if !node.is_bare() {
                here.extend(short_label(&node.label));
            }
            self.group_labels.push(node.label.clone());
            self.walk(
                &node.children,
                old,
                new,
                old_prefix,
                new_prefix,
                &here,
                important,
            );
            self.group_labels.pop();
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn compare(
        &mut self,
        node: &FormNode,
        path: &str,
        old: &Value,
        new: &Value,
        old_prefix: &str,
        new_prefix: &str,
        crumbs: &[String],
        important: bool,
    ) {
        let (o, n) = (get(old, path), get(new, path));
        let (on, nn) = (normalized(o), normalized(n));
        let new_path = crate::model::path::join(new_prefix, path);
        if on == nn || same_boxes(&new_path, &on, &nn) {
            return;
        }
        let old_path = crate::model::path::join(old_prefix, path);
        let kind = match (on.is_null(), nn.is_null()) {
            (true, false) => ChangeKind::Added,
            (false, true) => ChangeKind::Removed,
            _ => ChangeKind::Modified,
        };
        let mut item = crumbs.to_vec();
        if is_generic_label(&node.label) {
            // `Ⅰ 7. 請求先` → `Ⅰ 7. 特定個人情報の開示・訂正・利用停止請求 請求先`.
            if let (Some(last), Some(long)) = (
                item.last_mut(),
                self.group_labels.last().and_then(|l| long_label(l)),
            ) {
                if long.starts_with(last.as_str()) {
                    *last = long;
                }
            }
        }
        item.push(node.label.clone());
        self.push(
            if kind == ChangeKind::Removed {
                old_path.clone()
            } else {
                new_path.clone()
            },
            item.join(" "),
            kind,
            form_text(&old_path, o),
            form_text(&new_path, n),
            important,
        );
    }

    fn push(
        &mut self,
        path: String,
        item: String,
        kind: ChangeKind,
        before: String,
        after: String,
        important: bool,
    ) {
        let choice = crate::model::text::is_choice(&path);
        let (timing, reason) = if important {
            (Timing::Prior, None)
        } else {
            (Timing::Posterior, Some(wording().reasons.posterior.clone()))
        };
        self.out.push(Change {
            path,
            item,
            kind,
            before,
            after,
            important,
            choice,
            marked: false,
            timing,
            reason,
            why: crate::diagnostic::Message::new("", ""),
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        node: &'static FormNode,
        list: &str,
        old: &Value,
        new: &Value,
        old_prefix: &str,
        new_prefix: &str,
        crumbs: &[String],
        important: bool,
    ) {
        let empty = Vec::new();
        let olds = get(old, list).as_array().unwrap_or(&empty);
        let news = get(new, list).as_array().unwrap_or(&empty);
        let pairs = pair_entries(olds, news);
        let old_list = crate::model::path::join(old_prefix, list);
        let new_list = crate::model::path::join(new_prefix, list);
        for (j, ne) in news.iter().enumerate() {
            let heading = self.heading(node, node.entry_number(j, news), ne);
            let mut here = crumbs.to_vec();
            here.push(without_repeated_number(crumbs, &heading));
            match pairs[j].map(|i| (i, &olds[i])) {
                Some((i, oe)) => self.walk(
                    &node.children,
                    oe,
                    ne,
                    &format!("{old_list}/{i}"),
                    &format!("{new_list}/{j}"),
                    &here,
                    important,
                ),
                None => {
                    let after = wording().added.replace("{name}", &entry_name(ne));
                    self.push(
                        format!("{new_list}/{j}"),
                        here.join(" "),
                        ChangeKind::Added,
                        String::new(),
                        after,
                        important,
                    );
                }
            }
        }
        for (i, oe) in olds.iter().enumerate() {
            if !pairs.contains(&Some(i)) {
                let mut here = crumbs.to_vec();
                let heading = self.heading(node, node.entry_number(i, olds), oe);
                here.push(without_repeated_number(crumbs, &heading));
                let after = wording().removed.replace("{name}", &entry_name(oe));
                self.push(
                    format!("{old_list}/{i}"),
                    here.join(" "),
                    ChangeKind::Removed,
                    entry_name(oe),
                    after,
                    important,
                );
            }
        }
    }
}

/// For each new entry of a list, the old entry it is: the same in every field, by name as
/// written, by id, by name with
/// width and spacing folded, and only then by place among those still unpaired. An entry
/// deleted and another added elsewhere are a deletion and an addition, not a rename: a wrong
/// change record is a legal problem. The name comes before the id because a workbook's import
/// numbers entries by place (`system-4`), so that an id alone would pair a deleted entry with
/// the one that moved into its place; an entry renamed in a YAML keeps its id and is still
/// paired by it. Each old entry pairs once.
pub fn pair_entries(olds: &[Value], news: &[Value]) -> Vec<Option<usize>> {
    let mut pairs: Vec<Option<usize>> = vec![None; news.len()];
    let mut taken = vec![false; olds.len()];
    let id = |e: &Value| e.get("id").and_then(Value::as_str).map(str::to_string);
    let name = |e: &Value| {
        ["name", "title"]
            .iter()
            .find_map(|k| e.get(*k).and_then(Value::as_str))
            .filter(|n| !n.trim().is_empty())
            .map(str::to_string)
    };
    let folded = |e: &Value| {
        name(e).map(|n| {
            crate::text::fold_width(&n)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
    };
    // An entry the same in every field is the same entry wherever it moved (boxes' details,
    // sources listed in the form's order rather than the file's).
    let whole = |e: &Value| Some(e.to_string());
    type Key<'k> = &'k dyn Fn(&Value) -> Option<String>;
    let keys: [Key; 4] = [&whole, &name, &id, &folded];
    for key in keys {
        for (j, ne) in news.iter().enumerate() {
            if pairs[j].is_some() {
                continue;
            }
            let Some(k) = key(ne) else { continue };
            let old = (0..olds.len()).find(|&i| !taken[i] && key(&olds[i]).as_ref() == Some(&k));
            if let Some(i) = old {
                pairs[j] = Some(i);
                taken[i] = true;
            }
        }
    }
    for j in 0..news.len().min(olds.len()) {
        // Two entries that carry different ids are two entries, wherever they stand.
        let other_ids = matches!((id(&news[j]), id(&olds[j])), (Some(a), Some(b)) if a != b);
        if pairs[j].is_none() && !taken[j] && !other_ids {
            pairs[j] = Some(j);
            taken[j] = true;
        }
    }
    pairs
}

/// Ticked boxes are printed in the form's order whatever order the model lists them in, so
/// the same boxes in another order are no change (入手元, 主な記録項目, 提供方法).
pub(crate) fn same_boxes(path: &str, old: &Value, new: &Value) -> bool {
    let (Value::Array(a), Value::Array(b)) = (old, new) else {
        return false;
    };
    if !(crate::model::text::is_choice(path) || path.ends_with("/acquisition/sources")) {
        return false;
    }
    let sorted = |v: &[Value]| {
        let mut keys: Vec<String> = v.iter().map(Value::to_string).collect();
        keys.sort();
        keys
    };
    sorted(a) == sorted(b)
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn short_labels_keep_numbers_only() {
        assert_eq!(short_label("Ⅰ　基本情報").as_deref(), Some("Ⅰ"));
        assert_eq!(
            short_label("１．特定個人情報ファイルを取り扱う事務").as_deref(),
            Some("1.")
        );
        assert_eq!(
            short_label("４．特定個人情報ファイルの取扱いの委託").as_deref(),
            Some("4.")
        );
        assert_eq!(
            short_label("（別添1）事務の内容").as_deref(),
            Some("（別添1）")
        );
        assert_eq!(
            short_label("リスク１：目的外の入手が行われるリスク").as_deref(),
            Some("リスク1")
        );
        assert_eq!(short_label("別紙1").as_deref(), Some("別紙1"));
        assert_eq!(short_label("再委託"), None);
        assert_eq!(short_label("①事務の名称"), None);
    }

    #[test]
    fn generic_labels_take_their_heading_words() {
        use super::{is_generic_label, long_label};
        assert!(is_generic_label("請求先"));
        assert!(is_generic_label("①部署"));
        assert!(is_generic_label("②法令上の根拠 ※"));
        assert!(!is_generic_label("①事務の名称"));
        assert_eq!(
            long_label("７．特定個人情報の開示・訂正・利用停止請求").as_deref(),
            Some("7. 特定個人情報の開示・訂正・利用停止請求")
        );
        assert_eq!(long_label("Ⅰ　基本情報"), None);
    }
}
