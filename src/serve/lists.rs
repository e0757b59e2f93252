//! `serve --edit`'s lists: the entries the form prints one after another (システム1, 2, …;
//! a file's 委託事項N and 提供先N; Ⅲ's risk-measure blocks; 別紙1's counterparts, flows, 見出し
//! and 手順) added, removed and moved, through the same writer as a value (`yaml::patch`):
//!
//! - a new entry is the one the form's scaffold gives, pared to its ○○ texts (which the form
//!   shows and `check` points at) and what the model cannot load without; with an id no entry
//!   has, of the kind picked (提供 or 移転), and — for a risk-measure block — naming the files no
//!   block covers yet;
//! - an entry moves with its lines as they are, comments and all;
//! - a removed entry takes its own entries with it (a file's 委託事項), and goes from the places
//!   that name it (a risk-measure block's files, a step's 相手: [`refs`]); the page shows both
//!   before it goes.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::{Lang, Message};
use crate::model::{refs, scaffold, FormKind};
use crate::render::tree::Listed;
use crate::yaml::{self, patch, Limits};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Add,
    Remove,
    Move,
}

/// A change to one of the form's lists.
#[derive(Debug, Deserialize)]
pub struct ListRequest {
    /// The version of the file the page showed.
    pub version: String,
    pub op: Op,
    /// `add`: the list (`/files/0/delegations`); `remove` and `move`: the entry (`/systems/2`).
    pub path: String,
    /// `move`: the place the entry goes to, counted from 0.
    #[serde(default)]
    pub to: usize,
    /// `add`: the kind of the new entry where entries have one (`provide`, `transfer`).
    #[serde(default)]
    pub kind: Option<String>,
}

fn not_listed(path: &str) -> Message {
    Message::new(
        format!("「{path}」は様式が一覧として印刷するものではありません"),
        format!("{path} is not a list the form prints"),
    )
}

/// The lists the forms of an assessment print entry by entry, each once.
pub fn of(a: &crate::model::Assessment) -> Vec<Listed> {
    let flows = super::flows::editing_doc(a);
    of_beside(a, None, flows.as_ref().map(|d| &d.lists[..]))
}

/// The same, where one form is built already (the page's), with 別紙1's lists where they are
/// wanted (`flows`): its lists, the other forms', and those.
pub fn of_beside(
    a: &crate::model::Assessment,
    built: Option<(FormKind, &[Listed])>,
    flows: Option<&[Listed]>,
) -> Vec<Listed> {
    let mut out: Vec<Listed> = built.map(|(_, l)| l.to_vec()).unwrap_or_default();
    for form in a
        .forms
        .iter()
        .filter(|f| built.is_none_or(|(b, _)| b != **f))
    {
        if let Ok(doc) = crate::render::build::build(a, *form) {
            for l in doc.lists {
                if !out.iter().any(|o| o.path == l.path) {
                    out.push(l);
                }
            }
        }
    }
    for l in flows.unwrap_or_default() {
        if !out.iter().any(|o| o.path == l.path) {
            out.push(l.clone());
        }
    }
    out
}

/// The list an entry path (`/files/0/delegations/2`) is in, and its place there.
fn entry_of<'l>(lists: &'l [Listed], entry: &str) -> Result<(&'l Listed, usize), Message> {
    let (list, index) = entry.rsplit_once('/').ok_or_else(|| not_listed(entry))?;
    let listed = lists
        .iter()
        .find(|l| l.path == list)
        .ok_or_else(|| not_listed(entry))?;
    let index: usize = index.parse().map_err(|_| not_listed(entry))?;
    if index >= listed.entries.len() {
        return Err(not_listed(entry));
    }
    Ok((listed, index))
}

