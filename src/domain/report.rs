//! The four analyses of the reference design, as data: monthly totals with the rolling
//! three months, top categories, and budget against spent.

use rust_decimal::Decimal;

use super::{BudgetStatus, Month, User};

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
    pub month: Month,
    /// Every calendar month from the first with spending (or `month`) to the last (or
    /// `month`), gaps included.
    pub monthly: Vec<MonthTotal>,
    /// The month's spending by category, largest first.
    pub top_categories: Vec<CategoryTotal>,
    /// Every budgeted category of the month.
    pub budgets: Vec<BudgetStatus>,
}

/// The name shown for spending whose category was deleted.
pub const NO_CATEGORY: &str = "(no category)";

/// Lays stored month totals (sorted, gaps allowed) on a continuous calendar and adds the
/// rolling three-month sum, which a window over rows alone gets wrong when a month is missing.
pub fn fill_and_roll(
    stored: &[(Month, Decimal)],
    include: Option<Month>,
    zero: Decimal,
) -> Vec<MonthTotal> {
    let bounds = stored
        .first()
        .map(|(m, _)| *m)
        .into_iter()
        .chain(stored.last().map(|(m, _)| *m))
        .chain(include);
    let (Some(first), Some(last)) = (bounds.clone().min(), bounds.max()) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    let mut totals = stored.iter().peekable();
    let mut month = first;
    while month <= last {
        let total = match totals.peek() {
            Some((m, total)) if *m == month => {
                totals.next();
                *total
            }
            // A zero with the currency's scale, so it prints as 0.00 like the others.
            _ => zero,
        };
        months.push((month, total));
        month = month.next();
    }
    months
        .iter()
        .enumerate()
        .map(|(index, (month, total))| MonthTotal {
            month: *month,
            total: *total,
            rolling_3m: months[index.saturating_sub(2)..=index]
                .iter()
                .map(|(_, t)| *t)
                .sum(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).expect("month")
    }

    #[test]
    fn rolling_sum_counts_missing_months_as_zero() {
        let stored = [
            (month("2025-01"), Decimal::from(100)),
            (month("2025-02"), Decimal::from(200)),
            (month("2025-05"), Decimal::from(50)),
        ];
        let rolled: Vec<(String, i64, i64)> = fill_and_roll(&stored, None, Decimal::ZERO)
            .iter()
            .map(|m| {
                (
                    m.month.to_string(),
                    i64::try_from(m.total).unwrap_or(-1),
                    i64::try_from(m.rolling_3m).unwrap_or(-1),
                )
            })
            .collect();
        assert_eq!(
            rolled,
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
    fn an_included_month_stretches_the_range() {
        let stored = [(month("2025-05"), Decimal::from(10))];
        let rolled = fill_and_roll(&stored, Some(month("2025-07")), Decimal::ZERO);
        assert_eq!(rolled.len(), 3);
        assert_eq!(rolled[2].rolling_3m, Decimal::from(10));
        assert!(fill_and_roll(&[], None, Decimal::ZERO).is_empty());
        assert_eq!(
            fill_and_roll(&[], Some(month("2025-01")), Decimal::ZERO).len(),
            1
        );
    }
}
