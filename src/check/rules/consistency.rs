//! HY03xx: the parts of an assessment agree with each other.

use std::collections::HashMap;

use serde_json::Value;

use crate::check::rule::{Finding, RuleCtx};
use crate::model::path::is_empty;
use crate::model::{FormKind, Risk3};

fn duplicates<'a>(
    ids: impl Iterator<Item = &'a str>,
    list_path: &str,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            out.push(
                Finding::new(
                    "HY0301",
                    format!("{list_path}/{i}/id"),
                    format!(
                        "{what}の id `{id}` が重複しています（{}番目と同じ）",
                        first + 1
                    ),
                    format!("duplicate {what} id `{id}` (same as entry {})", first + 1),
                )
                .help(
                    "id は改版をまたいで項目を照合するための識別子です。一意にしてください。",
                    "ids match entries across revisions; make each unique",
                ),
            );
            seen.insert(id, first);
        }
    }
}

/// HY0301: ids are unique within each identified list.
pub fn unique_ids(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let a = ctx.a;
    duplicates(
        a.systems.iter().map(|s| s.id.as_str()),
        "/systems",
        "システム",
        out,
    );
    duplicates(
        a.files.iter().map(|f| f.id.as_str()),
        "/files",
        "ファイル",
        out,
    );
    for (i, f) in a.files.iter().enumerate() {
        duplicates(
            f.delegations.iter().map(|d| d.id.as_str()),
            &format!("/files/{i}/delegations"),
            "委託事項",
            out,
        );
        duplicates(
            f.recipients.iter().map(|r| r.id.as_str()),
            &format!("/files/{i}/recipients"),
            "提供先・移転先",
            out,
        );
    }
}

/// HY0302: risk measures name files that exist. HY0303: every file has risk measures (様式3/4).
pub fn file_references(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let a = ctx.a;
    let known: Vec<&str> = a.files.iter().map(|f| f.id.as_str()).collect();
    for (i, m) in a.risk_measures.iter().enumerate() {
        for (j, id) in m.files.iter().enumerate() {
            if !known.contains(&id.as_str()) {
                let suggestion = crate::load::de::closest(id, known.iter().copied());
                let mut f = Finding::new(
                    "HY0302",
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
    if a.forms
        .iter()
        .any(|f| matches!(f, FormKind::Key | FormKind::Full))
    {
        for (i, file) in a.files.iter().enumerate() {
            if !a.risk_measures.iter().any(|m| m.files.contains(&file.id)) {
                out.push(
                    Finding::new(
                        "HY0303",
                        format!("/files/{i}"),
                        format!("「{}」のリスク対策（Ⅲ）が記載されていません", file.name),
                        format!("no risk measures (Ⅲ) cover `{}`", file.name),
                    )
                    .help(
                        format!(
                            "risk_measures のいずれかの files に `{}` を加えてください。",
                            file.id
                        ),
                        format!("add `{}` to the files of a risk_measures entry", file.id),
                    ),
                );
            }
        }
    }
}

/// HY0305: a risk answered 「課題が残されている」 with no measure written next to it.
pub fn remaining_without_measures(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    fn walk(v: &Value, path: &str, out: &mut Vec<Finding>) {
        match v {
            Value::Object(m) => {
                if m.get("answer").and_then(Value::as_str) == Some(Risk3::Remaining.id()) {
                    let has_text = m
                        .iter()
                        .any(|(k, v)| k != "answer" && v.is_string() && !is_empty(v));
                    if !has_text {
                        out.push(
                            Finding::new(
                                "HY0305",
                                format!("{path}/answer"),
                                "「課題が残されている」と回答していますが、措置の内容が記載されていません",
                                "answered 課題が残されている (issues remain) with no measures described",
                            )
                            .help("残っている課題と、それに対する今後の措置を記載してください。", "describe what remains and what will be done about it"),
                        );
                    }
                }
                for (k, v) in m {
                    walk(v, &format!("{path}/{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    walk(v, &format!("{path}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    walk(&ctx.json["risk_measures"], "/risk_measures", out);
}

/// HY0306: Ⅵ1②/Ⅴ1② しきい値判断結果 disagrees with the 基礎項目評価's result.
pub fn procedure_result(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
                "HY0306",
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
            ));
        }
    }
}

/// HY0307: Ⅰ1③対象人数 disagrees with the しきい値判断 count.
pub fn people_band(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
                "HY0307",
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
            ));
        }
    }
}

/// The answers of a Ⅳ risk block, apart from its 「しない」 tick boxes: anything written there.
fn answered_besides(block: &Value, ticks: &[&str]) -> bool {
    block.as_object().is_some_and(|m| {
        m.iter()
            .any(|(k, v)| !ticks.contains(&k.as_str()) && !is_empty(v))
    })
}

/// Each Ⅳ block's section `key` (`network`, `delegation`), with the block's index.
fn sections<'v>(ctx: &RuleCtx<'v>, key: &'v str) -> impl Iterator<Item = (usize, &'v Value)> {
    ctx.json["risk_measures"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(move |(i, block)| (i, &block[key]))
}

/// HY0308: Ⅰ4 情報連携「実施しない」, yet Ⅳ6 (接続) is answered as if it were connected.
pub fn network_without_linkage(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let not_linked = ctx.a.linkage.as_ref().and_then(|l| l.status)
        == Some(crate::model::LinkageStatus::NotImplement);
    if !not_linked {
        return;
    }
    for (i, network) in sections(ctx, "network") {
        if answered_besides(network, &["no_acquisition", "no_provision"]) {
            out.push(
                Finding::new(
                    "HY0308",
                    format!("/risk_measures/{i}/network"),
                    "Ⅰ4 の情報連携を「実施しない」としていますが、Ⅳ6 情報提供ネットワークシステムとの接続のリスク対策が記載されています",
                    "Ⅰ4 情報連携 is 実施しない (not implemented), yet Ⅳ6 (connection to the 情報提供ネットワークシステム) is answered",
                )
                .help(
                    "接続しないなら Ⅳ6 は［○］接続しない（入手）［○］接続しない（提供）とし、リスク欄は空にしてください。接続するなら Ⅰ4 を「実施する」にしてください。",
                    "if there is no connection, tick 接続しない (入手/提供) in Ⅳ6 and leave its risks empty; if there is, make Ⅰ4 実施する",
                ),
            );
        }
    }
}

/// HY0309: every file 「委託しない」, yet Ⅳ4 (委託) is answered as if something were delegated.
pub fn delegation_measures_without_delegation(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let a = ctx.a;
    let none_delegated = !a.files.is_empty()
        && a.files.iter().all(|f| {
            f.delegation == Some(crate::model::DelegationStatus::None) && f.delegations.is_empty()
        });
    if !none_delegated {
        return;
    }
    for (i, delegation) in sections(ctx, "delegation") {
        if answered_besides(delegation, &["not_delegated"]) {
            out.push(
                Finding::new(
                    "HY0309",
                    format!("/risk_measures/{i}/delegation"),
                    "どのファイルも「委託しない」としていますが、Ⅳ4 特定個人情報ファイルの取扱いの委託のリスク対策が記載されています",
                    "every file is 委託しない (not delegated), yet Ⅳ4 (delegation) is answered",
                )
                .help(
                    "委託しないなら Ⅳ4 は［○］委託しない とし、各欄は空にしてください。委託するなら Ⅱ の該当ファイルの委託の有無を「委託する」にして、委託事項を書いてください。",
                    "if nothing is delegated, tick 委託しない in Ⅳ4 and leave it empty; if something is, record the delegation under Ⅱ for its file",
                ),
            );
        }
    }
}
