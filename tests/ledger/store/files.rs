//! Files: the schema a new database file gets, files that must be left alone, and the
//! export files the app writes. Reopening a ledger is checked on both engines; the rest is
//! about `SQLite` files.

use std::path::Path;

use smart_spending_tracker::store::{NewUserDefaults, SCHEMA_VERSION, Store, StoreError};

use crate::ledgers::{Ledger, on_every_engine};
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

// SQLite only: about the file's schema version, journal and permissions.
#[test]
fn a_new_file_gets_the_current_schema_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend.db");
    let store = open(&path).expect("create the database");
    assert_eq!(pragma::<i64>(&store, "user_version"), SCHEMA_VERSION);
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
    on_every_engine(Ledger::shared, |mut store| {
        let me = store.resolve_user(None).expect("the starting user").id;
        let added = add(&mut store, me, FOOD, "12.50", "2025-05-02");

        let again = store.open_again();
        assert_eq!(again.users().expect("users").len(), 1);
        assert_eq!(again.categories().expect("categories").len(), 5);
        assert_eq!(
            again.expense(me, added.expense.id).expect("kept"),
            added.expense
        );
        if again.sqlite().is_some() {
            assert_eq!(pragma::<i64>(&again, "foreign_keys"), 1);
        }
    });
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

// SQLite only: about an SQLite file's bytes.
#[test]
fn a_newer_schema_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create with rusqlite");
        conn.execute_batch(
            "CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (42);
             PRAGMA user_version = 99;",
        )
        .expect("write a future schema");
    }
    let too_new = |e: &StoreError| {
        matches!(
            e,
            StoreError::SchemaTooNew {
                found: 99,
                supported: SCHEMA_VERSION
            }
        )
    };
    refused_untouched(&path, too_new);
    // Twice: the first refusal must not have migrated or converted anything either.
    refused_untouched(&path, too_new);
}

// SQLite only: about an SQLite file's bytes.
#[test]
fn a_spend_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend.db");
    drop(open(&path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("open with rusqlite");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump the version");
    }
    refused_untouched(
        &path,
        |e| matches!(e, StoreError::SchemaTooNew { found, .. } if *found == SCHEMA_VERSION + 1),
    );
}

// SQLite only: about a file that is not a database.
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

/// The app's `x` writes the month's file again each time: it replaces the old file, in one
/// step, and the new one is owner-only like the database.
// SQLite only: about the export file, which no engine touches.
#[cfg(unix)]
#[test]
fn the_apps_export_replaces_its_file_owner_only() {
    use std::os::unix::fs::PermissionsExt;

    use smart_spending_tracker::export::export_to_file;
    use smart_spending_tracker::store::ExpenseFilter;

    let store = crate::support::sample_store();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend-2025-05.csv");
    std::fs::write(&path, "an older export\n").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let filter = ExpenseFilter {
        search: None,
        user: None,
        from: None,
        to: None,
    };
    assert_eq!(export_to_file(&store, &filter, &path).expect("export"), 5);
    let written = std::fs::read_to_string(&path).expect("read");
    assert!(written.starts_with("id,user_id,"), "{written}");
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["spend-2025-05.csv"]);
}

/// A database at schema version 2 whose alerts have only their message gets the alert
/// fields on opening: category and month from the budget row, the amounts from the
/// message, the currency from the user; what cannot be known stays empty.
// SQLite only: it upgrades an SQLite file written by an older schema.
#[test]
fn alerts_fired_before_their_fields_were_kept_get_them_on_upgrade() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v2.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(concat!(
            include_str!("../../../src/store/sqlite/migrations/001_initial.sql"),
            include_str!("../../../src/store/sqlite/migrations/002_scale_indexes.sql"),
            "PRAGMA user_version = 2;
             INSERT INTO users (name, email) VALUES ('Aman', 'aman@example.com');
             INSERT INTO categories (name) VALUES ('Food / Drinks');
             INSERT INTO budgets (user_id, category_id, year, month, amount)
             VALUES (1, 1, 2025, 5, 600000);
             INSERT INTO alerts (user_id, budget_id, alert_type, message) VALUES
               (1, 1, 'BUDGET_EXCEEDED',
                'Budget exceeded for Food / Drinks for May 2025. Spent: 5200.00 / 5000.00'),
               (1, NULL, 'BUDGET_WARNING', 'Budget warning, wording of long ago');
             INSERT INTO settings (key, value) VALUES ('initialized', '1');"
        ))
        .expect("a version 2 database");
    }
    let store = open(&path).expect("open and upgrade");
    let user = store.resolve_user(None).expect("the user");
    let alerts = store.alerts(user.id, true).expect("alerts");
    let fields: Vec<_> = alerts
        .iter()
        .map(|a| {
            (
                a.category.clone(),
                a.month.map(|m| m.to_string()),
                a.spent.map(|d| d.to_string()),
                a.budget.map(|d| d.to_string()),
                a.currency.map(|c| c.to_string()),
            )
        })
        .collect();
    let some = |text: &str| Some(text.to_string());
    assert_eq!(
        fields,
        [
            (None, None, None, None, some("INR")),
            (
                some("Food / Drinks"),
                some("2025-05"),
                some("5200.00"),
                some("5000.00"),
                some("INR")
            ),
        ],
        "newest first; the amounts as fired, not the budget row's 6000.00"
    );
}
