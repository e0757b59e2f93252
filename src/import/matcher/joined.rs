//! A group the form prints as one value cell (`render: joined`): 様式2's ③システムの名称 (the
//! systems' names, then the ＊ note) and the file names of Ⅰ. Each line of the cell is an entry
//! of the group's repeated block, until a line that starts a note (＊, ※), which is the
//! group's own item after the block.

use serde_json::Value;

use super::{first_leaf, set, Matcher};
use crate::model::form::FormNode;
use crate::model::path::join;

/// Marks that start the form's note after a list (`＊国保総合システムおよび…`).
const NOTE_MARKS: [char; 3] = ['＊', '※', '*'];

impl Matcher<'_> {
    /// Reads the group from its one cell; false when the workbook does not hold it that way
    /// (then its items are read one by one, as any group's).
    pub(super) fn joined(&mut self, node: &FormNode, prefix: &str, limit: usize) -> bool {
        let Some((first, last)) = self.find_label(&node.label, self.cursor, limit) else {
            return false;
        };
        let Some(cell) = self.value_of(first, last, limit) else {
            return false;
        };
        // A workbook that gives each entry a row of its own (`(1) 国保賦課ファイル`, then its
        // name) is read entry by entry, as any repeated block.
        let one_heading = !self.same_row(last, cell)
            && !self.cells[cell].text.trim().contains('\n')
            && self.starts_row(cell)
            && self.headings.iter().any(|re| re.is_match(&self.norm[cell]));
        if one_heading {
            return false;
        }
        self.used[first..=last].iter_mut().for_each(|u| *u = true);
        self.used[cell] = true;
        self.cursor = last + 1;
        let text = self.cells[cell].text.clone();
        let mut lines = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .peekable();
        let mut rest: Vec<&str> = Vec::new();
        for child in &node.children {
            if let Some(list) = &child.repeat {
                let Some(field) = first_leaf(&child.children).and_then(|l| l.path.as_deref())
                else {
                    continue;
                };
                let numbered = child.heading.as_deref().is_some_and(|h| h.contains("{n}"));
                let mut i = 0;
                while let Some(line) = lines.next_if(|l| !l.starts_with(NOTE_MARKS)) {
                    let name = if numbered { entry_name(line) } else { line };
                    let path = join(&format!("{}/{i}", join(prefix, list)), field);
                    set(&mut self.model, &path, Value::String(name.to_string()));
                    self.origin.insert(path, cell);
                    self.placed += 1;
                    i += 1;
                }
            } else if let Some(field) = &child.path {
                rest.extend(lines.by_ref());
                if !rest.is_empty() {
                    let path = join(prefix, field);
                    set(&mut self.model, &path, Value::String(rest.join("\n")));
                    self.origin.insert(path, cell);
                    self.placed += 1;
                    rest.clear();
                }
            }
        }
        true
    }
}

/// The name of a numbered entry's line as the workbook writes it: `(1) 国保賦課ファイル` →
/// `国保賦課ファイル` (labels are compared normalised, with `normalize::without_number`; a name
/// is a value and keeps its own characters).
fn entry_name(line: &str) -> &str {
    let folded = crate::text::fold_width(line);
    if folded.starts_with('(') {
        if let Some((_, name)) = line.split_once([')', '）']) {
            return name.trim();
        }
    }
    line
}
