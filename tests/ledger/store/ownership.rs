//! Every store method that takes an id acts inside the given user's ledger: another user's
//! expense or alert is as good as missing, and asking for it writes nothing.

use smart_spending_tracker::domain::{AlertId, ExpenseId, ExpensePatch};
use smart_spending_tracker::store::{ExpenseSwap, StoreError};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, FOOD, PRIYA, inr, month};

/// Priya's dinner in the sample.
const PRIYAS: ExpenseId = ExpenseId(5);

fn is_missing_expense<T>(result: &Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::NoSuchExpense(ExpenseId(5))))
}

#[test]
fn another_users_expense_cannot_be_read_changed_deleted_or_replaced() {
    on_every_engine(Ledger::sample, |mut store| {
        // A tight budget for Priya, so a change to her dinner would fire an alert.
        store
            .set_budget(PRIYA, FOOD, month("2025-05"), inr("300"))
            .expect("budget");
        let hers = store.expense(PRIYA, PRIYAS).expect("Priya reads her own");
        let before = store.snapshot();

        assert!(is_missing_expense(&store.expense(AMAN, PRIYAS)));
        let patch = ExpensePatch {
            amount: Some(inr("99999")),
            ..ExpensePatch::default()
        };
        assert!(is_missing_expense(
            &store.edit_expense(AMAN, PRIYAS, &patch)
        ));
        assert!(is_missing_expense(&store.delete_expense(AMAN, PRIYAS)));
        // Undo replays a remembered row: one naming Priya's id must not land in her ledger,
        // whether it claims to be Aman's or admits to being hers.
        let claimed = smart_spending_tracker::domain::Expense {
            user_id: AMAN,
            amount: inr("99999"),
            ..hers.clone()
        };
        let altered = smart_spending_tracker::domain::Expense {
            amount: inr("99999"),
            ..hers.clone()
        };
        for (expect, want) in [
            (Some(&hers), Some(&claimed)),
            (Some(&claimed), Some(&altered)),
            (Some(&hers), Some(&altered)),
            (None, Some(&hers)),
            (None, Some(&claimed)),
            (Some(&hers), None),
        ] {
            let swap = ExpenseSwap {
                user: AMAN,
                expect,
                want,
                ..ExpenseSwap::default()
            };
            assert!(is_missing_expense(&store.swap_expense(&swap)), "{swap:?}");
        }

        assert_eq!(store.snapshot(), before, "nothing was written");
        assert_eq!(store.expense(PRIYA, PRIYAS).expect("still hers"), hers);
    });
}

#[test]
fn a_restore_never_takes_an_id_in_use() {
    on_every_engine(Ledger::sample, |mut store| {
        let hers = store.expense(PRIYA, PRIYAS).expect("Priya's dinner");
        let before = store.snapshot();
        let restore = ExpenseSwap {
            user: PRIYA,
            expect: None,
            want: Some(&hers),
            ..ExpenseSwap::default()
        };
        let error = store.swap_expense(&restore).expect_err("the row exists");
        assert!(matches!(error, StoreError::ChangedSince(_)), "{error:?}");
        assert_eq!(store.snapshot(), before);
    });
}

#[test]
fn the_owner_still_edits_deletes_and_restores() {
    on_every_engine(Ledger::sample, |mut store| {
        let patch = ExpensePatch {
            amount: Some(inr("320")),
            ..ExpensePatch::default()
        };
        let edited = store.edit_expense(PRIYA, PRIYAS, &patch).expect("edit");
        assert_eq!(edited.expense.amount, inr("320"));
        let deleted = store.delete_expense(PRIYA, PRIYAS).expect("delete").expense;
        assert!(is_missing_expense(&store.expense(PRIYA, PRIYAS)));
        let restore = ExpenseSwap {
            user: PRIYA,
            expect: None,
            want: Some(&deleted),
            ..ExpenseSwap::default()
        };
        store.swap_expense(&restore).expect("restore");
        assert_eq!(store.expense(PRIYA, PRIYAS).expect("back"), deleted);
    });
}

#[test]
fn alerts_are_marked_seen_only_by_their_user() {
    on_every_engine(Ledger::sample, |mut store| {
        let fired = store
            .set_budget(PRIYA, FOOD, month("2025-05"), inr("200"))
            .expect("budget below spending");
        let alert = fired.first().expect("an alert for Priya").id;
        let before = store.snapshot();

        for (user, id) in [
            (AMAN, alert),
            (PRIYA, AlertId(alert.0 + 1)),
            (AMAN, AlertId(0)),
        ] {
            let error = store.mark_alert_seen(user, id).expect_err("refused");
            assert!(matches!(error, StoreError::NoSuchAlert(_)), "{error:?}");
            assert_eq!(error.to_string(), format!("no alert #{id}"));
        }
        assert_eq!(store.snapshot(), before, "nothing was written");

        assert_eq!(store.mark_alert_seen(PRIYA, alert).ok(), Some(true));
        assert_eq!(store.mark_alert_seen(PRIYA, alert).ok(), Some(false));
        assert_eq!(store.unseen_alert_count(PRIYA).expect("count"), 0);
    });
}

#[test]
fn an_id_no_row_can_have_is_as_good_as_missing() {
    on_every_engine(Ledger::sample, |mut store| {
        let before = store.snapshot();
        for id in [i64::MAX, 1 << 31, -(1 << 31) - 1] {
            let expense = ExpenseId(id);
            let missing = |result: Result<(), StoreError>| matches!(result, Err(StoreError::NoSuchExpense(e)) if e == expense);
            assert!(missing(store.expense(AMAN, expense).map(drop)), "{id}");
            let patch = ExpensePatch {
                amount: Some(inr("5")),
                ..ExpensePatch::default()
            };
            assert!(missing(store.edit_expense(AMAN, expense, &patch).map(drop)));
            assert!(missing(store.delete_expense(AMAN, expense).map(drop)));
            let error = store
                .mark_alert_seen(AMAN, AlertId(id))
                .expect_err("no such alert");
            assert_eq!(error.to_string(), format!("no alert #{id}"));
            let everything = smart_spending_tracker::store::ListQuery {
                user: AMAN,
                scope: smart_spending_tracker::store::ListScope::All,
                filter: "",
            };
            assert_eq!(store.list_position(&everything, expense).ok(), Some(None));
        }
        assert_eq!(store.snapshot(), before, "nothing was written");
    });
}
