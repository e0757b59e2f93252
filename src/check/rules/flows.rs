//! HY0310, HY0311: the flows of 別紙1 against the rest of the assessment.

use crate::check::rule::{Finding, RuleCtx};
use crate::model::{FlowChannel, LinkageStatus};

/// Every step of every flow, with its number in its flow and its model path.
fn steps<'a>(ctx: &'a RuleCtx) -> Vec<(String, usize, &'a crate::model::Step)> {
    let mut out = Vec::new();
    for (f, flow) in ctx.a.flows.iter().enumerate() {
        let mut n = 0;
        for (g, group) in flow.groups.iter().enumerate() {
            for (s, step) in group.steps.iter().enumerate() {
                n += 1;
                out.push((format!("/flows/{f}/groups/{g}/steps/{s}"), n, step));
            }
        }
    }
    out
}

/// HY0310: a step names a counterpart the assessment does not list.
pub fn unknown_counterpart(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let known: Vec<&str> = ctx.a.counterparts.iter().map(|c| c.id.as_str()).collect();
    for (path, n, step) in steps(ctx) {
        let Some(id) = step.counterpart.as_deref() else {
            continue;
        };
        if !known.contains(&id) {
            out.push(
                Finding::new(
                    "HY0310",
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

/// HY0311: a step goes through 情報提供ネットワークシステム while the assessment says it does
/// not (or not yet) link through it.
pub fn network_without_linkage(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let status = ctx.a.linkage.as_ref().and_then(|l| l.status);
    if status == Some(LinkageStatus::Implement) {
        return;
    }
    let said = match status {
        Some(s) => format!("「{}」", s.label()),
        None => "未記入".to_string(),
    };
    for (path, n, step) in steps(ctx) {
        if step.channel == Some(FlowChannel::Ips) {
            out.push(
                Finding::new(
                    "HY0311",
                    format!("{path}/channel"),
                    format!("手順{n}は情報提供ネットワークシステムを通りますが、情報連携の実施の有無が{said}です"),
                    format!("step {n} goes through 情報提供ネットワークシステム, but 情報連携 ①実施の有無 is {said}"),
                )
                .help(
                    "情報連携を行うなら linkage.status を implement（実施する）に、行わないなら手順の channel を直してください",
                    "if the body links through it, set linkage.status to implement (実施する); if not, correct the step's channel",
                ),
            );
        }
    }
}
