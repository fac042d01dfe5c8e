//! Standing budgets and rollover on PostgreSQL: the standing rows, the month rows made from
//! them, and the history a carry is computed from. Amounts are NUMERIC in the user's
//! currency; months are `YYYY-MM` text where the schema keeps them so, and
//! `year * 100 + month` where a budget row is compared by month.

use rust_decimal::Decimal;

use crate::domain::{BudgetId, BudgetTerms, CategoryId, Currency, Month, User, UserId};
use crate::store::rules::standing::StandingTx;
use crate::store::rules::{BudgetHistory, CategoryPlan, PlanRow, plans_from};
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
        "SELECT s.user_id, s.category_id, n.i / 12, n.i % 12 + 1, s.amount, true, s.rollover,
                s.carry_overspending
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
            "INSERT INTO budgets (user_id, category_id, year, month, amount, standing, rollover,
                                  carry_overspending) ",
            missing_rows!(),
            " ORDER BY 3, 4, 2
             ON CONFLICT (user_id, category_id, month, year) DO NOTHING"
        ),
        &[&user, &month_index(first), &month_index(last)],
    )?;
    Ok(())
}

impl<D: Db> BudgetHistory for D {
    fn user_of(&self, id: UserId) -> StoreResult<User> {
        super::catalog::user_in(self, id)
    }

    fn budget_plans(
        &self,
        user: &User,
        category: Option<CategoryId>,
    ) -> StoreResult<Vec<CategoryPlan>> {
        let rows = self.rows(
            "SELECT * FROM (
                 SELECT s.category_id, c.name, true AS standing, s.from_month AS month, s.amount,
                        s.rollover, s.carry_overspending
                 FROM standing_budgets s JOIN categories c ON c.id = s.category_id
                 WHERE s.user_id = $1 AND ($2::int IS NULL OR s.category_id = $2)
                 UNION ALL
                 SELECT b.category_id, c.name, false,
                        to_char(b.year, 'FM0000') || '-' || to_char(b.month, 'FM00'), b.amount,
                        b.rollover, b.carry_overspending
                 FROM budgets b JOIN categories c ON c.id = b.category_id
                 WHERE b.user_id = $1 AND NOT b.standing
                   AND ($2::int IS NULL OR b.category_id = $2)
             ) AS plans
             ORDER BY lower(plans.name COLLATE \"C\"), plans.category_id",
            &[&user.id, &category],
        )?;
        let mut found = Vec::with_capacity(rows.len());
        for row in &rows {
            let amount: Option<Decimal> = row.try_get(4)?;
            let terms = match amount {
                Some(amount) => Some(BudgetTerms {
                    minor: minor_of(user.currency, amount)?,
                    rollover: row.try_get(5)?,
                    carry_overspending: row.try_get(6)?,
                }),
                None => None,
            };
            found.push(PlanRow {
                category: row.try_get(0)?,
                name: row.try_get(1)?,
                standing: row.try_get(2)?,
                month: month_of(row.try_get(3)?)?,
                terms,
            });
        }
        Ok(plans_from(found))
    }

    fn spent_by_month(
        &self,
        user: &User,
        category: Option<CategoryId>,
        first: Month,
        last: Option<Month>,
    ) -> StoreResult<Vec<(CategoryId, Month, i64)>> {
        let last = last.unwrap_or(Month::MAX);
        self.rows(
            "SELECT category_key, month, total FROM month_totals
             WHERE user_id = $1 AND month >= $2 AND month <= $3 AND category_key <> 0
               AND ($4::int IS NULL OR category_key = $4)",
            &[&user.id, &first.to_string(), &last.to_string(), &category],
        )?
        .iter()
        .map(|row| {
            Ok((
                row.try_get(0)?,
                month_of(row.try_get(1)?)?,
                minor_of(user.currency, row.try_get(2)?)?,
            ))
        })
        .collect()
    }

