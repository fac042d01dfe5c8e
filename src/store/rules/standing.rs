//! Standing budgets: a category's budget for every month from one on, until changed or
//! ended, beside budgets set for one month alone. A change edits the category's recorded
//! plan (the domain's [`BudgetPlan`]); the budget in effect of any month is computed from it.
//! The `budgets` table also keeps one plain row per category for each month through the
//! current one, for the reference design's queries: a change rewrites the rows of the months
//! it moves, and the catch-up makes the rest, in month order.

use rust_decimal::Decimal;

use crate::domain::{
    Alert, AlertId, BudgetId, BudgetPlan, BudgetTerms, CategoryId, Month, User, UserId,
};
use crate::store::{StandingBudget, StoreError, StoreResult};

use super::budget_book::CategoryBook;
use super::{LedgerTx, record_crossings};

/// What the standing-budget rules write beyond [`LedgerTx`].
pub(crate) trait StandingTx: LedgerTx {
    /// Records a standing change of the category from `from` on: these terms, or its end.
    fn write_standing(
        &self,
        user: &User,
        category: CategoryId,
        from: Month,
        terms: Option<BudgetTerms>,
    ) -> StoreResult<()>;
    /// Forgets the standing change that starts in `from`.
    fn delete_standing(&self, user: UserId, category: CategoryId, from: Month) -> StoreResult<()>;
    /// Writes the category's budget row for a month, made or replaced in place; returns its
    /// id. `standing` says it follows the standing budget rather than being the month's own.
    fn write_budget_row(
        &self,
        user: &User,
        category: CategoryId,
        month: Month,
        terms: BudgetTerms,
        standing: bool,
    ) -> StoreResult<BudgetId>;
    /// Deletes the category's budget row for a month; its alerts stay, pointing at none.
    fn delete_budget_row(
        &self,
        user: UserId,
        category: CategoryId,
        month: Month,
    ) -> StoreResult<()>;
    /// Deletes the rows made from the standing budgets for months after `month`: months
    /// past the current one are computed, not stored.
    fn delete_standing_rows_after(&self, user: UserId, month: Month) -> StoreResult<()>;
    /// Every standing budget of a category, of every user, as stored.
    fn category_standing(&self, category: CategoryId) -> StoreResult<Vec<StandingBudget>>;
    /// Puts a standing budget row back as it was, unless one starting that month is there.
    fn insert_standing(&self, row: &StandingBudget) -> StoreResult<()>;
}

/// How a budget change applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetSpan {
    /// Every month from this one on, until the next change already scheduled: a standing
    /// budget.
    From(Month),
    /// This month alone, over whatever standing budget there is.
    Month(Month),
}

impl BudgetSpan {
    /// The first month the change applies to.
    pub fn first(self) -> Month {
        match self {
            BudgetSpan::From(month) | BudgetSpan::Month(month) => month,
        }
    }
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
    /// Whether, with rollover, an overspend carries as a debt; `None` keeps what the budget
    /// had (off for a new one).
    pub carry_overspending: Option<bool>,
}

/// A budget to remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetRemoval {
    /// Ends the standing budget from this month on: up to the next change scheduled after
    /// it, or for good with `all`, which drops every later change too.
    Standing { from: Month, all: bool },
    /// Drops this month's own budget, so the month follows the standing one again.
    Month(Month),
}

/// What a budget removal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetRemoved {
    /// The standing budget ends from this month on, until the scheduled change, if any.
    StandingEnded {
        from: Month,
        /// The month a later change the person scheduled takes over.
        resumes: Option<Month>,
    },
    /// The month's own budget is gone, and the month follows the standing budget of this
    /// amount again.
    MonthFollowsStanding(Decimal),
    /// The month's own budget is gone, and the month has none.
    MonthCleared,
}

