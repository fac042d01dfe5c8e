//! What a new user hit in the first hour, each pinned by a test: suggestions, undo, the
//! trends screen, forms, wide text, dialogs, the status line, small screens and export.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use smart_spending_tracker::app::{Action, Field, Modal, Mode, Pane, Screen, Tone};
use smart_spending_tracker::domain::{Currency, Month, NewExpense};
use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::support::{act, app_on, count, key, press, sample_app, screen_text, type_keys};

fn category_count(app: &smart_spending_tracker::app::App) -> i64 {
    count(app, "SELECT count(*) FROM categories")
}

#[test]
fn enter_takes_the_highlighted_suggestion_instead_of_creating_a_category() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    let categories = category_count(&app);
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "12\too");
    press(&mut app, KeyCode::Down);
    type_keys(&mut app, "\n");
    assert!(app.view().modal.is_none(), "saved");
    let added = app.view().selected_expense().expect("the new row");
    assert_eq!(added.category.as_deref(), Some("Food"));
    assert_eq!(category_count(&app), categories, "no category \"oo\"");
}

#[test]
fn a_near_miss_asks_before_creating_and_no_goes_back_to_the_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    let expenses = count(&app, "SELECT count(*) FROM expenses");
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "12\tFod\n");
    let Some(Modal::Confirm(confirm)) = &app.view().modal else {
        panic!("a question, not a silent create: {:?}", app.view().modal);
    };
    assert!(confirm.question.contains("Fod"), "{}", confirm.question);
    assert!(
        confirm.question.contains("did you mean Food"),
        "{}",
        confirm.question
    );
    press(&mut app, KeyCode::Char('n'));
    let Some(Modal::Expense(form)) = &app.view().modal else {
        panic!("no goes back to the form");
    };
    assert_eq!(form.field(Field::Category).value(), "Fod");
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), expenses);

    type_keys(&mut app, "\n");
    assert_eq!(app.view().mode(), Mode::Confirm);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.view().modal.is_none());
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.category.as_deref()),
        Some("Fod")
    );
}

#[test]
fn undoing_an_add_removes_the_category_it_created_and_redo_brings_both_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    let categories = category_count(&app);
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "300\tBooks\t\tNovel\n");
    assert!(app.view().modal.is_none());
    let added = app.view().selected_expense().expect("row").clone();
    assert_eq!(category_count(&app), categories + 1);

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(category_count(&app), categories, "Books went with the add");
    assert!(!app.view().categories.iter().any(|c| c.name == "Books"));

    key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    let back = app
        .store()
        .expense(added.user_id, added.id)
        .expect("the row is back");
    assert_eq!(back, added, "same id, same category id, same everything");
}

#[test]
fn a_deleted_category_can_be_undone_and_earlier_steps_still_undo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "75\tFood\t\tChai\n");
    let chai = app.view().selected_expense().expect("row").clone();
    let food_budgets = count(&app, "SELECT count(*) FROM budgets WHERE category_id = 1");
    assert!(food_budgets > 0);

    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('j')); // Entertainment, then Food
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        count(&app, "SELECT count(*) FROM categories WHERE id = 1"),
        0
    );

    press(&mut app, KeyCode::Char('u'));
    let status = app.view().status.clone().expect("status");
    assert_eq!(status.tone, Tone::Success, "{}", status.text);
    assert!(status.text.contains("category Food"), "{}", status.text);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM categories WHERE id = 1 AND name = 'Food'"
        ),
        1
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM budgets WHERE category_id = 1"),
        food_budgets
    );
    assert_eq!(
        app.store()
            .expense(chai.user_id, chai.id)
            .expect("row")
            .category
            .as_deref(),
        Some("Food")
    );

    press(&mut app, KeyCode::Char('u'));
    let status = app.view().status.clone().expect("status");
    assert_eq!(status.tone, Tone::Success, "{}", status.text);
    assert!(
        app.store().expense(chai.user_id, chai.id).is_err(),
        "the add is undone too"
    );
}

#[test]
fn the_trends_screen_has_no_row_to_act_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view().screen, Screen::Trends);
    for c in ['d', 'e', '/'] {
        press(&mut app, KeyCode::Char(c));
        assert!(app.view().modal.is_none(), "{c} opened a dialog");
        assert!(app.view().filter.is_none(), "{c} started a filter");
    }
    let expenses = count(&app, "SELECT count(*) FROM expenses");
    press(&mut app, KeyCode::Enter);
    assert!(app.view().modal.is_none());
    type_keys(&mut app, "5");
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), expenses);
}

