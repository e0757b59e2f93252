//! HY0311 `network-flow-without-linkage`: a flow step uses 情報提供ネットワークシステム while 情報連携 is not 「実施する」.
//!
//! Documented in `docs/rules/HY0311.md`, which `hyoka explain HY0311` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// A step goes through 情報提供ネットワークシステム while the assessment says it does not (or not yet) link through it.
pub struct NetworkFlowWithoutLinkage;

rule_def! {
    NetworkFlowWithoutLinkage: "HY0311", "network-flow-without-linkage", Error,
    "情報提供ネットワークシステムを通る手順があるのに情報連携を「実施する」としていない",
    "a flow step uses 情報提供ネットワークシステム while 情報連携 is not 「実施する」"
}

impl Check for NetworkFlowWithoutLinkage {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
                        Self::CODE,
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
}
