//! The store through its public API: the budget check, bookkeeping, reports, catalog and
//! opening files. Budgets and alerts are checked against the reference sample.

mod alerts;
mod bookkeeping;
mod budgets;
mod catalog;
mod files;
mod fx;
mod ownership;
mod recurring;
mod review;
mod sharing;
mod text;
mod undo;

use rust_decimal::Decimal;
use smart_spending_tracker::domain::{Currency, MonthRange};
use smart_spending_tracker::store::{SampleSummary, StoreError};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{
    AMAN, ENTERTAINMENT, FOOD, PRIYA, RENT, SHOPPING, TRANSPORT, add, expense, inr, month,
};

#[test]
fn the_sample_has_the_reference_ids_budgets_and_no_alerts() {
    on_every_engine(Ledger::empty, |mut store| {
        let summary = store.load_sample().expect("load the sample");
        assert_eq!(
            summary,
            SampleSummary {
                users: 2,
                budgets: 4,
                expenses: 5,
                alerts: 0
            }
        );
        let users: Vec<(i64, String)> = store
            .users()
            .expect("users")
            .into_iter()
            .map(|u| (u.id.0, u.email))
            .collect();
        assert_eq!(
            users,
            vec![
                (1, "aman@example.com".to_string()),
                (2, "priya@example.com".to_string())
            ]
        );
        assert_eq!(store.resolve_user(None).expect("default user").id, AMAN);
        for (name, id) in [
            ("Food", FOOD),
            ("Transport", TRANSPORT),
            ("Rent", RENT),
            ("Shopping", SHOPPING),
            ("Entertainment", ENTERTAINMENT),
        ] {
            assert_eq!(store.find_category(name).expect(name).id, id, "{name}");
        }
        let budgets: Vec<(String, String, String)> = store
            .budgets_for_month(AMAN, month("2025-05"))
            .expect("budgets")
            .into_iter()
            .map(|b| (b.category, b.budget.to_string(), b.spent.to_string()))
            .collect();
        let row = |c: &str, b: &str, s: &str| (c.to_string(), b.to_string(), s.to_string());
        assert_eq!(
            budgets,
            vec![
                row("Food", "8000.00", "1450.00"),
                row("Shopping", "5000.00", "3200.00"),
                row("Transport", "2000.00", "150.00"),
            ]
        );
        let priya = store
            .budgets_for_month(PRIYA, month("2025-05"))
            .expect("budgets");
        assert_eq!(priya.len(), 1);
        assert_eq!((priya[0].budget, priya[0].spent), (inr("5000"), inr("300")));
        assert!(store.alerts(AMAN, true).expect("alerts").is_empty());
        assert!(store.alerts(PRIYA, true).expect("alerts").is_empty());
    });
}

#[test]
fn load_sample_refuses_a_database_with_expenses_and_changes_nothing() {
    on_every_engine(Ledger::empty, |mut store| {
        let me = store.resolve_user(None).expect("the starting user").id;
        add(&mut store, me, FOOD, "99", "2025-05-01");
        let before = store.snapshot();
        let error = store
            .load_sample()
            .expect_err("sample over existing expenses");
        assert!(
            error.to_string().contains("already has 1 expense;"),
            "{error}"
        );
        assert_eq!(store.snapshot(), before);
    });
    on_every_engine(Ledger::sample, |mut loaded| {
        let before = loaded.snapshot();
        assert!(loaded.load_sample().is_err(), "a second load is refused");
        assert_eq!(loaded.snapshot(), before);
    });
}

#[test]
fn unknown_category_lists_the_known_ones() {
    on_every_engine(Ledger::sample, |store| {
        let error = store.find_category("Groceries").expect_err("unknown");
        match &error {
            StoreError::UnknownCategory { name, known } => {
                assert_eq!(name, "Groceries");
                assert_eq!(known, "Entertainment, Food, Rent, Shopping, Transport");
            }
            other => panic!("expected UnknownCategory, got {other:?}"),
        }
        let text = error.to_string();
        for known in ["Entertainment", "Food", "Rent", "Shopping", "Transport"] {
            assert!(text.contains(known), "{text}");
        }
    });
}

