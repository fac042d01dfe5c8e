//! Budget figures as a person meets them through `spend`: the same in whatever order months
//! are looked at, reads that write nothing, overspending that does not turn into endless
//! debt, a pace that counts a fixed cost once, merges and ends that keep later months.

use serde_json::{Value, json};

use super::Spend;
use crate::ledgers::{Engine, on_every_engine};

/// Runs `spend` with today pinned to `today`; the command must succeed quietly.
fn at(spend: &Spend, today: &str, args: &[&str]) -> String {
    spend.ok_with(args, &[("SPEND_TODAY", today)])
}

/// The month's budget of a category as `budget list --json` gives it, read on `today`.
fn budget(spend: &Spend, today: &str, category: &str, month: &str) -> Option<Value> {
    let out = at(
        spend,
        today,
        &["budget", "list", "--json", "--month", month],
    );
    let list: Value = serde_json::from_str(&out).expect("JSON");
    list["budgets"]
        .as_array()
        .expect("budgets")
        .iter()
        .find(|b| b["category"] == category)
        .cloned()
}

const JANUARY: &str = "2026-01-15";

/// A fresh ledger with Food at 1,000.00 a month from January 2026, rolling over, and 300.00
/// spent in January.
fn rolling_food(engine: &Engine) -> Spend {
    let spend = Spend::on(engine);
    at(
        &spend,
        JANUARY,
        &["budget", "set", "Food", "1000", "--rollover"],
    );
    at(&spend, JANUARY, &["add", "300", "Food"]);
    spend
}

#[test]
fn a_carry_is_the_same_whichever_months_were_looked_at_first() {
    on_every_engine(rolling_food, |spend| {
        let april = |spend: &Spend| {
            let food = budget(spend, JANUARY, "Food", "2026-04").expect("April");
            (food["budget"].clone(), food["carried"].clone())
        };
        // January leaves 700.00; February and March, nothing spent, 1,000.00 each.
        let expected = (json!("3700.00"), json!("2700.00"));
        assert_eq!(april(&spend), expected, "April read first");
        let before = spend.snapshot();
        for month in ["2026-02", "2026-03", "2027-06", "2026-02"] {
            budget(&spend, JANUARY, "Food", month).expect("a budget");
        }
        assert_eq!(
            april(&spend),
            expected,
            "April read after the months before it"
        );
        assert_eq!(spend.snapshot(), before, "reading months wrote nothing");
    });
}

#[test]
fn an_add_in_a_later_month_is_checked_against_its_carry_never_alone() {
    on_every_engine(rolling_food, |spend| {
        let added = at(
            &spend,
            JANUARY,
            &["add", "1500", "Food", "--date", "2026-04-02"],
        );
        assert!(
            !added.contains("ALERT"),
            "1,500.00 of 3,700.00 is fine: {added}"
        );
        assert_eq!(spend.count("SELECT count(*) FROM alerts"), 0);
        for month in ["2026-02", "2026-03"] {
            budget(&spend, JANUARY, "Food", month).expect("a budget");
        }
        let april = budget(&spend, JANUARY, "Food", "2026-04").expect("April");
        assert_eq!(
            (&april["budget"], &april["spent"], &april["level"]),
            (&json!("3700.00"), &json!("1500.00"), &json!("ok"))
        );
    });
}

#[test]
fn a_month_far_ahead_is_computed_not_stored_and_one_out_of_reach_is_refused() {
    on_every_engine(rolling_food, |spend| {
        let before = spend.snapshot();
        let far = budget(&spend, JANUARY, "Food", "2036-01").expect("ten years on");
        assert_eq!(far["budget"], json!("120700.00"));
        at(&spend, JANUARY, &["status", "--month", "2035-12"]);
        at(&spend, JANUARY, &["report", "--month", "2035-12"]);
        assert_eq!(spend.snapshot(), before, "reading far months wrote nothing");
        for args in [
            &["budget", "list", "--month", "9999-12"][..],
            &["status", "--month", "2037-01"][..],
            &["budget", "list", "--month", "1969-12"][..],
        ] {
            let run = spend.run_with(args, &[("SPEND_TODAY", JANUARY)]);
            assert!(!run.success, "{args:?}");
            assert!(
                run.stderr.contains("months run from 1970-01 to 2036-01"),
                "{args:?}: {}",
                run.stderr
            );
        }
        assert_eq!(spend.snapshot(), before, "a refused read wrote nothing");
        let rows = spend.count("SELECT count(*) FROM budgets");
        assert_eq!(rows, 1, "only January, the current month, has a row");
    });
}

