//! HY0305 `remaining-without-measures`: 課題が残されている without measures.
//!
//! Documented in `docs/rules/HY0305.md`, which `hyoka explain HY0305` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// A risk answered 「課題が残されている」 with no measure written next to it.
pub struct RemainingWithoutMeasures;

rule_def! {
    RemainingWithoutMeasures: "HY0305", "remaining-without-measures", Warning,
    "「課題が残されている」に措置の記載がない",
    "課題が残されている without measures"
}

impl Check for RemainingWithoutMeasures {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        fn walk(v: &Value, path: &str, out: &mut Vec<Finding>) {
            match v {
                Value::Object(m) => {
                    if m.get("answer").and_then(Value::as_str) == Some(Risk3::Remaining.id()) {
                        let has_text = m
                            .iter()
                            .any(|(k, v)| k != "answer" && v.is_string() && !is_empty(v));
                        if !has_text {
                            out.push(
                                Finding::new(
                                    RemainingWithoutMeasures::CODE,
                                    format!("{path}/answer"),
                                    "「課題が残されている」と回答していますが、措置の内容が記載されていません",
                                    "answered 課題が残されている (issues remain) with no measures described",
                                )
                                .help("残っている課題と、それに対する今後の措置を記載してください。", "describe what remains and what will be done about it"),
                            );
                        }
                    }
                    for (k, v) in m {
                        walk(v, &format!("{path}/{k}"), out);
                    }
                }
                Value::Array(a) => {
                    for (i, v) in a.iter().enumerate() {
                        walk(v, &format!("{path}/{i}"), out);
                    }
                }
                _ => {}
            }
        }
        walk(&ctx.json["risk_measures"], "/risk_measures", out);
    }
}
