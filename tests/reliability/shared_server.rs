//! A household on one PostgreSQL server: writers on separate connections at the same moment
//! keep the alert rules exact, and see each other's writes.

use std::sync::{Arc, Barrier};
use std::thread;

use smart_spending_tracker::domain::{Currency, Month, NewExpense};
use smart_spending_tracker::store::{Location, NewUserDefaults, Store};

use crate::support::ledgers::{Engine, Ledger, engines};

const WRITERS: usize = 8;
const ADDS_EACH: usize = 250;

/// The PostgreSQL engine, if the tests have a server.
fn postgres() -> Option<Engine> {
    engines()
        .into_iter()
        .find(|engine| matches!(engine, Engine::Postgres(_)))
}

#[test]
fn eight_connections_crossing_one_budget_fire_exactly_one_alert() {
    let Some(engine) = postgres() else {
        return;
    };
    let mut ledger = Ledger::sample(&engine);
    let url = ledger.url().expect("a PostgreSQL ledger").to_string();
    let user = ledger.resolve_user(Some("aman@example.com")).expect("Aman");
    let category = ledger.find_category("Entertainment").expect("category").id;
    let month = Month::parse("2025-06").expect("month");
    // 2,000 adds of 1.00 into an empty bucket: the warning at 800, the crossing at 1,001.
    ledger
        .set_budget(user.id, category, month, Currency::INR.from_minor(100_000))
        .expect("budget");

    let start = Arc::new(Barrier::new(WRITERS));
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let (url, start) = (url.clone(), Arc::clone(&start));
            thread::spawn(move || {
                let location = Location::Postgres(url);
                let mut store = Store::open_location(&location, &NewUserDefaults::default())
                    .expect("a connection of its own");
                start.wait();
                for n in 0..ADDS_EACH {
                    let new = NewExpense {
                        rate: None,
                        user_id: user.id,
                        category_id: category,
                        amount: Currency::INR.from_minor(100),
                        currency: Currency::INR,
                        date: month.first_day(),
                        note: Some(format!("writer {writer} add {n}")),
                    };
                    store
                        .add_expense(&new)
                        .unwrap_or_else(|e| panic!("writer {writer} add {n}: {e}"));
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("a writer finished without a panic");
    }

    let total = WRITERS * ADDS_EACH;
    assert_eq!(
        ledger.count("SELECT count(*) FROM expenses WHERE note LIKE 'writer %'"),
        i64::try_from(total).expect("count")
    );
    assert_eq!(
        ledger.count("SELECT count(*) FROM alerts WHERE alert_type = 'BUDGET_EXCEEDED'"),
        1,
        "one crossing, one alert"
    );
    assert!(
        ledger.count("SELECT count(*) FROM alerts WHERE alert_type = 'BUDGET_WARNING'") <= 1,
        "at most one warning"
    );
    let budgets = ledger.budgets_for_month(user.id, month).expect("budgets");
    let bar = budgets
        .iter()
        .find(|b| b.category_id == category)
        .expect("the bucket");
    assert_eq!(
        bar.spent,
        Currency::INR.from_minor(200_000),
        "every add counted once"
    );
}

#[test]
fn a_write_on_one_connection_is_news_to_another() {
    let Some(engine) = postgres() else {
        return;
    };
    let mut ledger = Ledger::sample(&engine);
    let location = Location::Postgres(ledger.url().expect("url").to_string());
    let watcher = Store::open_location(&location, &NewUserDefaults::default()).expect("watcher");
    let seen = watcher.data_version().expect("version");
    assert_eq!(
        watcher.data_version().expect("version"),
        seen,
        "no news yet"
    );
    let user = ledger
        .resolve_user(Some("priya@example.com"))
        .expect("Priya");
    let food = ledger.find_category("Food").expect("Food").id;
    ledger
        .add_expense(&NewExpense {
            rate: None,
            user_id: user.id,
            category_id: food,
            amount: Currency::INR.from_minor(4_500),
            currency: Currency::INR,
            date: Month::parse("2025-05").expect("month").first_day(),
            note: Some("From the other machine".into()),
        })
        .expect("add");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while watcher.data_version().expect("version") == seen {
        assert!(
            std::time::Instant::now() < deadline,
            "the watcher never heard of the write"
        );
        thread::sleep(std::time::Duration::from_millis(20));
    }
    // Its own writes are not news to a connection.
    let mine = watcher.data_version().expect("version");
    drop(watcher);
    assert!(mine > seen);
}
