//! The bundle's calendar: a row per day over the months the data falls in, so every expense
//! and budget joins a day, yet never more days than a model loads at ease, whatever dates
//! the ledger holds (an expense typed as year 1 and another as year 9999 asked for 3.6
//! million).

use std::io::Write;

use chrono::{Months, NaiveDate};

use crate::domain::Month;
use crate::store::StoreError;

use super::csv_error;

/// The most months the calendar spans: 50 years, counted back from the latest month, about
/// 18,300 rows.
pub const CALENDAR_MONTHS: u32 = 600;

const CALENDAR_HEADER: [&str; 5] = ["date", "year", "month", "month_start", "month_name"];

/// The earliest and latest month seen so far.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct MonthSpan {
    earliest: Option<Month>,
    latest: Option<Month>,
}

impl MonthSpan {
    pub(super) fn cover(&mut self, month: Month) {
        self.earliest = Some(self.earliest.map_or(month, |m| m.min(month)));
        self.latest = Some(self.latest.map_or(month, |m| m.max(month)));
    }

    /// The calendar of these months, cut to the latest [`CALENDAR_MONTHS`]; `None` when no
    /// month was seen.
    pub(super) fn calendar(self) -> Option<Calendar> {
        let (earliest, latest) = (self.earliest?, self.latest?);
        let months_back = Months::new(CALENDAR_MONTHS - 1);
        let limit = latest
            .first_day()
            .checked_sub_months(months_back)
            .map(Month::of);
        let (first, left_out_from) = match limit {
            Some(limit) if earliest < limit => (limit, Some(earliest)),
            _ => (earliest, None),
        };
        Some(Calendar {
            first: first.first_day(),
            last: latest.last_day(),
            left_out_from,
        })
    }
}

/// The days the calendar holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// The first day of the earliest month it holds.
    pub first: NaiveDate,
    /// The last day of the latest month the data falls in.
    pub last: NaiveDate,
    /// The earliest month the data falls in, when it is older than the calendar reaches:
    /// expenses and budgets before `first` have no day in it.
    pub left_out_from: Option<Month>,
}

/// One row per day of `calendar`: `2025-05-02,2025,5,2025-05-01,May 2025`.
pub(super) fn write_calendar<W: Write>(
    calendar: Option<Calendar>,
    mut writer: csv::Writer<W>,
) -> Result<usize, StoreError> {
    writer.write_record(CALENDAR_HEADER).map_err(csv_error)?;
    let mut count = 0;
    if let Some(Calendar { first, last, .. }) = calendar {
        for date in first.iter_days().take_while(|d| *d <= last) {
            let month = Month::of(date);
            writer
                .write_record([
                    date.to_string(),
                    month.year().to_string(),
                    month.number().to_string(),
                    month.first_day().to_string(),
                    month.long_name(),
                ])
                .map_err(csv_error)?;
            count += 1;
        }
    }
    writer.flush()?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).expect("a month")
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn calendar(months: &[&str]) -> Option<Calendar> {
        let mut span = MonthSpan::default();
        for m in months {
            span.cover(month(m));
        }
        span.calendar()
    }

    #[test]
    fn the_calendar_runs_from_the_first_to_the_last_day_of_the_data_months() {
        assert_eq!(
            calendar(&["2025-05", "2024-02", "2025-03"]),
            Some(Calendar {
                first: day("2024-02-01"),
                last: day("2025-05-31"),
                left_out_from: None,
            })
        );
        assert_eq!(calendar(&[]), None);
    }

    #[test]
    fn fifty_years_back_from_the_latest_month_is_the_most_it_covers() {
        let whole = Calendar {
            first: day("1975-06-01"),
            last: day("2025-05-31"),
            left_out_from: None,
        };
        assert_eq!(calendar(&["1975-06", "2025-05"]), Some(whole));
        assert_eq!(
            calendar(&["1975-05", "2025-05"]),
            Some(Calendar {
                left_out_from: Some(month("1975-05")),
                ..whole
            })
        );
        assert_eq!(
            calendar(&["0001-01", "9999-12"]),
            Some(Calendar {
                first: day("9950-01-01"),
                last: day("9999-12-31"),
                left_out_from: Some(month("0001-01")),
            })
        );
        // A ledger starting in year 1 has no month before the cap to cut.
        assert_eq!(
            calendar(&["0001-01", "0003-07"]).map(|c| c.first),
            Some(day("0001-01-01"))
        );
    }
}
