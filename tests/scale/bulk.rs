//! The bulk paths leave the database exactly as the single-row path does, row by row in
//! order: the same ids, totals, alerts (and their order), and the same error when a row is
//! refused, with nothing written. On every engine.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{Alert, CategoryId, NewExpense, UserId};
use smart_spending_tracker::domain::{Currency, Month, Rate};
use smart_spending_tracker::store::{NamedExpense, NewBudget};

use crate::support::ledgers::{Engine, Ledger, engines};

/// Columns whose values are the clock's, not the data's.
const CLOCK_COLUMNS: [&str; 2] = ["created_at", "fired_at"];

/// Every row of every table as text, clock columns blanked. The search index is compared
/// by what it holds, each trigram with the number of rows that have it: how its pages are
/// laid out depends on how many rows each transaction wrote.
fn snapshot(ledger: &Ledger) -> BTreeMap<String, Vec<String>> {
    match ledger.url() {
        None => sqlite_snapshot(ledger.connection()),
        Some(url) => pg_snapshot(url),
    }
}

fn sqlite_snapshot(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let mut tables = table_rows(conn);
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms
         USING fts5vocab(main, expense_search, row)",
    )
    .expect("vocabulary");
    let terms: Vec<String> = conn
        .prepare("SELECT term, doc FROM temp.search_terms ORDER BY term")
        .expect("terms")
        .query_map([], |row| {
            Ok(format!(
                "{:?}|{}",
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?
            ))
        })
        .expect("terms")
        .collect::<Result<_, _>>()
        .expect("terms");
    tables.insert("expense_search terms".into(), terms);
    tables
}

/// Every row of every table but the search index's own.
fn table_rows(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND name NOT LIKE 'expense\\_search%' ESCAPE '\\'
             ORDER BY name",
        )
        .expect("tables")
        .query_map([], |row| row.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    tables
        .into_iter()
        .map(|table| {
            let mut statement = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
                .expect("select");
            let names: Vec<String> = statement
                .column_names()
                .into_iter()
                .map(str::to_string)
                .collect();
            let rows = statement
                .query_map([], |row| {
                    let cells: Vec<String> = (0..names.len())
                        .map(|i| {
                            if CLOCK_COLUMNS.contains(&names[i].as_str()) {
                                Ok("<clock>".to_string())
                            } else {
                                row.get::<_, rusqlite::types::Value>(i)
                                    .map(|v| format!("{v:?}"))
                            }
                        })
                        .collect::<Result<_, _>>()?;
                    Ok(cells.join("|"))
                })
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("rows");
            (table, rows)
        })
        .collect()
}

/// Every row of every table as JSON, clock columns left out, and where the expense ids
/// have got to.
fn pg_snapshot(url: &str) -> BTreeMap<String, Vec<String>> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let mut tables = BTreeMap::new();
    for table in [
        "alerts",
        "budgets",
        "categories",
        "expenses",
        "month_totals",
        "settings",
        "users",
    ] {
        let sql = format!(
            "SELECT (to_jsonb(t) - '{}' - '{}')::text FROM {table} t",
            CLOCK_COLUMNS[0], CLOCK_COLUMNS[1]
        );
        let mut rows: Vec<String> = client
            .query(sql.as_str(), &[])
            .expect("rows")
            .iter()
            .map(|row| row.get(0))
            .collect();
        rows.sort();
        tables.insert(table.to_string(), rows);
    }
    let sequence: i64 = client
        .query_one("SELECT last_value FROM expenses_id_seq", &[])
        .expect("sequence")
        .get(0);
    tables.insert("expenses_id_seq".into(), vec![sequence.to_string()]);
    tables
}

/// The snapshot without the sequence's position: a PostgreSQL sequence hands out numbers
/// outside transactions, so a refused write moves it on, as a refused single insert does.
fn rows_only(mut snapshot: BTreeMap<String, Vec<String>>) -> BTreeMap<String, Vec<String>> {
    snapshot.remove("expenses_id_seq");
    snapshot
}

