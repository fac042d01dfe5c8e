//! Helpers shared by the store and CLI tests.

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{CategoryId, NewExpense, Outcome, UserId};
use smart_spending_tracker::domain::{Currency, Month, parse_amount};
use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::spend_cli::Snapshot;

/// The sample's users and categories, with the ids the reference design gives them.
pub const AMAN: UserId = UserId(1);
pub const PRIYA: UserId = UserId(2);
pub const FOOD: CategoryId = CategoryId(1);
pub const TRANSPORT: CategoryId = CategoryId(2);
pub const RENT: CategoryId = CategoryId(3);
pub const SHOPPING: CategoryId = CategoryId(4);
pub const ENTERTAINMENT: CategoryId = CategoryId(5);

/// The tables of the reference schema, which a populated test database fills.
pub const TABLES: [&str; 7] = [
    "users",
    "categories",
    "budgets",
    "expenses",
    "alerts",
    "month_totals",
    "settings",
];

/// A fresh in-memory store with only the starting categories and one user.
pub fn empty_store() -> Store {
    Store::open_in_memory(&NewUserDefaults::default()).expect("open an in-memory store")
}

/// A fresh in-memory store holding the reference sample.
pub fn sample_store() -> Store {
    let mut store = empty_store();
    store.load_sample().expect("load the sample");
    store
}

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date is YYYY-MM-DD")
}

pub fn month(text: &str) -> Month {
    Month::parse(text).expect("test month is YYYY-MM")
}

/// An INR amount as typed, e.g. `"5200.00"`.
pub fn inr(text: &str) -> Decimal {
    parse_amount(text, Currency::INR).expect("test amount parses")
}

pub fn expense(
    user: UserId,
    category: CategoryId,
    amount: &str,
    date: &str,
    currency: Currency,
) -> NewExpense {
    NewExpense {
        rate: None,
        user_id: user,
        category_id: category,
        amount: parse_amount(amount, currency).expect("test amount parses"),
        currency,
        date: day(date),
        note: None,
    }
}

/// Records an INR expense and returns what the store did.
pub fn add(
    store: &mut Store,
    user: UserId,
    category: CategoryId,
    amount: &str,
    date: &str,
) -> Outcome {
    store
        .add_expense(&expense(user, category, amount, date, Currency::INR))
        .expect("add the expense")
}

/// Every row of every table: equal snapshots mean equal data.
pub fn snapshot(conn: &Connection) -> Snapshot {
    crate::spend_cli::snapshot_of(conn)
}

/// Every file of the reference design beside the repository, as one text; `None`, with a
/// note, when it is not there, which CI does not allow.
pub fn reference_design_text() -> Option<String> {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let Ok(entries) = std::fs::read_dir(&seed) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs beside the reference design"
        );
        eprintln!("skipped: no reference design beside the repository");
        return None;
    };
    Some(
        entries
            .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
            .collect(),
    )
}
