//! `spend recurring ...`: expenses that post themselves, and the report of what a catch-up
//! posted, which every command prints.

use std::io::Write;

use serde_json::{Value, json};

use crate::domain::{
    DecimalMark, Frequency, Grouping, NumberStyle, Recurring, RecurringId, Schedule,
    implausible_date, parse_date, parse_typed_expense_amount, printable, quoted,
};
use crate::store::{CatchUp, NewRecurring};

use super::args::{EveryArg, RecurringCommand};
use super::commands::{CliError, Context};
use super::json;
use super::render::alert_lines;
use super::table::{Column, Table};

pub(super) fn run(
    ctx: &mut Context<'_>,
    command: RecurringCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        RecurringCommand::Add {
            amount,
            category,
            every,
            day,
            from,
            until,
            note,
            yes,
        } => {
            let user = ctx.user()?;
            let numbers = ctx.numbers(&user);
            let amount = parse_typed_expense_amount(&amount, user.currency, numbers.decimal)?;
            let category = ctx.store.find_category(&category)?;
            let day = day.as_deref().map(day_number).transpose()?;
            let from = parse_date(&from, ctx.today)?;
            // A slip of the year would post decades of backlog at once.
            if let Some(doubt) = implausible_date(from, ctx.today).filter(|_| !yes) {
                return Err(CliError::Input(format!(
                    "{doubt}; if it is right, add --yes"
                )));
            }
            let until = until.map(|u| parse_date(&u, ctx.today)).transpose()?;
            let schedule = Schedule::new(frequency(every), day, from, until)
                .map_err(|e| CliError::Input(e.to_string()))?;
            let rule = ctx.store.add_recurring(&NewRecurring {
                user_id: user.id,
                category_id: category.id,
                amount,
                schedule,
                note,
            })?;
            writeln!(
                out,
                "added recurring expense #{}: {}",
                rule.id,
                line(numbers, &rule)
            )?;
            // Dates already due are posted now, not at the next command.
            let caught = ctx.store.catch_up(ctx.today)?;
            write_catch_up(out, &caught, ctx.grouping, ctx.decimal)?;
        }
        RecurringCommand::List { json } => {
            let user = ctx.user()?;
            let numbers = ctx.numbers(&user);
            let rules = ctx.store.recurring(user.id)?;
            if json {
                let rows: Vec<Value> = rules.iter().map(rule_json).collect();
                json::print(out, &Value::Array(rows))?;
            } else if rules.is_empty() {
                writeln!(
                    out,
                    "no recurring expenses; add one with `spend recurring add AMOUNT CATEGORY --every month`"
                )?;
            } else {
                let mut table = Table::new(
                    "",
                    &[
                        Column::number("#"),
                        Column::text("Category", 24),
                        Column::number("Amount"),
                        Column::text("Repeats", 40),
                        Column::text("Next due", 10),
                        Column::rest("Note"),
                    ],
                );
                for rule in &rules {
                    table.row(vec![
                        rule.id.to_string(),
                        printable(&rule.category),
                        rule.currency.format_grouped_as(rule.amount, numbers),
                        rule.schedule.describe(),
                        rule.next_due
                            .map_or_else(|| "ended".into(), |d| d.to_string()),
                        printable(rule.note.as_deref().unwrap_or("")),
                    ]);
                }
                table.write(out)?;
            }
        }
        RecurringCommand::Delete { id } => {
            let user = ctx.user()?;
            let number: i64 = id.trim().trim_start_matches('#').parse().map_err(|_| {
                CliError::Input(format!(
                    "recurring expense {} is not a number; see `spend recurring list`",
                    quoted(&id)
                ))
            })?;
            ctx.store.delete_recurring(user.id, RecurringId(number))?;
            writeln!(
                out,
                "deleted recurring expense #{number}; what it posted stays"
            )?;
        }
    }
    Ok(())
}

/// What a catch-up posted, one line per expense and per alert, as `spend add` reports them.
/// A catch-up posts for every user, so each amount takes the decimal mark of its own
/// user's currency unless one was chosen.
pub fn write_catch_up(
    out: &mut dyn Write,
    caught: &CatchUp,
    grouping: Grouping,
    decimal: Option<DecimalMark>,
) -> std::io::Result<()> {
    for expense in &caught.posted {
        let numbers = NumberStyle::for_books_in(grouping, decimal, expense.currency);
        writeln!(
            out,
            "posted recurring expense #{}: {} {} on {}",
            expense.id,
            printable(expense.category.as_deref().unwrap_or("")),
            expense.currency.format_grouped_as(expense.amount, numbers),
            expense.date
        )?;
    }
    alert_lines(out, &caught.alerts, grouping)
}

fn line(numbers: NumberStyle, rule: &Recurring) -> String {
    let next = rule
        .next_due
        .map_or_else(|| "never due".to_string(), |d| format!("next due {d}"));
    format!(
        "{} {} {}, {next}",
        printable(&rule.category),
        rule.currency.format_grouped_as(rule.amount, numbers),
        rule.schedule.describe()
    )
}

fn rule_json(rule: &Recurring) -> Value {
    json!({
        "id": rule.id.0,
        "category": rule.category,
        "amount": rule.currency.format_plain(rule.amount),
        "currency": rule.currency.code(),
        "every": rule.schedule.every().as_str(),
        "day": rule.schedule.day(),
        "from": rule.schedule.from().to_string(),
        "until": rule.schedule.until().map(|d| d.to_string()),
        "note": rule.note,
        "next_due": rule.next_due.map(|d| d.to_string()),
    })
}

/// `--day`, read as a whole number; its meaning is the schedule's to check.
fn day_number(text: &str) -> Result<u32, CliError> {
    let refused = || {
        CliError::Input(format!(
            "--day {} is not a day; give 1 to 7 for a weekday (1 is Monday), or 1 to 31 for a day of the month",
            quoted(text)
        ))
    };
    let number: i64 = text.trim().parse().map_err(|_| refused())?;
    u32::try_from(number).map_err(|_| refused())
}

fn frequency(every: EveryArg) -> Frequency {
    match every {
        EveryArg::Day => Frequency::Day,
        EveryArg::Week => Frequency::Week,
        EveryArg::Month => Frequency::Month,
        EveryArg::Year => Frequency::Year,
    }
}
