//! End to end: the real `spend` binary in a pseudo-terminal. Keys go in through the pty, the
//! output is fed to a terminal emulator (vt100), and every step waits for the screen to show
//! what it expects within a deadline. Afterwards the CSV export and the database are checked.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use rusqlite::{Connection, OpenFlags};

use crate::pty_app::PtyApp;

const CSV_HEADER: &str = "id,user_id,category_id,category,amount,currency,date,note";
const ALERT: &str = "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00";
/// The same alert as the screen shows it, figures grouped.
const ALERT_SHOWN: &str = "Budget exceeded for Shopping for May 2025. Spent: 5,200.00 / 5,000.00";

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

    let mut app = PtyApp::spawn(&["--db", db_arg, "--export-dir", dir_arg], dir.path(), &[]);
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
            "Added #6 · 2,000.00 Shopping · 2025-05-20 · {ALERT_SHOWN}"
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

/// Runs `spend ARGS` on the database to set things up.
fn spend(db: &str, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_spend"))
        .args(["--db", db])
        .args(args)
        .env("SPEND_TODAY", "2025-05-20")
        .output()
        .expect("run spend");
    assert!(
        output.status.success(),
        "spend {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn deleting_a_row_of_wide_text_leaves_the_screen_a_fresh_start_would_draw() {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let db = dir.path().join("spend.db");
    let db_arg = db.to_str().expect("temp path is UTF-8");
    spend(db_arg, &["sample"]);
    spend(
        db_arg,
        &["add", "80", "Food", "--note", "सब्ज़ी मंडी 🍎 日本語のメモ"],
    );

    let mut app = PtyApp::spawn(&["--db", db_arg], dir.path(), &[]);
    app.wait_for("the row with wide text", &["सब्ज़ी"]);
    app.send("d");
    app.wait_for("the question", &["Confirm"]);
    app.send("y");
    app.wait_until("the row gone", |screen| {
        !screen.contains("Confirm") && !screen.contains("मंडी")
    });
    // Ctrl-L clears the terminal and draws everything again.
    let before = app.raw().len();
    app.send("\u{c}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while crate::pty_app::find(&app.raw()[before..], b"\x1b[2J").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "Ctrl-L did not clear the terminal"
        );
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    // Rows are drawn top to bottom: the status line, last, means the frame is whole.
    app.wait_for(
        "the screen after the redraw",
        &["Weekly groceries", "Deleted #6 · 80.00 Food · 2025-05-20"],
    );
    let after_delete = app.contents();

    let mut fresh = PtyApp::spawn(&["--db", db_arg], dir.path(), &[]);
    fresh.wait_for("a fresh start", &["Weekly groceries", "q quit"]);
    // Everything but the status line, which still says what was deleted.
    let without_status = |screen: &str| -> String {
        screen
            .lines()
            .filter(|line| !line.contains("Deleted #"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        without_status(&after_delete),
        without_status(&fresh.contents()),
        "no debris of the deleted row is left"
    );
    for leftover in ["ज़ी", "ी", "🍎", "日本"] {
        assert!(
            !after_delete.contains(leftover),
            "{leftover} left on screen"
        );
    }
    for running in [&mut app, &mut fresh] {
        running.send("q");
        assert!(running.wait_for_exit().success());
    }
}

/// `spend serve` on the database, without tokens; its address and the child to stop.
fn start_server(db: &str) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut server = Command::new(env!("CARGO_BIN_EXE_spend"))
        .args([
            "--db",
            db,
            "serve",
            "--no-auth",
            "--quiet",
            "--listen",
            "127.0.0.1:0",
        ])
        .env("SPEND_TODAY", "2025-05-20")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start spend serve");
    let stdout = server.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the server says where it listens");
    let base = line.trim().trim_start_matches("listening on ").to_string();
    (server, base)
}

#[test]
fn an_expense_posted_to_the_server_shows_in_the_open_app_within_a_second() {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let db = dir.path().join("spend.db");
    let db_arg = db.to_str().expect("temp path is UTF-8");
    spend(db_arg, &["sample"]);
    let mut app = PtyApp::spawn(&["--db", db_arg], dir.path(), &[]);
    app.wait_for("main screen", &["Weekly groceries", "Budgets · May 2025"]);
    let (mut server, base) = start_server(db_arg);

    let body = r#"{"user_id": 1, "category_id": 4, "amount": 2000, "date": "2025-05-19", "note": "Posted by a phone"}"#;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let posted = std::time::Instant::now();
    let status = agent
        .post(format!("{base}/api/expenses"))
        .header("Content-Type", "application/json")
        .send(body)
        .expect("post")
        .status();
    assert_eq!(status.as_u16(), 201);
    app.wait_until("the posted row and its alert", |screen| {
        screen.contains("Posted by a phone") && screen.contains("Budget exceeded for Shopping")
    });
    let seen_after = posted.elapsed();
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        seen_after < std::time::Duration::from_secs(1),
        "the app showed the write after {seen_after:?}"
    );
    app.send("q");
    assert!(app.wait_for_exit().success());
}
