//! Calendar dates and ISO 8601 weeks, without a time crate.
//!
//! A response record keeps the day it was answered on (never the time of day),
//! and Danish practice counts in ISO weeks ("uge 47"). The core crate has no
//! clock and no time-zone data: "today" is always passed in by the caller (the
//! app reads it from the tablet), so every rule here is a pure function on the
//! proleptic Gregorian calendar that is tested natively.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A calendar day, `0001-01-01` to `9999-12-31`.
///
/// Always a real date: the fields are private and every constructor checks
/// them. Serialised as the ISO 8601 string `"YYYY-MM-DD"`; an invalid string or
/// a day that does not exist (`"2026-02-29"`) is a deserialisation error.
/// Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    // Field order matters: the derived `Ord` compares year, then month, then day.
    year: i32,
    month: u8,
    day: u8,
}

/// An ISO 8601 week: weeks start on Monday, and week 1 of a year is the week
/// that holds the year's first Thursday, so a week's year (`year`) can differ
/// from the calendar year of its first or last days.
///
/// Serialised as `"2026-W47"`. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IsoWeek {
    year: i32,
    week: u8,
}

/// A string that is not a date or week in the expected form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a real day written `YYYY-MM-DD`.
    Date(String),
    /// Not an existing ISO week written `YYYY-Www`.
    Week(String),
}

impl DateError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Date(s) => tr!(lang,
                da: format!("«{s}» er ikke en gyldig dato (skrives ÅÅÅÅ-MM-DD)."),
                en: format!("«{s}» is not a valid date (written YYYY-MM-DD)."),
            ),
            Self::Week(s) => tr!(lang,
                da: format!("«{s}» er ikke en gyldig uge (skrives ÅÅÅÅ-Wuu)."),
                en: format!("«{s}» is not a valid week (written YYYY-Www)."),
            ),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DateError {}

/// Days from 1970-01-01 to 0001-01-01 and to 9999-12-31.
const MIN_UNIX_DAYS: i64 = -719_162;
const MAX_UNIX_DAYS: i64 = 2_932_896;

impl Date {
    pub const MIN_YEAR: i32 = 1;
    pub const MAX_YEAR: i32 = 9999;

    /// The date, if it exists: month 1–12, day within the month (29 February
    /// only in leap years), year 1–9999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let ok = (Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day,
    /// no surrounding space) into a real date.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        Date::new(year as i32, month as u8, day as u8)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 = January … 12 = December.
    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Gregorian leap years: every fourth year, except centuries not divisible by 400.
    pub fn is_leap_year(year: i32) -> bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Day of the year: 1 for 1 January, up to 366.
    pub fn ordinal(self) -> u16 {
        let before: u16 = (1..self.month)
            .map(|m| u16::from(days_in_month(self.year, m)))
            .sum();
        before + u16::from(self.day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn iso_weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.unix_days() + 3).rem_euclid(7) + 1) as u8
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn unix_days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The date `days` days after 1970-01-01, if it is within years 1–9999.
    /// For the app: `Date::from_unix_days(ms_since_epoch.div_euclid(86_400_000))`
    /// gives the UTC date; use the local calendar fields for the local date.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        (MIN_UNIX_DAYS..=MAX_UNIX_DAYS)
            .contains(&days)
            .then(|| civil_from_days(days))
    }

    /// The date `days` days later (earlier if negative), if it is within years 1–9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_unix_days(self.unix_days().checked_add(days)?)
    }

    /// Whole days from `earlier` to `self` (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.unix_days() - earlier.unix_days()
    }

    /// The ISO 8601 week this day belongs to. 2026-01-01 is a Thursday, so it
    /// is in 2026-W01; 2021-01-03 (a Sunday) is in 2020-W53; 2024-12-30 (a
    /// Monday) is in 2025-W01.
    pub fn iso_week(self) -> IsoWeek {
        // The week number the day would have if its year's week 1 were the
        // week of 4 January (which always holds the first Thursday).
        let week = (i32::from(self.ordinal()) - i32::from(self.iso_weekday()) + 10) / 7;
        if week < 1 {
            let year = self.year - 1;
            IsoWeek {
                year,
                week: weeks_in_year(year),
            }
        } else if week > i32::from(weeks_in_year(self.year)) {
            IsoWeek {
                year: self.year + 1,
                week: 1,
            }
        } else {
            IsoWeek {
                year: self.year,
                week: week as u8,
            }
        }
    }
}

