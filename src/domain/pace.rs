//! Where a month is heading: the month-end total at the current daily rate.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{Currency, Month};

/// The month-end total if spending goes on at the rate so far, or `None` when `today` is not
/// in `month`. Rounded to the currency's minor unit.
pub fn month_end_pace(
    spent: Decimal,
    month: Month,
    today: NaiveDate,
    currency: Currency,
) -> Option<Decimal> {
    if Month::of(today) != month {
        return None;
    }
    let elapsed = Decimal::from(today.day());
    let days = Decimal::from(month.days());
    let mut pace = (spent * days / elapsed).round_dp(currency.decimals());
    pace.rescale(currency.decimals());
    Some(pace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_projects_the_daily_rate_to_month_end() {
        let june = Month::parse("2025-06").expect("month");
        let day = |d| NaiveDate::from_ymd_opt(2025, 6, d).expect("date");
        let inr = Currency::INR;
        // 3,200.00 after 10 of 30 days runs at 320.00 a day: 9,600.00 by the 30th.
        assert_eq!(
            month_end_pace(Decimal::from(3200), june, day(10), inr),
            Some(Decimal::new(960_000, 2))
        );
        assert_eq!(
            month_end_pace(Decimal::from(100), june, day(30), inr),
            Some(Decimal::new(10_000, 2))
        );
        assert_eq!(
            month_end_pace(Decimal::from(100), june, day(3), inr).map(|d| d.to_string()),
            Some("1000.00".into())
        );
        let july_day = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        assert_eq!(
            month_end_pace(Decimal::from(100), june, july_day, inr),
            None
        );
    }
}
