//! 変更箇所: the change table, read by its columns' headers.

use std::collections::HashSet;

use super::{normalize, Matcher};
use crate::model::form::FormNode;
use crate::model::path::join;

impl Matcher<'_> {
    /// 変更箇所: a header row of the columns' labels, then one entry per row, each cell taken
    /// by the column whose header it sits under.
    pub(super) fn table(&mut self, node: &FormNode, prefix: &str, limit: usize) {
        let Some(list) = &node.repeat else {
            // A section holding the table: its one child is the table.
            if let Some(child) = node.children.iter().find(|c| c.repeat.is_some()) {
                self.table(child, prefix, limit);
            }
            return;
        };
        let list_path = join(prefix, list);
        let columns: Vec<(String, &str)> = node
            .children
            .iter()
            .filter_map(|c| Some((normalize::label(&c.label), c.path.as_deref()?)))
            .collect();
        let limit = limit.min(self.cells.len());
        let need = columns.len().div_ceil(2);
        // The header: the first row with at least half the columns' labels.
        let mut header: Option<Vec<(usize, usize)>> = None;
        let mut i = self.cursor;
        while i < limit {
            let mut j = i;
            let mut hits = Vec::new();
            while j < limit && self.same_row(i, j) {
                if let Some(col) = columns.iter().position(|(l, _)| *l == self.norm[j]) {
                    hits.push((col, j));
                }
                j += 1;
            }
            if hits.len() >= need {
                for (_, cell) in &hits {
                    self.used[*cell] = true;
                }
                header = Some(hits);
                self.cursor = j;
                break;
            }
            i = j;
        }
        let Some(header) = header else { return };
        let header_norms: HashSet<&str> = columns.iter().map(|(l, _)| l.as_str()).collect();
        let mut index = 0;
        let mut i = self.cursor;
        while i < limit {
            let mut j = i;
            let mut row: Vec<(usize, usize)> = Vec::new();
            while j < limit && self.same_row(i, j) {
                let c = &self.cells[j];
                if !self.used[j] {
                    if let Some((col, _)) = header.iter().find(|(_, h)| {
                        let h = &self.cells[*h];
                        c.col >= h.col && c.col <= h.end_col
                    }) {
                        row.push((*col, j));
                    }
                }
                j += 1;
            }
            // A header row repeated on a later page is not an entry.
            let repeated_header = row.len() >= need
                && row
                    .iter()
                    .all(|(_, cell)| header_norms.contains(self.norm[*cell].as_str()));
            if repeated_header {
                row.iter().for_each(|(_, cell)| self.used[*cell] = true);
            } else if !row.is_empty() {
                for (col, cell) in row {
                    let path = format!("{list_path}/{index}/{}", columns[col].1);
                    self.assign(&path, cell);
                }
                index += 1;
            }
            i = j;
        }
    }
}
