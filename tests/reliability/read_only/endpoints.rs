//! Every read endpoint of `spend serve` on the read-only file answers as on the writable
//! copy, the tokens made before it was closed let the requests in, and a write gets an error
//! answer that names the file, from a server that goes on answering.

use crate::support::api_server::{Reply, Server};

use super::ReadOnlyLedger;

/// Every read, and whose token asks it: `true` for the admin (Aman, user 1), `false` for
/// Priya (user 2), `None` for none.
const READS: &[(&str, Option<bool>)] = &[
    ("/healthz", None),
    ("/api/openapi.json", None),
    ("/api/users", Some(true)),
    ("/api/users", Some(false)),
    ("/api/categories", Some(true)),
    ("/api/users/1/summary", Some(true)),
    ("/api/users/1/summary?month=2025-04", Some(true)),
    ("/api/users/1/summary?month=2025-06", Some(true)),
    ("/api/users/1/summary?month=2035-05", Some(true)),
    ("/api/users/2/summary", Some(false)),
    ("/api/users/1/report", Some(true)),
    ("/api/users/1/report?month=2025-03", Some(true)),
    ("/api/users/1/report?from=2025-01&to=2025-05", Some(true)),
    ("/api/users/2/report", Some(false)),
    ("/api/budgets", Some(true)),
    ("/api/budgets?month=2025-02", Some(true)),
    ("/api/budgets?month=2025-03", Some(true)),
    ("/api/budgets?month=2025-06", Some(true)),
    ("/api/budgets?month=2026-05", Some(true)),
    ("/api/budgets?month=2035-05", Some(true)),
    ("/api/budgets?user_id=2", Some(true)),
    ("/api/alerts", Some(true)),
    ("/api/alerts?unseen=true", Some(true)),
    ("/api/alerts?user_id=2", Some(true)),
    ("/api/alerts", Some(false)),
    ("/api/expenses", Some(true)),
    ("/api/expenses?month=2025-04", Some(true)),
    ("/api/expenses?from=2025-01-01&to=2025-05-31", Some(true)),
    ("/api/expenses?category=food&q=swiggy", Some(true)),
    ("/api/expenses?user_id=2", Some(true)),
    ("/api/expenses", Some(false)),
    ("/api/expenses/13", Some(true)),
    ("/api/expenses/15?user_id=2", Some(true)),
    ("/api/expenses/15", Some(false)),
    ("/api/export.csv", Some(true)),
    ("/api/export.csv?month=2025-05", Some(true)),
    ("/api/export.csv?from=2025-01-01&to=2025-03-31", Some(true)),
    ("/api/export.csv?user_id=2", Some(true)),
    ("/api/export.csv", Some(false)),
];

/// Writes, each of which would change the ledger.
const WRITES: &[(&str, &str, &str)] = &[
    (
        "POST",
        "/api/expenses",
        r#"{"amount": 5, "category": "Food", "date": "2025-05-20"}"#,
    ),
    (
        "PUT",
        "/api/budgets",
        r#"{"category": "Food", "month": "2025-05", "amount": 2000}"#,
    ),
    ("PATCH", "/api/expenses/13", r#"{"note": "changed"}"#),
    ("DELETE", "/api/expenses/13", ""),
    ("POST", "/api/alerts/seen", "{}"),
    ("POST", "/api/categories", r#"{"name": "Books"}"#),
];

#[test]
fn every_read_endpoint_answers_on_a_read_only_file_as_on_a_writable_copy() {
    let ledger = ReadOnlyLedger::new();
    let read_only = Server::start_command(ledger.account.command(&ledger.ledger), &[]);
    let writable = Server::start_command(ledger.account.command(&ledger.copy), &[]);
    let token = |admin: Option<bool>| {
        admin.map(|admin| {
            if admin {
                ledger.tokens.admin.as_str()
            } else {
                ledger.tokens.priya.as_str()
            }
        })
    };
    for (path, asker) in READS {
        let want = same_answer(&read_only, &writable, path, token(*asker));
        assert!(!want.body.is_empty(), "{path}: an empty answer");
    }
    // Pages of three, to the last, by the `next` each page gives.
    let mut path = "/api/expenses?limit=3".to_string();
    let mut pages = 0;
    loop {
        let page = same_answer(&read_only, &writable, &path, token(Some(true))).json();
        pages += 1;
        let Some(next) = page["next"].as_str() else {
            break;
        };
        path = format!("/api/expenses?limit=3&after={next}");
    }
    assert!(pages >= 4, "{pages} pages");
    ledger.assert_untouched();

    for (method, path, body) in WRITES {
        let body = (!body.is_empty()).then_some(*body);
        let reply = read_only.call(method, path, token(Some(true)), body);
        let message = reply.error(500);
        assert!(
            message.contains("is read-only; spend needs to write to it"),
            "{method} {path}: {message}"
        );
        ledger.assert_untouched();
    }
    // Still answering, and with the same figures.
    same_answer(
        &read_only,
        &writable,
        "/api/users/1/summary",
        token(Some(true)),
    );
    let (status, stderr) = read_only.terminate();
    assert!(status.success(), "{status:?}: {stderr}");
    // Nothing on standard error: no panic, no warning.
    assert_eq!(stderr, "", "the server's log");
    ledger.assert_untouched();
}

/// Asks both servers; both answer 200 with the same body (the same JSON, or the same
/// text); returns the answer.
fn same_answer(read_only: &Server, writable: &Server, path: &str, token: Option<&str>) -> Reply {
    let want = writable.call("GET", path, token, None);
    assert_eq!(
        want.status, 200,
        "{path} on the writable copy: {}",
        want.body
    );
    let got = read_only.call("GET", path, token, None);
    assert_eq!(got.status, 200, "{path}: {}", got.body);
    assert_eq!(got.content_type, want.content_type, "{path}");
    if want.content_type.starts_with("application/json") {
        assert_eq!(got.json(), want.json(), "{path}");
    } else {
        assert_eq!(got.body, want.body, "{path}");
    }
    got
}
