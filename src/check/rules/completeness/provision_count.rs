//! HY0203 `provision-count`: provision counts differ from the recipients listed.
//!
//! Documented in `docs/rules/HY0203.md`, which `hyoka explain HY0203` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// 提供を行っている（N）件 / 移転を行っている（N）件 differs from the entries listed.
pub struct ProvisionCount;

rule_def! {
    ProvisionCount: "HY0203", "provision-count", Error,
    "提供・移転の件数と記載が合わない",
    "provision counts differ from the recipients listed"
}

impl Check for ProvisionCount {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        for (i, f) in ctx.a.files.iter().enumerate() {
            let Some(p) = &f.provision else { continue };
            for (stated, kind, key, ja) in [
                (p.provides, RecipientKind::Provide, "provides", "提供"),
                (p.transfers, RecipientKind::Transfer, "transfers", "移転"),
            ] {
                let Some(n) = stated else { continue };
                let listed = f.recipients_of(kind).count() as u32;
                if n != listed {
                    out.push(
                        Finding::new(
                            Self::CODE,
                            format!("/files/{i}/provision/{key}"),
                            format!("「{}」の{ja}件数（{n}件）と、記載された{ja}先の数（{listed}件）が一致しません", f.name),
                            format!("`{}` states {n} {key} but lists {listed}", f.name),
                        )
                        .help(format!("{key}: {listed} とするか、{ja}先を追加・削除してください。"), format!("set {key}: {listed}, or add/remove entries")),
                    );
                }
            }
            if p.none && !f.recipients.is_empty() {
                out.push(Finding::new(
                    Self::CODE,
                    format!("/files/{i}/provision/none"),
                    format!("「{}」は提供・移転を「行っていない」としていますが、提供先・移転先が記載されています", f.name),
                    format!("`{}` says no provision or transfer, but lists recipients", f.name),
                )
                .help("提供・移転をしているなら none: false にし、していないなら提供先・移転先を消してください。", "if there is provision or transfer, set none: false; if not, remove the recipients"));
            }
        }
    }
}
