//! Text and JSON output of the subcommands. JSON amounts are decimal strings, months YYYY-MM.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::domain::{Alert, BudgetStatus, Category, Expense, Report, User, UserId};
use crate::domain::{Month, percent_used, printable};

/// One line per fired alert, as `ALERT BUDGET_EXCEEDED: <message>`.
pub fn alert_lines(out: &mut dyn Write, alerts: &[Alert]) -> io::Result<()> {
    for alert in alerts {
        writeln!(out, "ALERT {}: {}", alert.kind, alert.message)?;
    }
    Ok(())
}

fn print_json(out: &mut dyn Write, value: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

pub fn expenses(
    out: &mut dyn Write,
    user: &User,
    month: Month,
    expenses: &[Expense],
    json: bool,
) -> io::Result<()> {
    if json {
        let rows: Vec<Value> = expenses
            .iter()
            .map(|e| {
                json!({
                    "id": e.id.0,
                    "date": e.date.to_string(),
                    "category": e.category,
                    "amount": e.currency.format_plain(e.amount),
                    "currency": e.currency.code(),
                    "note": e.note,
                })
            })
            .collect();
        return print_json(
            out,
            &json!({ "month": month.to_string(), "user": user.email, "expenses": rows }),
        );
    }
    if expenses.is_empty() {
        return writeln!(
            out,
            "no expenses in {month}; add one with `spend add AMOUNT CATEGORY`"
        );
    }
    writeln!(
        out,
        "{:>6}  {:<10}  {:<14}  {:>14}  Note",
        "#", "Date", "Category", "Amount"
    )?;
    for e in expenses {
        let mut amount = e.currency.format_grouped(e.amount);
        if e.currency != user.currency {
            amount = format!("{} {amount}", e.currency);
        }
        writeln!(
            out,
            "{:>6}  {:<10}  {:<14}  {:>14}  {}",
            e.id,
            e.date,
            printable(e.category.as_deref().unwrap_or("-")),
            amount,
            printable(e.note.as_deref().unwrap_or(""))
        )?;
    }
    Ok(())
}

pub fn alerts(out: &mut dyn Write, alerts: &[Alert], json: bool) -> io::Result<()> {
    if json {
        let rows: Vec<Value> = alerts
            .iter()
            .map(|a| {
                json!({
                    "id": a.id.0,
                    "type": a.kind.as_str(),
                    "message": a.message,
                    "seen": a.seen,
                    "fired_at": a.fired_at,
                    "expense_id": a.expense_id.map(|id| id.0),
                })
            })
            .collect();
        return print_json(out, &Value::Array(rows));
    }
    if alerts.is_empty() {
        return writeln!(out, "no alerts");
    }
    for alert in alerts {
        let mark = if alert.seen { " " } else { "*" };
        writeln!(
            out,
            "{mark} {}  {}: {}",
            alert.fired_at, alert.kind, alert.message
        )?;
    }
    Ok(())
}

fn budget_json(user: &User, b: &BudgetStatus) -> Value {
    let money = |d| user.currency.format_plain(d);
    json!({
        "category": b.category,
        "budget": money(b.budget),
        "spent": money(b.spent),
        "remaining": money(b.remaining()),
        "percent": percent_used(b.spent, b.budget),
    })
}

fn percent_text(b: &BudgetStatus) -> String {
    percent_used(b.spent, b.budget).map_or_else(|| "-".into(), |p| format!("{p}%"))
}

pub fn budgets(
    out: &mut dyn Write,
    user: &User,
    month: Month,
    budgets: &[BudgetStatus],
    json: bool,
) -> io::Result<()> {
    if json {
        let rows: Vec<Value> = budgets.iter().map(|b| budget_json(user, b)).collect();
        return print_json(out, &json!({ "month": month.to_string(), "budgets": rows }));
    }
    if budgets.is_empty() {
        return writeln!(
            out,
            "no budgets for {month}; set one with `spend budget set CATEGORY AMOUNT`"
        );
    }
    budget_table(out, user, budgets)
}

fn budget_table(out: &mut dyn Write, user: &User, budgets: &[BudgetStatus]) -> io::Result<()> {
    let money = |d| user.currency.format_grouped(d);
    writeln!(
        out,
        "  {:<14} {:>14} {:>14} {:>14} {:>6}",
        "Category", "Budget", "Spent", "Remaining", "Used"
    )?;
    for b in budgets {
        writeln!(
            out,
            "  {:<14} {:>14} {:>14} {:>14} {:>6}",
            printable(&b.category),
            money(b.budget),
            money(b.spent),
            money(b.remaining()),
            percent_text(b)
        )?;
    }
    Ok(())
}

pub fn report(out: &mut dyn Write, report: &Report, json: bool) -> io::Result<()> {
    let user = &report.user;
    let money = |d| user.currency.format_plain(d);
    if json {
        return print_json(
            out,
            &json!({
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
                "budgets": report.budgets.iter().map(|b| budget_json(user, b)).collect::<Vec<_>>(),
            }),
        );
    }
    let grouped = |d| user.currency.format_grouped(d);
    writeln!(
        out,
        "{} <{}> · {} · {}",
        printable(&user.name),
        printable(&user.email),
        report.month.long_name(),
        user.currency
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Monthly totals, {} to {}",
        report.window.first().long_name(),
        report.window.last().long_name()
    )?;
    writeln!(out, "  {:<8} {:>14} {:>14}", "Month", "Total", "Rolling 3m")?;
    for m in &report.monthly {
        writeln!(
            out,
            "  {:<8} {:>14} {:>14}",
            m.month.to_string(),
            grouped(m.total),
            grouped(m.rolling_3m)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Top categories, {}", report.month.long_name())?;
    if report.top_categories.is_empty() {
        writeln!(out, "  no spending")?;
    }
    for c in &report.top_categories {
        writeln!(
            out,
            "  {:<14} {:>14}",
            printable(&c.category),
            grouped(c.total)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Budget against spent, {}", report.month.long_name())?;
    if report.budgets.is_empty() {
        writeln!(out, "  no budgets")?;
        return Ok(());
    }
    budget_table(out, user, &report.budgets)
}

pub fn categories(out: &mut dyn Write, categories: &[Category]) -> io::Result<()> {
    for c in categories {
        match &c.description {
            Some(d) => writeln!(
                out,
                "{:>4}  {:<14} {}",
                c.id,
                printable(&c.name),
                printable(d)
            )?,
            None => writeln!(out, "{:>4}  {}", c.id, printable(&c.name))?,
        }
    }
    Ok(())
}

pub fn users(out: &mut dyn Write, users: &[User], default: Option<UserId>) -> io::Result<()> {
    for u in users {
        let mark = if Some(u.id) == default { "*" } else { " " };
        writeln!(
            out,
            "{mark}{:>4}  {:<20} {:<28} {}",
            u.id,
            printable(&u.name),
            printable(&u.email),
            u.currency
        )?;
    }
    Ok(())
}