/// What goes with the entry at `entry` when it is removed, as the page says it: the entries of
/// the lists inside it, and the places that name it. `root` is the file's data.
pub fn dependants(lists: &[Listed], root: &Value, entry: &str) -> Vec<Message> {
    let inside = format!("{entry}/");
    let mut out: Vec<Message> = lists
        .iter()
        .filter(|l| l.path.starts_with(&inside) && !l.entries.is_empty())
        .map(|l| {
            let titles = l.entries.join("、");
            Message::new(
                format!(
                    "{} {} 件（{titles}）も削除されます",
                    l.label,
                    l.entries.len()
                ),
                format!("its {} {} ({titles}) go with it", l.entries.len(), l.label),
            )
        })
        .collect();
    for place in refs::naming(root, entry) {
        // `/risk_measures/1/files/0`: the entry of the innermost list that holds the place
        // (a step, not its flow).
        let holder = lists
            .iter()
            .filter_map(|l| {
                let rest = place.strip_prefix(&format!("{}/", l.path))?;
                let i: usize = rest.split('/').next()?.parse().ok()?;
                Some((l, l.entries.get(i)?.clone()))
            })
            .max_by_key(|(l, _)| l.path.len());
        if let Some((l, title)) = holder {
            out.push(Message::new(
                format!("{}「{title}」から外されます", l.label),
                format!("it is taken out of {} 「{title}」", l.label),
            ));
        }
    }
    out
}

/// Every id the data holds, at any depth.
fn ids(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(id)) = m.get("id") {
                out.insert(id.clone());
            }
            m.values().for_each(|c| ids(c, out));
        }
        Value::Array(items) => items.iter().for_each(|c| ids(c, out)),
        _ => {}
    }
}

