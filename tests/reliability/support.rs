//! Shared by the reliability tests: the real `spend` binary on a temporary database, writer
//! child processes, a seeded random source, and the checks every database must pass.

pub mod child;
pub mod invariants;
#[path = "../common/pty_app.rs"]
pub mod pty;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// Today for every run of `spend` in these tests.
pub const TODAY: &str = "2025-05-20";

/// `spend` with the environment pinned: today, the login, no stray database or currency.
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
        .env_remove("SPEND_DB")
        .env_remove("SPEND_CURRENCY")
        .env("NO_COLOR", "1");
    command
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
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            success: output.status.success(),
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
        spend.ok(&["sample"]);
        spend
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(&self, args: &[&str]) -> Run {
        spend_command(&self.db)
            .args(args)
            .output()
            .expect("run spend")
            .into()
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
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("spend {args:?}: {e}\n{out}"))
    }

    /// Runs a command that must fail with one `error: ` line and nothing on stdout, and
    /// leave every table as it was; returns that line.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = snapshot(&self.db);
        let error = fails(&self.run(args), args);
        assert_eq!(
            snapshot(&self.db),
            before,
            "spend {args:?} changed the database"
        );
        error
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

/// Every row of every table, each rendered as text and sorted, read with a separate
/// read-only connection: equal snapshots mean equal data.
pub fn snapshot(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the database read-only");
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

/// A small, seeded xorshift generator, so a failing run can be repeated exactly.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Zero is xorshift's one fixed point.
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
}

/// The default categories of a new database, which the writers spread their expenses over.
pub const CATEGORIES: [&str; 5] = ["Food", "Transport", "Rent", "Shopping", "Entertainment"];

/// The first month budgets are set for in the crash runs.
pub const FIRST_YEAR: i32 = 2000;

/// Expenses a crash writer puts in each month before moving on, so budgets keep being
/// crossed all through a long run.
pub const PER_MONTH: u64 = 15;

/// One expense a crash writer records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub category: &'static str,
    /// ISO date.
    pub date: String,
    /// In minor units (paise).
    pub minor: i64,
}

impl Planned {
    /// The amount as typed: `12.34`.
    pub fn amount_text(&self) -> String {
        format!("{}.{:02}", self.minor / 100, self.minor % 100)
    }
}

/// What the `count`th expense of a crash run looks like: a month that moves forward with
/// the count (wrapping within `months`), a random day, category and amount of 10 to 60.
pub fn plan(rng: &mut Rng, count: u64, months: u64) -> Planned {
    let index = (count / PER_MONTH + rng.below(3)) % months;
    let (year, month) = month_at(index);
    Planned {
        category: CATEGORIES[usize::try_from(rng.below(5)).expect("small")],
        date: format!("{year:04}-{month:02}-{:02}", 1 + rng.below(28)),
        minor: i64::try_from(1_000 + rng.below(5_001)).expect("small"),
    }
}

/// The year and month `index` months after January of [`FIRST_YEAR`].
pub fn month_at(index: u64) -> (i32, u32) {
    let year = FIRST_YEAR + i32::try_from(index / 12).expect("a few hundred years at most");
    (year, u32::try_from(index % 12).expect("below 12") + 1)
}
