//! `spend budget set/delete/list` with standing budgets, month overrides and rollover, and two
//! processes opening the same new month at once.

use std::process::Stdio;

use serde_json::{Value, json};

use super::Spend;
use crate::ledgers::on_every_engine;

/// The month's budget of a category as `budget list --json` gives it.
fn budget(spend: &Spend, category: &str, month: &str) -> Option<Value> {
    let list = spend.json(&["budget", "list", "--json", "--month", month]);
    list["budgets"]
        .as_array()
        .expect("budgets")
        .iter()
        .find(|b| b["category"] == category)
        .cloned()
}

#[test]
fn set_without_a_month_is_standing_and_delete_ends_it_or_drops_a_month() {
    on_every_engine(Spend::sample_on, |spend| {
        let set = spend.ok(&["budget", "set", "Rent", "20000"]);
        assert_eq!(
            set,
            "standing budget for Rent: 20000.00 a month from 2025-05\n"
        );
        let august = budget(&spend, "Rent", "2025-08").expect("August has it");
        assert_eq!(
            (&august["budget"], &august["standing"]),
            (&json!("20000.00"), &json!(true))
        );

        let changed = spend.ok(&[
            "budget",
            "set",
            "Rent",
            "21000",
            "--from",
            "2025-07",
            "--rollover",
        ]);
        assert_eq!(
            changed,
            "standing budget for Rent: 21000.00 a month from 2025-07\n\
             what is left of each month carries into the next month\n"
        );
        let june = budget(&spend, "Rent", "2025-06").expect("June");
        assert_eq!(
            (&june["budget"], &june["rollover"]),
            (&json!("20000.00"), &json!(false))
        );
        // July is the first month that rolls over; August gets July's unspent 21,000.00.
        let august = budget(&spend, "Rent", "2025-08").expect("August");
        assert_eq!(
            (&august["budget"], &august["carried"], &august["rollover"]),
            (&json!("42000.00"), &json!("21000.00"), &json!(true))
        );
        let table = spend.ok(&["budget", "list", "--month", "2025-08"]);
        let rent = table
            .lines()
            .find(|l| l.contains("Rent"))
            .expect("a Rent row");
        assert!(
            rent.contains("42,000.00")
                && rent.contains("+21,000.00")
                && rent.ends_with("standing, rollover"),
            "{table}"
        );

        let own = spend.ok(&["budget", "set", "Food", "9000", "--month", "2025-08"]);
        assert_eq!(own, "budget for Food in 2025-08: 9000.00\n");
        let dropped = spend.ok(&["budget", "delete", "Food", "--month", "2025-08"]);
        assert_eq!(dropped, "budget for Food in 2025-08 removed\n");
        assert_eq!(budget(&spend, "Food", "2025-08"), None);

        let before = spend.snapshot();
        let refused = spend.refused(&["budget", "delete", "Rent", "--month", "2025-08"]);
        assert_eq!(
            refused,
            "error: the budget of \"Rent\" in 2025-08 is its standing budget, not one set for \
             the month; end it from 2025-08 on with `spend budget delete \"Rent\" --from 2025-08`, \
             or set the month apart with `spend budget set \"Rent\" AMOUNT --month 2025-08`"
        );
        let nothing = spend.refused(&["budget", "delete", "Shopping"]);
        assert_eq!(
            nothing,
            "error: \"Shopping\" has no standing budget to end; see `spend budget list`"
        );
        assert_eq!(spend.snapshot(), before, "refusals change nothing");

        let ended = spend.ok(&["budget", "delete", "Rent", "--from", "2025-08"]);
        assert_eq!(ended, "standing budget for Rent ended from 2025-08 on\n");
        assert_eq!(budget(&spend, "Rent", "2025-09"), None);
        assert!(
            budget(&spend, "Rent", "2025-07").is_some(),
            "July keeps its budget"
        );
    });
}

#[test]
fn two_processes_opening_the_same_new_months_at_once_make_each_row_once() {
    on_every_engine(Spend::sample_on, |spend| {
        for category in ["Rent", "Entertainment", "Transport"] {
            spend.ok(&["budget", "set", category, "1000"]);
        }
        // A year later, two processes start at the same moment and both catch up.
        for round in 0..3 {
            let children: Vec<_> = (0..2)
                .map(|_| {
                    let mut command = spend.command();
                    command
                        .args(["status", "--json"])
                        .env("SPEND_TODAY", format!("2026-0{}-10", 5 + round))
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped());
                    command.spawn().expect("start spend")
                })
                .collect();
            for child in children {
                let output = child.wait_with_output().expect("wait for spend");
                assert!(
                    output.status.code().is_some_and(|code| code <= 2),
                    "{}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        }
        // Every month from June 2025 to July 2026 has the three standing rows, once each.
        let per_month = spend.count(
            "SELECT count(*) FROM (SELECT year, month FROM budgets
               WHERE user_id = 1 AND standing
                 AND (year * 100 + month) BETWEEN 202506 AND 202607
               GROUP BY year, month HAVING count(*) = 3) AS full_months",
        );
        assert_eq!(per_month, 14);
        let rows = spend.count(
            "SELECT count(*) FROM budgets WHERE user_id = 1 AND (year * 100 + month) > 202505",
        );
        assert_eq!(rows, 14 * 3, "no month has a row twice or a row too many");
    });
}
