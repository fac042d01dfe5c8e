//! `spend add`, `edit`, `delete` and `list`.

use std::io::Write;

use crate::domain::{Currency, ExpenseId, ExpensePatch, NewExpense, parse_amount, parse_date};

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
        amount: parse_amount(&args.amount, currency)?,
        category_id: ctx.store.find_category(&args.category)?.id,
        currency,
        date: parse_date(&args.date, ctx.today)?,
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
            .map(|a| parse_amount(&a, current.currency))
            .transpose()?,
        category_id: args
            .category
            .map(|c| ctx.store.find_category(&c))
            .transpose()?
            .map(|c| c.id),
        date: args.date.map(|d| parse_date(&d, ctx.today)).transpose()?,
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
