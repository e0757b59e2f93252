//! しきい値判断: which assessment is mandatory, from 対象人数, 取扱者数 and 重大事故.
//!
//! The table (DOMAIN.md; 特定個人情報保護評価指針):
//!
//! | 対象人数 | 取扱者 500人以上 or 重大事故あり | required |
//! |---|---|---|
//! | under 1,000 | — | none (任意実施) |
//! | 1,000 – under 10,000 | — | 基礎 |
//! | 10,000 – under 100,000 | no / yes | 基礎 / 基礎 + 重点 |
//! | 100,000 – under 300,000 | no / yes | 基礎 + 重点 / 基礎 + 全項目 |
//! | 300,000 and over | — | 基礎 + 全項目 |

use serde::Serialize;

use crate::diagnostic::{Lang, Message};
use crate::model::{HandlersBand, Incident, PeopleBand, SubmittedForms, ThresholdResult};

/// A level of assessment, ordered: a higher level satisfies a lower one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Level {
    #[serde(rename = "none")]
    None,
    #[serde(rename = "basic")]
    Basic,
    #[serde(rename = "basic+key")]
    BasicKey,
    #[serde(rename = "basic+full")]
    BasicFull,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Basic => "basic",
            Level::BasicKey => "basic+key",
            Level::BasicFull => "basic+full",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Level::None, Lang::Ja) => "義務なし（任意実施）",
            (Level::Basic, Lang::Ja) => "基礎項目評価",
            (Level::BasicKey, Lang::Ja) => "基礎項目評価及び重点項目評価",
            (Level::BasicFull, Lang::Ja) => "基礎項目評価及び全項目評価",
            (Level::None, Lang::En) => "none (voluntary)",
            (Level::Basic, Lang::En) => "basic",
            (Level::BasicKey, Lang::En) => "basic + key items",
            (Level::BasicFull, Lang::En) => "basic + full",
        }
    }

    pub fn result(self) -> ThresholdResult {
        match self {
            Level::None => ThresholdResult::Voluntary,
            Level::Basic => ThresholdResult::Basic,
            Level::BasicKey => ThresholdResult::BasicKey,
            Level::BasicFull => ThresholdResult::BasicFull,
        }
    }

    pub fn of_result(r: ThresholdResult) -> Level {
        match r {
            ThresholdResult::Voluntary => Level::None,
            ThresholdResult::Basic => Level::Basic,
            ThresholdResult::BasicKey => Level::BasicKey,
            ThresholdResult::BasicFull => Level::BasicFull,
        }
    }

    pub fn of_submitted(s: SubmittedForms) -> Level {
        match s {
            SubmittedForms::Basic => Level::Basic,
            SubmittedForms::BasicKey => Level::BasicKey,
            SubmittedForms::BasicFull => Level::BasicFull,
        }
    }

    /// Whether forms done at `self` satisfy a requirement of `required`. 全項目 covers 重点.
    pub fn satisfies(self, required: Level) -> bool {
        self >= required
    }
}

/// The result of a threshold determination, with the reasoning a person can follow.
#[derive(Debug, Clone, Serialize)]
pub struct Determination {
    pub required: Level,
    /// 500人以上 or a serious incident: the condition that raises the level in the middle bands.
    pub aggravated: bool,
    #[serde(skip)]
    pub reasons: Vec<Message>,
}

