//! The budget check: category totals for a month read before a write and after it, inside
//! the write's transaction, so the alert a change causes commits with the change.

use crate::domain::{Month, alert_for_change, alert_message, budget_level};
use rusqlite::{OptionalExtension, Transaction, params};

use super::expenses::category_name_in;
use super::{Alert, AlertId, BudgetId, CategoryId, Expense, ExpenseId, StoreResult, User};

/// One user's spending in one category and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bucket {
    pub category: CategoryId,
    pub month: Month,
}

/// Totals of the buckets a write touches, as they stood before it.
pub(super) struct BucketTotals {
    before: Vec<(Bucket, i64)>,
}

impl BucketTotals {
    /// Reads the totals of the buckets the given expense states fall in. Expenses in another
    /// currency than the user's, or without a category, count toward no budget.
    pub fn read<'a>(
        tx: &Transaction<'_>,
        user: &User,
        expenses: impl IntoIterator<Item = &'a Expense>,
    ) -> StoreResult<BucketTotals> {
        let mut before = Vec::with_capacity(2);
        for expense in expenses {
            let Some(category) = expense.category_id else {
                continue;
            };
            if expense.currency != user.currency {
                continue;
            }
            let bucket = Bucket {
                category,
                month: Month::of(expense.date),
            };
            if !before.iter().any(|(b, _)| *b == bucket) {
                before.push((bucket, month_total(tx, user, bucket)?));
            }
        }
        Ok(BucketTotals { before })
    }

    /// Compares each bucket's total now with before and records the alerts that fire.
    pub fn check(
        self,
        tx: &Transaction<'_>,
        user: &User,
        cause: Option<ExpenseId>,
    ) -> StoreResult<Vec<Alert>> {
        let mut alerts = Vec::new();
        for (bucket, before) in self.before {
            let Some((budget_id, budget)) = budget_of(tx, user, bucket)? else {
                continue;
            };
            let after = month_total(tx, user, bucket)?;
            let fired = fire_if_crossed(
                tx,
                user,
                bucket,
                budget_id,
                (before, Some(budget)),
                (after, budget),
                cause,
            )?;
            alerts.extend(fired);
        }
        Ok(alerts)
    }
}

/// Records the alert a move from `before` to `after` (each a spent and budget pair, in minor
/// units) calls for, if any.
pub(super) fn fire_if_crossed(
    tx: &Transaction<'_>,
    user: &User,
    bucket: Bucket,
    budget_id: BudgetId,
    before: (i64, Option<i64>),
    after: (i64, i64),
    cause: Option<ExpenseId>,
) -> StoreResult<Option<Alert>> {
    let money = |minor| user.currency.from_minor(minor);
    let level_before = budget_level(money(before.0), before.1.map(money), user.warn_percent);
    let level_after = budget_level(money(after.0), Some(money(after.1)), user.warn_percent);
    let Some(kind) = alert_for_change(level_before, level_after) else {
        return Ok(None);
    };
    let category = category_name_in(tx, bucket.category)?;
    let message = alert_message(
        kind,
        &category,
        bucket.month,
        money(after.0),
        money(after.1),
        user.currency,
    );
    let alert = Alert {
        id: AlertId(0),
        user_id: user.id,
        kind,
        message,
        seen: false,
        fired_at: String::new(),
        expense_id: cause,
        category: Some(category),
        month: Some(bucket.month),
        spent: Some(money(after.0)),
        budget: Some(money(after.1)),
        currency: Some(user.currency),
    };
    insert_alert(tx, budget_id, (after.0, after.1), alert).map(Some)
}

/// Stores an alert with its spent and budget in minor units; returns it with its id and
/// the time it fired.
fn insert_alert(
    tx: &Transaction<'_>,
    budget_id: BudgetId,
    (spent, budget): (i64, i64),
    alert: Alert,
) -> StoreResult<Alert> {
    let fired_at: String = tx
        .prepare_cached(
            "INSERT INTO alerts (user_id, budget_id, expense_id, alert_type, message,
                                 category, month, spent, budget, currency)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING fired_at",
        )?
        .query_row(
            params![
                alert.user_id,
                budget_id,
                alert.expense_id,
                alert.kind.as_str(),
                alert.message,
                alert.category,
                alert.month.map(|m| m.to_string()),
                spent,
                budget,
                alert.currency.map(|c| c.code().to_string()),
            ],
            |row| row.get(0),
        )?;
    Ok(Alert {
        id: AlertId(tx.last_insert_rowid()),
        fired_at,
        ..alert
    })
}

/// Spent in a bucket, in minor units: one row of the totals the triggers keep.
pub(super) fn month_total(tx: &Transaction<'_>, user: &User, bucket: Bucket) -> StoreResult<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT total FROM month_totals WHERE user_id = ?1 AND month = ?2 AND category_key = ?3",
        )?
        .query_row(
            params![user.id, bucket.month.to_string(), bucket.category],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// The bucket's budget in minor units, if one is set.
pub(super) fn budget_of(
    tx: &Transaction<'_>,
    user: &User,
    bucket: Bucket,
) -> StoreResult<Option<(BudgetId, i64)>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, amount FROM budgets
             WHERE user_id = ?1 AND category_id = ?2 AND year = ?3 AND month = ?4",
        )?
        .query_row(
            params![
                user.id,
                bucket.category,
                bucket.month.year(),
                bucket.month.number()
            ],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}