#[test]
fn category_lookup_ignores_case_and_surrounding_spaces() {
    on_every_engine(Ledger::sample, |store| {
        for typed in ["food", "FOOD", "fOoD", "  Food "] {
            let found = store.find_category(typed).expect(typed);
            assert_eq!((found.id, found.name.as_str()), (FOOD, "Food"), "{typed:?}");
        }
        assert!(matches!(
            store.find_category("   "),
            Err(StoreError::EmptyCategory)
        ));
    });
}

#[test]
fn categories_differing_only_by_case_or_empty_are_refused() {
    on_every_engine(Ledger::sample, |mut store| {
        let before = store.snapshot();
        for duplicate in ["food", "FOOD", " Shopping "] {
            match store.add_category(duplicate, None) {
                Err(StoreError::DuplicateCategory(existing)) => {
                    assert!(existing == "Food" || existing == "Shopping", "{existing}");
                }
                other => panic!("{duplicate:?}: expected DuplicateCategory, got {other:?}"),
            }
        }
        for empty in ["", "   ", "\t"] {
            assert!(
                matches!(
                    store.add_category(empty, None),
                    Err(StoreError::EmptyCategory)
                ),
                "{empty:?}"
            );
        }
        assert_eq!(store.snapshot(), before);

        let health = store
            .add_category("Health", Some("Doctor, pharmacy"))
            .expect("a new category");
        assert_eq!(store.find_category("HEALTH").expect("found").id, health.id);
        assert_eq!(store.categories().expect("categories").len(), 6);
    });
}

#[test]
fn report_fills_gap_months_and_rolls_over_calendar_months() {
    on_every_engine(Ledger::empty, |mut store| {
        let me = store.resolve_user(None).expect("the starting user").id;
        add(&mut store, me, FOOD, "100", "2025-01-15");
        add(&mut store, me, RENT, "200", "2025-02-01");
        add(&mut store, me, FOOD, "20", "2025-05-31");
        add(&mut store, me, SHOPPING, "30", "2025-05-01");
        let report = store
            .report(me, month("2025-05"), window("2025-01", "2025-05"))
            .expect("report");
        let rows: Vec<(String, Decimal, Decimal)> = report
            .monthly
            .iter()
            .map(|m| (m.month.to_string(), m.total, m.rolling_3m))
            .collect();
        let row = |m: &str, t: &str, r: &str| (m.to_string(), inr(t), inr(r));
        // Decimals compare by value: a gap month's 0 equals 0.00.
        assert_eq!(
            rows,
            vec![
                row("2025-01", "100", "100"),
                row("2025-02", "200", "300"),
                row("2025-03", "0", "300"),
                row("2025-04", "0", "200"),
                row("2025-05", "50", "50"),
            ]
        );
        let top: Vec<(String, String)> = report
            .top_categories
            .iter()
            .map(|c| (c.category.clone(), c.total.to_string()))
            .collect();
        assert_eq!(
            top,
            vec![
                ("Shopping".to_string(), "30.00".to_string()),
                ("Food".to_string(), "20.00".to_string())
            ]
        );

        // A later window has empty months; rolling still spans the calendar.
        let august = store
            .report(me, month("2025-08"), window("2025-01", "2025-08"))
            .expect("report");
        let tail: Vec<(String, Decimal)> = august.monthly[4..]
            .iter()
            .map(|m| (m.month.to_string(), m.rolling_3m))
            .collect();
        assert_eq!(
            tail,
            vec![
                ("2025-05".to_string(), inr("50")),
                ("2025-06".to_string(), inr("50")),
                ("2025-07".to_string(), inr("50")),
                ("2025-08".to_string(), inr("0")),
            ]
        );
        assert!(august.top_categories.is_empty());
    });
}

pub(crate) fn window(first: &str, last: &str) -> MonthRange {
    MonthRange::new(month(first), month(last)).expect("an ordered window")
}

