//! Repeated blocks: where each entry starts (its heading, or its first item's label), and what
//! a heading says when the entry's own items do not.

use serde_json::Value;

use super::{first_leaf, heading_regex, normalize, set, EntryStart, Matcher};
use crate::model::form::{FormNode, Print};
use crate::model::path::join;

impl Matcher<'_> {
    fn entry_start(node: &FormNode) -> Option<EntryStart> {
        if let Some(re) = node.heading.as_deref().and_then(heading_regex) {
            return Some(EntryStart::Heading(re));
        }
        first_leaf(&node.children).map(|l| EntryStart::FirstLabel(normalize::label(&l.label)))
    }

    /// Entries of a repeated block in `from..to`: (first cell, the number its heading gives).
    pub(super) fn entry_starts(
        &self,
        node: &FormNode,
        from: usize,
        to: usize,
    ) -> Vec<(usize, Option<usize>)> {
        let to = to.min(self.cells.len());
        match Self::entry_start(node) {
            // A heading starts its row; an item label is never one, though `①ファイルの種類`
            // reads like `(1) 国保賦課ファイル` once numbers are normalised, and neither is a
            // value that starts with `①`.
            Some(EntryStart::Heading(re)) => (from..to)
                .filter(|&i| {
                    !self.used[i] && self.starts_row(i) && !self.known.contains(&self.norm[i])
                })
                .fold(Vec::new(), |mut out, i| {
                    let Some(caps) = re.captures(&self.norm[i]) else {
                        return out;
                    };
                    let n = caps
                        .iter()
                        .skip(1)
                        .flatten()
                        .find_map(|m| m.as_str().parse::<usize>().ok());
                    // Numbered headings count up from 1: a value that happens to start with
                    // `①` below its label is not the next file.
                    if n.is_none_or(|n| n == out.len() + 1) {
                        out.push((i, n));
                    }
                    out
                }),
            Some(EntryStart::FirstLabel(label)) => {
                let mut out = Vec::new();
                let mut at = from;
                while let Some((i, last)) = self.find(&label, at, to) {
                    out.push((i, None));
                    at = last + 1;
                }
                out
            }
            None => Vec::new(),
        }
    }

    /// Reads the entries of a repeated block before `limit`; whether there were any.
    pub(super) fn repeat(&mut self, node: &FormNode, prefix: &str, limit: usize) -> bool {
        let Some(list) = &node.repeat else {
            return false;
        };
        let list_path = join(prefix, list);
        if node.render == Some(Print::Table) {
            self.table(node, prefix, limit);
            return true;
        }
        let starts = self.entry_starts(node, self.cursor, limit);
        let by_heading = matches!(Self::entry_start(node), Some(EntryStart::Heading(_)));
        let first_cursor = self.cursor;
        for (k, &(start, number)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(limit, |s| s.0);
            let index = number.filter(|n| *n >= 1).map_or(k, |n| n - 1);
            let entry_path = format!("{list_path}/{index}");
            self.cursor = start;
            if by_heading {
                self.used[start] = true;
                self.cursor = start + 1;
            }
            self.walk(&node.children, &entry_path, end, false);
            if by_heading {
                self.heading_fallbacks(node, start, &entry_path);
            } else {
                // A heading that is the entry's name (提供先): the row before its first item.
                let scan_from = if k == 0 {
                    first_cursor
                } else {
                    starts[k - 1].0
                };
                self.mark_heading(node, index, &entry_path, scan_from, end);
            }
            if k + 1 < starts.len() {
                self.cursor = self.cursor.max(end);
            }
        }
        !starts.is_empty()
    }

    fn mark_heading(
        &mut self,
        node: &FormNode,
        index: usize,
        entry_path: &str,
        from: usize,
        to: usize,
    ) {
        let entry = self
            .model
            .pointer(entry_path)
            .cloned()
            .unwrap_or(Value::Null);
        let heading = normalize::label(&node.heading_text(index + 1, &entry, &|id| id.to_string()));
        if heading.is_empty() {
            return;
        }
        for i in from..to.min(self.cells.len()) {
            if !self.used[i] && self.norm[i] == heading {
                self.used[i] = true;
            }
        }
    }

    /// What the heading itself says, where the entry's own items did not: the name in
    /// `(1) 国保賦課ファイル`, the value beside `委託事項2 | 保険料の賦課…`.
    fn heading_fallbacks(&mut self, node: &FormNode, heading: usize, entry_path: &str) {
        let Some(first) = first_leaf(&node.children) else {
            return;
        };
        let Some(field) = &first.path else { return };
        let path = join(entry_path, field);
        if self.origin.contains_key(&path) {
            return;
        }
        if let Some(v) = self.value_of(heading, heading, heading + 1) {
            self.assign(&path, v);
            return;
        }
        let template = node.heading.as_deref().unwrap_or_default();
        if template.contains("{name}") && field == "name" {
            // The heading as written, after its number: `(1) 国保賦課ファイル`.
            let text = self.cells[heading].text.trim();
            if let Some((_, name)) = text.split_once([')', '）']) {
                set(
                    &mut self.model,
                    &path,
                    Value::String(name.trim().to_string()),
                );
                self.origin.insert(path, heading);
                self.placed += 1;
            }
        }
    }
}
