//! HY0101 `threshold-result`: threshold result does not follow from the items.
//!
//! Documented in `docs/rules/HY0101.md`, which `hyoka explain HY0101` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// The recorded しきい値判断結果 is not what the table gives.
pub struct ThresholdResult;

rule_def! {
    ThresholdResult: "HY0101", "threshold-result", Error,
    "しきい値判断結果が判断項目と合わない",
    "threshold result does not follow from the items"
}

impl Check for ThresholdResult {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(d) = determination(ctx) else { return };
        let Some(recorded) = ctx.a.threshold.as_ref().and_then(|t| t.result) else {
            return;
        };
        if Level::of_result(recorded) != d.required {
            let why_ja = d
                .reasons
                .iter()
                .map(|r| r.text(Lang::Ja))
                .collect::<Vec<_>>()
                .join("。");
            let why_en = d
                .reasons
                .iter()
                .map(|r| r.text(Lang::En))
                .collect::<Vec<_>>()
                .join("; ");
            out.push(
                Finding::new(
                    Self::CODE,
                    "/threshold/result",
                    format!("しきい値判断結果「{}」は判断項目から導かれる結果「{}」と一致しません", recorded.label(), d.required.result().label()),
                    format!("しきい値判断結果 `{}` does not follow from the threshold items, which give `{}`", recorded.id(), d.required.result().id()),
                )
                .help(format!("{why_ja}。result: {} としてください。", d.required.result().id()), format!("{why_en}; set result: {}", d.required.result().id())),
            );
        }
    }
}
