//! `spend budget set`, `delete`, `list` and `warn`.

use std::io::Write;

use crate::domain::{Currency, DecimalMark, Month, parse_typed_budget, quoted};
use crate::store::{BudgetChange, BudgetRemoval, BudgetRemoved, BudgetSpan, StandingBudget};

use super::args::BudgetCommand;
use super::commands::{CliError, Context};
use super::{json, render};

pub(super) fn run(
    ctx: &mut Context<'_>,
    command: BudgetCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        BudgetCommand::Set {
            category,
            amount,
            month,
            from,
            rollover,
            no_rollover,
            carry_overspending,
            no_carry_overspending,
        } => {
            let flags = SetFlags {
                rollover: flag(rollover, no_rollover),
                carry_overspending: flag(carry_overspending, no_carry_overspending),
            };
            set(ctx, (&category, &amount), (month, from), flags, out)
        }
        BudgetCommand::Delete {
            category,
            month,
            from,
            all,
        } => delete(ctx, &category, (month, from), all, out),
        BudgetCommand::Warn { percent } => {
            let user = ctx.user()?;
            let percent = parse_percent(&percent)?;
            ctx.store.set_warn_percent(user.id, percent)?;
            writeln!(out, "budget warnings for {} fire at {percent}%", user.email)?;
            Ok(())
        }
        BudgetCommand::List { month, json } => list(ctx, month.as_deref(), json, out),
    }
}

/// A pair of `--x` / `--no-x` flags: `None` keeps what the budget had.
fn flag(on: bool, off: bool) -> Option<bool> {
    (on || off).then_some(on)
}

/// What `budget set` was asked to change beyond the amount.
#[derive(Debug, Clone, Copy)]
struct SetFlags {
    rollover: Option<bool>,
    carry_overspending: Option<bool>,
}

fn set(
    ctx: &mut Context<'_>,
    (category, amount): (&str, &str),
    (month, from): (Option<String>, Option<String>),
    flags: SetFlags,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let numbers = ctx.numbers(&user);
    let span = span(ctx, month.as_deref(), from.as_deref())?;
    let amount = parse_typed_budget(amount, user.currency, numbers.decimal)?;
    let category = ctx.store.find_category(category)?;
    let change = BudgetChange {
        user: user.id,
        category: category.id,
        span,
        amount,
        rollover: flags.rollover,
        carry_overspending: flags.carry_overspending,
    };
    let alerts = ctx.store.change_budget(&change, Month::of(ctx.today))?;
    let shown = user.currency.format_typed(amount, numbers.decimal);
    let name = &category.name;
    match span {
        BudgetSpan::From(from) => {
            write!(
                out,
                "standing budget for {name}: {shown} a month from {from}"
            )?;
            let standing = ctx.store.standing_budgets()?;
            match next_change(&standing, &change, from) {
                Some(later) => writeln!(out, "{}", until(&later, user.currency, numbers.decimal))?,
                None => writeln!(out)?,
            }
        }
        BudgetSpan::Month(month) => writeln!(out, "budget for {name} in {month}: {shown}")?,
    }
    carrying(out, span, flags)?;
    render::alert_lines(out, &alerts, ctx.numbers(&user))?;
    Ok(())
}

/// What `budget set` changed about what a month hands on, in words.
fn carrying(out: &mut dyn Write, span: BudgetSpan, flags: SetFlags) -> std::io::Result<()> {
    let months = match span {
        BudgetSpan::From(_) => "each month".to_string(),
        BudgetSpan::Month(month) => month.to_string(),
    };
    match flags.rollover {
        Some(true) => writeln!(out, "what is left of {months} carries into the next month")?,
        Some(false) => writeln!(
            out,
            "what is left of {months} no longer carries into the next month"
        )?,
        None => {}
    }
    match flags.carry_overspending {
        Some(true) => writeln!(
            out,
            "an overspend in {months} is carried into the next month as a debt"
        ),
        Some(false) => writeln!(
            out,
            "an overspend in {months} is not carried; only what is left is"
        ),
        None => Ok(()),
    }
}

/// The standing change of the same budget scheduled after `from`, if any.
fn next_change(
    standing: &[StandingBudget],
    change: &BudgetChange,
    from: Month,
) -> Option<StandingBudget> {
    standing
        .iter()
        .filter(|s| s.user_id == change.user && s.category_id == change.category)
        .find(|s| s.from > from)
        .cloned()
}

/// `, until 2027-02, when 2500.00 a month takes over`, or `…, when it ends`.
fn until(later: &StandingBudget, currency: Currency, mark: DecimalMark) -> String {
    match later.amount {
        Some(amount) => format!(
            ", until {}, when {} a month takes over",
            later.from,
            currency.format_typed(amount, mark)
        ),
        None => format!(", until {}, when it ends", later.from),
    }
}

fn delete(
    ctx: &mut Context<'_>,
    category: &str,
    (month, from): (Option<String>, Option<String>),
    all: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let removal = match span(ctx, month.as_deref(), from.as_deref())? {
        BudgetSpan::From(from) => BudgetRemoval::Standing { from, all },
        BudgetSpan::Month(month) => BudgetRemoval::Month(month),
    };
    let category = ctx.store.find_category(category)?;
    let name = &category.name;
    let current = Month::of(ctx.today);
    let (removed, alerts) = ctx
        .store
        .remove_budget(user.id, category.id, removal, current)?;
    match (removed, removal) {
        (BudgetRemoved::StandingEnded { from, resumes }, _) => match resumes {
            Some(resumes) => writeln!(
                out,
                "standing budget for {name} ended from {from} until {resumes}, when the change scheduled then takes over (--all ends that too)"
            )?,
            None => writeln!(out, "standing budget for {name} ended from {from} on")?,
        },
        (BudgetRemoved::MonthFollowsStanding(amount), BudgetRemoval::Month(month)) => {
            let amount = user
                .currency
                .format_typed(amount, ctx.numbers(&user).decimal);
            writeln!(
                out,
                "budget for {name} in {month}: back to the standing {amount}"
            )?;
        }
        (_, BudgetRemoval::Month(month) | BudgetRemoval::Standing { from: month, .. }) => {
            writeln!(out, "budget for {name} in {month} removed")?;
        }
    }
    render::alert_lines(out, &alerts, ctx.numbers(&user))?;
    Ok(())
}

fn list(
    ctx: &mut Context<'_>,
    month: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let month = ctx.month(month)?;
    let budgets = ctx.store.budgets_for_month(user.id, month)?;
    if json {
        let rules = ctx.store.recurring(user.id)?;
        let paces = json::paces(&user, &budgets, &rules, ctx.today);
        let rows: Vec<_> = budgets
            .iter()
            .zip(paces)
            .map(|(b, pace)| json::budget(&user, b, pace))
            .collect();
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
        render::budgets(out, &user, &budgets, ctx.numbers(&user))?;
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
        (Some(month), _) => BudgetSpan::Month(ctx.month(Some(month))?),
        (None, from) => BudgetSpan::From(ctx.month(from)?),
    })
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
