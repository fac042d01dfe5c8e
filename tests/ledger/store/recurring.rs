//! Recurring expenses through the store: the catch-up posts each due date once, as an
//! ordinary expense with its budget check, however long the ledger was left alone.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use smart_spending_tracker::domain::{
    AlertKind, CategoryId, Frequency, RecurringId, Schedule, UserId,
};
use smart_spending_tracker::store::{NewRecurring, StoreError};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{AMAN, PRIYA, RENT, SHOPPING, add, day, inr};

fn rule(
    user: UserId,
    category: CategoryId,
    amount: &str,
    schedule: Schedule,
    note: Option<&str>,
) -> NewRecurring {
    NewRecurring {
        user_id: user,
        category_id: category,
        amount: inr(amount),
        schedule,
        note: note.map(str::to_string),
    }
}

fn schedule(every: Frequency, day_of: Option<u32>, from: &str, until: Option<&str>) -> Schedule {
    Schedule::new(every, day_of, day(from), until.map(day)).expect("a valid schedule")
}

/// The dates of a user's expenses whose note is `note`, oldest first, and how many there are.
fn posted_dates(store: &Ledger, note: &str) -> Vec<String> {
    store
        .text_rows(&format!(
            "SELECT CAST(date AS TEXT) FROM expenses WHERE note = '{note}' ORDER BY date, id"
        ))
        .into_iter()
        .map(|row| row[0].clone())
        .collect()
}

#[test]
fn four_hundred_days_away_are_caught_up_each_date_once() {
    on_every_engine(Ledger::empty, |mut store| {
        let me = store.resolve_user(None).expect("the user").id;
        let rent = store.find_category("Rent").expect("Rent").id;
        let food = store.find_category("Food").expect("Food").id;
        let from = "2025-01-01";
        store
            .add_recurring(&rule(
                me,
                rent,
                "15000",
                schedule(Frequency::Month, Some(31), from, None),
                Some("rent"),
            ))
            .expect("add rent");
        store
            .add_recurring(&rule(
                me,
                food,
                "99.50",
                schedule(Frequency::Week, None, from, None),
                Some("milk"),
            ))
            .expect("add milk");
        // Adding posts nothing: that is the catch-up's job.
        assert_eq!(store.count("SELECT count(*) FROM expenses"), 0);

        let today = day(from) + Days::new(400); // 2026-02-05
        let caught = store.catch_up(today).expect("catch up");
        let rent_dates = posted_dates(&store, "rent");
        assert_eq!(
            rent_dates,
            [
                "2025-01-31",
                "2025-02-28",
                "2025-03-31",
                "2025-04-30",
                "2025-05-31",
                "2025-06-30",
                "2025-07-31",
                "2025-08-31",
                "2025-09-30",
                "2025-10-31",
                "2025-11-30",
                "2025-12-31",
                "2026-01-31"
            ]
        );
        let milk_dates = posted_dates(&store, "milk");
        // Days 0, 7, ... 399 after a Wednesday: 58 Wednesdays, each once.
        assert_eq!(milk_dates.len(), 58);
        assert_eq!(
            milk_dates.iter().collect::<BTreeSet<_>>().len(),
            58,
            "a date was posted twice"
        );
        assert_eq!(milk_dates.first().map(String::as_str), Some("2025-01-01"));
        assert_eq!(milk_dates.last().map(String::as_str), Some("2026-02-04"));
        assert_eq!(caught.posted.len(), 13 + 58);
        assert!(caught.posted.iter().all(|e| e.user_id == me));
        let rent_amounts: Vec<_> = caught
            .posted
            .iter()
            .filter(|e| e.category_id == Some(rent))
            .map(|e| e.amount)
            .collect();
        assert_eq!(
            rent_amounts,
            vec![inr("15000"); 13],
            "the rule's amount exactly"
        );

        let again = store.catch_up(today).expect("catch up again");
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(store.count("SELECT count(*) FROM expenses"), 13 + 58);

        let rules = store.recurring(me).expect("rules");
        let next: Vec<Option<NaiveDate>> = rules.iter().map(|r| r.next_due).collect();
        assert_eq!(next, [Some(day("2026-02-28")), Some(day("2026-02-11"))]);

        // The next day brings only what falls due on it.
        let later = store.catch_up(day("2026-02-11")).expect("a week later");
        assert_eq!(later.posted.len(), 1);
        assert_eq!(later.posted[0].date, day("2026-02-11"));
    });
}

#[test]
fn two_connections_catching_up_post_each_date_once() {
    on_every_engine(Ledger::shared, |mut store| {
        let me = store.resolve_user(None).expect("the user").id;
        let rent = store.find_category("Rent").expect("Rent").id;
        store
            .add_recurring(&rule(
                me,
                rent,
                "100",
                schedule(Frequency::Day, None, "2025-01-01", Some("2025-03-31")),
                Some("daily"),
            ))
            .expect("add");
        let mut other = store.open_again();
        let first = store.catch_up(day("2025-06-01")).expect("first");
        let second = other.catch_up(day("2025-06-01")).expect("second");
        assert_eq!(first.posted.len() + second.posted.len(), 90);
        assert_eq!(posted_dates(&store, "daily").len(), 90);
        // Past its last day the rule is done, and says so.
        assert_eq!(store.recurring(me).expect("rules")[0].next_due, None);
    });
}

