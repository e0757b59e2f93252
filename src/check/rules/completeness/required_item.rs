//! HY0201 `required-item`: an item the form requires is empty.
//!
//! Documented in `docs/rules/HY0201.md`, which `hyoka explain HY0201` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// An item the pinned form requires is empty.
pub struct RequiredItem;

rule_def! {
    RequiredItem: "HY0201", "required-item", Error,
    "様式が求める項目が未記入",
    "an item the form requires is empty"
}

impl Check for RequiredItem {
    /// Items left empty; a whole section left out (`inquiry:` missing) is said once, where it
    /// goes, with the block to paste from the form's scaffold — not as each of its items, at the
    /// top of the file.
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let mut items = Vec::new();
        walk_forms(ctx, &mut items, Self::CODE);
        let present = |section: &str| {
            ctx.loaded
                .tree
                .as_ref()
                .is_some_and(|t| t.child(section).is_some())
        };
        let mut missing: Vec<String> = Vec::new();
        for f in &items {
            let section = f.path.split('/').nth(1).unwrap_or_default().to_string();
            if !present(&section) && !missing.contains(&section) {
                missing.push(section);
            }
        }
        out.extend(items.into_iter().filter(|f| {
            let section = f.path.split('/').nth(1).unwrap_or_default();
            !missing.iter().any(|m| m == section)
        }));
        for section in missing {
            out.push(missing_section(ctx, &section));
        }
    }
}

/// The finding for a top-level section the file lacks: at the section that follows it in the
/// scaffold's order (or the end of the file), with the scaffold's block for it.
fn missing_section(ctx: &RuleCtx, section: &str) -> Finding {
    use crate::model::scaffold;
    let form = ctx
        .a
        .forms
        .iter()
        .copied()
        .find(|f| scaffold::sections(*f).iter().any(|s| s == section))
        .unwrap_or(crate::model::FormKind::Basic);
    let order = scaffold::sections(form);
    let tree = ctx.loaded.tree.as_ref();
    let next = order
        .iter()
        .skip_while(|s| *s != section)
        .skip(1)
        .find_map(|s| Some((s.clone(), tree?.key_node(s)?.span.start)));
    let end = crate::diagnostic::Pos {
        line: crate::text::source_lines(&ctx.loaded.source).count() + 1,
        column: 1,
    };
    let label = crate::model::text::title_at(&format!("/{section}")).unwrap_or(section);
    let block = scaffold::section(form, section).unwrap_or_else(|| format!("{section}:\n"));
    let (where_ja, where_en) = match &next {
        Some((key, _)) => (format!("`{key}:` の前"), format!("before `{key}:`")),
        None => (
            "ファイルの最後".to_string(),
            "at the end of the file".to_string(),
        ),
    };
    let mut f = Finding::new(
        RequiredItem::CODE,
        format!("/{section}"),
        format!("「{label}」の欄（`{section}:`）がありません"),
        format!("the section 「{label}」 (`{section}:`) is missing"),
    )
    .help(
        format!("{where_ja}に、次の欄を貼り付けて記入してください:\n{block}"),
        format!("paste this {where_en} and fill it in:\n{block}"),
    );
    f.at = Some(next.map_or(end, |(_, pos)| pos));
    f
}
