//! Files: a database `spend` must not touch is refused with one clear line and left byte
//! for byte, new files are owner-only, and `spend backup` makes consistent copies while
//! others write. (The copy made before a migration is tested in src/store/backup.rs, where a
//! fake second migration can be fed in.)

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::support::child::{ADDER, start_role};
use crate::support::invariants::check_database;
use crate::support::nobody::Account;
use crate::support::{Run, Spend, fails, names, snapshot, spend_command, tree};

/// A real database with data, closed.
fn spend_database(path: &Path) {
    let spend = spend_command(path)
        .arg("sample")
        .output()
        .expect("spend sample");
    assert!(
        spend.status.success(),
        "{}",
        String::from_utf8_lossy(&spend.stderr)
    );
}

/// A bad file: how to make it, and what the error line must say.
struct BadFile {
    what: &'static str,
    make: fn(&Path) -> PathBuf,
    says: &'static str,
}

const BAD_FILES: [BadFile; 6] = [
    BadFile {
        what: "a text file",
        make: |dir| {
            let path = dir.join("notes.txt");
            std::fs::write(&path, "groceries 250\ntaxi 150\n".repeat(300)).expect("write");
            path
        },
        says: "is not a Smart Spending Tracker database (not SQLite)",
    },
    BadFile {
        what: "a database cut short",
        make: |dir| {
            let path = dir.join("cut.db");
            spend_database(&path);
            let bytes = std::fs::read(&path).expect("read");
            std::fs::write(&path, &bytes[..60]).expect("truncate");
            path
        },
        says: "is damaged (database disk image is malformed); restore it from a copy",
    },
    BadFile {
        what: "a newer schema",
        make: |dir| {
            let path = dir.join("future.db");
            spend_database(&path);
            let conn = rusqlite::Connection::open(&path).expect("open");
            // Well past any version this program writes, so the test outlives new migrations.
            conn.pragma_update(None, "user_version", 99).expect("bump");
            conn.pragma_update(None, "journal_mode", "DELETE")
                .expect("no WAL");
            path
        },
        says: "database schema version 99 is newer than this program understands",
    },
    BadFile {
        what: "another program's SQLite database",
        make: |dir| {
            let path = dir.join("other.sqlite");
            let conn = rusqlite::Connection::open(&path).expect("create");
            conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);")
                .expect("write");
            path
        },
        says: "is a SQLite database of another program; choose another --db file",
    },
    BadFile {
        what: "a directory",
        make: |dir| {
            let path = dir.join("folder");
            std::fs::create_dir(&path).expect("mkdir");
            std::fs::write(path.join("inside.txt"), "keep me").expect("write");
            path
        },
        says: "it is a directory, not a database file",
    },
    BadFile {
        what: "a missing directory",
        make: |dir| dir.join("missing").join("spend.db"),
        says: "does not exist; create it or choose another --db file",
    },
];

/// A directory for one bad file.
fn case_dir(parent: &Path, index: usize) -> PathBuf {
    let dir = parent.join(format!("case{index}"));
    std::fs::create_dir(&dir).expect("mkdir");
    dir
}

#[test]
fn bad_files_get_one_clear_line_and_are_left_byte_for_byte() {
    let root = tempfile::tempdir().expect("temp dir");
    // `nobody` must be able to reach the cases.
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let owner = Account::unprivileged(root.path());
    for (index, bad) in BAD_FILES.iter().enumerate() {
        let dir = case_dir(root.path(), index);
        let path = (bad.make)(&dir);
        owner.take(&dir);
        let before = tree(&dir);
        let copy = dir.join("copy.db");
        let copy = copy.to_str().expect("UTF-8");
        for args in [
            &["list"][..],
            &["add", "5", "Food"],
            &["report"],
            &["backup", copy],
        ] {
            let run: Run = owner
                .command(&path)
                .args(args)
                .output()
                .expect("run spend")
                .into();
            let line = fails(&run, &(bad.what, args));
            assert!(line.contains(bad.says), "{}: {line}", bad.what);
            assert!(line.len() < 200, "{}: one short line: {line}", bad.what);
            assert!(
                tree(&dir) == before,
                "{} {args:?}: files changed or appeared: {:?}",
                bad.what,
                names(&dir)
            );
        }
    }
}

#[test]
fn new_databases_and_their_wal_files_are_owner_only() {
    let spend = Spend::new();
    spend.ok(&["add", "5", "Food"]);
    let store = Store::open(spend.db(), &NewUserDefaults::default()).expect("open");
    assert!(store.expense_count().expect("count") == 1);
    let dir = spend.dir();
    assert_eq!(
        names(dir),
        ["spend.db", "spend.db-shm", "spend.db-wal"],
        "while open"
    );
    for name in ["spend.db", "spend.db-shm", "spend.db-wal"] {
        let mode = std::fs::metadata(dir.join(name))
            .expect("stat")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}: {mode:o}");
    }
    let copy = spend.dir().join("copy.db");
    spend.ok(&["backup", copy.to_str().expect("UTF-8")]);
    let mode = std::fs::metadata(&copy).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the backup: {mode:o}");
}

