//! HY0302 `unknown-file`: reference to an unknown file.
//!
//! Documented in `docs/rules/HY0302.md`, which `hyoka explain HY0302` prints.

use super::*;
use crate::check::rule::{rule_def, Check, RuleDef};

/// Risk measures name files that exist.
pub struct UnknownFile;

rule_def! {
    UnknownFile: "HY0302", "unknown-file", Error,
    "存在しないファイルへの参照",
    "reference to an unknown file"
}

impl Check for UnknownFile {
    fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
        let a = ctx.a;
        let known: Vec<&str> = a.files.iter().map(|f| f.id.as_str()).collect();
        for (i, m) in a.risk_measures.iter().enumerate() {
            for (j, id) in m.files.iter().enumerate() {
                if !known.contains(&id.as_str()) {
                    let suggestion = crate::yaml::de::closest(id, known.iter().copied());
                    let mut f = Finding::new(
                        Self::CODE,
                        format!("/risk_measures/{i}/files/{j}"),
                        format!("リスク対策が、存在しないファイル `{id}` を参照しています"),
                        format!("risk measures refer to an unknown file `{id}`"),
                    );
                    f = match suggestion {
                        Some(s) => f.help(
                            format!("`{s}` のことですか？"),
                            format!("did you mean `{s}`?"),
                        ),
                        None => f.help(
                            format!("files の id: {}", known.join(", ")),
                            format!("file ids: {}", known.join(", ")),
                        ),
                    };
                    out.push(f);
                }
            }
        }
    }
}
