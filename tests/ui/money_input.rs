//! Money typed in the app: a foreign expense is edited in sight of its currency, a missing
//! rate is asked for in the dialog, messages name the dialog's fields rather than command
//! line flags, and a euro user types a decimal comma.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use smart_spending_tracker::app::{App, Modal};
use smart_spending_tracker::domain::{CategoryId, Currency, ExchangeRate, NewExpense, Rate};
use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::support::{app_on, key, press, sample_app, sample_store, screen_text, today, type_keys};

fn usd() -> Currency {
    Currency::parse("USD").expect("USD")
}

/// The sample with USD 100.00 spent on Food today at 84.0125: 8,401.25 rupees.
fn store_with_a_dollar_expense() -> Store {
    let mut store = sample_store();
    let user = store.resolve_user(None).expect("the default user");
    store
        .add_expense(&NewExpense {
            user_id: user.id,
            category_id: CategoryId(1),
            amount: "100".parse().expect("amount"),
            currency: usd(),
            date: today(),
            note: Some("Conference lunch".into()),
            rate: Some(Rate::parse("84.0125").expect("rate")),
        })
        .expect("a dollar expense");
    store
}

/// The line of the screen holding `label`, trimmed.
fn line_with<'a>(screen: &'a str, label: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(&format!("│{label} ")))
        .unwrap_or_else(|| panic!("no line with {label:?} in\n{screen}"))
        .trim()
}

/// Every message the open dialog shows, as one text.
fn dialog_text(app: &App) -> String {
    screen_text(app, 120, 40)
}

#[test]
fn editing_a_foreign_expense_shows_its_currency_beside_the_amount() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on(store_with_a_dollar_expense(), dir.path());
    let row = app
        .view()
        .selected_expense()
        .expect("the newest row")
        .clone();
    assert_eq!(row.note.as_deref(), Some("Conference lunch"));
    press(&mut app, KeyCode::Char('e'));
    let screen = screen_text(&app, 120, 40);
    assert!(
        line_with(&screen, "Amount").contains("USD 100.00"),
        "the amount is shown in the currency it was spent in:\n{screen}"
    );
    // Typing over the amount keeps the currency in sight, and books what it shows.
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "120");
    let screen = screen_text(&app, 120, 40);
    assert!(
        line_with(&screen, "Amount").contains("USD 120"),
        "still in dollars while typing:\n{screen}"
    );
    // Another currency is never taken silently: a code typed with the amount is refused.
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "INR 120\n");
    let Some(Modal::Expense(_)) = app.view().modal.as_ref() else {
        panic!("the dialog stays open");
    };
    assert!(
        dialog_text(&app).contains("this expense is in USD"),
        "{}",
        dialog_text(&app)
    );
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "120\n");
    assert!(app.view().modal.is_none(), "saved");
    let edited = app.view().selected_expense().expect("the row").clone();
    assert_eq!(
        edited.amount.to_string(),
        "10081.50",
        "120 dollars at 84.0125"
    );
    assert_eq!(edited.foreign.map(|s| s.currency), Some(usd()));
}

#[test]
fn a_missing_rate_is_asked_for_in_the_dialog_and_kept_as_the_rate_of_the_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "USD 80\tFood\t\tDinner\n");
    let Some(Modal::Expense(_)) = app.view().modal.as_ref() else {
        panic!("the dialog stays open, asking for the rate");
    };
    let screen = dialog_text(&app);
    assert!(
        !screen.contains("--"),
        "the app names no command line flag:\n{screen}"
    );
    assert!(
        line_with(&screen, "Rate").contains("1 USD ="),
        "a rate field asks how much 1 USD is:\n{screen}"
    );
    assert!(
        screen.contains("no USD rate on or before 2025-05-20"),
        "and says why:\n{screen}"
    );
    // The focus is on the rate: what is typed goes there.
    type_keys(&mut app, "83.2\n");
    assert!(
        app.view().modal.is_none(),
        "saved:\n{}",
        screen_text(&app, 120, 40)
    );
    let dinner = app.view().selected_expense().expect("selected").clone();
    assert_eq!(dinner.note.as_deref(), Some("Dinner"));
    assert_eq!(dinner.amount.to_string(), "6656.00", "80 dollars at 83.2");
    assert_eq!(
        dinner.foreign.map(|s| s.rate.to_string()),
        Some("83.2".into())
    );
    let rates = app
        .store()
        .rates(Currency::INR, Some(usd()))
        .expect("rates");
    assert_eq!(
        rates
            .iter()
            .map(|r| (r.date, r.rate.to_string()))
            .collect::<Vec<_>>(),
        vec![(today(), "83.2".to_string())],
        "kept as the rate of the expense's date"
    );
    // The next dollar expense that day finds it and asks nothing.
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "USD 10\tFood\t\tTaxi tip\n");
    assert!(app.view().modal.is_none(), "saved at the kept rate");
    assert_eq!(
        app.view().selected_expense().map(|e| e.amount.to_string()),
        Some("832.00".into())
    );
}