#[test]
fn going_back_to_a_typed_field_keeps_what_was_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "12\t");
    press(&mut app, KeyCode::BackTab);
    type_keys(&mut app, "3");
    let Some(Modal::Expense(form)) = &app.view().modal else {
        panic!("form open");
    };
    assert_eq!(form.field(Field::Amount).value(), "123");

    // A value filled in for the user is still replaced by typing.
    type_keys(&mut app, "\tFood\t2025-05-03");
    let Some(Modal::Expense(form)) = &app.view().modal else {
        panic!("form open");
    };
    assert_eq!(form.field(Field::Date).value(), "2025-05-03");
}

#[test]
fn a_status_line_clears_on_the_next_action_or_after_a_few_seconds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "5\tFood\n");
    assert!(app.view().status.is_some());
    press(&mut app, KeyCode::Char('l'));
    assert!(app.view().status.is_none(), "a month change clears it");

    press(&mut app, KeyCode::Char('m'));
    assert!(app.view().status.is_some());
    for _ in 0..19 {
        act(&mut app, Action::Tick);
    }
    assert!(app.view().status.is_some(), "still there before 5 s");
    act(&mut app, Action::Tick);
    assert!(app.view().status.is_none(), "gone after about 5 s");
}

#[test]
fn undo_refuses_to_overwrite_a_change_made_elsewhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("spend.db");
    let defaults = NewUserDefaults::default();
    let mut store = Store::open(&db, &defaults).expect("open");
    store.load_sample().expect("sample");
    let mut app = app_on(store, dir.path());
    let first = app.view().selected_expense().expect("row").clone();
    press(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "4000\n");

    let mut other = Store::open(&db, &defaults).expect("a second program");
    let patch = smart_spending_tracker::domain::ExpensePatch {
        amount: Some(rust_decimal::Decimal::new(999, 0)),
        ..Default::default()
    };
    other
        .edit_expense(first.user_id, first.id, &patch)
        .expect("edit elsewhere");
    act(&mut app, Action::Tick);

    press(&mut app, KeyCode::Char('u'));
    let status = app.view().status.clone().expect("status");
    assert_eq!(status.tone, Tone::Error);
    assert!(status.text.contains("changed elsewhere"), "{}", status.text);
    assert_eq!(
        other
            .expense(first.user_id, first.id)
            .expect("row")
            .amount
            .to_string(),
        "999.00",
        "the other program's change stays"
    );
}

#[test]
fn undo_and_redo_of_an_add_leave_exactly_the_alerts_a_single_add_gives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "2000\tShopping\n");
    assert_eq!(count(&app, "SELECT count(*) FROM alerts"), 1);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        count(&app, "SELECT count(*) FROM alerts"),
        0,
        "undo took it"
    );
    key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        count(&app, "SELECT count(*) FROM alerts"),
        1,
        "redo fired it once"
    );
    press(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        count(&app, "SELECT count(*) FROM alerts"),
        1,
        "no duplicates"
    );
}

#[test]
fn export_writes_what_the_list_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "grocer\n");
    assert_eq!(app.view().list.total, 1);
    press(&mut app, KeyCode::Char('x'));
    let status = app.view().status.clone().expect("status");
    assert!(status.text.contains("Exported 1 row"), "{}", status.text);
    let file = dir.path().join("spend-2025-05-grocer.csv");
    let csv = std::fs::read_to_string(&file).expect("the file names month and filter");
    assert_eq!(
        csv.lines().count(),
        2,
        "header and the one row shown:\n{csv}"
    );
    assert!(csv.contains("Weekly groceries"));
}

#[test]
fn tab_cycles_the_list_the_alerts_and_trends_and_m_marks_one_alert_seen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('b'));
    type_keys(&mut app, "100\n"); // Shopping's 3,200 over a budget of 100
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "5500\tFood\n"); // Food at 87%: a warning
    let unseen = app.view().month_view.unseen_alerts;
    assert_eq!(unseen, 2, "alerts to look at");

    press(&mut app, KeyCode::Tab);
    assert_eq!(app.view().focus, Pane::Alerts);
    assert_eq!(app.view().mode(), Mode::Alerts);
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(
        app.view().month_view.unseen_alerts,
        unseen - 1,
        "one, not all"
    );
    assert!(app.view().month_view.alerts[0].seen);

    press(&mut app, KeyCode::Tab);
    assert_eq!(app.view().screen, Screen::Trends);
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        (app.view().screen, app.view().focus),
        (Screen::Expenses, Pane::List)
    );
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.view().screen, Screen::Trends);
}

