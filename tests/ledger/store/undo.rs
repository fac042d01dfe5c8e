//! Undo and redo at the store, as the app replays them: each step swaps one expense between
//! two states with its budget check, withdraws the alerts the step being taken back fired,
//! and is refused, writing nothing, when the row was changed or deleted since.

use rust_decimal::Decimal;
use smart_spending_tracker::domain::{
    Alert, AlertId, AlertKind, Category, Expense, ExpenseId, ExpensePatch, Month,
};
use smart_spending_tracker::store::{ExpenseSwap, Store, StoreError};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, FOOD, SHOPPING, add, inr, month};

const SHOPPING_EXCEEDED: &str =
    "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00";

/// An alert as a user sees it, without the id and time the write gave it.
type Shown = (
    AlertKind,
    String,
    Option<ExpenseId>,
    Option<String>,
    Option<Month>,
    Option<Decimal>,
    Option<Decimal>,
);

fn shown(alert: &Alert) -> Shown {
    (
        alert.kind,
        alert.message.clone(),
        alert.expense_id,
        alert.category.clone(),
        alert.month,
        alert.spent,
        alert.budget,
    )
}

/// What Aman sees of May 2025.
#[derive(Debug, PartialEq)]
struct May {
    expenses: Vec<Expense>,
    /// Category, budget and spent.
    budgets: Vec<(String, Decimal, Decimal)>,
    /// Every alert, seen or not.
    alerts: Vec<Shown>,
}

fn may(store: &Store) -> May {
    let expenses = store
        .expenses_in_month(AMAN, month("2025-05"))
        .expect("list May");
    let budgets = store
        .budgets_for_month(AMAN, month("2025-05"))
        .expect("budgets")
        .into_iter()
        .map(|b| (b.category, b.budget, b.spent))
        .collect();
    let alerts = store
        .alerts(AMAN, true)
        .expect("alerts")
        .iter()
        .map(shown)
        .collect();
    May {
        expenses,
        budgets,
        alerts,
    }
}

fn ids(alerts: &[Alert]) -> Vec<AlertId> {
    alerts.iter().map(|a| a.id).collect()
}

fn kinds(alerts: &[Alert]) -> Vec<AlertKind> {
    alerts.iter().map(|a| a.kind).collect()
}

/// Aman's step from `expect` to `want`, withdrawing `retract`.
fn step<'a>(
    expect: Option<&'a Expense>,
    want: Option<&'a Expense>,
    retract: &'a [AlertId],
) -> ExpenseSwap<'a> {
    ExpenseSwap {
        user: AMAN,
        expect,
        want,
        retract,
        ..ExpenseSwap::default()
    }
}

