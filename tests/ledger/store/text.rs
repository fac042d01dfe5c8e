//! Text neither engine can hold alike: a NUL character. PostgreSQL's text cannot store it,
//! so every write refuses it, naming the field, and a lookup by such text finds nothing,
//! on both engines the same.

use smart_spending_tracker::domain::{Currency, ExpenseId, ExpensePatch};
use smart_spending_tracker::store::{ExpenseFilter, ListQuery, ListScope, StoreError};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, FOOD, expense, month};

fn refusal<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    result.expect_err("refused").to_string()
}

#[test]
fn a_nul_character_is_refused_wherever_text_is_stored() {
    on_every_engine(Ledger::sample, |mut store| {
        let before = store.snapshot();
        let mut new = expense(AMAN, FOOD, "1", "2025-05-01", Currency::INR);
        new.note = Some("caf\0e".into());
        let note = "note has a NUL character (\\0), which cannot be stored; remove it";
        assert_eq!(refusal(store.add_expense(&new)), note);
        assert_eq!(
            refusal(store.add_expenses([new.clone()])),
            note,
            "many at once"
        );
        let patch = ExpensePatch {
            note: Some(Some("\0".into())),
            ..ExpensePatch::default()
        };
        assert_eq!(
            refusal(store.edit_expense(AMAN, ExpenseId(1), &patch)),
            note
        );
        assert_eq!(
            refusal(store.add_category("Health", Some("GP\0"))),
            "category description has a NUL character (\\0), which cannot be stored; remove it"
        );
        let name = "user name has a NUL character (\\0), which cannot be stored; remove it";
        assert_eq!(
            refusal(store.add_user("Ravi\0", "ravi@example.com", Currency::INR)),
            name
        );
        assert_eq!(refusal(store.rename_user(AMAN, "\0Aman", None)), name);
        assert_eq!(store.snapshot(), before, "nothing was written");
    });
}

#[test]
fn text_with_a_nul_character_finds_nothing() {
    on_every_engine(Ledger::sample, |store| {
        assert!(matches!(
            store.find_category("Fo\0od"),
            Err(StoreError::UnknownCategory { .. })
        ));
        assert!(matches!(
            store.resolve_user(Some("aman\0@example.com")),
            Err(StoreError::UnknownUser(_))
        ));
        for scope in [ListScope::All, ListScope::Month(month("2025-05"))] {
            let query = ListQuery {
                user: AMAN,
                scope,
                filter: "caf\0e",
            };
            assert_eq!(store.list_count(&query).expect("count").rows, 0);
            assert!(store.list_window(&query, 0, 10).expect("window").is_empty());
            assert_eq!(store.list_position(&query, ExpenseId(1)).ok(), Some(None));
        }
        let filter = ExpenseFilter {
            search: Some("caf\0e".into()),
            user: None,
            from: None,
            to: None,
        };
        let found = store
            .each_expense(&filter, |_| Ok::<_, StoreError>(()))
            .expect("read");
        assert_eq!(found, 0);
    });
}
