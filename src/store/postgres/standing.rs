//! Standing budgets and rollover on PostgreSQL: the standing rows, the month rows made from
//! them, and the history a carry is computed from. Amounts are NUMERIC in the user's
//! currency; months are `YYYY-MM` text where the schema keeps them so, and
//! `year * 100 + month` where a budget row is compared by month.

use rust_decimal::Decimal;

use crate::domain::{BudgetId, CategoryId, Currency, Month, User, UserId};
use crate::store::rules::rollover::BudgetHistory;
use crate::store::rules::standing::{BudgetRow, StandingRow, StandingTx};
use crate::store::{StandingBudget, StoreError, StoreResult};

use super::db::Db;

/// A month as the number budget rows are compared by: 202611 for November 2026.
fn month_key(month: Month) -> i32 {
    month.year() * 100 + i32::try_from(month.number()).unwrap_or(1)
}

/// A month as its index since year 0, as `generate_series` counts it.
fn month_index(month: Month) -> i32 {
    i32::try_from(month.index()).unwrap_or(i32::MAX)
}

/// A month from a budget row's year and month.
fn month_of_row(year: i32, number: i32) -> StoreResult<Month> {
    u32::try_from(number)
        .ok()
        .and_then(|number| Month::new(year, number))
        .ok_or_else(|| StoreError::InvalidInput(format!("a budget row has month {year}-{number}")))
}

/// A `YYYY-MM` text as stored.
fn month_of(text: &str) -> StoreResult<Month> {
    Month::parse(text).map_err(|e| StoreError::InvalidInput(e.to_string()))
}

fn minor_of(currency: Currency, amount: Decimal) -> StoreResult<i64> {
    Ok(currency.to_minor(amount)?)
}

/// The rows the standing budgets call for in user `$1`'s months `$2` to `$3` (counted by
/// `Month::index`) that are missing, as `INSERT INTO budgets` takes them.
macro_rules! missing_rows {
    () => {
        "SELECT s.user_id, s.category_id, n.i / 12, n.i % 12 + 1, s.amount, true, s.rollover
         FROM generate_series($2::int, $3::int) AS n (i)
         JOIN standing_budgets s ON s.user_id = $1
         WHERE s.amount IS NOT NULL
           AND s.from_month = (SELECT max(l.from_month) FROM standing_budgets l
                               WHERE l.user_id = $1 AND l.category_id = s.category_id
                                 AND l.from_month <= to_char(n.i / 12, 'FM0000') || '-'
                                                     || to_char(n.i % 12 + 1, 'FM00'))
           AND NOT EXISTS (SELECT 1 FROM budgets b
                           WHERE b.user_id = $1 AND b.category_id = s.category_id
                             AND b.year = n.i / 12 AND b.month = n.i % 12 + 1)"
    };
}

/// Makes the missing rows the standing budgets call for in each month from `first` to
/// `last`. The NOT EXISTS keeps the statement from taking ids from the sequence for rows
/// already there; ON CONFLICT covers a row another connection made in between.
pub(super) fn open_months(
    db: &impl Db,
    user: UserId,
    first: Month,
    last: Month,
) -> StoreResult<()> {
    db.exec(
        concat!(
            "INSERT INTO budgets (user_id, category_id, year, month, amount, standing, rollover) ",
            missing_rows!(),
            " ORDER BY 3, 4, 2
             ON CONFLICT (user_id, category_id, month, year) DO NOTHING"
        ),
        &[&user, &month_index(first), &month_index(last)],
    )?;
    Ok(())
}

impl<D: Db> BudgetHistory for D {
    fn rollover_months(
        &self,
        user: &User,
        category: CategoryId,
        before: Month,
    ) -> StoreResult<Vec<(Month, i64)>> {
        self.rows(
            "SELECT year, month, amount FROM budgets
             WHERE user_id = $1 AND category_id = $2 AND rollover
               AND year * 100 + month < $3
             ORDER BY year DESC, month DESC",
            &[&user.id, &category, &month_key(before)],
        )?
        .iter()
        .map(|row| {
            Ok((
                month_of_row(row.try_get(0)?, row.try_get(1)?)?,
                minor_of(user.currency, row.try_get(2)?)?,
            ))
        })
        .collect()
    }

