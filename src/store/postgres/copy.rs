//! Loading a whole ledger copied from another: every row under its own id, in one
//! transaction, replacing the starting data of a ledger that has no expenses yet. Expenses
//! go in with binary COPY, the month totals summed once, not kept row by row.

use crate::store::copy::{CopySummary, ExpenseFeed, LedgerCatalog};
use crate::store::{StoreError, StoreResult};
use chrono::NaiveDateTime;

use super::db::Db;
use super::expense_copy::expense_copy;
use super::{PgStore, PgTx};

/// The tables with SERIAL ids, whose sequences must go past the ids copied in.
const SERIAL_TABLES: [&str; 6] = [
    "users",
    "categories",
    "budgets",
    "expenses",
    "alerts",
    "recurring",
];

impl PgStore {
    /// Every stored setting, by key.
    pub fn settings(&self) -> StoreResult<Vec<(String, String)>> {
        self.rows("SELECT key, value FROM settings ORDER BY key", &[])?
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect()
    }

    /// Replaces this ledger, which must hold no expense, with a copied one.
    pub fn load_copy(
        &mut self,
        catalog: &LedgerCatalog,
        feed: &mut ExpenseFeed<'_>,
    ) -> StoreResult<CopySummary> {
        let summary = self.write(|tx| {
            let expenses: i64 = tx.one("SELECT count(*) FROM expenses", &[])?.try_get(0)?;
            if expenses > 0 {
                let expenses = u64::try_from(expenses).unwrap_or(0);
                return Err(StoreError::CopyTargetNotEmpty { expenses });
            }
            for sql in [
                "DELETE FROM alerts",
                "DELETE FROM recurring",
                "DELETE FROM budgets",
                "DELETE FROM standing_budgets",
                "DELETE FROM month_totals",
                "DELETE FROM categories",
                "DELETE FROM users",
                "DELETE FROM rates",
                "DELETE FROM settings",
            ] {
                tx.exec(sql, &[])?;
            }
            load_catalog(tx, catalog)?;
            let expenses = copy_expenses(tx, feed)?;
            load_alerts(tx, catalog)?;
            crate::store::rules::load_recurring(tx, &catalog.recurring)?;
            for table in SERIAL_TABLES {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                   coalesce(max(id), 0) + 1, false) FROM {table}"
                );
                tx.tx.borrow_mut().batch_execute(&sql)?;
            }
            Ok(CopySummary {
                users: catalog.users.len(),
                categories: catalog.categories.len(),
                budgets: catalog.budgets.len(),
                expenses,
                alerts: catalog.alerts.len(),
            })
        })?;
        // Marks the new rows visible to all, as autovacuum would within a minute or so, so
        // that counting a month reads the index alone from the start. The copy is
        // committed; a vacuum refused (say, to a user who does not own the tables) only
        // leaves that to autovacuum.
        let _ = self.client.get_mut().batch_execute("VACUUM expenses");
        Ok(summary)
    }
}

fn load_catalog(tx: &PgTx<'_>, catalog: &LedgerCatalog) -> StoreResult<()> {
    for user in &catalog.users {
        let warn = i32::try_from(user.warn_percent).unwrap_or(80);
        tx.exec(
            "INSERT INTO users (id, name, email, currency, warn_percent)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &user.id,
                &user.name,
                &user.email,
                &user.currency.code(),
                &warn,
            ],
        )?;
    }
    for category in &catalog.categories {
        tx.exec(
            "INSERT INTO categories (id, name, description) VALUES ($1, $2, $3)",
            &[&category.id, &category.name, &category.description],
        )?;
    }
    for budget in &catalog.budgets {
        let month = i32::try_from(budget.month.number()).unwrap_or(1);
        tx.exec(
            "INSERT INTO budgets (id, user_id, category_id, year, month, amount, standing, rollover)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &budget.id,
                &budget.user_id,
                &budget.category_id,
                &budget.month.year(),
                &month,
                &budget.amount,
                &budget.standing,
                &budget.rollover,
            ],
        )?;
    }
    for standing in &catalog.standing_budgets {
        tx.exec(
            "INSERT INTO standing_budgets (user_id, category_id, from_month, amount, rollover)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &standing.user_id,
                &standing.category_id,
                &standing.from.to_string(),
                &standing.amount,
                &standing.rollover,
            ],
        )?;
    }
    for (key, value) in &catalog.settings {
        tx.exec(
            "INSERT INTO settings (key, value) VALUES ($1, $2)",
            &[key, value],
        )?;
    }
    for rate in &catalog.rates {
        super::rates::upsert_rate_in(tx, rate)?;
    }
    Ok(())
}

