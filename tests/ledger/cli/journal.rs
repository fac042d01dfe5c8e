//! `spend export --format journal`: the real hledger reads it, its strict check passes, and
//! its monthly balances equal `spend report`, to the minor unit.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{Spend, text};

/// Whether `hledger` can be run. Without it the test is skipped with one line, except in CI
/// (`CI=true`), where `.ci/run` installs it and its absence is a failure.
fn hledger_present() -> bool {
    let found = Command::new("hledger")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var("CI").map_or(true, |ci| ci != "true"),
            "hledger is not installed, and CI=true: .ci/run installs it (apt-get install hledger)"
        );
        println!("skipped: hledger is not installed (apt-get install hledger)");
    }
    found
}

fn hledger(journal: &Path, args: &[&str]) -> String {
    let out = Command::new("hledger")
        .arg("-f")
        .arg(journal)
        .args(args)
        .output()
        .expect("run hledger");
    assert!(
        out.status.success(),
        "hledger {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(journal).unwrap_or_default()
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Months of spending in names hledger treats specially, a foreign amount and a deleted
/// category.
fn ledger() -> Spend {
    let spend = Spend::with_sample();
    for name in [
        "Eating  out",
        "Food;Drink",
        "Bills:Power",
        "खाना 🍜",
        "Fees (bank)",
    ] {
        spend.ok(&["category", "add", name]);
    }
    for (amount, category, date, note) in [
        (
            "1,234.56",
            "Eating  out",
            "2025-03-03",
            "Dinner;  with\tfriends",
        ),
        ("0.01", "Food;Drink", "2025-03-31", ""),
        ("99999.99", "Bills:Power", "2025-04-01", "Power; water"),
        ("12.30", "खाना 🍜", "2025-04-15", "थाली"),
        ("5", "Fees (bank)", "2025-04-30", "* not a status"),
        ("800", "Entertainment", "2025-02-14", "Gone later"),
    ] {
        spend.ok(&["add", amount, category, "--date", date, "--note", note]);
    }
    spend.ok(&[
        "add",
        "20",
        "Food",
        "--currency",
        "USD",
        "--rate",
        "83.5",
        "--date",
        "2025-05-03",
    ]);
    spend.ok(&["category", "delete", "Entertainment", "--force"]);
    spend
}

fn decimal(text: &str) -> Decimal {
    text.replace(',', "")
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// `hledger balance -M expenses -O csv --layout=bare`: (account, commodity) -> month -> total.
fn balances(csv_text: &str) -> BTreeMap<(String, String), BTreeMap<String, Decimal>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let mut table = BTreeMap::new();
    for record in reader.records() {
        let record = record.expect("record");
        let months = header[2..]
            .iter()
            .zip(record.iter().skip(2))
            .map(|(month, amount)| (month.clone(), decimal(amount)))
            .collect();
        table.insert((record[0].to_string(), record[1].to_string()), months);
    }
    table
}

#[test]
fn hledger_balances_equal_spend_report_to_the_minor_unit() {
    if !hledger_present() {
        return;
    }
    let spend = ledger();
    let journal = spend.dir().join("spend.journal");
    let out = spend.ok(&[
        "export",
        "--format",
        "journal",
        "-o",
        journal.to_str().expect("UTF-8"),
    ]);
    assert_eq!(
        out,
        format!("exported 11 expenses to {}\n", journal.display())
    );
    // Every account and commodity is declared: the strict check passes.
    hledger(&journal, &["check", "--strict"]);

    let table = balances(&hledger(
        &journal,
        &["balance", "-M", "expenses", "-O", "csv", "--layout=bare"],
    ));
    let report = spend.json(&["report", "--from", "2025-02", "--to", "2025-05", "--json"]);
    let totals = &table[&("total".to_string(), "INR".to_string())];
    for month in report["monthly"].as_array().expect("months") {
        let name = text(month, "month");
        let reported = decimal(text(month, "total"));
        assert_eq!(
            totals.get(name).copied().unwrap_or_default(),
            reported,
            "{name}"
        );
    }
    // Each category of each month, as the report's top categories have it.
    for month in ["2025-02", "2025-03", "2025-04", "2025-05"] {
        let report: Value = spend.json(&["report", "--month", month, "--json"]);
        for category in report["top_categories"].as_array().expect("categories") {
            let name = text(category, "category");
            let account = match name {
                "(no category)" => "expenses:(no category)".to_string(),
                other => format!(
                    "expenses:{}",
                    smart_spending_tracker::export::account_part(other)
                ),
            };
            let row = &table[&(account.clone(), "INR".to_string())];
            assert_eq!(
                row[month],
                decimal(text(category, "total")),
                "{account} {month}"
            );
        }
    }
    // The dollars count in rupees, converted (USD 20 at 83.5 is 1,670.00), as in the report.
    assert!(
        !table.contains_key(&("expenses:Food".to_string(), "USD".to_string())),
        "a converted expense is booked in the user's currency"
    );
    let accounts = hledger(&journal, &["accounts", "expenses"]);
    for safe in [
        "expenses:Eating out",
        "expenses:Food,Drink",
        "expenses:Bills-Power",
        "expenses:खाना 🍜",
    ] {
        assert!(
            accounts.lines().any(|line| line == safe),
            "{safe} in:\n{accounts}"
        );
    }
    // Notes are descriptions, with the tags beside them.
    let register = hledger(&journal, &["register", "tag:expense_id=6", "-O", "csv"]);
    assert!(register.contains("\"Dinner, with friends\""), "{register}");
}

#[test]
fn the_account_paid_from_is_configurable_and_checked() {
    if !hledger_present() {
        return;
    }
    let spend = Spend::with_sample();
    let journal = spend.ok(&[
        "export",
        "--format",
        "journal",
        "--account",
        "assets:bank:current",
    ]);
    let path = spend.dir().join("bank.journal");
    std::fs::write(&path, &journal).expect("write");
    let balance = hledger(&path, &["balance", "assets", "-O", "csv", "--layout=bare"]);
    assert!(
        balance.contains("\"assets:bank:current\",\"INR\",\"-4800.00\""),
        "{balance}"
    );
    let refused = spend.refused(&[
        "export",
        "--format",
        "journal",
        "--account",
        "assets:my  card",
    ]);
    assert!(
        refused.contains("--account \"assets:my  card\" has two spaces"),
        "{refused}"
    );
    let refused = spend.refused(&["export", "--account", "assets:bank"]);
    assert!(
        refused.contains("--account applies to --format journal"),
        "{refused}"
    );
}
