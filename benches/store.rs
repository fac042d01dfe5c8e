//! Store benchmarks: one expense against a bare INSERT, bulk loading and import, and the
//! queries the app and reports run, at 10k and 1M expenses; a month's budgets read at the end
//! of a ten-year rollover chain beside the same read without one.

#[allow(dead_code)] // not every helper is used by every benchmark
mod common {
    pub mod data;
}

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{BudgetPlan, NewExpense, UserId};
use smart_spending_tracker::domain::{Currency, Month, MonthRange};
use smart_spending_tracker::export::write_csv;
use smart_spending_tracker::import::parse_csv;
use smart_spending_tracker::store::{
    BudgetChange, BudgetSpan, BudgetSwap, ExpenseFilter, ListQuery, ListScope, Store,
};

use common::data::{SEED, dataset, generate, label, sizes};

/// Rows per bulk-load iteration.
const BULK_ROWS: usize = 100_000;

/// Months a rollover chain runs before the month read: ten years.
const CHAIN_MONTHS: usize = 120;

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

/// The reads behind the app's screen and `spend report`, at each history size; last, the
/// month's budgets again once they end a ten-year rollover chain.
fn queries(c: &mut Criterion) {
    for count in sizes() {
        let data = generate(count);
        let mut store = data.open();
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
        // Last, since it changes the user's budgets: the reads above see the generator's.
        ten_year_rollover(&mut store, user, month);
        group.bench_function("budgets_for_month_ten_year_rollover", |b| {
            b.iter(|| store.budgets_for_month(user, month).expect("budgets"));
        });
        group.finish();
    }
}

/// Turns the user's budgets into a ten-year rollover chain ending in `month`: every category
/// budgeted in `month` gets a standing budget with rollover from `CHAIN_MONTHS` months before
/// it, at the amount it had, and the generator's budgets for single months are dropped so
/// every month follows the standing one. The generator's history starts in 2021, so the
/// months before it get one expense per category (nine tenths of the budget): every month of
/// the chain has spending to read.
fn ten_year_rollover(store: &mut Store, user: UserId, month: Month) {
    let budgets = store.budgets_for_month(user, month).expect("budgets");
    let start = (0..CHAIN_MONTHS).fold(month, |at, _| at.previous());
    let history_starts = Month::new(dataset::FIRST_MONTH.0, dataset::FIRST_MONTH.1).expect("month");
    let mut earlier = Vec::new();
    let mut at = start;
    while at < history_starts {
        for budget in &budgets {
            earlier.push(NewExpense {
                rate: None,
                user_id: user,
                category_id: budget.category_id,
                amount: (budget.budget * Decimal::new(9, 1)).round_dp(2),
                currency: Currency::INR,
                date: at.first_day() + Days::new(14),
                note: Some("Before the generated history".into()),
            });
        }
        at = at.next();
    }
    store.add_expenses(&earlier).expect("the earlier spending");
    for budget in &budgets {
        let change = BudgetChange {
            user,
            category: budget.category_id,
            span: BudgetSpan::From(start),
            amount: budget.budget,
            rollover: Some(true),
            carry_overspending: None,
        };
        store
            .change_budget(&change, month)
            .expect("a standing rollover budget");
        let recorded = store
            .budget_plan(user, budget.category_id)
            .expect("the plan");
        let mut standing_only = BudgetPlan::default();
        for (from, terms) in recorded.standing_changes() {
            standing_only.record_standing(from, terms);
        }
        store
            .swap_budget(&BudgetSwap {
                user,
                category: budget.category_id,
                expect: &recorded,
                want: &standing_only,
                retract: &[],
                current: month,
            })
            .expect("the months follow the standing budget");
    }
    let chained = store.budgets_for_month(user, month).expect("budgets");
    assert_eq!(chained.len(), budgets.len());
    assert!(chained.iter().all(|b| b.standing && b.rollover));
    assert!(
        chained.iter().any(|b| b.carried > Decimal::ZERO),
        "the run carries into the month read"
    );
    eprintln!(
        "ten-year rollover chain: {} categories, {start} to {month}, {} earlier expenses",
        budgets.len(),
        earlier.len()
    );
}

criterion_group!(benches, add_one, bulk, queries);
criterion_main!(benches);
