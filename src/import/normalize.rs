//! Label text as the importer compares it. Workbooks drift from the form: full- or half-width
//! digits, `①` or `(1)`, a label broken over lines, spaces, a ※ moved or dropped. Two labels
//! are the same when they normalise the same.

use crate::text::fold_width;

/// Width folded, whitespace and ※ removed, circled and bracketed numbers as `(n)`.
pub fn label(s: &str) -> String {
    let folded = fold_width(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            c if c.is_whitespace() => {}
            '※' => {}
            '①'..='⑳' => {
                let n = c as u32 - '①' as u32 + 1;
                out.push_str(&format!("({n})"));
            }
            '〔' | '｛' => out.push('('),
            '〕' | '｝' => out.push(')'),
            '．' => out.push('.'),
            c => out.push(c),
        }
    }
    // `1)事務の名称` (a bare closing bracket) is `(1)`.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(')') {
        out.insert(0, '(');
    }
    out
}

/// The label without its leading item number (`(1)`, `1.`, `Ⅱ`): the fallback when a workbook
/// numbers its items differently.
pub fn without_number(normalised: &str) -> &str {
    let s = normalised;
    if let Some(rest) = s.strip_prefix('(') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(')') {
            return &rest[digits + 1..];
        }
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && s[digits..].starts_with('.') {
        return &s[digits + 1..];
    }
    let roman = s
        .chars()
        .take_while(|c| ('Ⅰ'..='Ⅻ').contains(c))
        .map(char::len_utf8)
        .sum::<usize>();
    &s[roman..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_width_and_spacing_do_not_matter() {
        assert_eq!(label("①事務の名称"), label("(1) 事務の名称"));
        assert_eq!(label("①事務の名称"), label("（１）事務の\n名称"));
        assert_eq!(label("①事務の名称"), label("1) 事務の名称"));
        assert_eq!(label("②事務の内容 ※"), label("②事務の内容"));
        assert_eq!(
            label("１．特定個人情報ファイル名"),
            "1.特定個人情報ファイル名"
        );
        assert_ne!(label("③システムの名称"), label("システムの名称"));
    }

    #[test]
    fn the_number_can_be_dropped() {
        assert_eq!(without_number(&label("①事務の名称")), "事務の名称");
        assert_eq!(without_number(&label("１．対象人数")), "対象人数");
        assert_eq!(without_number(&label("Ⅰ　関連情報")), "関連情報");
        assert_eq!(without_number("事務の名称"), "事務の名称");
    }
}
