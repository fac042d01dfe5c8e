//! Keys in, state and database out: the app layer with no terminal.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use smart_spending_tracker::app::{Action, Field, Modal, Mode, Screen, Tone};
use smart_spending_tracker::domain::Month;
use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::support::{act, app_on, count, key, press, sample_app, type_keys};

const EXCEEDED_SHOPPING: &str =
    "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00";
/// The same alert as the screen shows it, figures grouped.
const EXCEEDED_SHOPPING_SHOWN: &str =
    "Budget exceeded for Shopping for May 2025. Spent: 5,200.00 / 5,000.00";

#[test]
fn quick_add_saves_selects_the_row_and_shows_the_alert_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.view().mode(), Mode::Form);
    type_keys(&mut app, "2000\tShop\t\t\tConcert tickets\n");

    assert!(
        app.view().modal.is_none(),
        "the dialog closes on a good save"
    );
    let selected = app.view().selected_expense().expect("a selected row");
    assert_eq!(selected.note.as_deref(), Some("Concert tickets"));
    assert_eq!(selected.category.as_deref(), Some("Shopping"));
    assert_eq!(selected.amount.to_string(), "2000.00");
    assert_eq!(selected.date, crate::support::today());

    let shopping = app
        .view()
        .month_view
        .budgets
        .iter()
        .find(|b| b.category == "Shopping")
        .expect("bar");
    assert_eq!(shopping.spent.to_string(), "5200.00");
    assert_eq!(
        app.view()
            .month_view
            .alerts
            .first()
            .map(|a| a.message.as_str()),
        Some(EXCEEDED_SHOPPING)
    );
    assert_eq!(app.view().month_view.unseen_alerts, 1);
    let status = app.view().status.clone().expect("status line");
    assert_eq!(status.tone, Tone::Alert);
    assert!(
        status.text.contains(EXCEEDED_SHOPPING_SHOWN),
        "{}",
        status.text
    );
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 6);
    assert_eq!(count(&app, "SELECT count(*) FROM alerts"), 1);
}

#[test]
fn invalid_input_keeps_the_dialog_and_the_text_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "1.005\tFood\t2025-02-30\t\n");

    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the dialog stays open");
    };
    assert_eq!(form.field(Field::Amount).value(), "1.005");
    assert_eq!(form.field(Field::Date).value(), "2025-02-30");
    assert_eq!(
        form.field(Field::Amount).error.as_deref(),
        Some("amount \"1.005\" has 3 decimals; INR allows 2 (for 1005.00 type 1005 or 1,005)")
    );
    assert_eq!(
        form.field(Field::Date).error.as_deref(),
        Some("date \"2025-02-30\" does not exist in the calendar")
    );
    assert_eq!(
        form.focus,
        Field::Amount,
        "focus goes to the first bad field"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);

    press(&mut app, KeyCode::Esc);
    assert!(app.view().modal.is_none());
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);
}

#[test]
fn edit_then_undo_and_redo_each_rerun_the_budget_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    // Newest first: the 3,200.00 headphones on 2025-05-11 lead the list.
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.note.as_deref()),
        Some("New headphones")
    );
    press(&mut app, KeyCode::Char('e'));
    // Ctrl-u clears the amount field before typing the new one.
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "5200\n");
    assert!(app.view().modal.is_none());
    assert_eq!(
        app.view().selected_expense().map(|e| e.amount.to_string()),
        Some("5200.00".into())
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM alerts WHERE alert_type = 'BUDGET_EXCEEDED'"
        ),
        1
    );

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.view().selected_expense().map(|e| e.amount.to_string()),
        Some("3200.00".into())
    );
    // The undone edit takes the alert it fired with it.
    assert_eq!(count(&app, "SELECT count(*) FROM alerts"), 0);
    key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        app.view().selected_expense().map(|e| e.amount.to_string()),
        Some("5200.00".into())
    );
    // Over the budget again: the redo fires the alert anew, so there is exactly one.
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM alerts WHERE alert_type = 'BUDGET_EXCEEDED'"
        ),
        1
    );
}

#[test]
fn delete_asks_first_and_undo_brings_the_same_row_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    let first = app.view().selected_expense().expect("row").clone();

    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.view().mode(), Mode::Confirm);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);

    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 4);
    assert_ne!(app.view().selected_expense().map(|e| e.id), Some(first.id));

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);
    assert_eq!(
        app.store()
            .expense(first.user_id, first.id)
            .expect("restored"),
        first
    );
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.view().status.as_ref().map(|s| s.text.as_str()),
        Some("Nothing to undo")
    );
}

