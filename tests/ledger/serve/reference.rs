//! The reference design's own sample requests, sent verbatim to a server without
//! authentication on a loopback address.

use crate::api_server::{Server, agent, send};
use crate::ledgers::on_every_engine;
use crate::spend_cli::Spend;

/// The reference's `app/sample_requests.http`, as it is written.
const SAMPLE_REQUESTS: &str = r#"### Create expense
POST http://localhost:5000/api/expenses
Content-Type: application/json

{
    "user_id": 1,
    "category_id": 1,
    "amount": 350.50,
    "date": "2025-05-15",
    "note": "Dinner with friends"
}

### Get user summary
GET http://localhost:5000/api/users/1/summary
"#;

/// One request of an `.http` file.
struct HttpRequest {
    method: String,
    url: String,
    body: Option<String>,
}

/// Reads an `.http` file: `###` starts a request, then its request line, its headers, a
/// blank line and its body.
fn requests(text: &str) -> Vec<HttpRequest> {
    text.split("###")
        .filter_map(|block| {
            let mut lines = block.lines().skip(1).skip_while(|l| l.trim().is_empty());
            let (method, url) = lines.next()?.split_once(' ')?;
            let rest: Vec<&str> = lines.skip_while(|l| !l.trim().is_empty()).collect();
            let body = rest.join("\n").trim().to_string();
            Some(HttpRequest {
                method: method.to_string(),
                url: url.trim().to_string(),
                body: (!body.is_empty()).then_some(body),
            })
        })
        .collect()
}

#[test]
fn the_reference_sample_requests_work_verbatim_without_authentication() {
    on_every_engine(Spend::sample_on, |spend| {
        let server = Server::start(&spend, &["--no-auth"]);
        let sent = requests(SAMPLE_REQUESTS);
        assert_eq!(sent.len(), 2);
        let agent = agent();
        let mut replies = Vec::new();
        for request in &sent {
            let path = request
                .url
                .strip_prefix("http://localhost:5000")
                .expect("the reference's address");
            replies.push(send(
                &agent,
                &server.base,
                &request.method,
                path,
                None,
                request.body.as_deref(),
                "application/json",
            ));
        }
        assert_eq!(replies[0].status, 201, "{}", replies[0].body);
        let created = replies[0].json();
        assert_eq!(created["status"], "ok");
        assert_eq!(created["id"], 6);
        assert_eq!(replies[1].status, 200, "{}", replies[1].body);
        let summary = replies[1].json();
        // Today is 2025-05-20 in these runs, so "this month" is the sample's May.
        assert_eq!(summary["total_this_month"], serde_json::json!(5150.5));
        assert!(replies[1].body.contains(r#""total_this_month":5150.50"#));
        assert_eq!(summary["categories"][0]["category"], "Food");
        assert_eq!(
            summary["categories"][0]["budget"],
            serde_json::json!(8000.0)
        );
        assert_eq!(summary["categories"][0]["spent"], serde_json::json!(1800.5));
    });
}

#[test]
fn the_sample_requests_here_are_the_reference_text() {
    let Some(reference) = crate::support::reference_design_text() else {
        return;
    };
    let lines: std::collections::HashSet<&str> = reference.lines().map(str::trim_end).collect();
    for line in SAMPLE_REQUESTS.lines() {
        assert!(
            lines.contains(line.trim_end()),
            "not in the reference: {line:?}"
        );
    }
}
