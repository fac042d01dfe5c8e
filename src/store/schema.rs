//! Versioned migrations: numbered SQL files, only ever added to, tracked in PRAGMA `user_version`.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use super::{StoreError, StoreResult};

/// Each entry moves the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_scale_indexes.sql"),
    include_str!("migrations/003_alert_fields.sql"),
];

/// The schema version this program writes.
#[allow(clippy::cast_possible_wrap)] // a handful of migrations, far below i64::MAX
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Every migration this program knows, oldest first.
#[cfg(test)]
pub(super) fn migrations() -> &'static [&'static str] {
    MIGRATIONS
}

/// The schema version of the database, refusing one newer than this program writes and a
/// database of another program. Only reads, so a refused file is left exactly as it was.
pub fn check_version(conn: &Connection, path: Option<&Path>) -> StoreResult<i64> {
    check_version_against(conn, path, SCHEMA_VERSION)
}

fn check_version_against(
    conn: &Connection,
    path: Option<&Path>,
    supported: i64,
) -> StoreResult<i64> {
    let open_error = |e: rusqlite::Error| match path {
        Some(path) => StoreError::open(path, &e),
        None => StoreError::Sqlite(e),
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(open_error)?;
    if version > supported {
        return Err(StoreError::SchemaTooNew {
            found: version,
            supported,
        });
    }
    if version == 0
        && let Some(path) = path
    {
        // Migration 001 sets the version in the transaction that creates the tables, so
        // tables at version 0 belong to someone else: never write into them.
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(open_error)?;
        if tables > 0 {
            return Err(StoreError::ForeignDatabase {
                path: path.to_path_buf(),
            });
        }
    }
    Ok(version)
}

/// Brings the schema up to date in one transaction; a newer schema is refused untouched.
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> StoreResult<()> {
    migrate_with_backup(conn, path, MIGRATIONS).map(drop)
}

/// Applies the `migrations` a database lacks, in one IMMEDIATE transaction. A database file
/// that already has a schema is first copied next to itself (`spend.db.bak-v1`) with the
/// write lock held, so the copy is exactly what the migration started from; if the copy
/// fails, nothing is migrated. Returns where the copy went, if one was made.
pub(super) fn migrate_with_backup(
    conn: &mut Connection,
    path: Option<&Path>,
    migrations: &[&str],
) -> StoreResult<Option<PathBuf>> {
    let target = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    let version = check_version_against(conn, path, target)?;
    if version == target {
        return Ok(None);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the write lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let copy = match path {
        Some(path) if version >= 1 && version < target => {
            Some(super::backup::before_migration(path, version)?)
        }
        _ => None,
    };
    for (index, sql) in migrations
        .iter()
        .enumerate()
        .skip(usize::try_from(version).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
    }
    tx.commit()?;
    Ok(copy)
}