/// Whether the snapshot holds a search index with something in it (`SQLite` keeps one as
/// a table; PostgreSQL's is an index over the expenses).
fn search_indexed(snapshot: &BTreeMap<String, Vec<String>>) -> bool {
    snapshot
        .get("expense_search terms")
        .is_none_or(|terms| terms.len() > 10)
}

fn without_clock(alerts: &[Alert]) -> Vec<Alert> {
    alerts
        .iter()
        .map(|a| Alert {
            fired_at: String::new(),
            ..a.clone()
        })
        .collect()
}

/// Two users (one in JPY), tight budgets over three months, and one expense deleted so
/// the next id is not simply the row count plus one.
fn setup(engine: &Engine) -> (Ledger, [UserId; 2]) {
    let mut store = Ledger::empty(engine);
    let first = store.resolve_user(None).expect("user").id;
    let jpy = Currency::parse("JPY").expect("JPY");
    let second = store
        .add_user("Kenji", "kenji@example.com", jpy)
        .expect("user")
        .id;
    let mut budgets = Vec::new();
    let mut month = Month::parse("2025-03").expect("month");
    for _ in 0..3 {
        for category in 1..=5 {
            budgets.push(NewBudget {
                user_id: first,
                category_id: CategoryId(category),
                month,
                amount: Decimal::from(category * 900),
            });
            budgets.push(NewBudget {
                user_id: second,
                category_id: CategoryId(category),
                month,
                amount: Decimal::from(category * 90_000),
            });
        }
        month = month.next();
    }
    store.set_budgets(&budgets).expect("budgets");
    let gone = store
        .add_expense(&row(first, 1, 1, 0))
        .expect("add")
        .expense
        .id;
    store.delete_expense(first, gone).expect("delete");
    (store, [first, second])
}

fn row(user: UserId, category: i64, minor: i64, day: u64) -> NewExpense {
    NewExpense {
        rate: None,
        user_id: user,
        category_id: CategoryId(category),
        amount: Currency::INR.from_minor(minor),
        currency: Currency::INR,
        date: NaiveDate::from_ymd_opt(2025, 3, 1).expect("date") + Days::new(day),
        note: (minor % 3 != 0).then(|| format!("note {minor}")),
    }
}

/// 1,300 rows (several batches and a remainder) over three months, in no date order, some
/// spent in a currency that is not their user's, at a rate given with each.
fn rows(users: [UserId; 2]) -> Vec<NewExpense> {
    let jpy = Currency::parse("JPY").expect("JPY");
    (0..1_300_i64)
        .map(|n| {
            let user = users[usize::from(n % 3 == 0)];
            let mut new = row(
                user,
                1 + n % 5,
                500 + (n * 7_919) % 20_000,
                u64::try_from((n * 37) % 90).unwrap_or(0),
            );
            if user == users[1] {
                new.currency = jpy;
                new.amount = Decimal::from(n % 700 + 1);
            }
            if n % 97 == 0 {
                // Spent in dollars: counts at its converted amount, in the user's currency.
                new.currency = Currency::parse("USD").expect("USD");
                let rate = if user == users[1] {
                    "151.37"
                } else {
                    "83.2175"
                };
                new.rate = Some(Rate::parse(rate).expect("rate"));
            }
            new
        })
        .collect()
}

#[test]
fn add_expenses_matches_adding_one_by_one() {
    for engine in engines() {
        add_expenses_matches_adding_one_by_one_on(&engine);
    }
}

fn add_expenses_matches_adding_one_by_one_on(engine: &Engine) {
    let (mut bulk, users) = setup(engine);
    let (mut single, _) = setup(engine);
    let rows = rows(users);
    let outcome = bulk.add_expenses(&rows).expect("bulk");
    let mut one_by_one = Vec::new();
    for row in &rows {
        one_by_one.extend(single.add_expense(row).expect("single").alerts);
    }
    assert_eq!(outcome.inserted, rows.len());
    assert!(
        one_by_one.len() > 10,
        "the data should fire alerts: {}",
        one_by_one.len()
    );
    assert_eq!(without_clock(&outcome.alerts), without_clock(&one_by_one));
    let bulk_snapshot = snapshot(&bulk);
    assert!(search_indexed(&bulk_snapshot));
    assert_eq!(bulk_snapshot, snapshot(&single), "{}", bulk.engine_name());
}