/// Sets a budget, standing or for one month, and records the alerts it fires in every month
/// whose budget in effect it moves; the rows of months through `current` follow it.
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
    let book = CategoryBook::whole(tx, &user, change.category)?;
    let mut plan = book.plan.clone();
    let first = change.span.first();
    let kept = match change.span {
        BudgetSpan::From(from) => plan.standing_at(from),
        BudgetSpan::Month(month) => plan.terms(month).map(|held| held.terms),
    };
    let terms = BudgetTerms {
        minor,
        rollover: change
            .rollover
            .unwrap_or_else(|| kept.is_some_and(|kept| kept.rollover)),
        carry_overspending: change
            .carry_overspending
            .unwrap_or_else(|| kept.is_some_and(|kept| kept.carry_overspending)),
    };
    match change.span {
        BudgetSpan::From(from) => plan.set_standing(from, terms),
        BudgetSpan::Month(month) => plan.set_month(month, terms),
    }
    let after = book.with_plan(plan);
    record_plan(
        tx,
        &user,
        change.category,
        (&book, &after),
        (first, current),
    )
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
        carry_overspending: None,
    };
    change_budget(tx, &change, month)
}

/// Removes a budget: ends the standing budget, or drops a month's own budget so the month
/// follows the standing budget again. A month whose budget in effect falls below its
/// spending alerts, as any change would make it.
pub(crate) fn remove_budget(
    tx: &impl StandingTx,
    user: UserId,
    category: CategoryId,
    removal: BudgetRemoval,
    current: Month,
) -> StoreResult<(BudgetRemoved, Vec<Alert>)> {
    let user = tx.user(user)?;
    let name = tx.category_name(category)?;
    let book = CategoryBook::whole(tx, &user, category)?;
    let mut plan = book.plan.clone();
    let (first, removed) = match removal {
        BudgetRemoval::Standing { from, all } => {
            let resumes = (!all).then(|| scheduled_after(&plan, from)).flatten();
            if plan.standing_at(from).is_none() && scheduled_after(&plan, from).is_none() {
                return Err(StoreError::NoStandingBudget { category: name });
            }
            plan.end_standing(from, all);
            (from, BudgetRemoved::StandingEnded { from, resumes })
        }
        BudgetRemoval::Month(month) => {
            if plan.drop_month(month).is_none() {
                return Err(if plan.standing_at(month).is_some() {
                    StoreError::BudgetIsStanding {
                        category: name,
                        month,
                    }
                } else {
                    StoreError::NoMonthBudget {
                        category: name,
                        month,
                    }
                });
            }
            let removed = match plan.standing_at(month) {
                Some(terms) => {
                    BudgetRemoved::MonthFollowsStanding(user.currency.from_minor(terms.minor))
                }
                None => BudgetRemoved::MonthCleared,
            };
            (month, removed)
        }
    };
    let after = book.with_plan(plan);
    let alerts = record_plan(tx, &user, category, (&book, &after), (first, current))?;
    Ok((removed, alerts))
}

/// A category's budgets moved between two plans, for undo and redo.
#[derive(Debug, Clone, Copy)]
pub struct BudgetSwap<'a> {
    pub user: UserId,
    pub category: CategoryId,
    /// What the budgets must be now; anything else was changed elsewhere since.
    pub expect: &'a BudgetPlan,
    pub want: &'a BudgetPlan,
    /// Alerts the step's last replay fired, withdrawn with it.
    pub retract: &'a [AlertId],
    /// The current month: rows of months through it follow the plan.
    pub current: Month,
}

/// Puts a category's budgets back as they were, or forward again, refusing if they were
/// changed elsewhere since; returns the alerts the move fires.
pub(crate) fn swap_budget(tx: &impl StandingTx, swap: &BudgetSwap<'_>) -> StoreResult<Vec<Alert>> {
    let user = tx.user(swap.user)?;
    let category = tx.category_name(swap.category)?;
    let book = CategoryBook::whole(tx, &user, swap.category)?;
    if book.plan != *swap.expect {
        return Err(StoreError::BudgetChangedSince { category });
    }
    tx.delete_alerts(user.id, swap.retract)?;
    let Some(first) = book.plan.first_difference(swap.want) else {
        return Ok(Vec::new());
    };
    let after = book.with_plan(swap.want.clone());
    record_plan(
        tx,
        &user,
        swap.category,
        (&book, &after),
        (first, swap.current),
    )
}

