//! `spend serve` under load, as the issue sets it: many clients posting into budgeted
//! buckets get exactly the rows and alerts a one-by-one replay gives, with no error; a 201
//! survives `kill -9`; SIGTERM lets the requests in flight finish and exits 0.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use smart_spending_tracker::domain::{CategoryId, Currency, NewExpense, UserId};
use smart_spending_tracker::store::{NewUserDefaults, Store};

use crate::support::api_server::{Reply, Server, agent, make_token, send};
use crate::support::invariants::check_database;
use crate::support::ledgers::{Engine, engines};
use crate::support::{Rng, Spend};

const CLIENTS: usize = 16;
const POSTS_PER_CLIENT: usize = 500;

/// The sample's budgeted buckets of aman (user 1) in May 2025: Food, Transport, Shopping.
const BUDGETED: [i64; 3] = [1, 2, 4];

/// One client's `i`th expense: into a budgeted bucket, a few rupees, named so the replay
/// can find it.
fn body(client: usize, i: usize, rng: &mut Rng) -> String {
    let category = BUDGETED[usize::try_from(rng.below(3)).unwrap_or(0)];
    let paise = 100 + rng.below(900);
    format!(
        r#"{{"user_id": 1, "category_id": {category}, "amount": "{}.{:02}", "date": "2025-05-{:02}", "note": "c{client} #{i}"}}"#,
        paise / 100,
        paise % 100,
        1 + rng.below(28)
    )
}

