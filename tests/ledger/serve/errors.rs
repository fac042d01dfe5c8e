//! Every error a client can meet: the reference's `{"status": "error", "message": …}` with
//! the right code, and nothing written.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::ledgers::on_every_engine;

use super::Served;

/// Sends a request and checks it was refused with `status` and changed no table.
fn refused(served: &Served, method: &str, path: &str, body: Option<&str>, status: u16) -> String {
    let before = served.spend.snapshot();
    let message = served.aman(method, path, body).error(status);
    assert_eq!(served.spend.snapshot(), before, "{method} {path} wrote");
    message
}

#[test]
fn bad_bodies_are_400_and_write_nothing() {
    on_every_engine(Served::sample, |served| {
        for (body, says) in [
            ("{\"amount\": 1,", "not valid JSON"),
            ("[1, 2]", "must be a JSON object"),
            (
                r#"{"category_id": "1", "amount": 1, "date": "2025-05-01"}"#,
                "field category_id",
            ),
            (r#"{"category_id": 1, "amount": 1}"#, "missing field `date`"),
            (
                r#"{"category_id": 1, "date": "2025-05-01"}"#,
                "missing field `amount`",
            ),
            (r#"{"amount": 1, "date": "2025-05-01"}"#, "category_id"),
            (
                r#"{"category_id": 1, "amount": 1.005, "date": "2025-05-01"}"#,
                "1.005",
            ),
            (
                r#"{"category_id": 1, "amount": -5, "date": "2025-05-01"}"#,
                "amount",
            ),
            (
                r#"{"category_id": 1, "amount": 0, "date": "2025-05-01"}"#,
                "amount",
            ),
            (
                r#"{"category_id": 1, "amount": "lots", "date": "2025-05-01"}"#,
                "amount",
            ),
            (
                r#"{"category_id": 1, "amount": true, "date": "2025-05-01"}"#,
                "amount",
            ),
            (
                r#"{"category_id": 1, "amount": 1e400, "date": "2025-05-01"}"#,
                "amount",
            ),
            (
                r#"{"category_id": 1, "amount": 1, "date": "2025-02-30"}"#,
                "2025-02-30",
            ),
            (
                r#"{"category_id": 1, "amount": 1, "date": "30/05/2025"}"#,
                "YYYY-MM-DD",
            ),
            (
                r#"{"category_id": 1, "amount": 1, "date": "2025-05-01", "currency": "XYZ1"}"#,
                "currency",
            ),
            (
                r#"{"user_id": "one", "category_id": 1, "amount": 1, "date": "2025-05-01"}"#,
                "user_id",
            ),
        ] {
            let message = refused(&served, "POST", "/api/expenses", Some(body), 400);
            assert!(message.contains(says), "{body}: {message}");
        }
        refused(&served, "GET", "/api/expenses?limit=0", None, 400);
        refused(&served, "GET", "/api/expenses?month=2025-13", None, 400);
        refused(&served, "GET", "/api/expenses?after=yesterday", None, 400);
        refused(&served, "GET", "/api/users/1/summary?month=May", None, 400);
        refused(
            &served,
            "GET",
            "/api/export.csv?from=2025-05-10&to=2025-05-01",
            None,
            400,
        );
        refused(
            &served,
            "PATCH",
            "/api/expenses/1",
            Some(r#"{"amount": "1.001"}"#),
            400,
        );
        refused(
            &served,
            "PUT",
            "/api/budgets",
            Some(r#"{"category": "Food", "amount": -1}"#),
            400,
        );
    });
}

#[test]
fn unknown_users_categories_and_expenses_are_404() {
    on_every_engine(Served::sample, |served| {
        let admin = |method, path: &str, body: Option<&str>| {
            served.server.call(method, path, Some(&served.admin), body)
        };
        let body = r#"{"user_id": 99, "category_id": 1, "amount": 1, "date": "2025-05-01"}"#;
        assert_eq!(
            admin("POST", "/api/expenses", Some(body)).error(404),
            "no user #99"
        );
        let body = r#"{"category_id": 77, "amount": 1, "date": "2025-05-01"}"#;
        assert_eq!(
            refused(&served, "POST", "/api/expenses", Some(body), 404),
            "no category #77"
        );
        let budget = r#"{"category_id": 77, "month": "2025-05", "amount": 100}"#;
        assert_eq!(
            refused(&served, "PUT", "/api/budgets", Some(budget), 404),
            "no category #77"
        );
        let patch = r#"{"category_id": 77}"#;
        assert_eq!(
            refused(&served, "PATCH", "/api/expenses/1", Some(patch), 404),
            "no category #77"
        );
        let body = r#"{"category": "Yachts", "amount": 1, "date": "2025-05-01"}"#;
        let message = refused(&served, "POST", "/api/expenses", Some(body), 404);
        assert!(
            message.starts_with("unknown category \"Yachts\""),
            "{message}"
        );
        assert_eq!(
            refused(&served, "GET", "/api/expenses/999", None, 404),
            "no expense #999"
        );
        refused(
            &served,
            "PATCH",
            "/api/expenses/999",
            Some(r#"{"amount": 1}"#),
            404,
        );
        refused(&served, "DELETE", "/api/expenses/999", None, 404);
        assert_eq!(
            admin("GET", "/api/users/99/summary", None).error(404),
            "no user #99"
        );
        refused(
            &served,
            "POST",
            "/api/alerts/seen",
            Some(r#"{"ids": [12345]}"#),
            404,
        );
        let message = refused(&served, "GET", "/api/nothing/here", None, 404);
        assert!(message.contains("/api/nothing/here"), "{message}");
    });
}

#[test]
fn wrong_methods_types_and_sizes_are_405_415_and_413() {
    on_every_engine(Served::sample, |served| {
        let message = refused(&served, "DELETE", "/api/users/1/summary", None, 405);
        assert!(message.contains("DELETE"), "{message}");
        refused(&served, "PUT", "/api/expenses", Some("{}"), 405);
        let before = served.spend.snapshot();
        let form = served.server.call_with(
            "POST",
            "/api/expenses",
            Some(&served.aman),
            Some("amount=1&date=2025-05-01"),
            "application/x-www-form-urlencoded",
        );
        assert!(form.error(415).contains("application/json"));
        let note = "x".repeat(70 * 1024);
        let big =
            format!(r#"{{"category_id": 1, "amount": 1, "date": "2025-05-01", "note": "{note}"}}"#);
        assert!(
            served
                .aman("POST", "/api/expenses", Some(&big))
                .error(413)
                .contains("64 KiB")
        );
        assert_eq!(served.spend.snapshot(), before);
    });
}

#[test]
fn garbage_on_the_wire_gets_an_answer_and_the_server_stays_up() {
    on_every_engine(Served::sample, |served| {
        let address = served.server.base.trim_start_matches("http://").to_string();
        // Bytes that are no HTTP at all are refused by the protocol layer, before any
        // route: a bare 400. Requests that parse get the JSON error every route gives.
        for (garbage, json) in [
            (&b"\x00\x01\x02 hello\r\n\r\n"[..], false),
            (b"GET /api/expenses HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", false),
            (b"BREW /api/expenses HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", true),
            (b"GET /api/users/%FF%FE/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", true),
            (b"GET /api/expenses?limit=-1&limit=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", true),
        ] {
            let mut stream = TcpStream::connect(&address).expect("connect");
            stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
            stream.write_all(garbage).expect("send");
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
            let answer = String::from_utf8_lossy(&answer);
            assert!(answer.starts_with("HTTP/1.1 4"), "{garbage:?} got {answer:?}");
            if json {
                assert!(answer.contains("{\"status\":\"error\",\"message\":"), "{answer}");
            }
        }
        let served_ok = served.aman("GET", "/api/users/1/summary", None);
        assert_eq!(served_ok.status, 200);
    });
}

#[test]
fn a_request_that_takes_too_long_is_answered_408_in_json() {
    let spend = crate::spend_cli::Spend::with_sample();
    let token = crate::api_server::make_token(&spend, &["--user", "aman@example.com"]);
    let server = crate::api_server::Server::start(&spend, &["--timeout", "1"]);
    let address = server.base.trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    // The headers promise a body that never comes.
    let head = format!(
        "POST /api/expenses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).expect("send");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.contains(r#"{"status":"error","message":"the request took too long"}"#),
        "{answer}"
    );
    assert_eq!(spend.count("SELECT count(*) FROM expenses"), 5);
}

#[test]
fn connections_over_the_cap_wait_until_one_closes() {
    let spend = crate::spend_cli::Spend::with_sample();
    let server = crate::api_server::Server::start(&spend, &["--max-connections", "1"]);
    let address = server.base.trim_start_matches("http://").to_string();
    let ask = |read_for: Duration| -> String {
        let mut stream = TcpStream::connect(&address).expect("connect");
        stream.set_read_timeout(Some(read_for)).expect("timeout");
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("send");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    };
    let holder = TcpStream::connect(&address).expect("the one connection");
    // Give the server the moment it needs to take the first connection.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(ask(Duration::from_millis(500)), "", "answered past the cap");
    drop(holder);
    assert!(ask(Duration::from_secs(10)).starts_with("HTTP/1.1 200"));
}

#[test]
fn an_error_to_a_request_with_a_body_closes_the_connection() {
    let spend = crate::spend_cli::Spend::with_sample();
    let token = crate::api_server::make_token(&spend, &["--user", "aman@example.com"]);
    let server = crate::api_server::Server::start(&spend, &[]);
    let address = server.base.trim_start_matches("http://").to_string();
    // Keep-alive requests whose bodies the server refuses unread: no token, and a type it
    // does not take. Each answer says the connection closes, and it does.
    for head in [
        "POST /api/expenses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n".to_string(),
        format!(
            "POST /api/expenses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: text/plain\r\n"
        ),
    ] {
        let mut stream = TcpStream::connect(&address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let request = format!("{head}Content-Length: 13\r\n\r\n{{\"amount\": 1}}");
        stream.write_all(request.as_bytes()).expect("send");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("the server closes");
        let answer = String::from_utf8_lossy(&answer).to_lowercase();
        assert!(answer.starts_with("http/1.1 4"), "{answer}");
        assert!(answer.contains("\r\nconnection: close\r\n"), "{answer}");
    }
    // A request without a body keeps its connection for the next one.
    let mut stream = TcpStream::connect(&address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .expect("timeout");
    stream
        .write_all(b"GET /api/expenses HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("send");
    let mut answer = [0_u8; 4096];
    let read = stream.read(&mut answer).expect("an answer");
    let answer = String::from_utf8_lossy(&answer[..read]).to_lowercase();
    assert!(answer.starts_with("http/1.1 401"), "{answer}");
    assert!(!answer.contains("connection: close"), "{answer}");
}
