//! The subcommands: each parses its input fully before it writes, and writes once.

use std::io::Write;

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::{Grouping, Month, User, counted};
use crate::store::{Store, StoreError};

use super::args::Command;
use super::{alerts, budget, catalog, expenses, files, report};

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
    /// How amounts are grouped in text output.
    pub grouping: Grouping,
}

impl Context<'_> {
    /// The user the command acts for: `--user`, or the default (or only) one.
    pub(super) fn user(&self) -> Result<User, CliError> {
        Ok(self.store.resolve_user(self.user)?)
    }

    /// `--month`, or this month.
    pub(super) fn month(&self, text: Option<&str>) -> Result<Month, CliError> {
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
                "loaded the sample: {}, {}, {}, {}",
                counted(summary.users, "user", "users"),
                counted(summary.budgets, "budget", "budgets"),
                counted(summary.expenses, "expense", "expenses"),
                counted(summary.alerts, "alert", "alerts"),
            )?;
        }
        Command::Add(args) => expenses::add(ctx, args, out)?,
        Command::Edit(args) => expenses::edit(ctx, args, out)?,
        Command::Delete(args) => expenses::delete(ctx, &args, out)?,
        Command::List(args) => expenses::list(ctx, &args, out)?,
        Command::Alerts(args) => alerts::run(ctx, &args, out)?,
        Command::Import(args) => files::import(ctx, &args, out)?,
        Command::Backup(args) => files::backup(ctx, &args, out)?,
        Command::Export(args) => files::export(ctx, &args, out)?,
        Command::Budget(command) => budget::run(ctx, command, out)?,
        Command::Category(command) => catalog::category(ctx, command, out)?,
        Command::User(command) => catalog::user(ctx, command, out)?,
        Command::Report(args) => report::run(ctx, &args, out)?,
    }
    Ok(())
}