    fn spent_in_months(
        &self,
        user: &User,
        category: CategoryId,
        first: Month,
        end: Month,
    ) -> StoreResult<i64> {
        let row = self.one(
            "SELECT coalesce(sum(total), 0) FROM month_totals
             WHERE user_id = $1 AND category_key = $2 AND month >= $3 AND month < $4",
            &[&user.id, &category, &first.to_string(), &end.to_string()],
        )?;
        minor_of(user.currency, row.try_get(0)?)
    }

    fn first_standing_month(&self, user: UserId) -> StoreResult<Option<Month>> {
        let row = self.one(
            "SELECT min(from_month) FROM standing_budgets
             WHERE user_id = $1 AND amount IS NOT NULL",
            &[&user],
        )?;
        let first: Option<String> = row.try_get(0)?;
        first.as_deref().map(month_of).transpose()
    }

    fn standing_rows_missing(&self, user: UserId, first: Month, last: Month) -> StoreResult<bool> {
        Ok(self
            .one(
                concat!("SELECT EXISTS (", missing_rows!(), ")"),
                &[&user, &month_index(first), &month_index(last)],
            )?
            .try_get(0)?)
    }
}

impl<D: Db> StandingTx for D {
    fn standing_at(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<Option<StandingRow>> {
        let Some(row) = self.opt(
            "SELECT from_month, amount, rollover FROM standing_budgets
             WHERE user_id = $1 AND category_id = $2 AND from_month <= $3
             ORDER BY from_month DESC LIMIT 1",
            &[&user.id, &category, &month.to_string()],
        )?
        else {
            return Ok(None);
        };
        let amount: Option<Decimal> = row.try_get(1)?;
        Ok(Some(StandingRow {
            from: month_of(row.try_get(0)?)?,
            minor: amount.map(|a| minor_of(user.currency, a)).transpose()?,
            rollover: row.try_get(2)?,
        }))
    }

    fn standing_after(&self, user: &User, category: CategoryId, month: Month) -> StoreResult<bool> {
        Ok(self
            .one(
                "SELECT EXISTS (SELECT 1 FROM standing_budgets
                                WHERE user_id = $1 AND category_id = $2 AND from_month > $3
                                  AND amount IS NOT NULL)",
                &[&user.id, &category, &month.to_string()],
            )?
            .try_get(0)?)
    }

    fn replace_standing_from(
        &self,
        user: &User,
        category: CategoryId,
        row: StandingRow,
    ) -> StoreResult<()> {
        let from = row.from.to_string();
        let amount = row.minor.map(|minor| user.currency.from_minor(minor));
        self.exec(
            "DELETE FROM standing_budgets
             WHERE user_id = $1 AND category_id = $2 AND from_month >= $3",
            &[&user.id, &category, &from],
        )?;
        self.exec(
            "INSERT INTO standing_budgets (user_id, category_id, from_month, amount, rollover)
             VALUES ($1, $2, $3, $4, $5)",
            &[&user.id, &category, &from, &amount, &row.rollover],
        )?;
        Ok(())
    }

    fn budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<Option<BudgetRow>> {
        let number = i32::try_from(month.number()).unwrap_or(1);
        let Some(row) = self.opt(
            "SELECT id, amount, standing, rollover FROM budgets
             WHERE user_id = $1 AND category_id = $2 AND year = $3 AND month = $4",
            &[&user.id, &category, &month.year(), &number],
        )?
        else {
            return Ok(None);
        };
        Ok(Some(BudgetRow {
            id: row.try_get(0)?,
            minor: minor_of(user.currency, row.try_get(1)?)?,
            standing: row.try_get(2)?,
            rollover: row.try_get(3)?,
        }))
    }