#[test]
fn import_matches_adding_one_by_one_and_creates_categories_once() {
    for engine in engines() {
        import_matches_on(&engine);
    }
}

fn import_matches_on(engine: &Engine) {
    let (mut bulk, users) = setup(engine);
    let (mut single, _) = setup(engine);
    let spellings = ["food", " Transport ", "Rent", "Snacks", "SNACKS"];
    let named: Vec<NamedExpense> = rows(users)
        .into_iter()
        .take(700)
        .enumerate()
        .map(|(n, expense)| NamedExpense {
            category: spellings[n % spellings.len()].to_string(),
            expense,
        })
        .collect();
    let outcome = bulk.import_expenses(&named, true).expect("import");
    assert_eq!(outcome.created_categories, ["Snacks"]);
    let snacks = single.add_category("Snacks", None).expect("category").id;
    let mut one_by_one = Vec::new();
    for row in &named {
        let category = match row.category.trim().to_lowercase().as_str() {
            "snacks" => snacks,
            name => single.find_category(name).expect("known").id,
        };
        let new = NewExpense {
            category_id: category,
            ..row.expense.clone()
        };
        one_by_one.extend(single.add_expense(&new).expect("single").alerts);
    }
    assert_eq!(without_clock(&outcome.alerts), without_clock(&one_by_one));
    let bulk_snapshot = snapshot(&bulk);
    assert!(search_indexed(&bulk_snapshot));
    assert_eq!(bulk_snapshot, snapshot(&single), "{}", bulk.engine_name());
}

#[test]
fn a_bad_row_refuses_the_whole_batch_with_the_single_row_error() {
    for engine in engines() {
        a_bad_row_refuses_the_whole_batch_on(&engine);
    }
}

fn a_bad_row_refuses_the_whole_batch_on(engine: &Engine) {
    let (mut bulk, users) = setup(engine);
    let (mut single, _) = setup(engine);
    let before = rows_only(snapshot(&bulk));
    let mut rows = rows(users);
    rows[700].amount = Decimal::new(12_345, 3);
    let bulk_error = bulk.add_expenses(&rows).expect_err("refused").to_string();
    let single_error = rows
        .iter()
        .find_map(|row| single.add_expense(row).err())
        .expect("refused")
        .to_string();
    assert_eq!(bulk_error, single_error);
    assert_eq!(rows_only(snapshot(&bulk)), before, "nothing written");

    rows[700] = row(users[0], 42, 100, 3);
    let error = bulk.add_expenses(&rows).expect_err("unknown category");
    assert_eq!(error.to_string(), "no category #42");
    assert_eq!(rows_only(snapshot(&bulk)), before, "nothing written");
}

#[test]
fn import_finds_categories_by_name_beyond_ascii_as_the_single_row_path_does() {
    for engine in engines() {
        import_finds_categories_beyond_ascii_on(&engine);
    }
}

fn import_finds_categories_beyond_ascii_on(engine: &Engine) {
    let (mut store, users) = setup(engine);
    let doctors = store.add_category("Ärzte", None).expect("category").id;
    let named: Vec<NamedExpense> = ["ärzte", " ÄRZTE ", "Ärzte"]
        .into_iter()
        .map(|name| NamedExpense {
            category: name.to_string(),
            expense: row(users[0], 1, 1_000, 5),
        })
        .collect();
    for create_missing in [false, true] {
        let outcome = store
            .import_expenses(&named, create_missing)
            .expect("import");
        assert!(outcome.created_categories.is_empty());
        assert_eq!(store.find_category("ärzte").expect("found").id, doctors);
    }
    let count = store.count(&format!(
        "SELECT count(*) FROM expenses WHERE category_id = {}",
        doctors.0
    ));
    assert_eq!(count, 6, "{}", store.engine_name());
}
