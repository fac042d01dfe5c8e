//! Budgets per category, standing or for one month, and how each stands against what was
//! spent.

use rusqlite::params;
use rust_decimal::Decimal;

use crate::domain::Month;

use super::expenses::user_in;
use super::{Alert, BudgetStatus, CategoryId, SqliteStore, StoreResult, UserId};
use crate::store::rules::{self, BudgetChange, BudgetRead, BudgetRemoved, BudgetSpan};

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

    /// Sets a budget, standing or for one month; `current` is the month standing budgets
    /// are made in through, so the months up to it see the change.
    pub fn change_budget(
        &mut self,
        change: &BudgetChange,
        current: Month,
    ) -> StoreResult<Vec<Alert>> {
        self.write(|tx| rules::change_budget(tx, change, current))
    }

    /// Ends a standing budget from a month on, or drops a month's own budget.
    pub fn remove_budget(
        &mut self,
        user: UserId,
        category: CategoryId,
        span: BudgetSpan,
    ) -> StoreResult<BudgetRemoved> {
        self.write(|tx| rules::remove_budget(tx, user, category, span))
    }

    /// Makes the rows the standing budgets call for, for every user, in every month through
    /// `through`; writes nothing when they are all there.
    pub fn open_budget_months(&mut self, through: Month) -> StoreResult<()> {
        let behind = rules::users_behind(&self.conn, &self.users()?, through)?;
        if behind.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            behind
                .iter()
                .try_for_each(|user| rules::open_through(tx, *user, through))
        })
    }

    /// Makes a month's rows from the standing budgets, as a month is first read.
    pub fn open_budget_month(&mut self, user: UserId, month: Month) -> StoreResult<()> {
        if !rules::BudgetHistory::standing_rows_missing(&self.conn, user, month, month)? {
            return Ok(());
        }
        self.write(|tx| {
            let user = rules::LedgerTx::user(tx, user)?;
            rules::LedgerTx::open_months(tx, &user, month, month)
        })
    }

    /// Every budget a user has for a month with what was spent, by category name.
    pub fn budgets_for_month(&self, user: UserId, month: Month) -> StoreResult<Vec<BudgetStatus>> {
        let user = user_in(&self.conn, user)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT b.id, b.category_id, c.name, b.amount, coalesce(t.total, 0),
                    b.standing, b.rollover
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
                Ok(BudgetRead {
                    budget_id: row.get(0)?,
                    category_id: row.get(1)?,
                    category: row.get(2)?,
                    base: row.get(3)?,
                    spent: row.get(4)?,
                    standing: row.get(5)?,
                    rollover: row.get(6)?,
                })
            },
        )?;
        rows.map(|row| row?.with_carry(&self.conn, &user, month))
            .collect()
    }
}
