//! Dates as the forms write them: 和暦 (`令和6年1月1日`, `令和元年6月27日`, full- or half-width
//! digits) or ISO (`2024-01-01`). The written form is kept; the forms print 和暦.

use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use schemars::JsonSchema;

use crate::text::fold_width;

/// A Japanese era: name, first day, last day (inclusive; `None` for the current era).
struct Era {
    name: &'static str,
    first: (i32, u32, u32),
    last: Option<(i32, u32, u32)>,
}

const ERAS: &[Era] = &[
    Era {
        name: "令和",
        first: (2019, 5, 1),
        last: None,
    },
    Era {
        name: "平成",
        first: (1989, 1, 8),
        last: Some((2019, 4, 30)),
    },
    Era {
        name: "昭和",
        first: (1926, 12, 25),
        last: Some((1989, 1, 7)),
    },
];

#[derive(Debug, Clone)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// Exactly what the YAML said, so that a round trip does not rewrite people's dates.
    pub written: String,
    /// False for an 和暦 date outside its era (平成31年5月1日): real documents contain these, so
    /// it is a warning, not a load failure.
    pub era_exists: bool,
}

impl PartialEq for Date {
    fn eq(&self, other: &Self) -> bool {
        self.ymd() == other.ymd()
    }
}
impl Eq for Date {}
impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ymd().cmp(&other.ymd())
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not shaped like a date at all.
    Shape,
    /// Shaped like one, but month or day out of range (2月30日).
    Calendar,
}

impl Date {
    pub fn ymd(&self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }

    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month,
            day,
            written: format!("{year:04}-{month:02}-{day:02}"),
            era_exists: true,
        })
    }

    /// Reads the ways dates are written in these documents: `令和6年1月1日` (full- or
    /// half-width digits, `元年`), the short forms clerks type — `令6.1.1`, `R6.1.1`, `R6/1/1`,
    /// `令和6.1.1`, `H31.4.30` — and western `2024-01-01`, `2024/1/1`, `2024年1月1日`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        static WAREKI: OnceLock<Regex> = OnceLock::new();
        static ISO: OnceLock<Regex> = OnceLock::new();
        let wareki = WAREKI.get_or_init(|| {
            Regex::new(
                r"^(令和|平成|昭和|令|平|昭|R|H|S)\s*(元|\d{1,2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[./](\d{1,2})[./](\d{1,2}))$",
            )
            .unwrap()
        });
        let iso = ISO.get_or_init(|| {
            Regex::new(
                r"^(\d{4})\s*(?:[-/](\d{1,2})[-/](\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)$",
            )
            .unwrap()
        });
        // 「令和7年3月1日時点」: the form prints 時点 after a counting date, and clerks copy it.
        let text = text.trim();
        let text = text.strip_suffix("時点").map_or(text, str::trim_end);
        let folded = fold_width(text).to_uppercase();
        // Month and day from whichever spelling matched (年月日 or dots/slashes).
        let md = |c: &regex::Captures, a: usize, b: usize| {
            c.get(a)
                .zip(c.get(b))
                .or_else(|| c.get(a + 2).zip(c.get(b + 2)))
                .map(|(m, d)| (m.as_str().to_string(), d.as_str().to_string()))
        };
        let (year, month, day, era) = if let Some(c) = wareki.captures(&folded) {
            let name = match &c[1] {
                "令" | "R" => "令和",
                "平" | "H" => "平成",
                "昭" | "S" => "昭和",
                full => full,
            };
            let era = ERAS
                .iter()
                .find(|e| e.name == name)
                .expect("regex lists known eras");
            let (m, d) = md(&c, 3, 4).ok_or(DateError::Shape)?;
            let n: i32 = if &c[2] == "元" {
                1
            } else {
                c[2].parse().map_err(|_| DateError::Shape)?
            };
            if n == 0 {
                return Err(DateError::Calendar);
            }
            (
                era.first.0 + n - 1,
                m.parse().map_err(|_| DateError::Shape)?,
                d.parse().map_err(|_| DateError::Shape)?,
                Some(era),
            )
        } else if let Some(c) = iso.captures(&folded) {
            let (m, d) = md(&c, 2, 3).ok_or(DateError::Shape)?;
            (
                c[1].parse().map_err(|_| DateError::Shape)?,
                m.parse().map_err(|_| DateError::Shape)?,
                d.parse().map_err(|_| DateError::Shape)?,
                None,
            )
        } else {
            return Err(DateError::Shape);
        };
        let mut date = Date::from_ymd(year, month, day).ok_or(DateError::Calendar)?;
        date.written = text.to_string();
        if let Some(era) = era {
            let ymd = (year, month, day);
            date.era_exists = ymd >= era.first && era.last.is_none_or(|last| ymd <= last);
        }
        Ok(date)
    }

    /// 和暦 as the forms print it: `令和6年1月1日` (first years as `1年`, as seed 002 does).
    pub fn wareki(&self) -> String {
        let ymd = self.ymd();
        match ERAS.iter().find(|e| ymd >= e.first) {
            Some(era) => {
                let n = self.year - era.first.0 + 1;
                // 「令和元年」 as the author wrote it: published forms print both 元年 and 1年.
                let year = if n == 1 && self.written.contains('元') {
                    "元".to_string()
                } else {
                    n.to_string()
                };
                format!("{}{year}年{}月{}日", era.name, self.month, self.day)
            }
            None => self.iso(),
        }
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Date::from_ymd(y, m, d).expect("civil_from_days yields valid dates")
    }

    /// Today in UTC+9 (Japan), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days_since_epoch((secs + 9 * 3600).div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.written)
    }
}

