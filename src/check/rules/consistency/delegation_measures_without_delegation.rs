//! HY0309 `delegation-measures-without-delegation`: Ⅳ4 answered while nothing is delegated.
//!
//! Documented in `docs/rules/HY0309.md`, which `hyoka explain HY0309` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Every file 「委託しない」, yet Ⅳ4 (委託) is answered as if something were delegated.
pub struct DelegationMeasuresWithoutDelegation;

rule_def! {
    DelegationMeasuresWithoutDelegation: "HY0309", "delegation-measures-without-delegation", Warning,
    "すべて「委託しない」なのにⅣ4 委託が記載されている",
    "Ⅳ4 answered while nothing is delegated"
}

impl Check for DelegationMeasuresWithoutDelegation {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let a = ctx.a;
        let none_delegated = !a.files.is_empty()
            && a.files.iter().all(|f| {
                f.delegation == Some(crate::model::DelegationStatus::None)
                    && f.delegations.is_empty()
            });
        if !none_delegated {
            return;
        }
        for (i, delegation) in sections(ctx, "delegation") {
            if answered_besides(delegation, &["not_delegated"]) {
                out.push(
                    Finding::new(
                        Self::CODE,
                        format!("/risk_measures/{i}/delegation"),
                        "どのファイルも「委託しない」としていますが、Ⅳ4 特定個人情報ファイルの取扱いの委託のリスク対策が記載されています",
                        "every file is 委託しない (not delegated), yet Ⅳ4 (delegation) is answered",
                    )
                    .help(
                        "委託しないなら Ⅳ4 は［○］委託しない とし、各欄は空にしてください。委託するなら Ⅱ の該当ファイルの委託の有無を「委託する」にして、委託事項を書いてください。",
                        "if nothing is delegated, tick 委託しない in Ⅳ4 and leave it empty; if something is, record the delegation under Ⅱ for its file",
                    ),
                );
            }
        }
    }
}
