//! Smart Spending Tracker: daily expenses, monthly budgets and alerts on one SQLite file.

pub mod domain;
