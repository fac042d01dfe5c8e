//! Store benchmarks: one expense against a bare INSERT, bulk loading and import, and the
//! queries the app and reports run, at 10k and 1M expenses.

#[allow(dead_code)] // not every helper is used by every benchmark
mod common {
    pub mod data;
}

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use smart_spending_tracker::domain::NewExpense;
use smart_spending_tracker::domain::{Currency, Month, MonthRange};
use smart_spending_tracker::export::write_csv;
use smart_spending_tracker::import::parse_csv;
use smart_spending_tracker::store::{
    BudgetChange, BudgetSpan, ExpenseFilter, ListQuery, ListScope, Store,
};

use common::data::{SEED, dataset, generate, label, sizes};

/// Rows per bulk-load iteration.
const BULK_ROWS: usize = 100_000;

fn last_month() -> Month {
    Month::parse(dataset::LAST_MONTH).expect("month")
}

/// Adding one expense with its budget check, against the same INSERT into the same table
/// (indexes and triggers included) in its own IMMEDIATE transaction on the same connection:
/// WAL, synchronous=FULL, so both pay the commit's fsync.
fn add_one(c: &mut Criterion) {
    let data = generate(100_000);
    let mut store = data.open();
    let new = NewExpense {
        rate: None,
        user_id: data.catalog.users[0],
        category_id: data.catalog.categories[0],
        amount: Currency::INR.from_minor(12_300),
        currency: Currency::INR,
        date: NaiveDate::from_ymd_opt(2025, 12, 15).expect("date"),
        note: Some("Lunch at cafe".into()),
    };
    let mut group = c.benchmark_group("add_one_expense");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    // Each iteration runs both writes and times one, so both see the same alternating load
    // on the disk and the same growing table; only the order within a pair differs.
    group.bench_function("bare_insert_transaction", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                store.add_expense(&new).expect("add");
                let started = Instant::now();
                bare_insert(&store, black_box(&new));
                spent += started.elapsed();
            }
            spent
        });
    });
    group.bench_function("add_expense_with_budget_check", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                bare_insert(&store, &new);
                let started = Instant::now();
                store.add_expense(black_box(&new)).expect("add");
                spent += started.elapsed();
            }
            spent
        });
    });
    // The same add when the category's budget rolls over and has for two years: the check
    // adds what was carried, read from the run of rollover months.
    let december = Month::parse("2025-12").expect("month");
    let standing = BudgetChange {
        user: new.user_id,
        category: new.category_id,
        span: BudgetSpan::From(Month::parse("2023-12").expect("month")),
        amount: Currency::INR.from_minor(10_000_000),
        rollover: Some(true),
        carry_overspending: None,
    };
    store
        .change_budget(&standing, december)
        .expect("a rollover budget");
    group.bench_function("add_expense_with_rollover_budget", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                bare_insert(&store, &new);
                let started = Instant::now();
                store.add_expense(black_box(&new)).expect("add");
                spent += started.elapsed();
            }
            spent
        });
    });
    group.finish();
}

fn bare_insert(store: &Store, new: &NewExpense) {
    let conn = store.connection();
    conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
    conn.prepare_cached(
        "INSERT INTO expenses (user_id, category_id, amount, currency, date, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .expect("prepare")
    .execute(rusqlite::params![
        new.user_id,
        new.category_id,
        12_300,
        new.currency.code(),
        new.date,
        new.note
    ])
    .expect("insert");
    conn.execute_batch("COMMIT").expect("commit");
}

/// `Store::add_expenses` of 100k generated rows into a database with its budgets, and CSV
/// import of 100k rows (`parse_csv` then `Store::import_expenses`, as `spend import` does).
fn bulk(c: &mut Criterion) {
    let mut group = c.benchmark_group("bulk_load");
    group
        .sample_size(10)
        .throughput(Throughput::Elements(BULK_ROWS as u64));
    group.bench_function("add_expenses_100k", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let dir = tempfile::tempdir().expect("temporary directory");
                let (mut store, catalog, _) =
                    dataset::prepare(&dir.path().join("spend.db"), BULK_ROWS, SEED)
                        .expect("prepare");
                let rows: Vec<NewExpense> = dataset::expenses(&catalog, BULK_ROWS, SEED).collect();
                let started = Instant::now();
                store.add_expenses(&rows).expect("load");
                spent += started.elapsed();
            }
            spent
        });
    });
    let csv = import_file();
    group.bench_function("import_csv_100k", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let dir = tempfile::tempdir().expect("temporary directory");
                let (mut store, _, _) =
                    dataset::prepare(&dir.path().join("spend.db"), BULK_ROWS, SEED)
                        .expect("prepare");
                let user = store.resolve_user(Some(dataset::USERS[0].1)).expect("user");
                let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
                let started = Instant::now();
                let rows = parse_csv(csv.as_slice(), &user, today).expect("parse");
                store.import_expenses(&rows, false).expect("import");
                spent += started.elapsed();
            }
            spent
        });
    });
    group.finish();
}

/// 100k rows of the export's CSV, re-imported by `import_csv_100k`.
fn import_file() -> Vec<u8> {
    let data = generate(BULK_ROWS);
    let store = data.open();
    let mut out = Vec::new();
    let filter = ExpenseFilter {
        search: None,
        user: None,
        from: None,
        to: None,
    };
    write_csv(&store, &filter, &mut out).expect("export");
    out
}

/// The reads behind the app's screen and `spend report`, at each history size.
fn queries(c: &mut Criterion) {
    for count in sizes() {
        let data = generate(count);
        let store = data.open();
        let user = data.catalog.users[0];
        let month = last_month();
        let list = ListQuery {
            user,
            scope: ListScope::Month(month),
            filter: "",
        };
        let middle = store.list_count(&list).expect("count").rows / 2;
        let mut group = c.benchmark_group(format!("queries_{}", label(count)));
        group.bench_function("report", |b| {
            let window = MonthRange::ending(month, 12);
            b.iter(|| store.report(user, month, window).expect("report"));
        });
        group.bench_function("budgets_for_month", |b| {
            b.iter(|| store.budgets_for_month(user, month).expect("budgets"));
        });
        group.bench_function("first_page_of_40", |b| {
            b.iter(|| store.list_window(&list, 0, 40).expect("page"));
        });
        group.bench_function("page_of_40_mid_month", |b| {
            b.iter(|| store.list_window(&list, middle, 40).expect("page"));
        });
        group.bench_function("count_in_month", |b| {
            b.iter(|| store.list_count(&list).expect("count"));
        });
        group.finish();
    }
}

criterion_group!(benches, add_one, bulk, queries);
criterion_main!(benches);