/// The first month after `from` where a standing budget the person scheduled starts.
fn scheduled_after(plan: &BudgetPlan, from: Month) -> Option<Month> {
    plan.standing_changes()
        .find(|(month, terms)| *month > from && terms.is_some())
        .map(|(month, _)| month)
}

/// Records a category's book going from `before` to `after`: the standing changes that
/// differ, the rows of every month whose terms it moves (from `first`, and through `current`
/// for rows made from the standing budget), and the alerts of every month whose level rises.
pub(crate) fn record_plan(
    tx: &impl StandingTx,
    user: &User,
    category: CategoryId,
    (before, after): (&CategoryBook, &CategoryBook),
    (first, current): (Month, Month),
) -> StoreResult<Vec<Alert>> {
    write_standing_changes(tx, user, category, &before.plan, &after.plan)?;
    write_month_rows(
        tx,
        user,
        category,
        (&before.plan, &after.plan),
        (first, current),
    )?;
    let mut months = before.months_spent(first, None);
    months.extend(after.months_spent(first, None));
    months.sort_unstable();
    months.dedup();
    let figures = (&before.figures(&months)[..], &after.figures(&months)[..]);
    record_crossings(tx, user, category, &months, figures, None)
}

/// Writes the standing changes of `new` that `old` lacks or holds otherwise, and forgets
/// those `new` no longer has.
fn write_standing_changes(
    tx: &impl StandingTx,
    user: &User,
    category: CategoryId,
    old: &BudgetPlan,
    new: &BudgetPlan,
) -> StoreResult<()> {
    let old_changes: Vec<_> = old.standing_changes().collect();
    let new_changes: Vec<_> = new.standing_changes().collect();
    for (from, _) in old_changes
        .iter()
        .filter(|(from, _)| !new_changes.iter().any(|(kept, _)| kept == from))
    {
        tx.delete_standing(user.id, category, *from)?;
    }
    for change in new_changes
        .iter()
        .filter(|change| !old_changes.contains(change))
    {
        tx.write_standing(user, category, change.0, change.1)?;
    }
    Ok(())
}

/// Brings the stored rows of every month from `first` whose terms differ between the two
/// plans in line with `new`: a month's own budget is always stored; a month following the
/// standing budget is stored through `current` only.
pub(crate) fn write_month_rows(
    tx: &impl StandingTx,
    user: &User,
    category: CategoryId,
    (old, new): (&BudgetPlan, &BudgetPlan),
    (first, current): (Month, Month),
) -> StoreResult<()> {
    let last_own = old
        .month_budgets()
        .chain(new.month_budgets())
        .map(|(month, _)| month)
        .max();
    let last = last_own.map_or(current, |own| own.max(current));
    let mut month = first;
    while month <= last {
        let terms = new.terms(month);
        if old.terms(month) != terms {
            match terms {
                Some(held) if !held.standing || month <= current => {
                    tx.write_budget_row(user, category, month, held.terms, held.standing)?;
                }
                _ => tx.delete_budget_row(user.id, category, month)?,
            }
        }
        if month == Month::MAX {
            break;
        }
        month = month.next();
    }
    Ok(())
}

/// Brings the rows the standing budgets call for up to `through`: every month from the
/// earliest standing budget gets its missing rows, oldest month first, and rows made for
/// months after it go. Idempotent.
pub(crate) fn open_through(tx: &impl StandingTx, user: UserId, through: Month) -> StoreResult<()> {
    let user = tx.user(user)?;
    if let Some(first) = tx.first_standing_month(user.id)?
        && first <= through
    {
        tx.open_months(&user, first, through)?;
    }
    tx.delete_standing_rows_after(user.id, through)
}
