//! Rows as the published change tables write them, coarser than one row per value (seed 002):
//! - both いつ時点の計数か moving to the same day: one row 「しきい値判断の年月日」;
//! - a section that held nothing before (the Ⅳ the 平成31年1月 edition added): one row
//!   「Ⅳ リスク対策（新規追加項目）」;
//! - entries added to or deleted from lists of names (③システムの名称, 特定個人情報ファイル名):
//!   one row for the revision, 「「A」「B」を追加」 / 「「C」を削除」, numbered ①② when it covers
//!   several lists; a new block of a list of blocks (a file of 様式3/4): 「(3) …（新規追加）」.
//!
//! The wording is `templates/history.yaml`'s `grouping`; `--detail` skips this.

use serde::Deserialize;
use serde_json::Value;

use super::timing::own_words;
use super::{short_label, wording, Change, ChangeKind};
use crate::model::form::{FormDef, FormNode};
use crate::model::path::{is_empty, join};

#[derive(Deserialize)]
pub(super) struct Grouping {
    counting_dates: CountingDates,
    new_section: String,
    new_block: String,
}

#[derive(Deserialize)]
struct CountingDates {
    item: String,
    paths: Vec<String>,
}

fn dotted(path: &str) -> String {
    path.trim_start_matches('/').replace('/', ".")
}

/// The changes grouped; `old` and `new` are the two revisions' models.
pub(super) fn as_published(
    changes: Vec<Change>,
    def: &FormDef,
    old: &Value,
    new: &Value,
) -> Vec<Change> {
    let changes = counting_dates(changes);
    let changes = new_sections(changes, def, old, new);
    entries(changes, def)
}

fn counting_dates(mut changes: Vec<Change>) -> Vec<Change> {
    let rule = &wording().grouping.counting_dates;
    let at: Vec<usize> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| rule.paths.contains(&dotted(&c.path)))
        .map(|(i, _)| i)
        .collect();
    let same_day = at.len() == rule.paths.len()
        && at.iter().all(|&i| {
            changes[i].after == changes[at[0]].after && changes[i].kind == ChangeKind::Modified
        });
    if !same_day {
        return changes;
    }
    let mut row = changes[at[0]].clone();
    row.item = rule.item.clone();
    row.path = "/threshold".into();
    // The words of the reason name the row's item.
    row.why.ja = row
        .why
        .ja
        .replace(&own_words(&changes[at[0]].item), &rule.item);
    row.why.en = row
        .why
        .en
        .replace(&own_words(&changes[at[0]].item), &rule.item);
    if !at.iter().all(|&i| changes[i].before == row.before) {
        row.before = at
            .iter()
            .map(|&i| changes[i].before.clone())
            .collect::<Vec<_>>()
            .join("\n");
    }
    for &i in at.iter().rev() {
        changes.remove(i);
    }
    changes.insert(at[0], row);
    changes
}

/// The first segments of the model paths a node's items print: where its values live.
fn roots(node: &FormNode, out: &mut Vec<String>) {
    if let Some(list) = &node.repeat {
        out.push(list.split('.').next().unwrap_or(list).to_string());
        return;
    }
    if let Some(p) = &node.path {
        out.push(p.split('.').next().unwrap_or(p).to_string());
    }
    for c in &node.children {
        roots(c, out);
    }
}

fn new_sections(mut changes: Vec<Change>, def: &FormDef, old: &Value, new: &Value) -> Vec<Change> {
    for top in &def.nodes {
        let mut r = Vec::new();
        roots(top, &mut r);
        r.sort();
        r.dedup();
        if r.is_empty() {
            continue;
        }
        let was_empty = r.iter().all(|k| is_empty(&old[k.as_str()]));
        let is_filled = r.iter().any(|k| !is_empty(&new[k.as_str()]));
        let under = |c: &Change| {
            let first = c
                .path
                .trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or_default();
            r.iter().any(|k| k == first)
        };
        let at: Vec<usize> = changes
            .iter()
            .enumerate()
            .filter(|(_, c)| under(c))
            .map(|(i, _)| i)
            .collect();
        if !(was_empty && is_filled && at.len() >= 2) {
            continue;
        }
        let mut row = changes[at[0]].clone();
        let words = top.label.replace('　', " ");
        row.item = wording()
            .grouping
            .new_section
            .replace("{section}", words.trim());
        row.path = format!("/{}", r[0]);
        row.kind = ChangeKind::Added;
        row.before.clear();
        row.after.clear();
        for &i in at.iter().rev() {
            changes.remove(i);
        }
        changes.insert(at[0], row);
    }
    changes
}

/// The list nodes of a form by their model path with `*` for indices (`/files/*/delegations`).
fn lists<'d>(nodes: &'d [FormNode], prefix: &str, out: &mut Vec<(String, &'d FormNode)>) {
    for n in nodes {
        if let Some(list) = &n.repeat {
            let path = join(prefix, list);
            out.push((path.clone(), n));
            lists(&n.children, &format!("{path}/*"), out);
            continue;
        }
        lists(&n.children, prefix, out);
    }
}