impl IsoWeek {
    /// The week, if `year` (1–9999) has a week number `week`: 1–52, or 1–53
    /// in the years that have 53 weeks.
    pub fn new(year: i32, week: u8) -> Option<IsoWeek> {
        let ok = (Date::MIN_YEAR..=Date::MAX_YEAR).contains(&year)
            && week >= 1
            && week <= weeks_in_year(year);
        ok.then_some(IsoWeek { year, week })
    }

    /// Parses exactly `YYYY-Www`, e.g. `2026-W47`, into an existing week.
    pub fn parse(s: &str) -> Option<IsoWeek> {
        let b = s.as_bytes();
        if b.len() != 8 || b[4] != b'-' || b[5] != b'W' {
            return None;
        }
        IsoWeek::new(digits(&b[0..4])? as i32, digits(&b[6..8])? as u8)
    }

    /// The week-numbering year, which can differ from the calendar year of
    /// the week's days around New Year.
    pub fn year(self) -> i32 {
        self.year
    }

    pub fn week(self) -> u8 {
        self.week
    }

    /// How many ISO weeks `year` has: 53 when it starts on a Thursday, or on a
    /// Wednesday in a leap year; otherwise 52.
    pub fn weeks_in_year(year: i32) -> u8 {
        weeks_in_year(year)
    }

    /// The Monday the week starts on.
    pub fn monday(self) -> Date {
        // 4 January is always in week 1.
        let jan4 = days_from_civil(self.year, 1, 4);
        let jan4_weekday = (jan4 + 3).rem_euclid(7); // 0 = Monday
        civil_from_days(jan4 - jan4_weekday + 7 * (i64::from(self.week) - 1))
    }

    /// The Sunday the week ends on.
    pub fn sunday(self) -> Date {
        civil_from_days(self.monday().unix_days() + 6)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s).ok_or_else(|| DateError::Date(s.to_string()))
    }
}

impl FromStr for IsoWeek {
    type Err = DateError;

    fn from_str(s: &str) -> Result<IsoWeek, DateError> {
        IsoWeek::parse(s).ok_or_else(|| DateError::Week(s.to_string()))
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;

    fn try_from(s: String) -> Result<Date, DateError> {
        s.parse()
    }
}

impl TryFrom<String> for IsoWeek {
    type Error = DateError;

