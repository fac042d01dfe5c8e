//! The real `spend` binary on a temporary database (an `SQLite` file, or a fresh PostgreSQL
//! database), and whole-database snapshots to prove a refused command wrote nothing. Shared
//! by the test binaries; each uses part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use tempfile::TempDir;

// `super::`, not `crate::`: a test binary may hold these modules one level down.
use super::ledgers::{Engine, PgDatabase};

/// Today for every run of `spend` in these tests.
pub const TODAY: &str = "2025-05-20";

/// `spend --db DB` (a file or a `postgres://` URL) with the environment pinned: today, the
/// login, no stray database, config file, currency, locale grouping or colour. The config
/// file is `config.toml` beside the database, which no test writes unless it means to.
pub fn spend_command(db: impl AsRef<OsStr>) -> Command {
    spend_command_from(Path::new(env!("CARGO_BIN_EXE_spend")), db)
}

/// [`spend_command`] with the binary at `binary`.
pub fn spend_command_from(binary: &Path, db: impl AsRef<OsStr>) -> Command {
    let db = db.as_ref();
    let mut command = Command::new(binary);
    command
        .arg("--db")
        .arg(db)
        .env("SPEND_TODAY", TODAY)
        .env("USER", "tester")
        .env("LOGNAME", "tester")
        .env("LC_ALL", "C")
        .env("TZ", "UTC")
        .env_remove("SPEND_DB")
        .env_remove("SPEND_USER")
        .env_remove("SPEND_CURRENCY")
        .env_remove("SPEND_WARN_PERCENT")
        .env_remove("SPEND_EXPORT_DIR")
        .env_remove("SPEND_DATE_FORMAT")
        .env_remove("SPEND_GROUPING")
        .env_remove("SPEND_DECIMAL")
        .env_remove("COMPLETE")
        .env("SPEND_CONFIG", config_beside(Path::new(db)))
        .env("NO_COLOR", "1");
    command
}

/// The config file the tests' runs read: `config.toml` in the database's directory. A URL
/// has none, so the path names no file and no config is read.
pub fn config_beside(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("config.toml")
}

/// A temporary directory for the files a test writes, a database, and ways to run `spend`
/// on it.
pub struct Spend {
    dir: TempDir,
    db: Db,
}

/// Where a [`Spend`] keeps its ledger.
enum Db {
    /// An `SQLite` file in the temporary directory.
    File(PathBuf),
    /// A database of its own on the test server.
    Postgres(PgDatabase),
}

/// What one run printed.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub success: bool,
    /// The exit code, `None` when a signal ended the run.
    pub code: Option<i32>,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            success: output.status.success(),
            code: output.status.code(),
        }
    }
}

impl Spend {
    /// An `SQLite` database that does not exist yet; the first run creates it.
    pub fn new() -> Spend {
        Spend::on(&Engine::Sqlite)
    }

    /// An `SQLite` database holding the reference sample.
    pub fn with_sample() -> Spend {
        Spend::sample_on(&Engine::Sqlite)
    }

    /// A ledger on `engine` that the first run sets up: an `SQLite` file that does not exist
    /// yet, or an empty PostgreSQL database.
    pub fn on(engine: &Engine) -> Spend {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = match engine {
            Engine::Sqlite => Db::File(dir.path().join("spend.db")),
            Engine::Postgres(server) => Db::Postgres(PgDatabase::create(server)),
        };
        Spend { dir, db }
    }

    /// A ledger on `engine` holding the reference sample.
    pub fn sample_on(engine: &Engine) -> Spend {
        let spend = Spend::on(engine);
        let out = spend.ok(&["sample"]);
        assert_eq!(
            out,
            "loaded the sample: 2 users, 4 budgets, 5 expenses, 0 alerts\n"
        );
        spend
    }

    /// The `SQLite` file, for tests about files.
    ///
    /// # Panics
    /// On PostgreSQL, which keeps no file.
    pub fn db(&self) -> &Path {
        match &self.db {
            Db::File(path) => path,
            Db::Postgres(_) => panic!("a PostgreSQL ledger has no file"),
        }
    }

