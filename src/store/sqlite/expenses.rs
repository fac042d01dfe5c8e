//! Expenses: every insert, edit and delete runs the budget check in its own transaction.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::{Currency, Month};
use crate::store::rules;

use super::bulk::{defer_search_index_in_tx, index_rows_after_in_tx};
use super::catalog::user_from_row;
use super::rates::spent_from_columns;
use super::{
    AddedByName, Expense, ExpenseByName, ExpenseId, ExpensePatch, NewExpense, Outcome, SqliteStore,
    StoreError, StoreResult, User, UserId,
};

/// The columns `expense_from_row` reads, from `expenses e` and `categories c`.
macro_rules! expense_columns {
    () => {
        "e.id, e.user_id, e.category_id, c.name, e.amount, e.currency, e.date, e.note,
         e.spent_amount, e.spent_currency, e.rate"
    };
}

pub(super) const EXPENSE_COLUMNS: &str = expense_columns!();

pub(super) const SELECT_EXPENSE: &str = concat!(
    "SELECT ",
    expense_columns!(),
    " FROM expenses e LEFT JOIN categories c ON c.id = e.category_id"
);

impl SqliteStore {
    /// Records an expense and any alert it fires, together or not at all.
    pub fn add_expense(&mut self, new: &NewExpense) -> StoreResult<Outcome> {
        self.write(|tx| rules::add_expense(tx, new))
    }

    /// Records each expense in its own savepoint of one transaction, with one commit. The
    /// search index takes the rows kept in one statement at the end: releasing a savepoint
    /// makes the index write out what it holds, which row by row costs more than the rows.
    pub fn add_expenses_each(
        &mut self,
        rows: &[NewExpense],
    ) -> StoreResult<Vec<StoreResult<Outcome>>> {
        self.write(|tx| {
            let last_id = defer_search_index_in_tx(tx)?;
            let outcomes = rules::add_expenses_each(tx, rows)?;
            index_rows_after_in_tx(tx, last_id)?;
            Ok(outcomes)
        })
    }

    /// Records an expense in the category named, creating the category when asked.
    pub fn add_expense_by_name(&mut self, add: &ExpenseByName<'_>) -> StoreResult<AddedByName> {
        self.write(|tx| rules::add_expense_by_name(tx, add))
    }

    /// Changes one of `user`'s expenses; both the old and the new month and category are
    /// re-checked. Another user's expense is `NoSuchExpense`, and nothing is written.
    pub fn edit_expense(
        &mut self,
        user: UserId,
        id: ExpenseId,
        patch: &ExpensePatch,
    ) -> StoreResult<Outcome> {
        self.write(|tx| rules::edit_expense(tx, user, id, patch))
    }

    /// Deletes one of `user`'s expenses; the outcome holds the deleted row so it can be
    /// restored.
    pub fn delete_expense(&mut self, user: UserId, id: ExpenseId) -> StoreResult<Outcome> {
        self.write(|tx| {
            let old = expense_in(tx, user, id)?;
            rules::delete_expense(tx, old)
        })
    }

    /// One of `user`'s expenses by id; another user's is `NoSuchExpense`.
    pub fn expense(&self, user: UserId, id: ExpenseId) -> StoreResult<Expense> {
        expense_in(&self.conn, user, id)
    }

    /// A user's expenses in a month, newest first.
    pub fn expenses_in_month(&self, user: UserId, month: Month) -> StoreResult<Vec<Expense>> {
        let sql = format!(
            "{SELECT_EXPENSE} WHERE e.user_id = ?1 AND e.date >= ?2 AND e.date <= ?3
             ORDER BY e.date DESC, e.id DESC"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(
            params![user, month.first_day(), month.last_day()],
            expense_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many expenses the database holds, all users.
    pub fn expense_count(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM expenses", [], |row| row.get(0))?)
    }
}

pub(super) fn user_in(conn: &Connection, id: UserId) -> StoreResult<User> {
    conn.prepare_cached("SELECT id, name, email, currency, warn_percent FROM users WHERE id = ?1")?
        .query_row([id], user_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NoSuchUser(id))
}

pub(super) fn category_name_in(conn: &Connection, id: super::CategoryId) -> StoreResult<String> {
    conn.prepare_cached("SELECT name FROM categories WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NoSuchCategory(id))
}

/// The expense with this id if it belongs to `user`: another user's row is as good as
/// missing, so no command can read or change it.
pub(super) fn expense_in(conn: &Connection, user: UserId, id: ExpenseId) -> StoreResult<Expense> {
    let sql = format!("{SELECT_EXPENSE} WHERE e.id = ?1 AND e.user_id = ?2");
    conn.prepare_cached(&sql)?
        .query_row(params![id, user], expense_from_row)
        .optional()?
        .ok_or(StoreError::NoSuchExpense(id))
}

pub(super) fn expense_from_row(row: &Row<'_>) -> rusqlite::Result<Expense> {
    let currency_code: String = row.get(5)?;
    let currency = Currency::from_stored(&currency_code).unwrap_or_default();
    Ok(Expense {
        foreign: spent_from_columns(row, 8)?,
        id: row.get(0)?,
        user_id: row.get(1)?,
        category_id: row.get(2)?,
        category: row.get(3)?,
        amount: currency.from_minor(row.get(4)?),
        currency,
        date: row.get(6)?,
        note: row.get(7)?,
    })
}
