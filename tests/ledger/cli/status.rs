//! `spend status`: one line for a prompt, exit codes 0/1/2 by level (3 when it cannot
//! tell), `--json` and `--format`.

use super::{Spend, text};
use crate::spend_cli::{Run, fails};

fn status(spend: &Spend, args: &[&str]) -> Run {
    let mut all = vec!["status"];
    all.extend_from_slice(args);
    spend.run(&all)
}

#[test]
fn the_line_and_exit_code_follow_the_worst_budget() {
    let spend = Spend::with_sample();
    let within = status(&spend, &[]);
    assert_eq!(
        (within.code, within.stdout.as_str()),
        (Some(0), "May 2025 · 4,800.00 of 15,000.00\n")
    );
    spend.ok(&["budget", "warn", "60"]);
    let warning = status(&spend, &[]);
    assert_eq!(
        (warning.code, warning.stdout.as_str()),
        (
            Some(1),
            "May 2025 · 4,800.00 of 15,000.00 · Shopping at 64%\n"
        )
    );
    spend.ok(&["add", "2000", "Shopping"]);
    let over = status(&spend, &[]);
    assert_eq!(
        (over.code, over.stdout.as_str(), over.stderr.as_str()),
        (
            Some(2),
            "May 2025 · 6,800.00 of 15,000.00 · Shopping over by 200.00 · 1 unseen alert\n",
            ""
        )
    );
    spend.ok(&["alerts", "--mark-seen"]);
    let seen = status(&spend, &["--month", "2025-04"]);
    assert_eq!(
        (seen.code, seen.stdout.as_str()),
        (Some(0), "Apr 2025 · 0.00 spent · no budgets\n")
    );
}

#[test]
fn templates_and_json_carry_the_same_figures() {
    let spend = Spend::with_sample();
    spend.ok(&["add", "2000", "Shopping"]);
    let short = status(
        &spend,
        &["--format", "{spent}/{budget} {level} {{{alerts}}}"],
    );
    assert_eq!(
        (short.code, short.stdout.as_str()),
        (Some(2), "6,800.00/15,000.00 exceeded {1}\n")
    );
    let run = status(&spend, &["--json"]);
    assert_eq!(run.code, Some(2));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        text(&json, "line"),
        "May 2025 · 6,800.00 of 15,000.00 · Shopping over by 200.00 · 1 unseen alert"
    );
    assert_eq!(
        (
            text(&json, "spent"),
            text(&json, "budget"),
            text(&json, "level")
        ),
        ("6800.00", "15000.00", "exceeded")
    );
    assert_eq!(json["exit_code"], 2);
    assert_eq!(json["exceeded"][0]["category"], "Shopping");
    assert_eq!(json["exceeded"][0]["over"], "200.00");
    assert_eq!(json["unseen_alerts"], 1);
    let indian = spend.run_with(
        &["status", "--format", "{budget}"],
        &[("SPEND_GROUPING", "indian")],
    );
    assert_eq!(indian.stdout, "15,000.00\n");
}

#[test]
fn errors_exit_3_with_one_line_and_change_nothing() {
    let spend = Spend::with_sample();
    spend.ok(&["add", "2000", "Shopping"]);
    for args in [
        &["status", "--format", "{spnt}"][..],
        &["status", "--format", "{spent"],
        &["--user", "nobody@example.com", "status"],
        &["status", "--month", "2025-13"],
        &["status", "--jsn"],
        &["--db", "/nonexistent/dir/x.db", "status"],
    ] {
        let before = spend.snapshot();
        let run = spend.run(args);
        assert_eq!(run.code, Some(3), "{args:?}: {}", run.stderr);
        fails(&run, args);
        assert_eq!(spend.snapshot(), before, "{args:?}");
    }
    let unknown = spend.run(&["status", "--format", "{spnt}"]);
    assert!(
        unknown.stderr.starts_with(
            "error: --format names {spnt}, which is not a placeholder; use one of {month},"
        ),
        "{}",
        unknown.stderr
    );
    // Other commands keep their codes.
    assert_eq!(spend.run(&["list", "--jsn"]).code, Some(2));
    assert_eq!(
        spend.run(&["--user", "nobody@example.com", "list"]).code,
        Some(1)
    );
}
