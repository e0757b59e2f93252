//! The official form's cell grid read as the form prints it, before the matcher walks it.
//!
//! The regulator's workbooks put each printed piece in a cell of its own (seed 002's text shows
//! them as separate runs): an answer between bracket cells, `[` | 十分である | `]`; a tick box
//! as `［` | `○` | `］　自己点検`, several along a row; a label wrapped into two stacked cells.
//! Here those pieces become what a cell of hyoka's own workbook holds — the answer alone, the
//! boxes of a row as one `［○］自己点検　［ ］内部監査` — so that one matcher reads both. The
//! brackets are the form's wording: never a value, never reported.
//!
//! A long value cut into stacked cells beside one label merged down over them (as `hyoka render
//! --format xlsx` cuts a text longer than a page, and as towns cut one by hand) is one value.
//!
//! Sheets that are not the form (a hidden `リスト` sheet holding the drop-downs' lists, a sheet
//! of notes) are set aside whole: nothing on them may become a value.

use std::collections::HashSet;

use super::normalize;
use super::workbook::{WCell, Workbook};

const OPEN: [char; 2] = ['[', '［'];
const CLOSE: [char; 2] = [']', '］'];

/// What the preparation set aside: the sheets that are not the form, by name.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub sheets: Vec<String>,
}

/// Prepares `book` for the matcher: sheets that are not the form left out, bracket cells
/// joined, stacked label cells joined. `labels` are the form's labels, normalised.
pub fn prepare(book: &mut Workbook, labels: &HashSet<String>) -> SetAside {
    let aside = set_aside_sheets(book, labels);
    let mut cells = std::mem::take(&mut book.cells);
    cells = join_brackets(cells);
    cells = join_box_runs(cells);
    cells = join_stacked_labels(cells, labels);
    cells = join_split_values(cells, labels);
    book.cells = cells;
    aside
}

/// Hidden sheets, and sheets without one label of the form: their cells are dropped.
fn set_aside_sheets(book: &mut Workbook, labels: &HashSet<String>) -> SetAside {
    let mut holds_form = vec![false; book.sheets.len()];
    for c in &book.cells {
        if !holds_form[c.sheet] && labels.contains(&normalize::label(&c.text)) {
            holds_form[c.sheet] = true;
        }
    }
    let hidden = |s: usize| book.hidden.get(s).copied().unwrap_or(false);
    let aside: Vec<usize> = (0..book.sheets.len())
        .filter(|&s| hidden(s) || !holds_form[s])
        .filter(|&s| book.cells.iter().any(|c| c.sheet == s))
        .collect();
    book.cells.retain(|c| !aside.contains(&c.sheet));
    SetAside {
        sheets: aside.iter().map(|&s| book.sheets[s].clone()).collect(),
    }
}

fn is_open(text: &str) -> bool {
    let t = text.trim_matches([' ', '　']);
    t.chars().count() == 1 && t.starts_with(OPEN)
}

/// The text before and after a cell's first closing bracket.
fn split_close(text: &str) -> Option<(&str, &str)> {
    let at = text.find(CLOSE)?;
    let close_len = text[at..].chars().next().map_or(1, char::len_utf8);
    Some((&text[..at], &text[at + close_len..]))
}

fn same_row(a: &WCell, b: &WCell) -> bool {
    a.sheet == b.sheet && a.row == b.row
}

/// `[` | answer | `]` → the answer, spanning the three; `［` | `○` | `］caption` → one box
/// `［○］caption`. A cell that is `[ answer ]` by itself becomes the answer.
fn join_brackets(cells: Vec<WCell>) -> Vec<WCell> {
    let mut out: Vec<WCell> = Vec::with_capacity(cells.len());
    let mut i = 0;
    while i < cells.len() {
        let open = &cells[i];
        if !is_open(&open.text) {
            out.push(whole_bracketed(cells[i].clone()));
            i += 1;
            continue;
        }
        // The answer and the closing bracket: in the next cell (`十分である ]`, `］委託しない`
        // after an empty box), or in the next two.
        let next = cells.get(i + 1).filter(|c| same_row(open, c));
        let after = cells.get(i + 2).filter(|c| same_row(open, c));
        let found = match (next, after) {
            (Some(n), _) if split_close(&n.text).is_some() => {
                let (inner, rest) = split_close(&n.text).expect("checked");
                Some((inner.to_string(), rest.to_string(), i + 1, 2))
            }
            (Some(n), Some(a))
                if split_close(&a.text).is_some_and(|(before, _)| before.trim().is_empty())
                    && !is_open(&n.text) =>
            {
                let (_, rest) = split_close(&a.text).expect("checked");
                Some((n.text.clone(), rest.to_string(), i + 2, 3))
            }
            _ => None,
        };
        let Some((inner, rest, last, taken)) = found else {
            out.push(cells[i].clone());
            i += 1;
            continue;
        };
        // The cell the answer was typed in: the one between the brackets.
        let typed_in = &cells[i + 1];
        let mut joined = WCell {
            end_row: cells[i..i + taken]
                .iter()
                .map(|c| c.end_row)
                .max()
                .unwrap_or(open.end_row),
            end_col: cells[last].end_col,
            origin: Some((typed_in.row, typed_in.col)),
            ..open.clone()
        };
        let (inner, rest) = (
            inner.trim_matches([' ', '　']),
            rest.trim_start_matches([' ', '　']),
        );
        if rest.trim().is_empty() {
            if inner.is_empty() {
                // An empty answer: nothing to read, nothing to report.
                i += taken;
                continue;
            }
            joined.text = inner.to_string();
        } else {
            let mark = if inner.is_empty() { "　" } else { inner };
            joined.text = format!("［{mark}］{rest}");
            joined.origin = Some((open.row, open.col));
        }
        joined.error = cells[i..i + taken].iter().any(|c| c.error);
        out.push(joined);
        i += taken;
    }
    out
}