#[test]
fn an_add_is_undone_with_its_alert_and_redone_with_a_new_one() {
    on_every_engine(Ledger::sample, |mut store| {
        let start = may(&store);
        let added = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
        assert_eq!(added.expense.id, ExpenseId(6));
        assert_eq!(kinds(&added.alerts), [AlertKind::BudgetExceeded]);
        let after_add = may(&store);
        assert_eq!(after_add.alerts.len(), 1);

        let fired = ids(&added.alerts);
        let undone = store
            .swap_expense(&step(Some(&added.expense), None, &fired))
            .expect("undo the add");
        assert_eq!(undone.expense, added.expense, "the row taken away");
        assert!(undone.alerts.is_empty(), "{:?}", undone.alerts);
        assert_eq!(may(&store), start, "as before the add, its alert gone too");
        assert_eq!(store.count("SELECT count(*) FROM alerts"), 0);

        let redone = store
            .swap_expense(&step(None, Some(&added.expense), &[]))
            .expect("redo the add");
        assert_eq!(redone.expense, added.expense, "the same row, id and all");
        assert_eq!(kinds(&redone.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(redone.alerts[0].message, SHOPPING_EXCEEDED);
        assert_eq!(may(&store), after_add, "as after the add, one alert");
        assert_eq!(store.count("SELECT count(*) FROM alerts"), 1);

        // Undoing again withdraws the alert the redo fired.
        let refired = ids(&redone.alerts);
        store
            .swap_expense(&step(Some(&added.expense), None, &refired))
            .expect("undo again");
        assert_eq!(may(&store), start);
        let next = add(&mut store, AMAN, FOOD, "1", "2025-05-16");
        assert_eq!(
            next.expense.id,
            ExpenseId(7),
            "an undone add's id is not reused"
        );
    });
}

#[test]
fn an_edit_that_moved_buckets_is_undone_and_redone_in_both() {
    on_every_engine(Ledger::sample, |mut store| {
        let start = may(&store);
        let old = store.expense(AMAN, ExpenseId(4)).expect("the headphones");
        // 5,000.00 moved from Shopping into Food: 1,450.00 + 5,000.00 is 81% of 8,000.00.
        let patch = ExpensePatch {
            category_id: Some(FOOD),
            amount: Some(inr("5000")),
            ..ExpensePatch::default()
        };
        let edited = store.edit_expense(AMAN, old.id, &patch).expect("edit");
        assert_eq!(kinds(&edited.alerts), [AlertKind::BudgetWarning]);
        let after_edit = may(&store);
        let spent = |state: &May| {
            state
                .budgets
                .iter()
                .map(|(category, _, spent)| (category.clone(), *spent))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spent(&after_edit)[..2],
            [
                ("Food".to_string(), inr("6450")),
                ("Shopping".to_string(), inr("0"))
            ]
        );

        let fired = ids(&edited.alerts);
        let undone = store
            .swap_expense(&step(Some(&edited.expense), Some(&old), &fired))
            .expect("undo the edit");
        assert_eq!(undone.expense, old);
        assert!(undone.alerts.is_empty(), "{:?}", undone.alerts);
        assert_eq!(may(&store), start, "both buckets back, the warning gone");

        let redone = store
            .swap_expense(&step(Some(&old), Some(&edited.expense), &[]))
            .expect("redo the edit");
        assert_eq!(redone.expense, edited.expense);
        assert_eq!(kinds(&redone.alerts), [AlertKind::BudgetWarning]);
        assert_eq!(
            redone.alerts[0].message,
            "Budget warning for Food for May 2025: 81% used. Spent: 6450.00 / 8000.00"
        );
        assert_eq!(may(&store), after_edit);
    });
}

#[test]
fn a_delete_is_undone_with_the_same_row_whose_restore_checks_the_budget() {
    on_every_engine(Ledger::sample, |mut store| {
        let start = may(&store);
        let deleted = store
            .delete_expense(AMAN, ExpenseId(4))
            .expect("delete")
            .expense;
        // With the headphones gone, Shopping's budget is lowered below what they cost.
        store
            .set_budget(AMAN, SHOPPING, month("2025-05"), inr("3000"))
            .expect("lower the budget");
        assert!(store.alerts(AMAN, true).expect("alerts").is_empty());

        let undone = store
            .swap_expense(&step(None, Some(&deleted), &[]))
            .expect("undo the delete");
        assert_eq!(undone.expense, deleted, "the same row, id and all");
        assert_eq!(store.expense(AMAN, deleted.id).expect("back"), deleted);
        assert_eq!(kinds(&undone.alerts), [AlertKind::BudgetExceeded]);
        assert_eq!(
            undone.alerts[0].message,
            "Budget exceeded for Shopping for May 2025. Spent: 3200.00 / 3000.00"
        );
        assert_eq!(may(&store).expenses, start.expenses, "the list as it was");

        // Redoing the delete withdraws the alert the restore fired.
        let fired = ids(&undone.alerts);
        let redone = store
            .swap_expense(&step(Some(&deleted), None, &fired))
            .expect("redo the delete");
        assert!(redone.alerts.is_empty());
        assert!(matches!(
            store.expense(AMAN, deleted.id),
            Err(StoreError::NoSuchExpense(_))
        ));
        assert!(store.alerts(AMAN, true).expect("alerts").is_empty());
        let shopping = may(&store)
            .budgets
            .into_iter()
            .find(|(category, ..)| category == "Shopping")
            .expect("Shopping's budget");
        assert_eq!(shopping, ("Shopping".into(), inr("3000"), inr("0")));
    });
}

#[test]
fn an_add_that_made_its_category_takes_it_away_and_brings_it_back() {
    on_every_engine(Ledger::sample, |mut store| {
        let snacks: Category = store.add_category("Snacks", None).expect("a new category");
        let added = add(&mut store, AMAN, snacks.id, "40", "2025-05-15");

        let undo = ExpenseSwap {
            drop_category: Some(snacks.id),
            ..step(Some(&added.expense), None, &[])
        };
        store.swap_expense(&undo).expect("undo the add");
        assert!(matches!(
            store.find_category("Snacks"),
            Err(StoreError::UnknownCategory { .. })
        ));

        let redo = ExpenseSwap {
            ensure_category: Some(&snacks),
            ..step(None, Some(&added.expense), &[])
        };
        let redone = store.swap_expense(&redo).expect("redo the add");
        assert_eq!(redone.expense, added.expense);
        assert_eq!(store.find_category("snacks").expect("back"), snacks);

        // A category something else still uses stays.
        let other = add(&mut store, AMAN, snacks.id, "5", "2025-05-16");
        let undo_again = ExpenseSwap {
            drop_category: Some(snacks.id),
            ..step(Some(&added.expense), None, &[])
        };
        store.swap_expense(&undo_again).expect("undo the add again");
        assert_eq!(store.find_category("Snacks").expect("still used"), snacks);
        assert_eq!(
            store.expense(AMAN, other.expense.id).expect("kept"),
            other.expense
        );
    });
}

#[test]
fn a_step_whose_row_changed_or_went_since_is_refused_and_writes_nothing() {
    on_every_engine(Ledger::sample, |mut store| {
        let old = store.expense(AMAN, ExpenseId(4)).expect("the headphones");
        let patch = ExpensePatch {
            amount: Some(inr("2000")),
            ..ExpensePatch::default()
        };
        let edited = store
            .edit_expense(AMAN, old.id, &patch)
            .expect("edit")
            .expense;
        // Another program changes the row after the edit.
        let elsewhere = ExpensePatch {
            note: Some(Some("Changed elsewhere".into())),
            ..ExpensePatch::default()
        };
        store
            .edit_expense(AMAN, old.id, &elsewhere)
            .expect("the other edit");
        let before = store.snapshot();
        let error = store
            .swap_expense(&step(Some(&edited), Some(&old), &[]))
            .expect_err("changed since");
        assert!(
            matches!(error, StoreError::ChangedSince(ExpenseId(4))),
            "{error:?}"
        );
        assert_eq!(store.snapshot(), before);

        // ... or deletes it.
        store
            .delete_expense(AMAN, old.id)
            .expect("deleted elsewhere");
        let before = store.snapshot();
        let error = store
            .swap_expense(&step(Some(&edited), Some(&old), &[]))
            .expect_err("deleted since");
        assert!(
            matches!(error, StoreError::DeletedSince(ExpenseId(4))),
            "{error:?}"
        );
        assert_eq!(store.snapshot(), before);
    });
}
