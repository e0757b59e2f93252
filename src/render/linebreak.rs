//! Where a line may break: Unicode line breaking (UAX #14) tightened with the Japanese rules
//! (禁則処理) the forms follow.
//!
//! `unicode-linebreak` implements UAX #14's default rules, which allow a break before small kana
//! and the prolonged sound mark. Japanese typesetting is stricter (JIS X 4051): no line starts
//! with closing brackets, 、。，．, ー, small kana or ・：；？！, and none ends with an opening
//! bracket. We remove the break opportunities that would violate that.

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Characters that may not start a line (行頭禁則).
pub const NO_START: &str = "、。，．,.）)］]｝}〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・：；:;…‥ヽヾ";
/// Characters that may not end a line (行末禁則).
pub const NO_END: &str = "（(［[｛{〔〈《「『【〘〖〝‘“｟«";

/// A place where a line may break, as a byte offset into the text (the next line starts there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    pub at: usize,
    /// A hard break (a line feed in the text).
    pub mandatory: bool,
}

/// The break opportunities of `text`, in order, ending with the end of the text.
pub fn breaks(text: &str) -> Vec<Break> {
    let mut out = Vec::new();
    for (at, op) in linebreaks(text) {
        let mandatory = op == BreakOpportunity::Mandatory;
        if !mandatory && at < text.len() {
            let next = text[at..].chars().next();
            let prev = text[..at].chars().next_back();
            if next.is_some_and(|c| NO_START.contains(c))
                || prev.is_some_and(|c| NO_END.contains(c))
            {
                continue;
            }
        }
        out.push(Break { at, mandatory });
    }
    out
}