/// A cell holding `[ answer ]` and nothing else: the answer.
fn whole_bracketed(mut cell: WCell) -> WCell {
    let t = cell.text.trim_matches([' ', '　']);
    if t.starts_with(OPEN) && !t.contains('\n') {
        if let Some((inner, rest)) = split_close(&t[t.chars().next().map_or(1, char::len_utf8)..]) {
            let inner = inner.trim_matches([' ', '　']);
            if rest.trim().is_empty() && !inner.is_empty() && !inner.contains(OPEN) {
                cell.text = inner.to_string();
            }
        }
    }
    cell
}

/// A cell holding one tick box and its caption: `［○］自己点検`, `［ ］委託しない`, or a box
/// mark before the caption (`■自己点検`, `□内部監査`).
pub fn is_box(text: &str) -> bool {
    let t = text.trim();
    let marked = t
        .strip_prefix(['■', '□', '☑', '☐', '☒'])
        .is_some_and(|rest| !rest.trim().is_empty());
    marked
        || (t.starts_with(OPEN) && split_close(t).is_some_and(|(_, rest)| !rest.trim().is_empty()))
}

/// The boxes along one row, each a cell of its own, as one cell: the matcher reads a row's
/// boxes from the cell after its label.
fn join_box_runs(cells: Vec<WCell>) -> Vec<WCell> {
    let mut out: Vec<WCell> = Vec::with_capacity(cells.len());
    for c in cells {
        if let Some(prev) = out.last_mut() {
            if same_row(prev, &c) && is_box(&prev.text) && is_box(&c.text) {
                prev.text = format!("{}　{}", prev.text.trim_end(), c.text);
                prev.end_col = c.end_col;
                prev.end_row = prev.end_row.max(c.end_row);
                prev.error |= c.error;
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A label the form wraps into two stacked cells (`過去１年以内に、評価実施機関において特定個人`
/// over `情報に関する重大事故が発生したか`): one cell spanning both rows.
fn join_stacked_labels(cells: Vec<WCell>, labels: &HashSet<String>) -> Vec<WCell> {
    let prefixes: HashSet<String> = labels
        .iter()
        .flat_map(|l| {
            l.char_indices()
                .skip(4)
                .map(move |(at, _)| l[..at].to_string())
        })
        .collect();
    let norm: Vec<String> = cells.iter().map(|c| normalize::label(&c.text)).collect();
    let mut gone = vec![false; cells.len()];
    let mut out = cells.clone();
    for i in 0..cells.len() {
        if gone[i] || labels.contains(&norm[i]) || !prefixes.contains(&norm[i]) {
            continue;
        }
        let top = &cells[i];
        // The cell directly below, from the same column, within the next few cells.
        let below = (i + 1..cells.len())
            .take_while(|&k| cells[k].sheet == top.sheet && cells[k].row <= top.end_row + 1)
            .find(|&k| cells[k].row == top.end_row + 1 && cells[k].col == top.col);
        if let Some(k) = below {
            if labels.contains(&format!("{}{}", norm[i], norm[k])) {
                out[i].text = format!("{}\n{}", top.text.trim_end(), cells[k].text.trim_start());
                out[i].end_row = cells[k].end_row;
                out[i].end_col = out[i].end_col.max(cells[k].end_col);
                gone[k] = true;
            }
        }
    }
    out.into_iter()
        .zip(gone)
        .filter_map(|(c, g)| (!g).then_some(c))
        .collect()
}

/// A value cut into cells stacked beside one label merged down over all of them (事務の概要 over
/// two pages): one cell, its parts joined by line breaks. Only under a label of the form, and
/// never joining labels (再委託 merged beside ⑦, ⑧ and ⑨ keeps them apart).
fn join_split_values(cells: Vec<WCell>, labels: &HashSet<String>) -> Vec<WCell> {
    let is_label = |c: &WCell| labels.contains(&normalize::label(&c.text));
    let mut gone = vec![false; cells.len()];
    let mut out = cells.clone();
    for i in 0..cells.len() {
        if gone[i] || is_label(&cells[i]) || cells[i].error {
            continue;
        }
        let v = &cells[i];
        // The label just left of the value, merged further down than the value reaches.
        let Some(label) = cells[..i].iter().rev().find(|l| {
            l.sheet == v.sheet && l.end_col + 1 == v.col && l.row <= v.row && l.end_row >= v.row
        }) else {
            continue;
        };
        if label.end_row <= v.end_row || !is_label(label) {
            continue;
        }
        let mut end_row = v.end_row;
        for k in i + 1..cells.len() {
            let c = &cells[k];
            if c.sheet != v.sheet || c.row > label.end_row || c.row > end_row + 1 {
                break;
            }
            let continues = c.row == end_row + 1 && c.col == v.col && c.end_col == v.end_col;
            if !continues || gone[k] || c.error || is_label(c) {
                continue;
            }
            out[i].text = format!("{}\n{}", out[i].text, c.text);
            out[i].end_row = c.end_row;
            end_row = c.end_row;
            gone[k] = true;
        }
    }
    out.into_iter()
        .zip(gone)
        .filter_map(|(c, g)| (!g).then_some(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: u32, col: u32, text: &str) -> WCell {
        WCell::new(0, row, col, text.into(), false)
    }

    fn texts(cells: &[WCell]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn an_answer_between_bracket_cells_is_the_answer() {
        let cells = join_brackets(vec![
            cell(0, 0, "①実施の有無"),
            cell(0, 2, "["),
            cell(0, 3, "実施する"),
            cell(0, 5, "]"),
            cell(0, 6, "＜選択肢＞"),
        ]);
        assert_eq!(texts(&cells), ["①実施の有無", "実施する", "＜選択肢＞"]);
        assert_eq!((cells[1].col, cells[1].end_col), (2, 5));
        assert_eq!(cells[1].origin, Some((0, 3)));
        let cells = join_brackets(vec![cell(0, 0, "［"), cell(0, 1, "十分である ］")]);
        assert_eq!(texts(&cells), ["十分である"]);
        assert_eq!(
            texts(&join_brackets(vec![cell(0, 0, "[ 発生なし ]")])),
            ["発生なし"]
        );
        // An empty answer leaves nothing behind; a value with brackets in it stays whole.
        assert!(join_brackets(vec![cell(0, 0, "["), cell(0, 4, "]")]).is_empty());
        assert_eq!(
            texts(&join_brackets(vec![cell(0, 0, "[仮称]支援システム")])),
            ["[仮称]支援システム"]
        );
    }

    #[test]
    fn boxes_across_cells_become_one_row_of_boxes() {
        let cells = join_box_runs(join_brackets(vec![
            cell(0, 0, "実施の有無"),
            cell(0, 2, "["),
            cell(0, 3, "○"),
            cell(0, 4, "］　自己点検"),
            cell(0, 8, "["),
            cell(0, 10, "］　内部監査"),
            cell(1, 0, "［"),
            cell(1, 2, "］提供・移転しない"),
        ]));
        assert_eq!(
            texts(&cells),
            [
                "実施の有無",
                "［○］自己点検　［　］内部監査",
                "［　］提供・移転しない"
            ]
        );
        assert_eq!((cells[1].col, cells[1].end_col), (2, 10));
    }

    #[test]
    fn a_value_cut_into_cells_beside_one_merged_label_is_one_value() {
        let labels: HashSet<String> = [
            "②事務の概要",
            "再委託",
            "⑦再委託の有無",
            "⑧再委託の許諾方法",
        ]
        .iter()
        .map(|l| normalize::label(l))
        .collect();
        let mut summary = cell(3, 0, "②事務の概要");
        (summary.end_row, summary.end_col) = (5, 1);
        let mut group = cell(8, 0, "再委託");
        (group.end_row, group.end_col) = (9, 1);
        let cells = join_split_values(
            vec![
                cell(2, 2, "前の値"),
                summary,
                cell(3, 2, "一段目"),
                cell(4, 2, "二段目"),
                cell(5, 2, "三段目"),
                cell(6, 2, "次の値"),
                group,
                cell(8, 2, "⑦再委託の有無"),
                cell(8, 4, "再委託する"),
                cell(9, 2, "⑧再委託の許諾方法"),
                cell(9, 4, "書面による"),
            ],
            &labels,
        );
        assert_eq!(
            texts(&cells),
            [
                "前の値",
                "②事務の概要",
                "一段目\n二段目\n三段目",
                "次の値",
                "再委託",
                "⑦再委託の有無",
                "再委託する",
                "⑧再委託の許諾方法",
                "書面による"
            ]
        );
        assert_eq!((cells[2].row, cells[2].end_row), (3, 5));
    }

    #[test]
    fn a_label_wrapped_into_two_stacked_cells_is_one_label() {
        let labels: HashSet<String> = [normalize::label(
            "過去１年以内に、評価実施機関において特定個人情報に関する重大事故が発生したか",
        )]
        .into_iter()
        .collect();
        let cells = join_stacked_labels(
            vec![
                cell(3, 1, "過去１年以内に、評価実施機関において特定個人"),
                cell(3, 11, "発生なし"),
                cell(4, 1, "情報に関する重大事故が発生したか"),
                cell(4, 11, "1) 発生あり"),
            ],
            &labels,
        );
        assert_eq!(cells.len(), 3);
        assert_eq!(cells[0].end_row, 4);
        assert!(labels.contains(&normalize::label(&cells[0].text)));
    }
}
