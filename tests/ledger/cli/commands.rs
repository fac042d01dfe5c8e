//! Each subcommand's output and its effect on the database.

use serde_json::{Value, json};

use super::{Spend, alert_lines, text};
use crate::ledgers::on_every_engine;

const SHOPPING_EXCEEDED: &str =
    "ALERT BUDGET_EXCEEDED: Budget exceeded for Shopping for May 2025. Spent: 5,200.00 / 5,000.00";

fn expense_ids(list: &Value) -> Vec<i64> {
    list["expenses"]
        .as_array()
        .expect("an expenses array")
        .iter()
        .map(|e| e["id"].as_i64().expect("an id"))
        .collect()
}

#[test]
fn sample_loads_once_and_refuses_politely_the_second_time() {
    on_every_engine(Spend::sample_on, |spend| {
        let before = spend.snapshot();
        let error = spend.fails(&["sample"]);
        assert_eq!(
            error,
            "error: the database already has 5 expenses; load the sample into a new one, e.g. `spend --db sample.db sample`"
        );
        assert_eq!(spend.snapshot(), before);

        let users = spend.ok(&["user", "list"]);
        let lines: Vec<&str> = users.lines().collect();
        assert_eq!(lines.len(), 2, "{users}");
        assert!(lines[0].starts_with('*') && lines[0].contains("aman@example.com"));
        assert!(lines[0].contains("Aman Kumar") && lines[0].trim_end().ends_with("INR"));
        assert!(lines[1].starts_with(' ') && lines[1].contains("priya@example.com"));
    });
}

#[test]
fn add_reports_the_id_then_each_alert() {
    on_every_engine(Spend::sample_on, |spend| {
        let quiet = spend.ok(&["add", "1000", "transport", "--date", "2025-05-18"]);
        assert_eq!(quiet, "added expense #6\n", "the reference double count");
        let crossing = spend.ok(&[
            "add",
            "2,000",
            "Shopping",
            "--date",
            "2025-05-15",
            "--note",
            "Shoes",
        ]);
        assert_eq!(crossing, format!("added expense #7\n{SHOPPING_EXCEEDED}\n"));
        let again = spend.ok(&["add", "₹10", "SHOPPING", "--date", "2025-05-16"]);
        assert_eq!(again, "added expense #8\n", "already exceeded: quiet");

        let list = spend.json(&["list", "--json"]);
        let shoes = list["expenses"]
            .as_array()
            .expect("expenses")
            .iter()
            .find(|e| e["id"] == 7)
            .expect("expense #7 listed");
        assert_eq!(
            shoes,
            &json!({
                "id": 7, "date": "2025-05-15", "category": "Shopping", "amount": "2000.00",
                "currency": "INR", "note": "Shoes"
            })
        );
    });
}

#[test]
fn add_defaults_to_the_pinned_today_and_the_login_user() {
    on_every_engine(Spend::on, |spend| {
        assert_eq!(spend.ok(&["add", "250", "Food"]), "added expense #1\n");
        let yesterday = spend.ok(&["add", "40", "Transport", "--date", "yesterday"]);
        assert_eq!(yesterday, "added expense #2\n");
        let list = spend.json(&["list", "--json"]);
        assert_eq!(text(&list, "month"), "2025-05");
        assert_eq!(text(&list, "user"), "tester@localhost");
        let dates: Vec<&str> = list["expenses"]
            .as_array()
            .expect("expenses")
            .iter()
            .map(|e| e["date"].as_str().expect("a date"))
            .collect();
        assert_eq!(dates, ["2025-05-20", "2025-05-19"]);
        let users = spend.ok(&["user", "list"]);
        assert_eq!(users.lines().count(), 1);
        assert!(users.contains("tester@localhost"), "{users}");
    });
}

#[test]
fn edit_changes_the_expense_and_reports_alerts() {
    on_every_engine(Spend::sample_on, |spend| {
        let over = spend.ok(&["edit", "4", "--amount", "5100"]);
        assert_eq!(
            over,
            "edited expense #4\nALERT BUDGET_EXCEEDED: Budget exceeded for Shopping for May 2025. Spent: 5,100.00 / 5,000.00\n"
        );
        let moved = spend.ok(&[
            "edit",
            "4",
            "--category",
            "entertainment",
            "--date",
            "2025-05-12",
            "--note",
            "Concert",
        ]);
        assert_eq!(moved, "edited expense #4\n");
        let list = spend.json(&["list", "--json", "--month", "2025-05"]);
        let four = list["expenses"]
            .as_array()
            .expect("expenses")
            .iter()
            .find(|e| e["id"] == 4)
            .expect("#4");
        assert_eq!(
            four,
            &json!({
                "id": 4, "date": "2025-05-12", "category": "Entertainment", "amount": "5100.00",
                "currency": "INR", "note": "Concert"
            })
        );
        assert_eq!(
            spend.ok(&["edit", "4", "--note", ""]),
            "edited expense #4\n"
        );
        let list = spend.json(&["list", "--json"]);
        assert_eq!(
            list["expenses"][0]["note"],
            Value::Null,
            "empty note clears it"
        );

        let before = spend.snapshot();
        let nothing = spend.fails(&["edit", "4"]);
        assert!(nothing.contains("nothing to change"), "{nothing}");
        assert_eq!(spend.snapshot(), before);
    });
}

