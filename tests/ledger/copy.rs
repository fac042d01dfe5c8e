//! `spend copy-to`: a ledger moved between engines keeps every row, id and seen flag, and
//! exports byte for byte the same.

use smart_spending_tracker::domain::{Currency, Month, Rate, UserId};
use smart_spending_tracker::export::write_csv;
use smart_spending_tracker::store::{BudgetChange, BudgetSpan, ExpenseFilter, StoreError};

use crate::ledgers::{Engine, Ledger, engines};
use crate::support::{AMAN, FOOD, PRIYA, SHOPPING, TRANSPORT, add, expense, inr};

/// The reference CSV of every user's expenses.
fn exported(ledger: &Ledger) -> String {
    let mut out = Vec::new();
    write_csv(ledger, &ExpenseFilter::default(), &mut out).expect("export");
    String::from_utf8(out).expect("UTF-8")
}

/// The sample with more in it: an alert (seen), a foreign amount, a deleted expense's gap
/// in the ids, a note that needs quoting.
fn busy(engine: &Engine) -> Ledger {
    let mut ledger = Ledger::sample(engine);
    add(&mut ledger, AMAN, SHOPPING, "2000", "2025-05-20");
    let mut foreign = expense(
        PRIYA,
        FOOD,
        "1.5",
        "2025-05-21",
        Currency::parse("KWD").expect("KWD"),
    );
    foreign.rate = Some(Rate::parse("271.35").expect("rate"));
    ledger.add_expense(&foreign).expect("a foreign amount");
    ledger
        .set_rates(&[smart_spending_tracker::domain::ExchangeRate {
            base: Currency::INR,
            currency: Currency::parse("USD").expect("USD"),
            date: crate::support::day("2025-05-01"),
            rate: Rate::parse("83.2").expect("rate"),
        }])
        .expect("a rate");
    let gone = add(&mut ledger, AMAN, FOOD, "5", "2025-05-22").expense.id;
    ledger.delete_expense(AMAN, gone).expect("delete");
    let mut quoted = expense(AMAN, FOOD, "7", "2025-05-23", Currency::INR);
    quoted.note = Some("Tea, \"masala\" =1+1".into());
    ledger.add_expense(&quoted).expect("a note to quote");
    ledger.mark_alerts_seen(AMAN).expect("seen");
    // A standing budget that rolls over, from the month before the sample's.
    let april = Month::parse("2025-04").expect("month");
    let standing = BudgetChange {
        user: AMAN,
        category: TRANSPORT,
        span: BudgetSpan::From(april),
        amount: inr("2500"),
        rollover: Some(true),
        carry_overspending: None,
    };
    ledger
        .change_budget(&standing, april)
        .expect("a standing budget");
    ledger
}

#[test]
fn a_ledger_copied_to_every_engine_and_back_is_the_same_ledger() {
    let engines = engines();
    for from in &engines {
        for to in &engines {
            let source = busy(from);
            let mut dest = Ledger::empty(to);
            let copied = source.copy_to(&mut dest).expect("copy");
            assert_eq!(
                (copied.users, copied.expenses, copied.alerts),
                (2, 8, 1),
                "{from:?} to {to:?}"
            );
            assert_eq!(exported(&dest), exported(&source), "{from:?} to {to:?}");
            assert_eq!(dest.users().expect("users"), source.users().expect("users"));
            assert_eq!(
                dest.categories().expect("categories"),
                source.categories().expect("categories")
            );
            let may = Month::parse("2025-05").expect("month");
            assert_eq!(
                dest.standing_budgets().expect("standing"),
                source.standing_budgets().expect("standing"),
                "{from:?} to {to:?}"
            );
            assert!(!source.standing_budgets().expect("standing").is_empty());
            let transport = dest
                .budgets_for_month(AMAN, may)
                .expect("budgets")
                .into_iter()
                .find(|b| b.category_id == TRANSPORT)
                .expect("Transport");
            assert_eq!(
                transport.carried,
                inr("2500"),
                "April's rollover came along"
            );
            for user in [AMAN, PRIYA] {
                assert_eq!(
                    dest.alerts(user, true).expect("alerts"),
                    source.alerts(user, true).expect("alerts"),
                    "alerts with their seen flags, {from:?} to {to:?}"
                );
                assert_eq!(
                    dest.budgets_for_month(user, may).expect("budgets"),
                    source.budgets_for_month(user, may).expect("budgets"),
                    "budgets and the totals kept beside them"
                );
            }
            assert_eq!(
                dest.resolve_user(None).expect("default").id,
                source.resolve_user(None).expect("default").id,
                "settings come along"
            );
            for user in [AMAN, PRIYA] {
                assert_eq!(
                    dest.expenses_in_month(user, may).expect("expenses"),
                    source.expenses_in_month(user, may).expect("expenses"),
                    "every expense with what was spent and its rate, {from:?} to {to:?}"
                );
            }
            assert!(
                dest.expenses_in_month(PRIYA, may)
                    .expect("expenses")
                    .iter()
                    .any(|e| e.foreign.is_some()),
                "the KWD expense keeps its foreign part"
            );
            assert_eq!(
                dest.rates(Currency::INR, None).expect("rates"),
                source.rates(Currency::INR, None).expect("rates"),
                "rates come along"
            );
            assert_eq!(dest.rates(Currency::INR, None).expect("rates").len(), 1);

            // The copy goes on as a ledger of its own: new ids after the copied ones.
            let next = add(&mut dest, AMAN, FOOD, "1", "2025-05-24").expense.id;
            assert!(next.0 > 9, "{next:?}");
        }
    }
}

