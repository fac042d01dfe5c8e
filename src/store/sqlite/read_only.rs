//! A ledger file this process may not write: marked read-only, on a read-only mount, or
//! another user's. Every read works as on any other ledger, and nothing is written to it: a
//! write is refused with the file's name before it starts.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, SqliteStore, schema};
use crate::store::{NewUserDefaults, StoreError, StoreResult};

impl SqliteStore {
    /// Opens a ledger file for reading only. A WAL ledger is read through its shared-memory
    /// index when the index exists or can be made beside the file; when it can be neither
    /// (the directory is read-only too, and no `-wal` file holds unfinished writes), the file
    /// is read as it stands, which is all there is to it.
    pub(super) fn open_read_only(
        path: &Path,
        defaults: &NewUserDefaults,
    ) -> StoreResult<SqliteStore> {
        let conn = match connect(path, false) {
            Ok(conn) => conn,
            Err(_) if !wal_beside(path).exists() => connect(path, true)?,
            Err(error) => return Err(error),
        };
        let version = schema::check_version(&conn, Some(path))?;
        if version < schema::SCHEMA_VERSION {
            // Bringing the schema up to date would write; it waits for a writable file.
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = SqliteStore {
            conn,
            read_only: Some(path.to_path_buf()),
        };
        // A ledger set up long ago needs nothing written; a new one cannot be set up here.
        store.ensure_defaults(defaults)?;
        Ok(store)
    }
}

/// A read-only connection that has read the schema, so a file it cannot read fails here.
fn connect(path: &Path, immutable: bool) -> StoreResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri(path, immutable), flags)
        .map_err(|e| StoreError::open(path, &e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| StoreError::open(path, &e))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|e| StoreError::open(path, &e))?;
    Ok(conn)
}

/// The `file:` URI of a path, read-only: `%`, `?` and `#` escaped, as `SQLite` reads them.
fn uri(path: &Path, immutable: bool) -> String {
    let mut text = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => text.push_str("%25"),
            '?' => text.push_str("%3f"),
            '#' => text.push_str("%23"),
            c => text.push(c),
        }
    }
    text.push_str("?mode=ro");
    if immutable {
        text.push_str("&immutable=1");
    }
    text
}

/// The write-ahead log beside a ledger file.
fn wal_beside(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_becomes_a_read_only_uri_with_its_special_characters_escaped() {
        assert_eq!(
            uri(Path::new("/home/a b/100%?#.db"), false),
            "file:/home/a b/100%25%3f%23.db?mode=ro"
        );
        assert_eq!(
            uri(Path::new("spend.db"), true),
            "file:spend.db?mode=ro&immutable=1"
        );
    }
}
