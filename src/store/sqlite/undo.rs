//! Taking a change back (or making it again): one expense moves from the state it must be
//! in now to the state it is to be in, in one transaction with its budget check, and the
//! alerts the change being taken back fired go with it.

use rusqlite::{Transaction, params};

use crate::domain::{AlertId, Category, CategoryId, Expense, NewExpense, Outcome, UserId};

use super::expenses::{delete_in_tx, expense_in, insert_in_tx, replace_expense_in_tx};
use super::{SqliteStore, StoreError, StoreResult};

/// One expense's move between two states; `None` is "no such row".
#[derive(Debug, Clone, Copy)]
pub struct ExpenseSwap<'a> {
    /// Whose ledger: a row of another user counts as absent.
    pub user: UserId,
    /// The row as it must stand now; anything else means another program changed it.
    pub expect: Option<&'a Expense>,
    /// The row as it is to stand after.
    pub want: Option<&'a Expense>,
    /// Alerts to withdraw: the ones the step being taken back fired.
    pub retract: &'a [AlertId],
    /// A category to create again (with its id) if it is gone: redo of an add that made it.
    pub ensure_category: Option<&'a Category>,
    /// A category to delete if nothing uses it any more: undo of an add that made it.
    pub drop_category: Option<CategoryId>,
}

impl Default for ExpenseSwap<'_> {
    /// No move, in nobody's ledger: a base to fill in.
    fn default() -> Self {
        ExpenseSwap {
            user: UserId(0),
            expect: None,
            want: None,
            retract: &[],
            ensure_category: None,
            drop_category: None,
        }
    }
}

impl SqliteStore {
    /// Applies a swap; refuses, writing nothing, when the row is not as expected.
    /// The outcome holds the row after (or the row deleted) and the alerts the move fired.
    pub fn swap_expense(&mut self, swap: &ExpenseSwap<'_>) -> StoreResult<Outcome> {
        self.write(|tx| swap_in_tx(tx, swap))
    }
}

fn swap_in_tx(tx: &Transaction<'_>, swap: &ExpenseSwap<'_>) -> StoreResult<Outcome> {
    let Some(id) = swap.want.or(swap.expect).map(|e| e.id) else {
        return Err(StoreError::InvalidInput("nothing to undo".into()));
    };
    // A step can only move the user's own rows, and never into another user's ledger.
    let states = [swap.expect, swap.want];
    if states
        .iter()
        .flatten()
        .any(|e| e.id != id || e.user_id != swap.user)
    {
        return Err(StoreError::NoSuchExpense(id));
    }
    let current = match expense_in(tx, swap.user, id) {
        Ok(row) => Some(row),
        Err(StoreError::NoSuchExpense(_)) if id_taken(tx, id)? => {
            return Err(StoreError::NoSuchExpense(id));
        }
        Err(StoreError::NoSuchExpense(_)) => None,
        Err(other) => return Err(other),
    };
    check_expected(id, current.as_ref(), swap.expect)?;
    if let Some(category) = swap.ensure_category {
        ensure_category_in_tx(tx, category)?;
    }
    let outcome = match (current, swap.want) {
        (None, Some(want)) => insert_expense_in_tx(tx, want)?,
        (Some(current), None) => delete_in_tx(tx, current)?,
        (Some(current), Some(want)) => replace_expense_in_tx(tx, &current, want)?,
        (None, None) => return Err(StoreError::NoSuchExpense(id)),
    };
    retract_alerts_in_tx(tx, swap.user, swap.retract)?;
    if let Some(category) = swap.drop_category {
        drop_category_if_unused_in_tx(tx, category)?;
    }
    Ok(outcome)
}

/// Whether any user's expense has this id.
fn id_taken(tx: &Transaction<'_>, id: crate::domain::ExpenseId) -> StoreResult<bool> {
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM expenses WHERE id = ?1)")?
        .query_row([id], |row| row.get(0))?)
}

/// Same row means same amount, currency, category, date and note; a renamed category is
/// still the same category.
fn same_row(a: &Expense, b: &Expense) -> bool {
    (a.amount, a.currency, a.category_id, a.date, &a.note)
        == (b.amount, b.currency, b.category_id, b.date, &b.note)
}

fn check_expected(
    id: crate::domain::ExpenseId,
    current: Option<&Expense>,
    expect: Option<&Expense>,
) -> StoreResult<()> {
    match (current, expect) {
        (Some(current), Some(expect)) if same_row(current, expect) => Ok(()),
        (None, None) => Ok(()),
        (None, Some(_)) => Err(StoreError::DeletedSince(id)),
        (Some(_), _) => Err(StoreError::ChangedSince(id)),
    }
}

/// Inserts the row under its own id; a row whose category was deleted comes back without one.
fn insert_expense_in_tx(tx: &Transaction<'_>, row: &Expense) -> StoreResult<Outcome> {
    if let Some(category_id) = row.category_id {
        let new = NewExpense {
            user_id: row.user_id,
            category_id,
            amount: row.amount,
            currency: row.currency,
            date: row.date,
            note: row.note.clone(),
        };
        return insert_in_tx(tx, &new, Some(row.id));
    }
    let minor = row.currency.to_minor(row.amount)?;
    tx.prepare_cached(
        "INSERT INTO expenses (id, user_id, category_id, amount, currency, date, note)
         VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        row.id,
        row.user_id,
        minor,
        row.currency.code(),
        row.date,
        row.note
    ])?;
    // Spending without a category counts toward no budget, so no alert can fire.
    Ok(Outcome {
        expense: row.clone(),
        alerts: Vec::new(),
    })
}

fn ensure_category_in_tx(tx: &Transaction<'_>, category: &Category) -> StoreResult<()> {
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM categories WHERE id = ?1)")?
        .query_row([category.id], |row| row.get(0))?;
    if exists {
        return Ok(());
    }
    let taken: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM categories WHERE name = ?1)")?
        .query_row([&category.name], |row| row.get(0))?;
    if taken {
        return Err(StoreError::DuplicateCategory(category.name.clone()));
    }
    tx.prepare_cached("INSERT INTO categories (id, name, description) VALUES (?1, ?2, ?3)")?
        .execute(params![category.id, category.name, category.description])?;
    Ok(())
}

fn retract_alerts_in_tx(tx: &Transaction<'_>, user: UserId, alerts: &[AlertId]) -> StoreResult<()> {
    let mut statement = tx.prepare_cached("DELETE FROM alerts WHERE id = ?1 AND user_id = ?2")?;
    for alert in alerts {
        statement.execute(params![alert, user])?;
    }
    Ok(())
}

fn drop_category_if_unused_in_tx(tx: &Transaction<'_>, category: CategoryId) -> StoreResult<()> {
    tx.prepare_cached(
        "DELETE FROM categories WHERE id = ?1
           AND NOT EXISTS (SELECT 1 FROM expenses WHERE category_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM budgets WHERE category_id = ?1)",
    )?
    .execute([category])?;
    Ok(())
}
