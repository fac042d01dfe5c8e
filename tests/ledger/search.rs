//! Searching all of a user's history: what it finds, in what order, for whom, after which
//! changes, and how it treats short, literal and very common filters.

use smart_spending_tracker::domain::{
    CategoryId, Currency, Expense, ExpenseId, ExpensePatch, NewExpense, UserId,
};
use smart_spending_tracker::store::{
    ExpenseSwap, HISTORY_LIST_LIMIT, ListCount, ListQuery, ListScope, MIN_SEARCH_CHARS, Store,
    StoreError,
};

use crate::ledgers::{Engine, Ledger, on_every_engine};
use crate::support::{AMAN, FOOD, PRIYA, RENT, SHOPPING, TRANSPORT, day, month};

/// A ledger with no expenses, the starting categories and two INR users, Aman and Priya.
fn two_users(engine: &Engine) -> Ledger {
    let mut store = Ledger::empty(engine);
    let priya = store
        .add_user("Priya Sharma", "priya@example.com", Currency::INR)
        .expect("second user");
    assert_eq!(priya.id, PRIYA);
    assert_eq!(store.resolve_user(None).expect("first user").id, AMAN);
    store
}

/// Records an INR expense with a note and returns its id.
fn add_note(
    store: &mut Store,
    user: UserId,
    category: CategoryId,
    date: &str,
    note: &str,
) -> ExpenseId {
    let new = NewExpense {
        rate: None,
        user_id: user,
        category_id: category,
        amount: Currency::INR.from_minor(10_000),
        currency: Currency::INR,
        date: day(date),
        note: Some(note.to_string()),
    };
    store.add_expense(&new).expect("add the expense").expense.id
}

fn everywhere(user: UserId, filter: &str) -> ListQuery<'_> {
    ListQuery {
        user,
        scope: ListScope::All,
        filter,
    }
}

/// The ids of the whole list, read as the app reads it: in windows.
fn listed(store: &Store, query: &ListQuery<'_>) -> Vec<ExpenseId> {
    let mut ids = Vec::new();
    loop {
        let window = store
            .list_window(query, ids.len(), 7)
            .expect("read a window");
        if window.is_empty() {
            return ids;
        }
        ids.extend(window.iter().map(|e| e.id));
    }
}

fn count(store: &Store, query: &ListQuery<'_>) -> ListCount {
    store.list_count(query).expect("count the list")
}

#[test]
fn notes_and_category_names_match_across_months_newest_first() {
    on_every_engine(two_users, |mut store| {
        let old = add_note(&mut store, AMAN, FOOD, "2021-03-04", "Weekly groceries");
        let newest = add_note(&mut store, AMAN, FOOD, "2025-11-30", "groceries again");
        // Same day as `older_same_day`, added later: a larger id comes first.
        let older_same_day = add_note(&mut store, AMAN, TRANSPORT, "2023-07-15", "GROCERY run");
        let later_same_day = add_note(&mut store, AMAN, RENT, "2023-07-15", "grocer's bill");
        add_note(&mut store, AMAN, FOOD, "2024-01-01", "Cinema");
        let by_category = add_note(&mut store, AMAN, SHOPPING, "2022-02-02", "Headphones");

        let query = everywhere(AMAN, "  grocer ");
        let expected = vec![newest, later_same_day, older_same_day, old];
        assert_eq!(listed(&store, &query), expected);
        assert_eq!(
            count(&store, &query),
            ListCount {
                rows: 4,
                capped: false
            }
        );
        for (index, id) in expected.iter().enumerate() {
            assert_eq!(
                store.list_position(&query, *id).expect("position"),
                Some(index)
            );
        }

        // "hopp" is in a category's name only, "shop" in a note and a name.
        assert_eq!(listed(&store, &everywhere(AMAN, "HOPP")), [by_category]);
        let coffee = add_note(&mut store, AMAN, FOOD, "2022-01-01", "Coffee shop");
        assert_eq!(
            listed(&store, &everywhere(AMAN, "shop")),
            [by_category, coffee]
        );
    });
}

