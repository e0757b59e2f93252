//! Checks across documents: a notice of purposes of use checked together with the assessments
//! of the same body (`hyoka check assessment.yaml notice.yaml`, or a folder holding both).
//!
//! This module holds what those rules need of an assessment ([`Facts`]) and how they compare
//! words; the rules themselves (HY0312–HY0314) are in `rules/across/`.
//!
//! Words are compared by the share of a delegation's two-character runs found in a purpose:
//! notices word their purposes freely (`システムの運用・保守業務` / `システム保守業務の委託`).

use std::collections::BTreeSet;

use super::citations;
use super::rule::{Finding, Runner};
use crate::model::notice::Notice;
use crate::model::{Assessment, LinkageStatus};

/// What the cross-document rules need of an assessment (the model itself is dropped after its
/// own checks, to keep memory flat over many files).
#[derive(Debug, Clone)]
pub struct Facts {
    pub file: String,
    /// 評価実施機関名.
    pub body: String,
    /// 委託事項 titles, each with its ①委託内容 where that says more.
    pub delegations: Vec<(String, Option<String>)>,
    /// Whether it provides 特定個人情報 to others.
    pub provides: bool,
    /// Whether its linkage basis cites items or articles to link under.
    pub cites_linkage: bool,
}

pub fn facts(file: &str, a: &Assessment) -> Facts {
    let delegations = a
        .files
        .iter()
        .flat_map(|f| &f.delegations)
        .map(|d| {
            let content = d.content.clone().filter(|c| c != &d.title);
            (d.title.clone(), content)
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let linkage = a.linkage.as_ref();
    let implements = linkage.and_then(|l| l.status) == Some(LinkageStatus::Implement);
    let basis = linkage.and_then(|l| l.basis.as_deref()).unwrap_or_default();
    let cited = citations::parse(basis);
    let cites_linkage = !cited.lists.is_empty() || basis.contains('条');
    Facts {
        file: file.to_string(),
        body: a.cover.body.clone(),
        delegations,
        provides: a.files.iter().any(|f| !f.recipients.is_empty()) || (implements && cites_linkage),
        cites_linkage: implements && cites_linkage,
    }
}

/// Whether an assessment's body is the notice's: one name holds the other (`人材派遣健康保険組合`
/// and `人材派遣健康保険組合理事長`), spaces and widths aside.
pub fn same_body(notice: &Notice, f: &Facts) -> bool {
    let norm = |s: &str| -> String {
        crate::text::fold_width(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let (n, b) = (norm(&notice.body), norm(&f.body));
    !n.is_empty() && !b.is_empty() && (n.contains(&b) || b.contains(&n))
}

/// The two-character runs of a text's words: kanji, katakana, letters and digits. Hiragana
/// (「の」「に関する」) and punctuation break runs: they say little about which work is meant.
fn bigrams(s: &str) -> BTreeSet<(char, char)> {
    let word = |c: &char| c.is_alphanumeric() && !('\u{3041}'..='\u{309F}').contains(c);
    let folded = crate::text::fold_width(s);
    let chars: Vec<char> = folded.chars().collect();
    chars
        .windows(2)
        .filter(|w| word(&w[0]) && word(&w[1]))
        .map(|w| (w[0], w[1]))
        .collect()
}

/// The share of `needle`'s two-character runs found in `hay`.
pub fn share(needle: &str, hay: &str) -> f32 {
    let n = bigrams(needle);
    if n.is_empty() {
        return 0.0;
    }
    let h = bigrams(hay);
    n.iter().filter(|b| h.contains(b)).count() as f32 / n.len() as f32
}

/// How much of a delegation's words a 委託 purpose must hold to name it.
pub const NAMED: f32 = 0.5;

/// The findings on a notice checked with the assessments of its body: every rule across
/// documents that `enabled` lets run.
pub fn check(
    notice: &Notice,
    assessments: &[&Facts],
    enabled: impl Fn(&str) -> bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in super::registry::RULES {
        if let Runner::Across(run) = rule.runner {
            if enabled(rule.code) {
                run(notice, assessments, &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_purpose_names_a_delegation_by_most_of_its_words() {
        assert!(share("システムの運用・保守業務", "システム保守業務及び運用の委託") >= NAMED);
        assert!(share("システムの運用・保守業務", "文書廃棄処理") < NAMED);
        // 「に関する事務」 alone names nothing.
        assert!(share("滞納処分に関する事務", "保険給付に関する事務") < NAMED);
    }
}