/// Posts `POSTS_PER_CLIENT` expenses from each of `CLIENTS` threads at once; returns every
/// reply, by client.
fn post_from_every_client(server: &Server, token: &str) -> Vec<Vec<Reply>> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|client| {
                scope.spawn(move || {
                    let agent = agent();
                    let mut rng = Rng::new(client as u64 + 1);
                    (0..POSTS_PER_CLIENT)
                        .map(|i| {
                            let body = body(client, i, &mut rng);
                            send(
                                &agent,
                                &server.base,
                                "POST",
                                "/api/expenses",
                                Some(token),
                                Some(&body),
                                "application/json",
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client"))
            .collect()
    })
}

/// The alerts each expense fired, as (note, type, message), in the order the expenses were
/// stored.
type Fired = Vec<(String, String, String)>;

#[test]
fn sixteen_clients_get_exactly_the_rows_and_alerts_of_a_one_by_one_replay() {
    for engine in engines() {
        let spend = Spend::sample_on(&engine);
        let token = make_token(&spend, &["--user", "aman@example.com"]);
        let server = Server::start(&spend, &[]);
        let replies = post_from_every_client(&server, &token);

        let mut fired_by_server: BTreeMap<i64, Vec<(String, String)>> = BTreeMap::new();
        for reply in replies.iter().flatten() {
            assert_eq!(reply.status, 201, "{engine:?}: {}", reply.body);
            let json = reply.json();
            let id = json["id"].as_i64().expect("id");
            let alerts = json["alerts"].as_array().expect("alerts");
            fired_by_server.insert(
                id,
                alerts
                    .iter()
                    .map(|a| (text(&a["alert_type"]), text(&a["message"])))
                    .collect(),
            );
        }
        assert_eq!(
            fired_by_server.len(),
            CLIENTS * POSTS_PER_CLIENT,
            "{engine:?}: ids are unique"
        );
        drop(server);
        let stored = spend.count("SELECT count(*) FROM expenses");
        assert_eq!(
            stored,
            5 + i64::try_from(CLIENTS * POSTS_PER_CLIENT).expect("count"),
            "{engine:?}"
        );

        // The stored rows in the order they were committed, replayed one by one on a fresh
        // copy of the sample: the alerts must be the same, fired by the same expenses.
        let rows = spend.text_rows(
            // Ordered by the number, not by its text, which PostgreSQL would take `id` for.
            "SELECT CAST(e.id AS TEXT) AS id_text, CAST(e.category_id AS TEXT), CAST(e.amount AS TEXT),
                    CAST(e.date AS TEXT), e.note
             FROM expenses e WHERE e.id > 5 ORDER BY e.id",
        );
        let mut answered: Fired = Vec::new();
        let mut replayed: Fired = Vec::new();
        let mut replay = Store::open_in_memory(&NewUserDefaults::default()).expect("replay ledger");
        replay.load_sample().expect("sample");
        for row in &rows {
            let id: i64 = row[0].parse().expect("id");
            for (kind, message) in &fired_by_server[&id] {
                answered.push((row[4].clone(), kind.clone(), message.clone()));
            }
            let amount = match engine {
                Engine::Sqlite => Currency::INR.from_minor(row[2].parse().expect("minor")),
                Engine::Postgres(_) => row[2].parse().expect("decimal"),
            };
            let outcome = replay
                .add_expense(&NewExpense {
                    rate: None,
                    user_id: UserId(1),
                    category_id: CategoryId(row[1].parse().expect("category")),
                    amount,
                    currency: Currency::INR,
                    date: row[3].parse().expect("date"),
                    note: Some(row[4].clone()),
                })
                .expect("replay");
            for alert in outcome.alerts {
                replayed.push((
                    row[4].clone(),
                    alert.kind.as_str().to_string(),
                    alert.message,
                ));
            }
        }
        assert!(
            !replayed.is_empty(),
            "the load crossed no budget; it proves nothing"
        );
        assert!(replayed.iter().any(|a| a.1 == "BUDGET_EXCEEDED"));
        assert_eq!(answered, replayed, "{engine:?}");
        let stored_alerts = spend.count("SELECT count(*) FROM alerts");
        assert_eq!(
            usize::try_from(stored_alerts).ok(),
            Some(replayed.len()),
            "{engine:?}"
        );
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// Posts from `clients` threads until told to stop; returns the ids and alert ids of every
/// 201 received.
fn post_until(
    base: &str,
    token: &str,
    clients: usize,
    stop: &AtomicBool,
) -> (BTreeSet<i64>, BTreeSet<i64>) {
    let received = Mutex::new((BTreeSet::new(), BTreeSet::new()));
    std::thread::scope(|scope| {
        for client in 0..clients {
            let received = &received;
            scope.spawn(move || {
                let agent = agent();
                let mut rng = Rng::new(client as u64 + 100);
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let body = body(client, i, &mut rng);
                    let request = ureq::http::Request::builder()
                        .method("POST")
                        .uri(format!("{base}/api/expenses"))
                        .header("Authorization", format!("Bearer {token}"))
                        .header("Content-Type", "application/json")
                        .body(body)
                        .expect("request");
                    // A request cut off by the kill or the shutdown got no answer: it
                    // promised nothing.
                    let Ok(mut response) = agent.run(request) else {
                        break;
                    };
                    if response.status().as_u16() != 201 {
                        continue;
                    }
                    let Ok(text) = response.body_mut().read_to_string() else {
                        break;
                    };
                    let json: Value = serde_json::from_str(&text).expect("JSON");
                    let mut received = received.lock().expect("lock");
                    received.0.insert(json["id"].as_i64().expect("id"));
                    for alert in json["alerts"].as_array().expect("alerts") {
                        received.1.insert(alert["id"].as_i64().expect("alert id"));
                    }
                }
            });
        }
    });
    received.into_inner().expect("lock")
}

/// Waits until the server has answered at least `count` writes, by the rows it stored.
fn wait_for_rows(spend: &Spend, count: i64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while spend.count("SELECT count(*) FROM expenses") < count {
        assert!(Instant::now() < deadline, "the load did not get going");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn ids_in(spend: &Spend, table: &str) -> BTreeSet<i64> {
    spend
        .text_rows(&format!("SELECT CAST(id AS TEXT) FROM {table}"))
        .iter()
        .map(|row| row[0].parse().expect("id"))
        .collect()
}

#[test]
fn every_201_survives_kill_9_in_the_middle_of_the_load() {
    for engine in engines() {
        let spend = Spend::sample_on(&engine);
        let token = make_token(&spend, &["--user", "aman@example.com"]);
        let server = Server::start(&spend, &[]);
        let base = server.base.clone();
        let stop = AtomicBool::new(false);
        let (ids, alerts) = std::thread::scope(|scope| {
            let load = scope.spawn(|| post_until(&base, &token, 8, &stop));
            wait_for_rows(&spend, 400);
            server.kill();
            stop.store(true, Ordering::Relaxed);
            load.join().expect("load")
        });
        assert!(
            ids.len() >= 300,
            "{engine:?}: only {} writes answered",
            ids.len()
        );
        let stored = ids_in(&spend, "expenses");
        let lost: Vec<&i64> = ids.difference(&stored).collect();
        assert!(
            lost.is_empty(),
            "{engine:?}: answered 201 but not stored: {lost:?}"
        );
        let stored_alerts = ids_in(&spend, "alerts");
        assert!(
            alerts.is_subset(&stored_alerts),
            "{engine:?}: an alert answered was lost"
        );
        if engine == Engine::Sqlite {
            let (_, _) = check_database(spend.db());
        }
    }
}

#[test]
fn sigterm_finishes_the_requests_in_flight_and_exits_0() {
    let spend = Spend::with_sample();
    let token = make_token(&spend, &["--user", "aman@example.com"]);
    let server = Server::start(&spend, &[]);
    let base = server.base.clone();
    let stop = AtomicBool::new(false);
    let ((ids, _), (status, stderr)) = std::thread::scope(|scope| {
        let load = scope.spawn(|| post_until(&base, &token, 4, &stop));
        wait_for_rows(&spend, 200);
        let stopped = server.terminate();
        stop.store(true, Ordering::Relaxed);
        (load.join().expect("load"), stopped)
    });
    assert!(
        status.success(),
        "the server did not exit 0 after SIGTERM: {status:?}\n{stderr}"
    );
    assert!(ids.len() >= 150, "only {} writes answered", ids.len());
    let stored = ids_in(&spend, "expenses");
    assert!(ids.is_subset(&stored), "a write answered 201 is not stored");
}
