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

use std::path::Path;

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
}

impl SqliteStore {
    /// Opens the database at `path`, creating it (owner-only) with the default categories and
    /// one user when it does not exist yet, and migrating an older schema.
    pub fn open(path: &Path, defaults: &NewUserDefaults) -> StoreResult<SqliteStore> {
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
        Ok(SqliteStore { conn })
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

/// Refuses a file marked read-only before `SQLite` sees it, so nothing is created beside it
/// and the message says what is wrong. The file is only looked at, never opened: closing
/// any descriptor of a database file drops every lock this process holds on it, and with
/// them the locks of its other connections (a server's pool), which `SQLite` relies on. A
/// file writable by its mode but not by this user, or on a read-only mount, is caught
/// after opening, when `SQLite` reports it opened read-only.
fn check_writable(path: &Path) -> StoreResult<()> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "it is a directory, not a database file".into(),
        }),
        Ok(metadata) if metadata.permissions().readonly() => Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        }),
        // Anything else SQLite reports itself, with the file's name.
        _ => Ok(()),
    }
}
