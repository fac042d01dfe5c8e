//! Standing budgets and rollover on `SQLite`: the standing rows, the month rows made from
//! them, and the history a carry is computed from. Months are `YYYY-MM` text where the
//! schema keeps them so, and `year * 100 + month` where a budget row is compared by month.

use rusqlite::{Connection, Transaction, params};

use crate::domain::{BudgetId, BudgetTerms, CategoryId, Currency, Month, User, UserId};
use crate::store::rules::standing::StandingTx;
use crate::store::rules::{BudgetHistory, CategoryPlan, PlanRow, plans_from};
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
         SELECT s.user_id, s.category_id, n.year, n.month, s.amount, 1, s.rollover,
                s.carry_overspending
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
        "INSERT INTO budgets (user_id, category_id, year, month, amount, standing, rollover,
                              carry_overspending) ",
        missing_rows!(),
        " ORDER BY n.year, n.month, s.category_id
         ON CONFLICT (user_id, category_id, year, month) DO NOTHING"
    ))?
    .execute(params![user, first.index(), last.index()])?;
    Ok(())
}

/// Terms as stored: an amount in minor units and two flags.
fn terms_of(minor: i64, rollover: bool, carry_overspending: bool) -> BudgetTerms {
    BudgetTerms {
        minor,
        rollover,
        carry_overspending,
    }
}

impl BudgetHistory for Connection {
    fn user_of(&self, id: UserId) -> StoreResult<User> {
        super::expenses::user_in(self, id)
    }

    fn budget_plans(
        &self,
        user: &User,
        category: Option<CategoryId>,
    ) -> StoreResult<Vec<CategoryPlan>> {
        let mut statement = self.prepare_cached(
            "SELECT s.category_id, c.name, 1, s.from_month, s.amount, s.rollover,
                    s.carry_overspending
             FROM standing_budgets s JOIN categories c ON c.id = s.category_id
             WHERE s.user_id = ?1 AND (?2 IS NULL OR s.category_id = ?2)
             UNION ALL
             SELECT b.category_id, c.name, 0, printf('%04d-%02d', b.year, b.month), b.amount,
                    b.rollover, b.carry_overspending
             FROM budgets b JOIN categories c ON c.id = b.category_id
             WHERE b.user_id = ?1 AND b.standing = 0 AND (?2 IS NULL OR b.category_id = ?2)
             ORDER BY 2, 1",
        )?;
        let rows = statement.query_map(params![user.id, category], |row| {
            let minor: Option<i64> = row.get(4)?;
            let (rollover, debt): (bool, bool) = (row.get(5)?, row.get(6)?);
            Ok(PlanRow {
                category: row.get(0)?,
                name: row.get(1)?,
                standing: row.get(2)?,
                month: month_of(&row.get::<_, String>(3)?)?,
                terms: minor.map(|minor| terms_of(minor, rollover, debt)),
            })
        })?;
        Ok(plans_from(rows.collect::<Result<Vec<_>, _>>()?))
    }

