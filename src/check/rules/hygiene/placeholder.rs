//! HY0704 `placeholder`: placeholder text left in.
//!
//! Documented in `docs/rules/HY0704.md`, which `hyoka explain HY0704` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Placeholder text left in.
pub struct Placeholder;

rule_def! {
    Placeholder: "HY0704", "placeholder", Warning,
    "仮の記載が残っている",
    "placeholder text left in"
}

impl Check for Placeholder {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (path, text) in each_text(ctx) {
            let path = path.as_str();
            if let Some(p) = PLACEHOLDERS.iter().find(|p| text.contains(*p)) {
                out.push(
                    Finding::new(
                        Self::CODE,
                        path,
                        format!("仮の記載「{p}」が残っています"),
                        format!("placeholder `{p}` left in"),
                    )
                    .help("実際の内容を記入してください。", "fill in the real content"),
                );
            }
        }
    }
}
