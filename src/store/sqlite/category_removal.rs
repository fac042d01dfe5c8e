//! Deleting a category so that it can be brought back: the removal returns everything it
//! took (the category, its budgets, which expenses lost it), and restoring puts all of it back.

use rusqlite::{Transaction, params};

use crate::domain::{Category, CategoryId};

use super::{RemovedCategory, StoredBudget};
use super::{SqliteStore, StoreError, StoreResult};

impl SqliteStore {
    /// Deletes a category: its expenses keep no category and its budgets go. Returns what
    /// was taken so that [`Store::restore_category`] can put it back.
    pub fn remove_category(&mut self, id: CategoryId) -> StoreResult<RemovedCategory> {
        self.write(|tx| remove_category_in_tx(tx, id))
    }

    /// Undoes a removal: the category under its old id, its budgets, and its expenses that
    /// still have no category. Refused if the name was taken again meanwhile.
    pub fn restore_category(&mut self, removed: &RemovedCategory) -> StoreResult<()> {
        self.write(|tx| restore_category_in_tx(tx, removed))
    }
}

fn remove_category_in_tx(tx: &Transaction<'_>, id: CategoryId) -> StoreResult<RemovedCategory> {
    let category = tx
        .prepare_cached("SELECT id, name, description FROM categories WHERE id = ?1")?
        .query_row([id], |row| {
            Ok(Category {
                id: row.get(0)?,
                name: row.get(1)?,
                description: row.get(2)?,
            })
        })
        .map_err(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NoSuchCategory(id),
            other => other.into(),
        })?;
    let budgets = tx
        .prepare_cached(
            "SELECT id, user_id, year, month, amount FROM budgets WHERE category_id = ?1
             ORDER BY id",
        )?
        .query_map([id], |row| {
            Ok(StoredBudget {
                id: row.get(0)?,
                user_id: row.get(1)?,
                year: row.get(2)?,
                month: row.get(3)?,
                minor: row.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let expenses = tx
        .prepare_cached("SELECT id FROM expenses WHERE category_id = ?1 ORDER BY id")?
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    tx.prepare_cached("DELETE FROM categories WHERE id = ?1")?
        .execute([id])?;
    Ok(RemovedCategory {
        category,
        budgets,
        expenses,
    })
}

fn restore_category_in_tx(tx: &Transaction<'_>, removed: &RemovedCategory) -> StoreResult<()> {
    let category = &removed.category;
    let taken: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM categories WHERE id = ?1 OR name = ?2)")?
        .query_row(params![category.id, category.name], |row| row.get(0))?;
    if taken {
        return Err(StoreError::DuplicateCategory(category.name.clone()));
    }
    tx.prepare_cached("INSERT INTO categories (id, name, description) VALUES (?1, ?2, ?3)")?
        .execute(params![category.id, category.name, category.description])?;
    let mut budget = tx.prepare_cached(
        "INSERT INTO budgets (id, user_id, category_id, year, month, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT DO NOTHING",
    )?;
    for row in &removed.budgets {
        budget.execute(params![
            row.id,
            row.user_id,
            category.id,
            row.year,
            row.month,
            row.minor
        ])?;
    }
    // Only rows nobody put in another category since; the triggers move their totals back.
    let mut expense = tx.prepare_cached(
        "UPDATE expenses SET category_id = ?1 WHERE id = ?2 AND category_id IS NULL",
    )?;
    for id in &removed.expenses {
        expense.execute(params![category.id, id])?;
    }
    Ok(())
}
