//! The `SQLite` backend: one file, versioned migrations, and every write in one IMMEDIATE
//! transaction together with the budget check it needs.

mod alerts;
mod backup;
mod budgets;
mod bulk;
mod catalog;
mod categories;
mod copy;
mod expenses;
mod exports;

mod history;
mod imports;
mod ledger_tx;
mod maintenance_tx;
mod rates;
mod read_only;
mod recurring;
mod reports;
mod schema;
mod search_text;
mod selection;
mod setup;
mod sql_ids;
mod standing;
mod streams;
mod tokens;
mod undo;
mod users;
mod window;

use std::path::{Path, PathBuf};

use crate::store::files::create_private_file;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use schema::SCHEMA_VERSION;
// What the backend's modules name through `super::`: the records, and the interface's types.
use crate::domain::{
    Alert, AlertId, BudgetStatus, Category, CategoryId, Expense, ExpenseId, ExpensePatch,
    NewExpense, Outcome, User, UserId,
};
use crate::store::{
    AddedByName, BulkOutcome, CategoryUsage, ExpenseByName, ExpenseFilter, ExpenseOrder,
    ExpenseRow, ExpenseSelection, ExpenseSwap, HISTORY_LIST_LIMIT, IfExists, ListCount, ListQuery,
    ListScope, MergeOutcome, NamedExpense, NewBudget, NewUserDefaults, RemovedCategory,
    SampleSummary, StoreError, StoreResult, UserDeleted,
};

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A ledger in one `SQLite` file.
pub struct SqliteStore {
    conn: Connection,
    /// The file's path when this process may only read it: every write is refused.
    read_only: Option<PathBuf>,
}

impl SqliteStore {
    /// Opens the database at `path`, creating it (owner-only) with the default categories and
    /// one user when it does not exist yet, and migrating an older schema.
    pub fn open(path: &Path, defaults: &NewUserDefaults) -> StoreResult<SqliteStore> {
        let is_new = !path.exists();
        if is_new {
            create_private_file(path)?;
        } else if marked_read_only(path)? {
            return SqliteStore::open_read_only(path, defaults);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::open(path, &e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| StoreError::open(path, &e))?;
        // SQLite quietly opens a file it may not write (another user's, on a read-only
        // mount) read-only: it is read as such, and nothing is written to it.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            drop(conn);
            return SqliteStore::open_read_only(path, defaults);
        }
        // Before WAL mode rewrites the header: a newer schema must be left byte for byte.
        schema::check_version(&conn, Some(path))?;
        let mut store = SqliteStore::configure(conn).map_err(|e| StoreError::open(path, &e))?;
        schema::migrate(&mut store.conn, Some(path))?;
        store.ensure_defaults(defaults)?;
        Ok(store)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory(defaults: &NewUserDefaults) -> StoreResult<SqliteStore> {
        let mut store = SqliteStore::configure(Connection::open_in_memory()?)?;
        schema::migrate(&mut store.conn, None)?;
        store.ensure_defaults(defaults)?;
        Ok(store)
    }

    fn configure(conn: Connection) -> rusqlite::Result<SqliteStore> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the header here turns "not a database" into an error at open time.
        conn.pragma_update(None, "foreign_keys", true)?;
        // WAL lets the app read while another process writes; FULL syncs every commit so a
        // recorded expense survives a power cut, not only a crash.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(SqliteStore {
            conn,
            read_only: None,
        })
    }

    /// Runs `work` in an IMMEDIATE transaction: it takes the write lock up front, so two
    /// writers queue on the busy timeout instead of failing half way.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        if let Some(path) = &self.read_only {
            return Err(StoreError::ReadOnly { path: path.clone() });
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Starts a read transaction, whose snapshot is taken by its first read.
    pub fn begin_snapshot(&self) -> StoreResult<()> {
        Ok(self.conn.execute_batch("BEGIN DEFERRED")?)
    }

    /// Ends the read transaction `begin_snapshot` started.
    pub fn end_snapshot(&self) -> StoreResult<()> {
        Ok(self.conn.execute_batch("COMMIT")?)
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

/// Whether a file is marked read-only, so it is opened for reading alone even by a user
/// who could write it anyway; a directory is refused. The file is only looked at, never
/// opened: closing any descriptor of a database file drops every lock this process holds
/// on it, and with them the locks of its other connections (a server's pool), which
/// `SQLite` relies on. A file writable by its mode but not by this user, or on a read-only
/// mount, is found after opening, when `SQLite` reports it opened read-only.
fn marked_read_only(path: &Path) -> StoreResult<bool> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "it is a directory, not a database file".into(),
        }),
        Ok(metadata) => Ok(metadata.permissions().readonly()),
        // Anything else SQLite reports itself, with the file's name.
        Err(_) => Ok(false),
    }
}