#[test]
fn delete_removes_the_expense_and_a_new_crossing_fires_again() {
    on_every_engine(Spend::sample_on, |spend| {
        let crossing = spend.ok(&["add", "2000", "Shopping", "--date", "2025-05-15"]);
        assert_eq!(alert_lines(&crossing), [SHOPPING_EXCEEDED]);
        assert_eq!(spend.ok(&["delete", "6"]), "deleted expense #6\n");
        let list = spend.json(&["list", "--json"]);
        assert_eq!(expense_ids(&list), [4, 3, 2, 1]);
        let again = spend.ok(&["add", "2000", "Shopping", "--date", "2025-05-15"]);
        assert_eq!(again, format!("added expense #7\n{SHOPPING_EXCEEDED}\n"));
    });
}

#[test]
fn list_shows_a_month_newest_first_for_the_chosen_user() {
    on_every_engine(Spend::sample_on, |spend| {
        let list = spend.json(&["list", "--json"]);
        assert_eq!(text(&list, "user"), "aman@example.com");
        assert_eq!(expense_ids(&list), [4, 3, 2, 1]);
        assert_eq!(
            list["expenses"][3],
            json!({
                "id": 1, "date": "2025-05-02", "category": "Food", "amount": "250.00",
                "currency": "INR", "note": "Lunch at cafe"
            })
        );
        let priya = spend.json(&["--user", "priya@example.com", "list", "--json"]);
        assert_eq!(expense_ids(&priya), [5]);
        assert_eq!(priya["expenses"][0]["amount"], "300.00");
        let april = spend.json(&["list", "--json", "--month", "2025-04"]);
        assert_eq!(expense_ids(&april), Vec::<i64>::new());

        let table = spend.ok(&["list"]);
        assert_eq!(table.lines().count(), 5, "a header and four rows:\n{table}");
        assert!(table.contains("3,200.00") && table.contains("New headphones"));
        let empty = spend.ok(&["list", "--month", "2025-04"]);
        assert!(empty.starts_with("no expenses in 2025-04"), "{empty}");
    });
}

#[test]
fn alerts_are_listed_marked_seen_and_kept() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(spend.ok(&["alerts"]), "no alerts\n");
        spend.ok(&["add", "2000", "Shopping", "--date", "2025-05-15"]);
        let unseen = spend.json(&["alerts", "--json"]);
        let alerts = unseen.as_array().expect("an array");
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0]["type"], "BUDGET_EXCEEDED");
        assert_eq!(
            alerts[0]["message"],
            "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00"
        );
        assert_eq!(alerts[0]["seen"], false);
        assert_eq!(alerts[0]["expense_id"], 6);

        let shown = spend.ok(&["alerts", "--mark-seen"]);
        assert!(
            shown.starts_with("* ")
                && shown.contains("BUDGET_EXCEEDED: Budget exceeded for Shopping"),
            "{shown}"
        );
        assert_eq!(spend.json(&["alerts", "--json"]), json!([]));
        assert_eq!(spend.ok(&["alerts"]), "no alerts\n");
        let all = spend.json(&["alerts", "--all", "--json"]);
        assert_eq!(all.as_array().map(Vec::len), Some(1));
        assert_eq!(all[0]["seen"], true);
        let priya = spend.json(&["--user", "priya@example.com", "alerts", "--all", "--json"]);
        assert_eq!(priya, json!([]));
    });
}

