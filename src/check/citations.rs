//! 番号法 citations in free text: `番号法第９条第１項、別表第一　30項`, `第19条第7号`,
//! `別表第二 1,2,3,…,120の項`. Parsed where they have their regular shape, so that item numbers
//! can be checked (and, later, tables such as 別紙2 提供先一覧 generated).

use std::sync::OnceLock;

use regex::Regex;

use crate::model::Date;
use crate::text::fold_width;
use crate::yaml::{self, NodeKind};

/// A list of item numbers cited from one annexed table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemList {
    /// The table the list belongs to (`別表第二`), from the nearest mention before it.
    pub table: Option<String>,
    /// Item numbers; `None` for a token that is not a well-formed number.
    pub items: Vec<Result<u32, String>>,
    /// Byte offset of the list in the (width-folded) text.
    pub offset: usize,
}

/// Everything cited in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citations {
    pub lists: Vec<ItemList>,
    /// Provision names mentioned (`別表第一`, `別表第二`, `別表`, `第19条第7号`).
    pub provisions: Vec<String>,
}

struct Law {
    tables: Vec<(String, Option<u32>)>,
    superseded: Vec<String>,
    cutover: Date,
}

fn law() -> &'static Law {
    static LAW: OnceLock<Law> = OnceLock::new();
    LAW.get_or_init(|| {
        let root = yaml::parse(
            crate::templates::expect("law.yaml"),
            &yaml::Limits::default(),
        )
        .expect("templates/law.yaml parses");
        let tables = match root.child("tables").map(|n| &n.kind) {
            Some(NodeKind::Map(entries)) => entries
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().unwrap_or_default().to_string(),
                        v.as_str().and_then(|s| s.parse().ok()),
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        let superseded = match root.child("superseded").map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items
                .iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let cutover = root
            .child("amendment_cutover")
            .and_then(|n| n.as_str())
            .and_then(|s| Date::parse(s).ok())
            .expect("law.yaml has amendment_cutover");
        Law {
            tables,
            superseded,
            cutover,
        }
    })
}

pub fn default_cutover() -> Date {
    law().cutover.clone()
}

/// The highest item number of a table, where known.
pub fn table_max(table: &str) -> Option<u32> {
    law()
        .tables
        .iter()
        .find(|(t, _)| t == table)
        .and_then(|(_, m)| *m)
}

pub fn superseded() -> &'static [String] {
    &law().superseded
}

fn regexes() -> &'static (Regex, Regex, Regex) {
    static RE: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        (
            // A table name: 別表第一 / 別表第二 / 別表第1 / bare 別表 (after the amendment).
            Regex::new(r"別表(第[一二12])?").unwrap(),
            // A list of item numbers, either followed by 項 / の項 (`1,2,3の項`, `30項`), or
            // standing alone on its line (`・1,2,3`). Tokens are checked afterwards, so that
            // malformed ones (empty, `06`) are reported rather than skipped.
            Regex::new(r"(?m)(?:^|[^0-9第条号])((?:[0-9A-Za-z]*[ ]*[,、][ ]*)+[0-9A-Za-z]*|[0-9]+)[ ]*(?:の項|項)|^[ \t・]*((?:[0-9]*[ ]*[,、][ ]*)+[0-9]*)[ \t]*$").unwrap(),
            Regex::new(r"第[ ]*19[ ]*条[ ]*第?[ ]*([0-9]+)[ ]*号").unwrap(),
        )
    })
}

fn table_name(m: &str) -> String {
    match m {
        "別表第一" | "別表第1" => "別表第一".into(),
        "別表第二" | "別表第2" => "別表第二".into(),
        _ => "別表".into(),
    }
}

/// Parses the citations in `text` (full-width digits allowed).
pub fn parse(text: &str) -> Citations {
    let folded = fold_width(text);
    let (table_re, list_re, art19_re) = regexes();
    let mut out = Citations::default();
    let tables: Vec<(usize, String)> = table_re
        .find_iter(&folded)
        .map(|m| (m.start(), table_name(m.as_str())))
        .collect();
    for (_, t) in &tables {
        if !out.provisions.contains(t) {
            out.provisions.push(t.clone());
        }
    }
    for c in art19_re.captures_iter(&folded) {
        let p = format!("第19条第{}号", &c[1]);
        if !out.provisions.contains(&p) {
            out.provisions.push(p);
        }
    }
    for c in list_re.captures_iter(&folded) {
        let Some(m) = c.get(1).or_else(|| c.get(2)) else {
            continue;
        };
        let table = tables
            .iter()
            .rev()
            .find(|(at, _)| *at < m.start())
            .map(|(_, t)| t.clone());
        let items = m
            .as_str()
            .split([',', '、'])
            .map(|tok| {
                let t = tok.trim();
                if !t.is_empty()
                    && t.chars().all(|c| c.is_ascii_digit())
                    && !(t.len() > 1 && t.starts_with('0'))
                {
                    t.parse::<u32>().map_err(|_| t.to_string())
                } else {
                    Err(t.to_string())
                }
            })
            .collect();
        out.lists.push(ItemList {
            table,
            items,
            offset: m.start(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_seed_002_citations() {
        let c = parse("番号法第１９条第７号（特定個人情報の提供の制限）及び別表第二\n （別表第二における情報提供の根拠）\n 1,2,3,4,5,9,12,15,17,22,26,27,30,33,39,42,58,62,78,80,87,93,97,106,109,120の項\n （別表第二における情報照会の根拠）\n 42,43,44,45の項\n");
        assert_eq!(c.lists.len(), 2);
        assert_eq!(c.lists[0].table.as_deref(), Some("別表第二"));
        assert_eq!(c.lists[0].items.len(), 26);
        assert_eq!(c.lists[0].items.last(), Some(&Ok(120)));
        assert_eq!(c.lists[1].items, vec![Ok(42), Ok(43), Ok(44), Ok(45)]);
        assert!(c.provisions.contains(&"第19条第7号".to_string()));
        assert!(c.provisions.contains(&"別表第二".to_string()));
    }

    #[test]
    fn single_items_and_bullets() {
        let c = parse("番号法第９条第１項、別表第一　30項");
        assert_eq!(c.lists[0].items, vec![Ok(30)]);
        assert_eq!(c.lists[0].table.as_deref(), Some("別表第一"));
        let c = parse("(別表第二における情報提供の根拠)\n・1,2,3,120\n(別表第二における情報照会の根拠)\n・42,43,44,45\n");
        assert_eq!(c.lists.len(), 2);
        assert_eq!(c.lists[1].items.len(), 4);
    }

    #[test]
    fn malformed_lists_keep_their_bad_tokens() {
        // Seed 002's old text breaks a number across lines: `93,1` / `06項`.
        let c = parse("別表第二\n【情報提供】\n1,2,3,,93,1\n06項");
        let bad: Vec<_> = c
            .lists
            .iter()
            .flat_map(|l| l.items.iter().filter_map(|i| i.clone().err()))
            .collect();
        assert!(bad.contains(&String::new()), "{c:?}");
        assert!(bad.contains(&"06".to_string()), "{c:?}");
    }
}