#[test]
fn undo_goes_several_levels_deep() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    for amount in ["10", "20", "30"] {
        press(&mut app, KeyCode::Char('a'));
        type_keys(&mut app, &format!("{amount}\tFood\n"));
    }
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 8);
    for expected in [7, 6, 5] {
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(count(&app, "SELECT count(*) FROM expenses"), expected);
    }
    for expected in [6, 7] {
        key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(count(&app, "SELECT count(*) FROM expenses"), expected);
    }
}

#[test]
fn months_move_with_h_l_and_t() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.view().month, Month::parse("2025-04").expect("month"));
    assert!(app.view().list.total == 0);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.view().month, Month::parse("2025-06").expect("month"));
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.view().month, crate::support::may_2025());
    assert_eq!(app.view().list.total, 4);
}

#[test]
fn months_stop_ten_years_ahead_and_looking_at_them_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A standing Food budget that rolls over: every month ahead has a budget to compute.
    let mut store = crate::support::sample_store();
    let change = smart_spending_tracker::store::BudgetChange {
        user: smart_spending_tracker::domain::UserId(1),
        category: smart_spending_tracker::domain::CategoryId(1),
        span: smart_spending_tracker::store::BudgetSpan::From(crate::support::may_2025()),
        amount: rust_decimal::Decimal::from(8000),
        rollover: Some(true),
        carry_overspending: None,
    };
    store
        .change_budget(&change, crate::support::may_2025())
        .expect("a standing budget");
    let mut app = app_on(store, dir.path());
    let rows = |app: &smart_spending_tracker::app::App| -> i64 {
        app.store()
            .connection()
            .query_row("SELECT count(*) FROM budgets", [], |row| row.get(0))
            .expect("count")
    };
    let before = rows(&app);
    // Ten years past May 2025 is May 2035, the last month in reach.
    for _ in 0..120 {
        press(&mut app, KeyCode::Char('l'));
    }
    assert_eq!(app.view().month, Month::parse("2035-05").expect("month"));
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.view().month, Month::parse("2035-05").expect("month"));
    let said = app
        .view()
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("months run from 1970-01 to 2035-05"),
        "{said}"
    );
    assert_eq!(rows(&app), before, "looking at months made no budget rows");
    let food = app
        .view()
        .month_view
        .budgets
        .iter()
        .find(|b| b.category == "Food");
    assert!(
        food.is_some_and(|b| b.carried > rust_decimal::Decimal::ZERO),
        "{food:?}"
    );
}

#[test]
fn the_list_moves_and_the_filter_narrows_it_live() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.view().selected, 3);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.view().selected,
        3,
        "the selection stops at the last row"
    );
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.view().selected, 0);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.view().selected, 3);

    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "foo");
    assert_eq!(app.view().list.total, 2, "Food matches by category");
    type_keys(&mut app, "x");
    assert!(app.view().list.total == 0);
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    type_keys(&mut app, "\n");
    assert_eq!(app.view().mode(), Mode::List);
    assert_eq!(app.view().list.total, 2, "Enter keeps the filter");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view().list.total, 4);

    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "taxi");
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.note.as_deref()),
        Some("Taxi to office")
    );
}

#[test]
fn budget_key_sets_the_selected_category_and_a_low_budget_alerts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    // The selected row is Shopping (3,200.00); its budget dialog opens on the amount.
    press(&mut app, KeyCode::Char('b'));
    let Some(Modal::Budget(form)) = app.view().modal.as_ref() else {
        panic!("budget dialog");
    };
    assert_eq!(form.category.value(), "Shopping");
    assert_eq!(form.amount.value(), "5000.00");
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "3000\n");
    assert!(app.view().modal.is_none());
    let shopping = app
        .view()
        .month_view
        .budgets
        .iter()
        .find(|b| b.category == "Shopping")
        .expect("bar");
    assert_eq!(shopping.budget.to_string(), "3000.00");
    assert_eq!(
        app.view()
            .month_view
            .alerts
            .first()
            .map(|a| a.message.as_str()),
        Some("Budget exceeded for Shopping for May 2025. Spent: 3200.00 / 3000.00")
    );
}

#[test]
fn a_new_category_is_created_with_the_expense() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "450\tBooks\n");
    assert!(app.view().modal.is_none());
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.category.as_deref()),
        Some("Books")
    );
    assert!(app.view().categories.iter().any(|c| c.name == "Books"));
    assert_eq!(
        app.view()
            .month_view
            .unbudgeted
            .iter()
            .map(|c| c.category.as_str())
            .collect::<Vec<_>>(),
        vec!["Books"],
        "spending without a budget is listed apart"
    );
}

