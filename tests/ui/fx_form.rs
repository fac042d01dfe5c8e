//! Foreign amounts in the add and edit dialog: `USD 80` goes through the ledger's rules,
//! asks for a rate when the ledger has none, is converted with one, and is edited in its
//! own currency.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use smart_spending_tracker::app::{Field, Modal};
use smart_spending_tracker::domain::{Currency, ExchangeRate, Rate};

use crate::support::{app_on, count, key, press, sample_app, sample_store, today, type_keys};

fn food_spent(app: &smart_spending_tracker::app::App) -> String {
    app.view()
        .month_view
        .budgets
        .iter()
        .find(|b| b.category == "Food")
        .expect("Food")
        .spent
        .to_string()
}

#[test]
fn a_foreign_amount_without_a_rate_stays_in_the_dialog_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = sample_app(dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "USD 80\tFood\t\tDinner\n");
    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the dialog stays open");
    };
    assert_eq!(form.focus, Field::Rate, "the rate is asked for");
    assert_eq!(
        form.field(Field::Rate).error.as_deref(),
        Some(
            "no USD rate on or before 2025-05-20: type how many INR 1 USD is; it is kept as the \
             rate of 2025-05-20"
        )
    );
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);
    // An empty rate is refused, and nothing is written.
    press(&mut app, KeyCode::Enter);
    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the dialog stays open");
    };
    assert_eq!(
        form.field(Field::Rate).error.as_deref(),
        Some("rate is empty; type how many INR 1 USD is")
    );
    assert_eq!(count(&app, "SELECT count(*) FROM expenses"), 5);

    // An unknown code is refused before the ledger is asked.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "XYZ 80\tFood\t\t\n");
    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the dialog stays open");
    };
    assert_eq!(
        form.field(Field::Amount).error.as_deref(),
        Some("currency \"XYZ\" is not an ISO 4217 currency; use a code such as INR, USD or JPY")
    );
}

#[test]
fn a_foreign_amount_with_a_rate_counts_converted_and_is_edited_in_its_currency() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = sample_store();
    store
        .set_rates(&[ExchangeRate {
            base: Currency::INR,
            currency: Currency::parse("USD").expect("USD"),
            date: today(),
            rate: Rate::parse("83.2").expect("rate"),
        }])
        .expect("a rate");
    let mut app = app_on(store, dir.path());
    press(&mut app, KeyCode::Char('a'));
    type_keys(&mut app, "80 usd\tFood\t\tDinner\n");
    assert!(app.view().modal.is_none(), "saved");
    let dinner = app.view().selected_expense().expect("selected").clone();
    assert_eq!(dinner.amount.to_string(), "6656.00");
    assert_eq!(
        dinner.foreign.map(|s| s.amount.to_string()),
        Some("80.00".into())
    );
    assert_eq!(food_spent(&app), "8106.00");

    press(&mut app, KeyCode::Char('e'));
    let Some(Modal::Expense(form)) = app.view().modal.as_ref() else {
        panic!("the edit dialog");
    };
    assert_eq!(
        form.field(Field::Amount).value(),
        "80.00",
        "shown in dollars"
    );
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "81\n");
    assert!(app.view().modal.is_none(), "saved");
    assert_eq!(
        app.view().selected_expense().map(|e| e.amount.to_string()),
        Some("6739.20".into()),
        "81 dollars at the recorded 83.2"
    );
    assert_eq!(food_spent(&app), "8189.20");
}
