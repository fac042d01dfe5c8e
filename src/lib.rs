//! Smart Spending Tracker: daily expenses, monthly budgets and alerts on one `SQLite` file.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod export;
pub mod import;
pub mod keys;
pub mod serve;
pub mod store;
pub mod tui;
pub mod ui;