#[test]
fn a_backup_is_a_complete_standalone_copy_and_replaces_a_file_only_with_force() {
    let spend = Spend::with_sample();
    spend.ok(&[
        "add",
        "2000",
        "Shopping",
        "--date",
        "2025-05-15",
        "--note",
        "over budget",
    ]);
    let copy = spend.dir().join("copy.db");
    let copy_text = copy.to_str().expect("UTF-8");
    assert_eq!(
        spend.ok(&["backup", copy_text]),
        format!("backed up the database to {copy_text}\n")
    );
    assert_eq!(
        snapshot(&copy),
        snapshot(spend.db()),
        "every table, every row"
    );
    let header = std::fs::read(&copy).expect("read the copy");
    assert_eq!(
        &header[18..20],
        [1, 1],
        "a rollback-journal file that needs no WAL beside it"
    );
    assert!(!spend.dir().join("copy.db-wal").exists());
    check_database(&copy);

    // An existing file is refused and left alone, whatever it is.
    let before = std::fs::read(&copy).expect("read");
    let error = spend.refused(&["backup", copy_text]);
    assert_eq!(
        error,
        format!(
            "error: {copy_text} already exists; choose a new name, or add --force to replace it"
        )
    );
    assert_eq!(std::fs::read(&copy).expect("read"), before);
    let error = spend.refused(&["backup", spend.dir().to_str().expect("UTF-8")]);
    assert!(error.contains("is a directory"), "{error}");

    // --force replaces it in one step with a fresh copy, owner-only.
    spend.ok(&["add", "1", "Food", "--note", "after the first copy"]);
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert_eq!(
        spend.ok(&["backup", copy_text, "--force"]),
        format!("backed up the database to {copy_text}\n")
    );
    assert_eq!(snapshot(&copy), snapshot(spend.db()), "the newer copy");
    let mode = std::fs::metadata(&copy).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the replaced backup: {mode:o}");

    let missing = spend.dir().join("missing").join("copy.db");
    let error = spend.refused(&["backup", missing.to_str().expect("UTF-8")]);
    assert!(
        error.contains("directory") && error.contains("does not exist"),
        "{error}"
    );
    let leftovers: Vec<String> = names(spend.dir())
        .into_iter()
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn backups_taken_while_others_write_are_each_consistent() {
    let spend = Spend::new();
    for name in ["Writer 1", "Writer 2"] {
        spend.ok(&["category", "add", name]);
        spend.ok(&["budget", "set", name, "800", "--month", "2025-05"]);
    }
    let mut writers: Vec<_> = ["Writer 1", "Writer 2"]
        .iter()
        .map(|name| {
            start_role(
                ADDER,
                spend.db(),
                &[
                    ("SPEND_TEST_CATEGORY", (*name).to_string()),
                    ("SPEND_TEST_COUNT", "1500".to_string()),
                ],
            )
        })
        .collect();
    let mut copies = Vec::new();
    let mut mid_run = 0;
    while copies.len() < 200 {
        let all_done = writers
            .iter_mut()
            .all(|w| w.child.try_wait().expect("poll a writer").is_some());
        if all_done && copies.len() >= 3 {
            break;
        }
        let copy = spend.dir().join(format!("copy{}.db", copies.len()));
        spend.ok(&["backup", copy.to_str().expect("UTF-8")]);
        let (checked, _) = check_database(&copy);
        if checked.expenses > 0 && checked.expenses < 3000 {
            mid_run += 1;
        }
        copies.push(checked);
    }
    for writer in writers {
        let done = writer.finish();
        assert!(done.status.success(), "{:?}: {}", done.status, done.stderr);
    }
    assert!(
        mid_run > 0,
        "no copy was taken while the writers wrote: {copies:?}"
    );
    let counts: Vec<usize> = copies.iter().map(|c| c.expenses).collect();
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "copies go forward: {counts:?}"
    );
    eprintln!(
        "{} consistent backups, {mid_run} of them mid-write",
        copies.len()
    );
}

#[test]
fn every_connection_uses_wal_full_sync_and_a_busy_timeout() {
    let spend = Spend::new();
    spend.ok(&["add", "5", "Food"]);
    let store = Store::open(spend.db(), &NewUserDefaults::default()).expect("open");
    let pragma = |name: &str| -> String {
        store
            .connection()
            .query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|value| format!("{value:?}"))
            .expect("read the pragma")
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    // 2 is FULL: every commit is synced to disk before it returns.
    assert_eq!(pragma("synchronous"), "Integer(2)");
    assert_eq!(pragma("busy_timeout"), "Integer(5000)");
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
}

#[test]
fn upgrading_an_older_database_keeps_a_copy_of_it_first() {
    let spend = Spend::new();
    {
        // A database as the first released version left it: schema version 1.
        let conn = rusqlite::Connection::open(spend.db()).expect("create");
        conn.execute_batch(include_str!(
            "../../src/store/sqlite/migrations/001_initial.sql"
        ))
        .expect("schema 1");
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO users (name, email) VALUES ('Me', 'me@localhost');
             INSERT INTO categories (name) VALUES ('Food');
             INSERT INTO settings (key, value) VALUES ('initialized', '1');
             INSERT INTO expenses (user_id, category_id, amount, date, note)
             VALUES (1, 1, 25000, '2025-05-02', 'from version 1');",
        )
        .expect("rows");
    }
    std::fs::set_permissions(spend.db(), std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let before = snapshot(spend.db());
    let list = spend.json(&["list", "--month", "2025-05", "--json"]);
    assert_eq!(list["expenses"][0]["note"], "from version 1");
    let copy = spend.dir().join("spend.db.bak-v1");
    assert!(
        snapshot(&copy) == before,
        "the copy holds the database as it was"
    );
    let version: i64 = rusqlite::Connection::open(&copy)
        .and_then(|c| c.query_row("PRAGMA user_version", [], |row| row.get(0)))
        .expect("the copy's version");
    assert_eq!(version, 1);
    let mode = std::fs::metadata(&copy).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    check_database(spend.db());
    spend.ok(&["list"]);
    let copies: Vec<String> = names(spend.dir())
        .into_iter()
        .filter(|n| n.contains(".bak-"))
        .collect();
    assert_eq!(copies, ["spend.db.bak-v1"], "one copy, made once");
}
