//! HY0703 `halfwidth-katakana`: half-width katakana.
//!
//! Documented in `docs/rules/HY0703.md`, which `hyoka explain HY0703` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Half-width katakana (ｱｲｳ), which the forms do not use.
pub struct HalfwidthKatakana;

rule_def! {
    HalfwidthKatakana: "HY0703", "halfwidth-katakana", Warning,
    "半角カタカナ",
    "half-width katakana"
}

impl Check for HalfwidthKatakana {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (path, text) in each_text(ctx) {
            let path = path.as_str();
            let kana = |c: &char| ('\u{FF66}'..='\u{FF9F}').contains(c);
            let run: String = text
                .chars()
                .skip_while(|c| !kana(c))
                .take_while(kana)
                .collect();
            if !run.is_empty() {
                out.push(
                    Finding::new(
                        Self::CODE,
                        path,
                        format!("半角カタカナ「{run}」が含まれています"),
                        format!("half-width katakana `{run}`"),
                    )
                    .help("全角カタカナにしてください。", "use full-width katakana"),
                );
            }
        }
    }
}
