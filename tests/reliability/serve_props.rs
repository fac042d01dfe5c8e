//! Property test of the server's JSON bodies: whatever a client sends to a writing endpoint,
//! the answer is a JSON object with a status, never a server error; a refusal writes
//! nothing; and an expense the server accepts is stored exactly as sent. One real server
//! takes every case.

use std::sync::OnceLock;

use std::str::FromStr;

use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::support::Spend;
use crate::support::api_server::{Server, make_token};

struct Target {
    spend: Spend,
    server: Server,
    token: String,
}

/// One server for all cases: starting one per case would test start-up, not bodies.
fn target() -> &'static Target {
    static TARGET: OnceLock<Target> = OnceLock::new();
    TARGET.get_or_init(|| {
        let spend = Spend::with_sample();
        let token = make_token(&spend, &["--user", "aman@example.com"]);
        let server = Server::start(&spend, &[]);
        Target {
            spend,
            server,
            token,
        }
    })
}

fn cases() -> Config {
    let scale = std::env::var("SPEND_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1);
    Config::with_cases(200_u32.saturating_mul(scale.max(1)))
}

/// Values a field may hold: the right kinds, near misses and wrong kinds.
fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        (-3_i64..12).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[0-9]{1,9}(\\.[0-9]{1,4})?".prop_map(Value::from),
        "-?[0-9,.₹$ ]{0,12}".prop_map(Value::from),
        "20[0-9]{2}-[0-1][0-9]-[0-3][0-9]".prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        Just(json!([1, "a"])),
        Just(json!({"nested": {"amount": 1}})),
    ]
}

const FIELDS: [&str; 8] = [
    "user_id",
    "category_id",
    "category",
    "amount",
    "currency",
    "date",
    "note",
    "extra",
];

/// An object made of the expense fields, each present or not, each with any value.
fn body() -> impl Strategy<Value = Value> {
    proptest::collection::vec((proptest::sample::select(&FIELDS[..]), field_value()), 0..8)
        .prop_map(|fields| {
            let mut object = Map::new();
            for (name, value) in fields {
                object.insert(name.to_string(), value);
            }
            Value::Object(object)
        })
}

/// Raw text near JSON: cut, doubled or broken bodies.
fn raw_body() -> impl Strategy<Value = String> {
    prop_oneof![
        body().prop_map(|v| v.to_string()),
        (body(), 0_usize..40).prop_map(|(v, cut)| {
            let text = v.to_string();
            text.chars().take(cut).collect()
        }),
        body().prop_map(|v| format!("{v}{v}")),
        ".{0,60}",
    ]
}

fn check_answer(status: u16, body: &str) -> Value {
    assert!(status < 500, "a server error, {status}: {body}");
    let json: Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {body}"));
    assert!(json.is_object(), "{body}");
    if status >= 400 {
        assert_eq!(json["status"], "error", "{body}");
        assert!(
            json["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
    }
    json
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn any_expense_body_gets_a_json_answer_and_a_refusal_writes_nothing(text in raw_body()) {
        let target = target();
        let before = target.spend.count("SELECT count(*) FROM expenses");
        let reply = target.server.call("POST", "/api/expenses", Some(&target.token), Some(&text));
        let json = check_answer(reply.status, &reply.body);
        let after = target.spend.count("SELECT count(*) FROM expenses");
        if reply.status == 201 {
            prop_assert_eq!(after, before + 1);
            // What was accepted is what was sent: a JSON number's text, exactly.
            let sent: Value = serde_json::from_str(&text).expect("an accepted body is JSON");
            if let Value::Number(number) = &sent["amount"] {
                let written = number.to_string();
                let sent = if written.contains(['e', 'E']) {
                    Decimal::from_scientific(&written)
                } else {
                    Decimal::from_str(&written)
                };
                let stored = Decimal::from_str(json["expense"]["amount"].as_str().unwrap_or(""));
                prop_assert_eq!(stored.ok(), sent.ok(), "sent {}", written);
            }
        } else {
            prop_assert_eq!(after, before, "refused with {} but wrote: {}", reply.status, reply.body);
        }
    }

    #[test]
    fn any_patch_or_budget_body_gets_a_json_answer(text in raw_body(), budget in any::<bool>()) {
        let target = target();
        let (method, path) = if budget { ("PUT", "/api/budgets") } else { ("PATCH", "/api/expenses/1") };
        let reply = target.server.call(method, path, Some(&target.token), Some(&text));
        check_answer(reply.status, &reply.body);
    }
}
