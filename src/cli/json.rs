//! The JSON shapes of the subcommands: amounts are decimal strings with the currency's
//! decimals (`"250.00"`), months `YYYY-MM`, times RFC 3339 with their offset.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::domain::{
    Alert, BudgetStatus, Category, Expense, Outcome, Pace, Recurring, Report, User, UserId,
    budget_level, budget_pace, level_name, percent_used,
};

/// Writes a value, pretty, with a final newline.
pub fn print(out: &mut dyn Write, value: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// An expense; one spent in another currency also has `spent`: what was spent, in its
/// currency, and the exact rate `amount` was converted at.
pub fn expense(e: &Expense) -> Value {
    let mut value = json!({
        "id": e.id.0,
        "date": e.date.to_string(),
        "category": e.category,
        "amount": e.currency.format_plain(e.amount),
        "currency": e.currency.code(),
        "note": e.note,
    });
    if let (Some(spent), Some(object)) = (&e.foreign, value.as_object_mut()) {
        object.insert(
            "spent".into(),
            json!({
                "amount": spent.currency.format_plain(spent.amount),
                "currency": spent.currency.code(),
                "rate": spent.rate.to_string(),
            }),
        );
    }
    value
}

/// An alert with its message and, beside it, what it is about; `null` where an alert
/// fired before those were kept does not know.
pub fn alert(a: &Alert) -> Value {
    let money = |amount: Option<rust_decimal::Decimal>| {
        amount
            .zip(a.currency)
            .map(|(amount, currency)| currency.format_plain(amount))
    };
    json!({
        "id": a.id.0,
        "type": a.kind.as_str(),
        "message": a.message,
        "seen": a.seen,
        "fired_at": a.fired_at,
        "expense_id": a.expense_id.map(|id| id.0),
        "category": a.category,
        "month": a.month.map(|m| m.to_string()),
        "spent": money(a.spent),
        "budget": money(a.budget),
        "currency": a.currency.map(|c| c.code().to_string()),
    })
}

pub fn alerts(alerts: &[Alert]) -> Value {
    Value::Array(alerts.iter().map(alert).collect())
}

/// What `add`, `edit` and `delete` did: the expense as it now is (or was, when deleted)
/// and the alerts the change fired.
pub fn outcome(action: &str, outcome: &Outcome) -> Value {
    json!({
        "action": action,
        "expense": expense(&outcome.expense),
        "alerts": alerts(&outcome.alerts),
    })
}

/// A budget of a month as `--json` shows it. `pace` is where the month is heading, for the
/// current month only, as the app's bar shows it; `percent` is null for a budget at or below
/// zero, whose `level` is `exceeded`.
pub fn budget(user: &User, b: &BudgetStatus, pace: Option<Pace>) -> Value {
    let money = |d| user.currency.format_plain(d);
    json!({
        "category": b.category,
        "budget": money(b.budget),
        "spent": money(b.spent),
        "remaining": money(b.remaining()),
        "percent": percent_used(b.spent, b.budget),
        "level": level_name(budget_level(b.spent, Some(b.budget), user.warn_percent)),
        "carried": money(b.carried),
        "standing": b.standing,
        "rollover": b.rollover,
        "carry_overspending": b.carry_overspending,
        "pace": pace.map(|pace| money(pace.total)),
        "recurring_due": pace.map(|pace| money(pace.due)),
    })
}

/// The pace of each budget of `month`, in order; all `None` outside the current month.
pub fn paces(
    user: &User,
    budgets: &[BudgetStatus],
    rules: &[Recurring],
    today: chrono::NaiveDate,
) -> Vec<Option<Pace>> {
    budgets
        .iter()
        .map(|b| {
            budget_pace(
                b.spent,
                rules,
                (b.category_id, b.month),
                today,
                user.currency,
            )
        })
        .collect()
}

pub fn report(report: &Report) -> Value {
    let user = &report.user;
    let money = |d| user.currency.format_plain(d);
    json!({
        "user": user.email,
        "currency": user.currency.code(),
        "month": report.month.to_string(),
        "from": report.window.first().to_string(),
        "to": report.window.last().to_string(),
        "monthly": report.monthly.iter().map(|m| json!({
            "month": m.month.to_string(),
            "total": money(m.total),
            "rolling_3m": money(m.rolling_3m),
        })).collect::<Vec<_>>(),
        "top_categories": report.top_categories.iter().map(|c| json!({
            "category": c.category,
            "total": money(c.total),
        })).collect::<Vec<_>>(),
        "budgets": report.budgets.iter().map(|b| budget(user, b, None)).collect::<Vec<_>>(),
    })
}

pub fn users(users: &[User], default: Option<UserId>) -> Value {
    Value::Array(
        users
            .iter()
            .map(|u| {
                json!({
                    "id": u.id.0,
                    "name": u.name,
                    "email": u.email,
                    "currency": u.currency.code(),
                    "warn_percent": u.warn_percent,
                    "default": Some(u.id) == default,
                })
            })
            .collect(),
    )
}

pub fn categories(categories: &[Category]) -> Value {
    Value::Array(
        categories
            .iter()
            .map(|c| json!({ "id": c.id.0, "name": c.name, "description": c.description }))
            .collect(),
    )
}
