//! What can go wrong in the store, each with a message a person can act on.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::domain::{AmountError, DateError};

use super::ExpenseId;

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
    #[error("unknown category {name:?}; known categories: {known}")]
    UnknownCategory { name: String, known: String },
    #[error("category {0:?} already exists")]
    DuplicateCategory(String),
    #[error("category name is empty")]
    EmptyCategory,
    #[error("no user with email {0:?}; see `spend user list`")]
    UnknownUser(String),
    #[error("a user with email {0:?} already exists")]
    DuplicateUser(String),
    #[error("the database has several users; choose one with --user EMAIL")]
    AmbiguousUser,
    #[error("no expense #{0}")]
    NoSuchExpense(ExpenseId),
    #[error("{0}")]
    InvalidInput(String),
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Turns an error met while opening `path` into one that names the file and the cause.
    pub(crate) fn open(path: &Path, error: &rusqlite::Error) -> StoreError {
        if let rusqlite::Error::SqliteFailure(failure, _) = error
            && failure.code == rusqlite::ErrorCode::NotADatabase
        {
            return StoreError::NotADatabase {
                path: path.to_path_buf(),
            };
        }
        StoreError::Open {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }
    }
}
