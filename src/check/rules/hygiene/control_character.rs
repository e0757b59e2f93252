//! HY0701 `control-character`: control character.
//!
//! Documented in `docs/rules/HY0701.md`, which `hyoka explain HY0701` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Control characters (other than line breaks and tabs).
pub struct ControlCharacter;

rule_def! {
    ControlCharacter: "HY0701", "control-character", Error,
    "制御文字",
    "control character"
}

impl Check for ControlCharacter {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (path, text) in each_text(ctx) {
            let path = path.as_str();
            if let Some(c) = text
                .chars()
                .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            {
                out.push(
                    Finding::new(
                        Self::CODE,
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
    }
}
