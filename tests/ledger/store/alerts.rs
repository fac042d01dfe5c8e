//! When budget alerts fire: only on crossing a level, once, and in the write that caused it.

use rusqlite::OptionalExtension;
use smart_spending_tracker::domain::AlertKind;
use smart_spending_tracker::domain::{Alert, ExpenseId, ExpensePatch};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{
    AMAN, ENTERTAINMENT, FOOD, PRIYA, RENT, SHOPPING, TRANSPORT, add, inr, month,
};
use crate::support::{day, sample_store};

const SHOPPING_EXCEEDED: &str =
    "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00";

fn kinds(alerts: &[Alert]) -> Vec<AlertKind> {
    alerts.iter().map(|a| a.kind).collect()
}

fn stored_alert_count(store: &Ledger) -> i64 {
    store.count("SELECT count(*) FROM alerts")
}

fn patch_amount(amount: &str) -> ExpensePatch {
    ExpensePatch {
        amount: Some(inr(amount)),
        ..ExpensePatch::default()
    }
}

#[test]
fn the_reference_double_count_case_stays_quiet() {
    on_every_engine(Ledger::sample, |mut store| {
        // Transport: 2000.00 budget, 150.00 spent; 1000.00 more is 1150.00, 57%. The reference
        // trigger summed the new row twice (2150.00) and fired a false alert.
        let outcome = add(&mut store, AMAN, TRANSPORT, "1000.00", "2025-05-18");
        assert!(outcome.alerts.is_empty(), "{:?}", outcome.alerts);
        assert_eq!(stored_alert_count(&store), 0);
        let transport = store
            .budgets_for_month(AMAN, month("2025-05"))
            .expect("budgets")
            .into_iter()
            .find(|b| b.category_id == TRANSPORT)
            .expect("Transport budget");
        assert_eq!(transport.spent, inr("1150"));
    });
}

#[test]
fn crossing_a_budget_fires_exactly_once() {
    on_every_engine(Ledger::sample, |mut store| {
        let crossing = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
        assert_eq!(kinds(&crossing.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(crossing.alerts[0].message, SHOPPING_EXCEEDED);
        assert_eq!(crossing.alerts[0].user_id, AMAN);

        let further = add(&mut store, AMAN, SHOPPING, "10", "2025-05-16");
        assert!(further.alerts.is_empty(), "{:?}", further.alerts);
        let other_category = add(&mut store, AMAN, FOOD, "10", "2025-05-16");
        assert!(other_category.alerts.is_empty());
        assert_eq!(stored_alert_count(&store), 1);
        let stored = store.alerts(AMAN, true).expect("alerts");
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].message, SHOPPING_EXCEEDED);
        assert!(store.alerts(PRIYA, true).expect("alerts").is_empty());
    });
}

