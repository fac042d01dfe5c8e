//! The decimal mark amounts are typed and shown with: the usual one of the user's currency
//! (`,` for euros, `.` for rupees), or the config's `decimal`. An amount that reads two ways
//! is refused with both readings; CSV and JSON stay plain with `.`.

use super::Spend;
use crate::spend_cli::config_beside;

/// A new ledger whose first user keeps their books in euros.
fn euro_ledger() -> Spend {
    let spend = Spend::new();
    let run = spend.run_with(&["user", "list"], &[("SPEND_CURRENCY", "EUR")]);
    assert!(run.success, "{}", run.stderr);
    spend
}

fn amounts(spend: &Spend) -> Vec<String> {
    let list = spend.json(&["list", "--json"]);
    let mut amounts: Vec<String> = list["expenses"]
        .as_array()
        .expect("expenses")
        .iter()
        .map(|e| e["amount"].as_str().expect("an amount").to_string())
        .collect();
    amounts.sort();
    amounts
}

#[test]
fn a_euro_user_adds_with_a_decimal_comma_and_reads_one() {
    let spend = euro_ledger();
    spend.ok(&["add", "12,50", "Food"]);
    spend.ok(&["add", "1.234,50", "Food"]);
    spend.ok(&["add", "1.234", "Food"]);
    spend.ok(&["budget", "set", "Food", "2.000,00"]);
    assert_eq!(amounts(&spend), ["12.50", "1234.00", "1234.50"]);
    let list = spend.ok(&["list"]);
    assert!(
        list.contains("12,50") && list.contains("1.234,50"),
        "people read a decimal comma:\n{list}"
    );
    let budgets = spend.ok(&["budget", "list"]);
    assert!(budgets.contains("2.000,00"), "{budgets}");
    let csv = spend.ok(&["export"]);
    assert!(
        csv.contains(",12.50,EUR,"),
        "CSV stays plain for programs:\n{csv}"
    );
}

#[test]
fn an_amount_that_reads_two_ways_is_refused_with_both_readings() {
    let spend = euro_ledger();
    let error = spend.refused(&["add", "1,500", "Food"]);
    assert_eq!(
        error,
        "error: amount \"1,500\" is ambiguous: 1,50 or 1500,00; type 1,50 or 1500"
    );
    // Three decimals cannot be euros, so the comma is read as the user's decimal mark and
    // refused for that, with the thousands reading offered.
    let error = spend.refused(&["add", "1,234", "Food"]);
    assert_eq!(
        error,
        "error: amount \"1,234\" has 3 decimals; EUR allows 2 (for 1234,00 type 1234 or 1.234)"
    );
    // A rupee user's point before three digits reads two ways too.
    let rupees = Spend::with_sample();
    let error = rupees.refused(&["add", "1.500", "Food"]);
    assert_eq!(
        error,
        "error: amount \"1.500\" is ambiguous: 1.50 or 1500.00; type 1.50 or 1500"
    );
    rupees.ok(&["add", "1,500", "Food"]);
}

#[test]
fn the_config_names_the_decimal_mark() {
    let spend = euro_ledger();
    let shown = spend.json(&["config", "show", "--json"]);
    assert_eq!(
        shown["settings"]["decimal"]["value"],
        "(the usual mark of the user's currency)"
    );
    std::fs::write(config_beside(spend.db()), "decimal = \".\"\n").expect("write the config");
    let refused = spend.refused(&["add", "12,50", "Food"]);
    assert!(refused.contains("misplaced ','"), "{refused}");
    spend.ok(&["add", "1,234.50", "Food"]);
    assert_eq!(amounts(&spend), ["1234.50"]);
    assert!(spend.ok(&["list"]).contains("1,234.50"));
    let shown = spend.json(&["config", "show", "--json"]);
    assert_eq!(shown["settings"]["decimal"]["value"], ".");
    assert_eq!(
        shown["settings"]["decimal"]["source"],
        "config file, line 1"
    );
    let env = spend.run_with(&["add", "7,25", "Food"], &[("SPEND_DECIMAL", ",")]);
    assert!(env.success, "{}", env.stderr);
    assert_eq!(amounts(&spend), ["1234.50", "7.25"]);
    std::fs::write(config_beside(spend.db()), "decimal = \"comma\"\n").expect("write");
    let bad = spend.run(&["list"]);
    assert!(
        bad.stderr
            .contains("line 1, key decimal: \"comma\" is not . or ,"),
        "{}",
        bad.stderr
    );
}