#[test]
fn a_destination_with_expenses_is_refused_and_left_alone() {
    let engines = engines();
    for from in &engines {
        for to in &engines {
            let source = busy(from);
            let mut dest = Ledger::sample(to);
            let before = dest.snapshot();
            let error = source.copy_to(&mut dest).expect_err("dest has expenses");
            assert!(
                matches!(error, StoreError::CopyTargetNotEmpty { expenses: 5 }),
                "{error:?}"
            );
            assert_eq!(dest.snapshot(), before, "{from:?} to {to:?}");
            assert_eq!(dest.user(UserId(1)).expect("Aman").name, "Aman Kumar");
        }
    }
}

/// Every index and constraint of the expenses table, as PostgreSQL would recreate them.
fn expense_schema(ledger: &Ledger) -> Vec<String> {
    let url = ledger.url().expect("a PostgreSQL ledger");
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let mut definitions: Vec<String> = client
        .query(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index
             WHERE indrelid = 'expenses'::regclass
             UNION ALL
             SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = 'expenses'::regclass",
            &[],
        )
        .expect("definitions")
        .iter()
        .map(|row| row.get(0))
        .collect();
    definitions.sort();
    definitions
}

#[test]
fn a_copy_into_postgresql_keeps_every_index_and_constraint() {
    for engine in engines() {
        if !matches!(engine, Engine::Postgres(_)) {
            continue;
        }
        let fresh = expense_schema(&Ledger::empty(&engine));
        assert!(fresh.len() >= 8, "indexes and constraints: {fresh:?}");
        for from in engines() {
            let mut dest = Ledger::empty(&engine);
            busy(&from).copy_to(&mut dest).expect("copy");
            assert_eq!(expense_schema(&dest), fresh, "from {from:?}");
        }
    }
}

#[test]
fn recurring_expenses_are_copied_with_their_next_dates_so_nothing_posts_twice() {
    use smart_spending_tracker::domain::{Frequency, Schedule};
    use smart_spending_tracker::store::NewRecurring;

    let day = crate::support::day;
    let engines = engines();
    for from in &engines {
        for to in &engines {
            let mut source = Ledger::sample(from);
            for (user, amount) in [(AMAN, 15_000), (PRIYA, 99)] {
                source
                    .add_recurring(&NewRecurring {
                        user_id: user,
                        category_id: FOOD,
                        amount: amount.into(),
                        schedule: Schedule::new(
                            Frequency::Month,
                            Some(31),
                            day("2025-01-01"),
                            None,
                        )
                        .expect("schedule"),
                        note: Some("rent".into()),
                    })
                    .expect("add");
            }
            let posted = source.catch_up(day("2025-05-20")).expect("catch up");
            assert_eq!(posted.posted.len(), 8);
            let mut dest = Ledger::empty(to);
            source.copy_to(&mut dest).expect("copy");
            for user in [AMAN, PRIYA] {
                assert_eq!(
                    dest.recurring(user).expect("copied"),
                    source.recurring(user).expect("source"),
                    "{from:?} to {to:?}"
                );
            }
            assert!(
                dest.catch_up(day("2025-05-20"))
                    .expect("catch up")
                    .is_empty(),
                "the copy posted what the source had posted, {from:?} to {to:?}"
            );
            // The copy goes on: a new rule takes an id after the copied ones.
            let next = dest
                .add_recurring(&NewRecurring {
                    user_id: AMAN,
                    category_id: FOOD,
                    amount: 1.into(),
                    schedule: Schedule::new(Frequency::Day, None, day("2025-06-01"), None)
                        .expect("schedule"),
                    note: None,
                })
                .expect("a new rule");
            assert_eq!(next.id.0, 3, "{from:?} to {to:?}");
        }
    }
}
