//! Foreign expenses through `spend serve`: a missing rate or an unknown code is a 400 with
//! the reference's error shape and nothing written; with a rate the expense counts converted.

use serde_json::json;

use super::Served;
use crate::ledgers::on_every_engine;

#[test]
fn a_foreign_expense_needs_a_rate_and_then_counts_converted() {
    on_every_engine(Served::sample, |served| {
        let before = served.spend.snapshot();
        let dinner =
            r#"{"category": "Food", "amount": 80, "currency": "USD", "date": "2025-05-12"}"#;
        let message = served
            .aman("POST", "/api/expenses", Some(dinner))
            .error(400);
        assert!(
            message.contains("no USD rate on or before 2025-05-12"),
            "{message}"
        );
        assert!(
            message.contains("spend rate set") && message.contains("--rate"),
            "{message}"
        );
        for (body, expected) in [
            (
                r#"{"category": "Food", "amount": 5, "currency": "XYZ", "date": "2025-05-12"}"#,
                "currency: currency \"XYZ\" is not an ISO 4217 currency",
            ),
            (
                r#"{"category": "Food", "amount": 5, "currency": "USD", "rate": "1.12345678901", "date": "2025-05-12"}"#,
                "rate: rate \"1.12345678901\" has 11 decimals",
            ),
            (
                r#"{"category": "Food", "amount": "$5", "date": "2025-05-12"}"#,
                "is marked $, which is not INR",
            ),
        ] {
            let message = served.aman("POST", "/api/expenses", Some(body)).error(400);
            assert!(message.contains(expected), "{body}: {message}");
        }
        assert_eq!(served.spend.snapshot(), before, "nothing written");

        let with_rate = r#"{"category": "Food", "amount": 80, "currency": "USD", "rate": 83.2, "date": "2025-05-12"}"#;
        let reply = served.aman("POST", "/api/expenses", Some(with_rate));
        assert_eq!(reply.status, 201, "{}", reply.body);
        let written = reply.json();
        assert_eq!(written["expense"]["amount"], "6656.00");
        assert_eq!(written["expense"]["currency"], "INR");
        assert_eq!(
            written["expense"]["spent"],
            json!({"amount": "80.00", "currency": "USD", "rate": "83.2"})
        );
        assert_eq!(
            written["alerts"][0]["message"],
            "Budget exceeded for Food for May 2025. Spent: 8106.00 / 8000.00"
        );
        // PATCH of the amount is in dollars, at the recorded rate.
        let id = written["id"].as_i64().expect("id");
        let edited = served
            .aman(
                "PATCH",
                &format!("/api/expenses/{id}"),
                Some(r#"{"amount": "81"}"#),
            )
            .json();
        assert_eq!(edited["expense"]["amount"], "6739.20");
        assert_eq!(edited["expense"]["spent"]["amount"], "81.00");
    });
}
