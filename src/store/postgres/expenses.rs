//! Expenses and budgets: every write by the shared rules, in one transaction.

use rust_decimal::Decimal;

use crate::domain::BudgetPlan;
use crate::domain::{
    Alert, BudgetStatus, CategoryId, Expense, ExpenseId, ExpensePatch, Month, NewExpense, Outcome,
    UserId,
};
use crate::store::rules::{self, BudgetChange, BudgetRemoval, BudgetRemoved, BudgetSwap};
use crate::store::{AddedByName, ExpenseByName, ExpenseSwap, StoreError, StoreResult};

use super::PgStore;
use super::catalog::user_in;
use super::db::Db;
use super::rows::{expense_columns, expense_from_row};
use super::sql_ids::may_exist;

impl PgStore {
    /// Records an expense and any alert it fires, together or not at all.
    pub fn add_expense(&mut self, new: &NewExpense) -> StoreResult<Outcome> {
        self.write(|tx| rules::add_expense(tx, new))
    }

    /// Records each expense in its own savepoint of one transaction, with one commit.
    pub fn add_expenses_each(
        &mut self,
        rows: &[NewExpense],
    ) -> StoreResult<Vec<StoreResult<Outcome>>> {
        self.write(|tx| rules::add_expenses_each(tx, rows))
    }

    /// Records an expense in the category named, creating the category when asked.
    pub fn add_expense_by_name(&mut self, add: &ExpenseByName<'_>) -> StoreResult<AddedByName> {
        self.write(|tx| rules::add_expense_by_name(tx, add))
    }

    /// Changes one of `user`'s expenses, re-checking both buckets.
    pub fn edit_expense(
        &mut self,
        user: UserId,
        id: ExpenseId,
        patch: &ExpensePatch,
    ) -> StoreResult<Outcome> {
        self.write(|tx| rules::edit_expense(tx, user, id, patch))
    }

    /// Deletes one of `user`'s expenses; the outcome holds the deleted row.
    pub fn delete_expense(&mut self, user: UserId, id: ExpenseId) -> StoreResult<Outcome> {
        self.write(|tx| {
            let old = expense_in(tx, user, id)?;
            rules::delete_expense(tx, old)
        })
    }

    /// Applies an undo or redo step; refuses when the row is not as expected.
    pub fn swap_expense(&mut self, swap: &ExpenseSwap<'_>) -> StoreResult<Outcome> {
        self.write(|tx| rules::swap_expense(tx, swap))
    }

    /// One of `user`'s expenses by id; another user's is `NoSuchExpense`.
    pub fn expense(&self, user: UserId, id: ExpenseId) -> StoreResult<Expense> {
        expense_in(self, user, id)
    }

    /// A user's expenses in a month, newest first.
    pub fn expenses_in_month(&self, user: UserId, month: Month) -> StoreResult<Vec<Expense>> {
        self.rows(
            concat!(
                "SELECT ",
                expense_columns!(),
                " FROM expenses e LEFT JOIN categories c ON c.id = e.category_id
                  WHERE e.user_id = $1 AND e.date >= $2 AND e.date <= $3
                  ORDER BY e.date DESC, e.id DESC"
            ),
            &[&user, &month.first_day(), &month.last_day()],
        )?
        .iter()
        .map(expense_from_row)
        .collect()
    }

    /// How many expenses the ledger holds, all users.
    pub fn expense_count(&self) -> StoreResult<i64> {
        rules::LedgerTx::expense_count(self)
    }

    /// Sets a category's budget for a month; a budget below spending alerts at once.
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
        let behind = rules::users_behind(self, &self.users()?, through)?;
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
        let user = user_in(self, user)?;
        Ok(rules::CategoryBook::whole(self, &user, category)?.plan)
    }

    /// Moves a category's budgets between two plans, for undo and redo.
    pub fn swap_budget(&mut self, swap: &BudgetSwap<'_>) -> StoreResult<Vec<Alert>> {
        self.write(|tx| rules::swap_budget(tx, swap))
    }

    /// Every budget a user has in effect in a month with what was spent, by category name.
    pub fn budgets_for_month(&self, user: UserId, month: Month) -> StoreResult<Vec<BudgetStatus>> {
        rules::budgets_for_month(self, &user_in(self, user)?, month)
    }
}

/// The expense with this id if it belongs to `user`: another user's row is as good as
/// missing, so no command can read or change it.
pub(super) fn expense_in(db: &impl Db, user: UserId, id: ExpenseId) -> StoreResult<Expense> {
    if !may_exist(id.0) {
        return Err(StoreError::NoSuchExpense(id));
    }
    let row = db.opt(
        concat!(
            "SELECT ",
            expense_columns!(),
            " FROM expenses e LEFT JOIN categories c ON c.id = e.category_id
              WHERE e.id = $1 AND e.user_id = $2"
        ),
        &[&id, &user],
    )?;
    match row {
        Some(row) => expense_from_row(&row),
        None => Err(StoreError::NoSuchExpense(id)),
    }
}
