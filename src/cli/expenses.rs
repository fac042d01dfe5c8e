//! `spend add`, `edit`, `delete` and `list`.

use std::io::Write;

use chrono::NaiveDate;

use crate::domain::{Currency, ExpenseId, ExpensePatch, NewExpense};
use crate::domain::{implausible_date, parse_date, parse_expense_amount};

use super::args::{AddArgs, DeleteArgs, EditArgs, ListArgs};
use super::commands::{CliError, Context};
use super::render;

pub(super) fn add(
    ctx: &mut Context<'_>,
    args: AddArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let currency = match args.currency.as_deref() {
        Some(code) => Currency::parse(code).map_err(|e| CliError::Input(e.to_string()))?,
        None => user.currency,
    };
    let new = NewExpense {
        user_id: user.id,
        amount: parse_expense_amount(&args.amount, currency)?,
        category_id: ctx.store.find_category(&args.category)?.id,
        currency,
        date: plausible(parse_date(&args.date, ctx.today)?, ctx, args.yes)?,
        note: args.note,
    };
    let outcome = ctx.store.add_expense(&new)?;
    writeln!(out, "added expense #{}", outcome.expense.id)?;
    Ok(render::alert_lines(out, &outcome.alerts)?)
}

pub(super) fn edit(
    ctx: &mut Context<'_>,
    args: EditArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let id = ExpenseId(args.id);
    let current = ctx.store.expense(user.id, id)?;
    let patch = ExpensePatch {
        amount: args
            .amount
            .map(|a| parse_expense_amount(&a, current.currency))
            .transpose()?,
        category_id: args
            .category
            .map(|c| ctx.store.find_category(&c))
            .transpose()?
            .map(|c| c.id),
        date: args
            .date
            .map(|d| plausible(parse_date(&d, ctx.today)?, ctx, args.yes))
            .transpose()?,
        note: args.note.map(|n| Some(n).filter(|n| !n.is_empty())),
    };
    if patch == ExpensePatch::default() {
        return Err(CliError::Input(
            "nothing to change; give --amount, --category, --date or --note".into(),
        ));
    }
    let outcome = ctx.store.edit_expense(user.id, id, &patch)?;
    writeln!(out, "edited expense #{id}")?;
    Ok(render::alert_lines(out, &outcome.alerts)?)
}

pub(super) fn delete(
    ctx: &mut Context<'_>,
    args: &DeleteArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let outcome = ctx.store.delete_expense(user.id, ExpenseId(args.id))?;
    writeln!(out, "deleted expense #{}", args.id)?;
    Ok(render::alert_lines(out, &outcome.alerts)?)
}

pub(super) fn list(
    ctx: &Context<'_>,
    args: &ListArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let month = ctx.month(args.month.as_deref())?;
    let expenses = ctx.store.expenses_in_month(user.id, month)?;
    Ok(render::expenses(out, &user, month, &expenses, args.json)?)
}

/// The date, unless it is implausible (before 1970, or more than a year ahead) and `--yes`
/// was not given.
fn plausible(date: NaiveDate, ctx: &Context<'_>, yes: bool) -> Result<NaiveDate, CliError> {
    match implausible_date(date, ctx.today) {
        Some(doubt) if !yes => Err(CliError::Input(format!(
            "{doubt}; if it is right, add --yes"
        ))),
        _ => Ok(date),
    }
}