/// Streams the expenses in with one binary COPY, as a restore does: into a table with only
/// its primary key, the other indexes and the foreign keys put back after, each built or
/// checked in one pass instead of row by row. The ledger holds no expense yet and the
/// transaction holds the table, so no one sees it without them. The month totals trigger
/// sums the rows when the COPY ends.
fn copy_expenses(tx: &PgTx<'_>, feed: &mut ExpenseFeed<'_>) -> StoreResult<usize> {
    let rebuilds: Vec<(String, String)> = tx
        .rows(
            "SELECT format('ALTER TABLE expenses DROP CONSTRAINT %I', conname),
                    format('ALTER TABLE expenses ADD CONSTRAINT %I %s', conname,
                           pg_get_constraintdef(oid))
             FROM pg_constraint WHERE conrelid = 'expenses'::regclass AND contype = 'f'
             UNION ALL
             SELECT format('DROP INDEX %s', indexrelid::regclass), pg_get_indexdef(indexrelid)
             FROM pg_index WHERE indrelid = 'expenses'::regclass AND NOT indisprimary",
            &[],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect::<StoreResult<_>>()?;
    let mut connection = tx.tx.borrow_mut();
    for (drop, _) in &rebuilds {
        connection.batch_execute(drop)?;
    }
    let mut writer = expense_copy(&mut connection)?;
    let copied = feed(&mut |row| {
        let amount = row.currency.from_minor(row.minor);
        writer.write(&[
            &row.id,
            &row.user_id,
            &row.category_id,
            &amount,
            &row.currency.code(),
            &row.date,
            &row.note,
            &row.foreign.map(|s| s.amount),
            &row.foreign.as_ref().map(|s| s.currency.code()),
            &row.foreign.map(|s| s.rate.value()),
        ])?;
        Ok(())
    })?;
    writer.finish()?;
    connection.batch_execute("SET LOCAL maintenance_work_mem = '256MB'")?;
    for (_, create) in rebuilds.iter().rev() {
        connection.batch_execute(create)?;
    }
    // Planner statistics now, not when autovacuum next comes by: the first list a person
    // opens on the copy is planned from them.
    connection.batch_execute("ANALYZE expenses, month_totals, alerts, budgets")?;
    Ok(copied)
}

fn load_alerts(tx: &PgTx<'_>, catalog: &LedgerCatalog) -> StoreResult<()> {
    for record in &catalog.alerts {
        let alert = &record.alert;
        let fired =
            NaiveDateTime::parse_from_str(&alert.fired_at, "%Y-%m-%dT%H:%M:%SZ").map_err(|_| {
                StoreError::InvalidInput(format!(
                    "alert #{} has a firing time {} that cannot be read",
                    alert.id, alert.fired_at
                ))
            })?;
        tx.exec(
            "INSERT INTO alerts (id, user_id, budget_id, expense_id, alert_type, message, seen,
                                 fired_at, category, month, spent, budget, currency)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &alert.id,
                &alert.user_id,
                &record.budget_id,
                &alert.expense_id,
                &alert.kind.as_str(),
                &alert.message,
                &alert.seen,
                &fired,
                &alert.category,
                &alert.month.map(|m| m.to_string()),
                &alert.spent,
                &alert.budget,
                &alert.currency.map(|c| c.code().to_string()),
            ],
        )?;
    }
    Ok(())
}
