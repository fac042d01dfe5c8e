//! The budget check: category totals for a month read before a write and after it, inside
//! the write's transaction, so the alert a change causes commits with the change, and the
//! new expense is counted exactly once.

use crate::domain::{
    Alert, AlertId, BudgetId, CategoryId, Expense, ExpenseId, Month, User, alert_for_change,
    alert_message, budget_level,
};

use super::LedgerTx;
use super::rollover::{bucket_in_effect, open_months};
use crate::store::StoreResult;

/// One user's spending in one category and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Bucket {
    pub category: CategoryId,
    pub month: Month,
}

/// A bucket's spending and budget, in minor units, as its writer holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BucketState {
    pub total: i64,
    pub budget: Option<(BudgetId, i64)>,
}

/// The buckets a write touches: each as it stood before the write, held against other
/// writers until commit, and what the write moves it by.
pub(crate) struct BucketTotals {
    buckets: Vec<(Bucket, BucketState, i64)>,
}

impl BucketTotals {
    /// Reads the buckets the expense rows `before` and `after` the write fall in, in a fixed
    /// order so two writers that hold buckets never wait on each other in a circle. Expenses
    /// in another currency than the user's, or without a category, count toward no budget.
    pub fn read<'a>(
        tx: &impl LedgerTx,
        user: &User,
        before: impl IntoIterator<Item = &'a Expense>,
        after: impl IntoIterator<Item = &'a Expense>,
    ) -> StoreResult<BucketTotals> {
        let rows =
            (before.into_iter().map(|row| (row, -1))).chain(after.into_iter().map(|row| (row, 1)));
        let mut moves: Vec<(Bucket, i64)> = Vec::new();
        for (expense, sign) in rows {
            if expense.currency != user.currency {
                continue;
            }
            let Some(category) = expense.category_id else {
                continue;
            };
            let bucket = Bucket {
                category,
                month: Month::of(expense.date),
            };
            moves.push((bucket, sign * user.currency.to_minor(expense.amount)?));
        }
        moves.sort_unstable_by_key(|(bucket, _)| *bucket);
        open_months(tx, user, moves.iter().map(|(bucket, _)| bucket.month))?;
        let mut buckets: Vec<(Bucket, BucketState, i64)> = Vec::new();
        for (bucket, amount) in moves {
            match buckets.last_mut() {
                Some((last, _, delta)) if *last == bucket => *delta += amount,
                _ => buckets.push((bucket, bucket_in_effect(tx, user, bucket)?, amount)),
            }
        }
        Ok(BucketTotals { buckets })
    }

    /// Records the alerts the write fires. The buckets were held since they were read, so
    /// each now stands at what it was plus what the write moved it by.
    pub fn check(
        self,
        tx: &impl LedgerTx,
        user: &User,
        cause: Option<ExpenseId>,
    ) -> StoreResult<Vec<Alert>> {
        let mut alerts = Vec::new();
        for (bucket, state, delta) in self.buckets {
            let Some((budget_id, budget)) = state.budget else {
                continue;
            };
            let fired = fire_if_crossed(
                tx,
                user,
                bucket,
                budget_id,
                (state.total, Some(budget)),
                (state.total + delta, budget),
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
