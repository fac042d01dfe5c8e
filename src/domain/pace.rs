//! Where a month is heading: the month-end total at the current daily rate.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{CategoryId, Currency, Month, Recurring};

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

/// What a category's recurring expenses still commit this month: each date due after
/// `today` up to the month's last day, counted from the rule's next unposted date, so a
/// date already posted is never counted twice. Zero outside the current month.
pub fn recurring_due_this_month(
    rules: &[Recurring],
    category: CategoryId,
    month: Month,
    today: NaiveDate,
) -> Decimal {
    let Some(tomorrow) = today.succ_opt() else {
        return Decimal::ZERO;
    };
    if Month::of(today) != month {
        return Decimal::ZERO;
    }
    rules
        .iter()
        .filter(|rule| rule.category_id == category)
        .filter_map(|rule| {
            let first = rule.next_due?.max(tomorrow);
            let dates = rule.schedule.between(first, month.last_day()).count();
            Some(rule.amount * Decimal::from(dates))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Frequency, RecurringId, Schedule, UserId};

    fn rule(category: i64, amount: i64, schedule: Schedule, next: &str) -> Recurring {
        Recurring {
            id: RecurringId(1),
            user_id: UserId(1),
            category_id: CategoryId(category),
            category: "Rent".into(),
            amount: Decimal::from(amount),
            currency: Currency::INR,
            schedule,
            note: None,
            next_due: NaiveDate::parse_from_str(next, "%Y-%m-%d").ok(),
        }
    }

    #[test]
    fn what_is_still_due_this_month_counts_each_unposted_date_after_today() {
        let june = Month::parse("2025-06").expect("month");
        let day = |d| NaiveDate::from_ymd_opt(2025, 6, d).expect("date");
        let weekly = Schedule::new(Frequency::Week, Some(1), day(2), None).expect("schedule");
        let monthly = Schedule::new(Frequency::Month, Some(31), day(1), None).expect("schedule");
        let rules = [
            // Mondays: the 2nd and 9th posted; the 16th, 23rd and 30th to come.
            rule(1, 500, weekly, "2025-06-16"),
            // The 31st falls on June 30th.
            rule(1, 1000, monthly, "2025-06-30"),
            // Another category counts toward its own bar only.
            rule(2, 7, monthly, "2025-06-30"),
            // An ended rule commits nothing.
            rule(1, 99, monthly, "not a date"),
        ];
        assert_eq!(
            recurring_due_this_month(&rules, CategoryId(1), june, day(10)),
            Decimal::from(1500 + 1000)
        );
        // Due today is posted already, so it is spent, not due.
        assert_eq!(
            recurring_due_this_month(&rules, CategoryId(1), june, day(23)),
            Decimal::from(500 + 1000)
        );
        assert_eq!(
            recurring_due_this_month(&rules, CategoryId(1), june, day(30)),
            Decimal::ZERO
        );
        let july_day = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        assert_eq!(
            recurring_due_this_month(&rules, CategoryId(1), june, july_day),
            Decimal::ZERO
        );
    }

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
