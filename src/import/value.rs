//! A cell's text → the model's value at a path, by the schema's type there: a choice from its
//! `[ 十分である ]` or its plain label, ticked boxes from `[○]…` lines, counts, lists, text.
//! What does not fit is kept as the text the cell holds, with the reason, never dropped.

use serde_json::Value;

use crate::model::choice;
use crate::model::text::{choices_at, schema_at};
use crate::text::fold_width;

/// Whether the schema's type at `path` is, or includes, `t` (`boolean`, `integer`, `array`).
pub fn has_type(path: &str, t: &str) -> bool {
    match schema_at(path).and_then(|s| s.get("type")) {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|v| v == t),
        _ => false,
    }
}

/// Whether the item at `path` is a date (the schema's `Date`).
pub fn is_date(path: &str) -> bool {
    match (schema_at(path), crate::model::text::schema_def("Date")) {
        (Some(s), Some(d)) => std::ptr::eq(s, d),
        _ => false,
    }
}

/// A value that could not be typed: kept as text (`value`), with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Misfit {
    pub value: Value,
    pub ja: String,
    pub en: String,
}

/// The value for `path` (a model path with indices) from a cell's `text`; `None` for a cell
/// that says nothing (an unticked box, `[ ]`).
pub fn typed(path: &str, text: &str) -> Result<Option<Value>, Misfit> {
    let text = text.trim_end();
    let is = |t: &str| has_type(path, t);
    if path.ends_with("/acquisition/sources") {
        return sources(text).map(|v| (!v.is_empty()).then(|| Value::Array(v)));
    }
    if let Some(options) = choices_at(path) {
        if is("array") {
            return ticked_choices(text, options).map(|v| (!v.is_empty()).then(|| Value::Array(v)));
        }
        return single_choice(text, options);
    }
    if is("boolean") {
        return Ok(is_ticked(text).then_some(Value::Bool(true)));
    }
    if is("integer") {
        let digits: String = fold_width(text)
            .chars()
            .filter(|c| !matches!(c, ',' | '、' | ' ' | '件' | '人'))
            .collect();
        if digits.is_empty() {
            return Ok(None);
        }
        return digits
            .parse::<u64>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| Misfit {
                value: Value::String(text.to_string()),
                ja: "数（件数）として読めません".into(),
                en: "not a count".into(),
            });
    }
    if is("array") {
        let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        // The files a risk-measure block covers, printed as their numbered names: the names
        // here, turned into ids once every file is read (`import::resolve_files`).
        if path.starts_with("/risk_measures/") && path.ends_with("/files") {
            return Ok(Some(Value::Array(
                lines.map(|l| Value::String(file_name(l))).collect(),
            )));
        }
        return Ok(Some(Value::Array(
            lines
                .map(|l| Value::String(strip_list_number(l).to_string()))
                .collect(),
        )));
    }
    if text.trim().is_empty() {
        return Ok(None);
    }
    if let Some(date) = date_serial(path, text) {
        return Ok(Some(Value::String(date)));
    }
    Ok(Some(Value::String(text.to_string())))
}

/// A date item holding a bare number: an Excel date serial whose format the file lost (an
/// office suite that does not know `[$-ja-JP]ggge…` saves the cell as a number), as 和暦.
fn date_serial(path: &str, text: &str) -> Option<String> {
    if !is_date(path) {
        return None;
    }
    let t = text.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    super::workbook::serial_date(t.parse().ok()?)
}

/// `[ 十分である ]`, `［十分である］`, or the bare label; the <選択肢> list after it is the form's.
fn single_choice(text: &str, options: &[(String, String)]) -> Result<Option<Value>, Misfit> {
    let first = text.lines().next().unwrap_or_default();
    let answer = bracketed(first).unwrap_or(first).trim();
    let answer = answer.trim_matches(|c: char| c.is_whitespace());
    if answer.is_empty() {
        return Ok(None);
    }
    match resolve(answer, options) {
        Some(id) => Ok(Some(Value::String(id))),
        None => Err(misfit_choice(answer, options)),
    }
}

