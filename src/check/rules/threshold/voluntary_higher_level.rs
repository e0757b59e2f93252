//! HY0103 `voluntary-higher-level`: a higher level done voluntarily.
//!
//! Documented in `docs/rules/HY0103.md`, which `hyoka explain HY0103` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// More than is mandatory is done, of the body's own will (information only).
pub struct VoluntaryHigherLevel;

rule_def! {
    VoluntaryHigherLevel: "HY0103", "voluntary-higher-level", Info,
    "義務を超える評価を任意に実施",
    "a higher level done voluntarily"
}

impl Check for VoluntaryHigherLevel {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(d) = determination(ctx) else { return };
        let (level, path) = delivered(ctx);
        if level.satisfies(d.required) && level > d.required && d.required != Level::None {
            out.push(
                Finding::new(
                    Self::CODE,
                    path,
                    format!(
                        "義務付けられる評価（{}）を超えて、任意に{}を実施しています",
                        d.required.label(Lang::Ja),
                        level.label(Lang::Ja)
                    ),
                    format!(
                        "a higher level ({}) than mandatory ({}) is done voluntarily",
                        level.label(Lang::En),
                        d.required.label(Lang::En)
                    ),
                )
                .help(
                    "任意に実施しているなら、このままでかまいません（知らせるだけです）。",
                    "nothing to do if it is done by choice: this is information only",
                ),
            );
        }
    }
}
