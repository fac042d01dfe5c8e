//! Loading a whole ledger copied from another: every row under its own id, in one
//! transaction, replacing the starting data of a ledger that has no expenses yet.

use rusqlite::{Transaction, params};

use crate::store::copy::{CopySummary, ExpenseFeed, LedgerCatalog};
use crate::store::{StoreError, StoreResult};

use super::SqliteStore;
use super::rates::{spent_columns, upsert_rate_in};

impl SqliteStore {
    /// Every stored setting, by key.
    pub fn settings(&self) -> StoreResult<Vec<(String, String)>> {
        let mut statement = self
            .conn
            .prepare("SELECT key, value FROM settings ORDER BY key")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Replaces this ledger, which must hold no expense, with a copied one.
    pub fn load_copy(
        &mut self,
        catalog: &LedgerCatalog,
        feed: &mut ExpenseFeed<'_>,
    ) -> StoreResult<CopySummary> {
        self.bulk_write(|tx| {
            refuse_if_used(tx)?;
            clear(tx)?;
            load_catalog(tx, catalog)?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO expenses (id, user_id, category_id, amount, currency, date, note,
                                       spent_amount, spent_currency, rate)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let expenses = feed(&mut |row| {
                let (spent, spent_currency, rate) = spent_columns(row.foreign.as_ref())?;
                insert.execute(params![
                    row.id,
                    row.user_id,
                    row.category_id,
                    row.minor,
                    row.currency.code(),
                    row.date,
                    row.note,
                    spent,
                    spent_currency,
                    rate
                ])?;
                Ok(())
            })?;
            load_alerts(tx, catalog)?;
            crate::store::rules::load_recurring(tx, &catalog.recurring)?;
            Ok(CopySummary {
                users: catalog.users.len(),
                categories: catalog.categories.len(),
                budgets: catalog.budgets.len(),
                expenses,
                alerts: catalog.alerts.len(),
            })
        })
    }
}

fn refuse_if_used(tx: &Transaction<'_>) -> StoreResult<()> {
    let expenses: u64 = tx.query_row("SELECT count(*) FROM expenses", [], |row| row.get(0))?;
    if expenses > 0 {
        return Err(StoreError::CopyTargetNotEmpty { expenses });
    }
    Ok(())
}

/// Forgets the starting data; the setting that holds back the search index stays, as the
/// bulk load that is running set it.
fn clear(tx: &Transaction<'_>) -> StoreResult<()> {
    tx.execute_batch(
        "DELETE FROM alerts; DELETE FROM recurring; DELETE FROM budgets;
         DELETE FROM standing_budgets; DELETE FROM month_totals;
         DELETE FROM categories; DELETE FROM users; DELETE FROM rates;
         DELETE FROM settings WHERE key <> 'search_index_deferred';",
    )?;
    Ok(())
}

fn load_catalog(tx: &Transaction<'_>, catalog: &LedgerCatalog) -> StoreResult<()> {
    for user in &catalog.users {
        tx.execute(
            "INSERT INTO users (id, name, email, currency, warn_percent)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                user.id,
                user.name,
                user.email,
                user.currency.code(),
                user.warn_percent
            ],
        )?;
    }
    for category in &catalog.categories {
        tx.execute(
            "INSERT INTO categories (id, name, description) VALUES (?1, ?2, ?3)",
            params![category.id, category.name, category.description],
        )?;
    }
    for budget in &catalog.budgets {
        tx.execute(
            "INSERT INTO budgets (id, user_id, category_id, year, month, amount, standing, rollover)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                budget.id,
                budget.user_id,
                budget.category_id,
                budget.month.year(),
                budget.month.number(),
                budget.currency.to_minor(budget.amount)?,
                budget.standing,
                budget.rollover
            ],
        )?;
    }
    for standing in &catalog.standing_budgets {
        let currency = catalog
            .users
            .iter()
            .find(|user| user.id == standing.user_id)
            .map(|user| user.currency)
            .unwrap_or_default();
        let minor = standing.amount.map(|a| currency.to_minor(a)).transpose()?;
        tx.execute(
            "INSERT INTO standing_budgets (user_id, category_id, from_month, amount, rollover)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                standing.user_id,
                standing.category_id,
                standing.from.to_string(),
                minor,
                standing.rollover
            ],
        )?;
    }
    for (key, value) in &catalog.settings {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
    }
    for rate in &catalog.rates {
        upsert_rate_in(tx, rate)?;
    }
    Ok(())
}

fn load_alerts(tx: &Transaction<'_>, catalog: &LedgerCatalog) -> StoreResult<()> {
    let mut insert = tx.prepare(
        "INSERT INTO alerts (id, user_id, budget_id, expense_id, alert_type, message, seen,
                             fired_at, category, month, spent, budget, currency)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for record in &catalog.alerts {
        let alert = &record.alert;
        let minor = |amount: Option<rust_decimal::Decimal>| -> StoreResult<Option<i64>> {
            match (amount, alert.currency) {
                (Some(amount), Some(currency)) => Ok(Some(currency.to_minor(amount)?)),
                _ => Ok(None),
            }
        };
        insert.execute(params![
            alert.id,
            alert.user_id,
            record.budget_id,
            alert.expense_id,
            alert.kind.as_str(),
            alert.message,
            alert.seen,
            alert.fired_at,
            alert.category,
            alert.month.map(|m| m.to_string()),
            minor(alert.spent)?,
            minor(alert.budget)?,
            alert.currency.map(|c| c.code().to_string()),
        ])?;
    }
    Ok(())
}
