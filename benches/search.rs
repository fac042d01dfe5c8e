//! Searching all history, keypress by keypress, against the month's filter in the same run.
//!
//! Each keypress costs what the app pays to show the list again: `ListWindow::load`, a
//! count and the first window of rows for a 40-line terminal. Filters are typed one
//! character at a time: a common word ("groceries", in notes and a category name), a
//! frequent note ("coffee"), a rare one ("passport", six rows over five years) and one that
//! matches nothing ("xylophone"). Rounds alternate the two scopes keypress by keypress, so
//! both see the same machine. Keypresses of one or two characters do not reach the store in
//! all-history scope (the app asks for a third), so both scopes are compared over the
//! keypresses of three characters and more.
//!
//! It also measures what the index costs: its size in the file (`dbstat`), and adding an
//! expense with the index against the same database without it (its table and triggers
//! dropped, which leaves `add_expense` exactly as it was before the index). The bulk path's
//! cost is measured by `scripts/bench.sh`, against the generator built without the index.
//!
//! `cargo bench --bench search` (sizes: `SPEND_BENCH_SIZES`, default 10k and 1M); prints a
//! table and writes `target/search-bench.json`.

#[allow(dead_code)] // the search benchmark uses part of the shared data module
mod common {
    pub mod data;
}

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use smart_spending_tracker::app::ListWindow;
use smart_spending_tracker::domain::{Currency, Month, NewExpense};
use smart_spending_tracker::store::{ListQuery, ListScope, NewUserDefaults, Store};

use common::data::{Generated, dataset, generate, label, sizes};

/// The filters typed, one character at a time.
const TYPED: [&str; 4] = ["groceries", "coffee", "passport", "xylophone"];
/// Rows on screen in a 40-line terminal, as the app sizes its window.
const PAGE_ROWS: usize = 34;
/// Rounds over every keypress of every filter, in each scope.
const ROUNDS: usize = 40;
/// Expenses added one by one, with and without the index, for the write cost.
const WRITES: usize = 300;

fn main() {
    let mut json = String::from("{");
    for count in sizes() {
        let data = generate(count);
        let mut store = data.open();
        add_rare_rows(&mut store, &data);
        let size = label(count);
        let keys = keypresses(&store, &data);
        let sizes = index_size(&store);
        let writes = write_cost(&data);
        report(&size, &keys, sizes, &writes);
        let _ = write!(
            json,
            "{}\"{size}\": {{\"all_p50_ms\": {:.4}, \"all_p99_ms\": {:.4}, \"month_p50_ms\": {:.4}, \
             \"month_p99_ms\": {:.4}, \"index_mib\": {:.2}, \"file_mib\": {:.2}, \
             \"add_with_index_us\": {:.1}, \"add_without_index_us\": {:.1}, \
             \"add_unsynced_with_index_us\": {:.1}, \"add_unsynced_without_index_us\": {:.1}}}",
            if json.len() > 1 { ", " } else { "" },
            ms(percentile(&keys.all, 50)),
            ms(percentile(&keys.all, 99)),
            ms(percentile(&keys.month, 50)),
            ms(percentile(&keys.month, 99)),
            sizes.0,
            sizes.1,
            writes.one_with.as_secs_f64() * 1e6,
            writes.one_without.as_secs_f64() * 1e6,
            writes.cpu_with.as_secs_f64() * 1e6,
            writes.cpu_without.as_secs_f64() * 1e6,
        );
    }
    json.push('}');
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/search-bench.json");
    std::fs::write(&path, json + "\n").expect("write the results");
    println!("results in {}", path.display());
}

fn user(data: &Generated) -> smart_spending_tracker::domain::UserId {
    data.catalog.users[0]
}

/// Six expenses noted "Passport renewal" over five years, the last in the month shown, so
/// the rare filter has something to find in both scopes.
fn add_rare_rows(store: &mut Store, data: &Generated) {
    let dates = (2021..=2025)
        .map(|year| NaiveDate::from_ymd_opt(year, 3, 14))
        .chain([NaiveDate::from_ymd_opt(2025, 12, 1)]);
    for date in dates {
        let new = NewExpense {
            rate: None,
            user_id: user(data),
            category_id: data.catalog.categories[0],
            amount: Currency::INR.from_minor(150_000),
            currency: Currency::INR,
            date: date.expect("date"),
            note: Some("Passport renewal".into()),
        };
        store.add_expense(&new).expect("add");
    }
}

/// Latencies of every timed keypress, per scope.
struct Keys {
    all: Vec<Duration>,
    month: Vec<Duration>,
    /// Per typed filter: (filter, all-history p50, p99, month p50, p99).
    per_filter: Vec<(String, Duration, Duration, Duration, Duration)>,
    /// Rows in the window the app loads, for the record.
    rows_loaded: usize,
}

fn load(store: &Store, query: &ListQuery<'_>) -> (Duration, usize) {
    let started = Instant::now();
    let window = ListWindow::load(store, query, 0, PAGE_ROWS).expect("load the list");
    (started.elapsed(), window.rows.len())
}

fn keypresses(store: &Store, data: &Generated) -> Keys {
    let month = Month::parse(dataset::LAST_MONTH).expect("month");
    let mut keys = Keys {
        all: Vec::new(),
        month: Vec::new(),
        per_filter: Vec::new(),
        rows_loaded: 0,
    };
    for typed in TYPED {
        let (mut all, mut in_month) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            for end in 1..=typed.len() {
                let filter = &typed[..end];
                let everywhere = ListQuery {
                    user: user(data),
                    scope: ListScope::All,
                    filter,
                };
                if everywhere.needs_more_text() {
                    continue;
                }
                let (spent, rows) = load(store, &everywhere);
                all.push(spent);
                keys.rows_loaded = keys.rows_loaded.max(rows);
                let month_query = ListQuery {
                    scope: ListScope::Month(month),
                    ..everywhere
                };
                in_month.push(load(store, &month_query).0);
            }
        }
        keys.per_filter.push((
            typed.to_string(),
            percentile(&all, 50),
            percentile(&all, 99),
            percentile(&in_month, 50),
            percentile(&in_month, 99),
        ));
        keys.all.extend(all);
        keys.month.extend(in_month);
    }
    keys
}