#[test]
fn export_keys_write_csv_files_and_say_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('x'));
    let month_file = dir.path().join("spend-2025-05.csv");
    let text = std::fs::read_to_string(&month_file).expect("month export");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,user_id,category_id,category,amount,currency,date,note")
    );
    assert_eq!(lines.count(), 4, "Aman's four May expenses");
    let status = app.view().status.clone().expect("status");
    assert!(status.text.contains("Exported 4 rows"), "{}", status.text);
    assert!(status.text.contains("spend-2025-05.csv"), "{}", status.text);

    key(&mut app, KeyCode::Char('X'), KeyModifiers::SHIFT);
    let all = std::fs::read_to_string(dir.path().join("spend-all.csv")).expect("full export");
    assert_eq!(
        all.lines().count(),
        6,
        "header and every user's five expenses"
    );
}

#[test]
fn changes_from_another_process_show_on_the_next_tick() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.db");
    let mut writer = Store::open(&path, &NewUserDefaults::default()).expect("writer");
    writer.load_sample().expect("sample");
    let reader = Store::open(&path, &NewUserDefaults::default()).expect("reader");
    let mut app = app_on(reader, dir.path());
    assert_eq!(app.view().list.total, 4);

    act(&mut app, Action::Tick);
    assert_eq!(
        app.view().list.total,
        4,
        "nothing changed, nothing reloaded"
    );
    let loads = app.revision();
    act(&mut app, Action::Tick);
    assert_eq!(app.revision(), loads, "an idle tick reads no rows");

    let user = writer.resolve_user(None).expect("user");
    let food = writer.find_category("food").expect("food");
    let new = smart_spending_tracker::domain::NewExpense {
        rate: None,
        user_id: user.id,
        category_id: food.id,
        amount: rust_decimal::Decimal::new(9_900, 2),
        currency: user.currency,
        date: crate::support::today(),
        note: Some("Added elsewhere".into()),
    };
    writer.add_expense(&new).expect("outside add");
    act(&mut app, Action::Tick);
    assert_eq!(app.view().list.total, 5);
    assert!(app.revision() > loads);
}

#[test]
fn alerts_are_marked_seen_with_m() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "2000\tShopping\n");
    assert_eq!(app.view().month_view.unseen_alerts, 1);
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.view().month_view.unseen_alerts, 0);
    assert!(app.view().month_view.alerts.iter().all(|a| a.seen));
}

#[test]
fn users_switch_and_categories_are_managed_from_dialogs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('U'));
    type_keys(&mut app, "j\n");
    assert_eq!(app.view().user.email, "priya@example.com");
    assert_eq!(app.view().list.total, 1);

    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.view().mode(), Mode::Categories);
    type_keys(&mut app, "nHealth\n");
    assert!(app.view().categories.iter().any(|c| c.name == "Health"));
    // The manager stays open with the new category highlighted; delete it again.
    type_keys(&mut app, "dy");
    assert!(!app.view().categories.iter().any(|c| c.name == "Health"));
    press(&mut app, KeyCode::Esc);
    assert!(app.view().modal.is_none());
}

#[test]
fn tab_switches_to_trends_and_help_opens_and_closes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view().screen, Screen::Trends);
    assert_eq!(app.view().month_view.trend.len(), 12);
    assert_eq!(
        app.view()
            .month_view
            .trend
            .last()
            .map(|m| m.total.to_string()),
        Some("4800.00".into())
    );
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.view().screen, Screen::Expenses);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.view().mode(), Mode::Help);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view().mode(), Mode::List);
    key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.view().should_quit);
}

#[test]
fn a_long_month_is_held_as_a_window_around_the_selection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = crate::support::sample_store();
    let user = store.resolve_user(None).expect("user");
    let food = store.find_category("Food").expect("food");
    let rows: Vec<_> = (0..3000u32)
        .map(|i| smart_spending_tracker::domain::NewExpense {
            rate: None,
            user_id: user.id,
            category_id: food.id,
            amount: rust_decimal::Decimal::new(i64::from(i % 500) + 1, 0),
            currency: user.currency,
            date: chrono::NaiveDate::from_ymd_opt(2025, 5, 1 + i % 28).expect("date"),
            note: Some(format!("bulk {i}")),
        })
        .collect();
    store.add_expenses(&rows).expect("bulk add");
    let mut app = app_on(store, dir.path());
    assert_eq!(app.view().list.total, 3004);
    assert!(
        app.view().list.rows.len() < 300,
        "only a window is loaded: {}",
        app.view().list.rows.len()
    );

    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.view().selected, 3003);
    let last = app
        .view()
        .selected_expense()
        .expect("the oldest row is loaded")
        .clone();
    assert_eq!(
        last.note.as_deref(),
        Some("bulk 0"),
        "the first row of 1 May is oldest"
    );
    assert!(app.view().list.rows.len() < 300);
    for _ in 0..150 {
        press(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(app.view().selected, 2853);
    assert!(
        app.view().selected_expense().is_some(),
        "moving keeps the selection loaded"
    );

    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "bulk 2999");
    assert_eq!(app.view().list.total, 1);
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.note.as_deref()),
        Some("bulk 2999")
    );
}

