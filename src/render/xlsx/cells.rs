//! A form's cells on the sheet grid: where each lands, what its text reads, and how many lines
//! it needs (for the row heights `paper` turns them into).

use super::paper::{line_count, GRID};
use crate::render::tree::{Cell, Content, Row, Shade, GROUP_MARK};

/// The last grid column of a choice's answer; its <選択肢> list takes the rest.
pub(super) fn choice_split(c0: u16, c1: u16) -> u16 {
    c0 + (c1 - c0).div_ceil(2) - 1
}

/// What stands between two tick boxes on a line: a full-width space, as the form has.
const TICK_GAP: &str = "　";

/// Lines a cell needs at its width, at `size` pt.
pub(super) fn cell_lines(cell: &Cell, c0: u16, c1: u16, size: f64) -> usize {
    match &cell.content {
        Content::Ticks(items) => tick_lines(items, c1 - c0 + 1, size),
        Content::TickGroups(groups) => groups
            .iter()
            .map(|(caption, items)| {
                line_count(&format!("{GROUP_MARK}{caption}"), c1 - c0 + 1, size)
                    + tick_lines(items, c1 - c0 + 1, size)
            })
            .sum(),
        Content::Choice {
            selected,
            options,
            note,
        } if c1 > c0 + 1 => {
            let split = choice_split(c0, c1);
            let answer = answer_text(selected.as_deref(), note.as_deref());
            line_count(&choice_list(options), c1 - split, size).max(line_count(
                &answer,
                split - c0 + 1,
                size,
            ))
        }
        content => line_count(&cell_text(content), c1 - c0 + 1, size),
    }
}

/// Lines a row of tick boxes needs: as many boxes on a line as fit whole, a box too long for
/// a line on lines of its own (a reader that wraps inside a box's label needs no more).
fn tick_lines(items: &[(bool, String)], columns: u16, size: f64) -> usize {
    let mut lines = 0;
    let mut line = String::new();
    for (_, label) in items {
        let item = format!("[○]{label}");
        let joined = if line.is_empty() {
            item.clone()
        } else {
            format!("{line}{TICK_GAP}{item}")
        };
        if line.is_empty() || line_count(&joined, columns, size) == 1 {
            line = joined;
        } else {
            lines += line_count(&line, columns, size);
            line = item;
        }
    }
    lines + usize::from(!line.is_empty()) * line_count(&line, columns, size).max(1)
}

/// A row that heads what follows it (a numbered heading across the table): never the last
/// row of a page.
pub(super) fn is_heading(row: &Row) -> bool {
    row.heads || matches!(row.cells.as_slice(), [c] if c.shade == Shade::Group)
}

/// How a cell's content reads in a sheet cell.
pub fn cell_text(content: &Content) -> String {
    match content {
        Content::Text(t) => t.clone(),
        Content::Choice {
            selected,
            options,
            note,
        } => format!(
            "{}\n{}",
            answer_text(selected.as_deref(), note.as_deref()),
            choice_list(options)
        ),
        // Along the line, as the form sets its boxes, wrapping where the cell ends.
        Content::Ticks(items) => items
            .iter()
            .map(|(on, label)| format!("[{}]{label}", if *on { "○" } else { "　" }))
            .collect::<Vec<_>>()
            .join(TICK_GAP),
        Content::TickGroups(groups) => groups
            .iter()
            .map(|(caption, items)| {
                format!(
                    "{GROUP_MARK}{caption}\n{}",
                    cell_text(&Content::Ticks(items.clone()))
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A choice's answer cell: `[ 委託する ]`, and the words the form prints with it on the next line
/// (`（ 3 ）件`), which `hyoka import` reads apart.
pub(super) fn answer_text(selected: Option<&str>, note: Option<&str>) -> String {
    let answer = format!("[ {} ]", selected.unwrap_or("　"));
    match note {
        Some(n) => format!("{answer}\n{n}"),
        None => answer,
    }
}

pub(super) fn choice_list(options: &[String]) -> String {
    let mut s = crate::model::wording::get().choice_list.clone();
    for (i, o) in options.iter().enumerate() {
        s.push_str(&format!("\n{}) {o}", i + 1));
    }
    s
}

/// Grid column boundaries of a table: its cumulative widths rounded onto the grid, each
/// column at least one grid column wide.
pub(super) fn grid_edges(widths: &[f32]) -> Vec<u16> {
    let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
    let n = widths.len() as u16;
    let mut edges = vec![0u16];
    let mut acc = 0.0f32;
    for (i, w) in widths.iter().enumerate() {
        acc += w / total;
        let left = (i as u16 + 1).min(GRID);
        let room = GRID - (n - i as u16 - 1);
        let edge = ((acc * f32::from(GRID)).round() as u16)
            .max(edges[i] + 1)
            .max(left)
            .min(room);
        edges.push(edge);
    }
    edges
}

/// The grid columns of each cell of a row.
pub(super) fn place(row: &Row, edges: &[u16]) -> Vec<(u16, u16)> {
    let mut col = 0usize;
    row.cells
        .iter()
        .map(|c| {
            let start = edges[col.min(edges.len() - 1)];
            col = (col + c.span.max(1)).min(edges.len() - 1);
            let end = edges[col].max(start + 1);
            (start, end - 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_widths_round_onto_the_grid() {
        assert_eq!(grid_edges(&[0.16, 0.26, 0.58]), vec![0, 2, 5, 12]);
        assert_eq!(grid_edges(&[1.0]), vec![0, 12]);
        let history = grid_edges(&[0.13, 0.18, 0.235, 0.235, 0.09, 0.13]);
        assert_eq!(history.len(), 7);
        assert!(history.windows(2).all(|w| w[1] > w[0]), "{history:?}");
        assert_eq!(*history.last().unwrap(), GRID);
    }

    #[test]
    fn ticks_and_choices_read_as_the_form_prints_them() {
        let ticks = Content::Ticks(vec![(true, "自己点検".into()), (false, "内部監査".into())]);
        assert_eq!(cell_text(&ticks), "[○]自己点検　[　]内部監査");
        let choice = Content::Choice {
            note: None,
            selected: Some("十分である".into()),
            options: vec!["十分である".into(), "課題が残されている".into()],
        };
        assert!(cell_text(&choice).starts_with("[ 十分である ]\n＜選択肢＞\n1) 十分である"));
    }
}
