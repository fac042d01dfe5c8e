//! The real `spend` binary on a temporary database, and whole-database snapshots to prove a
//! refused command wrote nothing. Shared by the test binaries; each uses part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use tempfile::TempDir;

/// Today for every run of `spend` in these tests.
pub const TODAY: &str = "2025-05-20";

/// `spend` with the environment pinned: today, the login, no stray database, config file,
/// currency, locale grouping or colour. The config file is `config.toml` beside the
/// database, which no test writes unless it means to.
pub fn spend_command(db: &Path) -> Command {
    spend_command_from(Path::new(env!("CARGO_BIN_EXE_spend")), db)
}

/// [`spend_command`] with the binary at `binary`.
pub fn spend_command_from(binary: &Path, db: &Path) -> Command {
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
        .env_remove("COMPLETE")
        .env("SPEND_CONFIG", config_beside(db))
        .env("NO_COLOR", "1");
    command
}

/// The config file the tests' runs read: `config.toml` in the database's directory.
pub fn config_beside(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("config.toml")
}

/// A temporary directory with a database path in it, and ways to run `spend` on it.
pub struct Spend {
    dir: TempDir,
    pub db: PathBuf,
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
    /// A database that does not exist yet; the first run creates it.
    pub fn new() -> Spend {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("spend.db");
        Spend { dir, db }
    }

    /// A database holding the reference sample.
    pub fn with_sample() -> Spend {
        let spend = Spend::new();
        let out = spend.ok(&["sample"]);
        assert_eq!(
            out,
            "loaded the sample: 2 users, 4 budgets, 5 expenses, 0 alerts\n"
        );
        spend
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
        let mut command = spend_command(&self.db);
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().expect("run spend").into()
    }

    /// Runs a command that must succeed quietly on stderr; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
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

    /// Every row of every table, read with a separate read-only connection.
    pub fn snapshot(&self) -> Snapshot {
        snapshot(&self.db)
    }
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

/// Rows of each table, by table name.
pub type Snapshot = BTreeMap<String, Vec<String>>;

/// Every row of every table of the database file, read with a separate read-only
/// connection: equal snapshots mean equal data.
pub fn snapshot(db: &Path) -> Snapshot {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database read-only");
    snapshot_of(&conn)
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
