//! PostgreSQL benchmarks, on a loopback server: one expense with its budget check against a
//! bare INSERT into the same table, and bulk loading and import against a bare COPY of the
//! same rows. The server is `SPEND_BENCH_PG_URL` (or `SPEND_TEST_PG_URL`); each benchmark
//! gets databases of its own, dropped after. With no server named, nothing runs.

#[allow(dead_code)] // not every helper is used by every benchmark
mod common {
    pub mod data;
    pub mod pg;
}

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, Throughput};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use smart_spending_tracker::domain::{Currency, NewExpense};
use smart_spending_tracker::export::write_csv;
use smart_spending_tracker::import::parse_csv;
use smart_spending_tracker::store::{ExpenseFilter, Location, Store};

use common::data::{SEED, dataset};
use common::pg::{BenchDatabase, server_url};

/// Rows per bulk-load iteration.
const BULK_ROWS: usize = 100_000;
/// Expenses already in the ledger the single adds go into.
const HISTORY: usize = 100_000;

fn main() {
    let Some(server) = server_url() else {
        eprintln!("PostgreSQL benchmarks skipped: set SPEND_BENCH_PG_URL to a server");
        return;
    };
    let mut c = Criterion::default().configure_from_args();
    add_one(&mut c, &server);
    bulk(&mut c, &server);
    c.final_summary();
}

fn open(database: &BenchDatabase) -> Store {
    Store::open_location(
        &Location::Postgres(database.url.clone()),
        &dataset::defaults(),
    )
    .expect("open the benchmark database")
}

/// Adding one expense with its budget check (the bucket's totals row locked, the budget
/// read, the totals moved by the trigger, listeners notified), against the same INSERT into
/// the same table (its indexes, foreign keys and trigger included) in a transaction of its
/// own on a connection of its own. Both commit, so both wait for the server's WAL flush.
fn add_one(c: &mut Criterion, server: &str) {
    let database = BenchDatabase::create(server, "add_one");
    let (mut store, catalog, _) =
        dataset::create_in(open(&database), HISTORY, SEED).expect("history");
    let mut bare = database.client();
    let insert = bare
        .prepare(
            "INSERT INTO expenses (user_id, category_id, amount, currency, date, note)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .expect("prepare");
    let new = NewExpense {
        rate: None,
        user_id: catalog.users[0],
        category_id: catalog.categories[0],
        amount: Currency::INR.from_minor(12_300),
        currency: Currency::INR,
        date: NaiveDate::from_ymd_opt(2025, 12, 15).expect("date"),
        note: Some("Lunch at cafe".into()),
    };
    let mut group = c.benchmark_group("pg_add_one_expense");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    // Each iteration runs both writes and times one, so both see the same growing table.
    group.bench_function("bare_insert_transaction", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                store.add_expense(&new).expect("add");
                let started = Instant::now();
                bare_insert(&mut bare, &insert, black_box(&new));
                spent += started.elapsed();
            }
            spent
        });
    });
    group.bench_function("add_expense_with_budget_check", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                bare_insert(&mut bare, &insert, &new);
                let started = Instant::now();
                store.add_expense(black_box(&new)).expect("add");
                spent += started.elapsed();
            }
            spent
        });
    });
    group.finish();
}

/// The INSERT, prepared once, in a transaction of its own: BEGIN, the row, COMMIT.
fn bare_insert(client: &mut postgres::Client, statement: &postgres::Statement, new: &NewExpense) {
    let mut tx = client.transaction().expect("begin");
    tx.execute(
        statement,
        &[
            &new.user_id,
            &new.category_id,
            &new.amount,
            &new.currency.code(),
            &new.date,
            &new.note,
        ],
    )
    .expect("insert");
    tx.commit().expect("commit");
}

/// 100k generated rows into a ledger with its users, categories and budgets: through
/// `Store::add_expenses`, through CSV import (`parse_csv` then `Store::import_expenses`, as
/// `spend import` does), and, as the baseline, by a bare binary COPY of the same rows into
/// the same table, with no checks and no alerts.
fn bulk(c: &mut Criterion, server: &str) {
    let mut group = c.benchmark_group("pg_bulk_load");
    group
        .sample_size(10)
        .throughput(Throughput::Elements(BULK_ROWS as u64));
    group.bench_function("bare_copy_100k", |b| {
        b.iter_custom(|iterations| {
            timed_loads(server, iterations, |database, store, rows| {
                drop(store);
                let mut client = database.client();
                let started = Instant::now();
                bare_copy(&mut client, rows);
                started.elapsed()
            })
        });
    });
    group.bench_function("add_expenses_100k", |b| {
        b.iter_custom(|iterations| {
            timed_loads(server, iterations, |_, mut store, rows| {
                let started = Instant::now();
                store.add_expenses(rows).expect("load");
                started.elapsed()
            })
        });
    });
    let csv = import_file(server);
    group.bench_function("import_csv_100k", |b| {
        b.iter_custom(|iterations| {
            timed_loads(server, iterations, |_, mut store, _| {
                let user = store.resolve_user(Some(dataset::USERS[0].1)).expect("user");
                let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
                let started = Instant::now();
                let rows = parse_csv(csv.as_slice(), &user, today).expect("parse");
                store.import_expenses(&rows, false).expect("import");
                started.elapsed()
            })
        });
    });
    group.finish();
}

/// Runs `load` on a freshly prepared ledger per iteration; the time is what `load` timed.
fn timed_loads(
    server: &str,
    iterations: u64,
    load: impl Fn(&BenchDatabase, Store, &[NewExpense]) -> Duration,
) -> Duration {
    let mut spent = Duration::ZERO;
    for _ in 0..iterations {
        let database = BenchDatabase::create(server, "bulk");
        let (store, catalog, _) =
            dataset::prepare_in(open(&database), BULK_ROWS, SEED).expect("prepare");
        let rows: Vec<NewExpense> = dataset::expenses(&catalog, BULK_ROWS, SEED).collect();
        spent += load(&database, store, &rows);
    }
    spent
}

/// The rows by one binary COPY in one transaction, ids from the table's default.
fn bare_copy(client: &mut postgres::Client, rows: &[NewExpense]) {
    let mut tx = client.transaction().expect("begin");
    let sink = tx
        .copy_in(
            "COPY expenses (user_id, category_id, amount, currency, date, note)
             FROM STDIN (FORMAT binary)",
        )
        .expect("copy");
    let types = [
        Type::INT4,
        Type::INT4,
        Type::NUMERIC,
        Type::VARCHAR,
        Type::DATE,
        Type::TEXT,
    ];
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    for row in rows {
        writer
            .write(&[
                &row.user_id,
                &row.category_id,
                &row.amount,
                &row.currency.code(),
                &row.date,
                &row.note,
            ])
            .expect("row");
    }
    writer.finish().expect("finish");
    tx.commit().expect("commit");
}

/// 100k rows of the export's CSV, re-imported by `import_csv_100k`.
fn import_file(server: &str) -> Vec<u8> {
    let database = BenchDatabase::create(server, "import_file");
    let (store, _, _) = dataset::create_in(open(&database), BULK_ROWS, SEED).expect("history");
    let mut out = Vec::new();
    write_csv(&store, &ExpenseFilter::default(), &mut out).expect("export");
    out
}
