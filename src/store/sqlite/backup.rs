//! Consistent copies of the database with `SQLite`'s online backup: `spend backup FILE`, and
//! the copy kept next to a database before its schema is migrated.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::store::files::{check_destination, create_partial, publish, sync_directory};

use super::IfExists;
use super::{BUSY_TIMEOUT, SqliteStore, StoreError, StoreResult};

/// How long a copy waits before retrying when another connection holds a lock it needs.
const RETRY_PAUSE: Duration = Duration::from_millis(20);

/// Most numbered alternatives tried when `spend.db.bak-vN` is taken by an earlier copy.
const MAX_BACKUP_NAMES: u32 = 100;

impl SqliteStore {
    /// Writes a consistent copy of the database to `dest`, as it stood at one moment, while
    /// other processes go on writing. The copy is owner-only and self-contained (no WAL); it
    /// appears under its name only when complete. An existing file is refused unless
    /// `if_exists` says to replace it.
    pub fn backup_to(&self, dest: &Path, if_exists: IfExists) -> StoreResult<()> {
        check_destination(dest, if_exists)?;
        let partial = write_partial(&self.conn, dest)?;
        publish(&partial, dest, if_exists)
    }
}

/// Copies the database at `path`, about to be migrated from `version`, to
/// `path.bak-vVERSION` (or `path.bak-vVERSION-2` and on, if an earlier copy has the name).
/// The caller holds the write lock without having written, so a second connection reads
/// exactly what the migration starts from (`SQLite` cannot back up through a connection that
/// is in a write transaction).
pub(super) fn before_migration(path: &Path, version: i64) -> StoreResult<PathBuf> {
    let base = format!("{}.bak-v{version}", file_name(path)?);
    let names: Vec<PathBuf> = std::iter::once(base.clone())
        .chain((2..=MAX_BACKUP_NAMES).map(|n| format!("{base}-{n}")))
        .map(|name| path.with_file_name(name))
        .collect();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags)
        .map_err(StoreError::from)
        .and_then(|source| copy_to_first_free(&source, &names))
        .map_err(|error| StoreError::MigrationBackup {
            path: path.to_path_buf(),
            reason: error.to_string(),
        })
}

/// Copies into a hidden file beside the first name, then links it under the first of
/// `names` that is free: the link is atomic and fails rather than replace a file.
fn copy_to_first_free(source: &Connection, names: &[PathBuf]) -> StoreResult<PathBuf> {
    let first = names
        .first()
        .ok_or_else(|| StoreError::InvalidInput("no file name was given for the backup".into()))?;
    let partial = write_partial(source, first)?;
    let result = publish_first_free(&partial, names);
    // After a successful link the copy lives on under its final name.
    let _ = std::fs::remove_file(&partial);
    result
}

/// The copy, written to a hidden owner-only file beside `dest`; nothing is left behind
/// when it fails.
fn write_partial(source: &Connection, dest: &Path) -> StoreResult<PathBuf> {
    let backup_error = |reason: String| StoreError::Backup {
        path: dest.to_path_buf(),
        reason,
    };
    let partial = create_partial(dest).map_err(|error| match error {
        StoreError::Write { reason, .. } => backup_error(reason),
        other => other,
    })?;
    match write_copy(source, &partial) {
        Ok(()) => Ok(partial),
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(backup_error(error.to_string()))
        }
    }
}

/// Copies every page in one step, so the copy is one consistent snapshot, then makes it a
/// standalone rollback-journal file and flushes it to disk.
fn write_copy(source: &Connection, partial: &Path) -> Result<(), CopyError> {
    let mut target = Connection::open(partial)?;
    {
        let backup = Backup::new(source, &mut target)?;
        let started = std::time::Instant::now();
        // -1: every page in one step.
        while backup.step(-1)? != StepResult::Done {
            if started.elapsed() > BUSY_TIMEOUT {
                return Err(CopyError::Busy);
            }
            std::thread::sleep(RETRY_PAUSE);
        }
    }
    let _mode: String =
        target.pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))?;
    target.close().map_err(|(_, error)| error)?;
    std::fs::File::open(partial)?.sync_all()?;
    Ok(())
}

