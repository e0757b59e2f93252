//! The words of tick boxes and of what the form prints around a value, as a workbook writes
//! them in one cell: boxes along one line, the words of an その他 box inside its brackets, a
//! count inside a box's label, captions before the boxes, a suffix after a date.

use super::super::{normalize, value};
use crate::model::form::FormNode;

/// A value without the words the form prints after it: `令和2年8月4日 時点` → `令和2年8月4日`.
pub(super) fn without_suffix<'t>(text: &'t str, suffix: Option<&str>) -> &'t str {
    match suffix {
        Some(s) => text.trim_end().strip_suffix(s).map_or(text, str::trim_end),
        None => text,
    }
}

/// Whether a box's label is the item's (`委託しない`), or, for a count's label with its
/// brackets (`提供を行っている（ ）件`), the same words around a number: `Some(None)` for a
/// plain match, `Some(Some(n))` with the number written (blank when none is).
pub(super) fn box_count(item_label: &str, written: &str) -> Option<Option<String>> {
    let (item, written) = (normalize::label(item_label), normalize::label(written));
    let blank = normalize::label("（ ）");
    let Some((before, after)) = item.split_once(&blank) else {
        return (item == written).then_some(None);
    };
    let inner = written.strip_prefix(before)?.strip_suffix(after)?;
    let inner = inner
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    let digits = crate::text::fold_width(inner);
    (digits.is_empty() || digits.chars().all(|c| c.is_ascii_digit())).then_some(Some(digits))
}

/// A tick list without the captions the form groups its boxes under (`・識別情報`).
pub(super) fn without_captions(text: &str, node: &FormNode) -> String {
    if node.option_groups.is_empty() {
        return text.to_string();
    }
    let captions: Vec<String> = node
        .option_groups
        .iter()
        .map(|g| normalize::label(&g.label))
        .collect();
    text.lines()
        .filter(|l| {
            let n = normalize::label(l);
            let n = n.trim_start_matches(['・', '･', '-', '*', '•']);
            !captions.iter().any(|c| c == n)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A tick list whose その他 box carries its words (`［○］その他（中間サーバー）`): the list
/// with the box as `その他`, and the words, if there are any.
pub(super) fn other_words(text: &str) -> (String, Option<String>) {
    let other = crate::model::choice::label("system_connection", "other");
    let mut words = None;
    let lines: Vec<String> = box_per_line(text)
        .lines()
        .map(|line| {
            let Some((_, label)) = value::tick_line(line) else {
                return line.to_string();
            };
            let inner = label
                .strip_prefix(other)
                .and_then(|r| r.trim().strip_prefix(['（', '(']))
                .and_then(|r| r.strip_suffix(['）', ')']));
            match inner {
                Some(w) => {
                    let w = w.trim_matches([' ', '　']);
                    if !w.is_empty() {
                        words = Some(w.to_string());
                    }
                    // The box before the label: `label` is a slice of `line`.
                    let at = label.as_ptr() as usize - line.as_ptr() as usize;
                    line[..at].to_string() + other
                }
                None => line.to_string(),
            }
        })
        .collect();
    (lines.join("\n"), words)
}

/// A cell of tick boxes: `［○］自己点検`, `［ ］提供・移転しない`.
pub(super) fn is_box_cell(text: &str) -> bool {
    super::super::grid::is_box(text)
}

pub(super) use super::super::value::box_per_line;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_an_other_box_are_read_from_inside_it() {
        let (boxes, words) =
            other_words("［ ］税務システム\n［○］その他（金融機関（全銀協フォーマット））");
        assert_eq!(boxes, "［ ］税務システム\n［○］その他");
        assert_eq!(words.as_deref(), Some("金融機関（全銀協フォーマット）"));
        let (boxes, words) = other_words("[　]紙 [　]その他（　）");
        assert_eq!(boxes, "[　]紙 \n[　]その他");
        assert_eq!(words, None);
    }

    #[test]
    fn a_count_is_read_from_its_boxs_brackets() {
        let item = "提供を行っている（ ）件";
        assert_eq!(
            box_count(item, "提供を行っている（1）件"),
            Some(Some("1".into()))
        );
        assert_eq!(
            box_count(item, "提供を行っている（１２）件"),
            Some(Some("12".into()))
        );
        assert_eq!(
            box_count(item, "提供を行っている（ ）件"),
            Some(Some(String::new()))
        );
        assert_eq!(box_count(item, "移転を行っている（1）件"), None);
        assert_eq!(box_count("委託しない", "委託しない"), Some(None));
    }

    #[test]
    fn boxes_along_one_line_are_read_one_to_a_line() {
        assert_eq!(
            box_per_line("［○］自己点検　［ ］内部監査 □外部監査"),
            "［○］自己点検　\n［ ］内部監査 \n□外部監査"
        );
        assert_eq!(box_per_line("[○]a\n[ ]b"), "[○]a\n[ ]b");
    }
}
