//! Text output of the subcommands: tables measured in display columns, amounts grouped as
//! the reader's locale groups them, times in local time. (JSON is in json.rs.)

use std::io::{self, Write};

use crate::domain::{
    Alert, BudgetStatus, Category, DateStyle, Expense, NumberStyle, Report, User, UserId,
};
use crate::domain::{alert_display, percent_shown, printable};

use super::table::{Column, Table};

/// The most display columns a category name takes in a table before it is cut.
const CATEGORY_WIDTH: usize = 24;

/// One line per fired alert, as `ALERT BUDGET_EXCEEDED: <message>`, its figures grouped
/// as the app shows them.
pub fn alert_lines(
    out: &mut dyn Write,
    alerts: &[Alert],
    numbers: impl Into<NumberStyle>,
) -> io::Result<()> {
    let numbers = numbers.into();
    for alert in alerts {
        writeln!(out, "ALERT {}: {}", alert.kind, alert_text(alert, numbers))?;
    }
    Ok(())
}

/// An alert for the terminal: the reference wording with grouped figures (the stored
/// message, plain, stays for JSON and exports).
fn alert_text(alert: &Alert, numbers: NumberStyle) -> String {
    printable(&alert_display(alert, numbers))
}

/// The table of `spend list`, to be filled with [`expense_cells`].
pub fn expense_table() -> Table {
    Table::new(
        "",
        &[
            Column::number("#"),
            Column::text("Date", 10),
            Column::text("Category", CATEGORY_WIDTH),
            Column::number("Amount"),
            Column::rest("Note"),
        ],
    )
}

/// One expense as `expense_table` shows it; an amount in another currency than the
/// user's carries its code, and a converted one shows what was spent, then what it counts
/// as: `USD 12.50 = 1,040.00`.
pub fn expense_cells(
    user: &User,
    e: &Expense,
    numbers: NumberStyle,
    dates: DateStyle,
) -> Vec<String> {
    let mut amount = e.currency.format_grouped_as(e.amount, numbers);
    if e.currency != user.currency {
        amount = format!("{} {amount}", e.currency);
    }
    if let Some(spent) = &e.foreign {
        let as_spent = spent.currency.format_grouped_as(spent.amount, numbers);
        amount = format!("{} {as_spent} = {amount}", spent.currency);
    }
    vec![
        e.id.to_string(),
        dates.format(e.date),
        printable(e.category.as_deref().unwrap_or("-")),
        amount,
        printable(e.note.as_deref().unwrap_or("")),
    ]
}

/// Alerts newest first: `*` marks the unseen, then the id, local time, kind and message.
pub fn alerts(
    out: &mut dyn Write,
    alerts: &[Alert],
    dates: DateStyle,
    numbers: impl Into<NumberStyle>,
) -> io::Result<()> {
    let numbers = numbers.into();
    if alerts.is_empty() {
        return writeln!(out, "no alerts");
    }
    for alert in alerts {
        let mark = if alert.seen { " " } else { "*" };
        writeln!(
            out,
            "{mark} #{}  {}  {}: {}",
            alert.id,
            local_time(&alert.fired_at, dates),
            alert.kind,
            alert_text(alert, numbers)
        )?;
    }
    Ok(())
}

/// A stored UTC time (RFC 3339) in the local time zone, to the minute: `2025-05-20 15:04`.
fn local_time(fired_at: &str, dates: DateStyle) -> String {
    chrono::DateTime::parse_from_rfc3339(fired_at).map_or_else(
        |_| printable(fired_at),
        |time| {
            let local = time.with_timezone(&chrono::Local);
            format!(
                "{} {}",
                dates.format(local.date_naive()),
                local.format("%H:%M")
            )
        },
    )
}

fn percent_text(b: &BudgetStatus) -> String {
    percent_shown(b.spent, b.budget)
}

