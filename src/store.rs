//! The `SQLite` store: one file, versioned migrations, and every write in one IMMEDIATE
//! transaction together with the budget check it needs.

mod alerts;
mod backup;
mod budget_check;
mod budgets;
mod bulk;
mod catalog;
mod categories;
mod category_removal;
mod error;
mod expenses;
mod exports;
mod publish;

pub use expenses::{AddedByName, ExpenseByName, ExpenseFilter, ExpenseRow, MAX_NOTE_BYTES};
mod history;
mod reports;
mod schema;
mod search_text;
mod selection;
mod setup;
mod sql_ids;
mod undo;
mod users;
mod window;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use bulk::{BulkOutcome, NamedExpense, NewBudget};
pub use categories::{CategoryUsage, MergeOutcome};
pub use category_removal::{RemovedCategory, StoredBudget};
pub use error::StoreError;
pub use exports::{AlertRecord, BudgetRecord, ExportScope};
pub use publish::IfExists;
pub(crate) use publish::{check_destination, create_partial, publish};
pub use schema::SCHEMA_VERSION;
pub use undo::ExpenseSwap;
pub use users::UserDeleted;
// The records live in the domain; the store's modules name them through here.
use crate::domain::{
    Alert, AlertId, BudgetId, BudgetStatus, Category, CategoryId, Expense, ExpenseId, ExpensePatch,
    NewExpense, Outcome, User, UserId,
};
pub use search_text::MIN_SEARCH_CHARS;
pub use selection::{ExpenseOrder, ExpenseSelection};
pub use setup::{NewUserDefaults, SampleSummary};
pub use window::{HISTORY_LIST_LIMIT, ListCount, ListQuery, ListScope};

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The expense tracker's database.
pub struct Store {
    conn: Connection,
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

impl Store {
    /// Opens the database at `path`, creating it (owner-only) with the default categories and
    /// one user when it does not exist yet, and migrating an older schema.
    pub fn open(path: &Path, defaults: &NewUserDefaults) -> StoreResult<Store> {
        let is_new = !path.exists();
        if is_new {
            create_private_file(path)?;
        } else {
            check_writable(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::open(path, &e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| StoreError::open(path, &e))?;
        // SQLite quietly opens a file on a read-only mount read-only; nothing could be saved.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        // Before WAL mode rewrites the header: a newer schema must be left byte for byte.
        schema::check_version(&conn, Some(path))?;
        let mut store = Store::configure(conn).map_err(|e| StoreError::open(path, &e))?;
        schema::migrate(&mut store.conn, Some(path))?;
        store.ensure_defaults(defaults)?;
        Ok(store)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory(defaults: &NewUserDefaults) -> StoreResult<Store> {
        let mut store = Store::configure(Connection::open_in_memory()?)?;
        schema::migrate(&mut store.conn, None)?;
        store.ensure_defaults(defaults)?;
        Ok(store)
    }

    fn configure(conn: Connection) -> rusqlite::Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the header here turns "not a database" into an error at open time.
        conn.pragma_update(None, "foreign_keys", true)?;
        // WAL lets the app read while another process writes; FULL syncs every commit so a
        // recorded expense survives a power cut, not only a crash.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Store { conn })
    }

    /// Runs `work` in an IMMEDIATE transaction: it takes the write lock up front, so two
    /// writers queue on the busy timeout instead of failing half way.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// A number that changes whenever another connection commits, so a viewer knows to reload.
    pub fn data_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// The underlying connection, for read-only queries in tests and benchmarks.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Creates an empty file readable and writable by its owner only.
fn create_private_file(path: &Path) -> StoreResult<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(|source| {
        match path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            Some(dir) if source.kind() == std::io::ErrorKind::NotFound && !dir.exists() => {
                StoreError::MissingDirectory {
                    path: path.to_path_buf(),
                    dir: dir.to_path_buf(),
                }
            }
            _ => StoreError::Create {
                path: path.to_path_buf(),
                source,
            },
        }
    })
}

/// Refuses a file this user may not write before `SQLite` sees it, so nothing is created
/// beside it and the message says what is wrong.
fn check_writable(path: &Path) -> StoreResult<()> {
    if path.is_dir() {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "it is a directory, not a database file".into(),
        });
    }
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            })
        }
        // Anything else SQLite reports itself, with the file's name.
        _ => Ok(()),
    }
}

/// The database used when none is named: `$XDG_DATA_HOME/smart-spending-tracker/spend.db`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "smart-spending-tracker")
        .map(|dirs| dirs.data_dir().join("spend.db"))
}
