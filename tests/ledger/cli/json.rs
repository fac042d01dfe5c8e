//! `--json` everywhere a script needs it: amounts as decimal strings, alerts with their
//! category, month, amounts and currency beside the message.

use serde_json::json;

use super::Spend;
use crate::ledgers::on_every_engine;

#[test]
fn add_edit_and_delete_report_the_expense_and_its_alerts_as_json() {
    on_every_engine(Spend::sample_on, |spend| {
        let added = spend.json(&[
            "add",
            "2000",
            "Shopping",
            "--date",
            "2025-05-15",
            "--note",
            "Shoes",
            "--json",
        ]);
        assert_eq!(added["action"], "added");
        assert_eq!(
            added["expense"],
            json!({"id": 6, "date": "2025-05-15", "category": "Shopping", "amount": "2000.00",
                   "currency": "INR", "note": "Shoes"})
        );
        let alert = &added["alerts"][0];
        assert_eq!(alert["type"], "BUDGET_EXCEEDED");
        assert_eq!(alert["category"], "Shopping");
        assert_eq!(alert["month"], "2025-05");
        assert_eq!(alert["spent"], "5200.00");
        assert_eq!(alert["budget"], "5000.00");
        assert_eq!(alert["currency"], "INR");
        assert_eq!(alert["expense_id"], 6);
        assert_eq!(
            alert["message"],
            "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00"
        );
        let fired_at = alert["fired_at"].as_str().expect("a time");
        assert!(
            chrono::DateTime::parse_from_rfc3339(fired_at).is_ok() && fired_at.ends_with('Z'),
            "RFC 3339 with its offset: {fired_at}"
        );
        let listed = spend.json(&["alerts", "--json"]);
        assert_eq!(listed[0], *alert, "alerts --json shows the same fields");

        let edited = spend.json(&["edit", "6", "--amount", "100", "--json"]);
        assert_eq!(edited["action"], "edited");
        assert_eq!(edited["expense"]["amount"], "100.00");
        assert_eq!(edited["alerts"], json!([]));
        let deleted = spend.json(&["delete", "6", "--json"]);
        assert_eq!(deleted["action"], "deleted");
        assert_eq!(deleted["expense"]["id"], 6);
    });
}

#[test]
fn users_and_categories_list_as_json() {
    on_every_engine(Spend::sample_on, |spend| {
        assert_eq!(
            spend.json(&["user", "list", "--json"]),
            json!([
                {"id": 1, "name": "Aman Kumar", "email": "aman@example.com", "currency": "INR",
                 "warn_percent": 80, "default": true},
                {"id": 2, "name": "Priya Sharma", "email": "priya@example.com", "currency": "INR",
                 "warn_percent": 80, "default": false},
            ])
        );
        let categories = spend.json(&["category", "list", "--json"]);
        assert_eq!(
            categories[1],
            json!({"id": 1, "name": "Food", "description": "Restaurants, groceries, beverages"})
        );
        assert_eq!(categories.as_array().map(Vec::len), Some(5));
    });
}