    fn write_budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
        (minor, standing, rollover): (i64, bool, bool),
    ) -> StoreResult<BudgetId> {
        let number = i32::try_from(month.number()).unwrap_or(1);
        let amount = user.currency.from_minor(minor);
        let params: [&(dyn postgres::types::ToSql + Sync); 7] = [
            &user.id,
            &category,
            &month.year(),
            &number,
            &amount,
            &standing,
            &rollover,
        ];
        // An existing row is updated first: an INSERT ... ON CONFLICT takes an id from the
        // sequence even when it updates, so every change would use one up, and the next new
        // budget would not get the id it gets on SQLite.
        let updated = self.opt(
            "UPDATE budgets SET amount = $5, standing = $6, rollover = $7
             WHERE user_id = $1 AND category_id = $2 AND year = $3 AND month = $4
             RETURNING id",
            &params,
        )?;
        let row = match updated {
            Some(row) => row,
            None => self.one(
                "INSERT INTO budgets (user_id, category_id, year, month, amount, standing, rollover)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (user_id, category_id, month, year)
                 DO UPDATE SET amount = excluded.amount, standing = excluded.standing,
                               rollover = excluded.rollover
                 RETURNING id",
                &params,
            )?,
        };
        Ok(row.try_get(0)?)
    }

    fn delete_budget_row(
        &self,
        user: UserId,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<()> {
        let number = i32::try_from(month.number()).unwrap_or(1);
        self.exec(
            "DELETE FROM budgets
             WHERE user_id = $1 AND category_id = $2 AND year = $3 AND month = $4",
            &[&user, &category, &month.year(), &number],
        )?;
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
            Some(minor) => self.exec(
                "UPDATE budgets SET amount = $4, rollover = $5
                 WHERE user_id = $1 AND category_id = $2 AND standing
                   AND year * 100 + month >= $3",
                &[
                    &user.id,
                    &category,
                    &key,
                    &user.currency.from_minor(minor),
                    &rollover,
                ],
            )?,
            None => self.exec(
                "DELETE FROM budgets
                 WHERE user_id = $1 AND category_id = $2 AND standing
                   AND year * 100 + month >= $3",
                &[&user.id, &category, &key],
            )?,
        };
        Ok(())
    }

    fn budget_months_from(
        &self,
        user: UserId,
        category: CategoryId,
        from: Month,
    ) -> StoreResult<Vec<Month>> {
        self.rows(
            "SELECT year, month FROM budgets
             WHERE user_id = $1 AND category_id = $2 AND year * 100 + month >= $3
             ORDER BY year, month",
            &[&user, &category, &month_key(from)],
        )?
        .iter()
        .map(|row| month_of_row(row.try_get(0)?, row.try_get(1)?))
        .collect()
    }

    fn category_standing(&self, category: CategoryId) -> StoreResult<Vec<StandingBudget>> {
        standing_rows(self, Some(category))
    }

    fn insert_standing(&self, row: &StandingBudget) -> StoreResult<()> {
        let currency = super::catalog::user_in(self, row.user_id)?.currency;
        let amount = row
            .amount
            .map(|a| minor_of(currency, a).map(|m| currency.from_minor(m)))
            .transpose()?;
        self.exec(
            "INSERT INTO standing_budgets (user_id, category_id, from_month, amount, rollover)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING",
            &[
                &row.user_id,
                &row.category_id,
                &row.from.to_string(),
                &amount,
                &row.rollover,
            ],
        )?;
        Ok(())
    }
}

/// Every standing budget, or a category's, of every user, in the order they were set up.
fn standing_rows(db: &impl Db, category: Option<CategoryId>) -> StoreResult<Vec<StandingBudget>> {
    // NUMERIC keeps each amount's scale as written, the currency's decimals, so the amount
    // reads back as it went in with no need of its owner's currency.
    db.rows(
        "SELECT user_id, category_id, from_month, amount, rollover FROM standing_budgets
         WHERE $1::int IS NULL OR category_id = $1
         ORDER BY user_id, category_id, from_month",
        &[&category],
    )?
    .iter()
    .map(|row| {
        Ok(StandingBudget {
            user_id: row.try_get(0)?,
            category_id: row.try_get(1)?,
            from: month_of(row.try_get(2)?)?,
            amount: row.try_get(3)?,
            rollover: row.try_get(4)?,
        })
    })
    .collect()
}

impl super::PgStore {
    /// Every standing budget of every user, in the order they were set up.
    pub fn standing_budgets(&self) -> StoreResult<Vec<StandingBudget>> {
        standing_rows(self, None)
    }
}
