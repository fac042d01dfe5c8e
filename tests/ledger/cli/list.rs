//! `spend list`: a month or a range of days, a category, a text to find, an order, a limit.

use serde_json::Value;

use super::Spend;
use crate::ledgers::{Engine, on_every_engine};

fn ids(list: &Value) -> Vec<i64> {
    list["expenses"]
        .as_array()
        .expect("an expenses array")
        .iter()
        .map(|e| e["id"].as_i64().expect("an id"))
        .collect()
}

/// The sample (ids 1 to 5, May 2025) and, for Aman: #6 in April, #7 in June, #8 a USD
/// expense in May (USD 40.00 at 0.5, counted as 20.00), #9 in March with a note in another
/// script.
fn ledger(engine: &Engine) -> Spend {
    let spend = Spend::sample_on(engine);
    spend.ok(&[
        "add",
        "75",
        "Transport",
        "--date",
        "2025-04-30",
        "--note",
        "Late TAXI home",
    ]);
    spend.ok(&["add", "5000", "Rent", "--date", "2025-06-01"]);
    spend.ok(&[
        "add",
        "40",
        "Food",
        "--date",
        "2025-05-03",
        "--currency",
        "USD",
        "--rate",
        "0.5",
        "--note",
        "Café",
    ]);
    spend.ok(&[
        "add",
        "999",
        "Food",
        "--date",
        "2025-03-15",
        "--note",
        "ÄRZTE Rechnung",
    ]);
    spend
}

#[test]
fn ranges_cross_months_and_filters_combine() {
    on_every_engine(ledger, |spend| {
        let run = |args: &[&str]| {
            let mut full = vec!["list", "--json"];
            full.extend(args);
            ids(&spend.json(&full))
        };
        assert_eq!(run(&[]), [4, 3, 2, 8, 1], "this month by default");
        assert_eq!(
            run(&["--from", "2025-04-01", "--to", "2025-06-30"]),
            [7, 4, 3, 2, 8, 1, 6]
        );
        assert_eq!(run(&["--from", "2025-05-10"]), [7, 4, 3]);
        assert_eq!(run(&["--to", "2025-04-30"]), [6, 9]);
        assert_eq!(
            run(&["--from", "2025-01-01", "--category", "food"]),
            [2, 8, 1, 9]
        );
        assert_eq!(
            run(&["--from", "2025-01-01", "--search", "taxi"]),
            [3, 6],
            "note, any case"
        );
        assert_eq!(
            run(&["--from", "2025-01-01", "--search", "TRANSPORT"]),
            [3, 6],
            "category"
        );
        assert_eq!(
            run(&["--from", "2025-01-01", "--search", "ärzte"]),
            [9],
            "beyond ASCII"
        );
        assert_eq!(run(&["--from", "2025-01-01", "--search", "café"]), [8]);
        assert_eq!(
            run(&["--from", "2025-01-01", "--sort", "amount"]),
            [7, 4, 2, 9, 1, 3, 6, 8],
            "largest first by the amount counted; the USD 40.00 counts as 20.00"
        );
        assert_eq!(
            run(&["--from", "2025-01-01", "--sort", "amount", "--limit", "2"]),
            [7, 4]
        );
        assert_eq!(
            run(&["--from", "2025-01-01", "--search", "a"]),
            [4, 3, 8, 1, 6]
        );
        assert_eq!(
            run(&["--from", "2025-01-01", "--search", "a", "--limit", "2"]),
            [4, 3],
            "the limit counts what the text finds"
        );
        assert_eq!(run(&["--month", "2025-04"]), [6]);

        let range = spend.json(&["list", "--json", "--from", "2025-04-01"]);
        assert_eq!(range["from"], "2025-04-01");
        assert_eq!(range["to"], Value::Null);
        assert!(range.get("month").is_none());
        assert_eq!(spend.json(&["list", "--json"])["month"], "2025-05");
    });
}

#[test]
fn an_empty_selection_says_what_was_asked() {
    on_every_engine(ledger, |spend| {
        assert_eq!(
            spend.ok(&["list", "--from", "2024-01-01", "--to", "2024-12-31"]),
            "no expenses from 2024-01-01 to 2024-12-31; add one with `spend add AMOUNT CATEGORY`\n"
        );
        assert_eq!(
            spend.ok(&["list", "--category", "rent", "--search", "flat"]),
            "no expenses in 2025-05 in \"Rent\" containing \"flat\"\n"
        );
        let empty = spend.json(&["list", "--json", "--month", "2024-01"]);
        assert_eq!(empty["expenses"], Value::Array(Vec::new()));
    });
}

#[test]
fn bad_list_arguments_are_refused() {
    on_every_engine(ledger, |spend| {
        assert_eq!(
            spend.refused(&["list", "--from", "2025-06-01", "--to", "2025-05-01"]),
            "error: --from 2025-06-01 is after --to 2025-05-01"
        );
        let unknown = spend.refused(&["list", "--category", "Snacks"]);
        assert!(
            unknown.starts_with("error: unknown category \"Snacks\""),
            "{unknown}"
        );
        for args in [
            &["list", "--limit", "0"][..],
            &["list", "--sort", "size"],
            &["list", "--month", "2025-05", "--from", "2025-05-01"],
        ] {
            let error = spend.refused(args);
            assert!(
                error.ends_with("see 'spend list --help'"),
                "{args:?}: {error}"
            );
        }
    });
}
