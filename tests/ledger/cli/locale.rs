//! What the reader's environment changes in text output: digit grouping from the locale
//! (or `SPEND_GROUPING`), and alert times in the local time zone. JSON never changes.

use chrono::{NaiveDateTime, TimeDelta, Timelike};

use super::Spend;
use crate::ledgers::{Engine, on_every_engine};

/// A database with an expense of one lakh and a budget it exceeds.
fn lakh(engine: &Engine) -> Spend {
    let spend = Spend::on(engine);
    spend.ok(&["budget", "set", "Food", "50000"]);
    spend.ok(&["add", "1,00,000", "Food"]);
    spend
}

fn stdout(spend: &Spend, args: &[&str], env: &[(&str, &str)]) -> String {
    let run = spend.run_with(args, env);
    assert!(run.success, "{args:?} {env:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn an_indian_locale_groups_in_lakhs_and_spend_grouping_overrides_it() {
    on_every_engine(lakh, |spend| {
        let indian = [("LC_ALL", ""), ("LANG", "en_IN.UTF-8")];
        for args in [&["list"][..], &["report"], &["budget", "list"]] {
            let shown = stdout(&spend, args, &indian);
            assert!(shown.contains("1,00,000.00"), "{args:?}:\n{shown}");
            let plain = stdout(&spend, args, &[]);
            assert!(plain.contains("100,000.00"), "{args:?}:\n{plain}");
            let chosen = stdout(&spend, args, &[("SPEND_GROUPING", "indian")]);
            assert!(chosen.contains("1,00,000.00"), "{args:?}:\n{chosen}");
            let overridden = stdout(
                &spend,
                args,
                &[
                    ("LC_ALL", ""),
                    ("LANG", "hi_IN"),
                    ("SPEND_GROUPING", "international"),
                ],
            );
            assert!(overridden.contains("100,000.00"), "{args:?}:\n{overridden}");
        }
        let json = stdout(&spend, &["list", "--json"], &indian);
        assert!(json.contains("\"100000.00\""), "{json}");
        let refused = spend.run_with(&["list"], &[("SPEND_GROUPING", "lakh")]);
        assert!(!refused.success);
        assert_eq!(
            refused.stderr,
            "error: SPEND_GROUPING \"lakh\" is not indian or international\n"
        );
    });
}

/// The time an alert line shows.
fn shown_time(line: &str) -> NaiveDateTime {
    let text: String = line
        .split("  ")
        .nth(1)
        .expect("a time after the id")
        .to_string();
    NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M").expect("a local time")
}

#[test]
fn alert_times_are_local_in_text_and_rfc_3339_in_json() {
    on_every_engine(lakh, |spend| {
        let json = spend.json(&["alerts", "--json"]);
        let fired_at = json[0]["fired_at"].as_str().expect("a time");
        let utc = chrono::DateTime::parse_from_rfc3339(fired_at)
            .expect("RFC 3339")
            .naive_utc();
        let in_utc = stdout(&spend, &["alerts"], &[("TZ", "UTC")]);
        let in_india = stdout(&spend, &["alerts"], &[("TZ", "IST-5:30")]);
        let in_utc = shown_time(&in_utc);
        assert_eq!(
            in_utc,
            utc.with_second(0).expect("a minute"),
            "to the minute"
        );
        assert_eq!(shown_time(&in_india) - in_utc, TimeDelta::minutes(330));
        let india_json = spend.run_with(&["alerts", "--json"], &[("TZ", "IST-5:30")]);
        assert!(
            india_json.stdout.contains(fired_at),
            "JSON keeps the stored time"
        );
    });
}

#[test]
fn alert_figures_are_grouped_in_text_and_plain_in_json() {
    on_every_engine(Spend::on, |spend| {
        let indian = [("SPEND_GROUPING", "indian")];
        spend.ok(&["budget", "set", "Food", "50000", "--from", "2025-04"]);
        let added = stdout(&spend, &["add", "1,00,000", "Food"], &indian);
        assert!(
            added.ends_with(
                "\nALERT BUDGET_EXCEEDED: Budget exceeded for Food for May 2025. \
                 Spent: 1,00,000.00 / 50,000.00\n"
            ),
            "{added}"
        );
        let file = spend.dir().join("april.csv");
        std::fs::write(&file, "amount,category,date\n100000,Food,2025-04-10\n").expect("write");
        let file = file.to_str().expect("a UTF-8 path");
        let imported = stdout(&spend, &["import", file], &indian);
        assert!(
            imported.ends_with(
                "\nALERT BUDGET_EXCEEDED: Budget exceeded for Food for Apr 2025. \
                 Spent: 1,00,000.00 / 50,000.00\n"
            ),
            "{imported}"
        );

        let listed = stdout(&spend, &["alerts"], &indian);
        let grouped = listed
            .lines()
            .filter(|line| line.ends_with("Spent: 1,00,000.00 / 50,000.00"))
            .count();
        assert_eq!(grouped, 2, "{listed}");
        let international = stdout(&spend, &["alerts"], &[]);
        assert!(
            international.contains("Spent: 100,000.00 / 50,000.00"),
            "{international}"
        );
        // The stored message is the reference design's text, figures plain, whoever reads it.
        let json = spend.json(&["alerts", "--json"]);
        assert_eq!(
            json[0]["message"],
            "Budget exceeded for Food for Apr 2025. Spent: 100000.00 / 50000.00"
        );
    });
}