pub fn determine(people: PeopleBand, handlers: HandlersBand, incident: Incident) -> Determination {
    let many = handlers == HandlersBand::From500;
    let serious = incident == Incident::Occurred;
    let aggravated = many || serious;
    let mut reasons = vec![Message::new(
        format!("対象人数: {}", people.label()),
        format!("people: {} ({})", people.label(), people.id()),
    )];
    let cond = Message::new(
        format!(
            "取扱者数: {}、重大事故: {} → {}",
            handlers.label(),
            incident.label(),
            if aggravated {
                "取扱者500人以上又は重大事故ありに該当"
            } else {
                "取扱者500人以上にも重大事故ありにも該当しない"
            }
        ),
        format!(
            "handlers: {} ({}), serious incident: {} ({}) → {}",
            handlers.label(),
            handlers.id(),
            incident.label(),
            incident.id(),
            if aggravated {
                "500 or more handlers, or a serious incident"
            } else {
                "neither 500 or more handlers nor a serious incident"
            }
        ),
    );
    let required = match people {
        PeopleBand::Under1k => {
            reasons.push(Message::new(
                "1,000人未満のため、特定個人情報保護評価の実施は義務付けられない（任意実施）",
                "under 1,000 people: no assessment is mandatory (voluntary)",
            ));
            Level::None
        }
        PeopleBand::From1kTo10k => {
            reasons.push(Message::new(
                "1,000人以上1万人未満のため、基礎項目評価が義務付けられる",
                "1,000 to under 10,000 people: the basic assessment is mandatory",
            ));
            Level::Basic
        }
        PeopleBand::From10kTo100k => {
            reasons.push(cond);
            if aggravated {
                reasons.push(Message::new("1万人以上10万人未満で該当ありのため、基礎項目評価及び重点項目評価", "10,000 to under 100,000 people with the condition: basic + key-items assessment"));
                Level::BasicKey
            } else {
                reasons.push(Message::new(
                    "1万人以上10万人未満で該当なしのため、基礎項目評価",
                    "10,000 to under 100,000 people without the condition: basic assessment",
                ));
                Level::Basic
            }
        }
        PeopleBand::From100kTo300k => {
            reasons.push(cond);
            if aggravated {
                reasons.push(Message::new(
                    "10万人以上30万人未満で該当ありのため、基礎項目評価及び全項目評価",
                    "100,000 to under 300,000 people with the condition: basic + full assessment",
                ));
                Level::BasicFull
            } else {
                reasons.push(Message::new("10万人以上30万人未満で該当なしのため、基礎項目評価及び重点項目評価", "100,000 to under 300,000 people without the condition: basic + key-items assessment"));
                Level::BasicKey
            }
        }
        PeopleBand::From300k => {
            reasons.push(Message::new(
                "30万人以上のため、基礎項目評価及び全項目評価が義務付けられる",
                "300,000 people or more: basic + full assessment",
            ));
            Level::BasicFull
        }
    };
    Determination {
        required,
        aggravated,
        reasons,
    }
}

/// The band a head count falls in (lower bound inclusive, upper exclusive).
pub fn people_band(count: u64) -> PeopleBand {
    match count {
        0..=999 => PeopleBand::Under1k,
        1_000..=9_999 => PeopleBand::From1kTo10k,
        10_000..=99_999 => PeopleBand::From10kTo100k,
        100_000..=299_999 => PeopleBand::From100kTo300k,
        _ => PeopleBand::From300k,
    }
}

pub fn handlers_band(count: u64) -> HandlersBand {
    if count >= 500 {
        HandlersBand::From500
    } else {
        HandlersBand::Under500
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_table() {
        use HandlersBand::*;
        use Incident::{None as NoIncident, Occurred};
        use PeopleBand::*;
        let cases = [
            (Under1k, From500, Occurred, Level::None),
            (From1kTo10k, From500, Occurred, Level::Basic),
            (From10kTo100k, Under500, NoIncident, Level::Basic),
            (From10kTo100k, From500, NoIncident, Level::BasicKey),
            (From10kTo100k, Under500, Occurred, Level::BasicKey),
            (From100kTo300k, Under500, NoIncident, Level::BasicKey),
            (From100kTo300k, Under500, Occurred, Level::BasicFull),
            (From100kTo300k, From500, NoIncident, Level::BasicFull),
            (From300k, Under500, NoIncident, Level::BasicFull),
        ];
        for (p, h, i, want) in cases {
            assert_eq!(determine(p, h, i).required, want, "{p:?} {h:?} {i:?}");
        }
    }

    #[test]
    fn counts_fall_in_bands_with_inclusive_lower_bounds() {
        assert_eq!(people_band(999), PeopleBand::Under1k);
        assert_eq!(people_band(1_000), PeopleBand::From1kTo10k);
        assert_eq!(people_band(10_000), PeopleBand::From10kTo100k);
        assert_eq!(people_band(299_999), PeopleBand::From100kTo300k);
        assert_eq!(people_band(300_000), PeopleBand::From300k);
        assert_eq!(handlers_band(499), HandlersBand::Under500);
        assert_eq!(handlers_band(500), HandlersBand::From500);
    }

    #[test]
    fn full_satisfies_key() {
        assert!(Level::BasicFull.satisfies(Level::BasicKey));
        assert!(!Level::BasicKey.satisfies(Level::BasicFull));
    }
}
