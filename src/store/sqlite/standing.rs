//! Standing budgets and rollover on `SQLite`: the standing rows, the month rows made from
//! them, and the history a carry is computed from. Months are `YYYY-MM` text where the
//! schema keeps them so, and `year * 100 + month` where a budget row is compared by month.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::domain::{BudgetId, CategoryId, Currency, Month, User, UserId};
use crate::store::rules::rollover::BudgetHistory;
use crate::store::rules::standing::{BudgetRow, StandingRow, StandingTx};
use crate::store::{StandingBudget, StoreResult};

/// A month as the number budget rows are compared by: 202611 for November 2026.
fn month_key(month: Month) -> i64 {
    i64::from(month.year()) * 100 + i64::from(month.number())
}

/// A `YYYY-MM` text as stored.
fn month_of(text: &str) -> rusqlite::Result<Month> {
    Month::parse(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A month from a budget row's year and month.
fn month_of_row(year: i32, number: u32) -> rusqlite::Result<Month> {
    Month::new(year, number).ok_or_else(|| {
        rusqlite::Error::IntegralValueOutOfRange(0, i64::from(year) * 100 + i64::from(number))
    })
}

/// The rows the standing budgets call for in user `?1`'s months `?2` to `?3` (counted by
/// `Month::index`) that are missing, as `INSERT INTO budgets` takes them.
macro_rules! missing_rows {
    () => {
        "WITH RECURSIVE months (i) AS (
             SELECT ?2 UNION ALL SELECT i + 1 FROM months WHERE i < ?3
         ),
         named (year, month, key) AS (
             SELECT i / 12, i % 12 + 1, printf('%04d-%02d', i / 12, i % 12 + 1) FROM months
         )
         SELECT s.user_id, s.category_id, n.year, n.month, s.amount, 1, s.rollover
         FROM named n
         JOIN standing_budgets s ON s.user_id = ?1
         WHERE s.amount IS NOT NULL
           AND s.from_month = (SELECT max(l.from_month) FROM standing_budgets l
                               WHERE l.user_id = ?1 AND l.category_id = s.category_id
                                 AND l.from_month <= n.key)
           AND NOT EXISTS (SELECT 1 FROM budgets b
                           WHERE b.user_id = ?1 AND b.category_id = s.category_id
                             AND b.year = n.year AND b.month = n.month)"
    };
}

/// Makes the missing rows the standing budgets call for in each month from `first` to
/// `last`. ON CONFLICT covers a row another connection made in between.
pub(super) fn open_months(
    conn: &Connection,
    user: UserId,
    first: Month,
    last: Month,
) -> StoreResult<()> {
    conn.prepare_cached(concat!(
        "INSERT INTO budgets (user_id, category_id, year, month, amount, standing, rollover) ",
        missing_rows!(),
        " ORDER BY n.year, n.month, s.category_id
         ON CONFLICT (user_id, category_id, year, month) DO NOTHING"
    ))?
    .execute(params![user, first.index(), last.index()])?;
    Ok(())
}

impl BudgetHistory for Connection {
    fn rollover_months(
        &self,
        user: &User,
        category: CategoryId,
        before: Month,
    ) -> StoreResult<Vec<(Month, i64)>> {
        let mut statement = self.prepare_cached(
            "SELECT year, month, amount FROM budgets
             WHERE user_id = ?1 AND category_id = ?2 AND rollover = 1
               AND year * 100 + month < ?3
             ORDER BY year DESC, month DESC",
        )?;
        let rows = statement.query_map(params![user.id, category, month_key(before)], |row| {
            Ok((month_of_row(row.get(0)?, row.get(1)?)?, row.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn spent_in_months(
        &self,
        user: &User,
        category: CategoryId,
        first: Month,
        end: Month,
    ) -> StoreResult<i64> {
        Ok(self
            .prepare_cached(
                "SELECT coalesce(sum(total), 0) FROM month_totals
                 WHERE user_id = ?1 AND category_key = ?2 AND month >= ?3 AND month < ?4",
            )?
            .query_row(
                params![user.id, category, first.to_string(), end.to_string()],
                |row| row.get(0),
            )?)
    }

    fn first_standing_month(&self, user: UserId) -> StoreResult<Option<Month>> {
        let first: Option<String> = self
            .prepare_cached(
                "SELECT min(from_month) FROM standing_budgets
                 WHERE user_id = ?1 AND amount IS NOT NULL",
            )?
            .query_row([user], |row| row.get(0))?;
        Ok(first.as_deref().map(month_of).transpose()?)
    }

    fn standing_rows_missing(&self, user: UserId, first: Month, last: Month) -> StoreResult<bool> {
        Ok(self
            .prepare_cached(concat!("SELECT EXISTS (", missing_rows!(), ")"))?
            .query_row(params![user, first.index(), last.index()], |row| row.get(0))?)
    }
}

impl BudgetHistory for Transaction<'_> {
    fn rollover_months(
        &self,
        user: &User,
        category: CategoryId,
        before: Month,
    ) -> StoreResult<Vec<(Month, i64)>> {
        (**self).rollover_months(user, category, before)
    }

    fn spent_in_months(
        &self,
        user: &User,
        category: CategoryId,
        first: Month,
        end: Month,
    ) -> StoreResult<i64> {
        (**self).spent_in_months(user, category, first, end)
    }

    fn first_standing_month(&self, user: UserId) -> StoreResult<Option<Month>> {
        (**self).first_standing_month(user)
    }

    fn standing_rows_missing(&self, user: UserId, first: Month, last: Month) -> StoreResult<bool> {
        (**self).standing_rows_missing(user, first, last)
    }
}

impl StandingTx for Transaction<'_> {
    fn standing_at(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<Option<StandingRow>> {
        Ok(self
            .prepare_cached(
                "SELECT from_month, amount, rollover FROM standing_budgets
                 WHERE user_id = ?1 AND category_id = ?2 AND from_month <= ?3
                 ORDER BY from_month DESC LIMIT 1",
            )?
            .query_row(params![user.id, category, month.to_string()], |row| {
                Ok(StandingRow {
                    from: month_of(&row.get::<_, String>(0)?)?,
                    minor: row.get(1)?,
                    rollover: row.get(2)?,
                })
            })
            .optional()?)
    }

    fn standing_after(&self, user: &User, category: CategoryId, month: Month) -> StoreResult<bool> {
        Ok(self
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM standing_budgets
                                WHERE user_id = ?1 AND category_id = ?2 AND from_month > ?3
                                  AND amount IS NOT NULL)",
            )?
            .query_row(params![user.id, category, month.to_string()], |row| {
                row.get(0)
            })?)
    }

    fn replace_standing_from(
        &self,
        user: &User,
        category: CategoryId,
        row: StandingRow,
    ) -> StoreResult<()> {
        let from = row.from.to_string();
        self.prepare_cached(
            "DELETE FROM standing_budgets
             WHERE user_id = ?1 AND category_id = ?2 AND from_month >= ?3",
        )?
        .execute(params![user.id, category, from])?;
        self.prepare_cached(
            "INSERT INTO standing_budgets (user_id, category_id, from_month, amount, rollover)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![user.id, category, from, row.minor, row.rollover])?;
        Ok(())
    }

    fn budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<Option<BudgetRow>> {
        Ok(self
            .prepare_cached(
                "SELECT id, amount, standing, rollover FROM budgets
                 WHERE user_id = ?1 AND category_id = ?2 AND year = ?3 AND month = ?4",
            )?
            .query_row(
                params![user.id, category, month.year(), month.number()],
                |row| {
                    Ok(BudgetRow {
                        id: row.get(0)?,
                        minor: row.get(1)?,
                        standing: row.get(2)?,
                        rollover: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    fn write_budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
        (minor, standing, rollover): (i64, bool, bool),
    ) -> StoreResult<BudgetId> {
        Ok(self
            .prepare_cached(
                "INSERT INTO budgets (user_id, category_id, year, month, amount, standing, rollover)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (user_id, category_id, year, month)
                 DO UPDATE SET amount = excluded.amount, standing = excluded.standing,
                               rollover = excluded.rollover
                 RETURNING id",
            )?
            .query_row(
                params![
                    user.id,
                    category,
                    month.year(),
                    month.number(),
                    minor,
                    standing,
                    rollover
                ],
                |row| row.get(0),
            )?)
    }

    fn delete_budget_row(
        &self,
        user: UserId,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<()> {
        self.prepare_cached(
            "DELETE FROM budgets
             WHERE user_id = ?1 AND category_id = ?2 AND year = ?3 AND month = ?4",
        )?
        .execute(params![user, category, month.year(), month.number()])?;
        Ok(())
    }

    fn rewrite_standing_rows(
        &self,
        user: &User,
        category: CategoryId,
        from: Month,
        minor: Option<i64>,
        rollover: bool,
    ) -> StoreResult<()> {
        let key = month_key(from);
        match minor {
            Some(minor) => self
                .prepare_cached(
                    "UPDATE budgets SET amount = ?4, rollover = ?5
                     WHERE user_id = ?1 AND category_id = ?2 AND standing = 1
                       AND year * 100 + month >= ?3",
                )?
                .execute(params![user.id, category, key, minor, rollover])?,
            None => self
                .prepare_cached(
                    "DELETE FROM budgets
                     WHERE user_id = ?1 AND category_id = ?2 AND standing = 1
                       AND year * 100 + month >= ?3",
                )?
                .execute(params![user.id, category, key])?,
        };
        Ok(())
    }

    fn budget_months_from(
        &self,
        user: UserId,
        category: CategoryId,
        from: Month,
    ) -> StoreResult<Vec<Month>> {
        let mut statement = self.prepare_cached(
            "SELECT year, month FROM budgets
             WHERE user_id = ?1 AND category_id = ?2 AND year * 100 + month >= ?3
             ORDER BY year, month",
        )?;
        let rows = statement.query_map(params![user, category, month_key(from)], |row| {
            month_of_row(row.get(0)?, row.get(1)?)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn category_standing(&self, category: CategoryId) -> StoreResult<Vec<StandingBudget>> {
        standing_rows(self, Some(category))
    }

    fn insert_standing(&self, row: &StandingBudget) -> StoreResult<()> {
        let currency = super::expenses::user_in(self, row.user_id)?.currency;
        let minor = row.amount.map(|a| currency.to_minor(a)).transpose()?;
        self.prepare_cached(
            "INSERT INTO standing_budgets (user_id, category_id, from_month, amount, rollover)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            row.user_id,
            row.category_id,
            row.from.to_string(),
            minor,
            row.rollover
        ])?;
        Ok(())
    }
}

/// Every standing budget, or a category's, of every user, in the order they were set up.
fn standing_rows(
    conn: &Connection,
    category: Option<CategoryId>,
) -> StoreResult<Vec<StandingBudget>> {
    let mut statement = conn.prepare_cached(
        "SELECT s.user_id, s.category_id, s.from_month, s.amount, s.rollover, u.currency
         FROM standing_budgets s JOIN users u ON u.id = s.user_id
         WHERE ?1 IS NULL OR s.category_id = ?1
         ORDER BY s.user_id, s.category_id, s.from_month",
    )?;
    let rows = statement.query_map([category], |row| {
        let currency = Currency::from_stored(&row.get::<_, String>(5)?).unwrap_or_default();
        let minor: Option<i64> = row.get(3)?;
        Ok(StandingBudget {
            user_id: row.get(0)?,
            category_id: row.get(1)?,
            from: month_of(&row.get::<_, String>(2)?)?,
            amount: minor.map(|minor| currency.from_minor(minor)),
            rollover: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl super::SqliteStore {
    /// Every standing budget of every user, in the order they were set up.
    pub fn standing_budgets(&self) -> StoreResult<Vec<StandingBudget>> {
        standing_rows(&self.conn, None)
    }
}
