//! What can go wrong in the store, each with a message a person can act on.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::domain::{AmountError, DateError, counted, quoted};

use crate::domain::{AlertId, CategoryId, ExpenseId, Month, TokenId, UserId};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path} is not a Smart Spending Tracker database (not SQLite)")]
    NotADatabase { path: PathBuf },
    #[error("cannot open {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "database schema version {found} is newer than this program understands ({supported}); update spend"
    )]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("{path} is damaged ({reason}); restore it from a copy made with `spend backup`")]
    Damaged { path: PathBuf, reason: String },
    #[error("{path} is a SQLite database of another program; choose another --db file")]
    ForeignDatabase { path: PathBuf },
    #[error("{path} is read-only; spend needs to write to it, check its permissions")]
    ReadOnly { path: PathBuf },
    #[error(
        "cannot create {path}: directory {dir} does not exist; create it or choose another --db file"
    )]
    MissingDirectory { path: PathBuf, dir: PathBuf },
    #[error("{path} already exists; choose a new name, or add --force to replace it")]
    FileExists { path: PathBuf },
    #[error("{path} is a directory; give the name of a file to write")]
    IsADirectory { path: PathBuf },
    #[error("cannot write {path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error("cannot write the backup {path}: {reason}")]
    Backup { path: PathBuf, reason: String },
    #[error(
        "cannot back up {path} before upgrading its schema, so it was left as it was: {reason}"
    )]
    MigrationBackup { path: PathBuf, reason: String },
    #[error(
        "{} has no standing budget to end; see `spend budget list`",
        quoted(.category)
    )]
    NoStandingBudget { category: String },
    #[error(
        "{} has no budget of its own in {month}; see `spend budget list --month {month}`",
        quoted(.category)
    )]
    NoMonthBudget { category: String, month: Month },
    #[error(
        "the budget of {category} in {month} is its standing budget, not one set for the month; \
         end it from {month} on with `spend budget delete {category} --from {month}`, \
         or set the month apart with `spend budget set {category} AMOUNT --month {month}`",
        category = quoted(.category)
    )]
    BudgetIsStanding { category: String, month: Month },
    #[error("no rule #{0}; see `spend rule list`")]
    NoSuchRule(i64),
    #[error("unknown category {}; known categories: {known}", quoted(.name))]
    UnknownCategory { name: String, known: String },
    #[error("category {} already exists", quoted(.0))]
    DuplicateCategory(String),
    #[error("category name is empty")]
    EmptyCategory,
    #[error("no user with email {}; see `spend user list`", quoted(.0))]
    UnknownUser(String),
    #[error("a user with email {} already exists", quoted(.0))]
    DuplicateUser(String),
    #[error("the database has several users; choose one with --user EMAIL")]
    AmbiguousUser,
    #[error("{} is the only user; add another before deleting it", quoted(.0))]
    LastUser(String),
    #[error(
        "user {} has {}; add --force to delete them with the user",
        quoted(.email),
        counted(*.expenses, "expense", "expenses")
    )]
    UserHasExpenses { email: String, expenses: u64 },
    #[error(
        "category {} has {} and {}; merge it into another with `spend category merge {} OTHER`, \
         or add --force to delete it (its expenses keep no category, its budgets go)",
        quoted(.name),
        counted(*.expenses, "expense", "expenses"),
        counted(*.budgets, "budget", "budgets"),
        quoted(.name)
    )]
    CategoryInUse {
        name: String,
        expenses: u64,
        budgets: u64,
    },
    #[error(
        "category {} has {}; delete {} first (see `spend recurring list`), or add --force to \
         delete the category with {}",
        quoted(.name),
        counted(*.count, "recurring expense", "recurring expenses"),
        if *.count == 1 { "it" } else { "them" },
        if *.count == 1 { "it" } else { "them" }
    )]
    CategoryHasRecurring { name: String, count: u64 },
    #[error("type {min} or more characters to search all history")]
    SearchTooShort { min: usize },
    #[error("no expense #{0}")]
    NoSuchExpense(ExpenseId),
    #[error("expense #{0} was changed elsewhere since; nothing was undone, so that change stays")]
    ChangedSince(ExpenseId),
    #[error("expense #{0} was deleted elsewhere since; nothing was undone")]
    DeletedSince(ExpenseId),
    #[error(
        "the budget of {} was changed elsewhere since; nothing was undone, so that change stays",
        quoted(.category)
    )]
    BudgetChangedSince { category: String },
    #[error("no category #{0}")]
    NoSuchCategory(CategoryId),
    #[error("no user #{0}")]
    NoSuchUser(UserId),
    #[error("no token #{0}")]
    NoSuchToken(TokenId),
    #[error(
        "the destination already holds {}; copy into a new, empty ledger",
        counted(*.expenses, "expense", "expenses")
    )]
    CopyTargetNotEmpty { expenses: u64 },
    #[error("no recurring expense #{0}; see `spend recurring list`")]
    NoSuchRecurring(crate::domain::RecurringId),
    #[error(transparent)]
    Schedule(#[from] crate::domain::ScheduleError),
    #[error("no alert #{0}")]
    NoSuchAlert(AlertId),
    #[error("{0}")]
    InvalidInput(String),
    #[error(
        "no {currency} rate on or before {date}; set one with `spend rate set {currency} RATE --date {date}`, or give this expense's rate with --rate"
    )]
    NoRate {
        currency: crate::domain::Currency,
        date: chrono::NaiveDate,
    },
    /// A row of an import refused, by its index among the rows (0 for the first).
    #[error("row {} of the import: {source}", .index + 1)]
    ImportRow {
        index: usize,
        source: Box<StoreError>,
    },
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database error: {}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("cannot connect to PostgreSQL at {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error(
        "PostgreSQL database {url} holds tables of another program; give spend an empty database of its own"
    )]
    ForeignServerDatabase { url: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Names the import row an error is about; a database failure is about no row.
    pub(crate) fn in_import_row(index: usize, error: StoreError) -> StoreError {
        match error {
            StoreError::Sqlite(_)
            | StoreError::Postgres(_)
            | StoreError::Io(_)
            | StoreError::ImportRow { .. } => error,
            other => StoreError::ImportRow {
                index,
                source: Box::new(other),
            },
        }
    }

    /// Turns an error met while opening `path` into one that names the file and the cause.
    pub(crate) fn open(path: &Path, error: &rusqlite::Error) -> StoreError {
        if let rusqlite::Error::SqliteFailure(failure, _) = error {
            match failure.code {
                rusqlite::ErrorCode::NotADatabase => {
                    return StoreError::NotADatabase {
                        path: path.to_path_buf(),
                    };
                }
                rusqlite::ErrorCode::DatabaseCorrupt => {
                    return StoreError::Damaged {
                        path: path.to_path_buf(),
                        reason: error.to_string(),
                    };
                }
                _ => {}
            }
        }
        StoreError::Open {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }
    }
}

/// A PostgreSQL error as the server words it, with its detail when there is one. A
/// privilege refused says which ones spend needs: a role granted SELECT alone reads every
/// figure, and meets this on its first write.
fn postgres_message(error: &postgres::Error) -> String {
    let Some(db) = error.as_db_error() else {
        return error.to_string();
    };
    let message = match db.detail() {
        Some(detail) => format!("{} ({detail})", db.message()),
        None => db.message().to_string(),
    };
    if *db.code() == postgres::error::SqlState::INSUFFICIENT_PRIVILEGE {
        format!(
            "{message}: the role spend connects as lacks a privilege; reading the ledger needs \
             SELECT on its tables, and changing it INSERT, UPDATE and DELETE too, with USAGE on \
             their sequences"
        )
    } else {
        message
    }
}
