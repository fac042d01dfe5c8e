//! Where a month is heading. A recurring expense is a fixed cost, not a daily rate: what the
//! category's recurring expenses posted this month and what they still owe count as they
//! are, and only the rest of its spending is projected to month end at the rate so far.
//!
//! pace = posted by recurring expenses + still due from them + (spent − posted) × days in
//! the month / days gone.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use super::{CategoryId, Currency, Month, Recurring};

/// Where a category's month is heading, and what of it is still due from recurring
/// expenses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// The month-end total, rounded to the currency's minor unit.
    pub total: Decimal,
    /// What recurring expenses are still to post this month, included in `total`.
    pub due: Decimal,
}

/// The pace of a category's month: `None` when `today` is not in `month`.
pub fn budget_pace(
    spent: Decimal,
    rules: &[Recurring],
    (category, month): (CategoryId, Month),
    today: NaiveDate,
    currency: Currency,
) -> Option<Pace> {
    if Month::of(today) != month {
        return None;
    }
    let posted = recurring_posted_this_month(rules, category, month, today);
    let due = recurring_due_this_month(rules, category, month, today);
    let rest = (spent - posted).max(Decimal::ZERO);
    let projected = month_end_pace(rest, month, today, currency)?;
    let mut total = posted + due + projected;
    total.rescale(currency.decimals());
    Some(Pace { total, due })
}

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

/// What a category's recurring expenses have posted this month by `today`: each of their
/// dates from the month's first day up to the day before the rule's next unposted date.
pub fn recurring_posted_this_month(
    rules: &[Recurring],
    category: CategoryId,
    month: Month,
    today: NaiveDate,
) -> Decimal {
    if Month::of(today) != month {
        return Decimal::ZERO;
    }
    rules
        .iter()
        .filter(|rule| rule.category_id == category)
        .map(|rule| {
            let posted_through = match rule.next_due {
                Some(next) => next.checked_sub_days(Days::new(1)).unwrap_or(next),
                None => rule.schedule.until().unwrap_or(today),
            };
            let last = posted_through.min(today);
            if last < month.first_day() {
                return Decimal::ZERO;
            }
            let dates = rule.schedule.between(month.first_day(), last).count();
            rule.amount * Decimal::from(dates)
        })
        .sum()
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
    fn a_fixed_cost_counts_once_and_only_the_rest_is_scaled() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        let december = Month::parse("2026-12").expect("month");
        let inr = Currency::INR;
        let monthly = Schedule::new(Frequency::Month, Some(1), day(1, 1), None).expect("rent");
        let rent = [rule(3, 15_000, monthly, "2027-01-01")];
        // Rent of 15,000 posted on the 1st, seen on the 3rd: the month heads for 15,000.
        let pace = budget_pace(
            Decimal::from(15_000),
            &rent,
            (CategoryId(3), december),
            day(12, 3),
            inr,
        )
        .expect("this month");
        assert_eq!(pace.total.to_string(), "15000.00");
        assert_eq!(pace.due, Decimal::ZERO);
        // With 300 of other spending by the 3rd, that 300 runs at 100 a day: 3,100 more.
        let pace = budget_pace(
            Decimal::from(15_300),
            &rent,
            (CategoryId(3), december),
            day(12, 3),
            inr,
        )
        .expect("this month");
        assert_eq!(pace.total.to_string(), "18100.00");

        // A weekly 200 on Mondays from Nov 30: Dec 7, 14 and 21 posted by the 21st (600),
        // Dec 28 still due; the 200 of Nov 30 is November's.
        let weekly = Schedule::new(Frequency::Week, Some(1), day(11, 30), None).expect("weekly");
        let rules = [rule(1, 200, weekly, "2026-12-28")];
        let pace = budget_pace(
            Decimal::from(600),
            &rules,
            (CategoryId(1), december),
            day(12, 21),
            inr,
        )
        .expect("this month");
        assert_eq!(
            (pace.total.to_string(), pace.due),
            ("800.00".to_string(), Decimal::from(200))
        );
        assert_eq!(
            budget_pace(
                Decimal::from(600),
                &rules,
                (CategoryId(1), december),
                day(11, 30),
                inr
            ),
            None,
            "only the current month has a pace"
        );
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
