//! Refused input: every case exits non-zero with one `error: ` line on stderr and leaves
//! every table exactly as it was.

use super::Spend;
use crate::ledgers::{Engine, on_every_engine};
use crate::support::TABLES;

/// A database with users, budgets, expenses, an alert and settings, so that any stray write
/// would show in a snapshot.
fn populated(engine: &Engine) -> Spend {
    let spend = Spend::sample_on(engine);
    spend.ok(&["add", "2000", "Shopping", "--date", "2025-05-15"]);
    spend
}

/// Runs each case against the same database and checks it refused and changed nothing.
/// Returns the error lines, so callers can check what they say.
fn refused_without_change(spend: &Spend, cases: &[Vec<&str>]) -> Vec<String> {
    let before = spend.snapshot();
    assert!(
        TABLES.iter().all(|table| !before[*table].is_empty()),
        "every table has rows to protect: {before:?}"
    );
    cases
        .iter()
        .map(|args| {
            let error = spend.fails(args);
            assert_eq!(
                spend.snapshot(),
                before,
                "spend {args:?} changed the database"
            );
            error
        })
        .collect()
}

const BAD_AMOUNTS: [(&str, &str); 10] = [
    ("-5", "negative"),
    ("1e3", "exponent"),
    ("NaN", "not a number"),
    ("1.005", "has 3 decimals; INR allows 2"),
    ("12345678901", "too large"),
    ("", "empty"),
    ("12 34", "space"),
    ("ten", "not a number"),
    ("١٢٣", "not a number"),
    ("1,2,3", "misplaced ','"),
];

#[test]
fn bad_amounts_are_refused_everywhere_an_amount_is_typed() {
    on_every_engine(populated, |spend| {
        for (amount, reason) in BAD_AMOUNTS {
            let cases = [
                vec!["add", amount, "Food", "--date", "2025-05-03"],
                vec!["edit", "1", "--amount", amount],
                vec!["budget", "set", "Food", amount],
            ];
            for error in refused_without_change(&spend, &cases) {
                assert!(error.contains(reason), "{amount:?}: {error}");
            }
        }
    });
}

#[test]
fn bad_dates_are_refused_on_add_edit_and_export() {
    on_every_engine(populated, |spend| {
        for (date, reason) in [
            ("2025-02-30", "does not exist"),
            ("2025-13-01", "does not exist"),
            ("", "empty"),
            ("0000-01-01", "out of range"),
            ("10000-01-01", "out of range"),
            ("2025-5-2", "not YYYY-MM-DD"),
            ("tomorrow", "not YYYY-MM-DD"),
        ] {
            let cases = [
                vec!["add", "10", "Food", "--date", date],
                vec!["edit", "1", "--date", date],
                vec!["export", "--from", date],
                vec!["export", "--to", date],
            ];
            for error in refused_without_change(&spend, &cases) {
                assert!(error.contains(reason), "{date:?}: {error}");
            }
        }
        let reversed = spend.fails(&["export", "--from", "2025-05-10", "--to", "2025-05-01"]);
        assert!(reversed.contains("after"), "{reversed}");
    });
}

#[test]
fn unknown_empty_and_duplicate_categories_are_refused() {
    on_every_engine(populated, |spend| {
        let errors = refused_without_change(
            &spend,
            &[
                vec!["add", "10", "Groceries"],
                vec!["edit", "1", "--category", "Groceries"],
                vec!["budget", "set", "Groceries", "100"],
                vec!["add", "10", ""],
                vec!["category", "add", ""],
                vec!["category", "add", "   "],
                vec!["category", "add", "food"],
                vec!["category", "add", "SHOPPING"],
            ],
        );
        for unknown in &errors[..3] {
            assert_eq!(
                unknown,
                "error: unknown category \"Groceries\"; known categories: Entertainment, Food, Rent, Shopping, Transport"
            );
        }
        for empty in &errors[3..6] {
            assert_eq!(empty, "error: category name is empty");
        }
        assert_eq!(errors[6], "error: category \"Food\" already exists");
        assert_eq!(errors[7], "error: category \"Shopping\" already exists");
    });
}

