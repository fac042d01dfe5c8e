//! Hostile input on top of the command-line matrix in `tests/ledger/cli/bad_input.rs`: more
//! spaces and digits that are not ASCII, the same refusals through CSV import, categories by
//! case, notes kept byte for byte through every path, and control characters that are stored
//! as given but never reach a terminal raw.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use smart_spending_tracker::app::{App, AppConfig};
use smart_spending_tracker::domain::Month;
use smart_spending_tracker::store::{NewUserDefaults, Store};
use smart_spending_tracker::ui::{self, Theme};

use crate::support::{Spend, snapshot};

/// A database with budgets, expenses, an alert and settings, so any stray write shows.
fn populated() -> Spend {
    let spend = Spend::with_sample();
    spend.ok(&["add", "2000", "Shopping", "--date", "2025-05-15"]);
    spend
}

/// Writes a CSV file in the spend directory and returns its path as text.
fn csv_file(spend: &Spend, name: &str, text: &str) -> String {
    let path = spend.dir().join(name);
    std::fs::write(&path, text).expect("write the CSV");
    path.to_str().expect("UTF-8 temp path").to_string()
}

#[test]
fn amounts_with_odd_spaces_or_foreign_digits_are_refused_on_every_path() {
    let spend = populated();
    for (amount, reason) in [
        ("12\u{a0}34", "contains a space"),
        ("12\t34", "contains a space"),
        ("1 000.50", "contains a space"),
        ("12 .50", "contains a space"),
        ("12\u{2009}000", "contains a space"),
        ("\u{ff11}\u{ff12}", "is not a number"),
        ("\u{967}\u{968}\u{969}", "is not a number"),
        ("\u{9e7}\u{9e8}", "is not a number"),
        ("\u{b2}", "is not a number"),
        ("1\u{200b}2", "is not a number"),
        ("12\u{301}", "is not a number"),
    ] {
        for args in [
            vec!["add", amount, "Food", "--date", "2025-05-03"],
            vec!["edit", "1", "--amount", amount],
            vec!["budget", "set", "Food", amount],
        ] {
            let error = spend.refused(&args);
            assert!(error.contains(reason), "{amount:?}: {error}");
        }
        let file = csv_file(
            &spend,
            "amount.csv",
            &format!("amount,category,date\n10,Food,2025-05-01\n\"{amount}\",Food,2025-05-02\n"),
        );
        let error = spend.refused(&["import", &file]);
        assert!(
            error.contains("line 3, column 1 (amount): amount"),
            "{amount:?}: {error}"
        );
        assert!(error.contains(reason), "{amount:?}: {error}");
    }
}

#[test]
fn bad_dates_and_categories_in_an_import_are_refused_with_their_line() {
    let spend = populated();
    for (row, reason) in [
        (
            "10,Food,2025-02-30",
            "line 3, column 3 (date): date \"2025-02-30\" does not exist",
        ),
        (
            "10,Food,2025-13-01",
            "line 3, column 3 (date): date \"2025-13-01\" does not exist",
        ),
        (
            "10,Food,0000-01-01",
            "line 3, column 3 (date): date \"0000-01-01\" is out of range",
        ),
        (
            "10,Food,10000-01-01",
            "line 3, column 3 (date): date \"10000-01-01\" is out of range",
        ),
        ("10,Food,", "line 3, column 3 (date): date is empty"),
        (
            "10,,2025-05-02",
            "line 3, column 2 (category): category is empty",
        ),
        (
            "10,\"   \",2025-05-02",
            "line 3, column 2 (category): category is empty",
        ),
        (
            "-10,Food,2025-05-02",
            "line 3, column 1 (amount): amount \"-10\" is negative",
        ),
        (
            "1e3,Food,2025-05-02",
            "line 3, column 1 (amount): amount \"1e3\" uses an exponent",
        ),
        (
            "NaN,Food,2025-05-02",
            "line 3, column 1 (amount): amount \"NaN\" is not a number",
        ),
        (
            "1.005,Food,2025-05-02",
            "line 3, column 1 (amount): amount \"1.005\" has 3 decimals",
        ),
        (
            "10,Food,2025-05-02,extra",
            "line 3: 4 fields, but the header has 3",
        ),
    ] {
        let file = csv_file(
            &spend,
            "rows.csv",
            &format!("amount,category,date\n10,Food,2025-05-01\n{row}\n"),
        );
        let error = spend.refused(&["import", "--create-categories", &file]);
        assert!(error.contains(reason), "{row:?}: {error}");
    }
    let file = csv_file(&spend, "nocolumn.csv", "amount,date\n10,2025-05-01\n");
    let error = spend.refused(&["import", &file]);
    assert!(error.contains("no \"category\" column"), "{error}");
}

