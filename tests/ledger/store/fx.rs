//! Foreign currency on every engine: refused without a rate, converted exactly with one,
//! counted toward budgets at the converted amount, and never moved by a later rate.

use smart_spending_tracker::domain::{
    Currency, ExchangeRate, ExpensePatch, NewExpense, Rate, Spent,
};
use smart_spending_tracker::store::{NamedExpense, Store, StoreError};

use super::window;
use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, FOOD, PRIYA, SHOPPING, day, expense, inr, month};

fn usd() -> Currency {
    Currency::parse("USD").expect("USD")
}

fn rate(text: &str) -> Rate {
    Rate::parse(text).expect("rate")
}

/// Sets INR rates of USD, each from its day on.
fn set_usd_rates(store: &mut Store, rates: &[(&str, &str)]) {
    let rates: Vec<ExchangeRate> = rates
        .iter()
        .map(|(date, value)| ExchangeRate {
            base: Currency::INR,
            currency: usd(),
            date: day(date),
            rate: rate(value),
        })
        .collect();
    store.set_rates(&rates).expect("set the rates");
}

fn dollars(amount: &str, date: &str) -> NewExpense {
    expense(AMAN, FOOD, amount, date, usd())
}

fn food_spent(store: &Store, month_text: &str) -> rust_decimal::Decimal {
    store
        .budgets_for_month(AMAN, month(month_text))
        .expect("budgets")
        .into_iter()
        .find(|b| b.category_id == FOOD)
        .expect("a Food budget")
        .spent
}

#[test]
fn a_foreign_expense_without_a_rate_is_refused_and_nothing_is_written() {
    on_every_engine(Ledger::sample, |mut store| {
        // A rate after the expense's date does not count for it.
        set_usd_rates(&mut store, &[("2025-05-13", "83.2")]);
        let before = store.snapshot();
        let error = store
            .add_expense(&dollars("12.50", "2025-05-12"))
            .expect_err("no rate on or before the date");
        assert!(
            matches!(error, StoreError::NoRate { currency, date } if currency == usd() && date == day("2025-05-12")),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "no USD rate on or before 2025-05-12; set one with `spend rate set USD RATE --date 2025-05-12`, or give this expense's rate with --rate"
        );
        assert_eq!(store.snapshot(), before, "nothing written");
    });
}

#[test]
fn a_foreign_expense_is_converted_at_its_date_s_rate_or_the_latest_earlier_one() {
    on_every_engine(Ledger::sample, |mut store| {
        set_usd_rates(
            &mut store,
            &[("2025-05-01", "83.2"), ("2025-05-20", "84.0125")],
        );
        // 12.50 × 83.2 = 1040.00 exactly, at the rate of the 1st (the latest before the 12th).
        let dinner = store
            .add_expense(&dollars("12.50", "2025-05-12"))
            .expect("add with a rate");
        assert_eq!(dinner.expense.amount, inr("1040"));
        assert_eq!(dinner.expense.currency, Currency::INR);
        assert_eq!(
            dinner.expense.foreign,
            Some(Spent {
                amount: "12.50".parse().expect("amount"),
                currency: usd(),
                rate: rate("83.2"),
            })
        );
        // On the day of a rate, that rate: 3.33 × 84.0125 = 279.761625, half-even 279.76.
        let taxi = store
            .add_expense(&dollars("3.33", "2025-05-20"))
            .expect("add on the day of a rate");
        assert_eq!(taxi.expense.amount, inr("279.76"));
        assert_eq!(taxi.expense.foreign.map(|s| s.rate), Some(rate("84.0125")));
        // What is read back is what was recorded, on a second connection too.
        assert_eq!(
            store.expense(AMAN, dinner.expense.id).expect("read back"),
            dinner.expense
        );
        assert_eq!(food_spent(&store, "2025-05"), inr("2769.76"));
        let listed = store
            .expenses_in_month(AMAN, month("2025-05"))
            .expect("list");
        assert!(listed.contains(&taxi.expense), "{listed:?}");
        let report = store
            .report(AMAN, month("2025-05"), window("2025-05", "2025-05"))
            .expect("report");
        assert_eq!(
            report.monthly.last().expect("May").total,
            inr("4800") + inr("1319.76")
        );
    });
}