#[test]
fn missing_expenses_bad_months_and_unknown_users_are_refused() {
    on_every_engine(populated, |spend| {
        let errors = refused_without_change(
            &spend,
            &[
                vec!["edit", "999", "--amount", "5"],
                vec!["delete", "999"],
                vec!["delete", "0"],
                vec!["list", "--month", "2025-13"],
                vec!["list", "--month", "May"],
                vec!["report", "--month", "2025-00"],
                vec!["budget", "list", "--month", "25-05"],
                vec!["budget", "set", "Food", "100", "--month", "2025-5"],
                vec!["export", "--month", "2025-13"],
                vec!["--user", "ghost@example.com", "list"],
                vec!["--user", "ghost@example.com", "add", "10", "Food"],
                vec!["--user", "ghost@example.com", "alerts", "--mark-seen"],
            ],
        );
        assert_eq!(errors[0], "error: no expense #999");
        assert_eq!(errors[1], "error: no expense #999");
        assert_eq!(errors[2], "error: no expense #0");
        for month in &errors[3..9] {
            assert!(month.contains("is not YYYY-MM"), "{month}");
        }
        for user in &errors[9..] {
            assert!(
                user.contains("no user with email \"ghost@example.com\""),
                "{user}"
            );
        }
    });
}

#[test]
fn an_id_too_large_for_any_row_is_missing_like_any_other() {
    on_every_engine(populated, |spend| {
        let errors = refused_without_change(
            &spend,
            &[
                vec!["edit", "99999999999", "--amount", "5"],
                vec!["delete", "2147483648"],
                vec!["alerts", "seen", "9223372036854775807"],
            ],
        );
        assert_eq!(
            errors,
            [
                "error: no expense #99999999999",
                "error: no expense #2147483648",
                "error: no alert #9223372036854775807",
            ]
        );
    });
}

#[test]
fn a_bad_currency_or_user_is_refused() {
    on_every_engine(populated, |spend| {
        let errors = refused_without_change(
            &spend,
            &[
                vec!["add", "10", "Food", "--currency", "RUPEE"],
                vec!["user", "add", "Aman Again", "AMAN@example.com"],
                vec!["user", "add", "Nobody", "not-an-email"],
                vec![
                    "user",
                    "add",
                    "Ravi",
                    "ravi@example.com",
                    "--currency",
                    "12",
                ],
            ],
        );
        assert!(
            errors[0].contains("not a three-letter ISO 4217 code"),
            "{}",
            errors[0]
        );
        assert!(errors[1].contains("already exists"), "{}", errors[1]);
        assert!(errors[2].contains("not an email address"), "{}", errors[2]);
        assert!(errors[3].contains("ISO 4217"), "{}", errors[3]);
    });
}

#[test]
fn typed_text_is_quoted_in_errors_as_typed() {
    on_every_engine(populated, |spend| {
        let errors = refused_without_change(
            &spend,
            &[
                vec!["add", "10", "Food", "--date", "Groceries 🍎 सब्ज़ी"],
                vec!["add", "10", "सब्ज़ी मंडी"],
                vec!["add", "सौ", "Food"],
                vec!["--user", "प्रिया@example.com", "list"],
                vec!["add", "10", "Food", "--date", "say \"when\"\u{1b}[2J"],
                vec!["budget", "warn", "अस्सी"],
            ],
        );
        assert_eq!(
            errors[0],
            "error: date \"Groceries 🍎 सब्ज़ी\" is not YYYY-MM-DD (or today, yesterday)"
        );
        assert!(
            errors[1].starts_with("error: unknown category \"सब्ज़ी मंडी\"; known categories:"),
            "{}",
            errors[1]
        );
        assert_eq!(
            errors[2],
            "error: amount \"सौ\" is not a number; type digits such as 250 or 1,200.50"
        );
        assert_eq!(
            errors[3],
            "error: no user with email \"प्रिया@example.com\"; see `spend user list`"
        );
        assert_eq!(
            errors[4],
            "error: date \"say \\\"when\\\"\\u{1b}[2J\" is not YYYY-MM-DD (or today, yesterday)"
        );
        assert_eq!(
            errors[5],
            "error: warning threshold \"अस्सी\" is not a whole percent from 1 to 100"
        );
    });
}
