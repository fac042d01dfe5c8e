//! What the shared write rules need from PostgreSQL, on a transaction (or, for reads, the
//! connection). Writers of one bucket are kept apart by its totals row, held from the first
//! read of the bucket to the commit.

use crate::domain::{
    Alert, AlertId, Category, CategoryId, Currency, ExchangeRate, Expense, ExpenseId, Month, User,
    UserId,
};
use crate::store::rules::{Bucket, LedgerTx, Savepoint};
use crate::store::{StoreError, StoreResult};

use super::catalog::{category_name_in, find_category_in, user_in};
use super::db::Db;
use super::expenses::expense_in;
use super::rates::{rate_on_in, upsert_rate_in};
use super::rows::{alert_from_row, category_from_row, user_from_row};
use super::sql_ids::{holds_nul, may_exist};

/// The three columns of a foreign part as stored: amount, code, exact rate.
fn spent_columns(
    row: &Expense,
) -> (
    Option<rust_decimal::Decimal>,
    Option<&str>,
    Option<rust_decimal::Decimal>,
) {
    match &row.foreign {
        Some(spent) => (
            Some(spent.amount),
            Some(spent.currency.code()),
            Some(spent.rate.value()),
        ),
        None => (None, None, None),
    }
}

impl<D: Db> LedgerTx for D {
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
        let row = match id {
            Some(id) => self.one(
                "INSERT INTO categories (id, name, description) VALUES ($1, $2, $3)
                 RETURNING id, name, description",
                &[&id, &name, &description],
            )?,
            None => self.one(
                "INSERT INTO categories (name, description) VALUES ($1, $2)
                 RETURNING id, name, description",
                &[&name, &description],
            )?,
        };
        category_from_row(&row)
    }

    fn category_exists(&self, id: CategoryId) -> StoreResult<bool> {
        if !may_exist(id.0) {
            return Ok(false);
        }
        Ok(self
            .opt("SELECT 1 FROM categories WHERE id = $1", &[&id])?
            .is_some())
    }

    fn delete_category_if_unused(&self, id: CategoryId) -> StoreResult<()> {
        self.exec(
            "DELETE FROM categories WHERE id = $1
               AND NOT EXISTS (SELECT 1 FROM expenses WHERE category_id = $1)
               AND NOT EXISTS (SELECT 1 FROM budgets WHERE category_id = $1)",
            &[&id],
        )?;
        Ok(())
    }

    fn expense(&self, user: UserId, id: ExpenseId) -> StoreResult<Expense> {
        expense_in(self, user, id)
    }

    fn expense_id_taken(&self, id: ExpenseId) -> StoreResult<bool> {
        if !may_exist(id.0) {
            return Ok(false);
        }
        Ok(self
            .opt("SELECT 1 FROM expenses WHERE id = $1", &[&id])?
            .is_some())
    }

    fn insert_expense(&self, row: &Expense, minor: i64, keep_id: bool) -> StoreResult<ExpenseId> {
        let amount = row.currency.from_minor(minor);
        let (spent, spent_currency, rate) = spent_columns(row);
        let inserted = if keep_id {
            self.one(
                "INSERT INTO expenses (id, user_id, category_id, amount, currency, date, note,
                                       spent_amount, spent_currency, rate)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                &[
                    &row.id,
                    &row.user_id,
                    &row.category_id,
                    &amount,
                    &row.currency.code(),
                    &row.date,
                    &row.note,
                    &spent,
                    &spent_currency,
                    &rate,
                ],
            )?
        } else {
            self.one(
                "INSERT INTO expenses (user_id, category_id, amount, currency, date, note,
                                       spent_amount, spent_currency, rate)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                &[
                    &row.user_id,
                    &row.category_id,
                    &amount,
                    &row.currency.code(),
                    &row.date,
                    &row.note,
                    &spent,
                    &spent_currency,
                    &rate,
                ],
            )?
        };
        Ok(inserted.try_get(0)?)
    }

    fn update_expense(&self, row: &Expense, minor: i64) -> StoreResult<()> {
        let amount = row.currency.from_minor(minor);
        let (spent, spent_currency, rate) = spent_columns(row);
        self.exec(
            "UPDATE expenses SET category_id = $2, amount = $3, date = $4, note = $5,
                    spent_amount = $7, spent_currency = $8, rate = $9
             WHERE id = $1 AND user_id = $6",
            &[
                &row.id,
                &row.category_id,
                &amount,
                &row.date,
                &row.note,
                &row.user_id,
                &spent,
                &spent_currency,
                &rate,
            ],
        )?;
        Ok(())
    }

    fn delete_expense(&self, row: &Expense) -> StoreResult<()> {
        // The owner too, so that a server sharded by user deletes on one shard.
        self.exec(
            "DELETE FROM expenses WHERE id = $1 AND user_id = $2",
            &[&row.id, &row.user_id],
        )?;
        Ok(())
    }

    /// The bucket's totals row is created if missing and locked either way: a second
    /// writer of the same bucket waits here until the first commits.
    fn hold_bucket(&self, user: &User, bucket: Bucket) -> StoreResult<()> {
        self.exec(
            "INSERT INTO month_totals (user_id, category_key, month, total, count)
             VALUES ($1, $2, $3, 0, 0)
             ON CONFLICT (user_id, month, category_key)
             DO UPDATE SET total = month_totals.total",
            &[&user.id, &bucket.category, &bucket.month.to_string()],
        )?;
        Ok(())
    }

    fn open_months(&self, user: &User, first: Month, last: Month) -> StoreResult<()> {
        super::standing::open_months(self, user.id, first, last)
    }

    fn insert_alert(
        &self,
        bucket: Bucket,
        figures: (i64, i64),
        alert: Alert,
    ) -> StoreResult<Alert> {
        let number = i32::try_from(bucket.month.number()).unwrap_or(1);
        let currency = alert.currency.ok_or_else(|| {
            StoreError::InvalidInput("an alert's figures need their currency".into())
        })?;
        let row = self.one(
            concat!(
                "INSERT INTO alerts (user_id, budget_id, expense_id, alert_type, message,
                                     category, month, spent, budget, currency)
                 VALUES ($1, (SELECT id FROM budgets
                              WHERE user_id = $1 AND category_id = $10
                                AND year = $11 AND month = $12),
                         $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ",
                super::rows::alert_columns!()
            ),
            &[
                &alert.user_id,
                &alert.expense_id,
                &alert.kind.as_str(),
                &alert.message,
                &alert.category,
                &alert.month.map(|m| m.to_string()),
                &currency.from_minor(figures.0),
                &currency.from_minor(figures.1),
                &currency.code(),
                &bucket.category,
                &bucket.month.year(),
                &number,
            ],
        )?;
        alert_from_row(&row)
    }

    fn delete_alerts(&self, user: UserId, ids: &[AlertId]) -> StoreResult<()> {
        for id in ids.iter().filter(|id| may_exist(id.0)) {
            self.exec(
                "DELETE FROM alerts WHERE id = $1 AND user_id = $2",
                &[id, &user],
            )?;
        }
        Ok(())
    }

    fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        if holds_nul(email) {
            return Ok(None);
        }
        let row = self.opt(
            "SELECT id, name, email, currency, warn_percent FROM users
             WHERE lower(email) = lower($1)",
            &[&email],
        )?;
        row.as_ref().map(user_from_row).transpose()
    }

    fn insert_user(&self, name: &str, email: &str, currency: Currency) -> StoreResult<User> {
        let row = self.one(
            "INSERT INTO users (name, email, currency) VALUES ($1, $2, $3)
             RETURNING id, name, email, currency, warn_percent",
            &[&name, &email, &currency.code()],
        )?;
        user_from_row(&row)
    }

    fn delete_user_if_unused(&self, id: UserId) -> StoreResult<()> {
        self.exec(
            "DELETE FROM users WHERE id = $1
               AND NOT EXISTS (SELECT 1 FROM expenses WHERE user_id = $1)
               AND NOT EXISTS (SELECT 1 FROM budgets WHERE user_id = $1)
               AND NOT EXISTS (SELECT 1 FROM alerts WHERE user_id = $1)",
            &[&id],
        )?;
        // The next user takes the id after the highest left, as on SQLite, so the sample
        // that replaces a new ledger's first user keeps the reference's ids.
        self.exec(
            "SELECT setval(pg_get_serial_sequence('users', 'id'), coalesce(max(id), 0) + 1, false)
             FROM users",
            &[],
        )?;
        Ok(())
    }

    fn expense_count(&self) -> StoreResult<i64> {
        Ok(self.one("SELECT count(*) FROM expenses", &[])?.try_get(0)?)
    }

    fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        let row = self.opt("SELECT value FROM settings WHERE key = $1", &[&key])?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
        self.exec(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )?;
        Ok(())
    }

    fn delete_setting(&self, key: &str) -> StoreResult<()> {
        self.exec("DELETE FROM settings WHERE key = $1", &[&key])?;
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
        self.batch(step.sql())
    }
}
