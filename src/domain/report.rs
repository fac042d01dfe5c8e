//! The four analyses of the reference design, as data: monthly totals with the rolling
//! three months, top categories, and budget against spent.

use rust_decimal::Decimal;

use super::{BudgetStatus, Month, MonthRange, User};

/// A calendar month's spending and the three months ending with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotal {
    pub month: Month,
    pub total: Decimal,
    /// This month and the two calendar months before it; a month with no spending counts 0.
    pub rolling_3m: Decimal,
}

/// Spending in one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTotal {
    pub category: String,
    pub total: Decimal,
}

/// Everything `spend report` shows for one user and month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub user: User,
    /// The month the top categories and budgets are for.
    pub month: Month,
    /// The months `monthly` covers.
    pub window: MonthRange,
    /// Every calendar month of the window, oldest first, months without spending included.
    pub monthly: Vec<MonthTotal>,
    /// The month's spending by category, largest first.
    pub top_categories: Vec<CategoryTotal>,
    /// Every budgeted category of the month.
    pub budgets: Vec<BudgetStatus>,
}

/// The name shown for spending whose category was deleted.
pub const NO_CATEGORY: &str = "(no category)";

/// The first month whose total a window's rolling sums need: two before the window.
pub fn rolling_start(window: MonthRange) -> Month {
    window.first().previous().previous()
}

/// Lays stored month totals (sorted, gaps allowed, from [`rolling_start`] to the window's
/// last month) on a continuous calendar and adds the rolling three-month sum, which a
/// window over rows alone gets wrong when a month is missing. Returns the window's months
/// only; the two before it count in the first two rolling sums.
pub fn fill_and_roll(
    stored: &[(Month, Decimal)],
    window: MonthRange,
    zero: Decimal,
) -> Vec<MonthTotal> {
    let mut totals = stored.iter().peekable();
    let mut recent = [zero; 3];
    let mut months = Vec::new();
    let mut month = rolling_start(window);
    while month <= window.last() {
        while totals.peek().is_some_and(|(m, _)| *m < month) {
            totals.next();
        }
        let total = match totals.peek() {
            Some((m, total)) if *m == month => *total,
            // A zero with the currency's scale, so it prints as 0.00 like the others.
            _ => zero,
        };
        recent = [recent[1], recent[2], total];
        if window.contains(month) {
            months.push(MonthTotal {
                month,
                total,
                rolling_3m: recent.iter().sum(),
            });
        }
        month = month.next();
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).expect("month")
    }

    fn window(first: &str, last: &str) -> MonthRange {
        MonthRange::new(month(first), month(last)).expect("window")
    }

    fn rolled(stored: &[(Month, Decimal)], range: MonthRange) -> Vec<(String, i64, i64)> {
        fill_and_roll(stored, range, Decimal::ZERO)
            .iter()
            .map(|m| {
                (
                    m.month.to_string(),
                    i64::try_from(m.total).unwrap_or(-1),
                    i64::try_from(m.rolling_3m).unwrap_or(-1),
                )
            })
            .collect()
    }

    #[test]
    fn rolling_sum_counts_missing_months_as_zero() {
        let stored = [
            (month("2025-01"), Decimal::from(100)),
            (month("2025-02"), Decimal::from(200)),
            (month("2025-05"), Decimal::from(50)),
        ];
        assert_eq!(
            rolled(&stored, window("2025-01", "2025-05")),
            vec![
                ("2025-01".into(), 100, 100),
                ("2025-02".into(), 200, 300),
                ("2025-03".into(), 0, 300),
                ("2025-04".into(), 0, 200),
                ("2025-05".into(), 50, 50),
            ]
        );
    }

    #[test]
    fn the_window_is_filled_and_its_first_sums_reach_back_two_months() {
        let stored = [
            (month("2024-11"), Decimal::from(1)),
            (month("2024-12"), Decimal::from(20)),
            (month("2025-01"), Decimal::from(300)),
        ];
        assert_eq!(
            rolled(&stored, window("2025-01", "2025-04")),
            vec![
                ("2025-01".into(), 300, 321),
                ("2025-02".into(), 0, 320),
                ("2025-03".into(), 0, 300),
                ("2025-04".into(), 0, 0),
            ]
        );
        assert_eq!(rolled(&[], window("2025-01", "2025-01")).len(), 1);
        // Months before the rolling start, if a caller passes them, are ignored.
        let early = [(month("2020-01"), Decimal::from(9)), stored[2]];
        assert_eq!(rolled(&early, window("2025-01", "2025-01"))[0].2, 300);
    }
}
