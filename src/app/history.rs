//! Undo and redo of expense changes, several levels deep. Each step is replayed through the
//! store, so it is one transaction with its own budget check.

use crate::domain::{Expense, Outcome, UserId};
use crate::store::{Store, StoreResult};

/// Most steps kept; older ones are forgotten.
const DEPTH: usize = 100;

/// A change that can be taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(Expense),
    Edited { before: Expense, after: Expense },
    Deleted(Expense),
}

impl Change {
    /// The change that takes this one back.
    fn inverse(&self) -> Change {
        match self {
            Change::Added(expense) => Change::Deleted(expense.clone()),
            Change::Deleted(expense) => Change::Added(expense.clone()),
            Change::Edited { before, after } => Change::Edited {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// Makes the change happen in `user`'s ledger (again).
    fn apply(&self, store: &mut Store, user: UserId) -> StoreResult<Outcome> {
        match self {
            Change::Added(expense) => store.restore_expense(user, expense),
            Change::Deleted(expense) => store.delete_expense(user, expense.id),
            Change::Edited { after, .. } => store.replace_expense(user, after),
        }
    }

    /// A few words for the status line.
    pub fn describe(&self) -> String {
        match self {
            Change::Added(e) => format!("add of #{}", e.id),
            Change::Edited { after, .. } => format!("edit of #{}", after.id),
            Change::Deleted(e) => format!("delete of #{}", e.id),
        }
    }
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Remembers a change just made; a new change forgets what was undone.
    pub fn record(&mut self, change: Change) {
        self.redo.clear();
        self.undo.push(change);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    /// Takes back the last change. `Ok(None)` when there is nothing to undo.
    pub fn undo(
        &mut self,
        store: &mut Store,
        user: UserId,
    ) -> StoreResult<Option<(Change, Outcome)>> {
        let Some(change) = self.undo.pop() else {
            return Ok(None);
        };
        // A step another process made impossible (the row is gone) is dropped with its error.
        let outcome = change.inverse().apply(store, user)?;
        self.redo.push(change.clone());
        Ok(Some((change, outcome)))
    }

    /// Makes the last undone change again. `Ok(None)` when there is nothing to redo.
    pub fn redo(
        &mut self,
        store: &mut Store,
        user: UserId,
    ) -> StoreResult<Option<(Change, Outcome)>> {
        let Some(change) = self.redo.pop() else {
            return Ok(None);
        };
        let outcome = change.apply(store, user)?;
        self.undo.push(change.clone());
        Ok(Some((change, outcome)))
    }
}