#[test]
fn an_overspend_does_not_carry_unless_asked_and_nothing_left_reads_exceeded() {
    on_every_engine(rolling_food, |spend| {
        // February overspends its 1,700.00 by 800.00.
        at(
            &spend,
            JANUARY,
            &["add", "2500", "Food", "--date", "2026-02-10"],
        );
        let march = budget(&spend, JANUARY, "Food", "2026-03").expect("March");
        assert_eq!(
            (&march["budget"], &march["carried"]),
            (&json!("1000.00"), &json!("0.00")),
            "only what is left carries"
        );
        at(
            &spend,
            JANUARY,
            &["budget", "set", "Food", "1000", "--carry-overspending"],
        );
        let march = budget(&spend, JANUARY, "Food", "2026-03").expect("March");
        assert_eq!(
            (&march["budget"], &march["carried"]),
            (&json!("200.00"), &json!("-800.00")),
        );
        // A debt larger than the month's budget: nothing left, shown as exceeded.
        at(
            &spend,
            JANUARY,
            &["add", "2000", "Food", "--date", "2026-02-11"],
        );
        let march = budget(&spend, JANUARY, "Food", "2026-03").expect("March");
        assert_eq!(
            (&march["budget"], &march["percent"], &march["level"]),
            (&json!("-1800.00"), &Value::Null, &json!("exceeded"))
        );
        let table = at(&spend, JANUARY, &["budget", "list", "--month", "2026-03"]);
        assert!(!table.contains(" 0%"), "{table}");
        // Looking fires nothing: March has nothing spent.
        let alerts = spend.count("SELECT count(*) FROM alerts WHERE month = '2026-03'");
        assert_eq!(alerts, 0);
    });
}

#[test]
fn a_monthly_rent_posted_on_the_first_paces_at_exactly_itself() {
    on_every_engine(Spend::on, |spend| {
        let today = "2026-12-03";
        at(&spend, today, &["budget", "set", "Rent", "20000"]);
        at(
            &spend,
            today,
            &[
                "recurring",
                "add",
                "15000",
                "Rent",
                "--every",
                "month",
                "--day",
                "1",
                "--from",
                "2026-12-01",
            ],
        );
        // The catch-up of the next command posts December's rent, and says so.
        let posted = spend.run_with(&["list"], &[("SPEND_TODAY", today)]);
        assert!(posted.success, "{}", posted.stderr);
        let rent = budget(&spend, today, "Rent", "2026-12").expect("Rent");
        assert_eq!(
            (&rent["spent"], &rent["pace"], &rent["recurring_due"]),
            (&json!("15000.00"), &json!("15000.00"), &json!("0.00"))
        );
        let status = at(&spend, today, &["status", "--json"]);
        let status: Value = serde_json::from_str(&status).expect("JSON");
        assert_eq!(status["budgets"][0]["pace"], json!("15000.00"));
        let january = budget(&spend, today, "Rent", "2027-01").expect("January");
        assert_eq!(
            january["pace"],
            Value::Null,
            "only the current month has a pace"
        );
    });
}

#[test]
fn a_merged_standing_budget_holds_in_every_later_month() {
    on_every_engine(Spend::on, |spend| {
        let today = "2026-12-06";
        at(&spend, today, &["category", "add", "Snacks"]);
        at(&spend, today, &["budget", "set", "Food", "300"]);
        at(&spend, today, &["budget", "set", "Snacks", "100"]);
        at(&spend, today, &["category", "merge", "Snacks", "Food"]);
        for month in ["2026-12", "2027-01", "2028-06"] {
            let food = budget(&spend, today, "Food", month).expect("Food");
            assert_eq!(food["budget"], json!("400.00"), "{month}");
        }
    });
}

#[test]
fn ending_a_budget_keeps_a_change_scheduled_later_unless_all_are_ended() {
    on_every_engine(Spend::on, |spend| {
        let today = "2026-12-06";
        at(&spend, today, &["budget", "set", "Transport", "2000"]);
        let scheduled = at(
            &spend,
            today,
            &["budget", "set", "Transport", "2500", "--from", "2027-02"],
        );
        assert_eq!(
            scheduled,
            "standing budget for Transport: 2500.00 a month from 2027-02\n"
        );
        let changed = at(&spend, today, &["budget", "set", "Transport", "2200"]);
        assert_eq!(
            changed,
            "standing budget for Transport: 2200.00 a month from 2026-12, until 2027-02, when 2500.00 a month takes over\n"
        );
        let ended = at(&spend, today, &["budget", "delete", "Transport"]);
        assert!(
            ended.contains("ended from 2026-12 until 2027-02"),
            "{ended}"
        );
        assert_eq!(budget(&spend, today, "Transport", "2027-01"), None);
        let february = budget(&spend, today, "Transport", "2027-02").expect("scheduled");
        assert_eq!(february["budget"], json!("2500.00"));
        at(&spend, today, &["budget", "delete", "Transport", "--all"]);
        assert_eq!(budget(&spend, today, "Transport", "2027-02"), None);
    });
}
