//! Standing budgets: a category's budget for every month from one on, until changed or
//! ended, beside budgets set for one month alone. A month's rows are made from the standing
//! budgets when the month is opened; changing a standing budget rewrites its first month and
//! the rows it made after it, and leaves every month before, and every later month set on its
//! own, as it was.

use rust_decimal::Decimal;

use crate::domain::{Alert, BudgetId, CategoryId, Month, User, UserId};
use crate::store::{StandingBudget, StoreError, StoreResult};

use super::rollover::{bucket_in_effect, open_months};
use super::{Bucket, LedgerTx, fire_if_crossed};

/// A standing budget as stored from its first month: `minor` is `None` when it ended there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StandingRow {
    pub from: Month,
    pub minor: Option<i64>,
    pub rollover: bool,
}

/// A month's budget row of a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BudgetRow {
    pub id: BudgetId,
    pub minor: i64,
    /// Made from the standing budget, rather than set for the month alone.
    pub standing: bool,
    pub rollover: bool,
}

/// What the standing-budget rules read and write beyond [`LedgerTx`].
pub(crate) trait StandingTx: LedgerTx {
    /// The standing budget in effect in `month`: the latest one starting then or before.
    fn standing_at(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<Option<StandingRow>>;
    /// Whether a standing budget of the category starts after `month`.
    fn standing_after(&self, user: &User, category: CategoryId, month: Month) -> StoreResult<bool>;
    /// Makes `row` the category's standing budget from its month on, dropping any that
    /// started then or later.
    fn replace_standing_from(
        &self,
        user: &User,
        category: CategoryId,
        row: StandingRow,
    ) -> StoreResult<()>;
    /// The category's budget row for a month.
    fn budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<Option<BudgetRow>>;
    /// Writes the category's budget row for a month, made or replaced; returns its id.
    fn write_budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
        row: (i64, bool, bool),
    ) -> StoreResult<BudgetId>;
    /// Deletes the category's budget row for a month; its alerts stay, pointing at none.
    fn delete_budget_row(
        &self,
        user: UserId,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<()>;
    /// Rewrites the rows made from the standing budget from `from` on: to `minor` and
    /// `rollover`, or deleted when `minor` is `None`. Rows set for their month alone stay.
    fn rewrite_standing_rows(
        &self,
        user: &User,
        category: CategoryId,
        from: Month,
        minor: Option<i64>,
        rollover: bool,
    ) -> StoreResult<()>;
    /// The months from `from` on that have a budget row of the category, oldest first.
    fn budget_months_from(
        &self,
        user: UserId,
        category: CategoryId,
        from: Month,
    ) -> StoreResult<Vec<Month>>;
    /// Every standing budget of a category, of every user, as stored.
    fn category_standing(&self, category: CategoryId) -> StoreResult<Vec<StandingBudget>>;
    /// Puts a standing budget row back as it was, unless one starting that month is there.
    fn insert_standing(&self, row: &StandingBudget) -> StoreResult<()>;
}

/// How a budget change applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetSpan {
    /// Every month from this one on, until changed: a standing budget.
    From(Month),
    /// This month alone, over whatever standing budget there is.
    Month(Month),
}

/// A budget to set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetChange {
    pub user: UserId,
    pub category: CategoryId,
    pub span: BudgetSpan,
    pub amount: Decimal,
    /// Whether what is left of a month carries into the next; `None` keeps what the budget
    /// had (off for a new one).
    pub rollover: Option<bool>,
}

/// What a budget removal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetRemoved {
    /// The standing budget ends: no month from this one on has it.
    StandingEnded(Month),
    /// The month's own budget is gone, and the month follows the standing budget of this
    /// amount again.
    MonthFollowsStanding(Decimal),
    /// The month's own budget is gone, and the month has none.
    MonthCleared,
}

/// Sets a budget, standing or for one month, and records the alerts it fires in the months
/// it changes up to `current` and any later month already opened.
pub(crate) fn change_budget(
    tx: &impl StandingTx,
    change: &BudgetChange,
    current: Month,
) -> StoreResult<Vec<Alert>> {
    let user = tx.user(change.user)?;
    if !tx.category_exists(change.category)? {
        return Err(StoreError::NoSuchCategory(change.category));
    }
    let minor = user.currency.to_minor(change.amount)?;
    let category = change.category;
    let first = match change.span {
        BudgetSpan::From(from) | BudgetSpan::Month(from) => from,
    };
    let months = touched_months(tx, &user, category, first, current)?;
    open_months(tx, &user, months.iter().copied())?;
    let before = states(tx, &user, category, &months)?;
    match change.span {
        BudgetSpan::From(from) => {
            let kept = tx.standing_at(&user, category, from)?;
            let rollover = change
                .rollover
                .unwrap_or_else(|| kept.is_some_and(|row| row.minor.is_some() && row.rollover));
            tx.replace_standing_from(
                &user,
                category,
                StandingRow {
                    from,
                    minor: Some(minor),
                    rollover,
                },
            )?;
            tx.rewrite_standing_rows(&user, category, from, Some(minor), rollover)?;
            // The month it starts in follows it even if it had a budget of its own: that is
            // the month the person named. Later months set on their own keep theirs.
            tx.write_budget_row(&user, category, from, (minor, true, rollover))?;
            open_months(tx, &user, months.iter().copied())?;
        }
        BudgetSpan::Month(month) => {
            let row = tx.budget_row(&user, category, month)?;
            let rollover = match (change.rollover, row) {
                (Some(rollover), _) => rollover,
                (None, Some(row)) => row.rollover,
                (None, None) => false,
            };
            tx.write_budget_row(&user, category, month, (minor, false, rollover))?;
        }
    }
    let mut alerts = Vec::new();
    for (month, before) in months.iter().zip(before) {
        let bucket = Bucket {
            category,
            month: *month,
        };
        let after = bucket_in_effect(tx, &user, bucket)?;
        let Some((budget_id, budget)) = after.budget else {
            continue;
        };
        let fired = fire_if_crossed(
            tx,
            &user,
            bucket,
            budget_id,
            (before.0, before.1),
            (after.total, budget),
            None,
        )?;
        alerts.extend(fired);
    }
    Ok(alerts)
}

