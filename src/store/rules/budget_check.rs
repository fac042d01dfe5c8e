//! The budget check: each category a write touches, read before the write and checked after
//! it, inside the write's transaction, so the alert a change causes commits with the change
//! and the new expense is counted exactly once. A month can alert because of a write in an
//! earlier month that rolls over into it, so the check covers every month the write's
//! months reach.

use crate::domain::{
    Alert, AlertId, CategoryId, Expense, ExpenseId, Month, User, alert_for_change, alert_level,
    alert_message,
};

use super::LedgerTx;
use super::budget_book::CategoryBook;
use crate::store::StoreResult;

/// One user's spending in one category and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Bucket {
    pub category: CategoryId,
    pub month: Month,
}

/// A month's spending and budget in effect, if any, in minor units.
pub(crate) type Figures = (i64, Option<i64>);

/// A category a write touches: its book as it stood before the write, what the write moves
/// each month by, and the months whose alerts it can move with their figures before.
struct Touched {
    category: CategoryId,
    book: CategoryBook,
    moves: Vec<(Month, i64)>,
    months: Vec<Month>,
    before: Vec<Figures>,
}

/// The categories a write touches, held against other writers until commit.
pub(crate) struct BucketTotals {
    touched: Vec<Touched>,
}

impl BucketTotals {
    /// Reads the categories the expense rows `before` and `after` the write fall in. The
    /// buckets are held in a fixed order, so two writers never wait on each other in a
    /// circle. Expenses without a category count toward no budget; a foreign one counts at
    /// its converted amount, in the user's currency, like any other.
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
        for (bucket, _) in &moves {
            tx.hold_bucket(user, *bucket)?;
        }
        let mut touched: Vec<Touched> = Vec::new();
        for (bucket, minor) in moves {
            match touched.last_mut() {
                Some(last) if last.category == bucket.category => {
                    last.moves.push((bucket.month, minor));
                }
                _ => touched.push(Touched {
                    category: bucket.category,
                    book: CategoryBook::default(),
                    moves: vec![(bucket.month, minor)],
                    months: Vec::new(),
                    before: Vec::new(),
                }),
            }
        }
        for category in &mut touched {
            let months: Vec<Month> = category.moves.iter().map(|(month, _)| *month).collect();
            category.book = CategoryBook::around(tx, user, category.category, &months)?;
            category.months = watched_months(&category.book, &months);
            category.before = category.book.figures(&category.months);
        }
        Ok(BucketTotals { touched })
    }

    /// Records the alerts the write fires: each month now stands at what it was with the
    /// write's moves applied, the budgets its earlier months roll into included.
    pub fn check(
        self,
        tx: &impl LedgerTx,
        user: &User,
        cause: Option<ExpenseId>,
    ) -> StoreResult<Vec<Alert>> {
        let mut alerts = Vec::new();
        for mut category in self.touched {
            for (month, minor) in &category.moves {
                category.book.add_spent(*month, *minor);
            }
            let after = category.book.figures(&category.months);
            alerts.extend(record_crossings(
                tx,
                user,
                category.category,
                &category.months,
                (&category.before, &after),
                cause,
            )?);
        }
        Ok(alerts)
    }
}

/// The months whose alerts a change in `moved` can move: those months, and every later
/// month with spending that their budgets roll into.
pub(crate) fn watched_months(book: &CategoryBook, moved: &[Month]) -> Vec<Month> {
    let Some(first) = moved.iter().min() else {
        return Vec::new();
    };
    let last = moved
        .iter()
        .map(|month| book.plan.reach(*month))
        .try_fold(*first, |last, reach| reach.map(|reach| last.max(reach)));
    let mut months = book.months_spent(*first, last);
    months.extend_from_slice(moved);
    months.sort_unstable();
    months.dedup();
    months
}

/// Records an alert for each month whose level rose from its figures `before` to `after`.
pub(crate) fn record_crossings(
    tx: &impl LedgerTx,
    user: &User,
    category: CategoryId,
    months: &[Month],
    (before, after): (&[Figures], &[Figures]),
    cause: Option<ExpenseId>,
) -> StoreResult<Vec<Alert>> {
    let mut alerts = Vec::new();
    for ((month, before), after) in months.iter().zip(before).zip(after) {
        let bucket = Bucket {
            category,
            month: *month,
        };
        if let Some(alert) = fire_if_crossed(tx, user, bucket, *before, *after, cause)? {
            alerts.push(alert);
        }
    }
    Ok(alerts)
}

/// Records the alert a move from `before` to `after` calls for, if any.
pub(crate) fn fire_if_crossed(
    tx: &impl LedgerTx,
    user: &User,
    bucket: Bucket,
    before: Figures,
    after: Figures,
    cause: Option<ExpenseId>,
) -> StoreResult<Option<Alert>> {
    let money = |minor| user.currency.from_minor(minor);
    let Some(budget) = after.1 else {
        return Ok(None);
    };
    let level_before = alert_level(money(before.0), before.1.map(money), user.warn_percent);
    let level_after = alert_level(money(after.0), Some(money(budget)), user.warn_percent);
    let Some(kind) = alert_for_change(level_before, level_after) else {
        return Ok(None);
    };
    let category = tx.category_name(bucket.category)?;
    let message = alert_message(
        kind,
        &category,
        bucket.month,
        money(after.0),
        money(budget),
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
        budget: Some(money(budget)),
        currency: Some(user.currency),
    };
    tx.insert_alert(bucket, (after.0, budget), alert).map(Some)
}