#[test]
fn an_expense_in_the_users_own_currency_never_asks_for_a_rate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = sample_store();
    store
        .set_rates(&[ExchangeRate {
            base: Currency::INR,
            currency: usd(),
            date: today(),
            rate: Rate::parse("83").expect("rate"),
        }])
        .expect("a rate");
    let mut app = app_on(store, dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "INR 80\tFood\t\t\n");
    assert!(app.view().modal.is_none(), "saved without a rate");
}

#[test]
fn a_wrong_symbol_is_explained_in_the_dialogs_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "$99\tFood\t\t\n");
    let screen = dialog_text(&app);
    assert!(
        screen.contains("is marked $, which is not INR"),
        "the reason is given:\n{screen}"
    );
    assert!(!screen.contains("--currency"), "no flag:\n{screen}");
    assert!(screen.contains("USD 99"), "the way to say it:\n{screen}");
}

#[test]
fn the_import_preview_names_the_formats_field_not_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('i'));
    type_keys(&mut app, "tests/ui/fixtures/statement.csv\n");
    let screen = screen_text(&app, 160, 50);
    assert!(!screen.contains("--outflows"), "{screen}");
    let Some(Modal::Import(dialog)) = app.view().modal.as_ref() else {
        panic!("the import dialog");
    };
    let reading = dialog
        .preview
        .as_ref()
        .expect("a preview")
        .reading
        .join("\n");
    assert!(
        reading.contains("outflows=positive in Formats for the other reading"),
        "{reading}"
    );
}

/// The app on a ledger whose one user keeps their books in euros.
fn euro_app(dir: &std::path::Path) -> App {
    let defaults = NewUserDefaults {
        currency: Currency::parse("EUR").expect("EUR"),
        ..NewUserDefaults::default()
    };
    let store = Store::open_in_memory(&defaults).expect("in-memory store");
    app_on(store, dir)
}

#[test]
fn a_euro_user_types_a_decimal_comma_and_reads_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = euro_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "12,50\tFood\t\tTea\n");
    assert!(
        app.view().modal.is_none(),
        "12,50 is twelve euros fifty:\n{}",
        screen_text(&app, 120, 40)
    );
    let tea = app.view().selected_expense().expect("the row").clone();
    assert_eq!(tea.amount.to_string(), "12.50");
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "1.234,50\tFood\t\tRent share\n");
    assert!(app.view().modal.is_none(), "grouped with points");
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains("1.234,50") && screen.contains("12,50"),
        "shown as typed:\n{screen}"
    );
    // A comma before three digits could be a thousands group: refused, both readings named.
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "1,500\tFood\t\t\n");
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains("amount \"1,500\" is ambiguous: 1,50 or 1500,00"),
        "{screen}"
    );
}

#[test]
fn an_amount_filled_in_and_left_alone_is_kept_even_where_its_text_reads_two_ways() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Dinars have three decimals: one and a half is written 1.500, which also reads 1500.
    let defaults = NewUserDefaults {
        currency: Currency::parse("KWD").expect("KWD"),
        ..NewUserDefaults::default()
    };
    let mut app = app_on(
        Store::open_in_memory(&defaults).expect("in-memory store"),
        dir.path(),
    );
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "1.5\tFood\t\tTea\n");
    assert!(app.view().modal.is_none(), "saved");
    press(&mut app, KeyCode::Char('e'));
    assert!(line_with(&screen_text(&app, 120, 40), "Amount").contains("KWD 1.500"));
    type_keys(&mut app, "\tRent\n");
    assert!(
        app.view().modal.is_none(),
        "the amount as it was:\n{}",
        screen_text(&app, 120, 40)
    );
    let tea = app.view().selected_expense().expect("the row").clone();
    assert_eq!(
        (tea.amount.to_string(), tea.category.as_deref()),
        ("1.500".to_string(), Some("Rent"))
    );
    // Typed, the same text is ambiguous, and refused with both readings.
    press(&mut app, KeyCode::Char('e'));
    type_keys(&mut app, "1.500\n");
    assert!(
        screen_text(&app, 120, 40).contains("is ambiguous: 1.500 or 1500.000"),
        "{}",
        screen_text(&app, 120, 40)
    );
    press(&mut app, KeyCode::Esc);
    // The budget dialog keeps a budget it filled in, too.
    press(&mut app, KeyCode::Char('b'));
    type_keys(&mut app, "1.5\n");
    assert!(app.view().modal.is_none(), "a budget of 1.500");
    press(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Enter);
    assert!(
        app.view().modal.is_none(),
        "saved with rollover, the amount as it was:\n{}",
        screen_text(&app, 120, 40)
    );
}

#[test]
fn a_rate_typed_for_one_currency_is_never_taken_for_another() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "USD 80\tFood\t\t\n");
    type_keys(&mut app, "83");
    // Back to the amount, and another currency: the dollar rate goes out of sight.
    key(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "EUR 80\n");
    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the dialog asks for the euro's rate");
    };
    assert_eq!(form.rate_for, Some(Currency::parse("EUR").expect("EUR")));
    assert_eq!(
        form.field(smart_spending_tracker::app::Field::Rate).value(),
        "",
        "the rate typed for dollars is not offered for euros"
    );
    assert_eq!(
        crate::support::count(&app, "SELECT count(*) FROM expenses"),
        5
    );
}