fn percentile(samples: &[Duration], percent: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = (sorted.len() * percent).div_ceil(100).max(1) - 1;
    sorted.get(rank).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn mib(bytes: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // a size for people to read
    let bytes = bytes as f64;
    bytes / f64::from(1 << 20)
}

/// The search index's pages and the whole file's, in MiB.
fn index_size(store: &Store) -> (f64, f64) {
    let conn = store.connection();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let index: i64 = conn
        .query_row(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'expense_search%'",
            [],
            |r| r.get(0),
        )
        .expect("dbstat");
    let file: i64 = conn
        .query_row(
            "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
            [],
            |r| r.get(0),
        )
        .expect("file size");
    (mib(index), mib(file))
}

/// Adding one expense with the index and without it (the same database with the index and
/// its triggers dropped, as before migration 004).
struct Writes {
    one_with: Duration,
    one_without: Duration,
    /// The same with `synchronous=OFF`: the work without the wait for the disk.
    cpu_with: Duration,
    cpu_without: Duration,
}

fn drop_index(store: &Store) {
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER expense_search_insert; DROP TRIGGER expense_search_update;
             DROP TRIGGER expense_search_delete; DROP TABLE expense_search;",
        )
        .expect("drop the index");
}

fn write_cost(data: &Generated) -> Writes {
    let dir = tempfile::tempdir().expect("temporary directory");
    let copy = dir.path().join("without.db");
    data.open()
        .backup_to(&copy, smart_spending_tracker::store::IfExists::Refuse)
        .expect("copy the database");
    let mut with = data.open();
    let mut without = Store::open(&copy, &NewUserDefaults::default()).expect("open the copy");
    drop_index(&without);
    let new = NewExpense {
        rate: None,
        user_id: user(data),
        category_id: data.catalog.categories[0],
        amount: Currency::INR.from_minor(12_300),
        currency: Currency::INR,
        date: NaiveDate::from_ymd_opt(2025, 12, 15).expect("date"),
        note: Some("Lunch at cafe".into()),
    };
    let (synced_with, synced_without) = alternate(&mut with, &mut without, &new);
    // Without the commit's fsync, whose time varies far more than the index's work.
    for store in [&with, &without] {
        store
            .connection()
            .pragma_update(None, "synchronous", "OFF")
            .expect("synchronous=OFF");
    }
    let (cpu_with, cpu_without) = alternate(&mut with, &mut without, &new);
    Writes {
        one_with: synced_with,
        one_without: synced_without,
        cpu_with,
        cpu_without,
    }
}

/// Median times of adding `new` to each store, alternating, so both see the same disk and
/// the same growing tables.
fn alternate(with: &mut Store, without: &mut Store, new: &NewExpense) -> (Duration, Duration) {
    let (mut one_with, mut one_without) = (Vec::new(), Vec::new());
    for _ in 0..WRITES {
        let started = Instant::now();
        with.add_expense(new).expect("add");
        one_with.push(started.elapsed());
        let started = Instant::now();
        without.add_expense(new).expect("add");
        one_without.push(started.elapsed());
    }
    (percentile(&one_with, 50), percentile(&one_without, 50))
}

fn report(size: &str, keys: &Keys, sizes: (f64, f64), writes: &Writes) {
    println!(
        "== {size}: keypress = count + first window of up to {} rows",
        keys.rows_loaded
    );
    println!("filter        all p50   all p99   month p50 month p99  (ms)");
    for (filter, a50, a99, m50, m99) in &keys.per_filter {
        println!(
            "{filter:<12} {:>8.3} {:>9.3} {:>10.3} {:>9.3}",
            ms(*a50),
            ms(*a99),
            ms(*m50),
            ms(*m99)
        );
    }
    let (a50, a99) = (percentile(&keys.all, 50), percentile(&keys.all, 99));
    let (m50, m99) = (percentile(&keys.month, 50), percentile(&keys.month, 99));
    println!(
        "every keypress {:>7.3} {:>9.3} {:>10.3} {:>9.3}   ({} keypresses each; ratio p50 {:.2}x, p99 {:.2}x)",
        ms(a50),
        ms(a99),
        ms(m50),
        ms(m99),
        keys.all.len(),
        ms(a50) / ms(m50),
        ms(a99) / ms(m99)
    );
    println!(
        "index: {:.1} MiB of a {:.1} MiB file ({:.0}%)",
        sizes.0,
        sizes.1,
        100.0 * sizes.0 / sizes.1
    );
    println!(
        "add one expense, median of {WRITES}: {:.0} us with the index, {:.0} us without ({:.2}x)",
        writes.one_with.as_secs_f64() * 1e6,
        writes.one_without.as_secs_f64() * 1e6,
        writes.one_with.as_secs_f64() / writes.one_without.as_secs_f64()
    );
    println!(
        "the same with synchronous=OFF: {:.1} us with the index, {:.1} us without ({:.2}x)",
        writes.cpu_with.as_secs_f64() * 1e6,
        writes.cpu_without.as_secs_f64() * 1e6,
        writes.cpu_with.as_secs_f64() / writes.cpu_without.as_secs_f64()
    );
}
