//! HY0401 `counted-after-publication`: threshold counted after publication.
//!
//! Documented in `docs/rules/HY0401.md`, which `hyoka explain HY0401` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// A threshold count dated after publication.
pub struct CountedAfterPublication;

rule_def! {
    CountedAfterPublication: "HY0401", "counted-after-publication", Error,
    "計数日が公表日より後",
    "threshold counted after publication"
}

impl Check for CountedAfterPublication {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(published) = &ctx.a.cover.published else {
            return;
        };
        let Some(t) = &ctx.a.threshold else { return };
        for (key, counted) in [
            (
                "people",
                t.people.as_ref().and_then(|p| p.counted_on.as_ref()),
            ),
            (
                "handlers",
                t.handlers.as_ref().and_then(|p| p.counted_on.as_ref()),
            ),
        ] {
            if let Some(c) = counted {
                if c > published {
                    out.push(Finding::new(
                        Self::CODE,
                        format!("/threshold/{key}/counted_on"),
                        format!(
                            "計数日 {} が公表日 {} より後です",
                            c.wareki(),
                            published.wareki()
                        ),
                        format!(
                            "counted on {} ({}), after publication on {} ({})",
                            c.iso(),
                            c.wareki(),
                            published.iso(),
                            published.wareki()
                        ),
                    )
                    .help(
                        "計数日は公表日以前です。計数日か公表日の書き間違いを確かめてください。",
                        "a count is taken on or before publication: check the counting date or 公表日",
                    ));
                }
            }
        }
    }
}
