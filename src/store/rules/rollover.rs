//! The budget a bucket is held to: its month's row plus what rolled over into it, the row
//! made first from a standing budget when the month is new. Every budget check, and every
//! read of a month's budgets, goes through here, so the app, the command line, the server and
//! the alerts agree on one figure.

use crate::domain::{
    BudgetId, BudgetStatus, CategoryId, Month, User, UserId, carrying_run, effective_budget,
};
use crate::store::StoreResult;

use super::{Bucket, BucketState, LedgerTx};

/// The budget rows and spending a carry is computed from, on a transaction or a plain
/// connection alike, so reads and writes share the computation.
pub(crate) trait BudgetHistory {
    /// The months before `before` whose budget of the category rolls over, with their base
    /// budgets in minor units, newest first.
    fn rollover_months(
        &self,
        user: &User,
        category: CategoryId,
        before: Month,
    ) -> StoreResult<Vec<(Month, i64)>>;
    /// Spent in the category from month `first` up to, not including, month `end`, in minor
    /// units of the user's currency.
    fn spent_in_months(
        &self,
        user: &User,
        category: CategoryId,
        first: Month,
        end: Month,
    ) -> StoreResult<i64>;
    /// The first month of the user's earliest standing budget.
    fn first_standing_month(&self, user: UserId) -> StoreResult<Option<Month>>;
    /// Whether any row the standing budgets call for in the user's months `first` to `last`
    /// is missing: a read, so a month already made costs no write lock.
    fn standing_rows_missing(&self, user: UserId, first: Month, last: Month) -> StoreResult<bool>;
}

/// The users with a month up to `through` that still lacks the rows of its standing
/// budgets, read without taking the write lock.
pub(crate) fn users_behind(
    history: &impl BudgetHistory,
    users: &[User],
    through: Month,
) -> StoreResult<Vec<UserId>> {
    let mut behind = Vec::new();
    for user in users {
        if let Some(first) = history.first_standing_month(user.id)?
            && first <= through
            && history.standing_rows_missing(user.id, first, through)?
        {
            behind.push(user.id);
        }
    }
    Ok(behind)
}

/// What rolled over into a category's budget for `month`, in minor units: the bases of the
/// unbroken run of rollover months before it, minus what was spent in them.
pub(crate) fn carried_into(
    history: &impl BudgetHistory,
    user: &User,
    category: CategoryId,
    month: Month,
) -> StoreResult<i64> {
    let run = carrying_run(history.rollover_months(user, category, month)?, month);
    carried_by(history, user, category, month, run)
}

/// What a run of rollover months, as [`carrying_run`] finds it, carries into `month`.
pub(crate) fn carried_by(
    history: &impl BudgetHistory,
    user: &User,
    category: CategoryId,
    month: Month,
    run: Option<(Month, i64)>,
) -> StoreResult<i64> {
    let Some((first, bases)) = run else {
        return Ok(0);
    };
    let spent = history.spent_in_months(user, category, first, month)?;
    Ok(bases.saturating_sub(spent))
}

/// The bucket's spending and the budget in effect, base plus carried, held as
/// `bucket_state` holds it. The month's rows must have been opened first ([`open_months`]).
pub(crate) fn bucket_in_effect(
    tx: &impl LedgerTx,
    user: &User,
    bucket: Bucket,
) -> StoreResult<BucketState> {
    let mut state = tx.bucket_state(user, bucket)?;
    if let Some((id, base)) = state.budget {
        let carried = carried_into(tx, user, bucket.category, bucket.month)?;
        state.budget = Some((id, effective_budget(base, carried)));
    }
    Ok(state)
}

/// Makes the rows of each month from its standing budgets where missing, oldest month first,
/// so that two writers opening the same months take their rows in one order.
pub(crate) fn open_months(
    tx: &impl LedgerTx,
    user: &User,
    months: impl IntoIterator<Item = Month>,
) -> StoreResult<()> {
    let mut months: Vec<Month> = months.into_iter().collect();
    months.sort_unstable();
    months.dedup();
    for month in months {
        tx.open_months(user, month, month)?;
    }
    Ok(())
}

/// A month's budget row as an engine reads it, amounts in minor units, before its carry.
pub(crate) struct BudgetRead {
    pub budget_id: BudgetId,
    pub category_id: CategoryId,
    pub category: String,
    pub base: i64,
    pub spent: i64,
    pub standing: bool,
    pub rollover: bool,
}

impl BudgetRead {
    /// The row as a status, its budget with what rolled over into it.
    pub(crate) fn with_carry(
        self,
        history: &impl BudgetHistory,
        user: &User,
        month: Month,
    ) -> StoreResult<BudgetStatus> {
        let carried = carried_into(history, user, self.category_id, month)?;
        let money = |minor| user.currency.from_minor(minor);
        Ok(BudgetStatus {
            budget_id: self.budget_id,
            category_id: self.category_id,
            category: self.category,
            month,
            budget: money(effective_budget(self.base, carried)),
            spent: money(self.spent),
            carried: money(carried),
            standing: self.standing,
            rollover: self.rollover,
        })
    }
}