#[test]
fn a_click_selects_the_row_under_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    let layout = crate::support::draw(&app, 120, 40);
    let list = layout.list.expect("the list is on screen");
    // Row 0 of the table body sits under the border and the header: screen row 3.
    assert_eq!(list.at(10, 3), Some(0));
    let third = list.at(10, 5).expect("a row");
    act(&mut app, Action::SelectRow(third));
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.note.as_deref()),
        Some("Weekly groceries")
    );
    assert_eq!(list.at(10, 30), None, "below the rows");
    assert_eq!(list.at(100, 3), None, "another panel");
}

#[test]
fn editing_an_uncategorised_imported_row_starts_on_its_category() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = crate::support::store_with_an_uncategorised_row();
    let mut app = app_on(store, dir.path());
    let selected = app
        .view()
        .selected_expense()
        .expect("the imported row leads");
    assert_eq!(
        (selected.note.as_deref(), selected.category.as_deref()),
        (Some("Corner shop"), None)
    );
    press(&mut app, KeyCode::Char('e'));
    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the edit dialog opens");
    };
    assert_eq!(form.focus, Field::Category);
    type_keys(&mut app, "Food\n");
    assert!(app.view().modal.is_none(), "the dialog saves");
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.category.as_deref()),
        Some("Food")
    );
    // A categorised row still starts on its amount.
    press(&mut app, KeyCode::Char('e'));
    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the edit dialog opens");
    };
    assert_eq!(form.focus, Field::Amount);
}

#[test]
fn the_import_dialog_previews_then_imports_and_a_second_import_adds_nothing() {
    use smart_spending_tracker::app::ImportDialog;

    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.view().mode(), Mode::Form);
    // Tab completes the path as far as the directory's entries agree.
    type_keys(&mut app, "tests/ui/fixtures/statement-c\t");
    let preview_of = |app: &smart_spending_tracker::app::App| -> ImportDialog {
        let Some(Modal::Import(dialog)) = app.view().modal.as_ref() else {
            panic!("the import dialog is open");
        };
        (**dialog).clone()
    };
    assert_eq!(
        preview_of(&app).path.value(),
        "tests/ui/fixtures/statement-clean.csv"
    );
    press(&mut app, KeyCode::Enter);
    let dialog = preview_of(&app);
    let preview = dialog.preview.as_ref().expect("a preview");
    let rows: Vec<(u64, &str, Option<&str>)> = preview
        .plan
        .iter()
        .map(|p| (p.line, p.status.name(), p.category.as_deref()))
        .collect();
    // "Weekly groceries" was filed under Food before, so it is again.
    assert_eq!(
        rows,
        [
            (2, "new", None),
            (3, "inflow", None),
            (4, "new", None),
            (5, "new", Some("Food")),
            (6, "skipped", None),
        ]
    );
    assert_eq!(
        dialog.mapping.value(),
        "date=Date,amount=Amount,note=Description"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM expenses"),
        5,
        "a preview writes nothing"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.view().modal.is_none(), "the import closes the dialog");
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 8);
    let status = app.view().status.clone().expect("a summary");
    assert_eq!(
        status.text,
        "Imported 3, skipped 0 already imported, 1 incoming, 1 not transactions"
    );
    let notes: Vec<String> = (0..app.view().list.total)
        .filter_map(|row| app.view().list.get(row))
        .filter_map(|e| e.note.clone())
        .collect();
    assert!(notes.contains(&"Swiggy order".to_string()), "{notes:?}");

    press(&mut app, KeyCode::Char('i'));
    type_keys(&mut app, "tests/ui/fixtures/statement-clean.csv\n\n");
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 8);
    assert_eq!(
        app.view().status.clone().expect("a summary").text,
        "Imported 0, skipped 3 already imported, 1 incoming, 1 not transactions"
    );
}

