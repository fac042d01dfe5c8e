//! What the exports (the Power BI bundle) read: every budget and every alert of a range of
//! months, for one user or all.

use rust_decimal::Decimal;

use crate::domain::{Alert, BudgetId, CategoryId, Currency, Month, UserId};

/// A stored budget with its category's name and its owner's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetRecord {
    pub id: BudgetId,
    pub user_id: UserId,
    pub category_id: CategoryId,
    pub category: String,
    pub month: Month,
    pub amount: Decimal,
    /// The owner's currency, the one every budget is in.
    pub currency: Currency,
    /// Made from the standing budget, rather than set for the month alone.
    pub standing: bool,
    /// What is left of the month carries into the next.
    pub rollover: bool,
    /// What rolled over into the month from the months before.
    pub carried: Decimal,
    /// The budget in effect: `amount` plus `carried`, what the app and reports hold the
    /// month to.
    pub in_effect: Decimal,
}

/// A stored alert with the budget row it was fired for, while that row exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRecord {
    pub alert: Alert,
    pub budget_id: Option<BudgetId>,
}

/// Which rows an export reads: one user's or everyone's, and a range of months (each end
/// optional and included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportScope {
    pub user: Option<UserId>,
    pub from: Option<Month>,
    pub to: Option<Month>,
}

impl ExportScope {
    /// The range's ends as `YYYY-MM` text, as alerts store their month.
    pub(crate) fn month_texts(&self) -> (Option<String>, Option<String>) {
        (
            self.from.map(|m| m.to_string()),
            self.to.map(|m| m.to_string()),
        )
    }
}
