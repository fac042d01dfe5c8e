//! Budgets per category, standing or for one month, and how each stands against what was
//! spent.

use rust_decimal::Decimal;

use crate::domain::Month;

use super::expenses::user_in;
use super::{Alert, BudgetStatus, CategoryId, SqliteStore, StoreResult, UserId};
use crate::domain::BudgetPlan;
use crate::store::rules::{self, BudgetChange, BudgetRemoval, BudgetRemoved, BudgetSwap};

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

    /// Ends a standing budget, or drops a month's own budget; returns what it did and the
    /// alerts it fires.
    pub fn remove_budget(
        &mut self,
        user: UserId,
        category: CategoryId,
        removal: BudgetRemoval,
        current: Month,
    ) -> StoreResult<(BudgetRemoved, Vec<Alert>)> {
        self.write(|tx| rules::remove_budget(tx, user, category, removal, current))
    }

    /// Makes the rows the standing budgets call for, for every user, in every month through
    /// `through`, and drops rows made for months after it; writes nothing when they are all
    /// as they should be.
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

    /// A user's recorded budgets of one category.
    pub fn budget_plan(&self, user: UserId, category: CategoryId) -> StoreResult<BudgetPlan> {
        let user = user_in(&self.conn, user)?;
        Ok(rules::CategoryBook::whole(&self.conn, &user, category)?.plan)
    }

    /// Moves a category's budgets between two plans, for undo and redo.
    pub fn swap_budget(&mut self, swap: &BudgetSwap<'_>) -> StoreResult<Vec<Alert>> {
        self.write(|tx| rules::swap_budget(tx, swap))
    }

    /// Every budget a user has in effect in a month with what was spent, by category name.
    pub fn budgets_for_month(&self, user: UserId, month: Month) -> StoreResult<Vec<BudgetStatus>> {
        rules::budgets_for_month(&self.conn, &user_in(&self.conn, user)?, month)
    }
}
