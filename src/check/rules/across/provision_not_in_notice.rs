//! HY0313 `provision-not-in-notice`: the assessment provides 特定個人情報 but the notice lists no purpose of providing it (checked together).
//!
//! Documented in `docs/rules/HY0313.md`, which `hyoka explain HY0313` prints.

use crate::check::cross::Facts;
use crate::check::rule::{rule_def, AcrossCheck, Finding, RuleDef};
use crate::model::notice::Notice;

/// The assessment provides 特定個人情報 (to 提供先, or through 情報提供ネットワークシステム) while the notice lists no 提供する場合.
pub struct ProvisionNotInNotice;

rule_def! {
    ProvisionNotInNotice: "HY0313", "provision-not-in-notice", Warning,
    "評価書は特定個人情報を提供するが、利用目的の公表に提供の目的がない（一緒に検査したとき）",
    "the assessment provides 特定個人情報 but the notice lists no purpose of providing it (checked together)"
}

impl AcrossCheck for ProvisionNotInNotice {
    fn run(notice: &Notice, assessments: &[&Facts], out: &mut Vec<Finding>) {
        let lists_provision = notice
            .linkage
            .as_ref()
            .is_some_and(|l| !l.provide.is_empty());
        for f in assessments {
            if f.provides && !lists_provision {
                out.push(
                    Finding::new(
                        Self::CODE,
                        "/linkage",
                        format!("{} は特定個人情報を提供しますが、公表に「提供する場合」の利用目的がありません", f.file),
                        format!("{} provides 特定個人情報, but the notice lists no purpose of providing it", f.file),
                    )
                    .help(
                        "linkage の provide に、他機関へ提供する情報と目的を書いてください",
                        "list what is provided to other bodies, and why, under linkage.provide",
                    ),
                );
            }
        }
    }
}