#[test]
fn an_explicit_rate_is_recorded_with_the_expense() {
    on_every_engine(Ledger::sample, |mut store| {
        let mut new = dollars("10", "2025-05-12");
        new.rate = Some(rate("85.1234567891"));
        let added = store.add_expense(&new).expect("add with --rate");
        // 10 × 85.1234567891 = 851.234567891 → 851.23.
        assert_eq!(added.expense.amount, inr("851.23"));
        let stored = store.expense(AMAN, added.expense.id).expect("read back");
        assert_eq!(
            stored.foreign.map(|s| s.rate.to_string()),
            Some("85.1234567891".to_string()),
            "the rate is kept to its last decimal"
        );
        assert!(
            store.rates(Currency::INR, None).expect("rates").is_empty(),
            "an expense's own rate is not a ledger rate"
        );
        // A rate for the user's own currency means nothing and is refused.
        let mut own = expense(AMAN, FOOD, "10", "2025-05-12", Currency::INR);
        own.rate = Some(rate("2"));
        assert!(store.add_expense(&own).is_err());
    });
}

#[test]
fn the_budget_alert_fires_on_the_converted_total_and_a_later_rate_moves_nothing() {
    on_every_engine(Ledger::sample, |mut store| {
        set_usd_rates(&mut store, &[("2025-05-01", "83.2")]);
        // Food: 1,450.00 of 8,000.00; a USD 80 dinner is 6,656.00 more.
        let dinner = store
            .add_expense(&dollars("80", "2025-05-12"))
            .expect("a dinner in dollars");
        assert_eq!(dinner.alerts.len(), 1, "{:?}", dinner.alerts);
        assert_eq!(
            dinner.alerts[0].message,
            "Budget exceeded for Food for May 2025. Spent: 8106.00 / 8000.00"
        );
        let alerts_before = store.alerts(AMAN, true).expect("alerts");
        let report_before = store
            .report(AMAN, month("2025-05"), window("2025-05", "2025-05"))
            .expect("report");

        // The rate of that day is changed, and a later one set.
        set_usd_rates(&mut store, &[("2025-05-01", "90"), ("2025-05-15", "95")]);
        assert_eq!(
            store.expense(AMAN, dinner.expense.id).expect("read back"),
            dinner.expense,
            "the recorded amount and rate stay"
        );
        assert_eq!(food_spent(&store, "2025-05"), inr("8106"));
        assert_eq!(store.alerts(AMAN, true).expect("alerts"), alerts_before);
        assert_eq!(
            store
                .report(AMAN, month("2025-05"), window("2025-05", "2025-05"))
                .expect("report"),
            report_before
        );

        // Editing the amount is in dollars, at the rate the expense was recorded with.
        let edited = store
            .edit_expense(
                AMAN,
                dinner.expense.id,
                &ExpensePatch {
                    amount: Some("81".parse().expect("amount")),
                    ..ExpensePatch::default()
                },
            )
            .expect("edit the dollars");
        assert_eq!(edited.expense.amount, inr("6739.20"));
        assert_eq!(
            edited
                .expense
                .foreign
                .map(|s| (s.amount.to_string(), s.rate)),
            Some(("81.00".to_string(), rate("83.2")))
        );
        assert_eq!(food_spent(&store, "2025-05"), inr("8189.20"));
    });
}

