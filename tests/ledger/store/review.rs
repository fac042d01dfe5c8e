//! The list's review of a month: only the rows without a category (imported rows nothing
//! categorised), counted, windowed and positioned as the month's list is, on every engine.

use rust_decimal::Decimal;
use smart_spending_tracker::domain::{CategoryId, ExpenseId, NewExpense};
use smart_spending_tracker::store::{ListQuery, ListScope, StatementExpense};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, month};

fn imported(note: &str, day: u32, category: Option<&str>) -> StatementExpense {
    StatementExpense {
        expense: NewExpense {
            rate: None,
            user_id: AMAN,
            category_id: CategoryId(0),
            amount: Decimal::new(1_000, 2),
            currency: smart_spending_tracker::domain::Currency::INR,
            date: chrono::NaiveDate::from_ymd_opt(2025, 5, day).expect("date"),
            note: Some(note.into()),
        },
        category: category.map(str::to_string),
        fingerprint: format!("row:{note}"),
    }
}

#[test]
fn a_review_lists_only_the_months_rows_without_a_category() {
    on_every_engine(Ledger::sample, |mut store| {
        let rows = [
            imported("corner shop", 12, None),
            imported("tea", 13, Some("Food")),
            imported("kiosk", 14, None),
            imported("market", 15, None),
        ];
        let outcome = store.import_statement(AMAN, &rows, false).expect("imports");
        assert_eq!(outcome.inserted, 4);
        for filter in ["", "k"] {
            let query = ListQuery {
                user: AMAN,
                scope: ListScope::Uncategorised(month("2025-05")),
                filter,
            };
            let notes: Vec<String> = store
                .list_window(&query, 0, 10)
                .expect("window")
                .into_iter()
                .map(|e| e.note.unwrap_or_default())
                .collect();
            let expected: &[&str] = if filter.is_empty() {
                &["market", "kiosk", "corner shop"]
            } else {
                &["market", "kiosk"]
            };
            assert_eq!(notes, expected, "filter {filter:?}");
            assert_eq!(
                store.list_count(&query).expect("count").rows,
                expected.len()
            );
        }
        let review = ListQuery {
            user: AMAN,
            scope: ListScope::Uncategorised(month("2025-05")),
            filter: "",
        };
        let window = store.list_window(&review, 1, 1).expect("window");
        assert_eq!(
            window.first().and_then(|e| e.note.as_deref()),
            Some("kiosk")
        );
        let kiosk = window.first().map(|e| e.id).expect("kiosk");
        assert_eq!(
            store.list_position(&review, kiosk).expect("position"),
            Some(1)
        );
        // A categorised row is not in the review; the sample's first expense is in Food.
        assert_eq!(
            store
                .list_position(&review, ExpenseId(1))
                .expect("position"),
            None
        );
        let june = ListQuery {
            scope: ListScope::Uncategorised(month("2025-06")),
            ..review
        };
        assert_eq!(store.list_count(&june).expect("count").rows, 0);
    });
}