#[test]
fn the_import_dialog_imports_nothing_while_a_row_cannot_be_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('i'));
    type_keys(&mut app, "tests/ui/fixtures/statement.csv\n\n");
    let Some(Modal::Import(dialog)) = app.view().modal.as_ref() else {
        panic!("the dialog stays open");
    };
    assert_eq!(
        dialog.error.as_deref(),
        Some(
            "Nothing imported: 1 row(s) cannot be read, the first on line 6: amount \"-12,5x\" \
             is not a number"
        )
    );
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);
    press(&mut app, KeyCode::Esc);
    assert!(app.view().modal.is_none());
}

#[test]
fn v_reviews_the_months_uncategorised_rows_and_e_files_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on(
        crate::support::store_with_an_uncategorised_row(),
        dir.path(),
    );
    assert_eq!(app.view().list.total, 5);
    press(&mut app, KeyCode::Char('v'));
    assert!(app.view().review);
    assert_eq!(app.view().list.total, 1, "only the row without a category");
    let row = app.view().selected_expense().expect("the row");
    assert_eq!(row.note.as_deref(), Some("Corner shop"));
    press(&mut app, KeyCode::Char('e'));
    type_keys(&mut app, "Food\n");
    assert_eq!(app.view().list.total, 0, "filed, it leaves the review");
    press(&mut app, KeyCode::Char('v'));
    assert!(!app.view().review);
    assert_eq!(app.view().list.total, 5);
}

#[test]
fn the_import_dialogs_formats_settle_what_the_file_cannot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('i'));
    type_keys(&mut app, "tests/ui/fixtures/ambiguous-dates.csv\n");
    let error = |app: &smart_spending_tracker::app::App| {
        let Some(Modal::Import(dialog)) = app.view().modal.as_ref() else {
            panic!("the dialog stays open");
        };
        dialog.error.clone()
    };
    assert!(
        error(&app).is_some_and(|e| e.contains("date=DD/MM/YYYY in Formats") && !e.contains("--")),
        "{:?}",
        error(&app)
    );
    // To the formats field, past the mapping.
    type_keys(&mut app, "\t\tdate=DD/MM/YYYY\n");
    assert_eq!(error(&app), None);
    press(&mut app, KeyCode::Enter);
    assert!(app.view().modal.is_none(), "imported");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expenses WHERE date = '2025-06-05'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expenses WHERE date = '2025-06-07'"
        ),
        1
    );
}

/// The month's budget of a category as the bars show it: amount and whether it is standing.
fn bar_of(app: &smart_spending_tracker::app::App, category: &str) -> Option<(String, bool)> {
    app.view()
        .month_view
        .budgets
        .iter()
        .find(|b| b.category == category)
        .map(|b| (b.budget.to_string(), b.standing))
}

#[test]
fn the_budget_dialog_sets_a_standing_budget_and_an_empty_amount_ends_it_after_asking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    // Shopping's May budget was set for May alone; Ctrl-t makes the new one standing.
    press(&mut app, KeyCode::Char('b'));
    let Some(Modal::Budget(form)) = app.view().modal.as_ref() else {
        panic!("budget dialog");
    };
    assert!(!form.standing, "the form starts as the budget is set");
    key(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "6000\n");
    assert!(app.view().modal.is_none());
    assert_eq!(bar_of(&app, "Shopping"), Some(("6000.00".into(), true)));
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(
        bar_of(&app, "Shopping"),
        Some(("6000.00".into(), true)),
        "June has it"
    );

    // In June, naming Shopping fills in its standing 6,000.00; an empty amount asks, then
    // ends it.
    press(&mut app, KeyCode::Char('b'));
    type_keys(&mut app, "Shopping\t");
    let Some(Modal::Budget(form)) = app.view().modal.as_ref() else {
        panic!("budget dialog");
    };
    assert_eq!((form.amount.value(), form.standing), ("6000.00", true));
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view().mode(), Mode::Confirm);
    assert_eq!(
        bar_of(&app, "Shopping"),
        Some(("6000.00".into(), true)),
        "not yet"
    );
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(bar_of(&app, "Shopping"), None);
    assert_eq!(
        app.view().status.as_ref().map(|s| s.text.as_str()),
        Some("Standing budget of Shopping ended from Jun 2025 on · u undoes it")
    );
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(
        bar_of(&app, "Shopping"),
        Some(("6000.00".into(), true)),
        "May keeps it"
    );

    // Budget changes are steps like any other: u takes back the end, then the change.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.view().status.as_ref().map(|s| s.text.as_str()),
        Some("Undid the budget change of Shopping")
    );
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(bar_of(&app, "Shopping"), Some(("6000.00".into(), true)));
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(
        bar_of(&app, "Shopping"),
        Some(("5000.00".into(), false)),
        "May's own 5,000.00 again"
    );
    key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(bar_of(&app, "Shopping"), Some(("6000.00".into(), true)));
}
