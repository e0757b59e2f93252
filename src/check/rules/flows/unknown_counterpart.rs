//! HY0310 `unknown-counterpart`: a flow step names a counterpart that is not listed.
//!
//! Documented in `docs/rules/HY0310.md`, which `hyoka explain HY0310` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// A step names a counterpart the assessment does not list.
pub struct UnknownCounterpart;

rule_def! {
    UnknownCounterpart: "HY0310", "unknown-counterpart", Error,
    "情報の流れの手順の相手が counterparts にない",
    "a flow step names a counterpart that is not listed"
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
