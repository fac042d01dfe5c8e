//! End to end: the real `spend` binary in a pseudo-terminal. Keys go in through the pty, the
//! output is fed to a terminal emulator (vt100), and every step waits for the screen to show
//! what it expects within a deadline. Afterwards the CSV export and the database are checked.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use rusqlite::{Connection, OpenFlags};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Generous, so a loaded 2-core CI machine running a debug build still passes.
const DEADLINE: Duration = Duration::from_secs(20);
/// How often a wait looks at the screen again.
const POLL: Duration = Duration::from_millis(50);

const CSV_HEADER: &str = "id,user_id,category_id,category,amount,currency,date,note";
const ALERT: &str = "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00";

/// `spend` running in a pseudo-terminal, with a thread keeping a vt100 screen up to date.
struct PtyApp {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Held so the pty stays open until the app is done with it.
    _master: Box<dyn MasterPty + Send>,
}

impl PtyApp {
    fn spawn(args: &[&str], cwd: &Path) -> PtyApp {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_spend"));
        command.args(args);
        command.cwd(cwd);
        command.env("SPEND_TODAY", "2025-05-20");
        command.env("TERM", "xterm-256color");
        command.env_remove("SPEND_DB");
        command.env_remove("SPEND_EXPORT_DIR");
        let child = pair
            .slave
            .spawn_command(command)
            .expect("start spend in the pty");
        // Only the child may hold the slave end, or reads would never see it close.
        drop(pair.slave);

        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = pair
            .master
            .try_clone_reader()
            .expect("clone the pty reader");
        let sink = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buf = [0_u8; 8192];
            // Ends when the app exits and the slave closes (EIO reads as end of file).
            while let Ok(read @ 1..) = reader.read(&mut buf) {
                sink.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .process(&buf[..read]);
            }
        });
        let writer = pair.master.take_writer().expect("take the pty writer");
        PtyApp {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// The screen as text, one line per row.
    fn contents(&self) -> String {
        self.screen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .screen()
            .contents()
    }

    /// Types keys as a terminal would send them.
    fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("write keys to the pty");
    }

    /// Waits until the screen shows every one of `texts`; on timeout fails showing the screen.
    fn wait_for(&mut self, step: &str, texts: &[&str]) {
        self.wait_until(step, |screen| texts.iter().all(|t| screen.contains(t)));
    }

    fn wait_until(&mut self, step: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if done(&screen) {
                return;
            }
            let exited = self.child.try_wait().expect("poll the app's process");
            assert!(
                exited.is_none() && start.elapsed() < DEADLINE,
                "{step}: not seen after {:?} (app exit status: {exited:?}). Screen:\n{screen}",
                start.elapsed(),
            );
            thread::sleep(POLL);
        }
    }

    /// Waits for the app to exit; kills it and fails if it does not within the deadline.
    fn wait_for_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the app's process") {
                return status;
            }
            if start.elapsed() >= DEADLINE {
                let _ = self.child.kill();
                panic!(
                    "the app did not exit within {DEADLINE:?}. Screen:\n{}",
                    self.contents()
                );
            }
            thread::sleep(POLL);
        }
    }
}

impl Drop for PtyApp {
    /// A failed test must not leave the app running.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn quick_add_over_budget_alerts_exports_and_persists() {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let db = dir.path().join("spend.db");
    let db_arg = db.to_str().expect("temp path is UTF-8");
    let dir_arg = dir.path().to_str().expect("temp path is UTF-8");

    let sample = Command::new(env!("CARGO_BIN_EXE_spend"))
        .args(["--db", db_arg, "sample"])
        .output()
        .expect("run spend sample");
    assert!(
        sample.status.success(),
        "spend sample failed: {}",
        String::from_utf8_lossy(&sample.stderr)
    );

    let mut app = PtyApp::spawn(&["--db", db_arg, "--export-dir", dir_arg], dir.path());
    app.wait_for("main screen", &["Weekly groceries", "Budgets · May 2025"]);

    app.send("a");
    app.wait_for("quick-add dialog", &["Add expense"]);
    app.send("2000\tShop");
    app.wait_for("partial category typed", &["Category  Shop"]);
    app.send("\t");
    app.wait_for("category completed by Tab", &["Category  Shopping"]);
    app.send("\t\tConcert tickets");
    app.wait_for("note typed", &["Note      Concert tickets"]);
    app.send("\r");
    app.wait_until("new row and budget alert", |screen| {
        !screen.contains("Add expense")
            && screen.contains("Concert tickets")
            && screen.contains("Budget exceeded for Shopping")
    });
    assert!(
        app.contents().contains(&format!(
            "Added #6 · 2,000.00 Shopping · 2025-05-20 · {ALERT}"
        )),
        "status line should report the add and the alert. Screen:\n{}",
        app.contents()
    );

    app.send("x");
    app.wait_for("export status", &["Exported 5 rows to"]);
    check_export(&dir.path().join("spend-2025-05.csv"));

    app.send("q");
    let status = app.wait_for_exit();
    assert!(
        status.success(),
        "the app exited with {status:?}. Screen:\n{}",
        app.contents()
    );

    check_database(&db);
}

/// The month's CSV: the exact header, five rows, one of them the expense just added.
fn check_export(path: &Path) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("read the export {}: {e}", path.display()));
    assert_eq!(text.lines().next(), Some(CSV_HEADER), "export:\n{text}");
    let rows: Vec<HashMap<String, String>> = csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .expect("the export parses as CSV");
    assert_eq!(rows.len(), 5, "export:\n{text}");
    let added = rows
        .iter()
        .find(|row| row["note"] == "Concert tickets")
        .unwrap_or_else(|| panic!("no Concert tickets row in the export:\n{text}"));
    assert_eq!(added["amount"], "2000.00", "export:\n{text}");
    assert_eq!(added["category"], "Shopping", "export:\n{text}");
    assert_eq!(added["date"], "2025-05-20", "export:\n{text}");
}

/// The expense is stored in minor units, with exactly one over-budget alert pointing at it.
fn check_database(path: &Path) {
    let db = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database");
    let mut query = db
        .prepare("SELECT id, amount, date FROM expenses WHERE note = 'Concert tickets'")
        .expect("prepare the expenses query");
    let expenses: Vec<(i64, i64, String)> = query
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .and_then(Iterator::collect)
        .expect("read the expenses");
    let [(id, amount, date)] = expenses.as_slice() else {
        panic!("expected one Concert tickets expense, found {expenses:?}");
    };
    assert_eq!((*amount, date.as_str()), (200_000, "2025-05-20"));

    let mut query = db
        .prepare("SELECT expense_id, message FROM alerts WHERE alert_type = 'BUDGET_EXCEEDED'")
        .expect("prepare the alerts query");
    let alerts: Vec<(Option<i64>, String)> = query
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .and_then(Iterator::collect)
        .expect("read the alerts");
    assert_eq!(alerts, vec![(Some(*id), ALERT.to_string())]);
}
