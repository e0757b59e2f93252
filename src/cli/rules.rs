//! `hyoka rules`, `hyoka explain`, `hyoka threshold`.

use std::io::Write;

use serde_json::json;

use super::{usage_error, PlainFormat, EXIT_OK, EXIT_USAGE};
use crate::check::registry::{self, RULES};
use crate::check::threshold::{self, determine};
use crate::diagnostic::Lang;
use crate::model::{HandlersBand, Incident, PeopleBand};

pub fn list(format: PlainFormat, lang: Lang) -> i32 {
    let text = match format {
        PlainFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|r| json!({"code": r.code, "name": r.name, "severity": r.severity, "summary": lang.pick(r.summary_ja, r.summary_en)}))
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json!({ "rules": rules })).expect("serializes")
            )
        }
        PlainFormat::Human => RULES
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
    EXIT_OK
}

pub fn explain(code: &str, lang: Lang) -> i32 {
    let Some(rule) = registry::find(code) else {
        return usage_error(
            lang,
            &format!("不明なコード `{code}`（`hyoka rules` で一覧）"),
            &format!("unknown code `{code}` (see `hyoka rules`)"),
        );
    };
    match registry::doc(rule.code) {
        Some(doc) => {
            let text = crate::check::explain::for_terminal(rule, doc, lang);
            let _ = std::io::stdout().write_all(text.as_bytes());
            EXIT_OK
        }
        None => {
            eprintln!(
                "{}: {}",
                rule.code,
                lang.pick(rule.summary_ja, rule.summary_en)
            );
            EXIT_USAGE
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

pub fn threshold(
    people: &str,
    handlers: &str,
    incident: &str,
    format: PlainFormat,
    lang: Lang,
) -> i32 {
    let (Some(p), Some(h), Some(i)) = (
        parse_people(people),
        parse_handlers(handlers),
        parse_incident(incident),
    ) else {
        return usage_error(
            lang,
            "--people は人数か区分（1k_to_10k 等）、--handlers は人数か under_500 / 500_or_more、--incident は yes / no で指定してください",
            "--people takes a count or a band id (1k_to_10k, …), --handlers a count or under_500 / 500_or_more, --incident yes or no",
        );
    };
    let d = determine(p, h, i);
    let text = match format {
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
    EXIT_OK
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
