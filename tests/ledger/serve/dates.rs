//! Dates a client sends: the command line's plausibility rule holds over HTTP too, so a
//! typo of a year is refused unless the request confirms it.

use crate::ledgers::on_every_engine;

use super::Served;

fn posted(date: &str, confirm: &str) -> String {
    format!(r#"{{"category_id": 1, "amount": 10, "date": "{date}"{confirm}}}"#)
}

#[test]
fn an_implausible_date_is_refused_unless_confirmed() {
    on_every_engine(Served::sample, |served| {
        for (date, says) in [
            ("0001-01-01", "date 0001-01-01 is before 1970-01-01"),
            ("1969-12-31", "date 1969-12-31 is before 1970-01-01"),
            (
                "9999-12-31",
                "date 9999-12-31 is more than a year after today (2025-05-20)",
            ),
        ] {
            let before = served.spend.snapshot();
            let refused = served.aman("POST", "/api/expenses", Some(&posted(date, "")));
            assert_eq!(
                refused.error(400),
                format!("{says}; if it is right, send \"confirm\": true with it")
            );
            let unconfirmed = posted(date, r#", "confirm": false"#);
            assert_eq!(
                served
                    .aman("POST", "/api/expenses", Some(&unconfirmed))
                    .status,
                400
            );
            assert_eq!(served.spend.snapshot(), before, "{date}: nothing written");

            let confirmed = posted(date, r#", "confirm": true"#);
            let reply = served.aman("POST", "/api/expenses", Some(&confirmed));
            assert_eq!(reply.status, 201, "{}", reply.body);
            assert_eq!(reply.json()["expense"]["date"], date);
        }
        // The edges of the rule are ordinary dates.
        for date in ["1970-01-01", "2026-05-20"] {
            let reply = served.aman("POST", "/api/expenses", Some(&posted(date, "")));
            assert_eq!(reply.status, 201, "{date}: {}", reply.body);
        }
    });
}

#[test]
fn a_change_to_an_implausible_date_is_refused_unless_confirmed() {
    on_every_engine(Served::sample, |served| {
        let before = served.spend.snapshot();
        let refused = served.aman(
            "PATCH",
            "/api/expenses/1",
            Some(r#"{"date": "0001-01-01", "amount": 20}"#),
        );
        assert_eq!(
            refused.error(400),
            "date 0001-01-01 is before 1970-01-01; if it is right, send \"confirm\": true with it"
        );
        assert_eq!(served.spend.snapshot(), before, "nothing changed");
        let confirmed = served.aman(
            "PATCH",
            "/api/expenses/1",
            Some(r#"{"date": "0001-01-01", "confirm": true}"#),
        );
        assert_eq!(confirmed.status, 200, "{}", confirmed.body);
        assert_eq!(confirmed.json()["expense"]["date"], "0001-01-01");
        // A change that leaves the date alone needs no confirming, even of such a date.
        let noted = served.aman("PATCH", "/api/expenses/1", Some(r#"{"note": "old"}"#));
        assert_eq!(noted.status, 200, "{}", noted.body);
    });
}

#[test]
fn the_description_tells_a_client_how_to_confirm() {
    on_every_engine(Served::sample, |served| {
        let doc = served
            .server
            .call("GET", "/api/openapi.json", None, None)
            .json();
        let about = doc["info"]["description"].as_str().unwrap_or_default();
        assert!(about.contains(r#""confirm": true"#), "{about}");
        for shape in ["NewExpenseBody", "ExpensePatchBody"] {
            let confirm = &doc["components"]["schemas"][shape]["properties"]["confirm"];
            let text = confirm["description"].as_str().unwrap_or_default();
            assert!(
                text.contains("before 1970") && text.contains("a year after today"),
                "{shape}: {confirm}"
            );
        }
    });
}
