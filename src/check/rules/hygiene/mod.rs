//! HY07xx: text hygiene, on every text value of the file (positions from the YAML tree).

mod control_character;
mod halfwidth_katakana;
mod placeholder;
mod unbalanced_brackets;

pub use control_character::ControlCharacter;
pub use halfwidth_katakana::HalfwidthKatakana;
pub use placeholder::Placeholder;
pub use unbalanced_brackets::UnbalancedBrackets;

use crate::check::rule::{Finding, RuleCtx};

pub(super) fn each_text<'a>(ctx: &RuleCtx<'a>) -> Vec<(String, &'a str)> {
    ctx.loaded
        .tree
        .as_ref()
        .map(|tree| {
            tree.scalars()
                .into_iter()
                .filter_map(|(path, node)| node.as_str().map(|s| (path, s)))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) const PAIRS: &[(char, char)] = &[
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('【', '】'),
    ('〔', '〕'),
    ('＜', '＞'),
    ('｢', '｣'),
];

/// Placeholder marks `hyoka init` writes and drafts leave behind.
pub(super) const PLACEHOLDERS: &[&str] = &["○○", "〇〇", "●●", "TODO", "TBD", "FIXME", "XXX"];
