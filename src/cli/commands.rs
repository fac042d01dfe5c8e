//! The subcommands: each parses its input fully before it writes, and writes once.

use std::io::Write;

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::{Currency, Month, parse_amount, parse_date, printable};
use crate::domain::{ExpenseId, ExpensePatch, NewExpense, User};
use crate::export::{export_to_file, write_csv};
use crate::import::parse_csv;
use crate::store::{ExpenseFilter, Store, StoreError};

use super::args::{BudgetCommand, CategoryCommand, Command, UserCommand};
use super::render;

/// A subcommand's failure, printed as one `error: ...` line.
#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Input(String),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl From<crate::domain::DateError> for CliError {
    fn from(error: crate::domain::DateError) -> Self {
        CliError::Input(error.to_string())
    }
}

impl From<crate::domain::AmountError> for CliError {
    fn from(error: crate::domain::AmountError) -> Self {
        CliError::Input(error.to_string())
    }
}

/// What every subcommand works with.
pub struct Context<'a> {
    pub store: &'a mut Store,
    /// `--user`, if given.
    pub user: Option<&'a str>,
    /// Today's date, injected so tests are deterministic.
    pub today: NaiveDate,
}

impl Context<'_> {
    fn user(&self) -> Result<User, CliError> {
        Ok(self.store.resolve_user(self.user)?)
    }

    fn month(&self, text: Option<&str>) -> Result<Month, CliError> {
        Ok(text.map_or(Ok(Month::of(self.today)), Month::parse)?)
    }
}

/// Runs one subcommand, writing its report to `out`.
pub fn run_command(
    ctx: &mut Context<'_>,
    command: Command,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        Command::Sample => {
            let summary = ctx.store.load_sample()?;
            writeln!(
                out,
                "loaded the sample: {} users, {} budgets, {} expenses, {} alerts",
                summary.users, summary.budgets, summary.expenses, summary.alerts
            )?;
        }
        Command::Add {
            amount,
            category,
            date,
            note,
            currency,
        } => {
            add(
                ctx,
                &amount,
                &category,
                &date,
                note,
                currency.as_deref(),
                out,
            )?;
        }
        Command::Edit {
            id,
            amount,
            category,
            date,
            note,
        } => {
            edit(ctx, ExpenseId(id), amount, category, date, note, out)?;
        }
        Command::Delete { id } => {
            let outcome = ctx.store.delete_expense(ExpenseId(id))?;
            writeln!(out, "deleted expense #{id}")?;
            render::alert_lines(out, &outcome.alerts)?;
        }
        Command::List { month, json } => {
            let user = ctx.user()?;
            let month = ctx.month(month.as_deref())?;
            let expenses = ctx.store.expenses_in_month(user.id, month)?;
            render::expenses(out, &user, month, &expenses, json)?;
        }
        Command::Alerts {
            all,
            mark_seen,
            json,
        } => {
            let user = ctx.user()?;
            let alerts = ctx.store.alerts(user.id, all)?;
            render::alerts(out, &alerts, json)?;
            if mark_seen {
                ctx.store.mark_alerts_seen(user.id)?;
            }
        }
        Command::Import {
            file,
            create_categories,
        } => import(ctx, &file, create_categories, out)?,
        Command::Backup { file } => backup(ctx, &file, out)?,
        Command::Budget(command) => budget(ctx, command, out)?,
        Command::Category(command) => category(ctx, command, out)?,
        Command::User(command) => user(ctx, command, out)?,
        Command::Report { month, json } => {
            let user = ctx.user()?;
            let report = ctx.store.report(user.id, ctx.month(month.as_deref())?)?;
            render::report(out, &report, json)?;
        }
        Command::Export {
            month,
            from,
            to,
            all_users,
            output,
        } => {
            let filter = ExpenseFilter {
                user: if all_users {
                    None
                } else {
                    Some(ctx.user()?.id)
                },
                ..export_range(ctx, month.as_deref(), from.as_deref(), to.as_deref())?
            };
            match output {
                Some(path) => {
                    let rows = export_to_file(ctx.store, &filter, &path)?;
                    writeln!(out, "exported {} to {}", expenses(rows), path.display())?;
                }
                None => {
                    write_csv(ctx.store, &filter, &mut *out)?;
                }
            }
        }
    }
    Ok(())
}

fn add(
    ctx: &mut Context<'_>,
    amount: &str,
    category: &str,
    date: &str,
    note: Option<String>,
    currency: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let currency = match currency {
        Some(code) => Currency::parse(code).map_err(|e| CliError::Input(e.to_string()))?,
        None => user.currency,
    };
    let new = NewExpense {
        user_id: user.id,
        amount: parse_amount(amount, currency)?,
        category_id: ctx.store.find_category(category)?.id,
        currency,
        date: parse_date(date, ctx.today)?,
        note,
    };
    let outcome = ctx.store.add_expense(&new)?;
    writeln!(out, "added expense #{}", outcome.expense.id)?;
    Ok(render::alert_lines(out, &outcome.alerts)?)
}

