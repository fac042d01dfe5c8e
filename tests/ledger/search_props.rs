//! Searching all history agrees with the plain reading of its rule, checked on generated
//! histories: a row is listed when it is the user's and its note or category name contains
//! the filter, ASCII letters in either case; newest first. Notes and filters are drawn from
//! a small alphabet with LIKE's wildcards, quotes, query syntax and non-ASCII letters whose
//! case LIKE does not fold, so matches, near-misses and traps are common. Every case runs on
//! `SQLite`; PostgreSQL runs a few, each on a database of its own, whose creation costs far
//! more than the case.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use smart_spending_tracker::domain::{
    CategoryId, Currency, Expense, ExpenseId, ExpensePatch, Month, NewExpense,
};
use smart_spending_tracker::store::{
    ExpenseFilter, HISTORY_LIST_LIMIT, ListQuery, ListScope, Store, StoreError,
};

use crate::ledgers::{Engine, Ledger, engines};
use crate::support::{AMAN, PRIYA, day};

/// Generated histories checked on `SQLite`.
const SQLITE_CASES: u32 = 64;

/// Generated histories checked on PostgreSQL.
const POSTGRES_CASES: u32 = 4;

/// Characters notes and filters are made of.
const TEXT: &str = "[abAB é É%_\"*'():-]";

/// Category names added to the five a store starts with: wildcards and non-ASCII case too.
const EXTRA_CATEGORIES: [&str; 3] = ["Ab_%", "Éa \"b\"", "ba*"];

#[derive(Debug, Clone)]
struct Row {
    user: usize,
    category: usize,
    day: u64,
    note: Option<String>,
}

/// What happens to a row after it was added.
#[derive(Debug, Clone)]
enum Change {
    Keep,
    Delete,
    Note(Option<String>),
    Day(u64),
}

fn note() -> impl Strategy<Value = Option<String>> {
    proptest::option::weighted(
        0.9,
        proptest::string::string_regex(&format!("{TEXT}{{0,10}}")).expect("regex"),
    )
}

fn row() -> impl Strategy<Value = Row> {
    (0..2_usize, 0..8_usize, 0..3_000_u64, note()).prop_map(|(user, category, day, note)| Row {
        user,
        category,
        day,
        note,
    })
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        6 => Just(Change::Keep),
        1 => Just(Change::Delete),
        1 => note().prop_map(Change::Note),
        1 => (0..3_000_u64).prop_map(Change::Day),
    ]
}

/// The rule in plain Rust: SQL's LIKE folds the case of ASCII letters only.
fn contains(haystack: Option<&str>, needle: &str) -> bool {
    haystack.is_some_and(|h| {
        h.to_ascii_lowercase()
            .contains(&needle.to_ascii_lowercase())
    })
}

/// Every expense of the store, read without the list.
fn every_expense(store: &Store) -> Vec<Expense> {
    let mut all = Vec::new();
    let filter = ExpenseFilter {
        search: None,
        user: None,
        from: None,
        to: None,
    };
    store
        .each_expense(&filter, |e| {
            all.push(e.clone());
            Ok::<_, StoreError>(())
        })
        .expect("read every expense");
    all
}

/// The ids the rule lists, newest first.
fn by_the_rule(all: &[Expense], query: &ListQuery<'_>) -> Vec<ExpenseId> {
    let text = query.filter.trim();
    let mut rows: Vec<&Expense> = all
        .iter()
        .filter(|e| e.user_id == query.user)
        .filter(|e| match query.scope {
            ListScope::Month(month) => Month::of(e.date) == month,
            ListScope::All => true,
            ListScope::Uncategorised(month) => Month::of(e.date) == month && e.category.is_none(),
        })
        .filter(|e| {
            text.is_empty()
                || contains(e.note.as_deref(), text)
                || contains(e.category.as_deref(), text)
        })
        .collect();
    rows.sort_by_key(|e| std::cmp::Reverse((e.date, e.id)));
    rows.into_iter().map(|e| e.id).collect()
}

/// The list as the store gives it, window by window.
fn by_the_store(store: &Store, query: &ListQuery<'_>) -> Vec<ExpenseId> {
    let mut ids: Vec<ExpenseId> = Vec::new();
    loop {
        let window = store.list_window(query, ids.len(), 9).expect("window");
        if window.is_empty() {
            return ids;
        }
        ids.extend(window.iter().map(|e| e.id));
    }
}

