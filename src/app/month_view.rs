//! What the screens show for one user and month, read from the store in one go when
//! something changed, never while drawing.

use rust_decimal::Decimal;

use crate::domain::{Alert, BudgetStatus, CategoryTotal, MonthTotal, Recurring, User};
use crate::domain::{Month, MonthRange};
use crate::store::{Store, StoreResult};

/// Months in the trends chart.
pub const TREND_MONTHS: usize = 12;
/// Newest alerts kept for the alerts pane.
const ALERTS_SHOWN: usize = 50;

/// A snapshot of one user's month.
#[derive(Debug, Clone, Default)]
pub struct MonthView {
    /// Budgeted categories with what was spent.
    pub budgets: Vec<BudgetStatus>,
    /// Categories spent on without a budget.
    pub unbudgeted: Vec<CategoryTotal>,
    /// The month's spending by category, largest first.
    pub top_categories: Vec<CategoryTotal>,
    /// Spent this month in the user's currency.
    pub spent: Decimal,
    /// Sum of the month's budgets.
    pub budgeted: Decimal,
    /// The part of `spent` that falls in budgeted categories.
    pub spent_in_budgets: Decimal,
    /// Newest alerts first.
    pub alerts: Vec<Alert>,
    pub unseen_alerts: u64,
    /// The twelve months ending with this one, oldest first.
    pub trend: Vec<MonthTotal>,
    /// The user's recurring expenses, for what is still due and the recurring screen.
    pub recurring: Vec<Recurring>,
}

impl MonthView {
    pub fn load(store: &Store, user: &User, month: Month) -> StoreResult<MonthView> {
        let budgets = store.budgets_for_month(user.id, month)?;
        let top_categories = store.category_totals(user.id, month)?;
        let unbudgeted = top_categories
            .iter()
            .filter(|c| !budgets.iter().any(|b| b.category == c.category))
            .cloned()
            .collect();
        Ok(MonthView {
            spent: top_categories.iter().map(|c| c.total).sum(),
            budgeted: budgets.iter().map(|b| b.budget).sum(),
            spent_in_budgets: budgets.iter().map(|b| b.spent).sum(),
            budgets,
            unbudgeted,
            top_categories,
            alerts: store.recent_alerts(user.id, ALERTS_SHOWN)?,
            unseen_alerts: store.unseen_alert_count(user.id)?,
            trend: store.monthly_totals(user.id, MonthRange::ending(month, TREND_MONTHS))?,
            recurring: store.recurring(user.id)?,
        })
    }
}
