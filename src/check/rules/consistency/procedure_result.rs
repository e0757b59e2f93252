//! HY0306 `procedure-result`: procedure's threshold result differs.
//!
//! Documented in `docs/rules/HY0306.md`, which `hyoka explain HY0306` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Ⅵ1②/Ⅴ1② しきい値判断結果 disagrees with the 基礎項目評価's result.
pub struct ProcedureResult;

rule_def! {
    ProcedureResult: "HY0306", "procedure-result", Error,
    "評価実施手続のしきい値判断結果が合わない",
    "procedure's threshold result differs"
}

impl Check for ProcedureResult {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let recorded = ctx.a.threshold.as_ref().and_then(|t| t.result);
        let in_procedure = ctx
            .a
            .procedure
            .as_ref()
            .and_then(|p| p.basic_assessment.as_ref())
            .and_then(|b| b.result);
        if let (Some(r), Some(p)) = (recorded, in_procedure) {
            if r != p {
                out.push(Finding::new(
                    Self::CODE,
                    "/procedure/basic_assessment/result",
                    format!(
                        "評価実施手続のしきい値判断結果「{}」が、しきい値判断結果「{}」と一致しません",
                        p.label(),
                        r.label()
                    ),
                    format!(
                        "the procedure's threshold result `{}` differs from the threshold result `{}`",
                        p.id(),
                        r.id()
                    ),
                )
                .help(
                    "評価実施手続に書く結果を、しきい値判断結果と同じにしてください。",
                    "write the procedure's result as the threshold result",
                ));
            }
        }
    }
}