#[test]
fn the_new_category_prompt_has_a_description_field_reached_by_tab() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('n'));
    type_keys(&mut app, "Groceries\tSupermarket\n");
    let groceries = app
        .store()
        .find_category("Groceries")
        .expect("created under its own name");
    assert_eq!(groceries.description.as_deref(), Some("Supermarket"));
    let screen = screen_text(&app, 120, 40);
    assert!(!screen.contains("New catego"), "{screen}");
}

#[test]
fn a_budget_dialog_error_is_shown_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::BackTab);
    type_keys(&mut app, "Nonsense\t100\n");
    let Some(Modal::Budget(form)) = &app.view().modal else {
        panic!("the dialog stays open");
    };
    let error = form.category.error.clone().expect("an error");
    assert!(error.ends_with("Transport"), "{error}");
    for (width, height) in [(120, 40), (80, 24)] {
        let screen = screen_text(&app, width, height);
        assert!(
            screen.contains("Transport"),
            "the known categories end the message at {width}x{height}:\n{screen}"
        );
    }
}

#[test]
fn amounts_never_lose_digits_on_the_trends_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = crate::support::sample_store();
    let user = store.resolve_user(None).expect("user");
    let big = rust_decimal::Decimal::new(999_999_999_999, 2); // 9,999,999,999.99
    for day in 1..=3 {
        store
            .add_expense(&NewExpense {
                rate: None,
                user_id: user.id,
                category_id: store.find_category("Rent").expect("rent").id,
                amount: big,
                currency: Currency::INR,
                date: chrono::NaiveDate::from_ymd_opt(2025, 4, day).expect("date"),
                note: None,
            })
            .expect("add");
    }
    let mut app = app_on(store, dir.path());
    act(&mut app, Action::PreviousMonth);
    act(&mut app, Action::ShowTrends);
    assert_eq!(app.view().month, Month::parse("2025-04").expect("month"));
    for (width, height) in [(120, 40), (80, 24)] {
        let screen = screen_text(&app, width, height);
        let cut = screen
            .match_indices("999,999,999.97")
            .any(|(at, _)| !screen[..at].ends_with("29,"));
        assert!(
            !cut,
            "a total lost its leading digits at {width}x{height}:\n{screen}"
        );
        assert!(
            screen.contains("29,999,999,999.97") || screen.contains("30.0B"),
            "the total shows in full or visibly short at {width}x{height}:\n{screen}"
        );
        assert!(!screen.contains("000.0M"), "{screen}");
    }
}

#[test]
fn an_emoji_category_keeps_its_budget_line_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('n'));
    type_keys(&mut app, "🍕 Pizza\n");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::BackTab);
    type_keys(&mut app, "🍕 Pizza\t1000\n");
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "250\t🍕 Pizza\n");
    for (width, height) in [(120, 40), (80, 24)] {
        let screen = screen_text(&app, width, height);
        let line = screen
            .lines()
            .find(|line| line.contains("🍕 Pizza") && line.contains("1,000.00"))
            .unwrap_or_else(|| panic!("the bar's first line at {width}x{height}:\n{screen}"));
        assert!(
            line.contains("25%"),
            "figures and percent on one line: {line}"
        );
    }
}

#[test]
fn at_the_smallest_size_dates_and_names_still_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = sample_app(dir.path());
    let (width, height) = (
        smart_spending_tracker::ui::MIN_WIDTH,
        smart_spending_tracker::ui::MIN_HEIGHT,
    );
    let screen = screen_text(&app, width, height);
    // A narrow list shows the day and weekday; the month is in its title.
    assert!(screen.contains("11 Sun"), "whole dates:\n{screen}");
    assert!(screen.contains("May 2025"), "the month:\n{screen}");
    assert!(screen.contains("Shopping"), "category names:\n{screen}");
    assert!(
        screen.contains("New head"),
        "the start of each note:\n{screen}"
    );
    assert!(screen.contains("Food"), "budget names:\n{screen}");
    assert!(
        screen_text(&app, 120, 40).contains("2025-05-11"),
        "a wide list shows the whole date"
    );
}

#[test]
fn the_header_says_which_part_of_spending_is_budgeted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "500\tEntertainment\n"); // no budget for Entertainment in May
    let screen = screen_text(&app, 120, 40);
    let header = screen.lines().next().expect("header");
    assert!(
        header.contains("Spent 5,300.00 · 4,800.00 of 15,000.00 budgeted"),
        "{header}"
    );
}

