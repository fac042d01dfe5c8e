//! The command line: arguments, and the non-interactive subcommands over the store.

mod args;
mod commands;
mod render;

pub use args::{Args, BudgetCommand, CategoryCommand, Command, UserCommand};
pub use commands::{CliError, Context, run_command};
