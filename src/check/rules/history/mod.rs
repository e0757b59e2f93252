//! HY05xx: the change table (変更箇所).

mod identical_before_after;
mod important_posterior_without_reason;

pub use identical_before_after::IdenticalBeforeAfter;
pub use important_posterior_without_reason::ImportantPosteriorWithoutReason;

use crate::check::rule::{Finding, RuleCtx};
use crate::model::{form, Timing};
use crate::text::fold_width;

/// The labels of the ※ items of the declared forms, stripped of numbering and ※, for matching
/// the free-text 項目 of a history row.
pub(super) fn important_labels(ctx: &RuleCtx) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in &ctx.a.forms {
        let Some(def) = ctx.a.editions.get(*f).and_then(|e| form::get(*f, e)) else {
            continue;
        };
        // ※ marks 重要な変更 on the forms that print it (様式3/4); 様式2 prints none.
        if !def.prints_marks {
            continue;
        }
        for node in def.walk().filter(|n| n.important) {
            let core = core_label(&node.label);
            if core.chars().count() >= 4 && !out.contains(&core) {
                out.push(core);
            }
        }
    }
    out
}

/// `②事務の内容 ※` → `事務の内容`; `１．特定個人情報ファイル名` → `特定個人情報ファイル名`.
pub(super) fn core_label(label: &str) -> String {
    let folded = fold_width(label);
    let trimmed = folded.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "①②③④⑤⑥⑦⑧⑨⑩.、．ⅠⅡⅢⅣⅤⅥ ()（）".contains(c)
    });
    trimmed.replace('※', "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::core_label;

    #[test]
    fn core_labels_drop_numbering_and_marks() {
        assert_eq!(core_label("②事務の内容 ※"), "事務の内容");
        assert_eq!(
            core_label("１．特定個人情報ファイル名"),
            "特定個人情報ファイル名"
        );
        assert_eq!(core_label("⑦再委託の有無 ※"), "再委託の有無");
    }
}