/// A month's budgets against what was spent, each with what rolled over into it when any
/// did, and whether it is the standing budget or set for the month alone.
pub fn budgets(
    out: &mut dyn Write,
    user: &User,
    budgets: &[BudgetStatus],
    numbers: NumberStyle,
) -> io::Result<()> {
    let money = |d| user.currency.format_grouped_as(d, numbers);
    let any_carried = budgets.iter().any(|b| !b.carried.is_zero());
    let mut columns = vec![
        Column::text("Category", CATEGORY_WIDTH),
        Column::number("Budget"),
        Column::number("Spent"),
        Column::number("Remaining"),
        Column::number("Used"),
    ];
    if any_carried {
        columns.push(Column::number("Carried"));
    }
    columns.push(Column::rest("Set"));
    let mut table = Table::new("  ", &columns);
    for b in budgets {
        let mut cells = vec![
            printable(&b.category),
            money(b.budget),
            money(b.spent),
            money(b.remaining()),
            percent_text(b),
        ];
        if any_carried {
            // Blank where nothing rolled over, so the carries stand out.
            let carried = if b.carried.is_zero() {
                String::new()
            } else {
                signed(&money(b.carried), b.carried.is_sign_negative())
            };
            cells.push(carried);
        }
        cells.push(budget_kind(b).to_string());
        table.row(cells);
    }
    table.write(out)
}

/// How a budget was set, in a word or two: `standing` or `month only`, with `rollover`.
pub fn budget_kind(b: &BudgetStatus) -> &'static str {
    match (b.standing, b.rollover) {
        (true, true) => "standing, rollover",
        (true, false) => "standing",
        (false, true) => "month only, rollover",
        (false, false) => "month only",
    }
}

/// An amount with its sign always written: `+1,200.00`, `-300.00`.
fn signed(amount: &str, negative: bool) -> String {
    if negative {
        amount.to_string()
    } else {
        format!("+{amount}")
    }
}

/// The report: monthly totals of the window, then the month's top categories and budgets.
pub fn report(out: &mut dyn Write, report: &Report, numbers: NumberStyle) -> io::Result<()> {
    let user = &report.user;
    let money = |d| user.currency.format_grouped_as(d, numbers);
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
    let mut monthly = Table::new(
        "  ",
        &[
            Column::text("Month", 7),
            Column::number("Total"),
            Column::number("Rolling 3m"),
        ],
    );
    for m in &report.monthly {
        monthly.row(vec![
            m.month.to_string(),
            money(m.total),
            money(m.rolling_3m),
        ]);
    }
    monthly.write(out)?;
    writeln!(out)?;
    writeln!(out, "Top categories, {}", report.month.long_name())?;
    if report.top_categories.is_empty() {
        writeln!(out, "  no spending")?;
    } else {
        let mut top = Table::new(
            "  ",
            &[
                Column::text("Category", CATEGORY_WIDTH),
                Column::number("Total"),
            ],
        );
        for c in &report.top_categories {
            top.row(vec![printable(&c.category), money(c.total)]);
        }
        top.write(out)?;
    }
    writeln!(out)?;
    writeln!(out, "Budget against spent, {}", report.month.long_name())?;
    if report.budgets.is_empty() {
        return writeln!(out, "  no budgets");
    }
    budgets(out, user, &report.budgets, numbers)
}

/// Categories by name: id, name, description; no header, one line each.
pub fn categories(out: &mut dyn Write, categories: &[Category]) -> io::Result<()> {
    let mut table = Table::new(
        "",
        &[Column::number(""), Column::text("", 40), Column::rest("")],
    )
    .without_header();
    for c in categories {
        table.row(vec![
            c.id.to_string(),
            printable(&c.name),
            printable(c.description.as_deref().unwrap_or("")),
        ]);
    }
    table.write(out)
}

/// Users, the default marked `*`: id, name, email, currency; no header, one line each.
pub fn users(out: &mut dyn Write, users: &[User], default: Option<UserId>) -> io::Result<()> {
    let mut table = Table::new(
        "",
        &[
            Column::text("", 1),
            Column::number(""),
            Column::text("", 30),
            Column::text("", 40),
            Column::rest(""),
        ],
    )
    .without_header();
    for u in users {
        let mark = if Some(u.id) == default { "*" } else { " " };
        table.row(vec![
            mark.to_string(),
            u.id.to_string(),
            printable(&u.name),
            printable(&u.email),
            u.currency.to_string(),
        ]);
    }
    table.write(out)
}
