//! Changing the shared categories: rename, merge one into another, delete.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use crate::domain::{Month, quoted};

use crate::store::rules::{Bucket, LedgerTx, checked_category_name, fire_if_crossed};

use super::catalog::find_category_in;
use super::expenses::{category_name_in, user_in};
use super::{BudgetId, Category, CategoryId, SqliteStore, StoreError, StoreResult, User, UserId};
use super::{CategoryUsage, MergeOutcome};

impl SqliteStore {
    /// Gives a category a new name; a name another category has (in any case) is refused.
    pub fn rename_category(&mut self, id: CategoryId, name: &str) -> StoreResult<Category> {
        self.write(|tx| {
            category_name_in(tx, id)?;
            let name = checked_category_name(name)?;
            match find_category_in(tx, name) {
                Ok(other) if other.id != id => {
                    return Err(StoreError::DuplicateCategory(other.name));
                }
                Ok(_) | Err(StoreError::UnknownCategory { .. }) => {}
                Err(error) => return Err(error),
            }
            tx.execute(
                "UPDATE categories SET name = ?2 WHERE id = ?1",
                params![id, name],
            )?;
            Ok(tx.query_row(
                "SELECT id, name, description FROM categories WHERE id = ?1",
                [id],
                super::catalog::category_from_row,
            )?)
        })
    }

    /// How many expenses and budgets, of all users, a category holds.
    pub fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage> {
        usage_in(&self.conn, id)
    }

    /// Moves every expense and budget of `from` into `into` and deletes `from`, in one
    /// transaction. Where a user has a budget in both for the same month, the two are added.
    /// The kept totals follow the moved expenses, and the budgets of every month that
    /// changed are checked again, so an alert fires if the merged bucket crossed.
    pub fn merge_categories(
        &mut self,
        from: CategoryId,
        into: CategoryId,
    ) -> StoreResult<MergeOutcome> {
        self.write(|tx| merge_in_tx(tx, from, into))
    }

    /// Deletes a category that holds no expense and no budget; one in use is refused with
    /// what it holds.
    pub fn delete_unused_category(&mut self, id: CategoryId) -> StoreResult<()> {
        self.write(|tx| {
            let usage = usage_in(tx, id)?;
            if usage != CategoryUsage::default() {
                return Err(StoreError::CategoryInUse {
                    name: category_name_in(tx, id)?,
                    expenses: usage.expenses,
                    budgets: usage.budgets,
                });
            }
            delete_in_tx(tx, id)
        })
    }
}

fn delete_in_tx(tx: &Transaction<'_>, id: CategoryId) -> StoreResult<()> {
    let deleted = tx.execute("DELETE FROM categories WHERE id = ?1", [id])?;
    if deleted == 0 {
        return Err(StoreError::NoSuchCategory(id));
    }
    Ok(())
}

fn usage_in(conn: &rusqlite::Connection, id: CategoryId) -> StoreResult<CategoryUsage> {
    category_name_in(conn, id)?;
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM expenses WHERE category_id = ?1),
                (SELECT count(*) FROM budgets WHERE category_id = ?1)",
        [id],
        |row| {
            Ok(CategoryUsage {
                expenses: row.get(0)?,
                budgets: row.get(1)?,
            })
        },
    )?)
}

/// A bucket of the kept category as it stood before the merge.
struct Before {
    user: User,
    bucket: Bucket,
    total: i64,
    budget: Option<i64>,
}

fn merge_in_tx(
    tx: &Transaction<'_>,
    from: CategoryId,
    into: CategoryId,
) -> StoreResult<MergeOutcome> {
    let (from_name, into_name) = (category_name_in(tx, from)?, category_name_in(tx, into)?);
    if from == into {
        return Err(StoreError::InvalidInput(format!(
            "cannot merge {} into itself",
            quoted(&from_name)
        )));
    }
    let before = buckets_before(tx, from, into)?;
    let mut outcome = MergeOutcome::default();
    move_budgets(tx, from, into, &into_name, &mut outcome)?;
    outcome.expenses = tx.execute(
        "UPDATE expenses SET category_id = ?2 WHERE category_id = ?1",
        params![from, into],
    )?;
    for state in before {
        let Some((budget_id, budget)) = tx.budget_of(&state.user, state.bucket)? else {
            continue;
        };
        let after = tx.bucket_total(&state.user, state.bucket)?;
        outcome.alerts.extend(fire_if_crossed(
            tx,
            &state.user,
            state.bucket,
            budget_id,
            (state.total, state.budget),
            (after, budget),
            None,
        )?);
    }
    tx.execute(
        "DELETE FROM month_totals WHERE category_key = ?1 AND count = 0",
        [from],
    )?;
    delete_in_tx(tx, from)?;
    Ok(outcome)
}

