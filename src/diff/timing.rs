//! 提出時期 (事前 / 事後) of each row, and why, as the 記載要領 decides it: by dates. The rules'
//! data — which items record facts of the present, the words of each reason — is in
//! `templates/history.yaml`.
//!
//! 1. `--timing ITEM=…` overrides a row.
//! 2. A fact of the present (担当部署, 請求先, the threshold's counting dates and counts) is 事後.
//! 3. With the day the changes take effect (`--effective`): 事前 when the revision's 変更日 is
//!    before it, else 事後.
//! 4. Without it: a ※ item of a form that prints ※ (様式3/4) is a 重要な変更, 事前; every other
//!    change is a correction of the assessment, 事後. 様式2 prints no ※.

use serde::Deserialize;

use super::{wording, Change, DiffOptions};
use crate::diagnostic::Message;
use crate::model::form::FormDef;
use crate::model::{Date, Timing};

#[derive(Deserialize)]
pub(super) struct TimingRules {
    facts_of_the_present: Vec<String>,
    why: Whys,
}

#[derive(Deserialize)]
struct Text {
    ja: String,
    en: String,
}

impl Text {
    fn with(&self, key: &str, ja: &str, en: &str) -> Message {
        Message::new(
            self.ja.replace(&format!("{{{key}}}"), ja),
            self.en.replace(&format!("{{{key}}}"), en),
        )
    }
}

#[derive(Deserialize)]
struct Whys {
    fact: Text,
    before_effective: Text,
    after_effective: Text,
    important: Text,
    correction: Text,
    #[serde(rename = "override")]
    overridden: Text,
}

/// Whether the change at a model path records a fact of the present.
pub(super) fn is_fact(path: &str) -> bool {
    let dotted = path.trim_start_matches('/').replace('/', ".");
    wording()
        .timing
        .facts_of_the_present
        .iter()
        .any(|f| dotted == *f || dotted.starts_with(&format!("{f}.")))
}

/// The item's own words, without its section and number: `Ⅰ 5. … ①部署` → `部署`.
pub(super) fn own_words(item: &str) -> String {
    let last = item.split(' ').next_back().unwrap_or(item);
    last.trim_start_matches(|c: char| ('①'..='⑳').contains(&c))
        .trim_end_matches(['※', ' '])
        .to_string()
}

/// Sets each row's 提出時期, its 提出時期に係る説明 where the rule gives one, and why.
pub(super) fn decide(changes: &mut [Change], def: &FormDef, options: &DiffOptions) {
    let rules = &wording().timing;
    let changed_on = options.changed_on.clone().unwrap_or_else(Date::today);
    let posterior_reason = || Some(wording().reasons.posterior.clone());
    for c in changes.iter_mut() {
        let important = c.important;
        let (timing, why) = if is_fact(&c.path) {
            let words = own_words(&c.item);
            (
                Timing::Posterior,
                rules.why.fact.with("item", &words, &words),
            )
        } else if let Some(effective) = &options.effective {
            let (ja, en) = (effective.wareki(), effective.iso());
            if changed_on < *effective {
                (
                    Timing::Prior,
                    rules.why.before_effective.with("effective", &ja, &en),
                )
            } else {
                (
                    Timing::Posterior,
                    rules.why.after_effective.with("effective", &ja, &en),
                )
            }
        } else if important {
            let form = def.form.label();
            (Timing::Prior, rules.why.important.with("form", form, form))
        } else {
            (Timing::Posterior, rules.why.correction.with("", "", ""))
        };
        c.timing = timing;
        c.why = why;
        // 提出時期に係る説明: a 事後 change that is not a 重要な変更 says so; a 重要な変更 made
        // 事後 needs the body's own reason (hyoka check asks for it, HY0501).
        c.reason = (timing == Timing::Posterior && !important)
            .then(posterior_reason)
            .flatten();
    }
    for c in changes.iter_mut() {
        let over = options
            .timing
            .iter()
            .find(|(pat, _)| c.path.starts_with(pat.as_str()) || c.item.contains(pat.as_str()));
        if let Some((_, t)) = over {
            c.timing = *t;
            c.why = rules.why.overridden.with("", "", "");
            let important = c.important;
            c.reason = (*t == Timing::Posterior && !important)
                .then(posterior_reason)
                .flatten();
        }
    }
}
