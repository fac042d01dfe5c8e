//! Recurring expenses on `SQLite`: the rules' rows, and the catch-up in one IMMEDIATE
//! transaction. `SQLite` has one writer at a time, so the due rules read under the write
//! lock are exactly the ones no other process has posted.

use chrono::NaiveDate;
use rusqlite::{Row, Transaction, params};

use crate::domain::{CategoryId, Currency, Recurring, RecurringId, UserId};
use crate::store::rules::{self, RecurringColumns, RecurringTx};
use crate::store::{CatchUp, NewRecurring};

use super::{SqliteStore, StoreResult};

/// The columns `columns_from_row` reads, from `recurring r`, `categories c` and `users u`.
macro_rules! recurring_select {
    ($tail:literal) => {
        concat!(
            "SELECT r.id, r.user_id, r.category_id, c.name, r.amount, u.currency, r.every, r.day,
                    r.start_date, r.until, r.note, r.next_due
             FROM recurring r JOIN categories c ON c.id = r.category_id
                              JOIN users u ON u.id = r.user_id ",
            $tail
        )
    };
}

impl SqliteStore {
    /// A user's recurring expenses, by id.
    pub fn recurring(&self, user: UserId) -> StoreResult<Vec<Recurring>> {
        let mut statement = self
            .conn
            .prepare_cached(recurring_select!("WHERE r.user_id = ?1 ORDER BY r.id"))?;
        let rows = statement.query_map([user], columns_from_row)?;
        rows.map(|row| row?.into_rule()).collect()
    }

    /// Stores a recurring expense; the next catch-up posts what is due.
    pub fn add_recurring(&mut self, new: &NewRecurring) -> StoreResult<Recurring> {
        self.write(|tx| rules::add_recurring(tx, new))
    }

    /// Deletes one of `user`'s recurring expenses; what it posted stays.
    pub fn delete_recurring(&mut self, user: UserId, id: RecurringId) -> StoreResult<()> {
        self.write(|tx| rules::delete_recurring(tx, user, id))
    }

    /// Posts every recurring expense due up to `today`. Most days nothing is due: that is
    /// read without the write lock, so reading commands do not queue behind writers.
    pub fn post_due_recurring(&mut self, today: NaiveDate) -> StoreResult<CatchUp> {
        let anything_due: bool = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM recurring
                                WHERE next_due IS NOT NULL AND next_due <= ?1)",
            )?
            .query_row([today], |row| row.get(0))?;
        if !anything_due {
            return Ok(CatchUp::default());
        }
        self.write(|tx| rules::catch_up(tx, today))
    }
}

impl RecurringTx for Transaction<'_> {
    fn recurring_due(&self, today: NaiveDate) -> StoreResult<Vec<Recurring>> {
        let mut statement = self.prepare_cached(recurring_select!(
            "WHERE r.next_due IS NOT NULL AND r.next_due <= ?1 ORDER BY r.id"
        ))?;
        let rows = statement.query_map([today], columns_from_row)?;
        rows.map(|row| row?.into_rule()).collect()
    }

    fn advance_recurring(
        &self,
        id: RecurringId,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> StoreResult<bool> {
        let moved = self
            .prepare_cached("UPDATE recurring SET next_due = ?3 WHERE id = ?1 AND next_due = ?2")?
            .execute(params![id, from, to])?;
        Ok(moved == 1)
    }

    fn insert_recurring(
        &self,
        rule: &Recurring,
        minor: i64,
        keep_id: bool,
    ) -> StoreResult<RecurringId> {
        let schedule = &rule.schedule;
        self.prepare_cached(
            "INSERT INTO recurring (id, user_id, category_id, amount, every, day, start_date,
                                    until, note, next_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            keep_id.then_some(rule.id),
            rule.user_id,
            rule.category_id,
            minor,
            schedule.every().as_str(),
            schedule.day(),
            schedule.from(),
            schedule.until(),
            rule.note,
            rule.next_due,
        ])?;
        Ok(RecurringId(self.last_insert_rowid()))
    }

    fn category_recurring(&self, category: CategoryId) -> StoreResult<Vec<Recurring>> {
        let mut statement =
            self.prepare_cached(recurring_select!("WHERE r.category_id = ?1 ORDER BY r.id"))?;
        let rows = statement.query_map([category], columns_from_row)?;
        rows.map(|row| row?.into_rule()).collect()
    }

    fn delete_recurring(&self, user: UserId, id: RecurringId) -> StoreResult<bool> {
        let deleted = self
            .prepare_cached("DELETE FROM recurring WHERE id = ?1 AND user_id = ?2")?
            .execute(params![id, user])?;
        Ok(deleted == 1)
    }
}

fn columns_from_row(row: &Row<'_>) -> rusqlite::Result<RecurringColumns> {
    let currency: String = row.get(5)?;
    let currency = Currency::parse(&currency).unwrap_or_default();
    let minor: i64 = row.get(4)?;
    Ok(RecurringColumns {
        id: RecurringId(row.get(0)?),
        user_id: row.get(1)?,
        category_id: row.get(2)?,
        category: row.get(3)?,
        amount: currency.from_minor(minor),
        currency,
        every: row.get(6)?,
        day: row.get(7)?,
        from: row.get(8)?,
        until: row.get(9)?,
        note: row.get(10)?,
        next_due: row.get(11)?,
    })
}
