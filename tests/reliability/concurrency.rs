//! Several processes on one file: writers queue on the busy timeout instead of failing, the
//! alerts come out exactly as the rules say, and the app sees outside changes on its next
//! tick without an error.

use std::time::Instant;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;
use smart_spending_tracker::app::{Action, App, AppConfig, Tone};
use smart_spending_tracker::domain::Month;
use smart_spending_tracker::keys::action_for_event;
use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::support::Spend;
use crate::support::child::{ADDER, start_role};
use crate::support::invariants::check_database;

const WRITERS: usize = 4;
const ADDS_EACH: u64 = 500;

/// Each writer adds 2.00 at a time to its own category with a budget of 800.00: the 320th
/// add reaches 80% (640.00) and the 401st goes over (802.00).
const WARNING_AT: usize = 320;
const EXCEEDED_AT: usize = 401;

#[test]
fn four_writers_of_500_adds_end_with_2000_rows_and_exactly_the_required_alerts() {
    let spend = Spend::new();
    let names: Vec<String> = (1..=WRITERS).map(|n| format!("Writer {n}")).collect();
    for name in &names {
        spend.ok(&["category", "add", name]);
        spend.ok(&["budget", "set", name, "800", "--month", "2025-05"]);
    }
    let started = Instant::now();
    let writers: Vec<_> = names
        .iter()
        .map(|name| {
            start_role(
                ADDER,
                spend.db(),
                &[
                    ("SPEND_TEST_CATEGORY", name.clone()),
                    ("SPEND_TEST_COUNT", ADDS_EACH.to_string()),
                ],
            )
        })
        .collect();
    for (name, writer) in names.iter().zip(writers) {
        let done = writer.finish();
        assert!(
            done.status.success(),
            "{name} failed ({:?}):\n{}",
            done.status,
            done.stderr
        );
        assert!(
            !done.stderr.contains("locked") && !done.stderr.contains("busy"),
            "{name}: {}",
            done.stderr
        );
        assert!(
            done.stdout.contains(&format!("added {ADDS_EACH} expenses")),
            "{name}"
        );
    }
    let elapsed = started.elapsed();

    let (checked, _) = check_database(spend.db());
    assert_eq!(checked.expenses, WRITERS * 500);
    assert_eq!(checked.alerts, WRITERS * 2);
    let conn = rusqlite::Connection::open(spend.db()).expect("open");
    for name in &names {
        let ids: Vec<i64> = conn
            .prepare(
                "SELECT e.id FROM expenses e JOIN categories c ON c.id = e.category_id
                 WHERE c.name = ?1 ORDER BY e.id",
            )
            .and_then(|mut s| s.query_map([name], |row| row.get(0))?.collect())
            .expect("the writer's expenses");
        assert_eq!(ids.len(), 500, "{name}");
        let alerts: Vec<(String, i64, String)> = conn
            .prepare(
                "SELECT a.alert_type, a.expense_id, a.message FROM alerts a
                 JOIN budgets b ON b.id = a.budget_id JOIN categories c ON c.id = b.category_id
                 WHERE c.name = ?1 ORDER BY a.id",
            )
            .and_then(|mut s| {
                s.query_map([name], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                    .collect()
            })
            .expect("the writer's alerts");
        assert_eq!(
            alerts,
            [
                (
                    "BUDGET_WARNING".to_string(),
                    ids[WARNING_AT - 1],
                    format!(
                        "Budget warning for {name} for May 2025: 80% used. Spent: 640.00 / 800.00"
                    )
                ),
                (
                    "BUDGET_EXCEEDED".to_string(),
                    ids[EXCEEDED_AT - 1],
                    format!("Budget exceeded for {name} for May 2025. Spent: 802.00 / 800.00")
                ),
            ],
            "{name}"
        );
    }
    eprintln!(
        "{WRITERS} writers x {ADDS_EACH} adds in {:.1} s",
        elapsed.as_secs_f64()
    );
}

/// Sends keys through the real keymap; `\t` is Tab and `\n` is Enter.
fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(action) = action_for_event(app.view().mode(), &event) {
            app.update(action);
        }
    }
}

