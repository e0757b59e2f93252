//! HY0204 `switch-contradiction`: 委託しない / 提供・移転しない contradict the files.
//!
//! Documented in `docs/rules/HY0204.md`, which `hyoka explain HY0204` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// 様式2 Ⅳ4/Ⅳ5 「委託しない」「提供・移転しない」 contradict the files' own answers.
pub struct SwitchContradiction;

rule_def! {
    SwitchContradiction: "HY0204", "switch-contradiction", Error,
    "「委託しない」等と記載内容が矛盾",
    "委託しない / 提供・移転しない contradict the files"
}

impl Check for SwitchContradiction {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let Some(r) = &ctx.a.basic_risk else { return };
        let delegating = ctx.a.files.iter().any(|f| {
            !f.delegations.is_empty()
                || f.delegation == Some(crate::model::DelegationStatus::Delegate)
        });
        let providing = ctx.a.files.iter().any(|f| !f.recipients.is_empty());
        if r.delegation.as_ref().is_some_and(|d| d.not_applicable) && delegating {
            out.push(Finding::new(
                Self::CODE,
                "/basic_risk/delegation/not_applicable",
                "様式2 Ⅳ4 で「委託しない」としていますが、特定個人情報ファイルの委託が記載されています",
                "様式2 Ⅳ4 ticks 委託しない, but a file lists delegations",
            )
            .help("委託しているなら not_applicable: false にし、委託していないならⅡのファイルの委託事項を消してください。", "if something is delegated, untick it (not_applicable: false); if not, remove the delegations under Ⅱ"));
        }
        if r.provision.as_ref().is_some_and(|d| d.not_applicable) && providing {
            out.push(Finding::new(
                Self::CODE,
                "/basic_risk/provision/not_applicable",
                "様式2 Ⅳ5 で「提供・移転しない」としていますが、提供先・移転先が記載されています",
                "様式2 Ⅳ5 ticks 提供・移転しない, but a file lists recipients",
            )
            .help("提供・移転しているなら not_applicable: false にし、していないならⅡのファイルの提供先・移転先を消してください。", "if there is provision, untick it (not_applicable: false); if not, remove the recipients under Ⅱ"));
        }
        for (i, m) in ctx.a.risk_measures.iter().enumerate() {
            let covered: Vec<_> = ctx
                .a
                .files
                .iter()
                .filter(|f| m.files.contains(&f.id))
                .collect();
            if m.delegation.as_ref().is_some_and(|d| d.not_delegated)
                && covered.iter().any(|f| !f.delegations.is_empty())
            {
                out.push(Finding::new(
                    Self::CODE,
                    format!("/risk_measures/{i}/delegation/not_delegated"),
                    "リスク対策で「委託しない」としていますが、対象ファイルに委託事項が記載されています",
                    "the risk measures tick 委託しない, but a file they cover lists delegations",
                )
                .help("委託しているなら not_delegated: false にしてリスク対策を書き、委託していないならファイルの委託事項を消してください。", "if something is delegated, untick it (not_delegated: false) and write the measures; if not, remove the file's delegations"));
            }
            if m.provision.as_ref().is_some_and(|d| d.not_provided)
                && covered.iter().any(|f| !f.recipients.is_empty())
            {
                out.push(Finding::new(
                    Self::CODE,
                    format!("/risk_measures/{i}/provision/not_provided"),
                    "リスク対策で「提供・移転しない」としていますが、対象ファイルに提供先・移転先が記載されています",
                    "the risk measures tick 提供・移転しない, but a file they cover lists recipients",
                )
                .help("提供・移転しているなら not_provided: false にしてリスク対策を書き、していないならファイルの提供先・移転先を消してください。", "if there is provision, untick it (not_provided: false) and write the measures; if not, remove the file's recipients"));
            }
        }
    }
}
