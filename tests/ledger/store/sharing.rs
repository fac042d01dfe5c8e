//! Two programs on one ledger: each sees when the other committed, so an open app knows to
//! reload, and is not woken by its own writes or by another program that only reads.

use std::time::{Duration, Instant};

use smart_spending_tracker::domain::{AlertKind, Currency, ExpenseId, MonthRange};
use smart_spending_tracker::store::{Store, StoreError};

use crate::ledgers::{Ledger, on_every_engine};
use crate::support::{FOOD, add, expense, inr, month};

/// Waits, up to a deadline, for the data version to differ from `seen`.
fn changes_from(store: &Store, seen: i64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if store.data_version().expect("data version") != seen {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn own_writes_and_another_programs_reads_wake_no_one() {
    on_every_engine(Ledger::shared, |mut store| {
        let me = store.resolve_user(None).expect("the user").id;
        let seen = store.data_version().expect("data version");
        // Another program opens the ledger, reads it, and makes a write that changes nothing.
        let mut other = store.open_again();
        other.users().expect("read");
        assert_eq!(other.mark_alerts_seen(me).expect("nothing to mark"), 0);
        // An own write: by the end of its commit, word of every earlier one has arrived.
        add(&mut store, me, FOOD, "10", "2025-05-01");
        assert_eq!(store.data_version().expect("version"), seen);
    });
}

/// An open app, idle, learns of each commit another program makes.
fn an_idle_reader_learns_of_another_programs_commits_on(mut store: Ledger) {
    let me = store.resolve_user(None).expect("the user").id;
    let mine = add(&mut store, me, FOOD, "10", "2025-05-01");
    let mut other = store.open_again();
    let seen = store.data_version().expect("data version");

    other
        .delete_expense(me, mine.expense.id)
        .expect("the other program deletes it");
    assert!(changes_from(&store, seen), "the other program's delete");
    let seen = store.data_version().expect("version");
    assert!(matches!(
        store.expense(me, mine.expense.id),
        Err(StoreError::NoSuchExpense(_))
    ));

    let theirs = other
        .add_expense(&expense(me, FOOD, "20", "2025-05-02", Currency::INR))
        .expect("the other program adds one");
    assert!(changes_from(&store, seen), "the other program's add");
    assert_eq!(theirs.expense.id, ExpenseId(2));
    assert_eq!(
        store.expense(me, theirs.expense.id).expect("seen here"),
        theirs.expense
    );
}

#[test]
fn an_idle_reader_learns_of_another_programs_commits() {
    on_every_engine(
        Ledger::shared,
        an_idle_reader_learns_of_another_programs_commits_on,
    );
}

#[test]
fn writers_of_one_bucket_at_once_fire_each_alert_exactly_once() {
    const WRITERS: usize = 4;
    const ADDS_EACH: usize = 15;
    on_every_engine(Ledger::shared, |mut store| {
        let me = store.resolve_user(None).expect("the user").id;
        store
            .set_budget(me, FOOD, month("2025-05"), inr("100"))
            .expect("budget");
        // 2.00 at a time: the 40th add reaches 80.00 (80%), the 51st goes over (102.00).
        let writers: Vec<Store> = (0..WRITERS).map(|_| store.open_again()).collect();
        std::thread::scope(|scope| {
            for mut writer in writers {
                scope.spawn(move || {
                    for _ in 0..ADDS_EACH {
                        add(&mut writer, me, FOOD, "2", "2025-05-10");
                    }
                });
            }
        });
        let alerts = store.alerts(me, true).expect("alerts");
        let fired: Vec<(AlertKind, &str)> = alerts
            .iter()
            .map(|a| (a.kind, a.message.as_str()))
            .collect();
        assert_eq!(
            fired,
            [
                (
                    AlertKind::BudgetExceeded,
                    "Budget exceeded for Food for May 2025. Spent: 102.00 / 100.00"
                ),
                (
                    AlertKind::BudgetWarning,
                    "Budget warning for Food for May 2025: 80% used. Spent: 80.00 / 100.00"
                ),
            ]
        );
        let food = store
            .budgets_for_month(me, month("2025-05"))
            .expect("budgets")
            .into_iter()
            .find(|b| b.category_id == FOOD)
            .expect("Food's budget");
        assert_eq!(food.spent, inr("120"));
    });
}

#[test]
fn a_snapshot_does_not_see_what_others_commit_until_it_ends() {
    on_every_engine(Ledger::shared, |mut store| {
        let me = store.resolve_user(None).expect("the user").id;
        add(&mut store, me, FOOD, "10", "2025-05-01");
        let mut other = store.open_again();
        let listed = |store: &Store| {
            store
                .monthly_totals(me, MonthRange::ending(month("2025-05"), 1))
                .expect("totals")[0]
                .total
        };
        store.begin_snapshot().expect("begin");
        assert_eq!(listed(&store), inr("10"));
        add(&mut other, me, FOOD, "5", "2025-05-02");
        assert_eq!(listed(&store), inr("10"), "{}", store.engine_name());
        store.end_snapshot().expect("end");
        assert_eq!(listed(&store), inr("15"));
    });
}