    fn budget_row_ids(
        &self,
        user: UserId,
        month: Month,
    ) -> StoreResult<Vec<(CategoryId, BudgetId)>> {
        let number = i32::try_from(month.number()).unwrap_or(1);
        self.rows(
            "SELECT category_id, id FROM budgets WHERE user_id = $1 AND year = $2 AND month = $3",
            &[&user, &month.year(), &number],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
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

    fn standing_rows_after(&self, user: UserId, month: Month) -> StoreResult<bool> {
        Ok(self
            .one(
                "SELECT EXISTS (SELECT 1 FROM budgets
                                WHERE user_id = $1 AND standing AND year * 100 + month > $2)",
                &[&user, &month_key(month)],
            )?
            .try_get(0)?)
    }
}

impl<D: Db> StandingTx for D {
    fn write_standing(
        &self,
        user: &User,
        category: CategoryId,
        from: Month,
        terms: Option<BudgetTerms>,
    ) -> StoreResult<()> {
        self.exec(
            "INSERT INTO standing_budgets
                 (user_id, category_id, from_month, amount, rollover, carry_overspending)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (user_id, category_id, from_month)
             DO UPDATE SET amount = excluded.amount, rollover = excluded.rollover,
                           carry_overspending = excluded.carry_overspending",
            &[
                &user.id,
                &category,
                &from.to_string(),
                &terms.map(|t| user.currency.from_minor(t.minor)),
                &terms.is_some_and(|t| t.rollover),
                &terms.is_some_and(|t| t.carry_overspending),
            ],
        )?;
        Ok(())
    }

    fn delete_standing(&self, user: UserId, category: CategoryId, from: Month) -> StoreResult<()> {
        self.exec(
            "DELETE FROM standing_budgets
             WHERE user_id = $1 AND category_id = $2 AND from_month = $3",
            &[&user, &category, &from.to_string()],
        )?;
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
        let number = i32::try_from(month.number()).unwrap_or(1);
        let amount = user.currency.from_minor(terms.minor);
        let params: [&(dyn postgres::types::ToSql + Sync); 8] = [
            &user.id,
            &category,
            &month.year(),
            &number,
            &amount,
            &standing,
            &terms.rollover,
            &terms.carry_overspending,
        ];
        // An existing row is updated first: an INSERT ... ON CONFLICT takes an id from the
        // sequence even when it updates, so every change would use one up, and the next new
        // budget would not get the id it gets on SQLite.
        let updated = self.opt(
            "UPDATE budgets SET amount = $5, standing = $6, rollover = $7,
                                carry_overspending = $8
             WHERE user_id = $1 AND category_id = $2 AND year = $3 AND month = $4
             RETURNING id",
            &params,
        )?;
        let row = match updated {
            Some(row) => row,
            None => self.one(
                "INSERT INTO budgets (user_id, category_id, year, month, amount, standing,
                                      rollover, carry_overspending)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (user_id, category_id, month, year)
                 DO UPDATE SET amount = excluded.amount, standing = excluded.standing,
                               rollover = excluded.rollover,
                               carry_overspending = excluded.carry_overspending
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

    fn delete_standing_rows_after(&self, user: UserId, month: Month) -> StoreResult<()> {
        self.exec(
            "DELETE FROM budgets WHERE user_id = $1 AND standing AND year * 100 + month > $2",
            &[&user, &month_key(month)],
        )?;
        Ok(())
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
            "INSERT INTO standing_budgets
                 (user_id, category_id, from_month, amount, rollover, carry_overspending)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT DO NOTHING",
            &[
                &row.user_id,
                &row.category_id,
                &row.from.to_string(),
                &amount,
                &row.rollover,
                &row.carry_overspending,
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
        "SELECT user_id, category_id, from_month, amount, rollover, carry_overspending
         FROM standing_budgets
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
            carry_overspending: row.try_get(5)?,
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