#[test]
fn the_calendar_ends_are_accepted_and_exported_exactly() {
    let spend = Spend::new();
    spend.ok(&[
        "add",
        "1",
        "Food",
        "--date",
        "0001-01-01",
        "--note",
        "first day",
        "--yes",
    ]);
    spend.ok(&[
        "add",
        "2",
        "Food",
        "--date",
        "9999-11-30",
        "--note",
        "late day",
        "--yes",
    ]);
    // Their months are out of reach of the month views; the days are exported exactly.
    let refused = spend.fails(&["list", "--month", "0001-01", "--json"]);
    assert!(refused.contains("months run from 1970-01"), "{refused}");
    let first = spend.ok(&["export", "--from", "0001-01-01", "--to", "0001-01-31"]);
    assert!(first.contains("0001-01-01,first day"), "{first}");
    let late = spend.ok(&["export", "--from", "9999-11-01", "--to", "9999-11-30"]);
    assert!(late.contains("9999-11-30,late day"), "{late}");
}

#[test]
fn categories_differing_only_by_case_are_one_category_everywhere() {
    let spend = populated();
    for (args, error) in [
        (
            vec!["category", "add", "FOOD"],
            "error: category \"Food\" already exists",
        ),
        (
            vec!["category", "add", " shopping "],
            "error: category \"Shopping\" already exists",
        ),
        (vec!["category", "add", ""], "error: category name is empty"),
        (
            vec!["category", "add", "\t"],
            "error: category name is empty",
        ),
        (vec!["add", "10", "  "], "error: category name is empty"),
    ] {
        assert_eq!(spend.refused(&args), error, "{args:?}");
    }
    let control = spend.refused(&["category", "add", "Bad\u{1b}[31m"]);
    assert!(control.contains("no control characters"), "{control}");

    // An import that names one new category three ways creates it once.
    let file = csv_file(
        &spend,
        "case.csv",
        "amount,category,date\n1,Groceries,2025-05-01\n2,GROCERIES,2025-05-02\n3,groceries,2025-05-03\n4,food,2025-05-04\n",
    );
    let out = spend.ok(&["import", "--create-categories", &file]);
    assert!(out.contains("imported 4 expenses"), "{out}");
    assert!(out.contains("created categories: Groceries\n"), "{out}");
    let categories = spend.ok(&["category", "list"]);
    let named = categories
        .lines()
        .filter(|line| {
            line.split_whitespace()
                .nth(1)
                .is_some_and(|name| name.eq_ignore_ascii_case("groceries"))
        })
        .count();
    assert_eq!(named, 1, "{categories}");
    let list = spend.json(&["list", "--json"]);
    let listed: Vec<&str> = list["expenses"]
        .as_array()
        .expect("expenses")
        .iter()
        .filter(|e| e["date"].as_str().is_some_and(|d| d <= "2025-05-04"))
        .filter_map(|e| e["category"].as_str())
        .collect();
    assert_eq!(
        listed.iter().filter(|n| **n == "Groceries").count(),
        3,
        "{listed:?}"
    );
    assert!(listed.contains(&"Food"), "{listed:?}");
}