// Marks a serde error for a date that is shaped right but does not exist (令和6年2月30日), so
// the loader can say so in either language.
use crate::yaml::de::NO_SUCH_DAY;

/// What a valid date looks like, for error messages in either language.
pub const DATE_EXPECTED: &str = "令和6年1月1日 / 2024-01-01";

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(DATE_EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(|e| match e {
                    // Shaped like a date, but not a day on the calendar: say that, not "expected".
                    DateError::Calendar => E::custom(format!("{NO_SUCH_DAY}{v}")),
                    DateError::Shape => {
                        E::invalid_value(serde::de::Unexpected::Str(v), &DATE_EXPECTED)
                    }
                })
            }
        }
        d.deserialize_str(V)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "和暦（令和6年1月1日・令和元年6月27日、全角数字可。略記 令6.1.1・R6.1.1・R6/1/1 も可）または西暦（2024-01-01・2024/1/1・2024年1月1日）",
            "pattern": "^\\s*((令和|平成|昭和|令|平|昭|[RHSrhsＲＨＳｒｈｓ])\\s*(元|[0-9０-９]{1,2})\\s*(年\\s*[0-9０-９]{1,2}\\s*月\\s*[0-9０-９]{1,2}\\s*日|[./．／][0-9０-９]{1,2}[./．／][0-9０-９]{1,2})|[0-9０-９]{4}\\s*([-/－／][0-9０-９]{1,2}[-/－／][0-9０-９]{1,2}|年\\s*[0-9０-９]{1,2}\\s*月\\s*[0-9０-９]{1,2}\\s*日))\\s*$",
            "examples": ["令和6年1月1日", "2024-01-01"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_short_forms_clerks_type() {
        for (text, ymd) in [
            ("R6.1.1", (2024, 1, 1)),
            ("令和7年3月1日時点", (2025, 3, 1)),
            ("令和7年3月1日 時点", (2025, 3, 1)),
            ("r6.1.1", (2024, 1, 1)),
            ("R6/1/1", (2024, 1, 1)),
            ("令6.1.1", (2024, 1, 1)),
            ("令和6.1.1", (2024, 1, 1)),
            ("H31.4.30", (2019, 4, 30)),
            ("Ｒ６．１．１", (2024, 1, 1)),
            ("2024年1月1日", (2024, 1, 1)),
            ("2024/1/1", (2024, 1, 1)),
            ("令6年1月1日", (2024, 1, 1)),
        ] {
            assert_eq!(Date::parse(text).map(|d| d.ymd()), Ok(ymd), "{text}");
        }
        assert_eq!(Date::parse("令和6年2月30日"), Err(DateError::Calendar));
        assert_eq!(Date::parse("R6.2.30"), Err(DateError::Calendar));
        assert_eq!(Date::parse("X6.1.1"), Err(DateError::Shape));
        assert_eq!(Date::parse("令和6.1"), Err(DateError::Shape));
    }

    #[test]
    fn reads_wareki_in_all_spellings() {
        for (text, ymd) in [
            ("令和6年1月1日", (2024, 1, 1)),
            ("令和元年6月27日", (2019, 6, 27)),
            ("R元.6.27", (2019, 6, 27)),
            ("令和1年6月27日", (2019, 6, 27)),
            ("令和５年２月１５日", (2023, 2, 15)),
            ("平成28年12月9日", (2016, 12, 9)),
            ("平成31年4月30日", (2019, 4, 30)),
            ("昭和64年1月7日", (1989, 1, 7)),
            ("2024-01-01", (2024, 1, 1)),
            ("２０２４－０１－０１", (2024, 1, 1)),
        ] {
            let d = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(d.ymd(), ymd, "{text}");
            assert!(d.era_exists, "{text}");
            assert_eq!(d.written, text);
        }
    }

    #[test]
    fn the_first_year_prints_as_the_author_wrote_it() {
        for (text, printed) in [
            ("令和元年6月27日", "令和元年6月27日"),
            ("R元.6.27", "令和元年6月27日"),
            ("令和1年6月27日", "令和1年6月27日"),
            ("2019-06-27", "令和1年6月27日"),
            ("平成元年1月8日", "平成元年1月8日"),
        ] {
            assert_eq!(Date::parse(text).unwrap().wareki(), printed, "{text}");
        }
    }

    #[test]
    fn a_date_no_era_has_loads_but_is_flagged() {
        let d = Date::parse("平成31年5月1日").unwrap();
        assert_eq!(d.ymd(), (2019, 5, 1));
        assert!(!d.era_exists);
        assert_eq!(d.wareki(), "令和1年5月1日");
        assert!(!Date::parse("令和1年4月30日").unwrap().era_exists);
        assert!(!Date::parse("昭和64年1月8日").unwrap().era_exists);
    }

    #[test]
    fn rejects_non_dates_and_impossible_days() {
        assert_eq!(Date::parse("来年の春"), Err(DateError::Shape));
        assert_eq!(Date::parse("令和6年2月30日"), Err(DateError::Calendar));
        assert_eq!(Date::parse("令和0年1月1日"), Err(DateError::Calendar));
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::Calendar));
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn formats_wareki_across_era_boundaries() {
        assert_eq!(
            Date::parse("2019-04-30").unwrap().wareki(),
            "平成31年4月30日"
        );
        assert_eq!(Date::parse("2019-05-01").unwrap().wareki(), "令和1年5月1日");
        assert_eq!(Date::parse("1989-01-08").unwrap().wareki(), "平成1年1月8日");
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for text in ["1970-01-01", "2000-02-29", "2019-05-01", "2024-12-31"] {
            let d = Date::parse(text).unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
    }
}
