//! `spend report`: a window of months, never all of history.

use serde_json::json;

use super::{Spend, text};
use crate::ledgers::{Engine, on_every_engine};

/// A ledger with one stray expense in 1900 and one in 9999 around this year's spending.
fn stray_years(engine: &Engine) -> Spend {
    let spend = Spend::on(engine);
    for (amount, date) in [
        ("7", "1900-01-01"),
        ("1", "2024-11-30"),
        ("20", "2024-12-01"),
        ("300", "2025-01-31"),
        ("4000", "2025-05-02"),
        ("9", "9999-12-31"),
    ] {
        spend.ok(&["add", amount, "Food", "--date", date, "--yes"]);
    }
    spend
}

#[test]
fn the_report_shows_twelve_months_by_default_whatever_the_history() {
    on_every_engine(stray_years, |spend| {
        let table = spend.ok(&["report"]);
        let months: Vec<&str> = table
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        assert_eq!(months.len(), 12, "{table}");
        assert!(months[0].trim_start().starts_with("2024-06"), "{table}");
        assert!(months[11].trim_start().starts_with("2025-05"), "{table}");
        assert!(
            table.contains("Monthly totals, Jun 2024 to May 2025"),
            "{table}"
        );
        assert!(table.lines().count() < 40, "{table}");

        let report = spend.json(&["report", "--json"]);
        assert_eq!(text(&report, "from"), "2024-06");
        assert_eq!(text(&report, "to"), "2025-05");
        assert_eq!(report["monthly"].as_array().map(Vec::len), Some(12));
        let march = spend.json(&["report", "--json", "--month", "2025-03"]);
        assert_eq!(text(&march, "from"), "2024-04");
        assert_eq!(text(&march, "to"), "2025-03");
    });
}

#[test]
fn from_and_to_choose_the_window_and_its_first_sums_reach_back() {
    on_every_engine(stray_years, |spend| {
        let report = spend.json(&["report", "--json", "--from", "2025-01", "--to", "2025-02"]);
        assert_eq!(
            report["monthly"],
            json!([
                {"month": "2025-01", "total": "300.00", "rolling_3m": "321.00"},
                {"month": "2025-02", "total": "0.00", "rolling_3m": "320.00"},
            ])
        );
        assert_eq!(
            text(&report, "month"),
            "2025-02",
            "the details month is --to"
        );
        // Months out of reach are refused by name, though their expenses stay recorded.
        for (from, to) in [("9999-11", "9999-12"), ("1900-01", "1900-03")] {
            let refused = spend.refused(&["report", "--json", "--from", from, "--to", to]);
            assert!(
                refused.contains("months run from 1970-01 to 2035-05"),
                "{refused}"
            );
        }
        let early = spend.json(&["report", "--json", "--from", "1970-01", "--to", "1970-03"]);
        assert_eq!(early["monthly"][2]["rolling_3m"], "0.00");
        let only_from = spend.json(&["report", "--json", "--from", "2025-04"]);
        assert_eq!(only_from["monthly"].as_array().map(Vec::len), Some(2));
    });
}

#[test]
fn a_reversed_or_huge_window_is_refused() {
    on_every_engine(stray_years, |spend| {
        assert_eq!(
            spend.refused(&["report", "--from", "2025-06", "--to", "2025-01"]),
            "error: --from 2025-06 is after --to 2025-01"
        );
        assert_eq!(
            spend.refused(&["report", "--from", "1900-01", "--to", "9999-12"]),
            "error: month 1900-01 is out of range; months run from 1970-01 to 2035-05, ten years \
             past this one"
        );
        let bad = spend.refused(&["report", "--from", "2025-13"]);
        assert!(bad.contains("is not YYYY-MM"), "{bad}");
    });
}
