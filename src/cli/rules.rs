//! `hyoka rules`, `hyoka explain`, `hyoka threshold`.

use std::io::Write;

use serde_json::json;

use super::args::RulesFormat;
use super::{CliError, CliResult, Exit, PlainFormat};
use crate::check::registry::{self, RULES};
use crate::check::threshold::{self, determine};
use crate::diagnostic::Lang;
use crate::model::{HandlersBand, Incident, PeopleBand};

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Output format (`markdown`: the rule table of docs/rules.md).
    #[arg(long, value_enum, default_value = "human")]
    format: RulesFormat,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The rule's code (e.g. HY0101).
    code: String,
}

#[derive(clap::Args, Debug)]
pub struct ThresholdArgs {
    /// 対象人数: a count (12345) or a band id (10k_to_100k).
    #[arg(long)]
    people: String,
    /// 取扱者数: a count (120) or a band id (under_500, 500_or_more).
    #[arg(long)]
    handlers: String,
    /// 重大事故 within the past year: yes or no.
    #[arg(long)]
    incident: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: PlainFormat,
}

pub fn list(args: RulesArgs, lang: Lang) -> CliResult {
    let text = match args.format {
        RulesFormat::Markdown => registry::markdown_table(),
        RulesFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|r| json!({"code": r.code, "name": r.name, "severity": r.severity, "summary": lang.pick(r.summary_ja, r.summary_en)}))
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json!({ "rules": rules })).expect("serializes")
            )
        }
        RulesFormat::Human => RULES
            .iter()
            .map(|r| {
                format!(
                    "{}  {:<36} {:<7}  {}\n",
                    r.code,
                    r.name,
                    r.severity.label(Lang::En),
                    lang.pick(r.summary_ja, r.summary_en)
                )
            })
            .collect(),
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(Exit::Ok)
}

pub fn explain(args: ExplainArgs, lang: Lang) -> CliResult {
    let code = &args.code;
    let Some(rule) = registry::find(code) else {
        return Err(CliError::usage(
            format!("不明なコード `{code}`（`hyoka rules` で一覧）"),
            format!("unknown code `{code}` (see `hyoka rules`)"),
        ));
    };
    match registry::doc(rule.code) {
        Some(doc) => {
            let text = crate::check::explain::for_terminal(rule, doc, lang);
            let _ = std::io::stdout().write_all(text.as_bytes());
            Ok(Exit::Ok)
        }
        None => {
            eprintln!(
                "{}: {}",
                rule.code,
                lang.pick(rule.summary_ja, rule.summary_en)
            );
            Err(CliError::Said)
        }
    }
}

/// A count as people type it: `12000`, `12,000`, `１２０００`, `12000人`, `約12,000人`.
fn parse_count(s: &str) -> Option<u64> {
    let folded = crate::text::fold_width(s.trim());
    folded
        .trim_start_matches('約')
        .trim_end_matches(['人', '名'])
        .replace([',', '_', '、'], "")
        .trim()
        .parse::<u64>()
        .ok()
}

fn parse_people(s: &str) -> Option<PeopleBand> {
    parse_count(s)
        .map(threshold::people_band)
        .or_else(|| PeopleBand::from_written(s))
}

fn parse_handlers(s: &str) -> Option<HandlersBand> {
    parse_count(s)
        .map(threshold::handlers_band)
        .or_else(|| HandlersBand::from_written(s))
}

fn parse_incident(s: &str) -> Option<Incident> {
    match s {
        "yes" | "y" | "true" | "あり" => Some(Incident::Occurred),
        "no" | "n" | "false" | "なし" => Some(Incident::None),
        other => Incident::from_written(other),
    }
}

pub fn threshold(args: ThresholdArgs, lang: Lang) -> CliResult {
    let (Some(p), Some(h), Some(i)) = (
        parse_people(&args.people),
        parse_handlers(&args.handlers),
        parse_incident(&args.incident),
    ) else {
        return Err(CliError::usage(
            "--people は人数か区分（1k_to_10k 等）、--handlers は人数か under_500 / 500_or_more、--incident は yes / no で指定してください",
            "--people takes a count or a band id (1k_to_10k, …), --handlers a count or under_500 / 500_or_more, --incident yes or no",
        ));
    };
    let d = determine(p, h, i);
    let text = match args.format {
        PlainFormat::Json => {
            let v = json!({
                "required": d.required.id(),
                "result": d.required.result().id(),
                "result_label": d.required.result().label(),
                "inputs": {"people": p.id(), "handlers": h.id(), "incident": i.id()},
                "reasons": d.reasons.iter().map(|r| r.text(lang)).collect::<Vec<_>>(),
            });
            format!(
                "{}\n",
                serde_json::to_string_pretty(&v).expect("serializes")
            )
        }
        PlainFormat::Human => {
            let mut s = format!(
                "{}: {}\n",
                lang.pick("義務付けられる評価", "mandatory assessment"),
                d.required.label(lang)
            );
            s.push_str(&format!(
                "{}: {}\n",
                lang.pick("しきい値判断結果", "threshold result"),
                d.required.result().label()
            ));
            for r in &d.reasons {
                s.push_str(&format!("  - {}\n", r.text(lang)));
            }
            s
        }
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_as_people_type_them() {
        for s in [
            "12000",
            "12,000",
            "１２０００",
            "12000人",
            "１２，０００人",
            "約12,000人",
        ] {
            assert_eq!(super::parse_count(s), Some(12_000), "{s}");
        }
        assert_eq!(super::parse_count("many"), None);
    }
}
