//! Versioned migrations: numbered SQL files, only ever added to, tracked in PRAGMA `user_version`.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{StoreError, StoreResult};

/// Each entry moves the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[include_str!("migrations/001_initial.sql")];

/// The schema version this program writes.
#[allow(clippy::cast_possible_wrap)] // a handful of migrations, far below i64::MAX
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of the database, refusing one newer than this program writes.
/// Only reads, so a refused file is left exactly as it was.
pub fn check_version(conn: &Connection, path: Option<&Path>) -> StoreResult<i64> {
    let open_error = |e: rusqlite::Error| match path {
        Some(path) => StoreError::open(path, &e),
        None => StoreError::Sqlite(e),
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(open_error)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Brings the schema up to date in one transaction; a newer schema is refused untouched.
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> StoreResult<()> {
    let version = check_version(conn, path)?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the write lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(version).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
    }
    tx.commit()?;
    Ok(())
}
