//! The four analyses of the reference design, read from the kept month totals.

use rust_decimal::Decimal;

use crate::domain::{
    CategoryTotal, Month, MonthRange, MonthTotal, NO_CATEGORY, Report, UserId, fill_and_roll,
    rolling_start,
};
use crate::store::StoreResult;

use super::PgStore;
use super::catalog::user_in;
use super::db::Db;
use super::rows::money;

impl PgStore {
    /// The report for a user's month, with the monthly totals of `window`.
    pub fn report(&self, user: UserId, month: Month, window: MonthRange) -> StoreResult<Report> {
        Ok(Report {
            user: user_in(self, user)?,
            month,
            window,
            monthly: self.monthly_totals(user, window)?,
            top_categories: self.category_totals(user, month)?,
            budgets: self.budgets_for_month(user, month)?,
        })
    }

    /// Totals of each month of `window` with the rolling three-month sum, months without
    /// spending as zero. Reads the window and the two months before it, never all history.
    pub fn monthly_totals(&self, user: UserId, window: MonthRange) -> StoreResult<Vec<MonthTotal>> {
        let currency = user_in(self, user)?.currency;
        let rows = self.rows(
            "SELECT month, sum(total) FROM month_totals
             WHERE user_id = $1 AND month >= $2 AND month <= $3
             GROUP BY month HAVING sum(count) > 0 ORDER BY month",
            &[
                &user,
                &rolling_start(window).to_string(),
                &window.last().to_string(),
            ],
        )?;
        let mut stored: Vec<(Month, Decimal)> = Vec::with_capacity(rows.len());
        for row in &rows {
            let month: String = row.try_get(0)?;
            if let Ok(month) = Month::parse(&month) {
                stored.push((month, money(currency, row.try_get(1)?)?));
            }
        }
        Ok(fill_and_roll(&stored, window, currency.from_minor(0)))
    }

    /// A month's spending per category, largest first.
    pub fn category_totals(&self, user: UserId, month: Month) -> StoreResult<Vec<CategoryTotal>> {
        let currency = user_in(self, user)?.currency;
        self.rows(
            "SELECT c.name, t.total FROM month_totals t
             LEFT JOIN categories c ON c.id = t.category_key
             WHERE t.user_id = $1 AND t.month = $2 AND t.count > 0
             ORDER BY t.total DESC, lower(c.name COLLATE \"C\") NULLS FIRST",
            &[&user, &month.to_string()],
        )?
        .iter()
        .map(|row| {
            let name: Option<String> = row.try_get(0)?;
            Ok(CategoryTotal {
                category: name.unwrap_or_else(|| NO_CATEGORY.to_string()),
                total: money(currency, row.try_get(1)?)?,
            })
        })
        .collect()
    }
}
