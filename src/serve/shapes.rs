//! The JSON the server answers with. Amounts of the reference's summary are JSON numbers
//! written exactly with the currency's decimals (`6800.00`); every other amount is a decimal
//! string, as `spend … --json` writes it. Dates are `YYYY-MM-DD`, months `YYYY-MM`.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use utoipa::ToSchema;

use crate::domain::{
    Alert, BudgetStatus, Category, Currency, Expense, Outcome, User, budget_level, level_name,
    percent_used,
};

/// An amount as a JSON number with exactly the currency's decimals, never through a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money(String);

impl Money {
    pub fn new(currency: Currency, amount: Decimal) -> Money {
        Money(currency.format_plain(amount))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(self.0.clone()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// A stored expense.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpenseOut {
    pub id: i64,
    pub user_id: i64,
    pub category_id: Option<i64>,
    /// The category's name; `null` once the category was deleted.
    pub category: Option<String>,
    /// Exact, with the currency's decimals.
    #[schema(example = "350.50")]
    pub amount: String,
    #[schema(example = "INR")]
    pub currency: String,
    #[schema(example = "2025-05-15")]
    pub date: String,
    pub note: Option<String>,
    /// For an expense spent in another currency: what was spent, and the rate `amount`
    /// was converted at. Left out for an expense in the user's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent: Option<SpentOut>,
}

/// What was spent in another currency, exactly.
#[derive(Debug, Serialize, ToSchema)]
pub struct SpentOut {
    #[schema(example = "12.50")]
    pub amount: String,
    #[schema(example = "USD")]
    pub currency: String,
    /// Units of the user's currency per 1 of `currency`.
    #[schema(example = "83.2")]
    pub rate: String,
}

impl From<&Expense> for ExpenseOut {
    fn from(e: &Expense) -> ExpenseOut {
        ExpenseOut {
            id: e.id.0,
            user_id: e.user_id.0,
            category_id: e.category_id.map(|id| id.0),
            category: e.category.clone(),
            amount: e.currency.format_plain(e.amount),
            currency: e.currency.code().to_string(),
            date: e.date.to_string(),
            note: e.note.clone(),
            spent: e.foreign.map(|s| SpentOut {
                amount: s.currency.format_plain(s.amount),
                currency: s.currency.code().to_string(),
                rate: s.rate.to_string(),
            }),
        }
    }
}

/// A fired budget alert, with what it is about beside its message.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertOut {
    pub id: i64,
    /// `BUDGET_EXCEEDED` or `BUDGET_WARNING`.
    #[schema(example = "BUDGET_EXCEEDED")]
    pub alert_type: String,
    pub message: String,
    pub seen: bool,
    /// UTC, RFC 3339.
    pub fired_at: String,
    pub expense_id: Option<i64>,
    pub category: Option<String>,
    pub month: Option<String>,
    pub spent: Option<String>,
    pub budget: Option<String>,
    pub currency: Option<String>,
}

impl From<&Alert> for AlertOut {
    fn from(a: &Alert) -> AlertOut {
        let money = |amount: Option<Decimal>| {
            amount
                .zip(a.currency)
                .map(|(amount, currency)| currency.format_plain(amount))
        };
        AlertOut {
            id: a.id.0,
            alert_type: a.kind.as_str().to_string(),
            message: a.message.clone(),
            seen: a.seen,
            fired_at: a.fired_at.clone(),
            expense_id: a.expense_id.map(|id| id.0),
            category: a.category.clone(),
            month: a.month.map(|m| m.to_string()),
            spent: money(a.spent),
            budget: money(a.budget),
            currency: a.currency.map(|c| c.code().to_string()),
        }
    }
}

pub fn alerts_out(alerts: &[Alert]) -> Vec<AlertOut> {
    alerts.iter().map(AlertOut::from).collect()
}

/// What adding, changing or deleting an expense did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpenseWritten {
    /// Always `ok`.
    #[schema(example = "ok")]
    pub status: &'static str,
    pub id: i64,
    /// The expense as it now is, or as it was when deleted.
    pub expense: ExpenseOut,
    /// The alerts this change fired.
    pub alerts: Vec<AlertOut>,
}

impl From<&Outcome> for ExpenseWritten {
    fn from(outcome: &Outcome) -> ExpenseWritten {
        ExpenseWritten {
            status: "ok",
            id: outcome.expense.id.0,
            expense: ExpenseOut::from(&outcome.expense),
            alerts: alerts_out(&outcome.alerts),
        }
    }
}

