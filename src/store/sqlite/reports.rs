//! The four analyses of the reference design, read from the kept month totals.

use rusqlite::params;
use rust_decimal::Decimal;

use crate::domain::Month;

use super::expenses::user_in;
use super::{SqliteStore, StoreResult, UserId};
use crate::domain::{
    CategoryTotal, MonthRange, MonthTotal, NO_CATEGORY, Report, fill_and_roll, rolling_start,
};

impl SqliteStore {
    /// The report for a user's month, with the monthly totals of `window`.
    pub fn report(&self, user: UserId, month: Month, window: MonthRange) -> StoreResult<Report> {
        Ok(Report {
            user: user_in(&self.conn, user)?,
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
        let currency = user_in(&self.conn, user)?.currency;
        let mut statement = self.conn.prepare_cached(
            "SELECT month, sum(total) FROM month_totals
             WHERE user_id = ?1 AND month >= ?2 AND month <= ?3
             GROUP BY month HAVING sum(count) > 0 ORDER BY month",
        )?;
        let from = rolling_start(window).to_string();
        let to = window.last().to_string();
        let stored: Vec<(Month, Decimal)> = statement
            .query_map(params![user, from, to], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?
            .filter_map(|row| match row {
                Ok((month, total)) => Month::parse(&month)
                    .ok()
                    .map(|m| Ok((m, currency.from_minor(total)))),
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        Ok(fill_and_roll(&stored, window, currency.from_minor(0)))
    }

    /// A month's spending per category, largest first.
    pub fn category_totals(&self, user: UserId, month: Month) -> StoreResult<Vec<CategoryTotal>> {
        let currency = user_in(&self.conn, user)?.currency;
        let mut statement = self.conn.prepare_cached(
            "SELECT c.name, t.total FROM month_totals t
             LEFT JOIN categories c ON c.id = t.category_key
             WHERE t.user_id = ?1 AND t.month = ?2 AND t.count > 0
             ORDER BY t.total DESC, c.name",
        )?;
        let rows = statement.query_map(params![user, month.to_string()], |row| {
            Ok(CategoryTotal {
                category: row
                    .get::<_, Option<String>>(0)?
                    .unwrap_or_else(|| NO_CATEGORY.to_string()),
                total: currency.from_minor(row.get(1)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
