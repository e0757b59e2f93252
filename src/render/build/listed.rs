//! The lists the form prints entry by entry, noted for an editor as they are built
//! ([`Listed`]): where each is, what the form calls its entries, and what a new one leaves out.

use serde_json::Value;

use super::super::tree::Listed;
use super::cells::file_names;
use super::Builder;
use crate::model::form::{self, FormNode};
use crate::model::path::{get, join};
use crate::model::text::form_text;

/// The paths of `nodes` (inside one entry; nested lists aside) that the form asks only on an
/// answer: a node with `when`, and everything under it.
fn conditional_paths(nodes: &[FormNode], under_when: bool) -> Vec<String> {
    let mut out = Vec::new();
    for n in nodes.iter().filter(|n| n.repeat.is_none()) {
        let conditional = under_when || n.when.is_some();
        if let (true, Some(p)) = (conditional, &n.path) {
            out.push(p.replace('.', "/"));
        }
        out.extend(conditional_paths(&n.children, conditional));
    }
    out
}

impl Builder<'_> {
    /// Notes the list at `list_path`, printed by `node`'s entries, for an editor (once: 様式4
    /// prints the files in Ⅰ, Ⅱ and 別添2).
    pub(super) fn listed(&mut self, node: &FormNode, list_path: &str, entries: &[Value]) {
        if self.lists.iter().any(|l| l.path == list_path) {
            return;
        }
        let first = node.children.iter().find_map(|c| c.path.as_deref());
        let names = |id: &str| form::file_label(&[self.root], id);
        let titles = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let words = match first {
                    Some("files") => file_names(self.root, get(e, "files")).replace('\n', "　"),
                    Some(p) => form_text(&join(&format!("{list_path}/{i}"), p), get(e, p)),
                    None => String::new(),
                };
                match node.heading.as_deref() {
                    // 「(1) 国保賦課ファイル」 names the entry already.
                    Some(h) if h.replace("{n}", "").contains('{') => {
                        node.heading_text(node.entry_number(i, entries), e, &names)
                    }
                    Some(_) => format!(
                        "{}｜{words}",
                        node.heading_text(node.entry_number(i, entries), e, &names)
                    ),
                    None => words,
                }
            })
            .collect();
        // A list inside an entry of another (a file's 委託事項): that entry, as it is headed.
        let owner = list_path.rsplit_once('/').and_then(|(entry, _)| {
            let (parent, index) = entry.rsplit_once('/')?;
            let index: usize = index.parse().ok()?;
            let parent = self.lists.iter().find(|l| l.path == parent)?;
            parent.entries.get(index).cloned()
        });
        self.lists.push(Listed {
            path: list_path.to_string(),
            label: node.label.clone(),
            owner,
            entries: titles,
            kinds: node.heading_kinds(),
            conditional: conditional_paths(&node.children, false),
        });
    }
}