#[test]
fn another_users_rows_are_never_listed() {
    on_every_engine(two_users, |mut store| {
        let mine = add_note(&mut store, AMAN, FOOD, "2024-05-01", "shared taxi home");
        let theirs = add_note(&mut store, PRIYA, FOOD, "2024-05-02", "shared taxi home");
        assert_eq!(listed(&store, &everywhere(AMAN, "taxi")), [mine]);
        assert_eq!(listed(&store, &everywhere(PRIYA, "taxi")), [theirs]);
        assert_eq!(
            store
                .list_position(&everywhere(AMAN, "taxi"), theirs)
                .expect("position"),
            None
        );
        assert_eq!(
            store
                .list_position(&everywhere(AMAN, ""), theirs)
                .expect("position"),
            None
        );
        assert!(!listed(&store, &everywhere(AMAN, "")).contains(&theirs));
        // A note that looks like the index's own tokens finds nothing it should not.
        let tricky = add_note(&mut store, AMAN, FOOD, "2024-05-03", "{2} [1] {1}");
        assert_eq!(listed(&store, &everywhere(PRIYA, "{2}")), Vec::new());
        assert_eq!(listed(&store, &everywhere(AMAN, "[1]")), [tricky]);
    });
}

#[test]
fn adds_edits_deletes_and_undos_are_searchable_at_once() {
    on_every_engine(two_users, |mut store| {
        let query = everywhere(AMAN, "passport");
        assert_eq!(listed(&store, &query), Vec::<ExpenseId>::new());

        let first = add_note(&mut store, AMAN, FOOD, "2022-06-01", "Passport photos");
        let second = add_note(&mut store, AMAN, FOOD, "2023-06-01", "passport fee");
        assert_eq!(listed(&store, &query), [second, first]);

        // Moving the older one to a later date moves it up the list.
        let patch = ExpensePatch {
            date: Some(day("2024-01-01")),
            ..ExpensePatch::default()
        };
        store
            .edit_expense(AMAN, first, &patch)
            .expect("edit the date");
        assert_eq!(listed(&store, &query), [first, second]);

        // A new note is found by its new text, no longer by the old one.
        let patch = ExpensePatch {
            note: Some(Some("Visa fee".into())),
            ..ExpensePatch::default()
        };
        store
            .edit_expense(AMAN, second, &patch)
            .expect("edit the note");
        assert_eq!(listed(&store, &query), [first]);
        assert_eq!(listed(&store, &everywhere(AMAN, "visa")), [second]);

        // An amount-only edit keeps it listed.
        let patch = ExpensePatch {
            amount: Some(Currency::INR.from_minor(99)),
            ..ExpensePatch::default()
        };
        store
            .edit_expense(AMAN, first, &patch)
            .expect("edit the amount");
        assert_eq!(listed(&store, &query), [first]);

        // Moving it to another category changes what its category name matches.
        let transport = everywhere(AMAN, "transp");
        assert!(!listed(&store, &transport).contains(&first));
        let patch = ExpensePatch {
            category_id: Some(TRANSPORT),
            ..ExpensePatch::default()
        };
        store
            .edit_expense(AMAN, first, &patch)
            .expect("edit the category");
        assert!(listed(&store, &transport).contains(&first));

        let deleted = store.delete_expense(AMAN, first).expect("delete").expense;
        assert_eq!(listed(&store, &query), Vec::<ExpenseId>::new());
        assert!(!listed(&store, &transport).contains(&first));
        let undo = ExpenseSwap {
            user: AMAN,
            expect: None,
            want: Some(&deleted),
            ..ExpenseSwap::default()
        };
        store.swap_expense(&undo).expect("undo the delete");
        assert_eq!(listed(&store, &query), [first]);

        // A deleted category leaves its expenses without one: its name no longer matches.
        let restaurants = store
            .add_category("Restaurants", None)
            .expect("category")
            .id;
        let dinner = add_note(&mut store, AMAN, restaurants, "2024-02-02", "Dinner");
        assert_eq!(listed(&store, &everywhere(AMAN, "restaur")), [dinner]);
        store
            .remove_category(restaurants)
            .expect("delete the category");
        assert_eq!(
            listed(&store, &everywhere(AMAN, "restaur")),
            Vec::<ExpenseId>::new()
        );
        assert_eq!(listed(&store, &everywhere(AMAN, "dinner")), [dinner]);
    });
}

