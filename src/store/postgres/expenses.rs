//! Expenses and budgets: every write by the shared rules, in one transaction.

use rust_decimal::Decimal;

use crate::domain::{
    Alert, BudgetStatus, CategoryId, Expense, ExpenseId, ExpensePatch, Month, NewExpense, Outcome,
    UserId,
};
use crate::store::rules::{self, BudgetChange, BudgetRead, BudgetRemoved, BudgetSpan};
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

    /// Makes a month's rows from the standing budgets, as a month is first read.
    pub fn open_budget_month(&mut self, user: UserId, month: Month) -> StoreResult<()> {
        if !rules::BudgetHistory::standing_rows_missing(self, user, month, month)? {
            return Ok(());
        }
        self.write(|tx| {
            let user = rules::LedgerTx::user(tx, user)?;
            rules::LedgerTx::open_months(tx, &user, month, month)
        })
    }

    /// Every budget a user has for a month with what was spent, by category name.
    pub fn budgets_for_month(&self, user: UserId, month: Month) -> StoreResult<Vec<BudgetStatus>> {
        let owner = user_in(self, user)?;
        let number = i32::try_from(month.number()).unwrap_or(1);
        let minor = |amount: Decimal| -> StoreResult<i64> { Ok(owner.currency.to_minor(amount)?) };
        self.rows(
            "SELECT b.id, b.category_id, c.name, b.amount, coalesce(t.total, 0),
                    b.standing, b.rollover
             FROM budgets b
             JOIN categories c ON c.id = b.category_id
             LEFT JOIN month_totals t
               ON t.user_id = b.user_id AND t.month = $4 AND t.category_key = b.category_id
             WHERE b.user_id = $1 AND b.year = $2 AND b.month = $3
             ORDER BY lower(c.name COLLATE \"C\"), c.id",
            &[&user, &month.year(), &number, &month.to_string()],
        )?
        .iter()
        .map(|row| {
            BudgetRead {
                budget_id: row.try_get(0)?,
                category_id: row.try_get(1)?,
                category: row.try_get(2)?,
                base: minor(row.try_get(3)?)?,
                spent: minor(row.try_get(4)?)?,
                standing: row.try_get(5)?,
                rollover: row.try_get(6)?,
            }
            .with_carry(self, &owner, month)
        })
        .collect()
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
