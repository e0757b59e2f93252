//! HY0312 `delegation-not-in-notice`: a delegation of the assessment is not among the notice's delegated purposes (checked together).
//!
//! Documented in `docs/rules/HY0312.md`, which `hyoka explain HY0312` prints.

use crate::check::cross::{share, Facts, NAMED};
use crate::check::rule::{rule_def, AcrossCheck, Finding, RuleDef};
use crate::model::notice::Notice;

/// A delegation of the assessment that no 委託 purpose of the notice names. Words are compared by the share of a delegation's two-character runs found in a purpose: notices word their purposes freely (`システムの運用・保守業務` / `システム保守業務の委託`).
pub struct DelegationNotInNotice;

rule_def! {
    DelegationNotInNotice: "HY0312", "delegation-not-in-notice", Warning,
    "評価書の委託が利用目的の公表の委託に書かれていない（同じ機関の公表と一緒に検査したとき）",
    "a delegation of the assessment is not among the notice's delegated purposes (checked together)"
}

impl AcrossCheck for DelegationNotInNotice {
    fn run(notice: &Notice, assessments: &[&Facts], out: &mut Vec<Finding>) {
        let delegated: Vec<&String> = notice
            .purposes
            .iter()
            .flat_map(|p| p.delegated.iter().chain(&p.joint))
            .collect();
        let by_information: Vec<&String> =
            notice.by_information.iter().map(|b| &b.purposes).collect();
        for f in assessments {
            for (title, content) in &f.delegations {
                // Named by its title or by its content, in a purpose's own words.
                let named = std::iter::once(title).chain(content).any(|d| {
                    delegated
                        .iter()
                        .chain(&by_information)
                        .any(|p| share(d, p) >= NAMED || share(p, d) >= NAMED)
                });
                let d = title;
                if !named {
                    out.push(
                        Finding::new(
                            Self::CODE,
                            "/purposes",
                            format!(
                                "{} の委託「{d}」が、利用目的の委託に書かれていません",
                                f.file
                            ),
                            format!(
                                "{}'s delegation 「{d}」 is not among the notice's delegated purposes",
                                f.file
                            ),
                        )
                        .help(
                            "委託するものとして、その業務を purposes の delegated に書いてください",
                            "add the work to a purpose's `delegated` list",
                        ),
                    );
                }
            }
        }
    }
}