#[test]
fn filters_are_taken_literally_never_as_wildcards_or_query_syntax() {
    on_every_engine(two_users, |mut store| {
        let notes = [
            "100% cotton",
            "1000 cotton",
            "a_b",
            "axb",
            "\"a OR b* NEAR(x)",
            "a OR b",
            "b*",
            "it's Priya's",
            "its Priyas",
            "note:abc",
            "abc",
            "back\\slash",
            "-x^ (y) + {z}",
        ];
        let ids: Vec<ExpenseId> = notes
            .iter()
            .enumerate()
            .map(|(i, note)| {
                let date = format!("2024-03-{:02}", i + 1);
                add_note(&mut store, AMAN, FOOD, &date, note)
            })
            .collect();
        let only = |index: usize| vec![ids[index]];
        assert_eq!(listed(&store, &everywhere(AMAN, "0% c")), only(0));
        assert_eq!(listed(&store, &everywhere(AMAN, "%%%")), Vec::new());
        assert_eq!(listed(&store, &everywhere(AMAN, "a_b")), only(2));
        assert_eq!(listed(&store, &everywhere(AMAN, "___")), Vec::new());
        assert_eq!(listed(&store, &everywhere(AMAN, "\"a OR b*")), only(4));
        assert_eq!(listed(&store, &everywhere(AMAN, "NEAR(x)")), only(4));
        assert_eq!(listed(&store, &everywhere(AMAN, "'s Priya's")), only(7));
        assert_eq!(listed(&store, &everywhere(AMAN, "note:abc")), only(9));
        assert_eq!(listed(&store, &everywhere(AMAN, "k\\s")), only(11));
        assert_eq!(listed(&store, &everywhere(AMAN, "^ (y) + {")), only(12));
        assert_eq!(listed(&store, &everywhere(AMAN, "\"\"\"")), Vec::new());
    });
}

#[test]
fn short_filters_ask_for_three_characters_and_an_empty_one_lists_all_history() {
    on_every_engine(two_users, |mut store| {
        let older = add_note(&mut store, AMAN, FOOD, "2020-01-01", "tv");
        let newer = add_note(&mut store, AMAN, FOOD, "2026-01-01", "Tea");
        for short in ["t", "tv", " tv ", "é€"] {
            let query = everywhere(AMAN, short);
            assert!(query.needs_more_text(), "{short:?}");
            let error = store.list_count(&query).expect_err("too short");
            assert!(
                matches!(error, StoreError::SearchTooShort { min: 3 }),
                "{error:?}"
            );
            assert_eq!(
                error.to_string(),
                "type 3 or more characters to search all history"
            );
            assert!(store.list_window(&query, 0, 10).is_err());
            assert!(store.list_position(&query, older).is_err());
        }
        assert_eq!(MIN_SEARCH_CHARS, 3);
        // A month is read row by row, so it takes any filter.
        let month_query = ListQuery {
            user: AMAN,
            scope: ListScope::Month(month("2020-01")),
            filter: "tv",
        };
        assert!(!month_query.needs_more_text());
        assert_eq!(listed(&store, &month_query), [older]);

        let all = everywhere(AMAN, " ");
        assert!(!all.needs_more_text());
        let history = listed(&store, &all);
        assert_eq!(history.first(), Some(&newer));
        assert_eq!(history.last(), Some(&older));
        assert_eq!(history.len(), count(&store, &all).rows);
        let aman_rows = store
            .each_expense(
                &smart_spending_tracker::store::ExpenseFilter {
                    search: None,
                    user: Some(AMAN),
                    from: None,
                    to: None,
                },
                |_| Ok::<_, StoreError>(()),
            )
            .expect("count");
        assert_eq!(history.len(), aman_rows);
    });
}

/// Adds `count` expenses for Aman, one a day from 2010 on, with `note`.
fn add_many(store: &mut Store, count: usize, note: &str) -> Vec<Expense> {
    let first = day("2010-01-01");
    let rows: Vec<NewExpense> = (0..count)
        .map(|n| NewExpense {
            rate: None,
            user_id: AMAN,
            category_id: FOOD,
            amount: Currency::INR.from_minor(100),
            currency: Currency::INR,
            date: first + chrono::Days::new(u64::try_from(n).expect("small")),
            note: Some(format!("{note} {n}")),
        })
        .collect();
    store.add_expenses(rows.iter().cloned()).expect("bulk add");
    let mut all = Vec::new();
    store
        .each_expense(
            &smart_spending_tracker::store::ExpenseFilter {
                search: None,
                user: Some(AMAN),
                from: Some(first),
                to: None,
            },
            |e| {
                if e.note.as_deref().is_some_and(|n| n.starts_with(note)) {
                    all.push(e.clone());
                }
                Ok::<_, StoreError>(())
            },
        )
        .expect("read back");
    all.sort_by_key(|e| std::cmp::Reverse((e.date, e.id)));
    all
}

