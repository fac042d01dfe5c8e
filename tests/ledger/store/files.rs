//! Opening database files: the schema a new file gets, and files that must be left alone.

use std::path::Path;

use smart_spending_tracker::store::{NewUserDefaults, Store, StoreError};

use crate::support::{FOOD, add};

fn open(path: &Path) -> Result<Store, StoreError> {
    Store::open(path, &NewUserDefaults::default())
}

fn pragma<T: rusqlite::types::FromSql>(store: &Store, name: &str) -> T {
    store
        .connection()
        .query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))
        .expect("read the pragma")
}

#[test]
fn a_new_file_gets_the_current_schema_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend.db");
    let store = open(&path).expect("create the database");
    assert_eq!(pragma::<i64>(&store, "user_version"), 4);
    assert_eq!(pragma::<i64>(&store, "foreign_keys"), 1);
    assert_eq!(pragma::<String>(&store, "journal_mode"), "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
}

#[test]
fn reopening_keeps_data_and_adds_no_second_set_of_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend.db");
    let mut store = open(&path).expect("create");
    let me = store.resolve_user(None).expect("the starting user").id;
    let added = add(&mut store, me, FOOD, "12.50", "2025-05-02");
    drop(store);

    let store = open(&path).expect("reopen");
    assert_eq!(store.users().expect("users").len(), 1);
    assert_eq!(store.categories().expect("categories").len(), 5);
    assert_eq!(
        store.expense(added.expense.id).expect("kept"),
        added.expense
    );
    assert_eq!(pragma::<i64>(&store, "foreign_keys"), 1);
}

/// Asserts that opening `path` fails as `check` expects and leaves the file's bytes alone.
fn refused_untouched(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).expect("read the file");
    let error = open(path).err().expect("opening must fail");
    assert!(check(&error), "unexpected error: {error:?}");
    let after = std::fs::read(path).expect("read the file again");
    let first_difference = before.iter().zip(&after).position(|(a, b)| a != b);
    assert!(
        after == before,
        "the file changed: {} bytes before, {} after, first difference at {first_difference:?}",
        before.len(),
        after.len()
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create with rusqlite");
        conn.execute_batch(
            "CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (42);
             PRAGMA user_version = 5;",
        )
        .expect("write a future schema");
    }
    let too_new = |e: &StoreError| {
        matches!(
            e,
            StoreError::SchemaTooNew {
                found: 5,
                supported: 4
            }
        )
    };
    refused_untouched(&path, too_new);
    // Twice: the first refusal must not have migrated or converted anything either.
    refused_untouched(&path, too_new);
}

#[test]
fn a_spend_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend.db");
    drop(open(&path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("open with rusqlite");
        conn.pragma_update(None, "user_version", 7)
            .expect("bump the version");
    }
    refused_untouched(&path, |e| {
        matches!(e, StoreError::SchemaTooNew { found: 7, .. })
    });
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in [
        ("notes.txt", "groceries 250\ntaxi 150\n".repeat(200)),
        ("short.txt", "hello".to_string()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &content).expect("write the file");
        refused_untouched(
            &path,
            |e| matches!(e, StoreError::NotADatabase { path: p } if p == &path),
        );
        assert!(
            !dir.path().join(format!("{name}-wal")).exists(),
            "no WAL file next to {name}"
        );
    }
}