#[test]
fn an_import_converts_each_row_as_one_added_by_hand() {
    on_every_engine(Ledger::sample, |mut store| {
        set_usd_rates(&mut store, &[("2025-05-01", "83.2")]);
        let rows = [NamedExpense {
            category: "Food".into(),
            expense: dollars("80", "2025-05-12"),
        }];
        let outcome = store.import_expenses(&rows, false).expect("import");
        assert_eq!(outcome.inserted, 1);
        assert_eq!(outcome.alerts.len(), 1, "{:?}", outcome.alerts);
        assert_eq!(
            outcome.alerts[0].message,
            "Budget exceeded for Food for May 2025. Spent: 8106.00 / 8000.00"
        );
        let listed = store
            .expenses_in_month(AMAN, month("2025-05"))
            .expect("list");
        let imported = listed.iter().find(|e| e.foreign.is_some()).expect("kept");
        assert_eq!(imported.amount, inr("6656"));

        // A row without a rate refuses the whole import.
        let before = store.snapshot();
        let early = [NamedExpense {
            category: "Food".into(),
            expense: dollars("1", "2025-04-30"),
        }];
        let error = store.import_expenses(&early, false).expect_err("no rate");
        assert!(error.to_string().contains("spend rate set"), "{error}");
        assert_eq!(store.snapshot(), before);
    });
}

#[test]
fn rates_are_kept_per_user_currency() {
    on_every_engine(Ledger::sample, |mut store| {
        set_usd_rates(&mut store, &[("2025-05-01", "83.2")]);
        let eur = Currency::parse("EUR").expect("EUR");
        let europe = store
            .add_user("Lena", "lena@example.com", eur)
            .expect("a user in euros");
        let refused = store.add_expense(&expense(europe.id, FOOD, "10", "2025-05-12", usd()));
        assert!(
            matches!(refused, Err(StoreError::NoRate { .. })),
            "an INR rate is no EUR rate: {refused:?}"
        );
        store
            .set_rates(&[ExchangeRate {
                base: eur,
                currency: usd(),
                date: day("2025-05-01"),
                rate: rate("0.92"),
            }])
            .expect("a EUR rate");
        let added = store
            .add_expense(&expense(europe.id, FOOD, "10", "2025-05-12", usd()))
            .expect("converted to euros");
        assert_eq!(
            (added.expense.amount, added.expense.currency),
            ("9.20".parse().expect("amount"), eur)
        );
        assert_eq!(
            store
                .rates(Currency::INR, Some(usd()))
                .expect("rates")
                .len(),
            1
        );
        assert_eq!(store.rates(eur, None).expect("rates").len(), 1);
        // A rate of a currency in itself is refused.
        assert!(
            store
                .set_rates(&[ExchangeRate {
                    base: eur,
                    currency: eur,
                    date: day("2025-05-01"),
                    rate: rate("1"),
                }])
                .is_err()
        );
    });
}

#[test]
fn a_legacy_row_in_another_currency_still_counts_toward_nothing() {
    on_every_engine(Ledger::sample, |store| {
        // Recorded before conversion existed: amount in USD, never converted.
        store.execute(
            "INSERT INTO expenses (user_id, category_id, amount, currency, date)
             VALUES (1, 4, 10000, 'USD', '2025-05-12')",
        );
        let shopping = store
            .budgets_for_month(AMAN, month("2025-05"))
            .expect("budgets")
            .into_iter()
            .find(|b| b.category_id == SHOPPING)
            .expect("Shopping")
            .spent;
        assert_eq!(shopping, inr("3200"));
        let listed = store
            .expenses_in_month(AMAN, month("2025-05"))
            .expect("list");
        assert!(
            listed
                .iter()
                .any(|e| e.currency == usd() && e.foreign.is_none()),
            "{listed:?}"
        );
        let report = store
            .report(AMAN, month("2025-05"), window("2025-05", "2025-05"))
            .expect("report");
        assert_eq!(report.monthly.last().expect("May").total, inr("4800"));
        // PRIYA is untouched by AMAN's rows.
        assert!(store.alerts(PRIYA, true).expect("alerts").is_empty());
    });
}
