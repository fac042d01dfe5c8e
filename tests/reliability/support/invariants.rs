//! What every database must satisfy after anything, a crash included: `SQLite`'s own integrity
//! check, every alert exactly where the budget rules put one, and totals equal to the rows.
//! The alert rules are restated here in plain integers, independently of the store's code,
//! for databases where expenses were only ever added under budgets set beforehand.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use smart_spending_tracker::domain::{Month, MonthRange, UserId};
use smart_spending_tracker::store::{NewUserDefaults, Store};

/// What a check looked at.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub expenses: usize,
    pub alerts: usize,
}

/// A budget bucket: user, category, `YYYY-MM`.
type Bucket = (i64, i64, String);

/// Runs every check on the database file, failing the test on the first broken one, and
/// returns the ids of all expenses present.
pub fn check_database(path: &Path) -> (Checked, HashSet<i64>) {
    // Read-write, as the app opens it: a connection after a crash recovers the WAL.
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .expect("open the database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    assert_integrity(&conn);
    let expected = expected_alerts(&conn);
    let actual: Vec<(Option<i64>, Option<i64>, String)> = rows(
        &conn,
        "SELECT expense_id, budget_id, alert_type FROM alerts ORDER BY id",
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    );
    let actual: Vec<(i64, i64, String)> = actual
        .into_iter()
        .map(|(expense, budget, kind)| match (expense, budget) {
            (Some(expense), Some(budget)) => (expense, budget, kind),
            _ => panic!("an alert without its expense or budget: {expense:?} {budget:?} {kind}"),
        })
        .collect();
    if actual != expected {
        let at = actual
            .iter()
            .zip(&expected)
            .position(|(a, e)| a != e)
            .unwrap_or(actual.len().min(expected.len()));
        panic!(
            "alerts differ from what the budget rules require: {} stored, {} required; \
             first difference at #{at}: stored {:?}, required {:?}",
            actual.len(),
            expected.len(),
            actual.get(at),
            expected.get(at)
        );
    }
    assert_totals(&conn);
    let ids: HashSet<i64> = rows(&conn, "SELECT id FROM expenses", |row| row.get(0))
        .into_iter()
        .collect();
    drop(conn);
    assert_reports(path, &ids);
    (
        Checked {
            expenses: ids.len(),
            alerts: actual.len(),
        },
        ids,
    )
}

fn rows<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Vec<T> {
    conn.prepare(sql)
        .and_then(|mut statement| statement.query_map([], map)?.collect())
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn assert_integrity(conn: &Connection) {
    let integrity: Vec<String> = rows(conn, "PRAGMA integrity_check", |row| row.get(0));
    assert_eq!(integrity, ["ok"], "PRAGMA integrity_check");
    let broken_keys: Vec<String> = rows(conn, "PRAGMA foreign_key_check", |row| row.get(0));
    assert!(
        broken_keys.is_empty(),
        "foreign keys broken in {broken_keys:?}"
    );
}

/// Where a total stands against a budget, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Under,
    /// At or past the user's warning percent, not over.
    Warning,
    /// Over the budget.
    Exceeded,
}

fn level(spent: i64, budget: i64, warn_percent: i64) -> Level {
    if spent > budget {
        Level::Exceeded
    } else if spent > 0 && spent * 100 >= budget * warn_percent {
        Level::Warning
    } else {
        Level::Under
    }
}

/// Replays the expenses in commit (id) order against the budgets: each move up a level
/// fires one alert, naming the expense and the budget.
fn expected_alerts(conn: &Connection) -> Vec<(i64, i64, String)> {
    let warn: HashMap<i64, i64> = rows(conn, "SELECT id, warn_percent FROM users", |row| {
        Ok((row.get(0)?, row.get(1)?))
    })
    .into_iter()
    .collect();
    let budgets: HashMap<Bucket, (i64, i64)> = rows(
        conn,
        "SELECT user_id, category_id, printf('%04d-%02d', year, month), id, amount FROM budgets",
        |row| {
            Ok((
                (row.get(0)?, row.get(1)?, row.get(2)?),
                (row.get(3)?, row.get(4)?),
            ))
        },
    )
    .into_iter()
    .collect();
    let expenses: Vec<(i64, Bucket, i64)> = rows(
        conn,
        "SELECT e.id, e.user_id, e.category_id, substr(e.date, 1, 7), e.amount
         FROM expenses e JOIN users u ON u.id = e.user_id
         WHERE e.category_id IS NOT NULL AND e.currency = u.currency ORDER BY e.id",
        |row| {
            Ok((
                row.get(0)?,
                (row.get(1)?, row.get(2)?, row.get(3)?),
                row.get(4)?,
            ))
        },
    );
    let mut spent: HashMap<Bucket, i64> = HashMap::new();
    let mut expected = Vec::new();
    for (id, bucket, amount) in expenses {
        let total = spent.entry(bucket.clone()).or_insert(0);
        let before = *total;
        *total += amount;
        let Some(&(budget_id, budget)) = budgets.get(&bucket) else {
            continue;
        };
        let warn_percent = warn[&bucket.0];
        let (from, to) = (
            level(before, budget, warn_percent),
            level(*total, budget, warn_percent),
        );
        if to > from {
            let kind = if to == Level::Exceeded {
                "BUDGET_EXCEEDED"
            } else {
                "BUDGET_WARNING"
            };
            expected.push((id, budget_id, kind.to_string()));
        }
    }
    expected
}

/// The kept per-month totals are exactly the sums of the rows.
fn assert_totals(conn: &Connection) {
    let kept: Vec<(i64, i64, String, i64, i64)> = rows(
        conn,
        "SELECT user_id, category_key, month, total, count FROM month_totals
         WHERE count != 0 OR total != 0 ORDER BY 1, 2, 3",
        |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        },
    );
    let summed: Vec<(i64, i64, String, i64, i64)> = rows(
        conn,
        "SELECT e.user_id, coalesce(e.category_id, 0), substr(e.date, 1, 7), sum(e.amount),
                count(*)
         FROM expenses e JOIN users u ON u.id = e.user_id WHERE e.currency = u.currency
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        },
    );
    assert_eq!(
        kept, summed,
        "month_totals differ from the sums of the rows"
    );
}