fn app_on(path: &std::path::Path) -> App {
    let store = Store::open(path, &NewUserDefaults::default()).expect("the app's store");
    App::new(
        store,
        AppConfig {
            grouping: smart_spending_tracker::domain::Grouping::default(),
            decimal: None,
            date_style: smart_spending_tracker::domain::DateStyle::Iso,
            user: None,
            month: Some(Month::parse("2025-05").expect("month")),
            today: "2025-05-20".parse().expect("date"),
            export_dir: path.parent().expect("dir").to_path_buf(),
        },
    )
    .expect("the app opens")
}

/// Ticks the app and checks the status line shows no error.
fn tick(app: &mut App, after: &str) {
    app.update(Action::Tick);
    if let Some(status) = &app.view().status {
        assert_ne!(status.tone, Tone::Error, "after {after}: {}", status.text);
    }
}

fn row_with_note<'a>(
    app: &'a App,
    note: &str,
) -> Option<&'a smart_spending_tracker::domain::Expense> {
    app.view()
        .list
        .rows
        .iter()
        .find(|e| e.note.as_deref() == Some(note))
}

#[test]
fn the_app_shows_adds_edits_deletes_and_budgets_from_the_command_line() {
    let spend = Spend::with_sample();
    let mut app = app_on(spend.db());
    assert_eq!(app.view().list.total, 4);

    let added = spend.ok(&[
        "add",
        "99",
        "Food",
        "--date",
        "2025-05-12",
        "--note",
        "From the CLI",
    ]);
    let id = added
        .trim()
        .strip_prefix("added expense #")
        .expect("the new id")
        .to_string();
    tick(&mut app, "an outside add");
    assert_eq!(app.view().list.total, 5);
    let row = row_with_note(&app, "From the CLI").expect("the added row is shown");
    assert_eq!(row.amount, Decimal::new(9_900, 2));

    spend.ok(&[
        "edit",
        &id,
        "--amount",
        "150",
        "--note",
        "Edited from the CLI",
    ]);
    tick(&mut app, "an outside edit");
    assert!(row_with_note(&app, "From the CLI").is_none());
    let row = row_with_note(&app, "Edited from the CLI").expect("the edited row is shown");
    assert_eq!(row.amount, Decimal::new(15_000, 2));
    let food = app
        .view()
        .month_view
        .budgets
        .iter()
        .find(|b| b.category == "Food")
        .expect("Food's bar");
    assert_eq!(food.spent, Decimal::new(160_000, 2), "1,450.00 + 150.00");

    spend.ok(&["budget", "set", "Food", "1000"]);
    tick(&mut app, "an outside budget");
    assert_eq!(
        app.view()
            .month_view
            .alerts
            .first()
            .map(|a| a.message.as_str()),
        Some("Budget exceeded for Food for May 2025. Spent: 1600.00 / 1000.00")
    );

    spend.ok(&["delete", &id]);
    tick(&mut app, "an outside delete");
    assert_eq!(app.view().list.total, 4);
    assert!(row_with_note(&app, "Edited from the CLI").is_none());

    // The app's own writes still work on the file the CLI keeps changing.
    app.update(Action::MarkAlertsSeen);
    assert_eq!(app.view().month_view.unseen_alerts, 0);
    tick(&mut app, "marking alerts seen");
}

#[test]
fn the_app_writes_and_reads_while_other_processes_write() {
    let spend = Spend::new();
    spend.ok(&["category", "add", "Elsewhere"]);
    let writers: Vec<_> = (0..2)
        .map(|_| {
            start_role(
                ADDER,
                spend.db(),
                &[
                    ("SPEND_TEST_CATEGORY", "Elsewhere".to_string()),
                    ("SPEND_TEST_COUNT", "150".to_string()),
                ],
            )
        })
        .collect();
    let mut app = app_on(spend.db());
    for n in 0..40 {
        // The quick-add dialog, key by key, as a person uses it.
        type_keys(&mut app, &format!("a1.{n:02}\tFoo\t\t\tapp {n}\n"));
        let status = app.view().status.clone().expect("a status after saving");
        assert_eq!(status.tone, Tone::Success, "add {n}: {}", status.text);
        assert!(app.view().modal.is_none(), "add {n}: the dialog closed");
        tick(&mut app, "a write among other writers");
    }
    for writer in writers {
        let done = writer.finish();
        assert!(done.status.success(), "{:?}: {}", done.status, done.stderr);
    }
    tick(&mut app, "the writers finished");
    assert_eq!(
        app.view().list.total,
        340,
        "300 from the writers and 40 of the app's"
    );
    let (checked, _) = check_database(spend.db());
    assert_eq!(checked.expenses, 340);
}