fn misfit_choice(answer: &str, options: &[(String, String)]) -> Misfit {
    let list = options
        .iter()
        .map(|(_, l)| format!("「{l}」"))
        .collect::<Vec<_>>()
        .join("");
    Misfit {
        value: Value::String(answer.to_string()),
        ja: format!("「{answer}」は選択肢にありません（選択肢: {list}）"),
        en: format!("「{answer}」 is not one of the choices ({list})"),
    }
}

/// The label an answer names: the official label or the id, width folded.
fn resolve(answer: &str, options: &[(String, String)]) -> Option<String> {
    let folded = fold_width(answer.trim());
    let plain = |s: &str| fold_width(s).split_whitespace().collect::<String>();
    let target = plain(&folded);
    options
        .iter()
        .find(|(id, label)| *id == folded || plain(label) == target)
        .map(|(id, _)| id.clone())
}

/// The text inside `[ … ]` / `［…］` at the start of a line.
fn bracketed(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let rest = line.strip_prefix('[').or_else(|| line.strip_prefix('［'))?;
    let end = rest.find([']', '］'])?;
    Some(&rest[..end])
}

const TICKS: [&str; 8] = ["○", "〇", "◯", "●", "✓", "✔", "x", "X"];

/// Whether a box reads as ticked: `[○]`, `■`, `☑`, `TRUE`, a bare ○.
pub fn is_ticked(text: &str) -> bool {
    let t = text.trim();
    if let Some(inner) = bracketed(t) {
        let inner = inner.trim();
        return TICKS.contains(&inner) || inner.eq_ignore_ascii_case("x");
    }
    t.starts_with(['■', '☑', '☒', '✓', '✔']) || TICKS.contains(&t) || t.eq_ignore_ascii_case("true")
}

/// Tick boxes written along one line (`［○］自己点検　［ ］内部監査`) put one to a line, as
/// the exporter writes them.
pub fn box_per_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let opens_box = matches!(c, '[' | '［' | '■' | '□' | '☑' | '☐' | '☒');
        if opens_box && i > 0 && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push(c);
    }
    out
}

/// One line of a tick list: (ticked, the label after the box).
pub fn tick_line(line: &str) -> Option<(bool, &str)> {
    let l = line.trim();
    if l.is_empty() {
        return None;
    }
    if let Some(inner) = bracketed(l) {
        let start = l.find(inner).unwrap_or(0) + inner.len();
        let rest = l[start..].trim_start_matches([']', '］']).trim();
        return Some((is_ticked(&format!("[{inner}]")), rest));
    }
    for (mark, on) in [
        ("■", true),
        ("☑", true),
        ("☒", true),
        ("□", false),
        ("☐", false),
    ] {
        if let Some(rest) = l.strip_prefix(mark) {
            return Some((on, rest.trim()));
        }
    }
    // A bare label: listed means chosen (a workbook that writes only the chosen ones).
    Some((true, l))
}

fn ticked_choices(text: &str, options: &[(String, String)]) -> Result<Vec<Value>, Misfit> {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    let text = box_per_line(text);
    for (on, label) in text.lines().filter_map(tick_line) {
        if !on || label.is_empty() {
            continue;
        }
        match resolve(label, options) {
            Some(id) => out.push(Value::String(id)),
            None => unknown.push(label.to_string()),
        }
    }
    if let Some(first) = unknown.first() {
        let mut m = misfit_choice(first, options);
        out.extend(unknown.iter().map(|u| Value::String(u.clone())));
        m.value = Value::Array(out);
        return Err(m);
    }
    Ok(out)
}

/// 入手元: ticked sources with the （ ） detail each carries.
fn sources(text: &str) -> Result<Vec<Value>, Misfit> {
    let options = choice::registry()
        .get("acquisition_source")
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    let boxes = box_per_line(text);
    for (on, line) in boxes.lines().filter_map(tick_line) {
        if !on {
            continue;
        }
        let folded = fold_width(line);
        let hit = options
            .iter()
            .filter(|(_, l)| folded.starts_with(&fold_width(l)))
            .max_by_key(|(_, l)| l.len());
        let Some((id, label)) = hit else {
            return Err(Misfit {
                value: Value::String(text.to_string()),
                ja: format!("入手元「{line}」は選択肢にありません"),
                en: format!("入手元 「{line}」 is not one of the choices"),
            });
        };
        let rest = folded[fold_width(label).len()..].trim();
        let detail = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .map(str::trim)
            .unwrap_or(rest);
        // The detail as written (full width kept): cut the same characters from the line.
        let detail_len = detail.chars().count();
        let written: String = if detail_len == 0 {
            String::new()
        } else {
            let chars: Vec<char> = line.trim().chars().collect();
            let end = chars.len() - usize::from(rest.ends_with(')'));
            chars[end - detail_len..end].iter().collect()
        };
        let mut entry = serde_json::Map::new();
        entry.insert("kind".into(), Value::String(id.clone()));
        if !written.trim().is_empty() {
            entry.insert("detail".into(), Value::String(written.trim().to_string()));
        }
        out.push(Value::Object(entry));
    }
    Ok(out)
}