/// The kept category's buckets in every user's month that `from` has spending or a budget
/// in, with their totals and budgets before anything moves.
fn buckets_before(
    tx: &Transaction<'_>,
    from: CategoryId,
    into: CategoryId,
) -> StoreResult<Vec<Before>> {
    let mut statement = tx.prepare(
        "SELECT user_id, month FROM month_totals WHERE category_key = ?1 AND count > 0
         UNION
         SELECT user_id, printf('%04d-%02d', year, month) FROM budgets WHERE category_id = ?1",
    )?;
    let keys: Vec<(UserId, String)> = statement
        .query_map([from], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut users: HashMap<UserId, User> = HashMap::new();
    let mut before = Vec::with_capacity(keys.len());
    for (user_id, month) in keys {
        let Ok(month) = Month::parse(&month) else {
            continue;
        };
        let user = if let Some(user) = users.get(&user_id) {
            user.clone()
        } else {
            let user = user_in(tx, user_id)?;
            users.insert(user_id, user.clone());
            user
        };
        let bucket = Bucket {
            category: into,
            month,
        };
        before.push(Before {
            total: tx.bucket_total(&user, bucket)?,
            budget: tx.budget_of(&user, bucket)?.map(|(_, amount)| amount),
            user,
            bucket,
        });
    }
    Ok(before)
}

/// Moves `from`'s budgets to `into`, adding each to one `into` has for the same user and
/// month; alerts that named a combined budget then name the one kept.
fn move_budgets(
    tx: &Transaction<'_>,
    from: CategoryId,
    into: CategoryId,
    into_name: &str,
    outcome: &mut MergeOutcome,
) -> StoreResult<()> {
    type Pair = (BudgetId, i64, Option<BudgetId>, Option<i64>, String);
    let mut statement = tx.prepare(
        "SELECT f.id, f.amount, i.id, i.amount, u.currency FROM budgets f
         JOIN users u ON u.id = f.user_id
         LEFT JOIN budgets i ON i.user_id = f.user_id AND i.year = f.year
             AND i.month = f.month AND i.category_id = ?2
         WHERE f.category_id = ?1",
    )?;
    let pairs: Vec<Pair> = statement
        .query_map(params![from, into], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    for (from_id, amount, into_budget, into_amount, currency) in pairs {
        let (Some(into_id), Some(into_amount)) = (into_budget, into_amount) else {
            tx.execute(
                "UPDATE budgets SET category_id = ?2 WHERE id = ?1",
                params![from_id, into],
            )?;
            outcome.budgets_moved += 1;
            continue;
        };
        let sum = combined_budget(amount, into_amount, &currency, into_name)?;
        tx.execute(
            "UPDATE budgets SET amount = ?2 WHERE id = ?1",
            params![into_id, sum],
        )?;
        tx.execute(
            "UPDATE alerts SET budget_id = ?2 WHERE budget_id = ?1",
            params![from_id, into_id],
        )?;
        tx.execute("DELETE FROM budgets WHERE id = ?1", [from_id])?;
        outcome.budgets_combined += 1;
    }
    Ok(())
}

/// Two budgets added, if the sum is still an amount a budget may have.
fn combined_budget(a: i64, b: i64, currency: &str, into_name: &str) -> StoreResult<i64> {
    let decimals = crate::domain::Currency::parse(currency).map_or(2, |c| c.decimals());
    let digits = u32::try_from(crate::domain::MAX_INTEGER_DIGITS).unwrap_or(10) + decimals;
    let limit = 10_i64.checked_pow(digits).unwrap_or(i64::MAX);
    a.checked_add(b).filter(|sum| *sum < limit).ok_or_else(|| {
        StoreError::InvalidInput(format!(
            "the budgets added together would be too large for {}",
            quoted(into_name)
        ))
    })
}
