//! `spend status`: this month's budget standing in one line, for a shell prompt, a status
//! bar or cron. Exits 0 within budget, 1 at a warning, 2 when any budget is exceeded.

use std::io::Write;

use serde_json::{Value, json};

use crate::domain::{
    BudgetStatus, MonthStatus, NumberStyle, StatusTemplate, level_name, percent_used,
};

use super::args::StatusArgs;
use super::commands::{CliError, Context};
use super::json;

/// Prints the status and returns its exit code.
pub(super) fn run(
    ctx: &mut Context<'_>,
    args: &StatusArgs,
    out: &mut dyn Write,
) -> Result<u8, CliError> {
    // A template is checked before the database is read.
    let template = args
        .format
        .as_deref()
        .map(StatusTemplate::parse)
        .transpose()
        .map_err(|e| CliError::Input(e.to_string()))?;
    let user = ctx.user()?;
    let month = ctx.month(args.month.as_deref())?;
    let budgets = ctx.store.budgets_for_month(user.id, month)?;
    let totals = ctx.store.category_totals(user.id, month)?;
    let unseen = ctx.store.unseen_alert_count(user.id)?;
    let status = MonthStatus::new(&user, month, &budgets, &totals, unseen);
    if args.json {
        let rules = ctx.store.recurring(user.id)?;
        let paces = json::paces(&user, &budgets, &rules, ctx.today);
        let each: Vec<Value> = budgets
            .iter()
            .zip(paces)
            .map(|(b, pace)| json::budget(&user, b, pace))
            .collect();
        let mut value = status_json(&status, ctx.numbers(&user));
        value["budgets"] = Value::Array(each);
        json::print(out, &value)?;
    } else if let Some(template) = template {
        writeln!(out, "{}", template.render(&status, ctx.numbers(&user)))?;
    } else {
        writeln!(out, "{}", status.line(ctx.numbers(&user)))?;
    }
    Ok(status.exit_code())
}

fn status_json(status: &MonthStatus, numbers: NumberStyle) -> Value {
    let money = |amount| status.currency.format_plain(amount);
    let budget = |b: &BudgetStatus| {
        json!({
            "category": b.category,
            "spent": money(b.spent),
            "budget": money(b.budget),
            "over": money(-b.remaining()),
            "percent": percent_used(b.spent, b.budget),
        })
    };
    json!({
        "month": status.month.to_string(),
        "month_name": status.month.long_name(),
        "currency": status.currency.code(),
        "level": level_name(status.level()),
        "exit_code": status.exit_code(),
        "spent": money(status.spent),
        "budgeted_spent": money(status.spent_in_budgets),
        "budget": money(status.budget),
        "remaining": money(status.remaining()),
        "percent": status.percent(),
        "warn_percent": status.warn_percent,
        "exceeded": status.exceeded.iter().map(budget).collect::<Vec<_>>(),
        "warnings": status.warnings.iter().map(budget).collect::<Vec<_>>(),
        "unseen_alerts": status.unseen_alerts,
        "line": status.line(numbers),
    })
}