/// Notes that must come back exactly as typed.
fn exact_notes() -> Vec<String> {
    // 10 KB of mixed one-, two-, three- and four-byte characters.
    let mut ten_kb = String::new();
    while ten_kb.len() < 10 * 1024 - 8 {
        ten_kb.push_str("receipt ₹ é 漢 🧾 ");
    }
    vec![
        ten_kb,
        "👩‍👩‍👧‍👦 family dinner 🇮🇳 ☕️ 👍🏽".into(),
        "שלום עולם — مرحبا بالعالم".into(),
        "\u{200f}RTL mark, then \u{202e}override\u{202c} and \u{2067}isolate\u{2069}".into(),
        "e\u{301} vs é, and \u{fb01}".into(),
        "  padded, with \"quotes\", commas; and 'apostrophes'  ".into(),
        "two\nlines\r\nand a tab\there".into(),
        "\u{1b}[31mred\u{1b}[0m \u{7}bell \u{9b}2J".into(),
    ]
}

#[test]
fn notes_are_kept_exactly_through_add_list_export_and_import() {
    let spend = Spend::new();
    let notes = exact_notes();
    for (n, note) in notes.iter().enumerate() {
        let amount = format!("{}.25", n + 1);
        spend.ok(&[
            "add",
            &amount,
            "Food",
            "--date",
            "2025-05-10",
            "--note",
            note,
        ]);
    }
    let listed = notes_listed(&spend);
    assert_eq!(listed, notes, "list --json gives the notes back exactly");
    let stored: Vec<String> = rusqlite::Connection::open(spend.db())
        .expect("open")
        .prepare("SELECT note FROM expenses ORDER BY id")
        .and_then(|mut s| s.query_map([], |row| row.get(0))?.collect())
        .expect("read the notes");
    assert_eq!(stored, notes, "the database holds them byte for byte");

    let csv = spend.dir().join("notes.csv");
    let csv_text = csv.to_str().expect("UTF-8");
    spend.ok(&["export", "-o", csv_text]);
    let other = Spend::new();
    let out = other.ok(&["import", csv_text]);
    assert_eq!(
        out,
        format!("imported {} expenses from {csv_text}\n", notes.len())
    );
    assert_eq!(notes_listed(&other), notes, "export then import keeps them");
    let amounts: Vec<Value> = other.json(&["list", "--month", "2025-05", "--json"])["expenses"]
        .as_array()
        .expect("expenses")
        .iter()
        .map(|e| e["amount"].clone())
        .collect();
    assert_eq!(amounts.len(), notes.len());
    assert!(amounts.contains(&Value::from("8.25")), "{amounts:?}");
}

/// The notes of May 2025, oldest first.
fn notes_listed(spend: &Spend) -> Vec<String> {
    let list = spend.json(&["list", "--month", "2025-05", "--json"]);
    let mut rows: Vec<(i64, String)> = list["expenses"]
        .as_array()
        .expect("expenses")
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().expect("id"),
                e["note"].as_str().expect("a note").to_string(),
            )
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, note)| note).collect()
}

#[test]
fn oversized_notes_are_refused_on_every_path() {
    let spend = populated();
    let huge = "x".repeat(16 * 1024 + 1);
    for args in [
        vec!["add", "10", "Food", "--note", &huge],
        vec!["edit", "1", "--note", &huge],
    ] {
        let error = spend.refused(&args);
        assert_eq!(error, "error: note is 16385 bytes; at most 16384 are kept");
    }
    let file = csv_file(
        &spend,
        "huge.csv",
        &format!("amount,category,date,note\n10,Food,2025-05-01,ok\n11,Food,2025-05-02,{huge}\n"),
    );
    let error = spend.refused(&["import", &file]);
    assert!(error.contains("note is 16385 bytes"), "{error}");
}

/// Control characters, including a C1 CSI (U+009B) that some terminals obey.
const ESCAPES: &str = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31mred\u{8}\u{7f}";