    /// What `--db` says: the file's path or the database's URL.
    pub fn location(&self) -> OsString {
        match &self.db {
            Db::File(path) => path.clone().into_os_string(),
            Db::Postgres(database) => database.url().into(),
        }
    }

    /// `spend` on this ledger, to be given its arguments.
    pub fn command(&self) -> Command {
        spend_command(self.location())
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `spend ARGS` on the database.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// Runs `spend ARGS` with extra environment variables.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = self.command();
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().expect("run spend").into()
    }

    /// Runs a command that must succeed quietly on stderr; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_with(args, &[])
    }

    /// [`Spend::ok`] with extra environment variables.
    pub fn ok_with(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let run = self.run_with(args, env);
        assert!(
            run.success && run.stderr.is_empty(),
            "spend {args:?} failed:\n{}{}",
            run.stdout,
            run.stderr
        );
        run.stdout
    }

    /// Runs a command whose stdout is JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("spend {args:?}: {e}\n{out}"))
    }

    /// Runs a command that must fail with exactly one `error: ` line and nothing on stdout;
    /// returns that line.
    pub fn fails(&self, args: &[&str]) -> String {
        fails(&self.run(args), args)
    }

    /// Like [`Spend::fails`], and the command must leave every table as it was.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = self.snapshot();
        let error = self.fails(args);
        assert_eq!(
            self.snapshot(),
            before,
            "spend {args:?} changed the database"
        );
        error
    }

    /// Every row of every table, read with a separate connection.
    pub fn snapshot(&self) -> Snapshot {
        match &self.db {
            Db::File(path) => snapshot(path),
            Db::Postgres(database) => database.snapshot(),
        }
    }

    /// The number a counting query gives (SQL both engines read alike).
    pub fn count(&self, sql: &str) -> i64 {
        match &self.db {
            Db::File(path) => read_only(path)
                .query_row(sql, [], |row| row.get(0))
                .expect("count"),
            Db::Postgres(database) => database.count(sql),
        }
    }

    /// Every row of a query whose columns are all text (SQL both engines read alike).
    pub fn text_rows(&self, sql: &str) -> Vec<Vec<String>> {
        match &self.db {
            Db::File(path) => text_rows_of(&read_only(path), sql),
            Db::Postgres(database) => database.text_rows(sql),
        }
    }
}

/// A separate read-only connection to an `SQLite` file.
fn read_only(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database read-only")
}

/// Checks a run failed with exactly one `error: ` line on stderr and nothing on stdout.
pub fn fails(run: &Run, what: &(impl std::fmt::Debug + ?Sized)) -> String {
    assert!(!run.success, "{what:?} succeeded:\n{}", run.stdout);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with("error: "),
        "{what:?}: stderr is not one error line:\n{}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "{what:?} printed to stdout");
    lines[0].to_string()
}

/// Every row of a query whose columns are all text, on an `SQLite` connection.
pub fn text_rows_of(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut statement = conn.prepare(sql).expect("prepare");
    let columns = statement.column_count();
    statement
        .query_map([], |row| (0..columns).map(|i| row.get(i)).collect())
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// Rows of each table, by table name.
pub type Snapshot = BTreeMap<String, Vec<String>>;

/// Every row of every table of the database file, read with a separate read-only
/// connection: equal snapshots mean equal data.
pub fn snapshot(db: &Path) -> Snapshot {
    snapshot_of(&read_only(db))
}

/// Every row of every table `conn` sees, each row rendered as text and the rows sorted, so
/// two snapshots are equal exactly when the database holds the same data.
pub fn snapshot_of(conn: &Connection) -> Snapshot {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |row| row.get(0))?.collect())
        .expect("list the tables");
    tables
        .into_iter()
        .map(|table| {
            let mut statement = conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .expect("prepare the snapshot query");
            let columns = statement.column_count();
            let mut rows: Vec<String> = statement
                .query_map([], |row| {
                    (0..columns)
                        .map(|i| row.get::<_, rusqlite::types::Value>(i))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|values| format!("{values:?}"))
                })
                .expect("query the table")
                .collect::<Result<_, _>>()
                .expect("read the rows");
            rows.sort();
            (table, rows)
        })
        .collect()
}