#[test]
fn budgets_are_set_listed_and_alert_when_set_below_spending() {
    on_every_engine(Spend::sample_on, |spend| {
        let set = spend.ok(&["budget", "set", "entertainment", "1,500"]);
        assert_eq!(
            set,
            "standing budget for Entertainment: 1500.00 a month from 2025-05\n"
        );
        let lowered = spend.ok(&["budget", "set", "Shopping", "3000", "--month", "2025-05"]);
        assert_eq!(
            lowered,
            "budget for Shopping in 2025-05: 3000.00\nALERT BUDGET_EXCEEDED: Budget exceeded for Shopping for May 2025. Spent: 3,200.00 / 3,000.00\n"
        );
        // A standing budget takes over the month it starts in, its own budget included.
        let raised = spend.ok(&["budget", "set", "Shopping", "9000"]);
        assert_eq!(
            raised,
            "standing budget for Shopping: 9000.00 a month from 2025-05\n"
        );
        let june = spend.ok(&["budget", "set", "Food", "100", "--month", "2025-06"]);
        assert_eq!(june, "budget for Food in 2025-06: 100.00\n");

        let list = spend.json(&["budget", "list", "--json"]);
        // Pace is the current month's alone: what the spending comes to at the rate of the
        // 20 days gone, over May's 31.
        let row = |(category, budget, spent, remaining): (&str, &str, &str, &str),
                   percent: u32,
                   standing: bool,
                   pace: Option<&str>| {
            json!({"category": category, "budget": budget, "spent": spent,
                   "remaining": remaining, "percent": percent, "level": "ok",
                   "carried": "0.00", "standing": standing, "rollover": false,
                   "carry_overspending": false, "pace": pace,
                   "recurring_due": pace.map(|_| "0.00")})
        };
        assert_eq!(
            list,
            json!({
                "month": "2025-05",
                "budgets": [
                    row(("Entertainment", "1500.00", "0.00", "1500.00"), 0, true, Some("0.00")),
                    row(("Food", "8000.00", "1450.00", "6550.00"), 18, false, Some("2247.50")),
                    // 35.56% and 7.5%, rounded half to even.
                    row(("Shopping", "9000.00", "3200.00", "5800.00"), 36, true, Some("4960.00")),
                    row(("Transport", "2000.00", "150.00", "1850.00"), 8, false, Some("232.50")),
                ]
            })
        );
        // June has its own Food budget beside the two standing ones.
        let june = spend.json(&["budget", "list", "--json", "--month", "2025-06"]);
        assert_eq!(
            june["budgets"],
            json!([
                row(
                    ("Entertainment", "1500.00", "0.00", "1500.00"),
                    0,
                    true,
                    None
                ),
                row(("Food", "100.00", "0.00", "100.00"), 0, false, None),
                row(("Shopping", "9000.00", "0.00", "9000.00"), 0, true, None),
            ])
        );
    });
}

#[test]
fn categories_and_users_are_added_and_listed() {
    on_every_engine(Spend::sample_on, |spend| {
        let added = spend.ok(&["category", "add", "Health", "--description", "Doctor"]);
        assert_eq!(added, "added category Health (#6)\n");
        let list = spend.ok(&["category", "list"]);
        let names: Vec<&str> = list
            .lines()
            .map(|l| l.split_whitespace().nth(1).expect("a name"))
            .collect();
        assert_eq!(
            names,
            [
                "Entertainment",
                "Food",
                "Health",
                "Rent",
                "Shopping",
                "Transport"
            ]
        );
        assert!(list.contains("Doctor"));
        assert_eq!(
            spend.ok(&["add", "600", "HEALTH", "--date", "2025-05-03"]),
            "added expense #6\n"
        );

        let user = spend.ok(&[
            "user",
            "add",
            "Ravi Rao",
            "ravi@example.com",
            "--currency",
            "jpy",
        ]);
        assert_eq!(user, "added user Ravi Rao <ravi@example.com> (#3)\n");
        let users = spend.ok(&["user", "list"]);
        assert_eq!(users.lines().count(), 3);
        assert!(
            users
                .lines()
                .any(|l| l.contains("ravi@example.com") && l.ends_with("JPY"))
        );
        let yen = spend.ok(&["--user", "ravi@example.com", "add", "1,500", "Food"]);
        assert_eq!(yen, "added expense #7\n");
        let ravi = spend.json(&["--user", "ravi@example.com", "list", "--json"]);
        assert_eq!(ravi["expenses"][0]["amount"], "1500");
        assert_eq!(ravi["expenses"][0]["currency"], "JPY");
    });
}

