//! Monthly budgets per category, and how each stands against what was spent.

use rusqlite::params;
use rust_decimal::Decimal;

use crate::domain::Month;

use super::expenses::user_in;
use super::{Alert, BudgetStatus, CategoryId, SqliteStore, StoreResult, UserId};
use crate::store::rules;

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
        self.write(|tx| rules::set_budget(tx, user, category, month, amount))
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
