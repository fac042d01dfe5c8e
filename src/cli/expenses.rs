//! `spend add`, `edit`, `delete` and `list`.

use std::io::Write;

use chrono::NaiveDate;

use crate::domain::{
    Currency, ExpenseId, ExpensePatch, Month, NewExpense, NumberStyle, Outcome, Rate, quoted,
};
use crate::domain::{implausible_date, parse_date, parse_typed_expense_amount};
use crate::store::{ExpenseOrder, ExpenseSelection};

use super::args::{AddArgs, DeleteArgs, EditArgs, ListArgs, SortBy};
use super::commands::{CliError, Context};
use super::table::Layout;
use super::{json, render};

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
    let rate = args
        .rate
        .as_deref()
        .map(Rate::parse)
        .transpose()
        .map_err(|e| CliError::Input(e.to_string()))?;
    let new = NewExpense {
        rate,
        user_id: user.id,
        amount: parse_typed_expense_amount(&args.amount, currency, ctx.numbers(&user).decimal)?,
        category_id: ctx.store.find_category(&args.category)?.id,
        currency,
        date: plausible(parse_date(&args.date, ctx.today)?, ctx, args.yes)?,
        note: args.note,
    };
    let outcome = ctx.store.add_expense(&new)?;
    report(out, "added", &outcome, args.json, ctx.numbers(&user))
}