#[test]
fn report_json_has_every_calendar_month_and_rolling_sums() {
    on_every_engine(Spend::on, |spend| {
        spend.ok(&["add", "100", "Food", "--date", "2025-01-10"]);
        spend.ok(&["add", "200", "Rent", "--date", "2025-02-01"]);
        spend.ok(&["add", "250", "Food", "--date", "2025-05-02"]);
        spend.ok(&["budget", "set", "Food", "1000"]);
        let report = spend.json(&["report", "--json", "--from", "2025-01"]);
        assert_eq!(text(&report, "month"), "2025-05");
        assert_eq!(text(&report, "user"), "tester@localhost");
        assert_eq!(text(&report, "currency"), "INR");
        assert_eq!(
            report["monthly"],
            json!([
                {"month": "2025-01", "total": "100.00", "rolling_3m": "100.00"},
                {"month": "2025-02", "total": "200.00", "rolling_3m": "300.00"},
                {"month": "2025-03", "total": "0.00", "rolling_3m": "300.00"},
                {"month": "2025-04", "total": "0.00", "rolling_3m": "200.00"},
                {"month": "2025-05", "total": "250.00", "rolling_3m": "250.00"},
            ])
        );
        assert_eq!(
            report["top_categories"],
            json!([{"category": "Food", "total": "250.00"}])
        );
        assert_eq!(report["budgets"][0]["spent"], "250.00");
        assert_eq!(report["budgets"][0]["percent"], 25);

        let february = spend.json(&["report", "--json", "--month", "2025-02"]);
        assert_eq!(
            february["top_categories"],
            json!([{"category": "Rent", "total": "200.00"}])
        );
        let text_report = spend.ok(&["report"]);
        assert!(text_report.contains("May 2025"), "{text_report}");
    });
}

#[test]
fn the_sample_report_matches_the_reference_queries() {
    on_every_engine(Spend::sample_on, |spend| {
        let report = spend.json(&["report", "--json", "--from", "2025-05"]);
        assert_eq!(
            report["monthly"],
            json!([{"month": "2025-05", "total": "4800.00", "rolling_3m": "4800.00"}])
        );
        assert_eq!(
            report["top_categories"],
            json!([
                {"category": "Shopping", "total": "3200.00"},
                {"category": "Food", "total": "1450.00"},
                {"category": "Transport", "total": "150.00"},
            ])
        );
    });
}

#[test]
fn the_last_day_of_year_9999_is_kept_and_exported_though_its_month_is_out_of_reach() {
    on_every_engine(Spend::sample_on, |spend| {
        spend.ok(&[
            "add",
            "5",
            "Food",
            "--date",
            "9999-12-31",
            "--note",
            "far future",
            "--yes",
        ]);
        for args in [
            &["list", "--month", "9999-12", "--json"][..],
            &["export", "--month", "9999-12"][..],
        ] {
            let refused = spend.refused(args);
            assert!(refused.contains("months run from 1970-01"), "{refused}");
        }
        let days = spend.json(&[
            "list",
            "--from",
            "9999-12-01",
            "--to",
            "9999-12-31",
            "--json",
        ]);
        assert_eq!(expense_ids(&days).len(), 1, "{days}");
        let range = spend.ok(&["export", "--from", "9999-12-01", "--to", "9999-12-31"]);
        assert!(range.contains("9999-12-31,far future"), "{range}");
        let till_may = spend.ok(&["export", "--to", "2025-05-09"]);
        assert!(
            till_may.contains("2025-05-09,Weekly groceries"),
            "--to includes its day: {till_may}"
        );
        assert!(!till_may.contains("2025-05-10"), "{till_may}");
    });
}

#[test]
fn the_warning_threshold_is_set_per_user_and_bad_values_are_refused() {
    on_every_engine(Spend::sample_on, |spend| {
        for bad in ["0", "101", "-5", "eighty", "80.5", ""] {
            let before = spend.snapshot();
            let error = spend.fails(&["budget", "warn", bad]);
            assert!(
                error.starts_with("error: warning threshold"),
                "{bad:?}: {error}"
            );
            assert_eq!(spend.snapshot(), before, "{bad:?} changed nothing");
        }
        assert_eq!(
            spend.ok(&["budget", "warn", "50"]),
            "budget warnings for aman@example.com fire at 50%\n"
        );
        // Food: 1,450.00 of 8,000.00 spent; 2,600.00 more reaches 50% (50.625%, shown as 51%)
        // without exceeding.
        let added = spend.ok(&["add", "2600", "Food", "--date", "2025-05-12"]);
        assert_eq!(
            alert_lines(&added),
            vec![
                "ALERT BUDGET_WARNING: Budget warning for Food for May 2025: 51% used. Spent: 4,050.00 / 8,000.00"
            ]
        );
    });
}

#[test]
fn counts_of_one_are_singular() {
    on_every_engine(Spend::on, |spend| {
        spend.ok(&["add", "5", "Food"]);
        assert_eq!(
            spend.refused(&["sample"]),
            "error: the database already has 1 expense; load the sample into a new one, e.g. \
             `spend --db sample.db sample`"
        );
    });
}
