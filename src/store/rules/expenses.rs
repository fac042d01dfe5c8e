//! Adding, editing and deleting one expense, each with its budget check.

use chrono::NaiveDate;

use crate::domain::{
    Expense, ExpenseId, ExpensePatch, Month, NewExpense, Outcome, Spent, UserId,
    check_expense_amount,
};
use crate::store::{StoreError, StoreResult};

use super::fx::converted;
use super::{BucketTotals, LedgerTx, Savepoint, add_category, counted_amount};

/// Longest note kept, in bytes; enough for a pasted receipt, small enough for a list row.
pub const MAX_NOTE_BYTES: usize = 16 * 1024;

/// An expense whose category is given by name, as a person types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseByName<'a> {
    pub expense: NewExpense,
    /// The category's name, matched case-insensitively.
    pub category: &'a str,
    /// Create the category when no category has this name; otherwise that is an error.
    pub create_missing: bool,
}

/// What adding an expense by category name did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedByName {
    pub outcome: Outcome,
    /// The category created for it, if there was none of that name.
    pub created: Option<crate::domain::Category>,
}

/// Records an expense and the alerts it fires. One in another currency than the user's
/// is counted at its converted amount, and keeps what was spent beside it.
pub(crate) fn add_expense(tx: &impl LedgerTx, new: &NewExpense) -> StoreResult<Outcome> {
    check_expense_amount(new.amount, new.currency)?;
    let user = tx.user(new.user_id)?;
    let (amount, foreign) =
        counted_amount(tx, &user, new.amount, new.currency, new.date, new.rate)?;
    let expense = Expense {
        id: ExpenseId(0),
        user_id: new.user_id,
        category_id: Some(new.category_id),
        category: Some(tx.category_name(new.category_id)?),
        amount,
        currency: user.currency,
        date: new.date,
        note: clean_note(new.note.as_deref())?,
        foreign,
    };
    insert_row(tx, expense, false)
}

