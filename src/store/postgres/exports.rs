//! Reads for the exports: every budget and every alert of a range of months.

use crate::domain::{Currency, Month};
use crate::store::{AlertRecord, BudgetRecord, ExportScope, StoreResult};

use super::PgStore;
use super::db::Db;
use super::rows::{alert_columns, alert_from_row, money};

/// The export's budgets that meet `$conditions`, by id.
macro_rules! budgets_where {
    ($conditions:literal) => {
        concat!(
            "SELECT b.id, b.user_id, b.category_id, c.name, b.year, b.month, b.amount, u.currency,
                    b.standing, b.rollover
             FROM budgets b
             JOIN categories c ON c.id = b.category_id
             JOIN users u ON u.id = b.user_id
             WHERE ",
            $conditions,
            " ORDER BY b.id"
        )
    };
}

/// The export's alerts that meet `$conditions`, by id.
macro_rules! alerts_where {
    ($conditions:literal) => {
        concat!(
            "SELECT ",
            alert_columns!(),
            ", budget_id FROM alerts WHERE ",
            $conditions,
            " ORDER BY id"
        )
    };
}

// One user's export names the user outright, so that a server sharded by user (SCALING.md)
// reads one shard; a condition that can be switched off (`$1 IS NULL OR ...`) reads them all.
// The months are a first and last month's index (budgets) or text (alerts), or NULL.
const ONE_USERS_BUDGETS: &str = budgets_where!(
    "b.user_id = $1
     AND ($2::bigint IS NULL OR b.year * 12 + b.month - 1 >= $2)
     AND ($3::bigint IS NULL OR b.year * 12 + b.month - 1 <= $3)"
);
const EVERYONES_BUDGETS: &str = budgets_where!(
    "($1::bigint IS NULL OR b.year * 12 + b.month - 1 >= $1)
     AND ($2::bigint IS NULL OR b.year * 12 + b.month - 1 <= $2)"
);
const ONE_USERS_ALERTS: &str = alerts_where!(
    "user_id = $1
     AND ($2::text IS NULL OR month >= $2)
     AND ($3::text IS NULL OR month <= $3)"
);
const EVERYONES_ALERTS: &str = alerts_where!(
    "($1::text IS NULL OR month >= $1)
     AND ($2::text IS NULL OR month <= $2)"
);

impl PgStore {
    /// Every budget in the scope, by id.
    pub fn budgets_in(&self, scope: &ExportScope) -> StoreResult<Vec<BudgetRecord>> {
        let (from, to) = (scope.from.map(Month::index), scope.to.map(Month::index));
        let rows = match &scope.user {
            Some(user) => self.rows(ONE_USERS_BUDGETS, &[user, &from, &to])?,
            None => self.rows(EVERYONES_BUDGETS, &[&from, &to])?,
        };
        let mut records = rows
            .iter()
            .map(|row| {
                let currency = Currency::from_stored(row.try_get(7)?).unwrap_or_default();
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
                    standing: row.try_get(8)?,
                    rollover: row.try_get(9)?,
                    carried: rust_decimal::Decimal::ZERO,
                    in_effect: rust_decimal::Decimal::ZERO,
                })
            })
            .collect::<StoreResult<Vec<BudgetRecord>>>()?;
        crate::store::rules::fill_in_effect(self, &mut records)?;
        Ok(records)
    }

    /// Every alert in the scope, by id. With a range of months, only alerts that know their
    /// month and whose month is in the range.
    pub fn alerts_in(&self, scope: &ExportScope) -> StoreResult<Vec<AlertRecord>> {
        let (from, to) = scope.month_texts();
        let rows = match &scope.user {
            Some(user) => self.rows(ONE_USERS_ALERTS, &[user, &from, &to])?,
            None => self.rows(EVERYONES_ALERTS, &[&from, &to])?,
        };
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