    fn try_from(s: String) -> Result<IsoWeek, DateError> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

impl From<IsoWeek> for String {
    fn from(week: IsoWeek) -> String {
        week.to_string()
    }
}

/// The value of a run of ASCII digits (at most four here), or `None`.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if Date::is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn weeks_in_year(year: i32) -> u8 {
    // 28 December is always in the last week of its year.
    let dec28 = days_from_civil(year, 12, 28);
    let ordinal = if Date::is_leap_year(year) { 363 } else { 362 };
    let weekday = (dec28 + 3).rem_euclid(7) + 1;
    ((ordinal - weekday + 10) / 7) as u8
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, http://howardhinnant.github.io/date_algorithms.html).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // 0..=399
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1; // 0..=365
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // 0..=146096
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`], for days within years 1–9999.
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("{s} is a date"))
    }

    fn w(year: i32, week: u8) -> IsoWeek {
        IsoWeek::new(year, week).unwrap()
    }

    /// The next day, by the calendar rules alone (no day counts).
    fn next_day(date: Date) -> Date {
        Date::new(date.year, date.month, date.day + 1)
            .or_else(|| Date::new(date.year, date.month + 1, 1))
            .or_else(|| Date::new(date.year + 1, 1, 1))
            .unwrap()
    }

    #[test]
    fn new_accepts_exactly_the_real_dates() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2100, 2, 29).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 12, 31).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 0, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
        assert!(Date::new(0, 1, 1).is_none());
        assert!(Date::new(10_000, 1, 1).is_none());
        assert!(Date::new(1, 1, 1).is_some() && Date::new(9999, 12, 31).is_some());
        assert!(Date::is_leap_year(2024) && !Date::is_leap_year(2026));
    }

    #[test]
    fn parse_is_strict_iso() {
        assert_eq!(d("2026-11-23"), Date::new(2026, 11, 23).unwrap());
        for bad in [
            "",
            "2026-2-01",
            "2026-02-1",
            "26-02-01",
            "2026/02/01",
            " 2026-02-01",
            "2026-02-01 ",
            "2026-02-30",
            "+206-02-01",
            "2026-0a-01",
            "20260201",
            "2026-02-01T00",
            "0000-01-01",
            "２０２６-02-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert_eq!(d("0001-01-01").to_string(), "0001-01-01");
        assert_eq!(d("2026-03-05").to_string(), "2026-03-05");
    }

    #[test]
    fn serde_is_the_iso_string_and_rejects_invalid_dates() {
        let date = d("2026-01-09");
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2026-01-09\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2026-01-09\"").unwrap(),
            date
        );
        let err = serde_json::from_str::<Date>("\"2026-02-29\"").unwrap_err();
        assert!(err.to_string().contains("not a valid date"), "{err}");
        assert!(serde_json::from_str::<Date>("\"2026-1-9\"").is_err());
        assert!(serde_json::from_str::<Date>("20260109").is_err());
        assert!(serde_json::from_str::<Date>("{\"year\":2026,\"month\":1,\"day\":9}").is_err());
        assert_eq!(
            DateError::Date("x".into()).message(Lang::Da),
            "«x» er ikke en gyldig dato (skrives ÅÅÅÅ-MM-DD)."
        );
    }

    #[test]
    fn dates_order_chronologically() {
        assert!(d("2025-12-31") < d("2026-01-01"));
        assert!(d("2026-01-31") < d("2026-02-01"));
        assert!(d("2026-02-09") < d("2026-02-10"));
        assert!(d("0999-12-31") < d("1000-01-01"));
    }

    #[test]
    fn day_counts_and_weekdays() {
        assert_eq!(d("1970-01-01").unix_days(), 0);
        assert_eq!(d("1970-01-01").iso_weekday(), 4); // Thursday
        assert_eq!(d("1969-12-31").unix_days(), -1);
        assert_eq!(d("2000-03-01").unix_days(), 11_017);
        assert_eq!(d("0001-01-01").unix_days(), MIN_UNIX_DAYS);
        assert_eq!(d("9999-12-31").unix_days(), MAX_UNIX_DAYS);
        assert_eq!(d("0001-01-01").iso_weekday(), 1); // Monday
        assert_eq!(d("2026-01-01").iso_weekday(), 4);
        assert_eq!(d("2026-11-23").iso_weekday(), 1);
        assert_eq!(Date::from_unix_days(MIN_UNIX_DAYS - 1), None);
        assert_eq!(Date::from_unix_days(MAX_UNIX_DAYS + 1), None);
        assert_eq!(Date::from_unix_days(i64::MIN), None);
        assert_eq!(d("2024-02-28").add_days(1), Some(d("2024-02-29")));
        assert_eq!(d("2023-02-28").add_days(1), Some(d("2023-03-01")));
        assert_eq!(d("2026-01-01").add_days(-1), Some(d("2025-12-31")));
        assert_eq!(d("9999-12-31").add_days(1), None);
        assert_eq!(d("2026-01-01").add_days(i64::MAX), None);
        assert_eq!(d("2026-03-01").days_since(d("2026-02-01")), 28);
        assert_eq!(d("2024-12-31").ordinal(), 366);
        assert_eq!(d("2026-03-01").ordinal(), 60);
    }

    #[test]
    fn iso_week_examples() {
        assert_eq!(d("2026-01-01").iso_week(), w(2026, 1));
        assert_eq!(d("2021-01-03").iso_week(), w(2020, 53));
        assert_eq!(d("2024-12-30").iso_week(), w(2025, 1));
        assert_eq!(d("2026-11-16").iso_week(), w(2026, 47));
        assert_eq!(d("2027-01-01").iso_week(), w(2026, 53));
        assert_eq!(d("2008-12-29").iso_week(), w(2009, 1));
        assert_eq!(d("2010-01-03").iso_week(), w(2009, 53));
        assert_eq!(d("0001-01-01").iso_week(), w(1, 1));
        assert_eq!(d("9999-12-31").iso_week(), w(9999, 52));
        assert_eq!(w(2026, 47).monday(), d("2026-11-16"));
        assert_eq!(w(2026, 47).sunday(), d("2026-11-22"));
        assert_eq!(w(2025, 1).monday(), d("2024-12-30"));
        assert_eq!(w(2020, 53).sunday(), d("2021-01-03"));
        assert_eq!(w(1, 1).monday(), d("0001-01-01"));
    }

    #[test]
    fn iso_week_parse_display_serde() {
        assert_eq!(w(2026, 47).to_string(), "2026-W47");
        assert_eq!(w(2026, 3).to_string(), "2026-W03");
        assert_eq!(IsoWeek::parse("2026-W47"), Some(w(2026, 47)));
        assert_eq!(IsoWeek::parse("2026-W53"), Some(w(2026, 53)));
        for bad in [
            "2025-W53", "2026-W00", "2026-W54", "2026-w47", "2026W47", "2026-W7", "",
        ] {
            assert_eq!(IsoWeek::parse(bad), None, "{bad:?}");
        }
        assert_eq!(IsoWeek::new(2025, 53), None);
        assert_eq!(serde_json::to_string(&w(2026, 47)).unwrap(), "\"2026-W47\"");
        assert_eq!(
            serde_json::from_str::<IsoWeek>("\"2020-W53\"").unwrap(),
            w(2020, 53)
        );
        assert!(serde_json::from_str::<IsoWeek>("\"2021-W53\"").is_err());
        assert!(w(2025, 52) < w(2026, 1) && w(2026, 2) < w(2026, 10));
    }

    /// Every day from 1990 to 2040 against a walk that knows only that
    /// 1990-01-01 was a Monday, that weeks start on Monday, and that a week
    /// belongs to the year of its Thursday (so week 1 holds the first Thursday).
    #[test]
    fn iso_weeks_match_a_day_by_day_walk_1990_to_2040() {
        let start = d("1990-01-01");
        let end = d("2040-12-31");
        let mut date = start;
        let mut weekday = 1u8;
        let mut week = (1990, 1u8);
        let mut longest = std::collections::BTreeMap::new();
        let mut days = 0;
        loop {
            if weekday == 1 && date != start {
                let thursday = next_day(next_day(next_day(date)));
                week = if thursday.year == week.0 {
                    (week.0, week.1 + 1)
                } else {
                    (thursday.year, 1)
                };
            }
            assert_eq!(date.iso_weekday(), weekday, "{date}");
            let iso = date.iso_week();
            assert_eq!((iso.year(), iso.week()), week, "{date}");
            assert_eq!(IsoWeek::parse(&iso.to_string()), Some(iso));
            if weekday == 1 {
                assert_eq!(iso.monday(), date);
            }
            longest.insert(week.0, week.1);
            days += 1;
            if date == end {
                break;
            }
            date = next_day(date);
            weekday = weekday % 7 + 1;
        }
        assert_eq!(days, 18_628); // 51 years, 13 of them leap years
        let long_years: Vec<i32> = longest
            .iter()
            .filter(|(_, &n)| n == 53)
            .map(|(&y, _)| y)
            .collect();
        assert_eq!(
            long_years,
            [1992, 1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037]
        );
        for (&year, &n) in longest.range(1990..=2040) {
            assert_eq!(IsoWeek::weeks_in_year(year), n, "{year}");
        }
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (MIN_UNIX_DAYS..=MAX_UNIX_DAYS).prop_map(|n| Date::from_unix_days(n).unwrap())
    }

    proptest! {
        #[test]
        fn day_numbers_round_trip_and_order(n in MIN_UNIX_DAYS..=MAX_UNIX_DAYS, m in MIN_UNIX_DAYS..=MAX_UNIX_DAYS) {
            let (a, b) = (Date::from_unix_days(n).unwrap(), Date::from_unix_days(m).unwrap());
            prop_assert_eq!(a.unix_days(), n);
            prop_assert_eq!(Date::new(a.year(), a.month(), a.day()), Some(a));
            prop_assert_eq!(a.cmp(&b), n.cmp(&m));
            prop_assert_eq!(b.days_since(a), m - n);
        }

        #[test]
        fn display_parse_and_serde_round_trip(date in any_date()) {
            prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
            let json = serde_json::to_string(&date).unwrap();
            prop_assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
        }

        #[test]
        fn a_date_lies_in_its_weeks_monday_to_sunday(date in any_date()) {
            let week = date.iso_week();
            prop_assert!(week.monday() <= date && date <= week.sunday());
            prop_assert_eq!(date.days_since(week.monday()), i64::from(date.iso_weekday()) - 1);
            prop_assert_eq!(IsoWeek::new(week.year(), week.week()), Some(week));
            prop_assert!((week.year() - date.year()).abs() <= 1);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            if let Some(date) = Date::parse(&s) {
                prop_assert_eq!(date.to_string(), s.clone());
            }
            if let Some(week) = IsoWeek::parse(&s) {
                prop_assert_eq!(week.to_string(), s);
            }
        }
    }
}
