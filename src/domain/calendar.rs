//! Calendar months and the dates people type.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use thiserror::Error;

use super::quoted;

/// A calendar month, the unit budgets and reports work in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[must_use]
pub struct Month {
    year: i32,
    month: u32,
}

/// Why typed text is not a date or a month.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("date is empty; type YYYY-MM-DD, today or yesterday")]
    Empty,
    #[error("date {} is not YYYY-MM-DD (or today, yesterday)", quoted(.0))]
    Format(String),
    #[error("date {} does not exist in the calendar", quoted(.0))]
    Impossible(String),
    #[error("date {} is out of range; years run from 1 to 9999", quoted(.0))]
    YearOutOfRange(String),
    #[error("month {} is not YYYY-MM with a month from 01 to 12", quoted(.0))]
    Month(String),
    #[error(
        "month {month} is out of range; months run from {first} to {last}, ten years past this one"
    )]
    OutOfReach {
        month: Month,
        first: Month,
        last: Month,
    },
}

impl Month {
    /// The first month a ledger can hold.
    pub const MIN: Month = Month { year: 1, month: 1 };
    /// The last month a ledger can hold.
    pub const MAX: Month = Month {
        year: 9999,
        month: 12,
    };

    /// The earliest month anyone looks at or budgets for.
    pub const EARLIEST_IN_REACH: Month = Month {
        year: 1970,
        month: 1,
    };

    /// The months a person can look at or budget for, seen from `today`: 1970-01 through
    /// ten years past the current month.
    pub fn reach(today: NaiveDate) -> (Month, Month) {
        let current = Month::of(today);
        let last = Month::new(current.year + 10, current.month).unwrap_or(Month::MAX);
        (Month::EARLIEST_IN_REACH, last)
    }

    /// This month, if it is in reach from `today`; else an error naming the range.
    pub fn in_reach(self, today: NaiveDate) -> Result<Month, DateError> {
        let (first, last) = Month::reach(today);
        if (first..=last).contains(&self) {
            Ok(self)
        } else {
            Err(DateError::OutOfReach {
                month: self,
                first,
                last,
            })
        }
    }

