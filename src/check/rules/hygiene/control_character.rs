//! HY0701 `control-character`: control character.
//!
//! Documented in `docs/rules/HY0701.md`, which `hyoka explain HY0701` prints.

use super::*;
use crate::check::rule::{Check, RuleDef};
use crate::diagnostic::Severity;

/// Control characters (other than line breaks and tabs).
pub struct ControlCharacter;

impl RuleDef for ControlCharacter {
    const CODE: &'static str = "HY0701";
    const NAME: &'static str = "control-character";
    const SEVERITY: Severity = Severity::Error;
    const SUMMARY_JA: &'static str = "制御文字";
    const SUMMARY_EN: &'static str = "control character";
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