/// Records each expense as `add_expense` would, each in a savepoint of the one
/// transaction: a refused expense leaves nothing behind and the next goes on, checked
/// against the totals the ones before it left.
pub(crate) fn add_expenses_each(
    tx: &impl LedgerTx,
    rows: &[NewExpense],
) -> StoreResult<Vec<StoreResult<Outcome>>> {
    let mut outcomes = Vec::with_capacity(rows.len());
    for new in rows {
        tx.savepoint(Savepoint::Mark)?;
        let outcome = add_expense(tx, new);
        tx.savepoint(if outcome.is_ok() {
            Savepoint::Keep
        } else {
            Savepoint::Undo
        })?;
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Stores a checked row, under its own id when `keep_id` (a deleted row brought back as it
/// was), with its budget check; a row without a category counts toward no budget.
pub(crate) fn insert_row(tx: &impl LedgerTx, row: Expense, keep_id: bool) -> StoreResult<Outcome> {
    let user = tx.user(row.user_id)?;
    let minor = row.currency.to_minor(row.amount)?;
    check_date(row.date)?;
    let totals = BucketTotals::read(tx, &user, [], [&row])?;
    let id = tx.insert_expense(&row, minor, keep_id)?;
    let expense = Expense { id, ..row };
    let alerts = totals.check(tx, &user, Some(expense.id))?;
    Ok(Outcome { expense, alerts })
}

/// Changes one of `user`'s expenses; both the old and the new month and category are
/// re-checked. Another user's expense is `NoSuchExpense`.
pub(crate) fn edit_expense(
    tx: &impl LedgerTx,
    user: UserId,
    id: ExpenseId,
    patch: &ExpensePatch,
) -> StoreResult<Outcome> {
    let old = tx.expense(user, id)?;
    let (amount, foreign) = match (patch.amount, old.foreign) {
        // A foreign expense's amount is typed in its own currency, at the rate it was
        // recorded with.
        (Some(amount), Some(spent)) => {
            check_expense_amount(amount, spent.currency)?;
            let amount = spent.currency.from_minor(spent.currency.to_minor(amount)?);
            let spent = Spent { amount, ..spent };
            (converted(old.currency, &spent)?, Some(spent))
        }
        (Some(amount), None) => {
            check_expense_amount(amount, old.currency)?;
            (amount, None)
        }
        (None, foreign) => (old.amount, foreign),
    };
    let new = Expense {
        amount,
        foreign,
        category_id: patch.category_id.or(old.category_id),
        date: patch.date.unwrap_or(old.date),
        note: patch.note.clone().unwrap_or_else(|| old.note.clone()),
        ..old.clone()
    };
    replace_expense(tx, &old, &new)
}

/// Puts `new` in the place of the stored `old` (same id), with the check of both buckets.
pub(crate) fn replace_expense(
    tx: &impl LedgerTx,
    old: &Expense,
    new: &Expense,
) -> StoreResult<Outcome> {
    let user = tx.user(old.user_id)?;
    let minor = old.currency.to_minor(new.amount)?;
    check_date(new.date)?;
    let category = match new.category_id {
        Some(id) => Some(tx.category_name(id)?),
        None => None,
    };
    let new = Expense {
        category,
        note: clean_note(new.note.as_deref())?,
        ..new.clone()
    };
    let totals = BucketTotals::read(tx, &user, [old], [&new])?;
    tx.update_expense(&new, minor)?;
    let alerts = totals.check(tx, &user, Some(old.id))?;
    Ok(Outcome {
        expense: new,
        alerts,
    })
}

/// Deletes a stored expense with its budget check; the outcome holds the deleted row.
pub(crate) fn delete_expense(tx: &impl LedgerTx, old: Expense) -> StoreResult<Outcome> {
    let user = tx.user(old.user_id)?;
    let totals = BucketTotals::read(tx, &user, [&old], [])?;
    tx.delete_expense(&old)?;
    let alerts = totals.check(tx, &user, None)?;
    Ok(Outcome {
        expense: old,
        alerts,
    })
}

/// Records an expense in the category named, creating the category first when asked and
/// needed: a refused expense leaves no new category behind, as both share the transaction.
pub(crate) fn add_expense_by_name(
    tx: &impl LedgerTx,
    add: &ExpenseByName<'_>,
) -> StoreResult<AddedByName> {
    let (category, created) = match tx.find_category(add.category) {
        Ok(category) => (category, None),
        Err(StoreError::UnknownCategory { .. }) if add.create_missing => {
            let category = add_category(tx, add.category, None)?;
            (category.clone(), Some(category))
        }
        Err(other) => return Err(other),
    };
    let new = NewExpense {
        category_id: category.id,
        ..add.expense.clone()
    };
    let outcome = add_expense(tx, &new)?;
    Ok(AddedByName { outcome, created })
}

/// Refuses a date outside the years 1 to 9999.
pub(crate) fn check_date(date: NaiveDate) -> StoreResult<()> {
    if Month::new(chrono::Datelike::year(&date), 1).is_none() {
        return Err(StoreError::InvalidInput(format!(
            "date {date} is out of range; years run from 1 to 9999"
        )));
    }
    Ok(())
}

/// An empty note is no note; an oversized one is refused rather than cut.
pub(crate) fn clean_note(note: Option<&str>) -> StoreResult<Option<String>> {
    match note {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text) if text.len() > MAX_NOTE_BYTES => Err(StoreError::InvalidInput(format!(
            "note is {} bytes; at most {MAX_NOTE_BYTES} are kept",
            text.len()
        ))),
        Some(text) => Ok(Some(refuse_nul("note", text)?.to_string())),
    }
}

/// Refuses text with a NUL character, which PostgreSQL's text cannot store: a ledger keeps
/// only what every engine keeps alike. `what` names the field in the message.
pub(crate) fn refuse_nul<'a>(what: &str, text: &'a str) -> StoreResult<&'a str> {
    if text.contains('\0') {
        return Err(StoreError::InvalidInput(format!(
            "{what} has a NUL character (\\0), which cannot be stored; remove it"
        )));
    }
    Ok(text)
}
