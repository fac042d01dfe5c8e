//! Dates that are valid but unlikely to be what was meant: a typo of a year, a spreadsheet
//! that wrote 1900 for an empty cell. They are asked about (or need `--yes`), not refused.

use std::fmt;

use chrono::{Months, NaiveDate};

/// Dates before this day are implausible for a personal ledger.
pub const EARLIEST_PLAUSIBLE: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Why a date looks wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateDoubt {
    /// Before [`EARLIEST_PLAUSIBLE`].
    TooEarly { date: NaiveDate },
    /// More than a year after today.
    TooLate { date: NaiveDate, today: NaiveDate },
}

impl fmt::Display for DateDoubt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateDoubt::TooEarly { date } => {
                write!(f, "date {date} is before {EARLIEST_PLAUSIBLE}")
            }
            DateDoubt::TooLate { date, today } => {
                write!(f, "date {date} is more than a year after today ({today})")
            }
        }
    }
}

/// Why `date` is implausible as of `today`, or `None` when it is an ordinary date: from
/// 1970-01-01 up to a year after today.
pub fn implausible_date(date: NaiveDate, today: NaiveDate) -> Option<DateDoubt> {
    if date < EARLIEST_PLAUSIBLE {
        return Some(DateDoubt::TooEarly { date });
    }
    let latest = today
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    (date > latest).then_some(DateDoubt::TooLate { date, today })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn ordinary_dates_pass_and_far_ones_say_why() {
        let today = day("2025-05-20");
        for fine in ["1970-01-01", "2001-09-30", "2025-05-20", "2026-05-20"] {
            assert_eq!(implausible_date(day(fine), today), None, "{fine}");
        }
        assert_eq!(
            implausible_date(day("1969-12-31"), today).map(|d| d.to_string()),
            Some("date 1969-12-31 is before 1970-01-01".into())
        );
        assert_eq!(
            implausible_date(day("2026-05-21"), today).map(|d| d.to_string()),
            Some("date 2026-05-21 is more than a year after today (2025-05-20)".into())
        );
        assert!(implausible_date(day("9999-12-31"), today).is_some());
        assert!(implausible_date(day("1900-01-01"), today).is_some());
        // A year after the last day of February in a leap year is the last of the next.
        assert_eq!(implausible_date(day("2025-02-28"), day("2024-02-29")), None);
    }
}
