//! Changing users, by the shared rules: rename, a new email, delete.

use crate::store::rules::{self, MaintenanceTx};

use super::{SqliteStore, StoreResult, User, UserDeleted, UserId};

impl SqliteStore {
    /// Gives a user a new name and, if `email` is given, a new email address.
    pub fn rename_user(
        &mut self,
        id: UserId,
        name: &str,
        email: Option<&str>,
    ) -> StoreResult<User> {
        self.write(|tx| rules::rename_user(tx, id, name, email))
    }

    /// How many expenses a user has recorded.
    pub fn user_expense_count(&self, id: UserId) -> StoreResult<u64> {
        let tx = self.conn.unchecked_transaction()?;
        tx.user_expense_count(id)
    }

    /// Deletes a user with their budgets and alerts; refused for a user with expenses
    /// unless `with_expenses`, and for the last user.
    pub fn delete_user(&mut self, id: UserId, with_expenses: bool) -> StoreResult<UserDeleted> {
        self.write(|tx| rules::delete_user(tx, id, with_expenses))
    }
}