fn edit(
    ctx: &mut Context<'_>,
    id: ExpenseId,
    amount: Option<String>,
    category: Option<String>,
    date: Option<String>,
    note: Option<String>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let current = ctx.store.expense(id)?;
    let patch = ExpensePatch {
        amount: amount
            .map(|a| parse_amount(&a, current.currency))
            .transpose()?,
        category_id: category
            .map(|c| ctx.store.find_category(&c))
            .transpose()?
            .map(|c| c.id),
        date: date.map(|d| parse_date(&d, ctx.today)).transpose()?,
        note: note.map(|n| Some(n).filter(|n| !n.is_empty())),
    };
    if patch == ExpensePatch::default() {
        return Err(CliError::Input(
            "nothing to change; give --amount, --category, --date or --note".into(),
        ));
    }
    let outcome = ctx.store.edit_expense(id, &patch)?;
    writeln!(out, "edited expense #{id}")?;
    Ok(render::alert_lines(out, &outcome.alerts)?)
}

fn import(
    ctx: &mut Context<'_>,
    file: &std::path::Path,
    create_categories: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let reader = std::fs::File::open(file)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", file.display())))?;
    let rows = parse_csv(std::io::BufReader::new(reader), &user, ctx.today)
        .map_err(|e| CliError::Input(format!("{}: {e}", file.display())))?;
    let outcome = ctx
        .store
        .import_expenses(&rows, create_categories)
        .map_err(|e| match e {
            StoreError::UnknownCategory { name, .. } => CliError::Input(format!(
                "{}: unknown category {name:?}; add --create-categories to create it",
                file.display()
            )),
            other => other.into(),
        })?;
    writeln!(
        out,
        "imported {} from {}",
        expenses(outcome.inserted),
        file.display()
    )?;
    if !outcome.created_categories.is_empty() {
        writeln!(
            out,
            "created categories: {}",
            outcome.created_categories.join(", ")
        )?;
    }
    Ok(render::alert_lines(out, &outcome.alerts)?)
}

fn backup(ctx: &Context<'_>, file: &std::path::Path, out: &mut dyn Write) -> Result<(), CliError> {
    ctx.store.backup_to(file)?;
    Ok(writeln!(
        out,
        "backed up the database to {}",
        file.display()
    )?)
}

fn export_range(
    ctx: &Context<'_>,
    month: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<ExpenseFilter, CliError> {
    if let Some(month) = month {
        let month = Month::parse(month)?;
        return Ok(ExpenseFilter {
            user: None,
            from: Some(month.first_day()),
            to: Some(month.last_day()),
            search: None,
        });
    }
    let from = from.map(|d| parse_date(d, ctx.today)).transpose()?;
    let to = to.map(|d| parse_date(d, ctx.today)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CliError::Input(format!("--from {from} is after --to {to}")));
    }
    Ok(ExpenseFilter {
        user: None,
        from,
        to,
        search: None,
    })
}

fn budget(
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
            let amount = parse_amount(&amount, user.currency)?;
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
            let percent = percent
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=100).contains(p))
                .ok_or_else(|| {
                    CliError::Input(format!(
                        "warning threshold {percent:?} is not a whole percent from 1 to 100"
                    ))
                })?;
            ctx.store.set_warn_percent(user.id, percent)?;
            writeln!(out, "budget warnings for {} fire at {percent}%", user.email)?;
        }
        BudgetCommand::List { month, json } => {
            let month = ctx.month(month.as_deref())?;
            let budgets = ctx.store.budgets_for_month(user.id, month)?;
            render::budgets(out, &user, month, &budgets, json)?;
        }
    }
    Ok(())
}

fn category(
    ctx: &mut Context<'_>,
    command: CategoryCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        CategoryCommand::Add { name, description } => {
            let category = ctx.store.add_category(&name, description.as_deref())?;
            writeln!(out, "added category {} (#{})", category.name, category.id)?;
        }
        CategoryCommand::List => render::categories(out, &ctx.store.categories()?)?,
    }
    Ok(())
}

fn user(ctx: &mut Context<'_>, command: UserCommand, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        UserCommand::Add {
            name,
            email,
            currency,
        } => {
            let currency =
                Currency::parse(&currency).map_err(|e| CliError::Input(e.to_string()))?;
            let user = ctx.store.add_user(&name, &email, currency)?;
            writeln!(
                out,
                "added user {} <{}> (#{})",
                printable(&user.name),
                printable(&user.email),
                user.id
            )?;
        }
        UserCommand::List => {
            let default = ctx.store.resolve_user(None).ok().map(|u| u.id);
            render::users(out, &ctx.store.users()?, default)?;
        }
    }
    Ok(())
}

/// `1 expense`, `5 expenses`.
fn expenses(count: usize) -> String {
    if count == 1 {
        "1 expense".into()
    } else {
        format!("{count} expenses")
    }
}
