//! The ledger's records: ids, users, categories, expenses, alerts, and what a write did.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{AlertKind, Currency, Month, Rate, Schedule, Spent};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type! {
    /// A row of `users`.
    UserId;
    /// A row of `categories`.
    CategoryId;
    /// A row of `expenses`.
    ExpenseId;
    /// A row of `budgets`.
    BudgetId;
    /// A row of `alerts`.
    AlertId;
    /// A row of `api_tokens`: a bearer token of the server.
    TokenId;
    /// A row of `recurring`: an expense that posts itself on schedule.
    RecurringId;
}

/// A person whose spending is tracked, in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub currency: Currency,
    /// Percent of a budget at which a warning fires.
    pub warn_percent: u32,
}

/// A spending category shared by all users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    pub description: Option<String>,
}

/// A stored expense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expense {
    pub id: ExpenseId,
    pub user_id: UserId,
    pub category_id: Option<CategoryId>,
    /// The category's name, or `None` when the category was deleted.
    pub category: Option<String>,
    /// The amount in `currency`, the user's own: converted when the expense was foreign.
    pub amount: Decimal,
    pub currency: Currency,
    pub date: NaiveDate,
    pub note: Option<String>,
    /// What was spent in another currency, and the rate `amount` was converted at.
    pub foreign: Option<Spent>,
}

/// An expense that posts itself on a schedule, in its user's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurring {
    pub id: RecurringId,
    pub user_id: UserId,
    pub category_id: CategoryId,
    pub category: String,
    pub amount: Decimal,
    pub currency: Currency,
    pub schedule: Schedule,
    pub note: Option<String>,
    /// The next date to post; `None` once the schedule has ended.
    pub next_due: Option<NaiveDate>,
}

/// An expense about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExpense {
    pub user_id: UserId,
    pub category_id: CategoryId,
    /// The amount as spent, in `currency`; converted to the user's currency when the two
    /// differ.
    pub amount: Decimal,
    pub currency: Currency,
    pub date: NaiveDate,
    pub note: Option<String>,
    /// The rate to convert a foreign amount at; without it, the ledger's rate of the date.
    pub rate: Option<Rate>,
}

/// The fields of an expense to change; `None` keeps the stored value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpensePatch {
    pub amount: Option<Decimal>,
    pub category_id: Option<CategoryId>,
    pub date: Option<NaiveDate>,
    /// `Some(None)` clears the note.
    pub note: Option<Option<String>>,
}

/// A fired budget alert: its message, and what it is about as fields. An alert fired
/// before the fields were kept may lack some of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub id: AlertId,
    pub user_id: UserId,
    pub kind: AlertKind,
    pub message: String,
    pub seen: bool,
    /// When it fired, UTC, RFC 3339 (`2025-05-20T09:30:00Z`).
    pub fired_at: String,
    pub expense_id: Option<ExpenseId>,
    /// The category's name when the alert fired.
    pub category: Option<String>,
    /// The month whose budget it is about.
    pub month: Option<Month>,
    /// Spent in the category and month, after the change that fired it.
    pub spent: Option<Decimal>,
    /// The budget it was checked against.
    pub budget: Option<Decimal>,
    /// The currency of `spent` and `budget`: the user's.
    pub currency: Option<Currency>,
}

/// What a write did: the expense it touched and the alerts it fired in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub expense: Expense,
    pub alerts: Vec<Alert>,
}

/// A category's budget for a month next to what was spent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetStatus {
    /// The month's stored budget row, where there is one: months past the current one are
    /// computed, not stored.
    pub budget_id: Option<BudgetId>,
    pub category_id: CategoryId,
    pub category: String,
    pub month: Month,
    /// What may be spent: the month's own budget plus what rolled over into it.
    pub budget: Decimal,
    pub spent: Decimal,
    /// Rolled over from the months before; negative when they overspent.
    pub carried: Decimal,
    /// Whether the month's budget comes from the category's standing budget rather than
    /// being set for this month alone.
    pub standing: bool,
    /// Whether what is left of this month carries into the next.
    pub rollover: bool,
    /// Whether, with rollover, an overspend carries into the next month as a debt.
    pub carry_overspending: bool,
}

impl BudgetStatus {
    /// The month's own budget, before what rolled over into it.
    pub fn base(&self) -> Decimal {
        self.budget - self.carried
    }

    /// Budget left, negative when overspent.
    pub fn remaining(&self) -> Decimal {
        self.budget - self.spent
    }
}
