//! The real `spend` binary on a temporary database, with today pinned to 2025-05-20.

mod bad_input;
mod budget_figures;
mod budgets;
mod categories;
mod commands;
mod completions;
mod config;
mod decimal;
mod export;
mod fx;
mod import;
mod journal;
mod json;
mod list;
mod locale;
mod plausible;
mod powerbi;
mod recurring;
mod report;
mod scoping;
mod statements;
mod status;
mod tables;
mod usage;
mod users;

use serde_json::Value;

pub use crate::spend_cli::Spend;

/// The lines of an `add`/`edit`/`budget set` report that announce alerts.
pub fn alert_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("ALERT ")).collect()
}

/// A JSON value's string field.
pub fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {value}"))
}