#[test]
fn rolling_sums_cross_a_year_boundary() {
    on_every_engine(Ledger::empty, |mut store| {
        let me = store.resolve_user(None).expect("the starting user").id;
        add(&mut store, me, FOOD, "1", "2024-11-30");
        add(&mut store, me, FOOD, "10", "2024-12-01");
        add(&mut store, me, FOOD, "100", "2025-01-31");
        add(&mut store, me, FOOD, "1000", "2025-02-01");
        let rolling: Vec<(String, String)> = store
            .monthly_totals(me, window("2024-11", "2025-02"))
            .expect("monthly totals")
            .iter()
            .map(|m| (m.month.to_string(), m.rolling_3m.to_string()))
            .collect();
        assert_eq!(
            rolling,
            vec![
                ("2024-11".to_string(), "1.00".to_string()),
                ("2024-12".to_string(), "11.00".to_string()),
                ("2025-01".to_string(), "111.00".to_string()),
                ("2025-02".to_string(), "1110.00".to_string()),
            ]
        );
    });
}

#[test]
fn categories_match_case_insensitively_beyond_ascii() {
    on_every_engine(Ledger::empty, |mut store| {
        store.add_category("Ärzte", None).expect("new category");
        let duplicate = store.add_category("ärzte", None);
        assert!(
            matches!(&duplicate, Err(StoreError::DuplicateCategory(name)) if name == "Ärzte"),
            "{duplicate:?}"
        );
        assert_eq!(store.find_category("ÄRZTE").expect("found").name, "Ärzte");
    });
}

#[test]
fn a_zero_expense_is_refused_on_every_write_path() {
    use smart_spending_tracker::domain::{AmountError, ExpensePatch};
    use smart_spending_tracker::store::NamedExpense;

    on_every_engine(Ledger::sample, |mut store| {
        let before = store.snapshot();
        let zero = expense(AMAN, FOOD, "0", "2025-05-03", Currency::INR);
        let is_zero = |error: StoreError| matches!(error, StoreError::Amount(AmountError::Zero(_)));
        assert!(is_zero(store.add_expense(&zero).expect_err("add")));
        assert!(is_zero(
            store.add_expenses([zero.clone()]).expect_err("bulk add")
        ));
        let patch = ExpensePatch {
            amount: Some(inr("0")),
            ..ExpensePatch::default()
        };
        let edit = store
            .edit_expense(AMAN, smart_spending_tracker::domain::ExpenseId(1), &patch)
            .expect_err("edit");
        assert_eq!(
            edit.to_string(),
            "amount \"0.00\" is zero; an expense must be more than 0"
        );
        let named = NamedExpense {
            category: "Food".into(),
            expense: zero,
        };
        let import = store.import_expenses(&[named], false).expect_err("import");
        assert_eq!(
            import.to_string(),
            "row 1 of the import: amount \"0.00\" is zero; an expense must be more than 0"
        );
        assert_eq!(store.snapshot(), before);
        // A zero budget is a budget.
        store
            .set_budget(AMAN, RENT, month("2025-05"), inr("0"))
            .expect("zero budget");
    });
}

#[test]
fn a_budget_set_again_keeps_its_id_and_the_next_new_one_takes_the_id_after() {
    use smart_spending_tracker::domain::BudgetId;

    on_every_engine(Ledger::sample, |mut store| {
        let may = month("2025-05");
        let budget_of = |store: &Ledger, category| {
            store
                .budgets_for_month(AMAN, may)
                .expect("budgets")
                .into_iter()
                .find(|b| b.category_id == category)
                .map(|b| (b.budget_id, b.budget))
        };
        store.set_budget(AMAN, RENT, may, inr("100")).expect("new");
        assert_eq!(
            budget_of(&store, RENT),
            Some((Some(BudgetId(5)), inr("100")))
        );
        for amount in ["200", "300", "200"] {
            store
                .set_budget(AMAN, RENT, may, inr(amount))
                .expect("again");
            assert_eq!(
                budget_of(&store, RENT),
                Some((Some(BudgetId(5)), inr(amount)))
            );
        }
        store
            .set_budget(AMAN, ENTERTAINMENT, may, inr("50"))
            .expect("another new one");
        assert_eq!(
            budget_of(&store, ENTERTAINMENT),
            Some((Some(BudgetId(6)), inr("50"))),
            "changing a budget uses up no id"
        );
    });
}
