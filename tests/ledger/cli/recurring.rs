//! `spend recurring` and the catch-up every command runs, through the real binary: two
//! processes catching up at once post each due date once.

use std::collections::BTreeSet;
use std::process::Stdio;

use crate::cli::Spend;
use crate::ledgers::on_every_engine;

/// Lines of a run's standard error that report a posting.
fn posted_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("posted recurring expense"))
        .collect()
}

#[test]
fn two_processes_catching_up_at_once_post_each_date_once() {
    on_every_engine(Spend::sample_on, |spend| {
        // Nothing is due on the day it is added (today is 2025-05-20).
        spend.ok(&[
            "recurring",
            "add",
            "100",
            "Food",
            "--every",
            "day",
            "--from",
            "2025-06-01",
            "--note",
            "daily",
        ]);
        spend.ok(&[
            "recurring",
            "add",
            "15000",
            "Rent",
            "--every",
            "month",
            "--day",
            "31",
            "--from",
            "2025-06-01",
            "--note",
            "rent",
        ]);
        // 400 days on, two commands open the ledger at the same moment.
        let later = "2026-07-05";
        let start = |args: &[&str]| {
            spend
                .command()
                .args(args)
                .env("SPEND_TODAY", later)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start spend")
        };
        let first = start(&["recurring", "list"]);
        let second = start(&["status"]);
        let outputs = [first, second].map(|child| child.wait_with_output().expect("wait"));
        let stderr: Vec<String> = outputs
            .iter()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .collect();
        assert!(outputs[0].status.success(), "{}", stderr[0]);
        // 2025-06-01 to 2026-07-05 is 400 days; rent falls due on 13 month-ends.
        let daily = spend.text_rows(
            "SELECT CAST(date AS TEXT) FROM expenses WHERE note = 'daily' ORDER BY date",
        );
        let distinct: BTreeSet<&Vec<String>> = daily.iter().collect();
        assert_eq!(daily.len(), 400, "daily postings");
        assert_eq!(distinct.len(), 400, "a date was posted twice");
        assert_eq!(daily[0][0], "2025-06-01");
        assert_eq!(daily[399][0], later);
        assert_eq!(
            spend.count("SELECT count(*) FROM expenses WHERE note = 'rent'"),
            13
        );
        // Each posting was reported once, by whichever process made it.
        let reported: usize = stderr.iter().map(|e| posted_lines(e).len()).sum();
        assert_eq!(reported, 413, "{stderr:?}");
        // And a third process finds nothing left to do.
        let run = spend.run_with(&["recurring", "list"], &[("SPEND_TODAY", later)]);
        assert!(run.success && run.stderr.is_empty(), "{}", run.stderr);
    });
}

#[test]
fn a_posting_reports_the_budget_alert_as_spend_add_does() {
    on_every_engine(Spend::sample_on, |spend| {
        // Shopping in May 2025: 3,200.00 of 5,000.00 spent.
        let added = spend.ok(&[
            "recurring",
            "add",
            "2,000",
            "Shopping",
            "--every",
            "month",
            "--day",
            "25",
        ]);
        assert_eq!(
            added,
            "added recurring expense #1: Shopping 2,000.00 every month on day 25, next due 2025-05-25\n"
        );
        let run = spend.run_with(&["list", "--json"], &[("SPEND_TODAY", "2025-05-26")]);
        assert!(run.success, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            "posted recurring expense #6: Shopping 2,000.00 on 2025-05-25\n\
             ALERT BUDGET_EXCEEDED: Budget exceeded for Shopping for May 2025. Spent: 5,200.00 / 5,000.00\n"
        );
        // Standard output is the command's own, still JSON, with the posting in it.
        let listed: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert!(run.stdout.contains("\"2025-05-25\""), "{listed}");
        let alerts = spend.json(&["alerts", "--json"]);
        assert_eq!(alerts.as_array().map(Vec::len), Some(1), "{alerts}");
    });
}

