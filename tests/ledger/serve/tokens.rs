//! Tokens: every request needs one, a user's token reaches that user alone and cannot even
//! tell another user exists, an admin's reaches all, a revoked one stops working, and the
//! ledger keeps no secret.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::api_server::{Server, make_token};
use crate::ledgers::on_every_engine;
use crate::spend_cli::Spend;

use super::Served;

#[test]
fn requests_without_a_valid_token_are_401_and_a_user_token_cannot_add_users_403() {
    on_every_engine(Served::sample, |served| {
        let server = &served.server;
        let before = served.spend.snapshot();
        let dinner = r#"{"category_id": 1, "amount": 1, "date": "2025-05-01"}"#;
        for token in [
            None,
            Some("nonsense"),
            Some("spend_1_00"),
            Some("spend_999_00"),
        ] {
            let reply = server.call("POST", "/api/expenses", token, Some(dinner));
            reply.error(401);
            server
                .call("GET", "/api/users/1/summary", token, None)
                .error(401);
        }
        // A real token number with another token's secret is no token either.
        let (_, secret) = served.priya.rsplit_once('_').expect("secret");
        let forged = format!("spend_1_{secret}");
        server
            .call("GET", "/api/expenses", Some(&forged), None)
            .error(401);
        let body = json!({"name": "Eve", "email": "eve@example.com"}).to_string();
        let message = served.aman("POST", "/api/users", Some(&body)).error(403);
        assert!(message.contains("admin"), "{message}");
        assert_eq!(served.spend.snapshot(), before);
    });
}

#[test]
fn a_user_token_meets_another_users_data_as_missing() {
    on_every_engine(Served::sample, |served| {
        // Expense 5 is priya's; user 2 is priya.
        let missing_user = served
            .aman("GET", "/api/users/999/summary", None)
            .error(404);
        assert_eq!(missing_user, "no user #999");
        let before = served.spend.snapshot();
        for (method, path, body) in [
            ("GET", "/api/users/2/summary", None),
            ("GET", "/api/users/2/report", None),
            ("GET", "/api/expenses?user_id=2", None),
            ("GET", "/api/budgets?user_id=2", None),
            ("GET", "/api/alerts?user_id=2", None),
            ("GET", "/api/export.csv?user_id=2", None),
            ("POST", "/api/alerts/seen", Some(r#"{"user_id": 2}"#)),
            (
                "PUT",
                "/api/budgets",
                Some(r#"{"user_id": 2, "category_id": 1, "amount": 1}"#),
            ),
            (
                "POST",
                "/api/expenses",
                Some(r#"{"user_id": 2, "category_id": 1, "amount": 1, "date": "2025-05-01"}"#),
            ),
        ] {
            let message = served.aman(method, path, body).error(404);
            assert_eq!(message, "no user #2", "{method} {path}");
        }
        for (method, body) in [
            ("GET", None),
            ("PATCH", Some(r#"{"amount": 1}"#)),
            ("DELETE", None),
        ] {
            let message = served.aman(method, "/api/expenses/5", body).error(404);
            assert_eq!(message, "no expense #5", "{method}");
            assert_eq!(
                served.aman(method, "/api/expenses/555", body).error(404),
                "no expense #555"
            );
        }
        assert_eq!(
            served.spend.snapshot(),
            before,
            "nothing of priya's changed"
        );
        let users = served.aman("GET", "/api/users", None).json();
        assert_eq!(users.as_array().map(Vec::len), Some(1));
        assert_eq!(users[0]["email"], "aman@example.com");
        let mine = served.aman("GET", "/api/export.csv", None);
        let owners: Vec<&str> = mine
            .body
            .lines()
            .skip(1)
            .filter_map(|line| line.split(',').nth(1))
            .collect();
        assert_eq!(owners, ["1"; 4], "{}", mine.body);

        // Priya's own token, and the admin's, reach her data.
        let hers = served
            .server
            .call("GET", "/api/expenses/5", Some(&served.priya), None);
        assert_eq!(hers.json()["note"], "Dinner");
        let admin = served
            .server
            .call("GET", "/api/users/2/summary", Some(&served.admin), None);
        assert_eq!(admin.json()["total_this_month"], json!(300.0));
    });
}

#[test]
fn a_revoked_token_stops_working_within_a_second_and_a_new_one_works_at_once() {
    let spend = Spend::with_sample();
    let server = Server::start(&spend, &[]);
    let first = make_token(&spend, &["--user", "aman@example.com"]);
    assert_eq!(
        server
            .call("GET", "/api/expenses", Some(&first), None)
            .status,
        200
    );
    let listed = spend.json(&["token", "list", "--json"]);
    let id = listed[0]["id"].as_i64().expect("id").to_string();
    assert!(
        !spend
            .ok(&["token", "list"])
            .contains(first.rsplit('_').next().expect("secret"))
    );
    spend.ok(&["token", "revoke", &id]);
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let status = server
            .call("GET", "/api/expenses", Some(&first), None)
            .status;
        if status == 401 {
            break;
        }
        assert!(Instant::now() < deadline, "still {status} after revoking");
        std::thread::sleep(Duration::from_millis(50));
    }
    let second = make_token(&spend, &["--user", "aman@example.com"]);
    assert_eq!(
        server
            .call("GET", "/api/expenses", Some(&second), None)
            .status,
        200
    );
    let revoked_again = spend.run(&["token", "revoke", &id]);
    assert!(
        revoked_again.stderr.contains(&format!("no token #{id}")),
        "{}",
        revoked_again.stderr
    );
}

#[test]
fn the_ledger_keeps_only_a_hash_of_each_secret() {
    on_every_engine(Spend::sample_on, |spend| {
        let token = make_token(&spend, &["--user", "aman@example.com", "--name", "phone"]);
        let secret = token.rsplit('_').next().expect("secret");
        let snapshot = format!("{:?}", spend.snapshot());
        assert!(!snapshot.contains(secret), "the secret is stored");
        let listed = spend.json(&["token", "list", "--json"]);
        assert_eq!(listed[0]["name"], "phone");
        assert_eq!(listed[0]["user"], "aman@example.com");
        assert_eq!(listed[0]["admin"], false);
        let refused = spend.run(&["token", "create", "--user", "nobody@example.com"]);
        assert!(!refused.success);
    });
}

#[test]
fn no_auth_is_refused_off_loopback() {
    let spend = Spend::with_sample();
    let run = spend.run(&["serve", "--no-auth", "--listen", "0.0.0.0:0"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("--no-auth is only allowed on a loopback address"),
        "{}",
        run.stderr
    );
}
