//! The subcommands: each parses its input fully before it writes, and writes once.

use std::io::Write;

use chrono::NaiveDate;
use thiserror::Error;

use crate::config::{ConfigError, Flags, Settings, default_config_path, load};
use crate::domain::{
    Currency, DateStyle, DecimalMark, Grouping, Month, NumberStyle, User, counted,
};
use crate::store::{Store, StoreError};

use super::args::{Command, ConfigCommand};
use super::{
    alerts, budget, catalog, complete, expenses, files, rates, recurring, report, rules, status,
    tokens,
};

/// A subcommand's failure, printed as one `error: ...` line.
#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] ConfigError),
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
    /// The decimal mark amounts are typed and shown with; `None` is the usual one of the
    /// user's currency.
    pub decimal: Option<DecimalMark>,
    /// How dates are written in text tables.
    pub date_style: DateStyle,
    /// The currency of users created from now on.
    pub new_user_currency: Currency,
    /// The warning share of users created from now on.
    pub new_user_warn_percent: u32,
}

impl Context<'_> {
    /// The user the command acts for: `--user`, or the default (or only) one.
    pub(super) fn user(&self) -> Result<User, CliError> {
        Ok(self.store.resolve_user(self.user)?)
    }

    /// How `user`'s amounts are typed, and written in text output.
    pub(super) fn numbers(&self, user: &User) -> NumberStyle {
        NumberStyle::for_books_in(self.grouping, self.decimal, user.currency)
    }

    /// `--month`, or this month.
    /// The month a `--month` or `--from` names, within reach of today, or the current one.
    pub(super) fn month(&self, text: Option<&str>) -> Result<Month, CliError> {
        Ok(text.map_or(Ok(Month::of(self.today)), |text| {
            Month::parse_in_reach(text, self.today)
        })?)
    }
}

/// Runs a command that needs no database (`config`, `completions`), if it is one, and
/// returns its exit code. `config path` works even when the config file is broken.
pub fn run_standalone(
    command: &Command,
    flags: Flags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut dyn Write,
) -> Option<Result<u8, CliError>> {
    let run = || -> Result<u8, CliError> {
        match command {
            Command::Completions(args) => {
                complete::write_completions(args.shell, &complete::this_program(), out)?;
            }
            Command::Config(ConfigCommand::Path) => {
                let path = default_config_path(env).ok_or_else(|| {
                    CliError::Input(
                        "cannot find a home directory for the config file; set SPEND_CONFIG".into(),
                    )
                })?;
                writeln!(out, "{}", path.display())?;
            }
            Command::Config(ConfigCommand::Show { json }) => {
                let settings = load(flags, env, default_config_path(env).as_deref())?;
                super::config::show_settings(&settings, *json, out)?;
            }
            _ => return Ok(0),
        }
        Ok(0)
    };
    matches!(command, Command::Completions(_) | Command::Config(_)).then(run)
}

/// The settings every other command starts from.
pub fn load_settings(
    flags: Flags<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Settings, CliError> {
    Ok(load(flags, env, default_config_path(env).as_deref())?)
}

/// Runs one subcommand, writing its report to `out`; returns the exit code of a run that
/// succeeded: 0, or `status`'s level.
pub fn run_command(
    ctx: &mut Context<'_>,
    command: Command,
    out: &mut dyn Write,
) -> Result<u8, CliError> {
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
        Command::Rule(command) => rules::run(ctx, command, out)?,
        Command::Recurring(command) => recurring::run(ctx, command, out)?,
        Command::Backup(args) => files::backup(ctx, &args, out)?,
        Command::CopyTo(args) => files::copy_to(ctx, &args, out)?,
        Command::Export(args) => files::export(ctx, &args, out)?,
        Command::Budget(command) => budget::run(ctx, command, out)?,
        Command::Rate(command) => rates::run(ctx, command, out)?,
        Command::Category(command) => catalog::category(ctx, command, out)?,
        Command::User(command) => catalog::user(ctx, command, out)?,
        Command::Report(args) => report::run(ctx, &args, out)?,
        Command::Status(args) => return status::run(ctx, &args, out),
        Command::Token(command) => tokens::run(ctx, command, out)?,
        Command::Serve(_) => {
            return Err(CliError::Input(
                "the server opens the ledger itself; call spend's serve entry".into(),
            ));
        }
        Command::Config(_) | Command::Completions(_) => {
            return Err(CliError::Input(
                "this command runs without a database; call run_standalone".into(),
            ));
        }
    }
    Ok(0)
}
