//! HY0314 `notice-linkage-without-basis`: the notice lists linkage purposes the assessment cites no basis for (checked together).
//!
//! Documented in `docs/rules/HY0314.md`, which `hyoka explain HY0314` prints.

use crate::check::cross::Facts;
use crate::check::rule::{rule_def, AcrossCheck, Finding, RuleDef};
use crate::model::notice::Notice;

/// The notice lists 特定個人情報 linkage purposes while the assessment cites no 別表第二 item or 主務省令 article to link under.
pub struct NoticeLinkageWithoutBasis;

rule_def! {
    NoticeLinkageWithoutBasis: "HY0314", "notice-linkage-without-basis", Warning,
    "利用目的の公表が情報連携を挙げるが、評価書は情報連携の根拠を挙げていない（一緒に検査したとき）",
    "the notice lists linkage purposes the assessment cites no basis for (checked together)"
}

impl AcrossCheck for NoticeLinkageWithoutBasis {
    fn run(notice: &Notice, assessments: &[&Facts], out: &mut Vec<Finding>) {
        let lists_linkage = notice
            .linkage
            .as_ref()
            .is_some_and(|l| !l.provide.is_empty() || !l.receive.is_empty());
        for f in assessments {
            if lists_linkage && !f.cites_linkage {
                out.push(
                    Finding::new(
                        Self::CODE,
                        "/linkage",
                        format!("公表は特定個人情報の情報連携を挙げていますが、{} は情報連携を実施せず、根拠の項番・条も挙げていません", f.file),
                        format!("the notice lists 特定個人情報 linkage purposes, but {} does not link, or cites no 別表第二 item or 主務省令 article to link under", f.file),
                    )
                    .help(
                        "評価書の情報連携（①実施の有無・②法令上の根拠）を確かめるか、公表から情報連携の目的を外してください",
                        "check the assessment's 情報連携 (status and legal basis), or take the linkage purposes out of the notice",
                    ),
                );
            }
        }
    }
}
