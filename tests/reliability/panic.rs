//! A panic in the running app restores the terminal, prints a report that says where to
//! look, and loses nothing already saved. The panic is injected with `SPEND_PANIC_ON_KEY`,
//! a fault-injection hook that only debug builds read.

use rusqlite::{Connection, OpenFlags};

use crate::support::pty::{PtyApp, contains, find};
use crate::support::spend_command;

/// xterm's F12.
const F12: &str = "\u{1b}[24~";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the fault-injection hook exists in debug builds only"
)]
fn a_panic_restores_the_terminal_reports_and_keeps_saved_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("spend.db");
    let sample = spend_command(&db)
        .arg("sample")
        .output()
        .expect("spend sample");
    assert!(sample.status.success());

    let db_arg = db.to_str().expect("UTF-8 path");
    let cwd = db.parent().expect("the database has a directory");
    let args = ["--db", db_arg, "--month", "2025-05"];
    let mut app = PtyApp::spawn(&args, cwd, &[("SPEND_PANIC_ON_KEY", "F12")]);
    app.wait_for("main screen", &["Weekly groceries", "Budgets · May 2025"]);
    app.send("a");
    app.wait_for("quick-add dialog", &["Add expense"]);
    app.send("777\tShop\t\t\tSaved before the crash\r");
    app.wait_for("the add is saved", &["Added #6", "Saved before the crash"]);
    let before_panic = app.raw().len();

    app.send(F12);
    let status = app.wait_for_exit();
    assert!(!status.success(), "a panic must exit non-zero: {status:?}");
    app.wait_for_raw("the report", b"Location:");

    let raw = app.raw();
    let after = &raw[before_panic..];
    let left = find(after, LEAVE_ALTERNATE_SCREEN).expect("the alternate screen is left");
    assert!(contains(after, SHOW_CURSOR), "the cursor is shown again");
    let report = String::from_utf8_lossy(&after[left..]);
    for expected in [
        "The application panicked (crashed).",
        "fault injection: SPEND_PANIC_ON_KEY asked for a panic on F12",
        "Location:",
        "src/tui.rs",
        "Nothing saved is lost: every change was committed to",
        "RUST_BACKTRACE",
    ] {
        assert!(
            report.contains(expected),
            "{expected:?} missing from:\n{report}"
        );
    }
    let screen = app.contents();
    assert!(
        screen.contains("The application panicked") && !screen.contains("Budgets · May 2025"),
        "the report shows on the normal screen, the app's screen is gone:\n{screen}"
    );

    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .expect("open the database after the crash");
    let saved: (i64, i64, String) = conn
        .query_row(
            "SELECT id, amount, date FROM expenses WHERE note = 'Saved before the crash'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .expect("the expense saved before the panic is there");
    assert_eq!(saved, (6, 77_700, "2025-05-20".to_string()));
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
}
