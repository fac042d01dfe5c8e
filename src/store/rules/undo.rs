//! Taking a change back (or making it again): one expense moves from the state it must be
//! in now to the state it is to be in, with its budget check, and the alerts the change
//! being taken back fired go with it.

use crate::domain::{AlertId, Category, CategoryId, Expense, ExpenseId, Outcome, UserId};
use crate::store::{StoreError, StoreResult};

use super::LedgerTx;
use super::expenses::{delete_expense, insert_row, replace_expense};

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

/// Applies a swap; refuses, writing nothing, when the row is not as expected. The outcome
/// holds the row after (or the row deleted) and the alerts the move fired.
pub(crate) fn swap_expense(tx: &impl LedgerTx, swap: &ExpenseSwap<'_>) -> StoreResult<Outcome> {
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
    let current = match tx.expense(swap.user, id) {
        Ok(row) => Some(row),
        Err(StoreError::NoSuchExpense(_)) if tx.expense_id_taken(id)? => {
            return Err(StoreError::NoSuchExpense(id));
        }
        Err(StoreError::NoSuchExpense(_)) => None,
        Err(other) => return Err(other),
    };
    check_expected(id, current.as_ref(), swap.expect)?;
    if let Some(category) = swap.ensure_category {
        ensure_category(tx, category)?;
    }
    let outcome = match (current, swap.want) {
        (None, Some(want)) => insert_row(tx, want.clone(), true)?,
        (Some(current), None) => delete_expense(tx, current)?,
        (Some(current), Some(want)) => replace_expense(tx, &current, want)?,
        (None, None) => return Err(StoreError::NoSuchExpense(id)),
    };
    tx.delete_alerts(swap.user, swap.retract)?;
    if let Some(category) = swap.drop_category {
        tx.delete_category_if_unused(category)?;
    }
    Ok(outcome)
}

/// Same row means same amount, currency, category, date and note; a renamed category is
/// still the same category.
fn same_row(a: &Expense, b: &Expense) -> bool {
    (a.amount, a.currency, a.category_id, a.date, &a.note)
        == (b.amount, b.currency, b.category_id, b.date, &b.note)
}

fn check_expected(
    id: ExpenseId,
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

/// Creates a category again under its old id if it is gone; refused if its name was taken.
fn ensure_category(tx: &impl LedgerTx, category: &Category) -> StoreResult<()> {
    if tx.category_exists(category.id)? {
        return Ok(());
    }
    if tx.find_category(&category.name).is_ok() {
        return Err(StoreError::DuplicateCategory(category.name.clone()));
    }
    tx.insert_category(
        &category.name,
        category.description.as_deref(),
        Some(category.id),
    )?;
    Ok(())
}
