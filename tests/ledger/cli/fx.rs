//! `spend rate` and foreign expenses from the command line: refused without a rate,
//! converted with one, unknown codes and contradicting symbols refused.

use super::Spend;
use crate::ledgers::on_every_engine;

fn csv_file(spend: &Spend, name: &str, text: &str) -> String {
    let path = spend.dir().join(name);
    std::fs::write(&path, text).expect("write the CSV");
    path.to_str().expect("a UTF-8 temp path").to_string()
}

fn food_spent(spend: &Spend) -> serde_json::Value {
    let budgets = spend.json(&["budget", "list", "--json"]);
    budgets["budgets"]
        .as_array()
        .expect("budgets")
        .iter()
        .find(|b| b["category"] == "Food")
        .expect("Food")["spent"]
        .clone()
}

#[test]
fn a_dollar_dinner_counts_toward_the_rupee_food_budget() {
    on_every_engine(Spend::sample_on, |spend| {
        let error = spend.refused(&["add", "80", "Food", "--currency", "usd"]);
        assert_eq!(
            error,
            "error: no USD rate on or before 2025-05-20; set one with `spend rate set USD RATE --date 2025-05-20`, or give this expense's rate with --rate"
        );
        assert_eq!(
            spend.ok(&["rate", "set", "USD", "83.2", "--date", "2025-05-01"]),
            "rate of USD from 2025-05-01: 83.2 INR\n"
        );
        let out = spend.ok(&["add", "80", "Food", "--currency", "USD", "--note", "Dinner"]);
        assert_eq!(
            out,
            "added expense #6\nALERT BUDGET_EXCEEDED: Budget exceeded for Food for May 2025. Spent: 8,106.00 / 8,000.00\n"
        );
        assert_eq!(food_spent(&spend), "8106.00");
        let list = spend.json(&["list", "--json"]);
        let dinner = &list["expenses"][0];
        assert_eq!(dinner["amount"], "6656.00");
        assert_eq!(dinner["currency"], "INR");
        assert_eq!(
            dinner["spent"],
            serde_json::json!({"amount": "80.00", "currency": "USD", "rate": "83.2"})
        );
        let text = spend.ok(&["list"]);
        let line = text
            .lines()
            .find(|l| l.contains("Dinner"))
            .expect("the row");
        assert!(line.contains("USD 80.00 = 6,656.00"), "{text}");

        // A later rate moves nothing recorded.
        spend.ok(&["rate", "set", "USD", "95", "--date", "2025-05-01"]);
        assert_eq!(food_spent(&spend), "8106.00");
        // Editing the amount is in dollars at the recorded rate: 81 × 83.2.
        spend.ok(&["edit", "6", "--amount", "81"]);
        assert_eq!(food_spent(&spend), "8189.20");
    });
}

#[test]
fn add_with_rate_records_it_and_rate_list_shows_the_ledger_s_rates() {
    on_every_engine(Spend::sample_on, |spend| {
        let out = spend.ok(&[
            "add",
            "10",
            "Food",
            "--currency",
            "EUR",
            "--rate",
            "90.1234567891",
            "--json",
        ]);
        let added: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(added["expense"]["amount"], "901.23");
        assert_eq!(added["expense"]["spent"]["rate"], "90.1234567891");
        assert_eq!(
            spend.ok(&["rate", "list"]),
            "no rates for INR; set one with `spend rate set`\n"
        );
        let error = spend.refused(&[
            "add",
            "10",
            "Food",
            "--currency",
            "EUR",
            "--rate",
            "1.12345678901",
        ]);
        assert!(
            error.contains("has 11 decimals; a rate keeps at most 10"),
            "{error}"
        );
        spend.ok(&["rate", "set", "usd", "83.25"]);
        spend.ok(&["rate", "set", "EUR", "90", "--date", "2025-05-01"]);
        assert_eq!(
            spend.ok(&["rate", "list"]),
            "2025-05-01  EUR  90 INR\n2025-05-20  USD  83.25 INR\n"
        );
        assert_eq!(
            spend.ok(&["rate", "list", "usd"]),
            "2025-05-20  USD  83.25 INR\n"
        );
    });
}