fn has_raw_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn escape_sequences_are_stored_as_given_but_printed_escaped() {
    let spend = Spend::with_sample();
    spend.ok(&["add", "10", "Food", "--note", ESCAPES]);
    spend.ok(&["user", "add", &format!("Eve{ESCAPES}"), "eve@example.com"]);
    let stored: String = rusqlite::Connection::open(spend.db())
        .expect("open")
        .query_row(
            "SELECT note FROM expenses ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the note");
    assert_eq!(stored, ESCAPES, "stored exactly as given");

    // An email is an address, not free text: control characters in it are refused.
    let refused = spend.refused(&["user", "add", "Mallory", "mallory\u{1b}[2J@example.com"]);
    assert!(refused.contains("is not an email address"), "{refused:?}");
    assert!(!has_raw_control(&refused), "{refused:?}");
    let added = spend.ok(&[
        "user",
        "add",
        &format!("Mallory{ESCAPES}"),
        "mallory@example.com",
    ]);
    assert!(!has_raw_control(&added), "{added:?}");
    for args in [
        vec!["list"],
        vec!["user", "list"],
        vec!["--user", "eve@example.com", "report"],
        vec!["--user", "mallory@example.com", "report"],
        vec!["alerts", "--all"],
        vec!["category", "list"],
        vec!["budget", "list"],
    ] {
        let out = spend.ok(&args);
        assert!(
            !has_raw_control(&out),
            "spend {args:?} printed raw control characters:\n{out:?}"
        );
    }
    // JSON escapes C0 controls (ESC included) as \u001b; DEL and C1 are legal JSON text.
    for args in [
        vec!["list", "--json"],
        vec!["--user", "mallory@example.com", "report", "--json"],
        vec!["alerts", "--all", "--json"],
    ] {
        let out = spend.ok(&args);
        assert!(
            !out.chars().any(|c| c < ' ' && c != '\n'),
            "spend {args:?} printed a raw C0 control character:\n{out:?}"
        );
    }
    let list = spend.ok(&["list"]);
    assert!(
        list.contains("\\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{9b}31mred"),
        "{list}"
    );
    let users = spend.ok(&["user", "list"]);
    assert!(users.contains("Eve\\u{1b}[2J"), "{users}");
    let json = spend.json(&["list", "--json"]);
    let notes: Vec<&str> = json["expenses"]
        .as_array()
        .expect("expenses")
        .iter()
        .filter_map(|e| e["note"].as_str())
        .collect();
    assert!(
        notes.contains(&ESCAPES),
        "JSON carries the note exactly, escaped: {notes:?}"
    );
}

#[test]
fn escape_sequences_reach_the_app_screen_escaped() {
    let spend = Spend::with_sample();
    spend.ok(&[
        "add",
        "10",
        "Food",
        "--date",
        "2025-05-19",
        "--note",
        ESCAPES,
    ]);
    let store = Store::open(spend.db(), &NewUserDefaults::default()).expect("store");
    let mut app = App::new(
        store,
        AppConfig {
            grouping: smart_spending_tracker::domain::Grouping::default(),
            decimal: None,
            date_style: smart_spending_tracker::domain::DateStyle::Iso,
            user: None,
            month: Some(Month::parse("2025-05").expect("month")),
            today: "2025-05-20".parse().expect("date"),
            export_dir: spend.dir().to_path_buf(),
        },
    )
    .expect("app");
    let screen = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(160, 40)).expect("terminal");
        terminal
            .draw(|frame| {
                ui::draw(frame, app.view(), Theme::plain());
            })
            .expect("draw");
        terminal.backend().to_string()
    };
    let list = screen(&app);
    assert!(
        !has_raw_control(&list),
        "the list shows a raw control character"
    );
    assert!(
        list.contains("\\u{1b}[2J"),
        "the note is shown escaped:\n{list}"
    );

    // The newest row is selected first; its edit dialog and delete question show it too.
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.note.as_deref()),
        Some(ESCAPES)
    );
    app.update(smart_spending_tracker::app::Action::OpenEdit);
    let dialog = screen(&app);
    assert!(
        !has_raw_control(&dialog),
        "the edit dialog shows a raw control character"
    );
    app.update(smart_spending_tracker::app::Action::Cancel);
    assert!(app.view().modal.is_none());
    let before = snapshot(spend.db());
    app.update(smart_spending_tracker::app::Action::AskDelete);
    assert!(
        !has_raw_control(&screen(&app)),
        "the delete question shows a raw control character"
    );
    assert_eq!(snapshot(spend.db()), before, "asking writes nothing");
}
