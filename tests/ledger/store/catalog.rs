//! Deleting a category and taking the delete back, as the app's category manager and its
//! undo do: what went with the category comes back under the same ids.

use smart_spending_tracker::domain::{BudgetId, Category, ExpenseId, NO_CATEGORY};
use smart_spending_tracker::store::{BudgetChange, BudgetSpan, Store, StoreError, StoredBudget};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, SHOPPING, add, inr, month};

/// A category's budget and spending, as text.
type BudgetRow = (String, String, String);

/// Aman's May 2025 by category: each budget with its spending, and the top categories.
fn may(store: &Store) -> (Vec<BudgetRow>, Vec<(String, String)>) {
    let budgets = store
        .budgets_for_month(AMAN, month("2025-05"))
        .expect("budgets")
        .into_iter()
        .map(|b| (b.category, b.budget.to_string(), b.spent.to_string()))
        .collect();
    let top = store
        .category_totals(AMAN, month("2025-05"))
        .expect("top categories")
        .into_iter()
        .map(|c| (c.category, c.total.to_string()))
        .collect();
    (budgets, top)
}

fn category_of(store: &Store, id: ExpenseId) -> Option<String> {
    store.expense(AMAN, id).expect("the expense").category
}

#[test]
fn a_removed_category_comes_back_with_its_budgets_and_expenses() {
    on_every_engine(Ledger::sample, |mut store| {
        let crossing = add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15");
        assert_eq!(crossing.alerts.len(), 1);
        let shopping = store.find_category("Shopping").expect("Shopping");
        let before = may(&store);

        let removed = store.remove_category(SHOPPING).expect("remove Shopping");
        assert_eq!(removed.category, shopping);
        assert_eq!(
            removed.budgets,
            [StoredBudget {
                id: BudgetId(3),
                user_id: AMAN,
                year: 2025,
                month: 5,
                minor: 500_000,
                standing: false,
                rollover: false,
                carry_overspending: false,
            }]
        );
        assert_eq!(removed.expenses, [ExpenseId(4), crossing.expense.id]);
        assert!(matches!(
            store.find_category("shopping"),
            Err(StoreError::UnknownCategory { .. })
        ));
        assert_eq!(category_of(&store, ExpenseId(4)), None);
        let (budgets, top) = may(&store);
        assert!(budgets.iter().all(|(name, ..)| name != "Shopping"));
        assert_eq!(top[0], (NO_CATEGORY.to_string(), "5200.00".to_string()));
        assert_eq!(store.alerts(AMAN, true).expect("alerts").len(), 1);

        store.restore_category(&removed).expect("restore Shopping");
        assert_eq!(store.find_category("Shopping").expect("back"), shopping);
        assert_eq!(category_of(&store, ExpenseId(4)), Some("Shopping".into()));
        assert_eq!(
            category_of(&store, crossing.expense.id),
            Some("Shopping".into())
        );
        assert_eq!(
            may(&store),
            before,
            "budgets, spending and totals as before"
        );
        let budget = store
            .budgets_for_month(AMAN, month("2025-05"))
            .expect("budgets")
            .into_iter()
            .find(|b| b.category_id == SHOPPING)
            .expect("the Shopping budget");
        assert_eq!(
            (budget.budget_id, budget.budget),
            (Some(BudgetId(3)), inr("5000"))
        );
        // A new budget after the restore takes the next id, as if nothing had happened.
        let new = store
            .add_category("Health", None)
            .expect("a new category")
            .id;
        store
            .set_budget(AMAN, new, month("2025-05"), inr("10"))
            .expect("budget");
        let health = store
            .budgets_for_month(AMAN, month("2025-05"))
            .expect("budgets")
            .into_iter()
            .find(|b| b.category_id == new)
            .expect("Health's budget");
        assert_eq!(health.budget_id, Some(BudgetId(5)));
        assert_eq!(new.0, 6);
    });
}

#[test]
fn a_restore_is_refused_when_the_name_was_taken_meanwhile() {
    on_every_engine(Ledger::sample, |mut store| {
        let removed = store.remove_category(SHOPPING).expect("remove Shopping");
        let again: Category = store
            .add_category("SHOPPING", None)
            .expect("the name again");
        let before = store.snapshot();
        let error = store.restore_category(&removed).expect_err("name taken");
        assert!(
            matches!(&error, StoreError::DuplicateCategory(name) if name == "Shopping"),
            "{error:?}"
        );
        assert_eq!(store.snapshot(), before);
        assert_eq!(store.find_category("shopping").expect("the new one"), again);
        assert_eq!(category_of(&store, ExpenseId(4)), None);
    });
}

#[test]
fn a_budget_for_a_category_no_one_has_is_refused_by_name_and_writes_nothing() {
    on_every_engine(Ledger::sample, |mut store| {
        let before = store.snapshot();
        let unknown = smart_spending_tracker::domain::CategoryId(77);
        let refused = store.set_budget(AMAN, unknown, month("2025-05"), inr("100"));
        assert!(
            matches!(refused, Err(StoreError::NoSuchCategory(id)) if id == unknown),
            "{refused:?}"
        );
        assert_eq!(store.snapshot(), before);
    });
}

#[test]
fn a_removed_category_comes_back_with_its_standing_budget_and_its_rollover() {
    on_every_engine(Ledger::sample, |mut store| {
        // A standing Shopping budget from June that rolls over.
        let june = month("2025-06");
        let standing = BudgetChange {
            user: AMAN,
            category: SHOPPING,
            span: BudgetSpan::From(june),
            amount: inr("4000"),
            rollover: Some(true),
            carry_overspending: None,
        };
        store.change_budget(&standing, june).expect("standing");
        let before = store.standing_budgets().expect("standing budgets");
        let july = |store: &Store| {
            store
                .budgets_for_month(AMAN, month("2025-07"))
                .expect("July")
        };
        let july_before = july(&store);
        assert_eq!(
            july_before[0].carried,
            inr("4000"),
            "June's 4,000.00 rolls into July"
        );

        let removed = store.remove_category(SHOPPING).expect("remove");
        assert_eq!(removed.standing.len(), 1);
        assert!(store.standing_budgets().expect("standing").is_empty());
        store.restore_category(&removed).expect("restore");
        assert_eq!(store.standing_budgets().expect("standing"), before);
        assert_eq!(july(&store), july_before, "flags and carry as they were");
        // And it goes on: August follows the restored standing budget.
        let august = store
            .budgets_for_month(AMAN, month("2025-08"))
            .expect("August");
        assert_eq!((august[0].budget, august[0].standing), (inr("12000"), true));
    });
}
