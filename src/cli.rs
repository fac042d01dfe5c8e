//! The command line: arguments, and the non-interactive subcommands over the store.

mod alerts;
mod args;
mod budget;
mod catalog;
mod commands;
mod complete;
mod config;
mod expenses;
mod files;
pub(crate) mod json;
mod man;
mod rates;
pub(crate) mod recurring;
mod render;
mod report;
mod rules;
mod statement;
mod statement_report;
mod status;
mod table;
mod tokens;
mod usage;

pub use args::{
    AddArgs, AlertsArgs, AlertsCommand, Args, BackupArgs, BudgetCommand, CategoryCommand, Command,
    CompletionsArgs, ConfigCommand, DeleteArgs, EditArgs, EveryArg, ExportArgs, ExportFormat,
    ImportArgs, ListArgs, OutflowsArg, RecurringCommand, ReportArgs, RuleCommand, ServeArgs, Shell,
    StatusArgs, TokenCommand, UserCommand,
};
pub use commands::{CliError, Context, load_settings, run_command, run_standalone};
pub use complete::{COMPLETE_VAR, category_names, this_program, write_completions};
pub use config::show_settings;
pub use man::man_page;
pub use recurring::write_catch_up;
pub use usage::{Refused, parse_args};
