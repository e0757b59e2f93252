//! HY03xx: the parts of an assessment agree with each other.

mod delegation_measures_without_delegation;
mod duplicate_id;
mod file_without_risk_measures;
mod network_without_linkage;
mod people_band;
mod procedure_result;
mod remaining_without_measures;
mod unknown_file;

pub use delegation_measures_without_delegation::DelegationMeasuresWithoutDelegation;
pub use duplicate_id::DuplicateId;
pub use file_without_risk_measures::FileWithoutRiskMeasures;
pub use network_without_linkage::NetworkWithoutLinkage;
pub use people_band::PeopleBand;
pub use procedure_result::ProcedureResult;
pub use remaining_without_measures::RemainingWithoutMeasures;
pub use unknown_file::UnknownFile;

use serde_json::Value;

use crate::check::rule::{Finding, RuleCtx};
use crate::model::path::is_empty;
use crate::model::{FormKind, Risk3};

/// The answers of a Ⅳ risk block, apart from its 「しない」 tick boxes: anything written there.
pub(super) fn answered_besides(block: &Value, ticks: &[&str]) -> bool {
    block.as_object().is_some_and(|m| {
        m.iter()
            .any(|(k, v)| !ticks.contains(&k.as_str()) && !is_empty(v))
    })
}

/// Each Ⅳ block's section `key` (`network`, `delegation`), with the block's index.
pub(super) fn sections<'v>(
    ctx: &RuleCtx<'v>,
    key: &'v str,
) -> impl Iterator<Item = (usize, &'v Value)> {
    ctx.json["risk_measures"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(move |(i, block)| (i, &block[key]))
}
