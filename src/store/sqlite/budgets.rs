//! Monthly budgets per category, and how each stands against what was spent.

use rusqlite::{Transaction, params};
use rust_decimal::Decimal;

use crate::domain::Month;

use super::budget_check::{Bucket, budget_of, fire_if_crossed, month_total};
use super::expenses::user_in;
use super::{Alert, BudgetId, BudgetStatus, CategoryId, SqliteStore, StoreResult, UserId};

impl SqliteStore {
    /// Sets a category's budget for a month. A budget set at or lowered to below what is
    /// already spent fires its alert at once, in the same transaction.
    pub fn set_budget(
        &mut self,
        user: UserId,
        category: CategoryId,
        month: Month,
        amount: Decimal,
    ) -> StoreResult<Vec<Alert>> {
        self.write(|tx| set_budget_in_tx(tx, user, category, month, amount))
    }

    /// Every budget a user has for a month with what was spent, by category name.
    pub fn budgets_for_month(&self, user: UserId, month: Month) -> StoreResult<Vec<BudgetStatus>> {
        let user = user_in(&self.conn, user)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT b.id, b.category_id, c.name, b.amount, coalesce(t.total, 0)
             FROM budgets b
             JOIN categories c ON c.id = b.category_id
             LEFT JOIN month_totals t
               ON t.user_id = b.user_id AND t.month = ?4 AND t.category_key = b.category_id
             WHERE b.user_id = ?1 AND b.year = ?2 AND b.month = ?3
             ORDER BY c.name",
        )?;
        let rows = statement.query_map(
            params![user.id, month.year(), month.number(), month.to_string()],
            |row| {
                Ok(BudgetStatus {
                    budget_id: row.get(0)?,
                    category_id: row.get(1)?,
                    category: row.get(2)?,
                    month,
                    budget: user.currency.from_minor(row.get(3)?),
                    spent: user.currency.from_minor(row.get(4)?),
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(super) fn set_budget_in_tx(
    tx: &Transaction<'_>,
    user: UserId,
    category: CategoryId,
    month: Month,
    amount: Decimal,
) -> StoreResult<Vec<Alert>> {
    let user = user_in(tx, user)?;
    let minor = user.currency.to_minor(amount)?;
    let bucket = Bucket { category, month };
    let previous = budget_of(tx, &user, bucket)?;
    let budget_id: BudgetId = tx
        .prepare_cached(
            "INSERT INTO budgets (user_id, category_id, year, month, amount) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (user_id, category_id, year, month) DO UPDATE SET amount = excluded.amount
             RETURNING id",
        )?
        .query_row(
            params![user.id, category, month.year(), month.number(), minor],
            |row| row.get(0),
        )?;
    let spent = month_total(tx, &user, bucket)?;
    let fired = fire_if_crossed(
        tx,
        &user,
        bucket,
        budget_id,
        (spent, previous.map(|(_, amount)| amount)),
        (spent, minor),
        None,
    )?;
    Ok(fired.into_iter().collect())
}
