//! HY0308 `network-without-linkage`: Ⅳ6 answered while 情報連携 is not implemented.
//!
//! Documented in `docs/rules/HY0308.md`, which `hyoka explain HY0308` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Ⅰ4 情報連携「実施しない」, yet Ⅳ6 (接続) is answered as if it were connected.
pub struct NetworkWithoutLinkage;

rule_def! {
    NetworkWithoutLinkage: "HY0308", "network-without-linkage", Warning,
    "情報連携「実施しない」なのにⅣ6 接続が記載されている",
    "Ⅳ6 answered while 情報連携 is not implemented"
}

impl Check for NetworkWithoutLinkage {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let not_linked = ctx.a.linkage.as_ref().and_then(|l| l.status)
            == Some(crate::model::LinkageStatus::NotImplement);
        if !not_linked {
            return;
        }
        for (i, network) in sections(ctx, "network") {
            if answered_besides(network, &["no_acquisition", "no_provision"]) {
                out.push(
                    Finding::new(
                        Self::CODE,
                        format!("/risk_measures/{i}/network"),
                        "Ⅰ4 の情報連携を「実施しない」としていますが、Ⅳ6 情報提供ネットワークシステムとの接続のリスク対策が記載されています",
                        "Ⅰ4 情報連携 is 実施しない (not implemented), yet Ⅳ6 (connection to the 情報提供ネットワークシステム) is answered",
                    )
                    .help(
                        "接続しないなら Ⅳ6 は［○］接続しない（入手）［○］接続しない（提供）とし、リスク欄は空にしてください。接続するなら Ⅰ4 を「実施する」にしてください。",
                        "if there is no connection, tick 接続しない (入手/提供) in Ⅳ6 and leave its risks empty; if there is, make Ⅰ4 実施する",
                    ),
                );
            }
        }
    }
}