pub(super) fn edit(
    ctx: &mut Context<'_>,
    args: EditArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let id = ExpenseId(args.id);
    let current = ctx.store.expense(user.id, id)?;
    let mark = ctx.numbers(&user).decimal;
    let patch = ExpensePatch {
        amount: args
            .amount
            // A foreign expense's amount is typed in the currency it was spent in.
            .map(|a| {
                let spent_in = current.foreign.map_or(current.currency, |s| s.currency);
                parse_typed_expense_amount(&a, spent_in, mark)
            })
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
    report(out, "edited", &outcome, args.json, ctx.numbers(&user))
}

pub(super) fn delete(
    ctx: &mut Context<'_>,
    args: &DeleteArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let outcome = ctx.store.delete_expense(user.id, ExpenseId(args.id))?;
    report(out, "deleted", &outcome, args.json, ctx.numbers(&user))
}

/// `added expense #6` and a line per alert, or the same as JSON.
fn report(
    out: &mut dyn Write,
    action: &str,
    outcome: &Outcome,
    json: bool,
    numbers: NumberStyle,
) -> Result<(), CliError> {
    if json {
        return Ok(json::print(out, &json::outcome(action, outcome))?);
    }
    writeln!(out, "{action} expense #{}", outcome.expense.id)?;
    Ok(render::alert_lines(out, &outcome.alerts, numbers)?)
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

/// The days `spend list` covers: a calendar month, or a range open at either end.
enum Days {
    Month(Month),
    Range(Option<NaiveDate>, Option<NaiveDate>),
}

impl Days {
    fn from_args(ctx: &Context<'_>, args: &ListArgs) -> Result<Days, CliError> {
        if args.from.is_none() && args.to.is_none() {
            return Ok(Days::Month(ctx.month(args.month.as_deref())?));
        }
        let day = |text: &Option<String>| {
            text.as_deref()
                .map(|d| parse_date(d, ctx.today))
                .transpose()
        };
        let (from, to) = (day(&args.from)?, day(&args.to)?);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(CliError::Input(format!("--from {from} is after --to {to}")));
        }
        Ok(Days::Range(from, to))
    }

    fn bounds(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match self {
            Days::Month(month) => (Some(month.first_day()), Some(month.last_day())),
            Days::Range(from, to) => (*from, *to),
        }
    }

    /// `in 2025-05`, `from 2025-01-01 to 2025-03-31`, `from 2025-01-01`.
    fn describe(&self) -> String {
        match self {
            Days::Month(month) => format!("in {month}"),
            Days::Range(Some(from), Some(to)) => format!("from {from} to {to}"),
            Days::Range(Some(from), None) => format!("from {from}"),
            Days::Range(None, Some(to)) => format!("up to {to}"),
            Days::Range(None, None) => "at all".into(),
        }
    }
}

pub(super) fn list(
    ctx: &Context<'_>,
    args: &ListArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let days = Days::from_args(ctx, args)?;
    let category = args
        .category
        .as_deref()
        .map(|name| ctx.store.find_category(name))
        .transpose()?;
    let (from, to) = days.bounds();
    let selection = ExpenseSelection {
        user: user.id,
        from,
        to,
        category: category.as_ref().map(|c| c.id),
        search: args.search.as_deref().unwrap_or(""),
        order: match args.sort {
            SortBy::Date => ExpenseOrder::NewestFirst,
            SortBy::Amount => ExpenseOrder::LargestFirst,
        },
        after: None,
        limit: args.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
    };
    if args.json {
        return list_json(ctx, &user.email, &days, &selection, out);
    }
    // Read twice, once to measure the columns and once to write them, so that no more
    // than one row is held however many there are.
    let table = render::expense_table();
    let mut layout = Layout::new(&table);
    let numbers = ctx.numbers(&user);
    let count = ctx.store.each_selected_expense(&selection, |e| {
        layout.measure(&render::expense_cells(&user, e, numbers, ctx.date_style));
        Ok::<_, CliError>(())
    })?;
    if count == 0 {
        return Ok(writeln!(
            out,
            "{}",
            nothing_listed(&days, args, category.as_ref().map(|c| c.name.as_str()))
        )?);
    }
    layout.write_header(out)?;
    ctx.store.each_selected_expense(&selection, |e| {
        Ok::<_, CliError>(layout.write_row(
            out,
            &render::expense_cells(&user, e, numbers, ctx.date_style),
        )?)
    })?;
    Ok(())
}

/// What an empty list says: which days and filters found nothing.
fn nothing_listed(days: &Days, args: &ListArgs, category: Option<&str>) -> String {
    let search = args.search.as_deref().filter(|s| !s.trim().is_empty());
    let mut line = format!("no expenses {}", days.describe());
    if let Some(category) = category {
        line = format!("{line} in {}", quoted(category));
    }
    if let Some(search) = search {
        line = format!("{line} containing {}", quoted(search));
    }
    if category.is_none() && search.is_none() {
        line.push_str("; add one with `spend add AMOUNT CATEGORY`");
    }
    line
}

/// The list as JSON, written as it is read: `{"user", "month" or "from"/"to", "expenses"}`.
fn list_json(
    ctx: &Context<'_>,
    email: &str,
    days: &Days,
    selection: &ExpenseSelection<'_>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let text = |value: &serde_json::Value| value.to_string();
    writeln!(out, "{{")?;
    writeln!(out, "  \"user\": {},", text(&email.into()))?;
    match days {
        Days::Month(month) => writeln!(out, "  \"month\": \"{month}\",")?,
        Days::Range(from, to) => {
            let day = |d: &Option<NaiveDate>| text(&d.map(|d| d.to_string()).into());
            writeln!(out, "  \"from\": {},", day(from))?;
            writeln!(out, "  \"to\": {},", day(to))?;
        }
    }
    write!(out, "  \"expenses\": [")?;
    let mut first = true;
    ctx.store.each_selected_expense(selection, |e| {
        let element = serde_json::to_string_pretty(&json::expense(e))
            .map_err(|error| CliError::Output(error.into()))?;
        write!(
            out,
            "{}\n    {}",
            if first { "" } else { "," },
            element.replace('\n', "\n    ")
        )?;
        first = false;
        Ok::<_, CliError>(())
    })?;
    writeln!(out, "{}]", if first { "" } else { "\n  " })?;
    writeln!(out, "}}")?;
    Ok(())
}