#[test]
fn rate_import_takes_the_whole_file_or_names_the_bad_line() {
    on_every_engine(Spend::sample_on, |spend| {
        let good = csv_file(
            &spend,
            "rates.csv",
            "date,currency,rate\n2025-05-01,USD,83.2\n2025-05-01,EUR,90.5\n",
        );
        assert_eq!(spend.ok(&["rate", "import", &good]), "imported 2 rates\n");
        for (name, text, expected) in [
            (
                "decimals.csv",
                "date,currency,rate\n2025-05-02,USD,83\n2025-05-03,USD,1.12345678901\n",
                "line 3: rate \"1.12345678901\" has 11 decimals; a rate keeps at most 10",
            ),
            (
                "code.csv",
                "date,currency,rate\n2025-05-02,XYZ,1\n",
                "line 2: currency \"XYZ\" is not an ISO 4217 currency",
            ),
            (
                "date.csv",
                "date,currency,rate\n2025-05-02,USD,83\n05/03/2025,USD,84\n",
                "line 3: date \"05/03/2025\" is not YYYY-MM-DD",
            ),
            (
                "own.csv",
                "date,currency,rate\n2025-05-02,USD,83\n2025-05-02,INR,1\n",
                "line 3: INR is the user's own currency",
            ),
            ("header.csv", "day,code,value\n", "line 1: the header is"),
        ] {
            let path = csv_file(&spend, name, text);
            let error = spend.refused(&["rate", "import", &path]);
            assert!(error.contains(expected), "{name}: {error}");
        }
        assert_eq!(
            spend.ok(&["rate", "list"]),
            "2025-05-01  EUR  90.5 INR\n2025-05-01  USD  83.2 INR\n"
        );
    });
}

#[test]
fn unknown_codes_and_contradicting_symbols_are_refused_everywhere() {
    on_every_engine(Spend::sample_on, |spend| {
        let unknown = "currency \"XYZ\" is not an ISO 4217 currency";
        for args in [
            &["add", "10", "Food", "--currency", "XYZ"][..],
            &["add", "10", "Food", "--currency", "XYZ", "--rate", "2"],
            &["rate", "set", "XYZ", "2"],
            &["user", "add", "Zed", "zed@example.com", "--currency", "XYZ"],
        ] {
            let error = spend.refused(args);
            assert!(error.contains(unknown), "{args:?}: {error}");
        }
        let import = csv_file(
            &spend,
            "xyz.csv",
            "amount,category,date,currency\n10,Food,2025-05-01,XYZ\n",
        );
        let error = spend.refused(&["import", &import]);
        assert!(
            error.contains(unknown) && error.contains("line 2"),
            "{error}"
        );

        let error = spend.refused(&["add", "$99", "Food"]);
        assert_eq!(
            error,
            "error: amount \"$99\" is marked $, which is not INR; give its currency with --currency, or leave the symbol out"
        );
        // With the currency given, the symbol agrees.
        spend.ok(&["add", "$99", "Food", "--currency", "USD", "--rate", "83"]);
        assert_eq!(food_spent(&spend), "9667.00");
    });
}

#[test]
fn an_import_converts_foreign_rows_at_their_own_rate_or_the_ledger_s() {
    on_every_engine(Spend::sample_on, |spend| {
        let path = csv_file(
            &spend,
            "trip.csv",
            "amount,category,date,currency,rate,note\n\
             80,Food,2025-05-12,USD,83.2,Dinner\n\
             10,Food,2025-05-13,EUR,,Coffee\n",
        );
        // The EUR row has no rate of its own and the ledger has none: nothing is imported.
        let error = spend.refused(&["import", &path]);
        assert!(
            error.contains("no EUR rate on or before 2025-05-13"),
            "{error}"
        );
        spend.ok(&["rate", "set", "EUR", "90", "--date", "2025-05-01"]);
        let out = spend.ok(&["import", &path]);
        // The dollars cross the budget (1,450.00 + 6,656.00); the euros (900.00) add to it.
        assert!(
            out.contains("Budget exceeded for Food for May 2025. Spent: 8,106.00 / 8,000.00"),
            "{out}"
        );
        assert_eq!(food_spent(&spend), "9006.00");

        let bad = csv_file(
            &spend,
            "bad.csv",
            "amount,category,date,currency,rate\n5,Food,2025-05-12,USD,1.12345678901\n",
        );
        let error = spend.refused(&["import", &bad]);
        assert!(
            error.contains("line 2, column 5 (rate)") && error.contains("has 11 decimals"),
            "{error}"
        );
    });
}
