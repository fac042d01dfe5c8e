//! Reads for the exports: every budget and every alert of a range of months.

use crate::domain::{Currency, Month};
use crate::store::{AlertRecord, BudgetRecord, ExportScope, StoreResult};

use super::PgStore;
use super::db::Db;
use super::rows::{alert_columns, alert_from_row, money};

impl PgStore {
    /// Every budget in the scope, by id.
    pub fn budgets_in(&self, scope: &ExportScope) -> StoreResult<Vec<BudgetRecord>> {
        let rows = self.rows(
            "SELECT b.id, b.user_id, b.category_id, c.name, b.year, b.month, b.amount, u.currency
             FROM budgets b
             JOIN categories c ON c.id = b.category_id
             JOIN users u ON u.id = b.user_id
             WHERE ($1::integer IS NULL OR b.user_id = $1)
               AND ($2::bigint IS NULL OR b.year * 12 + b.month - 1 >= $2)
               AND ($3::bigint IS NULL OR b.year * 12 + b.month - 1 <= $3)
             ORDER BY b.id",
            &[
                &scope.user,
                &scope.from.map(Month::index),
                &scope.to.map(Month::index),
            ],
        )?;
        rows.iter()
            .map(|row| {
                let currency = Currency::parse(row.try_get(7)?).unwrap_or_default();
                let (year, number): (i32, i32) = (row.try_get(4)?, row.try_get(5)?);
                let number = u32::try_from(number).unwrap_or(1);
                Ok(BudgetRecord {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    category_id: row.try_get(2)?,
                    category: row.try_get(3)?,
                    // The schema's CHECKs keep year and month in range.
                    month: Month::new(year, number)
                        .unwrap_or_else(|| Month::of(chrono::NaiveDate::MIN)),
                    amount: money(currency, row.try_get(6)?)?,
                    currency,
                })
            })
            .collect()
    }

    /// Every alert in the scope, by id. With a range of months, only alerts that know their
    /// month and whose month is in the range.
    pub fn alerts_in(&self, scope: &ExportScope) -> StoreResult<Vec<AlertRecord>> {
        let (from, to) = scope.month_texts();
        let rows = self.rows(
            concat!(
                "SELECT ",
                alert_columns!(),
                ", budget_id FROM alerts
                 WHERE ($1::integer IS NULL OR user_id = $1)
                   AND ($2::text IS NULL OR month >= $2)
                   AND ($3::text IS NULL OR month <= $3)
                 ORDER BY id"
            ),
            &[&scope.user, &from, &to],
        )?;
        rows.iter()
            .map(|row| {
                Ok(AlertRecord {
                    alert: alert_from_row(row)?,
                    budget_id: row.try_get(12)?,
                })
            })
            .collect()
    }
}