#[test]
fn the_list_shows_each_rule_and_delete_keeps_what_was_posted() {
    let spend = Spend::with_sample();
    spend.ok(&[
        "recurring",
        "add",
        "499",
        "Entertainment",
        "--every",
        "year",
        "--from",
        "2024-02-29",
        "--note",
        "streaming",
    ]);
    spend.ok(&[
        "recurring",
        "add",
        "50",
        "Transport",
        "--every",
        "week",
        "--day",
        "1",
        "--from",
        "2025-05-21",
        "--until",
        "2025-12-31",
    ]);
    assert_eq!(
        spend.ok(&["recurring", "list"]),
        "#  Category       Amount  Repeats                                Next due    Note\n\
         1  Entertainment  499.00  every year on Feb 29                   2026-02-28  streaming\n\
         2  Transport       50.00  every week on Monday until 2025-12-31  2025-05-26\n"
    );
    let rules = spend.json(&["recurring", "list", "--json"]);
    assert_eq!(rules[1]["day"], 1);
    assert_eq!(rules[1]["until"], "2025-12-31");
    assert_eq!(
        spend.count("SELECT count(*) FROM expenses WHERE note = 'streaming'"),
        2
    );
    assert_eq!(
        spend.ok(&["recurring", "delete", "1"]),
        "deleted recurring expense #1; what it posted stays\n"
    );
    assert_eq!(
        spend.count("SELECT count(*) FROM expenses WHERE note = 'streaming'"),
        2
    );
}

#[test]
fn nonsense_is_refused_with_a_specific_error_and_changes_nothing() {
    on_every_engine(Spend::sample_on, |spend| {
        for (args, error) in [
            (
                &[
                    "recurring",
                    "add",
                    "100",
                    "Food",
                    "--every",
                    "week",
                    "--day",
                    "8",
                ][..],
                "error: day 8 is not a weekday; for a weekly expense give 1 (Monday) to 7 (Sunday)",
            ),
            (
                &[
                    "recurring",
                    "add",
                    "100",
                    "Food",
                    "--every",
                    "month",
                    "--day",
                    "32",
                ][..],
                "error: day 32 is not a day of the month; give 1 to 31 (a day a month lacks falls on its last day)",
            ),
            (
                &[
                    "recurring",
                    "add",
                    "100",
                    "Food",
                    "--every",
                    "day",
                    "--day",
                    "3",
                ][..],
                "error: a daily expense takes no day; leave the day out",
            ),
            (
                &[
                    "recurring",
                    "add",
                    "100",
                    "Food",
                    "--every",
                    "month",
                    "--from",
                    "2025-06-01",
                    "--until",
                    "2025-05-01",
                ][..],
                "error: until 2025-05-01 is before from 2025-06-01; nothing would ever be due",
            ),
            (
                &["recurring", "add", "0", "Food", "--every", "month"][..],
                "error: amount \"0\" is zero; an expense must be more than 0",
            ),
            (
                &[
                    "recurring",
                    "add",
                    "100",
                    "Food",
                    "--every",
                    "month",
                    "--day",
                    "-3",
                ][..],
                "error: --day \"-3\" is not a day; give 1 to 7 for a weekday (1 is Monday), or 1 to 31 for a day of the month",
            ),
            (
                &[
                    "recurring",
                    "add",
                    "100",
                    "Food",
                    "--every",
                    "day",
                    "--from",
                    "1925-05-20",
                ][..],
                "error: date 1925-05-20 is before 1970-01-01; if it is right, add --yes",
            ),
            (
                &["recurring", "delete", "7"][..],
                "error: no recurring expense #7; see `spend recurring list`",
            ),
        ] {
            assert_eq!(spend.refused(args), error, "{args:?}");
        }
    });
}

#[test]
fn the_server_posts_what_fell_due_before_it_answers() {
    on_every_engine(Spend::sample_on, |spend| {
        // Added on the 1st, due on the 15th; the server starts on the 20th.
        let run = spend.run_with(
            &[
                "recurring",
                "add",
                "2000",
                "Shopping",
                "--every",
                "month",
                "--day",
                "15",
                "--note",
                "plan",
            ],
            &[("SPEND_TODAY", "2025-05-01")],
        );
        assert!(run.success && run.stderr.is_empty(), "{}", run.stderr);
        assert_eq!(
            spend.count("SELECT count(*) FROM expenses WHERE note = 'plan'"),
            0
        );
        let server = crate::api_server::Server::start(&spend, &["--no-auth"]);
        assert_eq!(
            spend.count("SELECT count(*) FROM expenses WHERE note = 'plan'"),
            1
        );
        let alerts = server.call("GET", "/api/alerts?user_id=1", None, None);
        assert_eq!(alerts.status, 200, "{}", alerts.body);
        assert!(
            alerts.body.contains("Budget exceeded for Shopping"),
            "{}",
            alerts.body
        );
        let (status, _) = server.terminate();
        assert!(status.success());
    });
}
