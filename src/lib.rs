//! Smart Spending Tracker: daily expenses, monthly budgets and alerts on one `SQLite` file.

pub mod cli;
pub mod domain;
pub mod export;
pub mod store;
