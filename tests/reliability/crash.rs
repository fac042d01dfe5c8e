//! Crash safety: writers are killed with SIGKILL at random moments, again and again, and
//! after every kill the database passes every check and holds every expense a writer said it
//! saved. Two kinds of writer take turns: the real `spend add`, and a child process looping
//! over the store's insert path (so kills land inside transactions, commits and
//! checkpoints). `SPEND_CRASH_KILLS` sets the number of kills (default 50) and
//! `SPEND_CRASH_SEED` the random seed; the long run is
//! `SPEND_CRASH_KILLS=200 cargo test --release --test reliability crash:: -- --nocapture`.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::support::child::{CRASH_WRITER, Finished, start, start_role};
use crate::support::invariants::check_database;
use crate::support::{CATEGORIES, Rng, month_at, plan, spend_command};

const DEFAULT_KILLS: u64 = 50;
const DEFAULT_SEED: u64 = 0x5eed_c0ff_ee15_f00d;
/// Every category's budget in every month of the run: 100.00, so a few expenses cross it.
const BUDGET_MINOR: i64 = 10_000;

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
        Err(_) => default,
    }
}

/// A database with a small budget for every category in each of `months` months.
fn create_database(db: &Path, months: u64) {
    let store = Store::open(db, &NewUserDefaults::default()).expect("create the database");
    let conn = store.connection();
    let tx = conn.unchecked_transaction().expect("begin");
    for index in 0..months {
        let (year, month) = month_at(index);
        for name in CATEGORIES {
            tx.execute(
                "INSERT INTO budgets (user_id, category_id, year, month, amount)
                 SELECT 1, id, ?1, ?2, ?3 FROM categories WHERE name = ?4",
                rusqlite::params![year, month, BUDGET_MINOR, name],
            )
            .expect("set a budget");
        }
    }
    tx.commit().expect("commit the budgets");
}

/// What the run did, printed at the end for RELIABILITY.md.
#[derive(Debug, Default)]
struct Tally {
    lives: u64,
    kills: u64,
    binary_kills: u64,
    store_kills: u64,
    rows_checked: u64,
    alerts_checked: u64,
    promised: u64,
}

/// How long an unkilled `spend add` takes here, so kills can be spread over its life.
fn typical_add_time(db: &Path, rng: &mut Rng, count: u64, months: u64) -> Duration {
    let mut times: Vec<Duration> = (0..3)
        .map(|i| {
            let planned = plan(rng, count + i, months);
            let start = Instant::now();
            let out = spend_command(db)
                .args(["add", &planned.amount_text(), planned.category])
                .args(["--date", &planned.date])
                .output()
                .expect("run spend add");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            start.elapsed()
        })
        .collect();
    times.sort();
    times[1]
}

/// One `spend add`, killed at a random point of its usual life (or not, if it is quicker).
fn binary_life(db: &Path, rng: &mut Rng, count: u64, months: u64, typical: Duration) -> Finished {
    let planned = plan(rng, count, months);
    let mut command = spend_command(db);
    command
        .args(["add", &planned.amount_text(), planned.category])
        .args(["--date", &planned.date]);
    let mut running = start(command);
    let span = u64::try_from(typical.as_micros() * 13 / 10).expect("short");
    // The kill moment is the random variable here, not a wait for anything.
    std::thread::sleep(Duration::from_micros(rng.below(span.max(1))));
    running.kill();
    running.finish()
}

/// A store writer looping until it is killed, 1 to 60 ms after it starts.
fn store_life(db: &Path, rng: &mut Rng, count: u64, months: u64) -> Finished {
    let mut running = start_role(
        CRASH_WRITER,
        db,
        &[
            ("SPEND_TEST_SEED", rng.next_u64().to_string()),
            ("SPEND_TEST_COUNT", count.to_string()),
            ("SPEND_TEST_MONTHS", months.to_string()),
        ],
    );
    std::thread::sleep(Duration::from_micros(1_000 + rng.below(59_000)));
    running.kill();
    running.finish()
}

#[test]
fn killed_writers_lose_nothing_and_corrupt_nothing() {
    let kills = env_number("SPEND_CRASH_KILLS", DEFAULT_KILLS);
    let seed = env_number("SPEND_CRASH_SEED", DEFAULT_SEED);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("spend.db");
    // Enough months that the writers keep reaching fresh budgets all through the run.
    let months = 12 + kills * 8;
    create_database(&db, months);
    let mut rng = Rng::new(seed);
    let typical = typical_add_time(&db, &mut rng, 0, months);
    let started = Instant::now();

    let mut tally = Tally::default();
    let mut promised: HashSet<i64> = HashSet::new();
    let (checked, mut present) = check_database(&db);
    let mut count = u64::try_from(checked.expenses).expect("positive");
    while tally.kills < kills {
        assert!(
            tally.lives < kills * 4 + 40,
            "only {} of {} lives ended in a kill",
            tally.kills,
            tally.lives
        );
        let by_binary = rng.below(3) == 0;
        let life = if by_binary {
            binary_life(&db, &mut rng, count, months, typical)
        } else {
            store_life(&db, &mut rng, count, months)
        };
        tally.lives += 1;
        if life.was_killed() {
            tally.kills += 1;
            if by_binary {
                tally.binary_kills += 1;
            } else {
                tally.store_kills += 1;
            }
        } else {
            assert!(
                by_binary && life.status.success(),
                "a writer failed on its own ({:?}):\n{}",
                life.status,
                life.stderr
            );
        }
        assert!(
            !life.stderr.contains("error"),
            "a writer reported an error:\n{}",
            life.stderr
        );
        promised.extend(life.reported_ids());

        let (checked, ids) = check_database(&db);
        present = ids;
        let lost: Vec<&i64> = promised.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "saved expenses lost after kill {}: {lost:?}",
            tally.kills
        );
        count = u64::try_from(checked.expenses).expect("positive");
        tally.rows_checked += count;
        tally.alerts_checked += u64::try_from(checked.alerts).expect("positive");
    }
    tally.promised = u64::try_from(promised.len()).expect("positive");
    let final_alerts: i64 = Store::open(&db, &NewUserDefaults::default())
        .expect("reopen")
        .connection()
        .query_row("SELECT count(*) FROM alerts", [], |row| row.get(0))
        .expect("count alerts");
    assert!(
        final_alerts > 0 && present.len() > 20,
        "the run must record expenses and cross budgets: {} expenses, {final_alerts} alerts",
        present.len()
    );
    eprintln!(
        "crash run (seed {seed:#x}): {} lives, {} SIGKILLs survived ({} spend add, {} store \
         writer), {} expenses and {final_alerts} alerts at the end, {} promised ids all \
         present, {} expense rows and {} alerts checked, {:.1} s",
        tally.lives,
        tally.kills,
        tally.binary_kills,
        tally.store_kills,
        present.len(),
        tally.promised,
        tally.rows_checked,
        tally.alerts_checked,
        started.elapsed().as_secs_f64()
    );
}
