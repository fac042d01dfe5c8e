//! Every query on a hot path reads an index range: the SQL each step runs is recorded as it
//! runs, and its query plan may not fall back to a full scan of `expenses` or `alerts`, nor
//! read a user's kept month totals without a month range.

use std::cell::RefCell;

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use smart_spending_tracker::app::{Action, App, AppConfig};
use smart_spending_tracker::domain::{Currency, Month, MonthRange};
use smart_spending_tracker::domain::{ExpenseId, NewExpense, UserId};
use smart_spending_tracker::store::{
    ExpenseFilter, ExpenseOrder, ExpenseSelection, ListQuery, ListScope, Store, StoreError,
};
use tui_input::InputRequest;

use crate::support::{dataset, generated};

/// Tables that grow with history: reading all of one is what a hot path must never do.
const GROWING: [&str; 2] = ["expenses", "alerts"];

thread_local! {
    static STATEMENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(statement, _) = event {
        let sql = statement.sql().into_owned();
        STATEMENTS.with(|s| s.borrow_mut().push(sql));
    }
}

/// The SQL of every statement `work` runs on `conn` (triggers' bodies excluded).
fn statements_of(conn: &Connection, work: impl FnOnce()) -> Vec<String> {
    STATEMENTS.with(|s| s.borrow_mut().clear());
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    work();
    conn.trace_v2(TraceEventCodes::empty(), None);
    STATEMENTS
        .with(RefCell::take)
        .into_iter()
        .filter(|sql| {
            let head = sql.trim_start().to_ascii_uppercase();
            ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"]
                .iter()
                .any(|verb| head.starts_with(verb))
        })
        .collect()
}

/// The growing tables' names in `sql` and the aliases it gives them.
fn watched_names(sql: &str) -> Vec<String> {
    const NOT_ALIASES: [&str; 16] = [
        "where",
        "join",
        "left",
        "inner",
        "cross",
        "on",
        "order",
        "group",
        "limit",
        "set",
        "values",
        "union",
        "natural",
        "using",
        "returning",
        "as",
    ];
    let tokens: Vec<&str> = sql
        .split_whitespace()
        .map(|t| t.trim_end_matches([',', ';', ')']))
        .collect();
    let mut names: Vec<String> = GROWING.iter().map(|t| (*t).to_string()).collect();
    for (index, token) in tokens.iter().enumerate() {
        if !GROWING.iter().any(|t| token.eq_ignore_ascii_case(t)) {
            continue;
        }
        let mut next = tokens.get(index + 1).copied();
        if next.is_some_and(|n| n.eq_ignore_ascii_case("as")) {
            next = tokens.get(index + 2).copied();
        }
        if let Some(alias) = next.filter(|n| {
            n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !NOT_ALIASES.iter().any(|k| n.eq_ignore_ascii_case(k))
        }) {
            names.push(alias.to_string());
        }
    }
    names
}

/// The detail lines of the query plan of `sql`.
fn plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut statement = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("cannot plan {sql}: {e}"));
    // Parameters stay unbound: a plan does not depend on their values.
    let mut rows = statement.raw_query();
    let mut details = Vec::new();
    while let Some(row) = rows.next().expect("plan row") {
        details.push(row.get::<_, String>(3).expect("plan detail"));
    }
    details
}

/// The plan lines of `sql` that scan a growing table from end to end.
fn full_scans(conn: &Connection, sql: &str) -> Vec<String> {
    let watched = watched_names(sql);
    plan(conn, sql)
        .into_iter()
        .filter(|detail| {
            detail
                .strip_prefix("SCAN ")
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|table| watched.iter().any(|w| w == table))
        })
        .collect()
}

/// The plan lines of `sql` that read `month_totals` for a user without narrowing the
/// months: all of a user's history instead of the months shown.
fn unbounded_month_reads(conn: &Connection, sql: &str) -> Vec<String> {
    let mut statement = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("cannot plan {sql}: {e}"));
    let mut rows = statement.raw_query();
    let mut details = Vec::new();
    while let Some(row) = rows.next().expect("plan row") {
        details.push(row.get::<_, String>(3).expect("plan detail"));
    }
    details
        .into_iter()
        .filter(|detail| {
            let words: Vec<&str> = detail.split_whitespace().collect();
            let reads_totals = words.get(1).is_some_and(|t| *t == "month_totals");
            let bounded = detail.contains("month=")
                || (detail.contains("month>") && detail.contains("month<"));
            reads_totals && !bounded
        })
        .collect()
}

