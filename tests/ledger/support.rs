//! Helpers shared by the store and CLI tests.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{CategoryId, NewExpense, Outcome, UserId};
use smart_spending_tracker::domain::{Currency, Month, parse_amount};
use smart_spending_tracker::store::{NewUserDefaults, Store};

/// The sample's users and categories, with the ids the reference design gives them.
pub const AMAN: UserId = UserId(1);
pub const PRIYA: UserId = UserId(2);
pub const FOOD: CategoryId = CategoryId(1);
pub const TRANSPORT: CategoryId = CategoryId(2);
pub const RENT: CategoryId = CategoryId(3);
pub const SHOPPING: CategoryId = CategoryId(4);
pub const ENTERTAINMENT: CategoryId = CategoryId(5);

/// Every table of the schema, for whole-database snapshots.
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

/// Every row of every table, each row rendered as text and the rows sorted, so two
/// snapshots are equal exactly when the database holds the same data.
pub fn snapshot(conn: &Connection) -> BTreeMap<&'static str, Vec<String>> {
    TABLES
        .iter()
        .map(|&table| {
            let mut statement = conn
                .prepare(&format!("SELECT * FROM {table}"))
                .expect("prepare the snapshot query");
            let columns = statement.column_count();
            let mut rows: Vec<String> = statement
                .query_map([], |row| {
                    (0..columns)
                        .map(|i| row.get::<_, rusqlite::types::Value>(i))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|values| format!("{values:?}"))
                })
                .expect("query the table")
                .collect::<Result<_, _>>()
                .expect("read the rows");
            rows.sort();
            (table, rows)
        })
        .collect()
}
