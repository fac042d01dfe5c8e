//! Every endpoint doing its job, on every engine.

use serde_json::{Value, json};

use crate::ledgers::on_every_engine;

use super::Served;

const DINNER: &str = r#"{"user_id": 1, "category_id": 1, "amount": 350.50, "date": "2025-05-15", "note": "Dinner with friends"}"#;

#[test]
fn an_expense_posted_is_stored_exactly_and_counted_in_the_summary() {
    on_every_engine(Served::sample, |served| {
        let reply = served.aman("POST", "/api/expenses", Some(DINNER));
        assert_eq!(reply.status, 201, "{}", reply.body);
        let json = reply.json();
        assert_eq!(json["status"], "ok");
        assert_eq!(json["expense"]["amount"], "350.50");
        assert_eq!(json["alerts"], json!([]));
        let id = json["id"].as_i64().expect("id");
        let stored = served.spend.text_rows(&format!(
            "SELECT CAST(amount AS TEXT), note FROM expenses WHERE id = {id}"
        ));
        assert!(
            stored == [["35050", "Dinner with friends"]]
                || stored == [["350.50", "Dinner with friends"]],
            "{stored:?}"
        );

        let summary = served.aman("GET", "/api/users/1/summary?month=2025-05", None);
        assert_eq!(summary.status, 200);
        // Exact numbers with the currency's decimals, as text: no float rounding.
        assert!(
            summary.body.contains(r#""total_this_month":5150.50"#),
            "{}",
            summary.body
        );
        assert!(
            summary.body.contains(r#"{"category":"Food","category_id":1,"budget":8000.00,"spent":1800.50,"remaining":6199.50,"percent":23}"#),
            "{}",
            summary.body
        );
        assert_eq!(summary.json()["month"], "2025-05");
    });
}

#[test]
fn the_summary_counts_only_its_month_and_defaults_to_this_one() {
    on_every_engine(Served::sample, |served| {
        let later = r#"{"category": "food", "amount": "99", "date": "2025-06-01"}"#;
        assert_eq!(
            served.aman("POST", "/api/expenses", Some(later)).status,
            201
        );
        let may = served
            .aman("GET", "/api/users/1/summary?month=2025-05", None)
            .json();
        assert_eq!(may["total_this_month"], json!(4800.0));
        // Today is 2025-05-20 in these runs.
        let this_month = served.aman("GET", "/api/users/1/summary", None).json();
        assert_eq!(this_month, may);
        let june = served
            .aman("GET", "/api/users/1/summary?month=2025-06", None)
            .json();
        assert_eq!(june["total_this_month"], json!(99.0));
        assert_eq!(june["categories"], json!([]));
    });
}

#[test]
fn a_post_that_crosses_a_budget_answers_with_its_alert() {
    on_every_engine(Served::sample, |served| {
        let body = r#"{"category_id": 4, "amount": "2000", "date": "2025-05-20"}"#;
        let json = served.aman("POST", "/api/expenses", Some(body)).json();
        let alerts = json["alerts"].as_array().expect("alerts");
        assert_eq!(alerts.len(), 1, "{json}");
        assert_eq!(alerts[0]["alert_type"], "BUDGET_EXCEEDED");
        assert_eq!(
            alerts[0]["message"],
            "Budget exceeded for Shopping for May 2025. Spent: 5200.00 / 5000.00"
        );
        let listed = served.aman("GET", "/api/alerts?unseen=true", None).json();
        assert_eq!(listed[0]["id"], alerts[0]["id"]);
        let seen = served.aman("POST", "/api/alerts/seen", Some("{}")).json();
        assert_eq!(seen["marked"], 1);
        assert_eq!(
            served.aman("GET", "/api/alerts?unseen=true", None).json(),
            json!([])
        );
        assert_eq!(
            served.aman("GET", "/api/alerts", None).json()[0]["seen"],
            true
        );
    });
}

#[test]
fn pages_of_expenses_come_newest_first_by_key_until_the_last() {
    on_every_engine(Served::sample, |served| {
        for day in 12..=19 {
            let body = format!(r#"{{"category": "Food", "amount": 10, "date": "2025-05-{day}"}}"#);
            assert_eq!(
                served.aman("POST", "/api/expenses", Some(&body)).status,
                201
            );
        }
        let whole = served
            .aman("GET", "/api/expenses?month=2025-05&limit=1000", None)
            .json();
        let whole: Vec<Value> = whole["expenses"].as_array().expect("list").clone();
        assert_eq!(whole.len(), 12);
        let dates: Vec<&str> = whole
            .iter()
            .map(|e| e["date"].as_str().expect("date"))
            .collect();
        let mut sorted = dates.clone();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first");

        let mut paged = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let after = next
                .as_ref()
                .map(|n| format!("&after={n}"))
                .unwrap_or_default();
            let page = served
                .aman(
                    "GET",
                    &format!("/api/expenses?month=2025-05&limit=5{after}"),
                    None,
                )
                .json();
            paged.extend(page["expenses"].as_array().expect("page").iter().cloned());
            match page["next"].as_str() {
                Some(key) => next = Some(key.to_string()),
                None => break,
            }
        }
        assert_eq!(paged, whole);

        let food = served
            .aman("GET", "/api/expenses?category=food&q=lunch", None)
            .json();
        assert_eq!(food["expenses"].as_array().map(Vec::len), Some(1), "{food}");
        let range = served
            .aman("GET", "/api/expenses?from=2025-05-10&to=2025-05-11", None)
            .json();
        assert_eq!(
            range["expenses"].as_array().map(Vec::len),
            Some(2),
            "{range}"
        );
    });
}

#[test]
fn an_expense_is_read_changed_and_deleted_with_the_alerts_each_fires() {
    on_every_engine(Served::sample, |served| {
        let read = served.aman("GET", "/api/expenses/4", None).json();
        assert_eq!(read["note"], "New headphones");
        let patch = r#"{"amount": 6000, "note": null}"#;
        let changed = served.aman("PATCH", "/api/expenses/4", Some(patch)).json();
        assert_eq!(changed["expense"]["amount"], "6000.00");
        assert_eq!(changed["expense"]["note"], Value::Null);
        assert_eq!(
            changed["alerts"][0]["alert_type"], "BUDGET_EXCEEDED",
            "{changed}"
        );
        let moved = served
            .aman(
                "PATCH",
                "/api/expenses/4",
                Some(r#"{"category": "Rent", "date": "2025-05-01"}"#),
            )
            .json();
        assert_eq!(moved["expense"]["category"], "Rent");
        assert_eq!(moved["expense"]["amount"], "6000.00");
        let deleted = served.aman("DELETE", "/api/expenses/4", None);
        assert_eq!(deleted.status, 200);
        assert_eq!(deleted.json()["expense"]["id"], 4);
        served.aman("GET", "/api/expenses/4", None).error(404);
        assert_eq!(served.expenses(), 4);
    });
}

#[test]
fn users_categories_and_budgets_are_listed_and_added() {
    on_every_engine(Served::sample, |served| {
        let users = served
            .server
            .call("GET", "/api/users", Some(&served.admin), None)
            .json();
        assert_eq!(users.as_array().map(Vec::len), Some(2));
        let priya = json!({"name": "Ravi", "email": "ravi@example.com", "currency": "USD"});
        let added = served.server.call(
            "POST",
            "/api/users",
            Some(&served.admin),
            Some(&priya.to_string()),
        );
        assert_eq!(added.status, 201, "{}", added.body);
        assert_eq!(added.json()["currency"], "USD");

        let category = served.aman("POST", "/api/categories", Some(r#"{"name": "Health"}"#));
        assert_eq!(category.status, 201);
        let categories = served.aman("GET", "/api/categories", None).json();
        assert!(
            categories
                .as_array()
                .expect("list")
                .iter()
                .any(|c| c["name"] == "Health")
        );
        assert_eq!(
            served
                .aman("POST", "/api/categories", Some(r#"{"name": "health"}"#))
                .error(409),
            "category \"Health\" already exists"
        );

        let set = r#"{"category": "Food", "month": "2025-05", "amount": "1000.50"}"#;
        let set = served.aman("PUT", "/api/budgets", Some(set)).json();
        assert_eq!(set["amount"], "1000.50");
        assert_eq!(set["alerts"][0]["alert_type"], "BUDGET_EXCEEDED", "{set}");
        let budgets = served
            .aman("GET", "/api/budgets?month=2025-05", None)
            .json();
        let food = budgets
            .as_array()
            .expect("list")
            .iter()
            .find(|b| b["category"] == "Food")
            .cloned()
            .expect("food");
        assert_eq!(food["budget"], "1000.50");
        assert_eq!(food["spent"], "1450.00");
        assert_eq!(food["remaining"], "-449.50");
    });
}

#[test]
fn the_report_and_the_csv_are_the_command_lines_own() {
    on_every_engine(Served::sample, |served| {
        let report = served
            .aman("GET", "/api/users/1/report?month=2025-05", None)
            .json();
        let cli = served.spend.json(&[
            "--user",
            "aman@example.com",
            "report",
            "--month",
            "2025-05",
            "--json",
        ]);
        assert_eq!(report, cli);

        let csv = served.aman("GET", "/api/export.csv?month=2025-05", None);
        assert_eq!(csv.status, 200);
        assert!(
            csv.content_type.starts_with("text/csv"),
            "{}",
            csv.content_type
        );
        let cli = served
            .spend
            .ok(&["--user", "aman@example.com", "export", "--month", "2025-05"]);
        assert_eq!(csv.body, cli);
        let everyone = served
            .server
            .call("GET", "/api/export.csv", Some(&served.admin), None);
        assert_eq!(everyone.body.lines().count(), 6, "{}", everyone.body);
    });
}

#[test]
fn health_and_the_description_need_no_token_and_name_every_endpoint() {
    on_every_engine(Served::sample, |served| {
        assert_eq!(
            served.server.call("GET", "/healthz", None, None).json()["status"],
            "ok"
        );
        let doc = served
            .server
            .call("GET", "/api/openapi.json", None, None)
            .json();
        assert!(
            doc["openapi"]
                .as_str()
                .is_some_and(|v| v.starts_with("3.1")),
            "{}",
            doc["openapi"]
        );
        let paths = doc["paths"].as_object().expect("paths");
        for (path, methods) in [
            ("/api/expenses", &["get", "post"][..]),
            ("/api/expenses/{id}", &["get", "patch", "delete"]),
            ("/api/users", &["get", "post"]),
            ("/api/users/{id}/summary", &["get"]),
            ("/api/users/{id}/report", &["get"]),
            ("/api/categories", &["get", "post"]),
            ("/api/budgets", &["get", "put"]),
            ("/api/alerts", &["get"]),
            ("/api/alerts/seen", &["post"]),
            ("/api/export.csv", &["get"]),
            ("/healthz", &["get"]),
        ] {
            for method in methods {
                assert!(
                    paths[path][method].is_object(),
                    "{method} {path} is not described"
                );
            }
        }
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
    });
}

#[test]
fn the_summary_follows_every_change_whoever_makes_it() {
    on_every_engine(Served::sample, |served| {
        let total = |served: &Served| {
            served
                .aman("GET", "/api/users/1/summary?month=2025-05", None)
                .json()["total_this_month"]
                .clone()
        };
        assert_eq!(total(&served), json!(4800.0));
        assert_eq!(total(&served), json!(4800.0), "asked twice, the same");
        let body = r#"{"category": "Food", "amount": "0.25", "date": "2025-05-03"}"#;
        assert_eq!(served.aman("POST", "/api/expenses", Some(body)).status, 201);
        assert_eq!(
            total(&served),
            json!(4800.25),
            "after the server's own write"
        );
        served.spend.ok(&[
            "--user",
            "aman@example.com",
            "add",
            "100",
            "Food",
            "--date",
            "2025-05-04",
        ]);
        assert_eq!(
            total(&served),
            json!(4900.25),
            "after another process's write"
        );
        served
            .spend
            .ok(&["--user", "aman@example.com", "delete", "1"]);
        assert_eq!(
            total(&served),
            json!(4650.25),
            "after another process's delete"
        );
    });
}

#[test]
fn a_field_or_parameter_left_empty_is_one_left_out() {
    on_every_engine(Served::sample, |served| {
        let body = r#"{"category_id": 2, "category": "", "currency": "", "amount": 5, "date": "2025-05-06"}"#;
        let json = served.aman("POST", "/api/expenses", Some(body)).json();
        assert_eq!(json["expense"]["category"], "Transport", "{json}");
        assert_eq!(json["expense"]["currency"], "INR");
        let summary = served
            .aman("GET", "/api/users/1/summary?month=", None)
            .json();
        assert_eq!(summary["month"], "2025-05", "this month");
        let page = served
            .aman("GET", "/api/expenses?month=&limit=&after=&q=", None)
            .json();
        assert_eq!(page["expenses"].as_array().map(Vec::len), Some(5), "{page}");
    });
}

#[test]
fn a_standing_budget_set_while_serving_holds_in_later_months_the_server_reads() {
    on_every_engine(Served::sample, |served| {
        // Set from another process while the server runs, as a person at the terminal would.
        served.spend.ok(&["budget", "set", "Entertainment", "1500"]);
        for month in ["2025-05", "2025-09", "2026-02"] {
            let summary = served
                .aman("GET", &format!("/api/users/1/summary?month={month}"), None)
                .json();
            let entertainment = summary["categories"]
                .as_array()
                .expect("categories")
                .iter()
                .find(|c| c["category"] == "Entertainment")
                .cloned();
            assert_eq!(
                entertainment.map(|c| c["budget"].clone()),
                Some(json!(1500.0)),
                "{month}: {summary}"
            );
        }
        let budgets = served
            .aman("GET", "/api/budgets?month=2026-03", None)
            .json();
        assert_eq!(budgets.as_array().map(Vec::len), Some(1), "{budgets}");
    });
}