#[test]
fn a_common_filter_lists_its_newest_thousand_and_says_there_are_more() {
    on_every_engine(two_users, |mut store| {
        let later = add_note(&mut store, AMAN, FOOD, "2025-01-01", "Bus");
        let matching = add_many(&mut store, HISTORY_LIST_LIMIT + 5, "Metro ride");
        let query = everywhere(AMAN, "metro");
        assert_eq!(
            count(&store, &query),
            ListCount {
                rows: HISTORY_LIST_LIMIT,
                capped: true
            }
        );
        let ids: Vec<ExpenseId> = matching.iter().map(|e| e.id).collect();
        assert_eq!(listed(&store, &query), ids[..HISTORY_LIST_LIMIT]);
        let tail = store
            .list_window(&query, HISTORY_LIST_LIMIT - 3, 40)
            .expect("window");
        assert_eq!(tail.len(), 3, "the list ends at the limit");
        let last = HISTORY_LIST_LIMIT - 1;
        assert_eq!(
            store.list_position(&query, ids[last]).expect("position"),
            Some(last)
        );
        assert_eq!(
            store
                .list_position(&query, ids[HISTORY_LIST_LIMIT])
                .expect("position"),
            None,
            "past the end of the list"
        );

        // Exactly the limit is not capped.
        let exact = everywhere(AMAN, "ride 1");
        let expected = matching
            .iter()
            .filter(|e| e.note.as_deref().is_some_and(|n| n.contains("ride 1")))
            .count();
        assert!(expected < HISTORY_LIST_LIMIT);
        assert_eq!(
            count(&store, &exact),
            ListCount {
                rows: expected,
                capped: false
            }
        );

        // Without a filter the history is capped the same way.
        let all = everywhere(AMAN, "");
        assert_eq!(
            count(&store, &all),
            ListCount {
                rows: HISTORY_LIST_LIMIT,
                capped: true
            }
        );
        let history = listed(&store, &all);
        assert_eq!(history.len(), HISTORY_LIST_LIMIT);
        assert_eq!(history[0], later, "the one later row comes first");
        assert_eq!(history[1..], ids[..last]);
        assert_eq!(
            store.list_position(&all, ids[last - 1]).expect("position"),
            Some(last)
        );
        assert_eq!(
            store.list_position(&all, ids[last]).expect("position"),
            None
        );
    });
}

// SQLite only: it upgrades an SQLite file written by an older schema.
#[test]
fn a_database_from_before_search_is_indexed_when_it_is_upgraded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(include_str!(
            "../../src/store/sqlite/migrations/001_initial.sql"
        ))
        .expect("schema 1");
        conn.execute_batch(include_str!(
            "../../src/store/sqlite/migrations/002_scale_indexes.sql"
        ))
        .expect("schema 2");
        conn.execute_batch(
            "PRAGMA user_version = 2;
             INSERT INTO users (name, email) VALUES ('Me', 'me@localhost');
             INSERT INTO categories (name) VALUES ('Food'), ('Travel');
             INSERT INTO settings (key, value) VALUES ('initialized', '1');
             INSERT INTO expenses (user_id, category_id, amount, date, note) VALUES
                 (1, 1, 25000, '2019-05-02', 'Train to Pune'),
                 (1, 2, 9000, '2024-11-30', NULL),
                 (1, 1, 100, '2025-05-02', 'Snacks on the train');",
        )
        .expect("rows");
    }
    let store = Store::open(
        &path,
        &smart_spending_tracker::store::NewUserDefaults::default(),
    )
    .expect("open and upgrade");
    let me = store.resolve_user(None).expect("the user").id;
    assert_eq!(
        listed(&store, &everywhere(me, "TRAIN")),
        [ExpenseId(3), ExpenseId(1)]
    );
    assert_eq!(listed(&store, &everywhere(me, "travel")), [ExpenseId(2)]);
}