/// Breaks `text` into lines no wider than `max` (as measured by `width`), at the allowed places.
/// A run with no allowed place that is wider than a line (a long number, a URL) is broken
/// between characters, still never before a 行頭禁則 character where that can be avoided.
pub fn wrap(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    wrap_marked(text, max, width)
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// Like [`wrap`], with each line marked `true` when it continues the line before it (a soft
/// break), `false` when it starts a paragraph. Only continuations are subject to 禁則.
pub fn wrap_marked(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> Vec<(String, bool)> {
    let mut marked = Vec::new();
    for paragraph in text.split('\n') {
        let lines =
            without_lone_last_line(paragraph, wrap_paragraph(paragraph, max, width), max, width);
        for (i, l) in lines.into_iter().enumerate() {
            marked.push((l, i > 0));
        }
    }
    marked
}

/// The fewest characters a wrapped paragraph's last line should have: 「全｜体」「義務付けられ｜る」
/// leave one alone.
const LAST_LINE_MIN: usize = 3;

/// Lines of a paragraph whose last line holds one or two characters alone, broken again at a
/// narrower measure (down to 70% of the line) that gives as many lines and a fuller last one:
/// 「義務付け｜られる」 rather than 「義務付けられ｜る」. Unchanged when no narrower measure helps.
fn without_lone_last_line(
    paragraph: &str,
    lines: Vec<String>,
    max: f32,
    width: &dyn Fn(&str) -> f32,
) -> Vec<String> {
    let short = |ls: &[String]| {
        ls.last()
            .is_some_and(|l| l.trim().chars().count() < LAST_LINE_MIN)
    };
    if lines.len() < 2 || !short(&lines) || paragraph.trim().chars().count() < 2 * LAST_LINE_MIN {
        return lines;
    }
    for step in 1..=15 {
        let narrower = max * (1.0 - 0.02 * step as f32);
        let again = wrap_paragraph(paragraph, narrower, width);
        if again.len() > lines.len() {
            break;
        }
        if again.len() == lines.len() && !short(&again) {
            return again;
        }
    }
    // A long paragraph in a narrow cell gains lines at any narrower measure: break the line
    // before the last earlier instead, so that it hands characters on to the last.
    let n = lines.len();
    let mut at = 0;
    for line in &lines[..n - 2] {
        match paragraph[at..].find(line.as_str()) {
            Some(i) => at += i + line.len(),
            None => return lines,
        }
    }
    let tail = paragraph[at..].trim_start();
    for step in 1..=20 {
        let narrower = max * (1.0 - 0.025 * step as f32);
        let again = wrap_paragraph(tail, narrower, width);
        if again.len() > 2 {
            break;
        }
        if again.len() == 2 && !short(&again) {
            let mut out = lines[..n - 2].to_vec();
            out.extend(again);
            return out;
        }
    }
    lines
}

/// How much of a paragraph hangs its wrapped lines: the indent and list marker it starts with
/// (`(1)`, `１．`, `①`, `・`, `※`, `ア）` …), as a byte length; `None` for a paragraph that
/// is not a numbered or marked line.
pub fn hanging_prefix(paragraph: &str) -> Option<usize> {
    use std::sync::OnceLock;
    static MARKER: OnceLock<regex::Regex> = OnceLock::new();
    let re = MARKER.get_or_init(|| {
        regex::Regex::new(
            r"^[ \u{3000}]*(?:[(（][0-9０-９]{1,3}[)）]|[0-9０-９]{1,3}[.．)）]|[①-⑳]|[・●○■□◆◇※]|[ア-ン][.．)）]|[a-zａ-ｚ][.．)）])[ \u{3000}]*",
        )
        .expect("the marker pattern compiles")
    });
    let m = re.find(paragraph)?;
    // A marker with text after it: a line that is only a number is not a list item.
    (m.end() < paragraph.len()).then_some(m.end())
}

fn wrap_paragraph(paragraph: &str, max: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let text = paragraph;
    {
        let paragraph = text.trim_end_matches('\r');
        if paragraph.is_empty() {
            lines.push(String::new());
            return lines;
        }
        let opportunities = breaks(paragraph);
        let mut start = 0;
        let mut last_fit: Option<usize> = None;
        let mut i = 0;
        while i < opportunities.len() {
            let at = opportunities[i].at;
            let candidate = paragraph[start..at].trim_end();
            if fits(candidate, max, width) {
                last_fit = Some(at);
                i += 1;
                continue;
            }
            match last_fit {
                // Only white space fits before the long run (an indented line): do not emit an
                // empty line for it; the run starts the line, keeping its indentation.
                Some(fit) if fit > start && !paragraph[start..fit].trim().is_empty() => {
                    lines.push(paragraph[start..fit].trim_end().to_string());
                    start = fit;
                    last_fit = None;
                }
                _ => {
                    // Nothing fits: break the overlong run between characters.
                    let (line, next) = force_split(paragraph, start, at, max, width);
                    lines.push(line);
                    start = next;
                    last_fit = None;
                }
            }
        }
        if start < paragraph.len() {
            lines.push(paragraph[start..].trim_end().to_string());
        }
    }
    lines
}

/// Whether `s` is no wider than `max`. A long text is measured by growing prefixes, so that a
/// run far wider than a line (a 256 KB word with no place to break) costs about a line's worth
/// of measuring, not its whole length once per line: widths only grow as characters are added,
/// so a prefix that is too wide settles it.
fn fits(s: &str, max: f32, width: &dyn Fn(&str) -> f32) -> bool {
    let mut chars = 64;
    loop {
        match s.char_indices().nth(chars) {
            None => return width(s) <= max,
            Some((end, _)) if width(&s[..end]) > max => return false,
            Some(_) => chars *= 2,
        }
    }
}

/// The longest prefix of `text[start..end]` that fits, moved back past 行頭禁則 characters
/// where possible; returns the line and where the next one starts.
fn force_split(
    text: &str,
    start: usize,
    end: usize,
    max: f32,
    width: &dyn Fn(&str) -> f32,
) -> (String, usize) {
    let mut cut = start;
    for (off, c) in text[start..end].char_indices() {
        let next = start + off + c.len_utf8();
        if width(&text[start..next]) > max && cut > start {
            break;
        }
        cut = next;
    }
    // A list of numbers (`1,2,3,…,39,42,58の項`) is one run to UAX #14: cut after its last
    // comma that fits, not inside a number (「39,4｜2,58」), when that keeps most of the line.
    let fitted = &text[start..cut];
    let after_comma = fitted
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | '，' | '、'))
        .map(|(i, c)| start + i + c.len_utf8())
        .next_back()
        .filter(|&at| at < cut && (at - start) * 2 >= fitted.len());
    // Inside a number, or just before the comma after it (which may not start a line, so the
    // cut would move back into the number).
    let inside_number = text[..cut]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
        && text[cut..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, ',' | '，'));
    if let (true, Some(at)) = (inside_number, after_comma) {
        cut = at;
    }
    let mut adjusted = cut;
    while adjusted > start
        && text[adjusted..]
            .chars()
            .next()
            .is_some_and(|c| NO_START.contains(c))
    {
        adjusted -= text[..adjusted]
            .chars()
            .next_back()
            .map(char::len_utf8)
            .unwrap_or(1);
    }
    if adjusted == start {
        adjusted = cut;
    }
    (text[start..adjusted].to_string(), adjusted)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit wide: easy to reason about.
    fn w(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_or_small_kana() {
        let text = "特定個人情報ファイルは、以下の場合に使用する。（被保険者証、高齢受給者証）を発行する。ちょっとしたテキストー";
        for max in 3..20 {
            for line in wrap(text, max as f32, &w).iter().skip(1) {
                let first = line.chars().next().unwrap();
                assert!(
                    !NO_START.contains(first),
                    "max {max}: line starts with {first}: {line}"
                );
            }
            for line in wrap(text, max as f32, &w) {
                let last = line.chars().last().unwrap();
                assert!(
                    !NO_END.contains(last),
                    "max {max}: line ends with {last}: {line}"
                );
            }
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let lines = wrap("番号法第19条第7号 1,2,3,4,5,9,12の項 Identity-H", 10.0, &w);
        assert!(lines.iter().any(|l| l.contains("19")), "{lines:?}");
        assert!(
            !lines
                .iter()
                .any(|l| l.ends_with('1') && l.len() > 1 && !l.ends_with("1")),
            "{lines:?}"
        );
        for l in &lines {
            assert!(w(l) <= 10.0, "{l}");
        }
    }

    #[test]
    fn an_unbreakable_run_is_measured_about_once_per_line() {
        // 256 KB with nowhere to break, 40 characters a line: each line is measured a line's
        // worth, not the rest of the run (that was 5.7 s, and 92 s for 1 MB).
        let run = "a".repeat(256 << 10);
        let measured = std::cell::Cell::new(0usize);
        let width = |s: &str| {
            measured.set(measured.get() + s.len());
            s.chars().count() as f32
        };
        let lines = wrap(&run, 40.0, &width);
        assert_eq!(lines.len(), (256 << 10) / 40 + 1);
        assert!(lines.iter().all(|l| l.len() <= 40));
        let per_line = measured.get() / lines.len();
        assert!(per_line < 2_000, "{per_line} characters measured per line");
    }

    #[test]
    fn a_list_of_numbers_breaks_after_a_comma_not_inside_a_number() {
        let list = "1,2,3,4,5,9,12,15,17,22,26,27,30,33,39,42,58,62,78,80,87,93,97,106,109,120の項";
        // Digits and commas narrower than a full-width character, as a proportional font sets
        // them, at every measure from 8 to 20.
        let narrow = |s: &str| -> f32 {
            s.chars()
                .map(|c| match c {
                    '0'..='9' => 0.55,
                    ',' => 0.28,
                    _ => 1.0,
                })
                .sum()
        };
        let measures = (0..48).map(|i| 8.0 + i as f32 * 0.25);
        for (text, max) in [
            list.to_string(),
            format!(" {list}"),
            format!("（根拠）\n {list}"),
        ]
        .into_iter()
        .flat_map(|t| measures.clone().map(move |m| (t.clone(), m)))
        {
            let lines = wrap(&text, max, &narrow);
            for l in &lines[..lines.len() - 1] {
                let l = l.trim_end();
                assert!(
                    l.ends_with(',') || !l.ends_with(|c: char| c.is_ascii_digit()),
                    "a line ends inside a number: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn overlong_runs_break_between_characters() {
        let lines = wrap(
            "https://example.invalid/a/very/long/path/without/spaces",
            10.0,
            &w,
        );
        assert!(lines.len() >= 5);
        assert!(lines.iter().all(|l| w(l) <= 10.0), "{lines:?}");
        assert_eq!(
            lines.concat(),
            "https://example.invalid/a/very/long/path/without/spaces"
        );
    }

    #[test]
    fn an_indented_unbreakable_run_does_not_leave_an_empty_line() {
        let lines = wrap(" 1,2,3,4,5,9,12,15,17,22,26,27,30の項", 12.0, &w);
        assert!(!lines[0].trim().is_empty(), "{lines:?}");
        assert!(lines.iter().all(|l| w(l) <= 12.0), "{lines:?}");
    }

    #[test]
    fn no_last_line_holds_one_or_two_characters_when_a_narrower_measure_avoids_it() {
        // 「…義務付けられ｜る」 at 10 units: 11 characters give a lone 「る」.
        let text = "重点項目評価の実施が義務付けられる";
        let plain = wrap_paragraph(text, 16.0, &w);
        assert_eq!(plain.last().unwrap().chars().count(), 1, "{plain:?}");
        let lines = wrap(text, 16.0, &w);
        assert_eq!(lines.len(), plain.len());
        assert!(lines.last().unwrap().chars().count() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| w(l) <= 16.0));
        assert_eq!(lines.concat(), text);
        // A long paragraph: the line before the last breaks earlier.
        let long =
            "国保総合システムは国保連合会に設置されるサーバー群と市区町村の端末で構成されている。";
        let plain = wrap_paragraph(long, 10.0, &w);
        assert!(plain.last().unwrap().chars().count() < 3, "{plain:?}");
        let lines = wrap(long, 10.0, &w);
        assert!(lines.last().unwrap().chars().count() >= 3, "{lines:?}");
        assert_eq!(lines.len(), wrap_paragraph(long, 10.0, &w).len());
        assert_eq!(lines.concat(), long);
        // One line, or nothing narrower helps: left as it is.
        assert_eq!(wrap("全体", 10.0, &w), ["全体"]);
    }

    #[test]
    fn list_markers_are_found_with_their_indent() {
        assert_eq!(hanging_prefix("(1)被保険者等から"), Some(3));
        assert_eq!(hanging_prefix("　(2)住民記録システム"), Some("　(2)".len()));
        assert_eq!(hanging_prefix("①申請書や届出書"), Some("①".len()));
        assert_eq!(hanging_prefix("1. 被保険者資格"), Some("1. ".len()));
        assert_eq!(hanging_prefix("・オンライン資格確認"), Some("・".len()));
        assert_eq!(hanging_prefix("国民健康保険法"), None);
        assert_eq!(hanging_prefix("(3)"), None);
    }

    #[test]
    fn line_feeds_are_kept_and_nothing_is_lost() {
        let text = "①申請書や届出書の内容を確認し、異動情報等をシステムに登録する。\n\n②被保険者の資格管理";
        let lines = wrap(text, 12.0, &w);
        assert!(lines.contains(&String::new()));
        assert_eq!(lines.concat(), text.replace('\n', ""));
    }
}