/// `1. 個人番号` → `個人番号` (the numbering 別添2 prints).
fn strip_list_number(line: &str) -> &str {
    let folded_prefix: String = line
        .chars()
        .take(8)
        .map(|c| fold_width(&c.to_string()))
        .collect();
    let digits = folded_prefix
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    if digits == 0 {
        return line;
    }
    let mut chars = line.char_indices().skip(digits);
    match chars.next() {
        Some((i, c)) if matches!(c, '.' | '．' | ')' | '）' | '、') => {
            line[i + c.len_utf8()..].trim_start()
        }
        _ => line,
    }
}

/// A file named on a risk-measure block, `(1) 国保賦課ファイル` → `国保賦課ファイル`.
fn file_name(line: &str) -> String {
    let line = line.trim();
    let folded = fold_width(line);
    if folded.starts_with('(') {
        if let Some((_, name)) = line.split_once([')', '）']) {
            return name.trim().to_string();
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn choices_read_from_brackets_or_plain_labels() {
        let p = "/basic_risk/storage";
        assert_eq!(
            typed(p, "[ 十分である ]\n＜選択肢＞\n1) 十分である"),
            Ok(Some(json!("sufficient")))
        );
        assert_eq!(typed(p, "［十分である］"), Ok(Some(json!("sufficient"))));
        assert_eq!(typed(p, "十分である"), Ok(Some(json!("sufficient"))));
        assert_eq!(typed(p, "[ 　 ]"), Ok(None));
        let e = typed(p, "[ まあまあ ]").unwrap_err();
        assert_eq!(e.value, json!("まあまあ"));
        assert!(e.ja.contains("十分である"), "{}", e.ja);
    }

    #[test]
    fn ticked_boxes_read_as_a_list_of_ids() {
        let p = "/files/0/main_items";
        let text = "[○]個人番号\n[　]その他住民票関係情報\n■４情報（氏名、性別、生年月日、住所）";
        assert_eq!(typed(p, text), Ok(Some(json!(["my_number", "four_info"]))));
        assert!(is_ticked("[○]"));
        assert!(is_ticked("☑"));
        assert!(!is_ticked("[ ]"));
        assert!(!is_ticked("[　]"));
        assert_eq!(
            typed("/basic_risk/audit/self_check", "[○]"),
            Ok(Some(json!(true)))
        );
        assert_eq!(typed("/basic_risk/audit/internal", "[　]"), Ok(None));
    }

    #[test]
    fn sources_keep_their_detail() {
        let text = "[○]本人又は本人の代理人\n[○]評価実施機関内の他部署（区民部税務課、地域振興部戸籍住民課）\n[　]民間事業者（　）";
        assert_eq!(
            typed("/files/0/acquisition/sources", text),
            Ok(Some(json!([
                {"kind": "self"},
                {"kind": "internal", "detail": "区民部税務課、地域振興部戸籍住民課"}
            ])))
        );
    }

    #[test]
    fn counts_lists_and_file_names() {
        assert_eq!(
            typed("/files/0/provision/provides", "１２"),
            Ok(Some(json!(12)))
        );
        assert_eq!(
            typed("/files/0/all_items", "1. 個人番号\n２．氏名"),
            Ok(Some(json!(["個人番号", "氏名"])))
        );
        assert_eq!(
            typed("/risk_measures/0/files", "(1) 国保賦課ファイル\nother"),
            Ok(Some(json!(["国保賦課ファイル", "other"])))
        );
        assert!(typed("/files/0/provision/provides", "たくさん").is_err());
    }
}
