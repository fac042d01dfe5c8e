//! Many expenses or budgets in one transaction, each with exactly the checks and alerts a
//! single write would give it, in order.

use std::borrow::Borrow;

use crate::domain::{Alert, NewExpense};
use crate::store::rules::{self, LedgerTx};
use crate::store::{BulkOutcome, NamedExpense, NewBudget, StoreError, StoreResult};

use super::PgStore;

impl PgStore {
    /// Records every expense, with its budget check, in one transaction: all or nothing.
    pub fn add_expenses<R: Borrow<NewExpense>>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
    ) -> StoreResult<BulkOutcome> {
        self.write(|tx| {
            let mut outcome = BulkOutcome::default();
            for row in rows {
                let added = rules::add_expense(tx, row.borrow())?;
                outcome.alerts.extend(added.alerts);
                outcome.inserted += 1;
            }
            Ok(outcome)
        })
    }

    /// Records expenses whose categories are named, in one transaction. Unknown names are
    /// created when `create_missing`, and refused (with nothing written) otherwise. A row
    /// refused is named by its index: `StoreError::ImportRow`.
    pub fn import_expenses(
        &mut self,
        rows: &[NamedExpense],
        create_missing: bool,
    ) -> StoreResult<BulkOutcome> {
        self.write(|tx| {
            let mut outcome = BulkOutcome::default();
            for (index, row) in rows.iter().enumerate() {
                import_row(tx, row, create_missing, &mut outcome)
                    .map_err(|error| StoreError::in_import_row(index, error))?;
            }
            Ok(outcome)
        })
    }

    /// Sets many budgets in one transaction, each exactly as `set_budget` would, in order.
    pub fn set_budgets(&mut self, budgets: &[NewBudget]) -> StoreResult<Vec<Alert>> {
        self.write(|tx| {
            let mut alerts = Vec::new();
            for b in budgets {
                alerts.extend(rules::set_budget(
                    tx,
                    b.user_id,
                    b.category_id,
                    b.month,
                    b.amount,
                )?);
            }
            Ok(alerts)
        })
    }
}

/// One named row: its category found, or created when allowed, then added.
fn import_row(
    tx: &impl LedgerTx,
    row: &NamedExpense,
    create_missing: bool,
    outcome: &mut BulkOutcome,
) -> StoreResult<()> {
    let category = match tx.find_category(&row.category) {
        Ok(found) => found,
        Err(StoreError::UnknownCategory { .. }) if create_missing => {
            let created = rules::add_category(tx, &row.category, None)?;
            outcome.created_categories.push(created.name.clone());
            created
        }
        Err(error) => return Err(error),
    };
    let new = NewExpense {
        category_id: category.id,
        ..row.expense.clone()
    };
    let added = rules::add_expense(tx, &new)?;
    outcome.alerts.extend(added.alerts);
    outcome.inserted += 1;
    Ok(())
}
