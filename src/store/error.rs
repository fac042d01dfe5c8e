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
    #[error("{path} already exists; a backup never replaces a file, choose a new name")]
    BackupExists { path: PathBuf },
    #[error("cannot write the backup {path}: {reason}")]
    Backup { path: PathBuf, reason: String },
    #[error(
        "cannot back up {path} before upgrading its schema, so it was left as it was: {reason}"
    )]
    MigrationBackup { path: PathBuf, reason: String },
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
    #[error("type {min} or more characters to search all history")]
    SearchTooShort { min: usize },
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
