//! The command line: arguments, and the non-interactive subcommands over the store.

mod alerts;
mod args;
mod budget;
mod catalog;
mod commands;
mod expenses;
mod files;
mod json;
mod render;
mod report;
mod table;
mod usage;

pub use args::{
    AddArgs, AlertsArgs, AlertsCommand, Args, BackupArgs, BudgetCommand, CategoryCommand, Command,
    DeleteArgs, EditArgs, ExportArgs, ImportArgs, ListArgs, ReportArgs, UserCommand,
};
pub use commands::{CliError, Context, run_command};
pub use usage::{Refused, parse_args};
