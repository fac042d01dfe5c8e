//! What the shared write rules need from an `SQLite` transaction: rows in and out, and the
//! totals and budgets of a bucket. `SQLite` allows one writer at a time, so holding a
//! bucket needs nothing beyond the IMMEDIATE transaction itself.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::domain::{
    Alert, AlertId, Category, CategoryId, Currency, ExchangeRate, Expense, ExpenseId, Month, User,
    UserId,
};
use crate::store::rules::{Bucket, LedgerTx, Savepoint};

use super::StoreResult;
use super::catalog::{category_from_row, find_category_in, user_from_row, user_with_email};
use super::expenses::{category_name_in, expense_in, user_in};
use super::rates::{rate_on_in, spent_columns, upsert_rate_in};
use super::standing::open_months;

impl LedgerTx for Transaction<'_> {
    fn user(&self, id: UserId) -> StoreResult<User> {
        user_in(self, id)
    }

    fn category_name(&self, id: CategoryId) -> StoreResult<String> {
        category_name_in(self, id)
    }

    fn find_category(&self, name: &str) -> StoreResult<Category> {
        find_category_in(self, name)
    }

    fn insert_category(
        &self,
        name: &str,
        description: Option<&str>,
        id: Option<CategoryId>,
    ) -> StoreResult<Category> {
        Ok(self
            .prepare_cached(
                "INSERT INTO categories (id, name, description) VALUES (?1, ?2, ?3)
                 RETURNING id, name, description",
            )?
            .query_row(params![id, name, description], category_from_row)?)
    }

    fn category_exists(&self, id: CategoryId) -> StoreResult<bool> {
        Ok(self
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM categories WHERE id = ?1)")?
            .query_row([id], |row| row.get(0))?)
    }

    fn delete_category_if_unused(&self, id: CategoryId) -> StoreResult<()> {
        self.prepare_cached(
            "DELETE FROM categories WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM expenses WHERE category_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM budgets WHERE category_id = ?1)",
        )?
        .execute([id])?;
        Ok(())
    }

    fn expense(&self, user: UserId, id: ExpenseId) -> StoreResult<Expense> {
        expense_in(self, user, id)
    }

    fn expense_id_taken(&self, id: ExpenseId) -> StoreResult<bool> {
        Ok(self
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM expenses WHERE id = ?1)")?
            .query_row([id], |row| row.get(0))?)
    }

    fn insert_expense(&self, row: &Expense, minor: i64, keep_id: bool) -> StoreResult<ExpenseId> {
        let (spent, spent_currency, rate) = spent_columns(row.foreign.as_ref())?;
        self.prepare_cached(
            "INSERT INTO expenses (id, user_id, category_id, amount, currency, date, note,
                                   spent_amount, spent_currency, rate)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            keep_id.then_some(row.id),
            row.user_id,
            row.category_id,
            minor,
            row.currency.code(),
            row.date,
            row.note,
            spent,
            spent_currency,
            rate
        ])?;
        Ok(ExpenseId(self.last_insert_rowid()))
    }

    fn update_expense(&self, row: &Expense, minor: i64) -> StoreResult<()> {
        let (spent, spent_currency, rate) = spent_columns(row.foreign.as_ref())?;
        self.prepare_cached(
            "UPDATE expenses SET category_id = ?2, amount = ?3, date = ?4, note = ?5,
                    spent_amount = ?7, spent_currency = ?8, rate = ?9
             WHERE id = ?1 AND user_id = ?6",
        )?
        .execute(params![
            row.id,
            row.category_id,
            minor,
            row.date,
            row.note,
            row.user_id,
            spent,
            spent_currency,
            rate
        ])?;
        Ok(())
    }

    fn delete_expense(&self, row: &Expense) -> StoreResult<()> {
        self.prepare_cached("DELETE FROM expenses WHERE id = ?1 AND user_id = ?2")?
            .execute(params![row.id, row.user_id])?;
        Ok(())
    }

    // One writer at a time: the IMMEDIATE transaction holds every bucket already.
    fn hold_bucket(&self, _user: &User, _bucket: Bucket) -> StoreResult<()> {
        Ok(())
    }

    fn open_months(&self, user: &User, first: Month, last: Month) -> StoreResult<()> {
        open_months(self, user.id, first, last)
    }

    fn insert_alert(
        &self,
        bucket: Bucket,
        figures: (i64, i64),
        alert: Alert,
    ) -> StoreResult<Alert> {
        insert_alert(self, bucket, figures, alert)
    }

    fn delete_alerts(&self, user: UserId, ids: &[AlertId]) -> StoreResult<()> {
        let mut statement =
            self.prepare_cached("DELETE FROM alerts WHERE id = ?1 AND user_id = ?2")?;
        for id in ids {
            statement.execute(params![id, user])?;
        }
        Ok(())
    }

    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        match user_with_email(self, email)? {
            Some(id) => Ok(Some(user_in(self, id)?)),
            None => Ok(None),
        }
    }

    fn insert_user(&self, name: &str, email: &str, currency: Currency) -> StoreResult<User> {
        Ok(self
            .prepare_cached(
                "INSERT INTO users (name, email, currency) VALUES (?1, ?2, ?3)
                 RETURNING id, name, email, currency, warn_percent",
            )?
            .query_row(params![name, email, currency.code()], user_from_row)?)
    }

    fn delete_user_if_unused(&self, id: UserId) -> StoreResult<()> {
        self.prepare_cached(
            "DELETE FROM users WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM expenses WHERE user_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM budgets WHERE user_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM alerts WHERE user_id = ?1)",
        )?
        .execute([id])?;
        Ok(())
    }

    fn expense_count(&self) -> StoreResult<i64> {
        Ok(self
            .prepare_cached("SELECT count(*) FROM expenses")?
            .query_row([], |row| row.get(0))?)
    }

    fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(self
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |row| row.get(0))
            .optional()?)
    }

    fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
        self.prepare_cached(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute(params![key, value])?;
        Ok(())
    }

    fn delete_setting(&self, key: &str) -> StoreResult<()> {
        self.prepare_cached("DELETE FROM settings WHERE key = ?1")?
            .execute([key])?;
        Ok(())
    }

    fn rate_on(
        &self,
        base: Currency,
        currency: Currency,
        date: chrono::NaiveDate,
    ) -> StoreResult<Option<ExchangeRate>> {
        rate_on_in(self, base, currency, date)
    }

    fn upsert_rate(&self, rate: &ExchangeRate) -> StoreResult<()> {
        upsert_rate_in(self, rate)
    }

    fn savepoint(&self, step: Savepoint) -> StoreResult<()> {
        Ok(self.execute_batch(step.sql())?)
    }
}

/// Stores an alert with its spent and budget in minor units; returns it with its id and
/// the time it fired.
pub(super) fn insert_alert(
    tx: &Transaction<'_>,
    bucket: Bucket,
    (spent, budget): (i64, i64),
    alert: Alert,
) -> StoreResult<Alert> {
    let fired_at: String = tx
        .prepare_cached(
            "INSERT INTO alerts (user_id, budget_id, expense_id, alert_type, message,
                                 category, month, spent, budget, currency)
             VALUES (?1, (SELECT id FROM budgets
                          WHERE user_id = ?1 AND category_id = ?10
                            AND year = ?11 AND month = ?12),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING fired_at",
        )?
        .query_row(
            params![
                alert.user_id,
                alert.expense_id,
                alert.kind.as_str(),
                alert.message,
                alert.category,
                alert.month.map(|m| m.to_string()),
                spent,
                budget,
                alert.currency.map(|c| c.code().to_string()),
                bucket.category,
                bucket.month.year(),
                bucket.month.number(),
            ],
            |row| row.get(0),
        )?;
    Ok(Alert {
        id: AlertId(tx.last_insert_rowid()),
        fired_at,
        ..alert
    })
}