/// One page of expenses, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpensePage {
    pub expenses: Vec<ExpenseOut>,
    /// Pass as `after` for the next page; `null` on the last one.
    pub next: Option<String>,
}

/// The reference's summary of a month.
#[derive(Debug, Serialize, ToSchema)]
pub struct Summary {
    pub user_id: i64,
    #[schema(example = "2025-05")]
    pub month: String,
    pub currency: String,
    /// Spent in the month, every category.
    #[schema(value_type = f64, example = 6800.00)]
    pub total_this_month: Money,
    /// Each budgeted category of the month.
    pub categories: Vec<SummaryCategory>,
}

/// A category's budget of the month against what was spent.
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryCategory {
    pub category: String,
    pub category_id: i64,
    #[schema(value_type = f64, example = 8000.00)]
    pub budget: Money,
    #[schema(value_type = f64, example = 1450.00)]
    pub spent: Money,
    #[schema(value_type = f64)]
    pub remaining: Money,
    /// Share of the budget spent, rounded down; `null` for a zero budget.
    pub percent: Option<u64>,
}

impl SummaryCategory {
    pub fn new(currency: Currency, b: &BudgetStatus) -> SummaryCategory {
        SummaryCategory {
            category: b.category.clone(),
            category_id: b.category_id.0,
            budget: Money::new(currency, b.budget),
            spent: Money::new(currency, b.spent),
            remaining: Money::new(currency, b.remaining()),
            percent: percent_used(b.spent, b.budget),
        }
    }
}

/// A category's budget for a month, with what was spent.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetOut {
    /// The month's stored budget row; null for a month past the current one, whose budget
    /// is computed from the standing budget and never stored.
    pub budget_id: Option<i64>,
    pub category_id: i64,
    pub category: String,
    pub month: String,
    /// The budget in effect: the month's own amount plus what rolled over into it.
    pub budget: String,
    /// What rolled over into the month from the months before.
    pub carried: String,
    pub spent: String,
    pub remaining: String,
    /// Whole percent of the budget spent; null when the budget in effect is zero or less.
    pub percent: Option<u64>,
    /// `ok`, `warning` or `exceeded`; a budget at or below zero is exceeded.
    pub level: String,
    pub currency: String,
}

impl BudgetOut {
    pub fn new(user: &User, b: &BudgetStatus) -> BudgetOut {
        let currency = user.currency;
        let level = budget_level(b.spent, Some(b.budget), user.warn_percent);
        BudgetOut {
            budget_id: b.budget_id.map(|id| id.0),
            category_id: b.category_id.0,
            category: b.category.clone(),
            month: b.month.to_string(),
            budget: currency.format_plain(b.budget),
            carried: currency.format_plain(b.carried),
            spent: currency.format_plain(b.spent),
            remaining: currency.format_plain(b.remaining()),
            percent: percent_used(b.spent, b.budget),
            level: level_name(level).to_string(),
            currency: currency.code().to_string(),
        }
    }
}

/// What setting a budget did.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetWritten {
    #[schema(example = "ok")]
    pub status: &'static str,
    pub user_id: i64,
    pub category_id: i64,
    pub month: String,
    pub amount: String,
    /// The alert a budget below what was spent fires at once.
    pub alerts: Vec<AlertOut>,
}

/// A user.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub currency: String,
    pub warn_percent: u32,
}

impl From<&User> for UserOut {
    fn from(u: &User) -> UserOut {
        UserOut {
            id: u.id.0,
            name: u.name.clone(),
            email: u.email.clone(),
            currency: u.currency.code().to_string(),
            warn_percent: u.warn_percent,
        }
    }
}

/// A spending category, shared by all users.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryOut {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
}

impl From<&Category> for CategoryOut {
    fn from(c: &Category) -> CategoryOut {
        CategoryOut {
            id: c.id.0,
            name: c.name.clone(),
            description: c.description.clone(),
        }
    }
}

/// How many alerts were marked seen.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertsSeen {
    #[schema(example = "ok")]
    pub status: &'static str,
    pub marked: usize,
}

/// The server is up.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_an_exact_json_number() {
        let amount = Decimal::new(680_000, 2);
        let text = serde_json::to_string(&Money::new(Currency::INR, amount)).expect("json");
        assert_eq!(text, "6800.00");
        let huge = Decimal::new(9_999_999_999_999_999, 2);
        let text = serde_json::to_string(&Money::new(Currency::INR, huge)).expect("json");
        assert_eq!(text, "99999999999999.99");
    }
}