    /// Parses `YYYY-MM` and checks it is in reach from `today`.
    pub fn parse_in_reach(text: &str, today: NaiveDate) -> Result<Month, DateError> {
        Month::parse(text)?.in_reach(today)
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// A month from its parts, if the month number is 1 to 12 and the year 1 to 9999.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(Month { year, month })
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, DateError> {
        let error = || DateError::Month(text.to_string());
        // The form the ledger stores, read without splitting: a rollover run reads a month
        // per category and month it spans.
        if let &[y0, y1, y2, y3, b'-', m0, m1] = text.as_bytes()
            && [y0, y1, y2, y3, m0, m1].iter().all(u8::is_ascii_digit)
        {
            let digit = |b: u8| u32::from(b - b'0');
            let year = [y1, y2, y3]
                .into_iter()
                .fold(digit(y0), |n, b| n * 10 + digit(b));
            let month = digit(m0) * 10 + digit(m1);
            return i32::try_from(year)
                .ok()
                .and_then(|year| Month::new(year, month))
                .ok_or_else(error);
        }
        let (year, month) = text.trim().split_once('-').ok_or_else(error)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(error());
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(year) || !all_digits(month) {
            return Err(error());
        }
        let year = year.parse().map_err(|_| error())?;
        let month = month.parse().map_err(|_| error())?;
        Month::new(year, month).ok_or_else(error)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1 to 12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month. Queries compare with it (`date <= last_day`) rather than
    /// with the next month's first day, which for December 9999 has no 4-digit form.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.days()).unwrap_or(NaiveDate::MAX)
    }

    /// The first day of the following month: the exclusive end of this one.
    pub fn end_exclusive(self) -> NaiveDate {
        self.first_day()
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The number of days in the month.
    pub fn days(self) -> u32 {
        u32::try_from((self.end_exclusive() - self.first_day()).num_days()).unwrap_or(31)
    }

    // Plain arithmetic: a rollover chain steps through every month it spans on each read.
    pub fn next(self) -> Month {
        match self.month {
            12 => Month {
                year: self.year + 1,
                month: 1,
            },
            month => Month {
                year: self.year,
                month: month + 1,
            },
        }
    }

    pub fn previous(self) -> Month {
        match self.month {
            1 => Month {
                year: self.year - 1,
                month: 12,
            },
            month => Month {
                year: self.year,
                month: month - 1,
            },
        }
    }

    /// A count of months since year 0, so month differences are a subtraction.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// Reading form, as in alert messages: `May 2025`.
    pub fn long_name(self) -> String {
        self.first_day().format("%b %Y").to_string()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// `YYYY-MM-DD` as bytes, without the formatting machinery: for the hot paths that write
/// or store many dates. `None` for a year outside 0 to 9999, which no stored date has.
pub fn iso_date_bytes(date: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let mut out = [b'-'; 10];
    for (at, value) in [
        (0, year / 100),
        (2, year % 100),
        (5, date.month()),
        (8, date.day()),
    ] {
        out[at] = b'0' + u8::try_from(value / 10).ok()?;
        out[at + 1] = b'0' + u8::try_from(value % 10).ok()?;
    }
    Some(out)
}

/// Parses a date as people type it: ISO `YYYY-MM-DD`, `today` or `yesterday`.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let trimmed = text.trim();
    match trimmed.to_ascii_lowercase().as_str() {
        "" => return Err(DateError::Empty),
        "today" => return Ok(today),
        "yesterday" => {
            return today
                .pred_opt()
                .ok_or(DateError::Impossible(trimmed.into()));
        }
        _ => {}
    }
    let format_error = || DateError::Format(trimmed.to_string());
    let parts: Vec<&str> = trimmed.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(format_error());
    };
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(month, 2) || !digits(day, 2) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format_error());
    }
    if year.len() != 4 || *year == "0000" {
        return Err(DateError::YearOutOfRange(trimmed.to_string()));
    }
    let number = |s: &str| s.parse::<u32>().map_err(|_| format_error());
    let year = i32::try_from(number(year)?).map_err(|_| format_error())?;
    NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)
        .ok_or_else(|| DateError::Impossible(trimmed.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn months_in_reach_run_from_1970_to_ten_years_past_this_one() {
        let today = day(2026, 12, 6);
        let month = |text: &str| Month::parse(text).expect("month");
        assert_eq!(
            Month::parse_in_reach("1970-01", today),
            Ok(month("1970-01"))
        );
        assert_eq!(
            Month::parse_in_reach("2036-12", today),
            Ok(month("2036-12"))
        );
        let refused = Month::parse_in_reach("9999-12", today).expect_err("far future");
        assert_eq!(
            refused.to_string(),
            "month 9999-12 is out of range; months run from 1970-01 to 2036-12, ten years past this one"
        );
        assert!(Month::parse_in_reach("1969-12", today).is_err());
        assert!(Month::parse_in_reach("2037-01", today).is_err());
    }

    #[test]
    fn dates_parse_iso_and_words() {
        let today = day(2025, 3, 1);
        assert_eq!(parse_date("2025-05-02", today), Ok(day(2025, 5, 2)));
        assert_eq!(parse_date(" today ", today), Ok(today));
        assert_eq!(parse_date("Yesterday", today), Ok(day(2025, 2, 28)));
        assert_eq!(parse_date("2024-02-29", today), Ok(day(2024, 2, 29)));
    }

    #[test]
    fn impossible_dates_are_refused_with_reasons() {
        let today = day(2025, 3, 1);
        let refused = |text: &str| parse_date(text, today).expect_err(text);
        assert_eq!(refused(""), DateError::Empty);
        assert!(matches!(refused("2025-02-30"), DateError::Impossible(_)));
        assert!(matches!(refused("2025-13-01"), DateError::Impossible(_)));
        assert!(matches!(
            refused("0000-01-01"),
            DateError::YearOutOfRange(_)
        ));
        assert!(matches!(
            refused("10000-01-01"),
            DateError::YearOutOfRange(_)
        ));
        assert!(matches!(refused("2025-5-2"), DateError::Format(_)));
        assert!(matches!(refused("02/05/2025"), DateError::Format(_)));
        assert!(matches!(refused("tomorrow"), DateError::Format(_)));
    }

    #[test]
    fn iso_bytes_match_chrono_for_every_storable_year() {
        for (y, m, d) in [
            (2025, 5, 1),
            (1, 1, 1),
            (0, 3, 4),
            (9999, 12, 31),
            (987, 10, 9),
        ] {
            let date = day(y, m, d);
            let bytes = iso_date_bytes(date).expect("a four-digit year");
            assert_eq!(
                bytes.as_slice(),
                date.format("%Y-%m-%d").to_string().as_bytes()
            );
        }
        assert_eq!(iso_date_bytes(day(-5, 1, 1)), None);
        assert_eq!(iso_date_bytes(day(12345, 6, 7)), None);
    }

    #[test]
    fn months_step_and_name() {
        let may = Month::parse("2025-05").expect("month");
        assert_eq!(may.long_name(), "May 2025");
        assert_eq!(may.to_string(), "2025-05");
        assert_eq!(may.next().to_string(), "2025-06");
        assert_eq!(
            Month::parse("2025-01").expect("jan").previous().to_string(),
            "2024-12"
        );
        assert_eq!(Month::parse("2024-02").expect("feb").days(), 29);
        assert_eq!(may.next().index() - may.index(), 1);
        // Stepping by arithmetic gives what stepping through the calendar gives, at the
        // turn of a year and at both ends of the range a ledger holds.
        for month in [
            may,
            Month::MIN,
            Month::MAX,
            Month::parse("2024-12").expect("dec"),
        ] {
            assert_eq!(month.next(), Month::of(month.end_exclusive()), "{month}");
            assert_eq!(
                month.previous(),
                Month::of(month.first_day() - Days::new(1)),
                "{month}"
            );
            assert_eq!(month.next().previous(), month);
        }
        for bad in [
            "2025-13", "2025-00", "25-05", "2025-5", "May", "", "0000-05", "2025-1x", "2025+05",
        ] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Month::parse(" 2025-05 "), Ok(may));
        assert_eq!(Month::parse("9999-12"), Ok(Month::MAX));
        assert_eq!(Month::parse("0001-01"), Ok(Month::MIN));
    }
}
