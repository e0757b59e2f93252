//! HY0702 `unbalanced-brackets`: unbalanced brackets.
//!
//! Documented in `docs/rules/HY0702.md`, which `hyoka explain HY0702` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Unbalanced Japanese brackets.
pub struct UnbalancedBrackets;

rule_def! {
    UnbalancedBrackets: "HY0702", "unbalanced-brackets", Warning,
    "括弧の対応",
    "unbalanced brackets"
}

impl Check for UnbalancedBrackets {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (path, text) in each_text(ctx) {
            let path = path.as_str();
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
                        Self::CODE,
                        path,
                        format!("括弧 {open}{close} の対応が取れていません"),
                        format!("unbalanced brackets {open}{close}"),
                    )
                    .help(
                        format!("閉じ忘れか、余分な {open} または {close} がないか確かめてください。"),
                        format!("look for a missing or an extra {open} or {close}"),
                    ));
                    break;
                }
            }
        }
    }
}