#[test]
fn a_warning_fires_once_at_the_threshold_then_exceeding_fires() {
    on_every_engine(Ledger::sample, |mut store| {
        // Food: 8000.00 budget, 1450.00 spent; 80% is 6400.00.
        let below = add(&mut store, AMAN, FOOD, "4949.99", "2025-05-20");
        assert!(below.alerts.is_empty(), "6399.99 is under 80%");
        let at = add(&mut store, AMAN, FOOD, "0.01", "2025-05-20");
        assert_eq!(kinds(&at.alerts), [AlertKind::BudgetWarning]);
        assert_eq!(
            at.alerts[0].message,
            "Budget warning for Food for May 2025: 80% used. Spent: 6400.00 / 8000.00"
        );
        let still_warning = add(&mut store, AMAN, FOOD, "1600", "2025-05-21");
        assert!(
            still_warning.alerts.is_empty(),
            "exactly the budget is not over it"
        );
        let over = add(&mut store, AMAN, FOOD, "0.01", "2025-05-22");
        assert_eq!(kinds(&over.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(
            over.alerts[0].message,
            "Budget exceeded for Food for May 2025. Spent: 8000.01 / 8000.00"
        );
        assert_eq!(stored_alert_count(&store), 2);
    });
}

#[test]
fn a_jump_past_both_levels_fires_only_exceeded() {
    on_every_engine(Ledger::sample, |mut store| {
        let jump = add(&mut store, PRIYA, FOOD, "4800", "2025-05-06");
        assert_eq!(kinds(&jump.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(
            jump.alerts[0].message,
            "Budget exceeded for Food for May 2025. Spent: 5100.00 / 5000.00"
        );
        assert_eq!(jump.alerts[0].user_id, PRIYA);
        assert!(store.alerts(AMAN, true).expect("alerts").is_empty());
    });
}

#[test]
fn deleting_back_under_lets_the_next_crossing_fire_again() {
    on_every_engine(Ledger::sample, |mut store| {
        let first = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
        assert_eq!(first.alerts.len(), 1);
        let deleted = store
            .delete_expense(AMAN, first.expense.id)
            .expect("delete the expense");
        assert!(deleted.alerts.is_empty(), "going down never fires");
        assert_eq!(deleted.expense.id, first.expense.id);
        assert!(matches!(
            store.expense(AMAN, first.expense.id),
            Err(smart_spending_tracker::store::StoreError::NoSuchExpense(_))
        ));
        let again = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-16");
        assert_eq!(kinds(&again.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(again.alerts[0].message, SHOPPING_EXCEEDED);
        assert_ne!(again.expense.id, first.expense.id, "ids are never reused");

        // The first alert outlives its expense, no longer pointing at it.
        let alerts = store.alerts(AMAN, true).expect("alerts");
        assert_eq!(alerts.len(), 2);
        assert_eq!(alerts[0].expense_id, Some(again.expense.id));
        assert_eq!(alerts[1].expense_id, None);
    });
}

#[test]
fn setting_a_budget_below_spending_fires_at_once() {
    on_every_engine(Ledger::sample, |mut store| {
        let lowered = store
            .set_budget(AMAN, SHOPPING, month("2025-05"), inr("3000"))
            .expect("lower the budget");
        assert_eq!(kinds(&lowered), [AlertKind::BudgetExceeded]);
        assert_eq!(
            lowered[0].message,
            "Budget exceeded for Shopping for May 2025. Spent: 3200.00 / 3000.00"
        );
        assert_eq!(lowered[0].expense_id, None, "no expense caused it");
        let same_again = store
            .set_budget(AMAN, SHOPPING, month("2025-05"), inr("3100"))
            .expect("lower it less");
        assert!(same_again.is_empty(), "still exceeded: {same_again:?}");
        let raised = store
            .set_budget(AMAN, SHOPPING, month("2025-05"), inr("10000"))
            .expect("raise the budget");
        assert!(raised.is_empty(), "{raised:?}");
        let lowered_again = store
            .set_budget(AMAN, SHOPPING, month("2025-05"), inr("3199.99"))
            .expect("lower it again");
        assert_eq!(kinds(&lowered_again), [AlertKind::BudgetExceeded]);

        // A first budget set under what a category already has fires too.
        assert!(
            add(&mut store, AMAN, RENT, "500", "2025-05-01")
                .alerts
                .is_empty()
        );
        let new_budget = store
            .set_budget(AMAN, RENT, month("2025-05"), inr("400"))
            .expect("set a Rent budget");
        assert_eq!(kinds(&new_budget), [AlertKind::BudgetExceeded]);
        assert_eq!(stored_alert_count(&store), 3);
    });
}

#[test]
fn a_budget_on_a_month_without_spending_fires_nothing() {
    on_every_engine(Ledger::sample, |mut store| {
        for (category, month_text, amount) in [
            (ENTERTAINMENT, "2025-05", "100"),
            (FOOD, "2025-06", "0"),
            (SHOPPING, "2025-04", "1"),
        ] {
            let alerts = store
                .set_budget(AMAN, category, month(month_text), inr(amount))
                .expect("set a budget");
            assert!(alerts.is_empty(), "{month_text}: {alerts:?}");
        }
        // Lowered to just above what was spent, the budget warns rather than exceeds.
        let warned = store
            .set_budget(AMAN, SHOPPING, month("2025-05"), inr("3300"))
            .expect("budget just above spending");
        assert_eq!(kinds(&warned), [AlertKind::BudgetWarning]);
        assert_eq!(stored_alert_count(&store), 1);
    });
}

#[test]
fn moving_an_expense_into_a_full_bucket_fires_there() {
    on_every_engine(Ledger::sample, |mut store| {
        // Groceries (1200.00, Food) move to Shopping: 3200.00 + 1200.00 = 4400.00, a warning.
        let groceries = ExpenseId(2);
        let moved = store
            .edit_expense(
                AMAN,
                groceries,
                &ExpensePatch {
                    category_id: Some(SHOPPING),
                    ..ExpensePatch::default()
                },
            )
            .expect("move to Shopping");
        assert_eq!(kinds(&moved.alerts), [AlertKind::BudgetWarning]);
        assert_eq!(moved.alerts[0].expense_id, Some(groceries));
        assert_eq!(moved.expense.category.as_deref(), Some("Shopping"));

        // A June budget, then the headphones (3200.00) move from May into June.
        store
            .set_budget(AMAN, SHOPPING, month("2025-06"), inr("3000"))
            .expect("June budget");
        let to_june = store
            .edit_expense(
                AMAN,
                ExpenseId(4),
                &ExpensePatch {
                    date: Some(day("2025-06-03")),
                    ..ExpensePatch::default()
                },
            )
            .expect("move to June");
        assert_eq!(kinds(&to_june.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(
            to_june.alerts[0].message,
            "Budget exceeded for Shopping for Jun 2025. Spent: 3200.00 / 3000.00"
        );
        let may = store
            .budgets_for_month(AMAN, month("2025-05"))
            .expect("budgets");
        let spent = |category| {
            may.iter()
                .find(|b| b.category_id == category)
                .expect("budgeted")
                .spent
        };
        assert_eq!(spent(SHOPPING), inr("1200"), "May kept only the groceries");
        assert_eq!(spent(FOOD), inr("250"));
    });
}

#[test]
fn moving_out_of_an_exceeded_bucket_rearms_it() {
    on_every_engine(Ledger::sample, |mut store| {
        let big = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
        assert_eq!(big.alerts.len(), 1);
        let moved = store
            .edit_expense(
                AMAN,
                big.expense.id,
                &ExpensePatch {
                    category_id: Some(ENTERTAINMENT),
                    ..ExpensePatch::default()
                },
            )
            .expect("move out of Shopping");
        assert!(moved.alerts.is_empty());
        let again = add(&mut store, AMAN, SHOPPING, "1900", "2025-05-16");
        assert_eq!(kinds(&again.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(
            again.alerts[0].message,
            "Budget exceeded for Shopping for May 2025. Spent: 5100.00 / 5000.00"
        );
    });
}

#[test]
fn lowering_an_amount_then_raising_it_fires_again() {
    on_every_engine(Ledger::sample, |mut store| {
        let big = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
        assert_eq!(big.alerts.len(), 1);
        let id = big.expense.id;
        let lowered = store
            .edit_expense(AMAN, id, &patch_amount("100"))
            .expect("lower");
        assert!(lowered.alerts.is_empty());
        assert_eq!(lowered.expense.amount, inr("100"));
        let raised = store
            .edit_expense(AMAN, id, &patch_amount("2500"))
            .expect("raise");
        assert_eq!(kinds(&raised.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(
            raised.alerts[0].message,
            "Budget exceeded for Shopping for May 2025. Spent: 5700.00 / 5000.00"
        );
        assert_eq!(raised.alerts[0].expense_id, Some(id));
        let unchanged_level = store
            .edit_expense(AMAN, id, &patch_amount("2600"))
            .expect("more");
        assert!(unchanged_level.alerts.is_empty());
        assert_eq!(store.expense(AMAN, id).expect("stored").amount, inr("2600"));
    });
}

#[test]
fn an_alert_points_at_its_expense_and_starts_unseen() {
    // How the SQLite file stores it: not something both engines share.
    let mut store = sample_store();
    let outcome = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
    let alert = &outcome.alerts[0];
    let (expense_id, kind, message, seen): (Option<i64>, String, String, bool) = store
        .connection()
        .query_row(
            "SELECT expense_id, alert_type, message, seen FROM alerts WHERE id = ?1",
            [alert.id.0],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .expect("the alert row");
    assert_eq!(expense_id, Some(outcome.expense.id.0));
    assert_eq!(kind, "BUDGET_EXCEEDED");
    assert_eq!(message, SHOPPING_EXCEEDED);
    assert!(!seen);
    let amount: i64 = store
        .connection()
        .query_row(
            "SELECT amount FROM expenses WHERE id = ?1",
            [outcome.expense.id.0],
            |row| row.get(0),
        )
        .expect("the expense row");
    assert_eq!(amount, 200_000, "stored in minor units");
    let budget_id: Option<i64> = store
        .connection()
        .query_row(
            "SELECT budget_id FROM alerts WHERE id = ?1",
            [alert.id.0],
            |row| row.get(0),
        )
        .expect("budget id");
    let budget_amount: i64 = store
        .connection()
        .query_row(
            "SELECT amount FROM budgets WHERE id = ?1 AND category_id = ?2",
            (budget_id, SHOPPING.0),
            |row| row.get(0),
        )
        .expect("the alert names the Shopping budget");
    assert_eq!(budget_amount, 500_000);
}

#[test]
fn marking_alerts_seen_is_per_user() {
    on_every_engine(Ledger::sample, |mut store| {
        add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
        add(&mut store, AMAN, FOOD, "7000", "2025-05-15");
        add(&mut store, PRIYA, FOOD, "5000", "2025-05-15");
        assert_eq!(store.unseen_alert_count(AMAN).expect("count"), 2);
        assert_eq!(store.unseen_alert_count(PRIYA).expect("count"), 1);
        let unseen = store.alerts(AMAN, false).expect("alerts");
        assert_eq!(unseen.len(), 2);
        assert!(unseen[0].id > unseen[1].id, "newest first");
        assert!(unseen.iter().all(|a| !a.seen));

        assert_eq!(store.mark_alerts_seen(AMAN).expect("mark"), 2);
        assert_eq!(store.unseen_alert_count(AMAN).expect("count"), 0);
        assert!(store.alerts(AMAN, false).expect("alerts").is_empty());
        let all = store.alerts(AMAN, true).expect("alerts");
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(|a| a.seen));
        assert_eq!(store.mark_alerts_seen(AMAN).expect("mark again"), 0);
        assert_eq!(store.unseen_alert_count(PRIYA).expect("count"), 1);

        let later = add(&mut store, AMAN, TRANSPORT, "1900", "2025-05-19");
        assert_eq!(kinds(&later.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(store.unseen_alert_count(AMAN).expect("count"), 1);
    });
}

#[test]
fn a_failed_alert_write_takes_the_expense_with_it() {
    // How the SQLite file stores it: not something both engines share.
    let mut store = sample_store();
    store
        .connection()
        .execute_batch(
            "CREATE TEMP TRIGGER refuse_alerts BEFORE INSERT ON main.alerts
             BEGIN SELECT RAISE(ABORT, 'alert write failed'); END;",
        )
        .expect("a trigger that makes alert writes fail");
    let before = crate::support::snapshot(store.connection());
    let failed = store.add_expense(&crate::support::expense(
        AMAN,
        SHOPPING,
        "2000",
        "2025-05-15",
        smart_spending_tracker::domain::Currency::INR,
    ));
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(crate::support::snapshot(store.connection()), before);

    // A write that fires nothing is unaffected by the failing trigger.
    let quiet = add(&mut store, AMAN, SHOPPING, "10", "2025-05-15");
    assert!(quiet.alerts.is_empty());
    let stored = store
        .connection()
        .query_row(
            "SELECT id FROM expenses WHERE id = ?1",
            [quiet.expense.id.0],
            |row| row.get::<_, i64>(0),
        )
        .optional()
        .expect("query");
    assert_eq!(stored, Some(quiet.expense.id.0));
}

#[test]
fn an_empty_database_has_one_user_and_no_budgets() {
    on_every_engine(Ledger::empty, |store| {
        let me = store.resolve_user(None).expect("the starting user");
        assert_eq!(me.email, "me@localhost");
        assert!(
            store
                .budgets_for_month(me.id, month("2025-05"))
                .expect("budgets")
                .is_empty()
        );
        assert_eq!(store.unseen_alert_count(me.id).expect("count"), 0);
    });
}
