//! Recurring expenses on PostgreSQL. Several processes may catch up at once: the due rules
//! are locked as they are read (`FOR UPDATE`), so a second catch-up waits for the first and
//! then finds their next dates moved on; the move itself is conditional on the date read,
//! in the transaction that posts the expenses.

use chrono::NaiveDate;
use postgres::Row;

use crate::domain::{CategoryId, Recurring, RecurringId, UserId};
use crate::store::rules::{self, RecurringColumns, RecurringTx};
use crate::store::{CatchUp, NewRecurring, StoreError};

use super::db::Db;
use super::rows::{currency, money};
use super::sql_ids::may_exist;
use super::{PgStore, StoreResult};

impl PgStore {
    /// A user's recurring expenses, by id.
    pub fn recurring(&self, user: UserId) -> StoreResult<Vec<Recurring>> {
        if !may_exist(user.0) {
            return Ok(Vec::new());
        }
        self.rows(
            "SELECT r.id, r.user_id, r.category_id, c.name, r.amount, u.currency, r.every,
                    r.day, r.start_date, r.until, r.note, r.next_due
             FROM recurring r JOIN categories c ON c.id = r.category_id
                              JOIN users u ON u.id = r.user_id
             WHERE r.user_id = $1 AND u.id = $1 ORDER BY r.id",
            &[&user],
        )?
        .iter()
        .map(|row| columns_from_row(row)?.into_rule())
        .collect()
    }

    /// Stores a recurring expense; the next catch-up posts what is due.
    pub fn add_recurring(&mut self, new: &NewRecurring) -> StoreResult<Recurring> {
        self.write(|tx| rules::add_recurring(tx, new))
    }

    /// Deletes one of `user`'s recurring expenses; what it posted stays.
    pub fn delete_recurring(&mut self, user: UserId, id: RecurringId) -> StoreResult<()> {
        if !may_exist(id.0) || !may_exist(user.0) {
            return Err(StoreError::NoSuchRecurring(id));
        }
        self.write(|tx| rules::delete_recurring(tx, user, id))
    }

    /// Posts every recurring expense due up to `today`. Most days nothing is due: that is
    /// read first, so a catch-up with nothing to do writes nothing and wakes no one.
    pub fn post_due_recurring(&mut self, today: NaiveDate) -> StoreResult<CatchUp> {
        let anything_due = self
            .opt(
                "SELECT 1 FROM recurring WHERE next_due IS NOT NULL AND next_due <= $1 LIMIT 1",
                &[&today],
            )?
            .is_some();
        if !anything_due {
            return Ok(CatchUp::default());
        }
        self.write(|tx| rules::catch_up(tx, today))
    }
}

impl<D: Db> RecurringTx for D {
    fn recurring_due(&self, today: NaiveDate) -> StoreResult<Vec<Recurring>> {
        // Locked in id order, so two catch-ups never wait on each other in a circle; a rule
        // another one moved on while this waited no longer matches and is left out.
        self.rows(
            "SELECT r.id, r.user_id, r.category_id, c.name, r.amount, u.currency, r.every,
                    r.day, r.start_date, r.until, r.note, r.next_due
             FROM recurring r JOIN categories c ON c.id = r.category_id
                              JOIN users u ON u.id = r.user_id
             WHERE r.next_due IS NOT NULL AND r.next_due <= $1
             ORDER BY r.id FOR UPDATE OF r",
            &[&today],
        )?
        .iter()
        .map(|row| columns_from_row(row)?.into_rule())
        .collect()
    }

    fn advance_recurring(
        &self,
        id: RecurringId,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> StoreResult<bool> {
        let moved = self.exec(
            "UPDATE recurring SET next_due = $3 WHERE id = $1 AND next_due = $2",
            &[&id, &from, &to],
        )?;
        Ok(moved == 1)
    }

    fn insert_recurring(
        &self,
        rule: &Recurring,
        minor: i64,
        keep_id: bool,
    ) -> StoreResult<RecurringId> {
        let schedule = &rule.schedule;
        let amount = rule.currency.from_minor(minor);
        let day = schedule.day().and_then(|d| i32::try_from(d).ok());
        // DEFAULT cannot be a parameter: a new rule takes the sequence's next id.
        let id = if keep_id {
            rule.id
        } else {
            self.one(
                "SELECT nextval(pg_get_serial_sequence('recurring', 'id'))",
                &[],
            )?
            .try_get(0)?
        };
        let row = self.one(
            "INSERT INTO recurring (id, user_id, category_id, amount, every, day, start_date,
                                    until, note, next_due)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            &[
                &id,
                &rule.user_id,
                &rule.category_id,
                &amount,
                &schedule.every().as_str(),
                &day,
                &schedule.from(),
                &schedule.until(),
                &rule.note,
                &rule.next_due,
            ],
        )?;
        Ok(row.try_get(0)?)
    }

    fn category_recurring(&self, category: CategoryId) -> StoreResult<Vec<Recurring>> {
        self.rows(
            "SELECT r.id, r.user_id, r.category_id, c.name, r.amount, u.currency, r.every,
                    r.day, r.start_date, r.until, r.note, r.next_due
             FROM recurring r JOIN categories c ON c.id = r.category_id
                              JOIN users u ON u.id = r.user_id
             WHERE r.category_id = $1 ORDER BY r.id",
            &[&category],
        )?
        .iter()
        .map(|row| columns_from_row(row)?.into_rule())
        .collect()
    }

    fn delete_recurring(&self, user: UserId, id: RecurringId) -> StoreResult<bool> {
        let deleted = self.exec(
            "DELETE FROM recurring WHERE id = $1 AND user_id = $2",
            &[&id, &user],
        )?;
        Ok(deleted == 1)
    }
}

fn columns_from_row(row: &Row) -> StoreResult<RecurringColumns> {
    let currency = currency(row.try_get(5)?);
    let day: Option<i32> = row.try_get(7)?;
    Ok(RecurringColumns {
        id: row.try_get(0)?,
        user_id: row.try_get(1)?,
        category_id: row.try_get(2)?,
        category: row.try_get(3)?,
        amount: money(currency, row.try_get(4)?)?,
        currency,
        every: row.try_get(6)?,
        day: day.map(i64::from),
        from: row.try_get(8)?,
        until: row.try_get(9)?,
        note: row.try_get(10)?,
        next_due: row.try_get(11)?,
    })
}
