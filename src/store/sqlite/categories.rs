//! Changing the shared categories, by the shared rules: rename, merge, delete, restore.

use crate::domain::Month;
use crate::store::rules::{self, MaintenanceTx};

use super::{
    Category, CategoryId, CategoryUsage, MergeOutcome, RemovedCategory, SqliteStore, StoreResult,
};

impl SqliteStore {
    /// Gives a category a new name; a name another category has (in any case) is refused.
    pub fn rename_category(&mut self, id: CategoryId, name: &str) -> StoreResult<Category> {
        self.write(|tx| rules::rename_category(tx, id, name))
    }

    /// How many expenses and budgets, of all users, a category holds.
    pub fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage> {
        let tx = self.conn.unchecked_transaction()?;
        rules::LedgerTx::category_name(&tx, id)?;
        tx.category_usage(id)
    }

    /// Moves every expense and budget of `from` into `into` and deletes `from`, in one
    /// transaction; the merged buckets are checked again.
    pub fn merge_categories(
        &mut self,
        from: CategoryId,
        into: CategoryId,
        current: Month,
    ) -> StoreResult<MergeOutcome> {
        self.write(|tx| rules::merge_categories(tx, from, into, current))
    }

    /// Deletes a category that holds no expense and no budget.
    pub fn delete_unused_category(&mut self, id: CategoryId) -> StoreResult<()> {
        self.write(|tx| rules::delete_unused_category(tx, id))
    }

    /// Deletes a category: its expenses keep no category and its budgets go. Returns what
    /// was taken so that [`SqliteStore::restore_category`] can put it back.
    pub fn remove_category(&mut self, id: CategoryId) -> StoreResult<RemovedCategory> {
        self.write(|tx| rules::remove_category(tx, id))
    }

    /// Undoes a removal; refused if the name was taken again meanwhile.
    pub fn restore_category(&mut self, removed: &RemovedCategory) -> StoreResult<()> {
        self.write(|tx| rules::restore_category(tx, removed))
    }
}
