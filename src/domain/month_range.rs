//! A run of calendar months, first to last: the window a report or a trend covers.

use thiserror::Error;

use super::Month;

/// The most months one report shows: a hundred years.
pub const MAX_REPORT_MONTHS: i64 = 1200;

/// Calendar months from `first` to `last`, both included, `first` never after `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthRange {
    first: Month,
    last: Month,
}

/// Why two months make no report window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum RangeError {
    #[error("{first} is after {last}")]
    Reversed { first: Month, last: Month },
    #[error(
        "{first} to {last} is {months} months; a report shows at most {MAX_REPORT_MONTHS} (100 years)"
    )]
    TooLong {
        first: Month,
        last: Month,
        months: i64,
    },
}

impl MonthRange {
    /// The months from `first` to `last`; refused when `first` comes after `last`.
    pub fn new(first: Month, last: Month) -> Result<MonthRange, RangeError> {
        if first > last {
            return Err(RangeError::Reversed { first, last });
        }
        Ok(MonthRange { first, last })
    }

    /// Like [`MonthRange::new`], and refused when longer than [`MAX_REPORT_MONTHS`].
    pub fn for_report(first: Month, last: Month) -> Result<MonthRange, RangeError> {
        let range = MonthRange::new(first, last)?;
        let months = range.len();
        if months > MAX_REPORT_MONTHS {
            return Err(RangeError::TooLong {
                first,
                last,
                months,
            });
        }
        Ok(range)
    }

    /// The `count` months ending with `last` (fewer if they would start before year 1).
    pub fn ending(last: Month, count: usize) -> MonthRange {
        let mut first = last;
        for _ in 1..count {
            match Month::new(first.previous().year(), first.previous().number()) {
                Some(earlier) => first = earlier,
                None => break,
            }
        }
        MonthRange { first, last }
    }

    pub fn first(self) -> Month {
        self.first
    }

    pub fn last(self) -> Month {
        self.last
    }

    /// How many months the range holds, at least 1.
    #[allow(clippy::len_without_is_empty)] // never empty
    pub fn len(self) -> i64 {
        self.last.index() - self.first.index() + 1
    }

    /// Whether `month` lies in the range.
    pub fn contains(self, month: Month) -> bool {
        self.first <= month && month <= self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).expect("month")
    }

    #[test]
    fn ranges_are_ordered_and_bounded() {
        let range = MonthRange::new(month("2024-06"), month("2025-05")).expect("range");
        assert_eq!(range.len(), 12);
        assert!(range.contains(month("2024-06")) && range.contains(month("2025-05")));
        assert!(!range.contains(month("2025-06")));
        assert_eq!(
            MonthRange::new(month("2025-06"), month("2025-01")),
            Err(RangeError::Reversed {
                first: month("2025-06"),
                last: month("2025-01")
            })
        );
        assert!(MonthRange::for_report(month("1925-01"), month("2024-12")).is_ok());
        let error =
            MonthRange::for_report(month("1900-01"), month("9999-12")).expect_err("too long");
        assert_eq!(
            error.to_string(),
            "1900-01 to 9999-12 is 97200 months; a report shows at most 1200 (100 years)"
        );
    }

    #[test]
    fn a_range_ending_with_a_month_counts_back() {
        assert_eq!(
            MonthRange::ending(month("2025-05"), 12),
            MonthRange::new(month("2024-06"), month("2025-05")).expect("range")
        );
        assert_eq!(MonthRange::ending(month("2025-05"), 1).len(), 1);
        assert_eq!(
            MonthRange::ending(month("0001-03"), 12).first(),
            month("0001-01")
        );
    }
}
