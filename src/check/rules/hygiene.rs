//! HY07xx: text hygiene, on every text value of the file (positions from the YAML tree).

use crate::check::rule::{Finding, RuleCtx};

fn each_text<'a>(ctx: &RuleCtx<'a>) -> Vec<(String, &'a str)> {
    ctx.loaded
        .tree
        .as_ref()
        .map(|tree| {
            tree.scalars()
                .into_iter()
                .filter_map(|(path, node)| node.as_str().map(|s| (path, s)))
                .collect()
        })
        .unwrap_or_default()
}

/// HY0701–HY0704, in one walk over every text value of the file.
pub fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    for (path, text) in each_text(ctx) {
        control_characters(&path, text, out);
        unbalanced_brackets(&path, text, out);
        halfwidth_katakana(&path, text, out);
        placeholders(&path, text, out);
    }
}

/// HY0701: control characters (other than line breaks and tabs).
fn control_characters(path: &str, text: &str, out: &mut Vec<Finding>) {
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        out.push(
            Finding::new(
                "HY0701",
                path,
                format!("制御文字（U+{:04X}）が含まれています", c as u32),
                format!("contains a control character (U+{:04X})", c as u32),
            )
            .help(
                "Excel や PDF からの貼り付けで混入することがあります。削除してください。",
                "often pasted in from Excel or PDF; remove it",
            ),
        );
    }
}

const PAIRS: &[(char, char)] = &[
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('【', '】'),
    ('〔', '〕'),
    ('＜', '＞'),
    ('｢', '｣'),
];

/// HY0702: unbalanced Japanese brackets.
fn unbalanced_brackets(path: &str, text: &str, out: &mut Vec<Finding>) {
    for (open, close) in PAIRS {
        let mut depth: i64 = 0;
        let mut bad = false;
        for c in text.chars() {
            if c == *open {
                depth += 1;
            } else if c == *close {
                depth -= 1;
                bad |= depth < 0;
            }
        }
        if bad || depth != 0 {
            out.push(Finding::new(
                "HY0702",
                path,
                format!("括弧 {open}{close} の対応が取れていません"),
                format!("unbalanced brackets {open}{close}"),
            ));
            return;
        }
    }
}

/// HY0703: half-width katakana (ｱｲｳ), which the forms do not use.
fn halfwidth_katakana(path: &str, text: &str, out: &mut Vec<Finding>) {
    let kana = |c: &char| ('\u{FF66}'..='\u{FF9F}').contains(c);
    let run: String = text
        .chars()
        .skip_while(|c| !kana(c))
        .take_while(kana)
        .collect();
    if !run.is_empty() {
        out.push(
            Finding::new(
                "HY0703",
                path,
                format!("半角カタカナ「{run}」が含まれています"),
                format!("half-width katakana `{run}`"),
            )
            .help("全角カタカナにしてください。", "use full-width katakana"),
        );
    }
}

/// Placeholder marks `hyoka init` writes and drafts leave behind.
const PLACEHOLDERS: &[&str] = &["○○", "〇〇", "●●", "TODO", "TBD", "FIXME", "XXX"];

/// HY0704: placeholder text left in.
fn placeholders(path: &str, text: &str, out: &mut Vec<Finding>) {
    if let Some(p) = PLACEHOLDERS.iter().find(|p| text.contains(*p)) {
        out.push(
            Finding::new(
                "HY0704",
                path,
                format!("仮の記載「{p}」が残っています"),
                format!("placeholder `{p}` left in"),
            )
            .help("実際の内容を記入してください。", "fill in the real content"),
        );
    }
}
