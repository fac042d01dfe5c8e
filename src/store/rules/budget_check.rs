//! The budget check: category totals for a month read before a write and after it, inside
//! the write's transaction, so the alert a change causes commits with the change, and the
//! new expense is counted exactly once.

use crate::domain::{
    Alert, AlertId, BudgetId, CategoryId, Expense, ExpenseId, Month, User, alert_for_change,
    alert_message, budget_level,
};

use super::LedgerTx;
use crate::store::StoreResult;

/// One user's spending in one category and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Bucket {
    pub category: CategoryId,
    pub month: Month,
}

/// Totals of the buckets a write touches, as they stood before it.
pub(crate) struct BucketTotals {
    before: Vec<(Bucket, i64)>,
}

impl BucketTotals {
    /// Reads the totals of the buckets the given expense states fall in, in a fixed order so
    /// two writers that hold buckets never wait on each other in a circle. Expenses in
    /// another currency than the user's, or without a category, count toward no budget.
    pub fn read<'a>(
        tx: &impl LedgerTx,
        user: &User,
        expenses: impl IntoIterator<Item = &'a Expense>,
    ) -> StoreResult<BucketTotals> {
        let mut buckets: Vec<Bucket> = expenses
            .into_iter()
            .filter(|e| e.currency == user.currency)
            .filter_map(|e| {
                e.category_id.map(|category| Bucket {
                    category,
                    month: Month::of(e.date),
                })
            })
            .collect();
        buckets.sort_unstable();
        buckets.dedup();
        let before = buckets
            .into_iter()
            .map(|bucket| Ok((bucket, tx.bucket_total(user, bucket)?)))
            .collect::<StoreResult<_>>()?;
        Ok(BucketTotals { before })
    }

    /// Compares each bucket's total now with before and records the alerts that fire.
    pub fn check(
        self,
        tx: &impl LedgerTx,
        user: &User,
        cause: Option<ExpenseId>,
    ) -> StoreResult<Vec<Alert>> {
        let mut alerts = Vec::new();
        for (bucket, before) in self.before {
            let Some((budget_id, budget)) = tx.budget_of(user, bucket)? else {
                continue;
            };
            let after = tx.bucket_total(user, bucket)?;
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
pub(crate) fn fire_if_crossed(
    tx: &impl LedgerTx,
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
    let category = tx.category_name(bucket.category)?;
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
    tx.insert_alert(budget_id, after, alert).map(Some)
}