/// Fails with every offending statement of every step.
fn assert_no_full_scans(conn: &Connection, steps: &[(&str, Vec<String>)]) {
    let mut problems = Vec::new();
    for (step, statements) in steps {
        for sql in statements {
            for scan in full_scans(conn, sql)
                .into_iter()
                .chain(unbounded_month_reads(conn, sql))
            {
                problems.push(format!("{step}: {scan}\n    in: {sql}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "full scans or reads of all months:\n{}",
        problems.join("\n")
    );
}

fn last_month() -> Month {
    Month::parse(dataset::LAST_MONTH).expect("month")
}

/// Exports a month, one user's and everyone's.
fn export_month(store: &Store, user: UserId, month: Month) {
    for user in [Some(user), None] {
        let filter = ExpenseFilter {
            user,
            from: Some(month.first_day()),
            to: Some(month.last_day()),
            search: None,
        };
        store
            .each_expense_row(&filter, |_| {
                Ok::<_, smart_spending_tracker::store::StoreError>(())
            })
            .expect("export");
    }
}

/// The statements of all-history lists: rare, common and category-name filters, and none.
fn search_statements(
    store: &Store,
    user: smart_spending_tracker::domain::UserId,
    id: smart_spending_tracker::domain::ExpenseId,
) -> Vec<String> {
    statements_of(store.connection(), || {
        for filter in ["Udupi", "gro", "Weekly groceries", "ransport", ""] {
            let query = ListQuery {
                user,
                scope: ListScope::All,
                filter,
            };
            let page = store.list_window(&query, 0, 40).expect("page");
            store.list_window(&query, 40, 40).expect("page");
            store.list_count(&query).expect("count");
            for expense in page.first().into_iter().chain(page.last()) {
                store.list_position(&query, expense.id).expect("position");
            }
            store.list_position(&query, id).expect("position");
        }
    })
}

/// The store's own hot queries: pages, report, budgets, alerts, export by month, adding.
fn store_steps(store: &mut Store) -> Vec<(&'static str, Vec<String>)> {
    let month = last_month();
    let user = store
        .resolve_user(Some(dataset::USERS[0].1))
        .expect("user")
        .id;
    let conn_steps = |store: &Store| {
        let conn = store.connection();
        let list = ListQuery {
            user,
            scope: ListScope::Month(month),
            filter: "",
        };
        let filtered = ListQuery {
            filter: "rent",
            ..list
        };
        let page = store.list_window(&list, 0, 40).expect("page");
        let id = page.last().expect("a full page").id;
        vec![
            (
                "month page",
                statements_of(conn, || {
                    for query in [&list, &filtered] {
                        store.list_window(query, 0, 40).expect("page");
                        store.list_window(query, 40, 40).expect("page");
                        store.list_count(query).expect("count");
                        store.list_position(query, id).expect("position");
                    }
                }),
            ),
            ("all-history search", search_statements(store, user, id)),
            (
                "budgets for month",
                statements_of(conn, || {
                    store.budgets_for_month(user, month).expect("budgets");
                }),
            ),
            (
                "report, with a year of monthly totals",
                statements_of(conn, || {
                    store
                        .report(user, month, MonthRange::ending(month, 12))
                        .expect("report");
                }),
            ),
            (
                "category totals",
                statements_of(conn, || {
                    store.category_totals(user, month).expect("totals");
                }),
            ),
            (
                "alerts",
                statements_of(conn, || {
                    store.alerts(user, false).expect("alerts");
                    store.alerts(user, true).expect("alerts");
                    store.unseen_alert_count(user).expect("count");
                }),
            ),
            (
                "export by month",
                statements_of(conn, || export_month(store, user, month)),
            ),
        ]
    };
    let mut steps = conn_steps(store);
    let category = store.find_category("Food").expect("category").id;
    let new = NewExpense {
        rate: None,
        user_id: user,
        category_id: category,
        amount: Currency::INR.from_minor(12_345),
        currency: Currency::INR,
        date: NaiveDate::from_ymd_opt(2025, 12, 30).expect("date"),
        note: Some("Lunch".into()),
    };
    // The write opens its own transaction; trace the connection around it.
    STATEMENTS.with(|s| s.borrow_mut().clear());
    store
        .connection()
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    store.add_expense(&new).expect("add");
    store.connection().trace_v2(TraceEventCodes::empty(), None);
    let added = STATEMENTS
        .with(RefCell::take)
        .into_iter()
        .filter(|sql| sql.trim_start().to_ascii_uppercase().starts_with("SELECT"))
        .collect();
    steps.push(("add one expense with its budget check", added));
    steps
}

#[test]
fn hot_store_queries_read_index_ranges() {
    let mut generated = generated(3_000);
    let steps = store_steps(&mut generated.store);
    for (step, statements) in &steps {
        assert!(!statements.is_empty(), "{step}: no SQL was recorded");
    }
    assert_no_full_scans(generated.store.connection(), &steps);
    let (_, searches) = steps
        .iter()
        .find(|(step, _)| *step == "all-history search")
        .expect("the search step");
    assert_searches_start_from_the_index(generated.store.connection(), searches);
}

/// A search must read the search index first and fetch each row it offers by id: reading
/// the user's rows by the `(user_id, date, id)` index instead is no full scan, but it reads
/// all of the user's history for every row offered.
fn assert_searches_start_from_the_index(conn: &Connection, statements: &[String]) {
    let searches: Vec<&String> = statements
        .iter()
        .filter(|sql| sql.contains("MATCH"))
        .collect();
    assert!(!searches.is_empty(), "no search statement was recorded");
    for sql in searches {
        let details = plan(conn, sql);
        let index_first = details
            .iter()
            .find(|d| d.starts_with("SCAN") || d.starts_with("SEARCH"))
            .is_some_and(|d| d.starts_with("SCAN expense_search VIRTUAL TABLE"));
        let rows_by_id = details
            .iter()
            .filter(|d| d.starts_with("SEARCH e ") || d.starts_with("SCAN e ") || *d == "SCAN e")
            .all(|d| d.starts_with("SEARCH e USING INTEGER PRIMARY KEY"));
        assert!(index_first && rows_by_id, "{details:?}\n    in: {sql}");
    }
}

#[test]
fn list_selections_read_the_users_date_range() {
    let generated = generated(3_000);
    let store = &generated.store;
    let user = store
        .resolve_user(Some(dataset::USERS[0].1))
        .expect("user")
        .id;
    let month = last_month();
    let category = store.find_category("Food").expect("category").id;
    let statements = statements_of(store.connection(), || {
        for order in [ExpenseOrder::NewestFirst, ExpenseOrder::LargestFirst] {
            // The last case is a later page of the server's list, which starts after a key.
            for (from, category, search, after) in [
                (Some(month.first_day()), None, "", None),
                (None, Some(category), "rent", None),
                (None, None, "", Some((month.last_day(), ExpenseId(1_000)))),
            ] {
                let selection = ExpenseSelection {
                    from,
                    category,
                    search,
                    order,
                    after,
                    limit: Some(20),
                    ..ExpenseSelection::all(user)
                };
                store
                    .each_selected_expense(&selection, |_| Ok::<_, StoreError>(()))
                    .expect("list");
            }
        }
    });
    assert!(!statements.is_empty(), "no SQL was recorded");
    assert_no_full_scans(store.connection(), &[("spend list", statements)]);
}

#[test]
fn the_app_reads_index_ranges_when_it_opens_switches_scrolls_and_filters() {
    let mut generated = generated(3_000);
    busy_last_month(&mut generated);
    let conn_store = generated.store;
    let config = AppConfig {
        grouping: smart_spending_tracker::domain::Grouping::default(),
        decimal: None,
        date_style: smart_spending_tracker::domain::DateStyle::Iso,
        user: Some(dataset::USERS[0].1.into()),
        month: Some(last_month()),
        today: NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        export_dir: std::env::temp_dir(),
    };
    STATEMENTS.with(|s| s.borrow_mut().clear());
    conn_store
        .connection()
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    let mut app = App::new(conn_store, config).expect("app");
    app.store()
        .connection()
        .trace_v2(TraceEventCodes::empty(), None);
    let opened: Vec<String> = STATEMENTS.with(RefCell::take);
    assert!(
        !opened.is_empty(),
        "no SQL was recorded while the app opened"
    );
    let mut steps = vec![("open the app", opened)];
    let mut step = |name: &'static str, actions: Vec<Action>| {
        STATEMENTS.with(|s| s.borrow_mut().clear());
        app.store()
            .connection()
            .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
        for action in actions {
            app.update(action);
        }
        app.store()
            .connection()
            .trace_v2(TraceEventCodes::empty(), None);
        steps.push((name, STATEMENTS.with(RefCell::take)));
    };
    step(
        "month switch",
        vec![Action::PreviousMonth, Action::NextMonth],
    );
    let mut scroll = vec![Action::Down; 300];
    scroll.extend([Action::PageDown, Action::Bottom, Action::Top]);
    step("scroll", scroll);
    step(
        "live filter",
        vec![
            Action::StartFilter,
            Action::EditText(InputRequest::InsertChar('a')),
            Action::EditText(InputRequest::InsertChar('f')),
        ],
    );
    let steps: Vec<(&str, Vec<String>)> = steps
        .into_iter()
        .map(|(name, sql)| {
            let kept = sql
                .into_iter()
                .filter(|s| {
                    let head = s.trim_start().to_ascii_uppercase();
                    head.starts_with("SELECT") || head.starts_with("WITH")
                })
                .collect();
            (name, kept)
        })
        .collect();
    assert_no_full_scans(app.store().connection(), &steps);
}

/// More rows in the month the app opens at than any window of the list holds, so
/// scrolling has to read more of them.
fn busy_last_month(generated: &mut crate::support::Generated) {
    let month = last_month();
    let rows = (0..900_u32).map(|n| NewExpense {
        rate: None,
        user_id: generated.catalog.users[0],
        category_id: generated.catalog.categories[usize::try_from(n % 12).unwrap_or(0)],
        amount: Currency::INR.from_minor(i64::from(n) * 100 + 99),
        currency: Currency::INR,
        date: month.first_day() + chrono::Days::new(u64::from(n % 28)),
        note: Some(format!("Receipt {n}")),
    });
    generated.store.add_expenses(rows).expect("add");
}

#[test]
fn the_scan_detector_sees_a_full_scan() {
    let conn = Connection::open_in_memory().expect("db");
    conn.execute_batch(
        "CREATE TABLE expenses (id INTEGER PRIMARY KEY, note TEXT);
         CREATE TABLE alerts (id INTEGER PRIMARY KEY, user_id INTEGER);",
    )
    .expect("schema");
    assert_eq!(
        full_scans(&conn, "SELECT * FROM expenses e WHERE e.note = 'x'"),
        ["SCAN e"]
    );
    assert_eq!(full_scans(&conn, "SELECT count(*) FROM alerts").len(), 1);
    assert!(full_scans(&conn, "SELECT * FROM expenses WHERE id = 3").is_empty());
}

#[test]
fn the_month_range_detector_sees_all_of_a_users_history() {
    let conn = Connection::open_in_memory().expect("db");
    conn.execute_batch(
        "CREATE TABLE month_totals (user_id INTEGER, category_key INTEGER, month TEXT,
             total INTEGER, count INTEGER, PRIMARY KEY (user_id, month, category_key))
         WITHOUT ROWID;",
    )
    .expect("schema");
    let all = "SELECT month, sum(total) FROM month_totals WHERE user_id = 1 GROUP BY month";
    assert_eq!(unbounded_month_reads(&conn, all).len(), 1);
    let window = "SELECT month, sum(total) FROM month_totals
                  WHERE user_id = 1 AND month >= '2025-01' AND month <= '2025-12' GROUP BY month";
    assert!(unbounded_month_reads(&conn, window).is_empty());
    let one = "SELECT total FROM month_totals WHERE user_id = 1 AND month = '2025-01'";
    assert!(unbounded_month_reads(&conn, one).is_empty());
}
