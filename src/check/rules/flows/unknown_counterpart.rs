//! HY0310 `unknown-counterpart`: a flow step names a counterpart that is not listed.
//!
//! Documented in `docs/rules/HY0310.md`, which `hyoka explain HY0310` prints.

use super::*;
use crate::check::rule::{Check, RuleDef};
use crate::diagnostic::Severity;

/// A step names a counterpart the assessment does not list.
pub struct UnknownCounterpart;

impl RuleDef for UnknownCounterpart {
    const CODE: &'static str = "HY0310";
    const NAME: &'static str = "unknown-counterpart";
    const SEVERITY: Severity = Severity::Error;
    const SUMMARY_JA: &'static str = "情報の流れの手順の相手が counterparts にない";
    const SUMMARY_EN: &'static str = "a flow step names a counterpart that is not listed";
}

impl Check for UnknownCounterpart {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let known: Vec<&str> = ctx.a.counterparts.iter().map(|c| c.id.as_str()).collect();
        for (path, n, step) in steps(ctx) {
            let Some(id) = step.counterpart.as_deref() else {
                continue;
            };
            if !known.contains(&id) {
                out.push(
                    Finding::new(
                        Self::CODE,
                        format!("{path}/counterpart"),
                        format!("手順{n}の相手「{id}」が counterparts にありません"),
                        format!("step {n} names the counterpart `{id}`, which counterparts does not list"),
                    )
                    .help(
                        format!("counterparts に `{{id: {id}, name: …, kind: external}}` を加えるか、既にある id を書いてください（{}）", known.join("、")),
                        format!("add `{{id: {id}, name: …, kind: external}}` to counterparts, or use an id it has ({})", known.join(", ")),
                    ),
                );
            }
        }
    }
}