/// Gives the finished copy the first free name, never replacing an existing file.
fn publish_first_free(partial: &Path, names: &[PathBuf]) -> StoreResult<PathBuf> {
    for name in names {
        match std::fs::hard_link(partial, name) {
            Ok(()) => {
                sync_directory(name);
                return Ok(name.clone());
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => {
                return Err(StoreError::Backup {
                    path: name.clone(),
                    reason: error.to_string(),
                });
            }
        }
    }
    Err(StoreError::FileExists {
        path: names.first().cloned().unwrap_or_default(),
    })
}

fn file_name(path: &Path) -> StoreResult<String> {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| StoreError::InvalidInput(format!("{} is not a file name", path.display())))
}

/// Why writing a copy failed, from `SQLite` or the file system.
#[derive(Debug, thiserror::Error)]
enum CopyError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("the database stayed locked by another connection; try again")]
    Busy,
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use rusqlite::{Connection, OpenFlags};

    use super::super::schema::{Migration, SCHEMA_VERSION, migrate_with_backup, migrations};
    use super::super::{NewUserDefaults, SqliteStore};

    /// A migration this program does not have, to test the path every future one takes.
    const FAKE_NEXT: &str = "CREATE TABLE receipts (id INTEGER PRIMARY KEY, image BLOB);";

    fn read_only(path: &Path) -> Connection {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open")
    }

    fn value(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |row| row.get(0)).expect(sql)
    }

    fn has_table(conn: &Connection, name: &str) -> bool {
        value(
            conn,
            &format!("SELECT count(*) FROM sqlite_master WHERE name = '{name}'"),
        ) == 1
    }

    /// A database at schema version 1 (only the first migration), in WAL mode as the app
    /// keeps it, holding one user and one expense.
    fn version_one(dir: &Path) -> PathBuf {
        let path = dir.join("spend.db");
        let mut conn = Connection::open(&path).expect("create");
        let _: String = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
            .expect("WAL");
        migrate_with_backup(&mut conn, Some(&path), &migrations()[..1]).expect("version 1");
        conn.execute_batch(
            "INSERT INTO users (name, email) VALUES ('Me', 'me@localhost');
             INSERT INTO categories (name) VALUES ('Food');
             INSERT INTO expenses (user_id, category_id, amount, date, note)
             VALUES (1, 1, 1250, '2025-05-02', 'before the upgrade');
             INSERT INTO settings (key, value) VALUES ('initialized', '1');",
        )
        .expect("rows");
        assert_eq!(value(&conn, "PRAGMA user_version"), 1);
        path
    }

    /// The migrations this program has, and one more.
    fn with_a_next_one() -> Vec<Migration> {
        migrations()
            .iter()
            .copied()
            .chain([next_migration(FAKE_NEXT)])
            .collect()
    }

    /// A migration numbered after every one this program has.
    fn next_migration(sql: &'static str) -> Migration {
        Migration {
            version: SCHEMA_VERSION + 1,
            file: "",
            sql,
        }
    }

    /// The names of copies and partial copies in a directory, sorted.
    fn copies(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.contains(".bak-") || name.contains(".partial"))
            .collect();
        names.sort();
        names
    }

    fn assert_owner_only(path: &Path) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).expect("stat").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}: mode {mode:o}", path.display());
        }
    }

    #[test]
    fn opening_an_older_database_copies_it_before_migrating() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = version_one(dir.path());
        let store =
            SqliteStore::open(&path, &NewUserDefaults::default()).expect("open and migrate");
        assert_eq!(
            value(store.connection(), "PRAGMA user_version"),
            SCHEMA_VERSION
        );
        assert_eq!(
            value(store.connection(), "SELECT count(*) FROM expenses"),
            1
        );

        let copy_path = dir.path().join("spend.db.bak-v1");
        let copy = read_only(&copy_path);
        assert_eq!(value(&copy, "PRAGMA user_version"), 1);
        let integrity: String = copy
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .expect("integrity_check");
        assert_eq!(integrity, "ok");
        let note: String = copy
            .query_row("SELECT note FROM expenses", [], |row| row.get(0))
            .expect("the expense");
        assert_eq!(note, "before the upgrade");
        assert_owner_only(&copy_path);
        drop(store);

        // Up to date now: opening again copies nothing more.
        drop(SqliteStore::open(&path, &NewUserDefaults::default()).expect("reopen"));
        assert_eq!(copies(dir.path()), ["spend.db.bak-v1"]);
    }

    #[test]
    fn a_future_migration_is_preceded_by_a_copy_of_the_schema_before_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = version_one(dir.path());
        let mut store = SqliteStore::open(&path, &NewUserDefaults::default()).expect("open");
        let copy = migrate_with_backup(&mut store.conn, Some(&path), &with_a_next_one())
            .expect("migrate")
            .expect("a copy was made");
        assert_eq!(
            copy,
            dir.path().join(format!("spend.db.bak-v{SCHEMA_VERSION}"))
        );
        assert_eq!(
            value(store.connection(), "PRAGMA user_version"),
            SCHEMA_VERSION + 1
        );
        assert!(has_table(store.connection(), "receipts"));
        let old = read_only(&copy);
        assert_eq!(value(&old, "PRAGMA user_version"), SCHEMA_VERSION);
        assert!(
            !has_table(&old, "receipts"),
            "the copy is the schema before"
        );
        assert_eq!(value(&old, "SELECT count(*) FROM expenses"), 1);
        assert_owner_only(&copy);
    }

    #[test]
    fn a_taken_backup_name_gets_a_number_and_the_old_copy_is_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = version_one(dir.path());
        std::fs::write(dir.path().join("spend.db.bak-v1"), "an older copy").expect("write");
        drop(SqliteStore::open(&path, &NewUserDefaults::default()).expect("open and migrate"));
        assert_eq!(copies(dir.path()), ["spend.db.bak-v1", "spend.db.bak-v1-2"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("spend.db.bak-v1")).expect("read"),
            "an older copy"
        );
        let copy = read_only(&dir.path().join("spend.db.bak-v1-2"));
        assert_eq!(value(&copy, "SELECT count(*) FROM expenses"), 1);
    }

    #[test]
    fn a_failed_migration_leaves_the_database_as_it_was_and_the_copy_beside_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = version_one(dir.path());
        let mut store = SqliteStore::open(&path, &NewUserDefaults::default()).expect("open");
        let broken: Vec<Migration> = migrations()
            .iter()
            .copied()
            .chain([next_migration(
                "CREATE TABLE receipts (id INTEGER); SELECT no_such_function();",
            )])
            .collect();
        migrate_with_backup(&mut store.conn, Some(&path), &broken).expect_err("must fail");
        assert_eq!(
            value(store.connection(), "PRAGMA user_version"),
            SCHEMA_VERSION
        );
        assert!(!has_table(store.connection(), "receipts"));
        let copy = read_only(&dir.path().join(format!("spend.db.bak-v{SCHEMA_VERSION}")));
        assert_eq!(value(&copy, "SELECT count(*) FROM expenses"), 1);
    }

    #[test]
    fn a_new_database_needs_no_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("new.db");
        let store = SqliteStore::open(&path, &NewUserDefaults::default()).expect("create");
        assert_eq!(
            value(store.connection(), "PRAGMA user_version"),
            SCHEMA_VERSION
        );
        assert!(copies(dir.path()).is_empty());
    }

    #[test]
    fn when_no_copy_can_be_written_nothing_is_migrated() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = version_one(dir.path());
        // Every name the copy could take is already a directory.
        std::fs::create_dir(dir.path().join("spend.db.bak-v1")).expect("mkdir");
        for n in 2..=super::MAX_BACKUP_NAMES {
            std::fs::create_dir(dir.path().join(format!("spend.db.bak-v1-{n}"))).expect("mkdir");
        }
        let error = SqliteStore::open(&path, &NewUserDefaults::default())
            .err()
            .expect("no free name");
        assert!(
            error.to_string().starts_with(&format!(
                "cannot back up {} before upgrading its schema, so it was left as it was",
                path.display()
            )),
            "{error}"
        );
        assert_eq!(value(&read_only(&path), "PRAGMA user_version"), 1);
        assert!(
            !copies(dir.path())
                .iter()
                .any(|name| name.contains("partial")),
            "no partial copy is left behind"
        );
    }
}
