//! HY06xx: 番号法 citations in the legal-basis texts.

mod duplicate_item;
mod item_out_of_range;
mod malformed_item_list;
mod superseded_citation;

pub use duplicate_item::DuplicateItem;
pub use item_out_of_range::ItemOutOfRange;
pub use malformed_item_list::MalformedItemList;
pub use superseded_citation::SupersededCitation;

use crate::check::citations::{self, parse};
use crate::check::rule::{Finding, RuleCtx};

/// The legal-basis texts of an assessment, with their model paths.
pub(super) fn basis_texts<'a>(ctx: &'a RuleCtx) -> Vec<(String, &'a str)> {
    let a = ctx.a;
    let mut out = Vec::new();
    if let Some(t) = a.number_use.as_ref().and_then(|n| n.basis.as_deref()) {
        out.push(("/number_use/basis".to_string(), t));
    }
    if let Some(t) = a.linkage.as_ref().and_then(|n| n.basis.as_deref()) {
        out.push(("/linkage/basis".to_string(), t));
    }
    for (i, f) in a.files.iter().enumerate() {
        for (j, r) in f.recipients.iter().enumerate() {
            if let Some(t) = r.basis.as_deref() {
                out.push((format!("/files/{i}/recipients/{j}/basis"), t));
            }
        }
    }
    out
}
