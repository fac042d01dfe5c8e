//! Reads for the exports: every budget and every alert of a range of months.

use rusqlite::{Row, params};

use crate::domain::{Currency, Month};
use crate::store::rules;
use crate::store::{AlertRecord, BudgetRecord, ExportScope};

use super::alerts::alert_from_row;
use super::{SqliteStore, StoreResult};

impl SqliteStore {
    /// Every budget in the scope, by id.
    pub fn budgets_in(&self, scope: &ExportScope) -> StoreResult<Vec<BudgetRecord>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT b.id, b.user_id, b.category_id, c.name, b.year, b.month, b.amount, u.currency,
                    b.standing, b.rollover
             FROM budgets b
             JOIN categories c ON c.id = b.category_id
             JOIN users u ON u.id = b.user_id
             WHERE (?1 IS NULL OR b.user_id = ?1)
               AND (?2 IS NULL OR b.year * 12 + b.month - 1 >= ?2)
               AND (?3 IS NULL OR b.year * 12 + b.month - 1 <= ?3)
             ORDER BY b.id",
        )?;
        let rows = statement.query_map(
            params![
                scope.user,
                scope.from.map(Month::index),
                scope.to.map(Month::index)
            ],
            budget_from_row,
        )?;
        let mut records: Vec<BudgetRecord> = rows.collect::<Result<_, _>>()?;
        rules::fill_in_effect(&self.conn, &mut records)?;
        Ok(records)
    }

    /// Every alert in the scope, by id. With a range of months, only alerts that know their
    /// month and whose month is in the range.
    pub fn alerts_in(&self, scope: &ExportScope) -> StoreResult<Vec<AlertRecord>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, user_id, alert_type, message, seen, fired_at, expense_id,
                    category, month, spent, budget, currency, budget_id
             FROM alerts
             WHERE (?1 IS NULL OR user_id = ?1)
               AND (?2 IS NULL OR month >= ?2)
               AND (?3 IS NULL OR month <= ?3)
             ORDER BY id",
        )?;
        let (from, to) = scope.month_texts();
        let rows = statement.query_map(params![scope.user, from, to], alert_record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn budget_from_row(row: &Row<'_>) -> rusqlite::Result<BudgetRecord> {
    let currency: String = row.get(7)?;
    let currency = Currency::from_stored(&currency).unwrap_or_default();
    let (year, number): (i32, u32) = (row.get(4)?, row.get(5)?);
    Ok(BudgetRecord {
        id: row.get(0)?,
        user_id: row.get(1)?,
        category_id: row.get(2)?,
        category: row.get(3)?,
        // The schema's CHECKs keep year and month in range.
        month: Month::new(year, number).unwrap_or_else(|| Month::of(chrono::NaiveDate::MIN)),
        amount: currency.from_minor(row.get(6)?),
        currency,
        standing: row.get(8)?,
        rollover: row.get(9)?,
        carried: rust_decimal::Decimal::ZERO,
        in_effect: rust_decimal::Decimal::ZERO,
    })
}

fn alert_record(row: &Row<'_>) -> rusqlite::Result<AlertRecord> {
    Ok(AlertRecord {
        alert: alert_from_row(row)?,
        budget_id: row.get(12)?,
    })
}
