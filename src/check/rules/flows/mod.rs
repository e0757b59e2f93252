//! HY0310, HY0311: the flows of 別紙1 against the rest of the assessment.

mod network_flow_without_linkage;
mod unknown_counterpart;

pub use network_flow_without_linkage::NetworkFlowWithoutLinkage;
pub use unknown_counterpart::UnknownCounterpart;

use crate::check::rule::{Finding, RuleCtx};
use crate::model::{FlowChannel, LinkageStatus};

/// Every step of every flow, with its number in its flow and its model path.
pub(super) fn steps<'a>(ctx: &'a RuleCtx) -> Vec<(String, usize, &'a crate::model::Step)> {
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