/// The report's monthly totals, read through the store as `spend report` does, equal the
/// sums of the rows.
fn assert_reports(path: &Path, ids: &HashSet<i64>) {
    let store = Store::open(path, &NewUserDefaults::default()).expect("open the store");
    let conn = store.connection();
    let users: Vec<i64> = rows(conn, "SELECT id FROM users", |row| row.get(0));
    for user in users {
        let summed: BTreeMap<String, i64> = rows(
            conn,
            &format!(
                "SELECT substr(e.date, 1, 7), sum(e.amount) FROM expenses e
                 JOIN users u ON u.id = e.user_id
                 WHERE e.user_id = {user} AND e.currency = u.currency GROUP BY 1"
            ),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .into_iter()
        .filter(|(_, total)| *total != 0)
        .collect();
        let currency = store.user(UserId(user)).expect("the user").currency;
        // Every month either the rows or the kept totals know of, so a stray total outside
        // the months with rows is seen too.
        let bounds: Vec<(Option<String>, Option<String>)> = rows(
            conn,
            &format!(
                "SELECT min(m), max(m) FROM (
                     SELECT substr(date, 1, 7) AS m FROM expenses WHERE user_id = {user}
                     UNION ALL SELECT month FROM month_totals WHERE user_id = {user})"
            ),
            |row| Ok((row.get(0)?, row.get(1)?)),
        );
        let (Some(first), Some(last)) = bounds[0].clone() else {
            continue;
        };
        let month = |text: &str| Month::parse(text).expect("a stored month");
        let window = MonthRange::new(month(&first), month(&last)).expect("ordered");
        let reported: BTreeMap<String, i64> = store
            .monthly_totals(UserId(user), window)
            .expect("monthly totals")
            .into_iter()
            .filter(|m| !m.total.is_zero())
            .map(|m| {
                let minor = currency.to_minor(m.total).expect("a whole number of paise");
                (m.month.to_string(), minor)
            })
            .collect();
        assert_eq!(reported, summed, "report totals of user {user}");
    }
    assert_eq!(
        usize::try_from(store.expense_count().expect("count")).expect("positive"),
        ids.len()
    );
}