/// Sets a category's budget for one month alone, keeping its rollover; a budget set at or
/// lowered to below what is already spent fires its alert at once.
pub(crate) fn set_budget(
    tx: &impl StandingTx,
    user: UserId,
    category: CategoryId,
    month: Month,
    amount: Decimal,
) -> StoreResult<Vec<Alert>> {
    let change = BudgetChange {
        user,
        category,
        span: BudgetSpan::Month(month),
        amount,
        rollover: None,
    };
    change_budget(tx, &change, month)
}

/// Removes a budget: without a month, ends the standing budget from `from` on; with one,
/// drops that month's own budget, so the month follows the standing budget again.
pub(crate) fn remove_budget(
    tx: &impl StandingTx,
    user: UserId,
    category: CategoryId,
    span: BudgetSpan,
) -> StoreResult<BudgetRemoved> {
    let user = tx.user(user)?;
    let name = tx.category_name(category)?;
    match span {
        BudgetSpan::From(from) => {
            let in_effect = tx.standing_at(&user, category, from)?;
            let scheduled = tx.standing_after(&user, category, from)?;
            if in_effect.is_none_or(|row| row.minor.is_none()) && !scheduled {
                return Err(StoreError::NoStandingBudget { category: name });
            }
            tx.replace_standing_from(
                &user,
                category,
                StandingRow {
                    from,
                    minor: None,
                    rollover: false,
                },
            )?;
            tx.rewrite_standing_rows(&user, category, from, None, false)?;
            Ok(BudgetRemoved::StandingEnded(from))
        }
        BudgetSpan::Month(month) => {
            open_months(tx, &user, [month])?;
            let row = tx.budget_row(&user, category, month)?;
            let Some(row) = row else {
                return Err(StoreError::NoMonthBudget {
                    category: name,
                    month,
                });
            };
            if row.standing {
                return Err(StoreError::BudgetIsStanding {
                    category: name,
                    month,
                });
            }
            if let Some(StandingRow {
                minor: Some(minor),
                rollover,
                ..
            }) = tx.standing_at(&user, category, month)?
            {
                tx.write_budget_row(&user, category, month, (minor, true, rollover))?;
                return Ok(BudgetRemoved::MonthFollowsStanding(
                    user.currency.from_minor(minor),
                ));
            }
            tx.delete_budget_row(user.id, category, month)?;
            Ok(BudgetRemoved::MonthCleared)
        }
    }
}

/// Makes the rows every standing budget calls for, in every month from the earliest one
/// through `through`. Idempotent: a month already made is left as it is.
pub(crate) fn open_through(tx: &impl StandingTx, user: UserId, through: Month) -> StoreResult<()> {
    let user = tx.user(user)?;
    if let Some(first) = tx.first_standing_month(user.id)?
        && first <= through
    {
        tx.open_months(&user, first, through)?;
    }
    Ok(())
}

/// The months a change from `first` can move: every month from it through `current`, and
/// every later month that already has a row of the category.
fn touched_months(
    tx: &impl StandingTx,
    user: &User,
    category: CategoryId,
    first: Month,
    current: Month,
) -> StoreResult<Vec<Month>> {
    let mut months = Vec::new();
    let mut month = first;
    while month <= current {
        months.push(month);
        month = month.next();
    }
    if months.is_empty() {
        months.push(first);
    }
    for later in tx.budget_months_from(user.id, category, first)? {
        if !months.contains(&later) {
            months.push(later);
        }
    }
    months.sort_unstable();
    Ok(months)
}

/// Each month's spending and budget in effect, if any, in minor units.
fn states(
    tx: &impl StandingTx,
    user: &User,
    category: CategoryId,
    months: &[Month],
) -> StoreResult<Vec<(i64, Option<i64>)>> {
    months
        .iter()
        .map(|&month| {
            let state = bucket_in_effect(tx, user, Bucket { category, month })?;
            Ok((state.total, state.budget.map(|(_, budget)| budget)))
        })
        .collect()
}
