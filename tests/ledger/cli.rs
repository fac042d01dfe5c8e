//! The real `spend` binary on a temporary database, with today pinned to 2025-05-20.

mod bad_input;
mod commands;
mod export;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// A temporary database and a way to run `spend` on it.
pub struct Spend {
    dir: TempDir,
    db: PathBuf,
}

/// What one run printed.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub success: bool,
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

    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output: Output = Command::new(env!("CARGO_BIN_EXE_spend"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("SPEND_TODAY", "2025-05-20")
            .env("USER", "tester")
            .env("LOGNAME", "tester")
            .env_remove("SPEND_DB")
            .env_remove("SPEND_CURRENCY")
            .env("NO_COLOR", "1")
            .output()
            .expect("run spend");
        Run {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            success: output.status.success(),
        }
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
        let run = self.run(args);
        assert!(!run.success, "spend {args:?} succeeded:\n{}", run.stdout);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert!(
            lines.len() == 1 && lines[0].starts_with("error: "),
            "spend {args:?}: stderr is not one error line:\n{}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "spend {args:?} printed to stdout");
        lines[0].to_string()
    }

    /// Every row of every table, read with a separate connection.
    pub fn snapshot(&self) -> BTreeMap<&'static str, Vec<String>> {
        let conn = rusqlite::Connection::open_with_flags(
            &self.db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open the database read-only");
        crate::support::snapshot(&conn)
    }
}

/// The lines of an `add`/`edit`/`budget set` report that announce alerts.
pub fn alert_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("ALERT ")).collect()
}

/// A JSON value's string field.
pub fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {value}"))
}