#[test]
fn a_posting_fires_the_budget_alert_a_typed_add_would() {
    // Shopping in May 2025: 3,200.00 of a 5,000.00 budget. 2,000.00 more exceeds it.
    let typed = {
        let mut store = Ledger::sample(&crate::ledgers::Engine::Sqlite);
        add(&mut store, AMAN, SHOPPING, "2000", "2025-05-15").alerts
    };
    on_every_engine(Ledger::sample, |mut store| {
        store
            .add_recurring(&rule(
                AMAN,
                SHOPPING,
                "2000",
                schedule(Frequency::Month, Some(15), "2025-05-01", None),
                None,
            ))
            .expect("add");
        let caught = store.catch_up(day("2025-05-20")).expect("catch up");
        assert_eq!(caught.posted.len(), 1);
        let posted = &caught.posted[0];
        assert_eq!(caught.alerts.len(), 1, "{:?}", caught.alerts);
        let alert = &caught.alerts[0];
        assert_eq!(alert.kind, AlertKind::BudgetExceeded);
        assert_eq!(alert.message, typed[0].message);
        assert_eq!(alert.expense_id, Some(posted.id));
        assert_eq!(store.alerts(AMAN, false).expect("alerts").len(), 1);
    });
}

#[test]
fn bad_rules_are_refused_and_change_nothing() {
    on_every_engine(Ledger::sample, |mut store| {
        let before = store.snapshot();
        let monthly = schedule(Frequency::Month, None, "2025-05-01", None);
        for (amount, why) in [
            ("0", "zero"),
            ("-5", "negative"),
            ("1.005", "three decimals"),
        ] {
            let new = NewRecurring {
                amount: amount.parse().expect("decimal"),
                ..rule(AMAN, RENT, "1", monthly, None)
            };
            assert!(store.add_recurring(&new).is_err(), "{why} was accepted");
        }
        let unknown = rule(AMAN, CategoryId(999), "10", monthly, None);
        assert!(matches!(
            store.add_recurring(&unknown),
            Err(StoreError::NoSuchCategory(_))
        ));
        let long_note = "x".repeat(20_000);
        assert!(
            store
                .add_recurring(&rule(AMAN, RENT, "10", monthly, Some(&long_note)))
                .is_err()
        );
        assert!(matches!(
            store.delete_recurring(AMAN, RecurringId(42)),
            Err(StoreError::NoSuchRecurring(RecurringId(42)))
        ));
        assert_eq!(store.snapshot(), before);
    });
}

#[test]
fn a_rule_is_deleted_only_by_its_owner_and_then_posts_nothing() {
    on_every_engine(Ledger::sample, |mut store| {
        let kept = store
            .add_recurring(&rule(
                AMAN,
                RENT,
                "100",
                schedule(Frequency::Day, None, "2025-05-18", None),
                Some("daily"),
            ))
            .expect("add");
        assert!(matches!(
            store.delete_recurring(PRIYA, kept.id),
            Err(StoreError::NoSuchRecurring(_))
        ));
        assert_eq!(store.recurring(PRIYA).expect("Priya's").len(), 0);
        assert_eq!(
            store.recurring(AMAN).expect("Aman's"),
            std::slice::from_ref(&kept)
        );
        store.delete_recurring(AMAN, kept.id).expect("delete");
        assert!(
            store
                .catch_up(day("2025-05-20"))
                .expect("catch up")
                .is_empty()
        );
        assert!(posted_dates(&store, "daily").is_empty());
    });
}

#[test]
fn merging_categories_keeps_the_recurring_expense_in_the_kept_one() {
    on_every_engine(Ledger::sample, |mut store| {
        let snacks = store.add_category("Snacks", None).expect("Snacks").id;
        store
            .add_recurring(&rule(
                AMAN,
                snacks,
                "40",
                schedule(Frequency::Week, None, "2025-05-21", None),
                Some("chips"),
            ))
            .expect("add");
        let food = store.find_category("Food").expect("Food").id;
        store
            .merge_categories(snacks, food, crate::support::month("2026-01"))
            .expect("merge");
        let rules = store.recurring(AMAN).expect("rules");
        assert_eq!(rules.len(), 1, "the rule went with the merged category");
        assert_eq!(rules[0].category_id, food);
        assert_eq!(rules[0].category, "Food");
    });
}

#[test]
fn a_category_with_a_recurring_expense_is_not_deleted_unasked() {
    on_every_engine(Ledger::sample, |mut store| {
        let snacks = store.add_category("Snacks", None).expect("Snacks").id;
        store
            .add_recurring(&rule(
                AMAN,
                snacks,
                "40",
                schedule(Frequency::Week, None, "2025-05-21", None),
                None,
            ))
            .expect("add");
        let before = store.snapshot();
        let refused = store.delete_unused_category(snacks);
        assert!(
            matches!(
                refused,
                Err(StoreError::CategoryHasRecurring { count: 1, .. })
            ),
            "{refused:?}"
        );
        assert_eq!(
            refused.map_err(|e| e.to_string()).err().as_deref(),
            Some(
                "category \"Snacks\" has 1 recurring expense; delete it first (see `spend recurring list`), or add --force to delete the category with it"
            )
        );
        assert_eq!(store.snapshot(), before);
    });
}

#[test]
fn removing_a_category_takes_its_recurring_expense_and_undo_brings_it_back() {
    on_every_engine(Ledger::sample, |mut store| {
        let snacks = store.add_category("Snacks", None).expect("Snacks").id;
        let kept = store
            .add_recurring(&rule(
                AMAN,
                snacks,
                "40",
                schedule(Frequency::Week, None, "2025-05-21", None),
                Some("chips"),
            ))
            .expect("add");
        let removed = store.remove_category(snacks).expect("remove");
        assert_eq!(removed.recurring, std::slice::from_ref(&kept));
        assert!(store.recurring(AMAN).expect("rules").is_empty());
        store.restore_category(&removed).expect("restore");
        assert_eq!(store.recurring(AMAN).expect("rules"), [kept]);
    });
}
