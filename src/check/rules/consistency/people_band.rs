//! HY0307 `people-band`: Ⅰ1③ people differs from the threshold count.
//!
//! Documented in `docs/rules/HY0307.md`, which `hyoka explain HY0307` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Ⅰ1③対象人数 disagrees with the しきい値判断 count.
pub struct PeopleBand;

rule_def! {
    PeopleBand: "HY0307", "people-band", Error,
    "Ⅰ1③対象人数がしきい値判断と合わない",
    "Ⅰ1③ people differs from the threshold count"
}

impl Check for PeopleBand {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let op = ctx.a.operation.people;
        let th = ctx
            .a
            .threshold
            .as_ref()
            .and_then(|t| t.people.as_ref())
            .map(|p| p.band);
        if let (Some(o), Some(t)) = (op, th) {
            if o != t {
                out.push(Finding::new(
                    Self::CODE,
                    "/operation/people",
                    format!(
                        "Ⅰ1③対象人数「{}」が、しきい値判断の対象人数「{}」と一致しません",
                        o.label(),
                        t.label()
                    ),
                    format!(
                        "Ⅰ1③ people `{}` differs from the threshold count `{}`",
                        o.id(),
                        t.id()
                    ),
                )
                .help(
                    "Ⅰ1③ とⅡしきい値判断の対象人数は同じ区分にしてください（計数の時点が新しい方に合わせます）。",
                    "make Ⅰ1③ and the threshold's count the same band (the more recent count's)",
                ));
            }
        }
    }
}
