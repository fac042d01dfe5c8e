//! Many expenses in one transaction: the path CSV import and the data generator use.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::catalog::add_category_in_tx;
use super::expenses::add_expense_in_tx;
use super::{Alert, CategoryId, NewExpense, Store, StoreError, StoreResult};

/// What a bulk insert did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    pub inserted: usize,
    /// Alerts fired, exactly as if the rows had been added one by one in order.
    pub alerts: Vec<Alert>,
    /// Categories created on the way (import with `create_missing`).
    pub created_categories: Vec<String>,
}

/// An expense whose category is known by name, as in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedExpense {
    pub category: String,
    /// The expense; its `category_id` is set from `category` on insert.
    pub expense: NewExpense,
}

impl Store {
    /// Records every expense, with its budget check, in one transaction: all or nothing.
    pub fn add_expenses(&mut self, rows: &[NewExpense]) -> StoreResult<BulkOutcome> {
        self.write(|tx| {
            let mut outcome = BulkOutcome::default();
            for row in rows {
                outcome.alerts.extend(add_expense_in_tx(tx, row)?.alerts);
                outcome.inserted += 1;
            }
            Ok(outcome)
        })
    }

    /// Records expenses whose categories are named, in one transaction. Unknown names are
    /// created when `create_missing`, and refused (with nothing written) otherwise.
    pub fn import_expenses(
        &mut self,
        rows: &[NamedExpense],
        create_missing: bool,
    ) -> StoreResult<BulkOutcome> {
        self.write(|tx| {
            let mut ids = category_ids(tx)?;
            let mut outcome = BulkOutcome::default();
            for row in rows {
                let key = row.category.trim().to_lowercase();
                let id = match ids.get(&key) {
                    Some(id) => *id,
                    None if create_missing => {
                        let category = add_category_in_tx(tx, &row.category, None)?;
                        outcome.created_categories.push(category.name);
                        ids.insert(key, category.id);
                        category.id
                    }
                    None => {
                        return Err(super::catalog::find_category_in(tx, &row.category)
                            .err()
                            .unwrap_or(StoreError::EmptyCategory));
                    }
                };
                let expense = NewExpense {
                    category_id: id,
                    ..row.expense.clone()
                };
                outcome
                    .alerts
                    .extend(add_expense_in_tx(tx, &expense)?.alerts);
                outcome.inserted += 1;
            }
            Ok(outcome)
        })
    }
}

/// Every category id by lower-cased name.
fn category_ids(tx: &Transaction<'_>) -> StoreResult<HashMap<String, CategoryId>> {
    let mut statement = tx.prepare("SELECT lower(name), id FROM categories")?;
    let pairs = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(pairs.collect::<Result<_, _>>()?)
}
