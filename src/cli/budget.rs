//! `spend budget set`, `delete`, `list` and `warn`.

use std::io::Write;

use crate::domain::{Month, parse_typed_budget, quoted};
use crate::store::{BudgetChange, BudgetRemoved, BudgetSpan};

use super::args::BudgetCommand;
use super::commands::{CliError, Context};
use super::{json, render};

pub(super) fn run(
    ctx: &mut Context<'_>,
    command: BudgetCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let numbers = ctx.numbers(&user);
    match command {
        BudgetCommand::Set {
            category,
            amount,
            month,
            from,
            rollover,
            no_rollover,
        } => {
            let span = span(ctx, month.as_deref(), from.as_deref())?;
            let amount = parse_typed_budget(&amount, user.currency, numbers.decimal)?;
            let category = ctx.store.find_category(&category)?;
            let change = BudgetChange {
                user: user.id,
                category: category.id,
                span,
                amount,
                rollover: (rollover || no_rollover).then_some(rollover),
            };
            let alerts = ctx.store.change_budget(&change, Month::of(ctx.today))?;
            let amount = user.currency.format_typed(amount, numbers.decimal);
            let name = &category.name;
            match span {
                BudgetSpan::From(from) => {
                    writeln!(
                        out,
                        "standing budget for {name}: {amount} a month from {from}"
                    )?;
                }
                BudgetSpan::Month(month) => {
                    writeln!(out, "budget for {name} in {month}: {amount}")?;
                }
            }
            let months = match span {
                BudgetSpan::From(_) => "each month".to_string(),
                BudgetSpan::Month(month) => month.to_string(),
            };
            if rollover {
                writeln!(out, "what is left of {months} carries into the next month")?;
            } else if no_rollover {
                writeln!(
                    out,
                    "what is left of {months} no longer carries into the next month"
                )?;
            }
            render::alert_lines(out, &alerts)?;
        }
        BudgetCommand::Delete {
            category,
            month,
            from,
        } => {
            let span = span(ctx, month.as_deref(), from.as_deref())?;
            let category = ctx.store.find_category(&category)?;
            let name = &category.name;
            match ctx.store.remove_budget(user.id, category.id, span)? {
                BudgetRemoved::StandingEnded(from) => {
                    writeln!(out, "standing budget for {name} ended from {from} on")?;
                }
                BudgetRemoved::MonthFollowsStanding(amount) => {
                    let amount = user.currency.format_typed(amount, numbers.decimal);
                    let month = span_month(span);
                    writeln!(
                        out,
                        "budget for {name} in {month}: back to the standing {amount}"
                    )?;
                }
                BudgetRemoved::MonthCleared => {
                    writeln!(out, "budget for {name} in {} removed", span_month(span))?;
                }
            }
        }
        BudgetCommand::Warn { percent } => {
            let percent = parse_percent(&percent)?;
            ctx.store.set_warn_percent(user.id, percent)?;
            writeln!(out, "budget warnings for {} fire at {percent}%", user.email)?;
        }
        BudgetCommand::List { month, json } => {
            let month = ctx.month(month.as_deref())?;
            ctx.store.open_budget_month(user.id, month)?;
            let budgets = ctx.store.budgets_for_month(user.id, month)?;
            if json {
                let rows: Vec<_> = budgets.iter().map(|b| json::budget(&user, b)).collect();
                json::print(
                    out,
                    &serde_json::json!({ "month": month.to_string(), "budgets": rows }),
                )?;
            } else if budgets.is_empty() {
                writeln!(
                    out,
                    "no budgets for {month}; set one with `spend budget set CATEGORY AMOUNT`"
                )?;
            } else {
                render::budgets(out, &user, &budgets, numbers)?;
            }
        }
    }
    Ok(())
}

/// Which months a change applies to: one month alone with `--month`, else every month
/// from `--from` or the current month on.
fn span(
    ctx: &Context<'_>,
    month: Option<&str>,
    from: Option<&str>,
) -> Result<BudgetSpan, CliError> {
    Ok(match (month, from) {
        (Some(month), _) => BudgetSpan::Month(Month::parse(month)?),
        (None, from) => BudgetSpan::From(ctx.month(from)?),
    })
}

fn span_month(span: BudgetSpan) -> Month {
    match span {
        BudgetSpan::From(month) | BudgetSpan::Month(month) => month,
    }
}

/// A warning share as typed: a whole percent from 1 to 100.
pub(super) fn parse_percent(text: &str) -> Result<u32, CliError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|p| (1..=100).contains(p))
        .ok_or_else(|| {
            CliError::Input(format!(
                "warning threshold {} is not a whole percent from 1 to 100",
                quoted(text)
            ))
        })
}
