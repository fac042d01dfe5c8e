//! Shared by the reliability tests: the real `spend` binary on a temporary database (from
//! tests/common), run by an account a file's mode holds to, writer child processes, a
//! seeded random source, the files under a directory, and the checks every database must
//! pass.

#[path = "../common/api_server.rs"]
pub mod api_server;
pub mod child;
pub mod invariants;
#[path = "../common/pty_app.rs"]
pub mod pty;

#[path = "../common/ledgers.rs"]
pub mod ledgers;
pub mod nobody;
#[path = "../common/spend_cli.rs"]
pub mod spend_cli;

use std::path::{Path, PathBuf};

pub use spend_cli::{Run, Spend, fails, snapshot, spend_command};

/// Names in a directory, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list the directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Everything under `dir`: names and contents (empty for a directory), recursively.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut entries = Vec::new();
    for name in names(dir) {
        let path = dir.join(name);
        if path.is_dir() {
            entries.push((path.clone(), Vec::new()));
            entries.extend(tree(&path));
        } else {
            let bytes = std::fs::read(&path).expect("read");
            entries.push((path, bytes));
        }
    }
    entries
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