fn build(engine: &Engine, rows: &[Row], changes: &[Change]) -> Ledger {
    let mut store = Ledger::empty(engine);
    store
        .add_user("Priya", "priya@example.com", Currency::INR)
        .expect("second user");
    let mut categories: Vec<CategoryId> = store
        .categories()
        .expect("categories")
        .iter()
        .map(|c| c.id)
        .collect();
    for name in EXTRA_CATEGORIES {
        categories.push(store.add_category(name, None).expect("category").id);
    }
    let first = day("2018-01-01");
    for (row, change) in rows.iter().zip(changes.iter().cycle()) {
        let new = NewExpense {
            rate: None,
            user_id: [AMAN, PRIYA][row.user],
            category_id: categories[row.category % categories.len()],
            amount: Currency::INR.from_minor(500),
            currency: Currency::INR,
            date: first + chrono::Days::new(row.day),
            note: row.note.clone(),
        };
        let id = store.add_expense(&new).expect("add").expense.id;
        let patch = match change {
            Change::Keep => continue,
            Change::Delete => {
                store.delete_expense(new.user_id, id).expect("delete");
                continue;
            }
            Change::Note(note) => ExpensePatch {
                note: Some(note.clone()),
                ..ExpensePatch::default()
            },
            Change::Day(day) => ExpensePatch {
                date: Some(first + chrono::Days::new(*day)),
                ..ExpensePatch::default()
            },
        };
        store.edit_expense(new.user_id, id, &patch).expect("edit");
    }
    store
}

/// A piece of a note as a filter: as it is, with every letter's case swapped (LIKE folds
/// only ASCII), or its first and last three characters with the middle left out (each
/// trigram is there, the text is not).
fn piece_of(note: &str, start: usize, len: usize, twist: u8) -> String {
    let chars: Vec<char> = note.chars().collect();
    let start = start.min(chars.len());
    let piece = &chars[start..(start + len).min(chars.len())];
    match twist {
        0 => piece.iter().collect(),
        1 => piece
            .iter()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect()
                }
            })
            .collect(),
        _ => {
            let head = &chars[..chars.len().min(3)];
            let tail = &chars[chars.len().saturating_sub(3)..];
            head.iter().chain(tail).collect()
        }
    }
}

/// Every filter, for each user: all history lists, counts and places rows as the rule says,
/// and agrees with the month's own filter within a month.
fn check_filters(store: &Store, texts: &[String]) -> Result<(), TestCaseError> {
    let all = every_expense(store);
    for text in texts {
        for user in [AMAN, PRIYA] {
            let query = ListQuery {
                user,
                scope: ListScope::All,
                filter: text,
            };
            if query.needs_more_text() {
                let refused = matches!(
                    store.list_count(&query),
                    Err(StoreError::SearchTooShort { .. })
                );
                prop_assert!(refused, "{:?} is not refused", text);
                continue;
            }
            let expected = by_the_rule(&all, &query);
            prop_assert!(expected.len() < HISTORY_LIST_LIMIT);
            let listed = by_the_store(store, &query);
            prop_assert_eq!(&listed, &expected, "filter {:?}", text);
            let count = store.list_count(&query).expect("count");
            prop_assert_eq!(count.rows, expected.len());
            prop_assert!(!count.capped);
            for (index, id) in expected.iter().enumerate().step_by(5) {
                let position = store.list_position(&query, *id).expect("position");
                prop_assert_eq!(position, Some(index));
            }
            if let Some(first) = expected.first() {
                let month = Month::of(store.expense(query.user, *first).expect("expense").date);
                let in_month = ListQuery {
                    scope: ListScope::Month(month),
                    ..query
                };
                let from_history: Vec<ExpenseId> = listed
                    .iter()
                    .copied()
                    .filter(|id| {
                        Month::of(store.expense(query.user, *id).expect("expense").date) == month
                    })
                    .collect();
                prop_assert_eq!(by_the_store(store, &in_month), from_history);
            }
        }
    }
    Ok(())
}

fn filter() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{TEXT}{{0,5}}")).expect("regex")
}

/// A history, filters typed at random and pieces of its notes: the store lists what the rule
/// says.
#[derive(Debug, Clone)]
struct Case {
    rows: Vec<Row>,
    changes: Vec<Change>,
    filters: Vec<String>,
    picks: Vec<(usize, usize, usize, u8)>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(row(), 1..70),
        proptest::collection::vec(change(), 1..10),
        proptest::collection::vec(filter(), 1..8),
        proptest::collection::vec((0..70_usize, 0..10_usize, 1..6_usize, 0..3_u8), 1..12),
    )
        .prop_map(|(rows, changes, filters, picks)| Case {
            rows,
            changes,
            filters,
            picks,
        })
}

fn check_case(engine: &Engine, case: Case) -> Result<(), TestCaseError> {
    let store = build(engine, &case.rows, &case.changes);
    let all = every_expense(&store);
    // Filters typed at random, and pieces of notes that are there.
    let mut texts = case.filters;
    for (row, start, len, twist) in case.picks {
        if let Some(note) = all
            .get(row % all.len().max(1))
            .and_then(|e| e.note.as_deref())
        {
            texts.push(piece_of(note, start, len, twist));
        }
    }
    check_filters(&store, &texts)
}

/// The PostgreSQL server the tests may use, if one is named.
fn postgres() -> Option<Engine> {
    engines()
        .into_iter()
        .find(|engine| matches!(engine, Engine::Postgres(_)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(SQLITE_CASES))]

    #[test]
    fn all_history_lists_what_the_rule_says_in_order(case in case()) {
        check_case(&Engine::Sqlite, case)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(POSTGRES_CASES))]

    #[test]
    fn all_history_lists_what_the_rule_says_in_order_on_postgres(case in case()) {
        if let Some(engine) = postgres() {
            check_case(&engine, case)?;
        }
    }
}
