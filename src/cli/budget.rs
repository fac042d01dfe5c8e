//! `spend budget set`, `list` and `warn`.

use std::io::Write;

use crate::domain::{parse_budget, quoted};

use super::args::BudgetCommand;
use super::commands::{CliError, Context};
use super::{json, render};

pub(super) fn run(
    ctx: &mut Context<'_>,
    command: BudgetCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    match command {
        BudgetCommand::Set {
            category,
            amount,
            month,
        } => {
            let month = ctx.month(month.as_deref())?;
            let amount = parse_budget(&amount, user.currency)?;
            let category = ctx.store.find_category(&category)?;
            let alerts = ctx.store.set_budget(user.id, category.id, month, amount)?;
            writeln!(
                out,
                "budget for {} in {month}: {}",
                category.name,
                user.currency.format_plain(amount)
            )?;
            render::alert_lines(out, &alerts)?;
        }
        BudgetCommand::Warn { percent } => {
            let percent = parse_percent(&percent)?;
            ctx.store.set_warn_percent(user.id, percent)?;
            writeln!(out, "budget warnings for {} fire at {percent}%", user.email)?;
        }
        BudgetCommand::List { month, json } => {
            let month = ctx.month(month.as_deref())?;
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
                render::budgets(out, &user, &budgets, ctx.grouping)?;
            }
        }
    }
    Ok(())
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
