//! HY05xx: the change table (変更箇所).

use crate::check::rule::{Finding, RuleCtx};
use crate::model::{form, Timing};
use crate::text::fold_width;

/// The labels of the ※ items of the declared forms, stripped of numbering and ※, for matching
/// the free-text 項目 of a history row.
fn important_labels(ctx: &RuleCtx) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in &ctx.a.forms {
        let Some(def) = ctx.a.editions.get(*f).and_then(|e| form::get(*f, e)) else {
            continue;
        };
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
fn core_label(label: &str) -> String {
    let folded = fold_width(label);
    let trimmed = folded.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "①②③④⑤⑥⑦⑧⑨⑩.、．ⅠⅡⅢⅣⅤⅥ ()（）".contains(c)
    });
    trimmed.replace('※', "").trim().to_string()
}

/// HY0501: a 事後 change on a ※ item needs 提出時期に係る説明.
pub fn important_posterior_without_reason(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let labels = important_labels(ctx);
    for (i, row) in ctx.a.history.iter().enumerate() {
        if row.timing != Timing::Posterior
            || row.reason.as_deref().is_some_and(|r| !r.trim().is_empty())
        {
            continue;
        }
        let item = fold_width(&row.item).replace(['\n', ' ', '　'], "");
        if let Some(hit) = labels
            .iter()
            .find(|l| item.contains(l.replace([' ', '　'], "").as_str()))
        {
            out.push(
                Finding::new(
                    "HY0501",
                    format!("/history/{i}/reason"),
                    format!("※の項目（{hit}）の変更を「事後」としていますが、提出時期に係る説明がありません"),
                    format!("a change to a ※ item ({hit}) is submitted 事後 (after the fact) without a reason"),
                )
                .help("重要な変更は原則「事前」です。事後とする理由を reason に記載するか、timing: prior としてください。", "important changes are normally 事前; give the reason in `reason`, or set timing: prior"),
            );
        }
    }
}

/// HY0502: a row whose 変更前 and 変更後 are the same text.
pub fn identical_before_after(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    for (i, row) in ctx.a.history.iter().enumerate() {
        if let (Some(b), Some(a)) = (&row.before, &row.after) {
            if !b.trim().is_empty() && b.trim() == a.trim() {
                out.push(
                    Finding::new(
                        "HY0502",
                        format!("/history/{i}/after"),
                        "変更前の記載と変更後の記載が同じです",
                        "before and after are identical",
                    )
                    .help(
                        "変更内容を記載するか、この行を削除してください。",
                        "describe the change, or remove the row",
                    ),
                );
            }
        }
    }
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