fn generic(path: &str) -> String {
    path.split('/')
        .map(|s| if s.parse::<usize>().is_ok() { "*" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

fn entries(changes: Vec<Change>, def: &FormDef) -> Vec<Change> {
    let mut all = Vec::new();
    lists(&def.nodes, "", &mut all);
    // Whether an added or removed row is an entry of a list, and of which.
    let list_of = |c: &Change| -> Option<(String, &FormNode)> {
        if !matches!(c.kind, ChangeKind::Added | ChangeKind::Removed) {
            return None;
        }
        let (list, index) = c.path.rsplit_once('/')?;
        index.parse::<usize>().ok()?;
        let g = generic(list);
        all.iter()
            .find(|(p, _)| *p == g)
            .map(|(_, n)| (list.to_string(), *n))
    };
    let names_only = |n: &FormNode| n.children.len() == 1 && n.children[0].children.is_empty();
    let mut out: Vec<Change> = Vec::new();
    // Name lists: list path → (index of its row in `out`), rows gathered in order.
    let mut name_lists: Vec<(String, String, Vec<String>, Vec<String>)> = Vec::new();
    let mut first_at: Option<usize> = None;
    let mut template: Option<Change> = None;
    for c in changes {
        match list_of(&c) {
            Some((list, node)) if names_only(node) => {
                let name = entry_name(&c);
                let label = list_label(&c.item, node);
                let slot = match name_lists.iter().position(|(l, ..)| *l == list) {
                    Some(k) => k,
                    None => {
                        name_lists.push((list, label, Vec::new(), Vec::new()));
                        name_lists.len() - 1
                    }
                };
                if c.kind == ChangeKind::Added {
                    name_lists[slot].2.push(name);
                } else {
                    name_lists[slot].3.push(name);
                }
                if first_at.is_none() {
                    first_at = Some(out.len());
                    template = Some(c);
                }
            }
            Some(_) if c.kind == ChangeKind::Added => {
                let mut row = c;
                row.item = wording().grouping.new_block.replace("{heading}", &row.item);
                row.after.clear();
                out.push(row);
            }
            _ => out.push(c),
        }
    }
    if let (Some(at), Some(mut row)) = (first_at, template) {
        let numbered = name_lists.len() > 1;
        let mark = |k: usize| {
            if numbered {
                char::from_u32('①' as u32 + k as u32)
                    .map(String::from)
                    .unwrap_or_default()
            } else {
                String::new()
            }
        };
        let quoted =
            |names: &[String]| names.iter().map(|n| format!("「{n}」")).collect::<String>();
        let mut items = Vec::new();
        let mut afters = Vec::new();
        for (k, (_, label, added, removed)) in name_lists.iter().enumerate() {
            items.push(format!("{}{label}", mark(k)));
            let mut words = Vec::new();
            if !added.is_empty() {
                words.push(
                    wording()
                        .added
                        .replace("{name}", "")
                        .replace("「」", &quoted(added)),
                );
            }
            if !removed.is_empty() {
                words.push(
                    wording()
                        .removed
                        .replace("{name}", "")
                        .replace("「」", &quoted(removed)),
                );
            }
            afters.push(format!("{}{}", mark(k), words.join("、")));
        }
        row.item = items.join("\n");
        row.path = name_lists[0].0.clone();
        row.before.clear();
        row.after = afters.join("\n");
        row.kind = ChangeKind::Modified;
        out.insert(at, row);
    }
    out
}

/// The name of the entry an added or removed row is about: `「国保情報集約システム」を追加` →
/// `国保情報集約システム`.
fn entry_name(c: &Change) -> String {
    let text = if c.kind == ChangeKind::Added {
        &c.after
    } else {
        &c.before
    };
    let t = text.trim();
    match (t.find('「'), t.rfind('」')) {
        (Some(a), Some(b)) if b > a => t[a + '「'.len_utf8()..b].to_string(),
        _ => t.to_string(),
    }
}

/// The list's item as the town names it: the row's section and number, then the list's label
/// without a number that repeats the section's (`Ⅰ 2. 特定個人情報ファイル名`).
fn list_label(item: &str, node: &FormNode) -> String {
    let label = node.label.trim();
    let crumbs: Vec<&str> = item.split(' ').collect();
    let mut kept: Vec<String> = Vec::new();
    for c in &crumbs {
        if short_label(c).is_some()
            && !c
                .chars()
                .any(|ch| ch.is_alphabetic() && !('Ⅰ'..='Ⅻ').contains(&ch))
        {
            kept.push(c.to_string());
        } else {
            break;
        }
    }
    // `２．特定個人情報ファイル名` under `2.`: the number once.
    let words = super::without_repeated_number(&kept, label);
    kept.push(words);
    kept.join(" ")
}