/// An id like the scaffold's (`delegation-1`) that no entry has: `delegation-N`, N from the
/// list's length on.
fn fresh_id(template: &str, root: &Value, len: usize) -> String {
    let base = template
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches('-');
    let base = if base.is_empty() { "entry" } else { base };
    let mut taken = BTreeSet::new();
    ids(root, &mut taken);
    (len + 1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .expect("an unused number")
}

/// What of a scaffold's value a new entry keeps: the ○○ texts, which the form prints and
/// `check` points at until they are written. Its choices, boxes, dates and lists go — an answer
/// (「十分である」, a ticked box) is the user's to give, never one the page gives unseen — except
/// what the model cannot do without (a counterpart's kind, a flow's groups), kept as the
/// scaffold has it, itself so pared. `path` is the value's model path.
fn to_be_written(v: &Value, path: &str) -> Option<Value> {
    match v {
        Value::String(s) if s.contains(scaffold::TO_WRITE) => Some(v.clone()),
        Value::Object(m) => {
            let required = crate::model::text::required_at(path);
            let kept: serde_json::Map<String, Value> = m
                .iter()
                .filter_map(|(k, c)| {
                    let p = format!("{path}/{k}");
                    let kept = to_be_written(c, &p)
                        .or_else(|| required.contains(&k.as_str()).then(|| c.clone()));
                    Some((k.clone(), kept?))
                })
                .collect();
            (!kept.is_empty()).then_some(Value::Object(kept))
        }
        Value::Array(items) => {
            let kept: Vec<Value> = items
                .iter()
                .enumerate()
                .filter_map(|(i, x)| to_be_written(x, &format!("{path}/{i}")))
                .collect();
            (!kept.is_empty()).then_some(Value::Array(kept))
        }
        _ => None,
    }
}

/// `map` without the value at `path` (`subcontract/permission`), if it has one.
fn remove_at(map: &mut serde_json::Map<String, Value>, path: &str) {
    match path.split_once('/') {
        None => {
            map.shift_remove(path);
        }
        Some((first, rest)) => {
            if let Some(Value::Object(inner)) = map.get_mut(first) {
                remove_at(inner, rest);
            }
        }
    }
}

/// The entry a new one of `list` starts as: the scaffold's, from the richest of the forms the
/// file declares (a 全項目 file's 委託事項 has all ⑨ items).
fn new_entry(
    list: &Listed,
    forms: &[FormKind],
    root: &Value,
    kind: Option<&str>,
) -> Result<Value, Message> {
    let scaffolded = [FormKind::Full, FormKind::Key, FormKind::Basic]
        .into_iter()
        .filter(|f| forms.contains(f))
        .find_map(|f| scaffold::new_entry(f, &list.path))
        .ok_or_else(|| not_listed(&list.path))?;
    let Value::Object(mut scaffolded) = scaffolded else {
        return Ok(scaffolded);
    };
    for path in &list.conditional {
        remove_at(&mut scaffolded, path);
    }
    let kind = match &list.kinds {
        None => None,
        Some((field, kinds)) => {
            let found = match kind {
                None => kinds.first(),
                Some(k) => kinds.iter().find(|(id, _)| id == k),
            };
            let Some((id, _)) = found else {
                return Err(Message::new(
                    format!(
                        "「{}」の種類「{}」はありません",
                        list.label,
                        kind.unwrap_or("")
                    ),
                    format!("{} has no kind 「{}」", list.label, kind.unwrap_or("")),
                ));
            };
            Some((field.clone(), Value::String(id.clone())))
        }
    };
    let mut given: Vec<(String, Value)> = kind.into_iter().collect();
    given.extend(
        refs::unnamed_for_new(root, &list.path)
            .into_iter()
            .map(|(field, free)| (field, free.into_iter().map(Value::String).collect())),
    );
    // In the scaffold's order: the id made fresh, the kind and references given, the ○○ kept.
    let entry = format!("{}/{}", list.path, list.entries.len());
    let required = crate::model::text::required_at(&entry);
    let mut fields = serde_json::Map::new();
    for (key, v) in &scaffolded {
        let value = match given.iter().position(|(k, _)| k == key) {
            Some(i) => Some(given.remove(i).1),
            None if key == "id" => v
                .as_str()
                .map(|t| Value::String(fresh_id(t, root, list.entries.len()))),
            None => to_be_written(v, &format!("{entry}/{key}"))
                .or_else(|| required.contains(&key.as_str()).then(|| v.clone())),
        };
        if let Some(value) = value {
            fields.insert(key.clone(), value);
        }
    }
    fields.extend(given);
    Ok(Value::Object(fields))
}

/// The changes to the text that `request` asks for, against the lists the file's forms print.
pub fn changes(
    source: &str,
    lists: &[Listed],
    forms: &[FormKind],
    request: &ListRequest,
) -> Result<Vec<patch::Change>, Message> {
    let root = yaml::parse(source, &Limits::default())
        .map(|t| t.to_json())
        .unwrap_or(Value::Null);
    match request.op {
        Op::Add => {
            let list = lists
                .iter()
                .find(|l| l.path == request.path)
                .ok_or_else(|| not_listed(&request.path))?;
            let value = new_entry(list, forms, &root, request.kind.as_deref())?;
            Ok(vec![patch::Change::Append {
                path: list.path.clone(),
                value,
            }])
        }
        Op::Move => {
            let (list, _) = entry_of(lists, &request.path)?;
            if request.to >= list.entries.len() {
                return Err(not_listed(&format!("{}/{}", list.path, request.to)));
            }
            Ok(vec![patch::Change::Move {
                path: request.path.clone(),
                to: request.to,
            }])
        }
        Op::Remove => {
            entry_of(lists, &request.path)?;
            let mut out = vec![patch::Change::Remove {
                path: request.path.clone(),
            }];
            out.extend(
                refs::naming(&root, &request.path)
                    .into_iter()
                    .map(|path| patch::Change::Remove { path }),
            );
            Ok(out)
        }
    }
}

/// The page's 一覧 under `--edit`: each list the form prints, its entries (each a link to its
/// first row, with ↑ ↓ 削除 and what goes with it) and 追加 (one per kind, where entries have
/// kinds). `lists` are the shown form's, `all` those of every form the file declares (a file's
/// risk-measure blocks are in 様式4 only), `rows` the form's rows by path, `root` the file's data.
pub fn panel(
    lists: &[Listed],
    all: &[Listed],
    root: &Value,
    rows: &std::collections::HashMap<String, usize>,
    lang: Lang,
) -> String {
    use std::fmt::Write as _;
    let esc = crate::text::escape_html;
    let mut out = format!(
        "<details id=\"lists\" class=\"lists\" open><summary>{}</summary>\n",
        esc(lang.pick(
            "一覧の編集（追加・削除・並べ替え）",
            "Lists (add, remove, reorder)"
        ))
    );
    // Each path's first row, under any path above it too: an entry's first row, looked up
    // once per row rather than the rows scanned once per entry.
    let mut first_rows: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (path, &n) in rows {
        let ends = path.match_indices('/').map(|(i, _)| i).skip(1);
        for end in ends.chain(std::iter::once(path.len())) {
            let at = first_rows.entry(&path[..end]).or_insert(n);
            *at = (*at).min(n);
        }
    }
    for list in lists {
        let heading = match &list.owner {
            Some(owner) => format!("{}（{owner}）", list.label),
            None => list.label.clone(),
        };
        let _ = write!(
            out,
            "<div class=\"list\" data-list=\"{}\"><h3>{}</h3><ol>",
            esc(&list.path),
            esc(&heading)
        );
        for (i, title) in list.entries.iter().enumerate() {
            let entry = format!("{}/{i}", list.path);
            // Its first row; or the row that prints the whole list (③システムの名称).
            let first = first_rows
                .get(entry.as_str())
                .or_else(|| rows.get(&list.path))
                .copied();
            let link = first.map_or(String::new(), |n| format!(" href=\"#item-{n}\""));
            let goes: Vec<String> = dependants(all, root, &entry)
                .iter()
                .map(|m| m.text(lang).to_string())
                .collect();
            let _ = write!(
                out,
                "<li data-entry=\"{e}\" data-index=\"{i}\" data-title=\"{t}\" data-dependants=\"{d}\"><a{link}>{t}</a> <button type=\"button\" data-op=\"up\" title=\"{up}\"{first_off}>↑</button><button type=\"button\" data-op=\"down\" title=\"{down}\"{last_off}>↓</button><button type=\"button\" data-op=\"remove\">{remove}</button></li>",
                e = esc(&entry),
                t = esc(title),
                d = esc(&goes.join("\n")),
                up = esc(lang.pick("上へ", "Up")),
                down = esc(lang.pick("下へ", "Down")),
                remove = esc(lang.pick("削除", "Remove")),
                first_off = if i == 0 { " disabled" } else { "" },
                last_off = if i + 1 == list.entries.len() { " disabled" } else { "" },
            );
        }
        out.push_str("</ol>");
        let kinds: Vec<(Option<&str>, String)> = match &list.kinds {
            Some((_, kinds)) => kinds
                .iter()
                .map(|(id, label)| (Some(id.as_str()), label.clone()))
                .collect(),
            None => vec![(None, String::new())],
        };
        for (kind, label) in kinds {
            let text = match kind {
                Some(_) => lang
                    .pick(
                        &format!("＋ {}（{label}）を追加", list.label),
                        &format!("+ Add a {} ({label})", list.label),
                    )
                    .to_string(),
                None => lang
                    .pick(
                        &format!("＋ {}を追加", list.label),
                        &format!("+ Add a {}", list.label),
                    )
                    .to_string(),
            };
            let _ = write!(
                out,
                " <button type=\"button\" data-op=\"add\" data-kind=\"{}\">{}</button>",
                esc(kind.unwrap_or("")),
                esc(&text)
            );
        }
        out.push_str("</div>\n");
    }
    let _ = writeln!(
        out,
        "<div id=\"list-confirm\" hidden data-prompt=\"{prompt}\"><p class=\"what\"></p><ul class=\"goes\"></ul><button type=\"button\" id=\"list-confirm-yes\">{yes}</button> <button type=\"button\" id=\"list-confirm-no\">{no}</button></div><p id=\"list-message\" class=\"edit-message\"></p></details>",
        prompt = esc(lang.pick("「{title}」を削除します。", "「{title}」 will be removed.")),
        yes = esc(lang.pick("削除する", "Remove it")),
        no = esc(lang.pick("取消", "Cancel")),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn example(name: &str) -> String {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name)
            .join("assessment.yaml");
        std::fs::read_to_string(p).unwrap()
    }

    fn apply(source: &str, op: Op, path: &str, to: usize) -> String {
        apply_kind(source, op, path, to, None)
    }

    fn apply_kind(source: &str, op: Op, path: &str, to: usize, kind: Option<&str>) -> String {
        let loaded = crate::load::load_str("a.yaml", source, &Limits::default());
        let a = loaded.assessment.unwrap();
        let request = ListRequest {
            version: String::new(),
            op,
            path: path.into(),
            to,
            kind: kind.map(str::to_string),
        };
        let changes = changes(source, &of(&a), &a.forms, &request).unwrap();
        crate::serve::edit::patched(source, &changes).unwrap_or_else(|e| panic!("{}", e.en))
    }

    #[test]
    fn a_removed_file_goes_from_the_risk_blocks_that_name_it() {
        let src = example("shinjuku-kokuho");
        let out = apply(&src, Op::Remove, "/files/3", 0);
        assert!(!out.contains("  - id: shutainou"));
        assert!(out.contains("  - files: [fuka, shikaku, kyufu]\n"), "{out}");
    }

    #[test]
    fn a_new_entry_is_the_scaffolds_texts_to_write_with_no_answer_given() {
        let src = example("shinjuku-kokuho");
        let out = apply_kind(&src, Op::Add, "/files/0/recipients", 0, Some("transfer"));
        let added = &out[src.find("\nfiles:").unwrap()..];
        let at = added.find("      - id: recipient-2\n").expect("a fresh id");
        let entry: String = added[at..]
            .lines()
            .take_while(|l| l.starts_with("      - id") || l.starts_with("        "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            entry
                .starts_with("      - id: recipient-2\n        kind: transfer\n        name: ○○\n"),
            "{entry}"
        );
        // No choice, count or box is answered for the user.
        assert!(
            !entry.contains("people:") && !entry.contains("methods:"),
            "{entry}"
        );
        let loaded = crate::load::load_str("a.yaml", &out, &Limits::default());
        assert!(loaded.assessment.is_some());

        // A new file, then a new risk block: it covers the file no block covers.
        let out = apply(&src, Op::Add, "/files", 0);
        assert!(out.contains("  - id: file-5\n    name: ○○\n"), "{out}");
        let out = apply(&out, Op::Add, "/risk_measures", 0);
        assert!(
            out.contains("  - files: [file-5]\n") || out.contains("  - files:\n      - file-5\n"),
            "{out}"
        );
        assert!(!out[out.find("\nrisk_measures:").unwrap()..]
            .contains("answer: sufficient\n    acquisition"));
    }

    #[test]
    fn an_entry_moves_and_what_goes_with_a_removal_is_said_first() {
        let src = example("shinjuku-kokuho");
        let out = apply(&src, Op::Move, "/systems/2", 0);
        let names: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with("  - id: ") && out.find(l) < out.find("\nfiles:"))
            .take(3)
            .collect();
        assert_eq!(names, ["  - id: kyufu", "  - id: fuka", "  - id: shikaku"]);
        assert_eq!(out.len(), src.len());
        let a = crate::load::load_str("a.yaml", &src, &Limits::default())
            .assessment
            .unwrap();
        let root = serde_json::to_value(&a).unwrap();
        let goes: Vec<String> = dependants(&of(&a), &root, "/files/0")
            .into_iter()
            .map(|m| m.ja)
            .collect();
        assert_eq!(goes.len(), 3, "{goes:?}");
        assert!(
            goes[0].starts_with("委託事項 2 件（委託事項1｜"),
            "{goes:?}"
        );
        assert!(goes[1].starts_with("提供先・移転先 1 件"), "{goes:?}");
        assert!(
            goes[2].starts_with("リスク対策「(1) 国保賦課ファイル"),
            "{goes:?}"
        );
        assert!(dependants(&of(&a), &root, "/systems/0").is_empty());
    }

    #[test]
    fn a_fresh_id_is_one_no_entry_has() {
        let root = json!({"systems": [{"id": "system-1"}, {"id": "system-3"}],
                          "files": [{"id": "x", "delegations": [{"id": "system-2"}]}]});
        assert_eq!(fresh_id("system-1", &root, 2), "system-4");
        assert_eq!(fresh_id("delegation-1", &root, 0), "delegation-1");
        assert_eq!(fresh_id("", &root, 0), "entry-1");
    }
}
