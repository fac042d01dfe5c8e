//! Undo and redo's store step, by the shared rule.

use crate::store::rules;

use super::{ExpenseSwap, Outcome, SqliteStore, StoreResult};

impl SqliteStore {
    /// Applies a swap; refuses, writing nothing, when the row is not as expected.
    pub fn swap_expense(&mut self, swap: &ExpenseSwap<'_>) -> StoreResult<Outcome> {
        self.write(|tx| rules::swap_expense(tx, swap))
    }
}
