//! Writer processes: this test binary started again with one test selected and a role in
//! the environment. Real separate processes with their own connections, without starting
//! the `spend` binary once per expense.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;

use smart_spending_tracker::domain::NewExpense;
use smart_spending_tracker::store::{NewUserDefaults, Store};

use super::{Rng, plan};

/// Names the role a started copy of this binary plays; unset in a normal test run.
const ROLE: &str = "SPEND_RELIABILITY_CHILD";

/// Crash writer: records planned expenses until killed, printing each id once committed.
pub const CRASH_WRITER: &str = "crash-writer";
/// Adder: records `COUNT` equal expenses in one category, then exits.
pub const ADDER: &str = "adder";

/// The entry point of a child: does nothing in a normal test run.
#[test]
fn entry() {
    let Ok(role) = std::env::var(ROLE) else {
        return;
    };
    let db = std::env::var("SPEND_TEST_DB").expect("SPEND_TEST_DB names the database");
    let var = |name: &str| -> u64 {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} must be a number"))
    };
    match role.as_str() {
        CRASH_WRITER => crash_writer(
            Path::new(&db),
            var("SPEND_TEST_SEED"),
            var("SPEND_TEST_COUNT"),
            var("SPEND_TEST_MONTHS"),
        ),
        ADDER => adder(
            Path::new(&db),
            &std::env::var("SPEND_TEST_CATEGORY").expect("SPEND_TEST_CATEGORY"),
            var("SPEND_TEST_COUNT"),
        ),
        other => panic!("unknown child role {other:?}"),
    }
}

fn open(db: &Path) -> Store {
    Store::open(db, &NewUserDefaults::default()).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(3)
    })
}

/// Writes forever; the parent kills it. `count` is how many expenses the database held
/// when it started, which decides the months it writes to.
fn crash_writer(db: &Path, seed: u64, mut count: u64, months: u64) {
    let mut store = open(db);
    let user = store.resolve_user(None).expect("the database's user");
    let categories = store.categories().expect("categories");
    let mut rng = Rng::new(seed);
    let stdout = std::io::stdout();
    loop {
        let planned = plan(&mut rng, count, months);
        let category = categories
            .iter()
            .find(|c| c.name == planned.category)
            .expect("a default category");
        let new = NewExpense {
            rate: None,
            user_id: user.id,
            category_id: category.id,
            amount: user.currency.from_minor(planned.minor),
            currency: user.currency,
            date: planned.date.parse().expect("a planned ISO date"),
            note: Some(format!("crash writer {seed} #{count}")),
        };
        match store.add_expense(&new) {
            Ok(outcome) => {
                // The line goes out only after the commit returned: a printed id is a promise.
                let mut out = stdout.lock();
                writeln!(out, "added expense #{}", outcome.expense.id)
                    .and_then(|()| out.flush())
                    .expect("write to the parent");
            }
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(3);
            }
        }
        count += 1;
    }
}

/// Records `count` expenses of 2.00 in `category` on 2025-05-10, then says so.
fn adder(db: &Path, category: &str, count: u64) {
    let mut store = open(db);
    let user = store.resolve_user(None).expect("the database's user");
    let category = store.find_category(category).expect("the category exists");
    let new = NewExpense {
        rate: None,
        user_id: user.id,
        category_id: category.id,
        amount: user.currency.from_minor(200),
        currency: user.currency,
        date: "2025-05-10".parse().expect("a date"),
        note: None,
    };
    for done in 0..count {
        if let Err(error) = store.add_expense(&new) {
            eprintln!("error after {done} adds: {error}");
            std::process::exit(3);
        }
    }
    println!("added {count} expenses");
}

/// A started child with its output being collected.
pub struct Running {
    pub child: Child,
    stdout: Option<JoinHandle<Vec<u8>>>,
    stderr: Option<JoinHandle<Vec<u8>>>,
}

/// What a child printed, and how it ended.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Finished {
    /// True when the child was ended by SIGKILL.
    pub fn was_killed(&self) -> bool {
        use std::os::unix::process::ExitStatusExt;
        self.status.signal() == Some(9)
    }

    /// The ids of the complete `added expense #ID` lines: what was promised as saved.
    pub fn reported_ids(&self) -> Vec<i64> {
        // A line cut by the kill has no newline and promised nothing.
        let complete = self
            .stdout
            .rfind('\n')
            .map_or("", |end| &self.stdout[..end]);
        complete
            .lines()
            .filter_map(|line| line.strip_prefix("added expense #"))
            .map(|id| id.trim().parse().expect("an expense id"))
            .collect()
    }
}

/// Starts a command with its output collected on threads.
pub fn start(mut command: Command) -> Running {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start the child process");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        pipe.map(|mut pipe| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                // Ends when the child dies and the pipe closes.
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    Running {
        child,
        stdout,
        stderr,
    }
}

/// Starts this test binary as a child playing `role`, on `db`, with extra variables.
pub fn start_role(role: &str, db: &Path, vars: &[(&str, String)]) -> Running {
    let mut command = Command::new(std::env::current_exe().expect("the test binary's path"));
    command
        .args([
            "support::child::entry",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE, role)
        .env("SPEND_TEST_DB", db);
    for (name, value) in vars {
        command.env(name, value);
    }
    start(command)
}

impl Running {
    /// Sends SIGKILL (harmless if the child already ended).
    pub fn kill(&mut self) {
        // Fails only if the child was already reaped, which `finish` alone does.
        let _ = self.child.kill();
    }

    /// Waits for the child to end and collects everything it printed.
    pub fn finish(mut self) -> Finished {
        let status = self.child.wait().expect("wait for the child");
        let text = |handle: Option<JoinHandle<Vec<u8>>>| {
            handle
                .map(|h| h.join().expect("the output thread"))
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default()
        };
        Finished {
            status,
            stdout: text(self.stdout.take()),
            stderr: text(self.stderr.take()),
        }
    }
}