#[test]
fn a_date_far_off_is_asked_about_and_a_zero_amount_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    let expenses = count(&app, "SELECT count(*) FROM expenses");
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "0\tFood\n");
    let Some(Modal::Expense(form)) = &app.view().modal else {
        panic!("the form stays open");
    };
    assert!(form.field(Field::Amount).error.is_some(), "zero is refused");

    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "12\tFood\t1900-01-01\n");
    let Some(Modal::Confirm(confirm)) = &app.view().modal else {
        panic!("a question before saving a date before 1970");
    };
    assert!(
        confirm.question.contains("1900-01-01"),
        "{}",
        confirm.question
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.view().mode(), Mode::Form, "no goes back to the form");
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), expenses);
    type_keys(&mut app, "\n");
    press(&mut app, KeyCode::Char('y'));
    assert!(app.view().modal.is_none());
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), expenses + 1);
}

#[test]
fn text_in_an_error_shows_as_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "12\tFood\t");
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "Groceries 🍎 सब्ज़ी\n");
    let Some(Modal::Expense(form)) = &app.view().modal else {
        panic!("the form stays open");
    };
    let error = form.field(Field::Date).error.clone().expect("a date error");
    assert!(error.contains("सब्ज़ी"), "{error}");
    assert!(!error.contains("\\u{"), "{error}");
    let screen = screen_text(&app, 120, 40);
    assert!(!screen.contains("\\u{"), "{screen}");
}

#[test]
fn amounts_follow_the_chosen_digit_grouping() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = crate::support::sample_store();
    let user = store.resolve_user(None).expect("user");
    store
        .add_expense(&NewExpense {
            rate: None,
            user_id: user.id,
            category_id: store.find_category("Rent").expect("rent").id,
            amount: rust_decimal::Decimal::new(12_345_678, 2),
            currency: Currency::INR,
            date: chrono::NaiveDate::from_ymd_opt(2025, 5, 1).expect("date"),
            note: Some("Rent".into()),
        })
        .expect("add");
    let config = smart_spending_tracker::app::AppConfig {
        user: None,
        month: Some(Month::parse("2025-05").expect("month")),
        today: crate::support::today(),
        export_dir: dir.path().to_path_buf(),
        grouping: smart_spending_tracker::domain::Grouping::Indian,
        decimal: None,
        date_style: smart_spending_tracker::domain::DateStyle::Iso,
    };
    let app = smart_spending_tracker::app::App::new(store, config).expect("app");
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("1,23,456.78"), "lakh grouping:\n{screen}");
    assert!(!screen.contains("123,456.78"), "{screen}");
}

#[test]
fn ctrl_f_searches_all_history_and_x_exports_what_it_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = crate::support::sample_store();
    let user = store.resolve_user(None).expect("user");
    let food = store.find_category("Food").expect("food").id;
    for (date, note) in [
        ("2023-01-05", "Passport photos"),
        ("2024-07-09", "passport fee"),
    ] {
        store
            .add_expense(&NewExpense {
                rate: None,
                user_id: user.id,
                category_id: food,
                amount: rust_decimal::Decimal::new(500, 0),
                currency: Currency::INR,
                date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
                note: Some(note.into()),
            })
            .expect("add");
    }
    let mut app = app_on(store, dir.path());
    key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(app.view().mode(), Mode::Filter);
    type_keys(&mut app, "pa");
    assert_eq!(app.view().list.total, 0, "two characters are not searched");
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("Type 1 more character"), "{screen}");

    type_keys(&mut app, "ss");
    assert_eq!(app.view().list.total, 2, "both years found");
    assert_eq!(
        app.view()
            .selected_expense()
            .and_then(|e| e.note.as_deref()),
        Some("passport fee"),
        "newest first"
    );
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains("Search · all history · 2 matches"),
        "{screen}"
    );
    assert!(
        screen.contains("2023-01-05"),
        "full dates across years:\n{screen}"
    );

    // Ctrl-f again narrows the same text to the month shown, where nothing matches.
    key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(app.view().list.total, 0);
    key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(app.view().list.total, 2);

    type_keys(&mut app, "\n");
    press(&mut app, KeyCode::Char('x'));
    let csv = std::fs::read_to_string(dir.path().join("spend-history-pass.csv"))
        .expect("the export is named for the search");
    assert_eq!(csv.lines().count(), 3, "header and both rows:\n{csv}");
}
