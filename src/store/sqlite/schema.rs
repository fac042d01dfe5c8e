//! Versioned migrations: numbered SQL files, only ever added to, tracked in PRAGMA `user_version`.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use super::{StoreError, StoreResult};

/// One numbered SQL file: applying it moves the schema to `version`, its file's number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Migration {
    pub(super) version: i64,
    /// The file's name, checked against `version` by a test.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) file: &'static str,
    pub(super) sql: &'static str,
}

/// A migration from its number and file name in `migrations/`.
macro_rules! migration {
    ($version:literal, $file:literal) => {
        Migration {
            version: $version,
            file: $file,
            sql: include_str!(concat!("migrations/", $file)),
        }
    };
}

/// Every migration, by number. A database at version N gets each one numbered above N, in
/// order, so a migration is added with one line here.
const MIGRATIONS: &[Migration] = &[
    migration!(1, "001_initial.sql"),
    migration!(2, "002_scale_indexes.sql"),
    migration!(3, "003_alert_fields.sql"),
    migration!(4, "004_search.sql"),
    migration!(5, "005_import.sql"),
    migration!(6, "006_api_tokens.sql"),
    migration!(7, "007_standing_budgets.sql"),
    migration!(8, "008_recurring.sql"),
    migration!(9, "009_currency.sql"),
    migration!(10, "010_budget_terms.sql"),
];

/// The schema version this program writes: the number of its last migration.
pub const SCHEMA_VERSION: i64 = last_version(MIGRATIONS);

const fn last_version(migrations: &[Migration]) -> i64 {
    match migrations.last() {
        Some(last) => last.version,
        None => 0,
    }
}

/// Every migration this program knows, oldest first.
#[cfg(test)]
pub(super) fn migrations() -> &'static [Migration] {
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
    migrations: &[Migration],
) -> StoreResult<Option<PathBuf>> {
    let target = last_version(migrations);
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
    for migration in migrations.iter().filter(|m| m.version > version) {
        tx.execute_batch(migration.sql)?;
        tx.pragma_update(None, "user_version", migration.version)?;
    }
    tx.commit()?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_as_their_files_and_in_order() {
        for pair in MIGRATIONS.windows(2) {
            assert!(
                pair[0].version < pair[1].version,
                "{} must come before {}",
                pair[0].file,
                pair[1].file
            );
        }
        for migration in MIGRATIONS {
            assert!(
                migration
                    .file
                    .starts_with(&format!("{:03}_", migration.version)),
                "{} is registered as number {}",
                migration.file,
                migration.version
            );
        }
        assert_eq!(SCHEMA_VERSION, 10);
    }

    #[test]
    fn a_database_gets_only_the_migrations_numbered_above_its_version() {
        let mut conn = Connection::open_in_memory().expect("db");
        let numbered = |version, sql| Migration {
            version,
            file: "",
            sql,
        };
        let first = [numbered(1, "CREATE TABLE a (x);")];
        migrate_with_backup(&mut conn, None, &first).expect("version 1");
        // A migration numbered 2 that this database never gets, since it is at 3 already.
        conn.pragma_update(None, "user_version", 3)
            .expect("version 3");
        let later = [
            numbered(1, "CREATE TABLE a (x);"),
            numbered(2, "CREATE TABLE b (x);"),
            numbered(5, "CREATE TABLE c (x);"),
        ];
        migrate_with_backup(&mut conn, None, &later).expect("version 5");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .expect("version");
        assert_eq!(version, 5);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .expect("prepare")
            .query_map([], |row| row.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("names");
        assert_eq!(tables, ["a", "c"]);
    }
}