    fn spent_by_month(
        &self,
        user: &User,
        category: Option<CategoryId>,
        first: Month,
        last: Option<Month>,
    ) -> StoreResult<Vec<(CategoryId, Month, i64)>> {
        let mut statement = self.prepare_cached(
            "SELECT category_key, month, total FROM month_totals
             WHERE user_id = ?1 AND month >= ?2 AND month <= ?3 AND category_key <> 0
               AND (?4 IS NULL OR category_key = ?4)",
        )?;
        let last = last.unwrap_or(Month::MAX);
        let rows = statement.query_map(
            params![user.id, first.to_string(), last.to_string(), category],
            |row| {
                // Borrowed, not copied: a long rollover run reads thousands of these.
                let month = row.get_ref(1)?.as_str()?;
                Ok((row.get(0)?, month_of(month)?, row.get(2)?))
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn budget_row_ids(
        &self,
        user: UserId,
        month: Month,
    ) -> StoreResult<Vec<(CategoryId, BudgetId)>> {
        let mut statement = self.prepare_cached(
            // Named: the planner would rather walk every row of the user on the unique
            // index, which covers both columns, than seek the month's few.
            "SELECT category_id, id FROM budgets INDEXED BY budgets_by_user_month
             WHERE user_id = ?1 AND year = ?2 AND month = ?3",
        )?;
        let rows = statement.query_map(params![user, month.year(), month.number()], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
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

    fn standing_rows_after(&self, user: UserId, month: Month) -> StoreResult<bool> {
        Ok(self
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM budgets
                                WHERE user_id = ?1 AND standing = 1
                                  AND year * 100 + month > ?2)",
            )?
            .query_row(params![user, month_key(month)], |row| row.get(0))?)
    }
}

impl BudgetHistory for Transaction<'_> {
    fn user_of(&self, id: UserId) -> StoreResult<User> {
        (**self).user_of(id)
    }

    fn budget_plans(
        &self,
        user: &User,
        category: Option<CategoryId>,
    ) -> StoreResult<Vec<CategoryPlan>> {
        (**self).budget_plans(user, category)
    }

    fn spent_by_month(
        &self,
        user: &User,
        category: Option<CategoryId>,
        first: Month,
        last: Option<Month>,
    ) -> StoreResult<Vec<(CategoryId, Month, i64)>> {
        (**self).spent_by_month(user, category, first, last)
    }

    fn budget_row_ids(
        &self,
        user: UserId,
        month: Month,
    ) -> StoreResult<Vec<(CategoryId, BudgetId)>> {
        (**self).budget_row_ids(user, month)
    }

    fn first_standing_month(&self, user: UserId) -> StoreResult<Option<Month>> {
        (**self).first_standing_month(user)
    }

    fn standing_rows_missing(&self, user: UserId, first: Month, last: Month) -> StoreResult<bool> {
        (**self).standing_rows_missing(user, first, last)
    }

    fn standing_rows_after(&self, user: UserId, month: Month) -> StoreResult<bool> {
        (**self).standing_rows_after(user, month)
    }
}

impl StandingTx for Transaction<'_> {
    fn write_standing(
        &self,
        user: &User,
        category: CategoryId,
        from: Month,
        terms: Option<BudgetTerms>,
    ) -> StoreResult<()> {
        self.prepare_cached(
            "INSERT INTO standing_budgets
                 (user_id, category_id, from_month, amount, rollover, carry_overspending)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (user_id, category_id, from_month)
             DO UPDATE SET amount = excluded.amount, rollover = excluded.rollover,
                           carry_overspending = excluded.carry_overspending",
        )?
        .execute(params![
            user.id,
            category,
            from.to_string(),
            terms.map(|t| t.minor),
            terms.is_some_and(|t| t.rollover),
            terms.is_some_and(|t| t.carry_overspending),
        ])?;
        Ok(())
    }

    fn delete_standing(&self, user: UserId, category: CategoryId, from: Month) -> StoreResult<()> {
        self.prepare_cached(
            "DELETE FROM standing_budgets
             WHERE user_id = ?1 AND category_id = ?2 AND from_month = ?3",
        )?
        .execute(params![user, category, from.to_string()])?;
        Ok(())
    }

    fn write_budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
        terms: BudgetTerms,
        standing: bool,
    ) -> StoreResult<BudgetId> {
        Ok(self
            .prepare_cached(
                "INSERT INTO budgets (user_id, category_id, year, month, amount, standing,
                                      rollover, carry_overspending)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (user_id, category_id, year, month)
                 DO UPDATE SET amount = excluded.amount, standing = excluded.standing,
                               rollover = excluded.rollover,
                               carry_overspending = excluded.carry_overspending
                 RETURNING id",
            )?
            .query_row(
                params![
                    user.id,
                    category,
                    month.year(),
                    month.number(),
                    terms.minor,
                    standing,
                    terms.rollover,
                    terms.carry_overspending
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

    fn delete_standing_rows_after(&self, user: UserId, month: Month) -> StoreResult<()> {
        self.prepare_cached(
            "DELETE FROM budgets
             WHERE user_id = ?1 AND standing = 1 AND year * 100 + month > ?2",
        )?
        .execute(params![user, month_key(month)])?;
        Ok(())
    }

    fn category_standing(&self, category: CategoryId) -> StoreResult<Vec<StandingBudget>> {
        standing_rows(self, Some(category))
    }

    fn insert_standing(&self, row: &StandingBudget) -> StoreResult<()> {
        let currency = super::expenses::user_in(self, row.user_id)?.currency;
        let minor = row.amount.map(|a| currency.to_minor(a)).transpose()?;
        self.prepare_cached(
            "INSERT INTO standing_budgets
                 (user_id, category_id, from_month, amount, rollover, carry_overspending)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            row.user_id,
            row.category_id,
            row.from.to_string(),
            minor,
            row.rollover,
            row.carry_overspending
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
        "SELECT s.user_id, s.category_id, s.from_month, s.amount, s.rollover, u.currency,
                s.carry_overspending
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
            carry_overspending: row.get(6)?,
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
