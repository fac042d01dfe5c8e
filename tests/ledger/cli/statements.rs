//! `spend import` of bank statements through the real binary, on every engine: a statement
//! goes in once, a second import changes nothing, an overlapping one adds only what is
//! new; rows that cannot be read are named by line; rules and earlier choices categorise.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Spend, alert_lines};
use crate::ledgers::on_every_engine;

/// Writes `bytes` to `name` in the test directory and returns its path as text.
fn file(spend: &Spend, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = spend.dir().join(name);
    std::fs::write(&path, bytes).expect("write the statement");
    path.to_str().expect("a UTF-8 temp path").to_string()
}

const MAY: &str = "Date,Description,Amount\n\
                   2025-05-01,Salary,\"50,000.00\"\n\
                   2025-05-02,Swiggy order,-450.50\n\
                   2025-05-02,Swiggy order,-450.50\n\
                   2025-05-03,Metro card,-200.00\n";

/// Every expense of the user as `DATE AMOUNT CATEGORY NOTE`, oldest first.
fn expenses(spend: &Spend) -> Vec<String> {
    let listed = spend.json(&[
        "list",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--json",
    ]);
    let mut rows: Vec<String> = listed["expenses"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e["date"].as_str().unwrap_or("-"),
                e["amount"].as_str().unwrap_or("-"),
                e["category"].as_str().unwrap_or("-"),
                e["note"].as_str().unwrap_or("-")
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_statement_imports_once_and_a_second_import_changes_nothing() {
    on_every_engine(Spend::on, |spend| {
        let path = file(&spend, "may.csv", MAY);
        assert_eq!(
            spend.ok(&["import", &path]),
            "imported 3, skipped 0 already imported, 1 incoming\n"
        );
        assert_eq!(
            expenses(&spend),
            [
                "2025-05-02 450.50 - Swiggy order",
                "2025-05-02 450.50 - Swiggy order",
                "2025-05-03 200.00 - Metro card",
            ]
        );
        let before = spend.snapshot();
        assert_eq!(
            spend.ok(&["import", &path]),
            "imported 0, skipped 3 already imported, 1 incoming\n"
        );
        assert_eq!(spend.snapshot(), before, "a second import wrote something");
        // Last week again, and two days more: only the new rows go in.
        let overlap = file(
            &spend,
            "overlap.csv",
            "Date,Description,Amount\n\
             2025-05-03,METRO  card,-200.00\n\
             2025-05-04,Tea,-20.00\n\
             2025-05-05,Refund,+15.00\n",
        );
        assert_eq!(
            spend.ok(&["import", &overlap]),
            "imported 1, skipped 1 already imported, 1 incoming\n"
        );
        assert_eq!(spend.count("SELECT count(*) FROM expenses"), 4);
        assert_eq!(spend.count("SELECT count(*) FROM import_fingerprints"), 4);
    });
}

#[test]
fn a_bank_id_is_the_fingerprint_and_repeats_are_duplicates() {
    on_every_engine(Spend::on, |spend| {
        let path = file(
            &spend,
            "ids.csv",
            "Transaction ID;Date;Name;Amount\nT1;09.05.2025;Tea;-2,50\nT2;13.05.2025;Tea;-2,50\nT1;09.05.2025;Tea;-2,50\n",
        );
        assert_eq!(
            spend.ok(&["import", &path]),
            "imported 2, skipped 1 already imported, 0 incoming\n"
        );
        let again = file(
            &spend,
            "again.csv",
            "Transaction ID;Date;Name;Amount\nT2;13.05.2025;Tea (edited);-2,50\n",
        );
        assert_eq!(
            spend.ok(&["import", &again]),
            "imported 0, skipped 1 already imported, 0 incoming\n"
        );
    });
}

#[test]
fn dry_run_json_shows_every_row_and_writes_nothing() {
    on_every_engine(Spend::on, |spend| {
        spend.ok(&["rule", "add", "swiggy", "Food"]);
        let path = file(
            &spend,
            "mixed.csv",
            format!("{MAY}2025-05-04,Tea,-1x\nClosing balance,,\"48,899.00\"\n"),
        );
        let before = spend.snapshot();
        let preview = spend.json(&["import", &path, "--dry-run", "--json"]);
        assert_eq!(spend.snapshot(), before, "a dry run wrote something");
        let row = |line: u64,
                   date: Value,
                   amount: Value,
                   note: Value,
                   category: Value,
                   status: &str,
                   reason: Value| {
            let currency = if amount.is_null() {
                Value::Null
            } else {
                json!("INR")
            };
            json!({"line": line, "date": date, "amount": amount, "currency": currency, "note": note,
                   "category": category, "status": status, "reason": reason})
        };
        let n = Value::Null;
        assert_eq!(
            preview,
            json!({
                "rows": [
                    row(2, json!("2025-05-01"), json!("50000.00"), json!("Salary"), n.clone(), "inflow", n.clone()),
                    row(3, json!("2025-05-02"), json!("450.50"), json!("Swiggy order"), json!("Food"), "new", n.clone()),
                    row(4, json!("2025-05-02"), json!("450.50"), json!("Swiggy order"), json!("Food"), "new", n.clone()),
                    row(5, json!("2025-05-03"), json!("200.00"), json!("Metro card"), n.clone(), "new", n.clone()),
                    row(6, n.clone(), n.clone(), n.clone(), n.clone(), "error",
                        json!("amount \"-1x\" is not a number with \".\" as the decimal mark")),
                    row(7, n.clone(), n.clone(), n.clone(), n.clone(), "skipped",
                        json!("no date: a summary or footer line after the last transaction")),
                ],
                "new": 3, "duplicates": 0, "inflows": 1, "skipped": 1, "errors": 1
            })
        );
        // The same shape after a real import, with --skip-bad.
        let imported = spend.json(&["import", &path, "--skip-bad", "--json"]);
        assert_eq!(imported, preview);
        let again = spend.json(&["import", &path, "--skip-bad", "--json"]);
        assert_eq!(
            (again["new"].clone(), again["duplicates"].clone()),
            (json!(0), json!(3))
        );
        assert_eq!(again["rows"][1]["status"], "duplicate");
    });
}

#[test]
fn rows_that_cannot_be_read_refuse_the_file_unless_skip_bad() {
    on_every_engine(Spend::on, |spend| {
        spend.ok(&["category", "list"]);
        let path = file(
            &spend,
            "bad.csv",
            "Date,Description,Amount\n2025-05-01,ok,-1.00\n2025-05-02,bad,-1x\n2031-01-01,far,-2.00\n2025-05-03,ok,-3.00\n",
        );
        assert_eq!(
            spend.refused(&["import", &path]),
            format!(
                "error: {path}: line 3: amount \"-1x\" is not a number with \".\" as the decimal \
                 mark (and 1 more row); nothing was imported: fix the file, or add --skip-bad to \
                 import the other rows (--dry-run lists them all)"
            )
        );
        assert_eq!(
            spend.ok(&["import", &path, "--skip-bad"]),
            "imported 2, skipped 0 already imported, 0 incoming\nleft out 2 rows:\n  \
             line 3: amount \"-1x\" is not a number with \".\" as the decimal mark\n  \
             line 4: date 2031-01-01 is more than a year after today (2025-05-20); if it is \
             right, add --yes\n"
        );
        let ambiguous = file(
            &spend,
            "ambiguous.csv",
            "Date;Text;Amount\n05/06/2025;Tea;-1.000\n",
        );
        assert_eq!(
            spend.refused(&["import", &ambiguous]),
            format!(
                "error: {ambiguous}: the dates read as DD/MM/YYYY and as MM/DD/YYYY alike, and no \
                 day above 12 settles which (line 2 has \"05/06/2025\"); name the format with \
                 --date-format DD/MM/YYYY or --date-format MM/DD/YYYY"
            )
        );
        assert_eq!(
            spend.refused(&["import", &ambiguous, "--date-format", "DD/MM/YYYY"]),
            format!(
                "error: {ambiguous}: amount \"-1.000\" on line 2 could be with '.' or ',' as the \
                 decimal mark, and no amount in the file settles which; name it with --decimal . \
                 or --decimal ,"
            )
        );
        assert_eq!(
            spend.ok(&[
                "import",
                &ambiguous,
                "--date-format",
                "DD/MM/YYYY",
                "--decimal",
                ","
            ]),
            "imported 1, skipped 0 already imported, 0 incoming\n"
        );
        assert!(expenses(&spend).contains(&"2025-06-05 1000.00 - Tea".to_string()));
    });
}

#[test]
fn imported_rows_fire_the_alerts_typed_adds_would() {
    on_every_engine(Spend::on, |spend| {
        let typed = Spend::on(&crate::ledgers::engines()[0]);
        for ledger in [&spend, &typed] {
            ledger.ok(&["budget", "set", "Food", "1000", "--month", "2025-05"]);
        }
        let path = file(
            &spend,
            "food.csv",
            "Date,Description,Category,Amount\n2025-05-02,Lunch,Food,-500.00\n2025-05-03,Dinner,Food,-350.00\n2025-05-04,Party,Food,-400.00\n",
        );
        let imported = spend.ok(&["import", &path]);
        let mut typed_alerts = String::new();
        for (amount, date, note) in [
            ("500", "2025-05-02", "Lunch"),
            ("350", "2025-05-03", "Dinner"),
            ("400", "2025-05-04", "Party"),
        ] {
            typed_alerts
                .push_str(&typed.ok(&["add", amount, "Food", "--date", date, "--note", note]));
        }
        assert_eq!(alert_lines(&imported).len(), 2, "{imported}");
        assert_eq!(alert_lines(&imported), alert_lines(&typed_alerts));
    });
}

#[test]
fn rules_then_earlier_choices_categorise_and_the_rest_stay_uncategorised() {
    on_every_engine(Spend::on, |spend| {
        assert_eq!(
            spend.ok(&["rule", "add", "swiggy", "Food"]),
            "added rule #1: \"swiggy\" goes to Food\n"
        );
        assert_eq!(
            spend.ok(&["rule", "add", "re:^(uber|ola)\\b", "Transport"]),
            "added rule #2: \"re:^(uber|ola)\\b\" goes to Transport\n"
        );
        spend.ok(&["rule", "add", "swiggy instamart", "Shopping"]);
        assert_eq!(
            spend.ok(&["rule", "list"]),
            "#  Pattern           Category\n1  swiggy            Food\n2  re:^(uber|ola)\\b  Transport\n3  swiggy instamart  Shopping\n"
        );
        spend.ok(&[
            "add",
            "30",
            "Entertainment",
            "--date",
            "2025-04-01",
            "--note",
            "Netflix",
        ]);
        spend.ok(&[
            "add",
            "35",
            "Shopping",
            "--date",
            "2025-04-20",
            "--note",
            "NETFLIX ",
        ]);
        let path = file(
            &spend,
            "rules.csv",
            "Date,Description,Amount\n2025-05-01,Swiggy Instamart,-10.00\n2025-05-02,UBER trip,-20.00\n2025-05-03,netflix,-30.00\n2025-05-04,Corner shop,-40.00\n",
        );
        spend.ok(&["import", &path]);
        assert_eq!(
            expenses(&spend)[2..],
            [
                "2025-05-01 10.00 Food Swiggy Instamart",
                "2025-05-02 20.00 Transport UBER trip",
                "2025-05-03 30.00 Shopping netflix",
                "2025-05-04 40.00 - Corner shop",
            ]
        );
        assert_eq!(spend.ok(&["rule", "delete", "2"]), "deleted rule #2\n");
        assert_eq!(
            spend.fails(&["rule", "delete", "2"]),
            "error: no rule #2; see `spend rule list`"
        );
        assert_eq!(
            spend.fails(&["rule", "add", "re:(", "Food"]),
            "error: pattern \"(\" is not a regex: unclosed group"
        );
        assert!(
            spend
                .fails(&["rule", "add", "x", "Nope"])
                .starts_with("error: unknown category \"Nope\"")
        );
    });
}

#[test]
fn a_saved_profile_reads_next_months_statement() {
    on_every_engine(Spend::on, |spend| {
        let april = file(
            &spend,
            "april.csv",
            "Buchungstag;Text;Betrag\n13.04.2025;Miete;-1.234,56\n",
        );
        spend.ok(&["import", &april, "--save-profile", "mybank"]);
        // Nothing in May's file settles the order of its dates or its decimal mark.
        let may = file(
            &spend,
            "may.csv",
            "Buchungstag;Text;Betrag\n05.06.2025;Miete;-1.000\n",
        );
        assert!(spend.fails(&["import", &may]).contains("--date-format"));
        assert_eq!(
            spend.ok(&["import", &may, "--profile", "MyBank"]),
            "imported 1, skipped 0 already imported, 0 incoming\n"
        );
        assert!(expenses(&spend).contains(&"2025-06-05 1000.00 - Miete".to_string()));
        assert_eq!(
            spend.fails(&["import", &may, "--profile", "other"]),
            "error: no import profile \"other\"; save one with --save-profile other"
        );
    });
}

#[test]
fn the_exports_own_format_still_imports_exactly_with_its_formula_guard_undone() {
    on_every_engine(Spend::on, |spend| {
        let notes = ["=1+2", "@home", "-5 off", "+tip", "'quoted", "plain"];
        for (day, note) in notes.iter().enumerate() {
            let date = format!("2025-05-{:02}", day + 1);
            spend.ok(&[
                "add",
                "12.5",
                "Food",
                "--date",
                &date,
                &format!("--note={note}"),
            ]);
        }
        let exported = spend.ok(&["export"]);
        assert!(
            exported.contains("'=1+2"),
            "the export guards formulas:\n{exported}"
        );
        let copy = Spend::on(&crate::ledgers::engines()[0]);
        let path = file(&copy, "export.csv", &exported);
        assert_eq!(
            copy.ok(&["import", &path]),
            format!("imported 6 expenses from {path}\n")
        );
        assert_eq!(expenses(&copy), expenses(&spend));
    });
}

#[test]
fn a_latin1_statement_with_a_bom_less_header_imports_its_accents() {
    on_every_engine(Spend::on, |spend| {
        let text = "Datum;Omschrijving;Bedrag\n13-05-2025;Café Zoë;-4,50\n";
        let latin1: Vec<u8> = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
            .collect();
        let path = file(&spend, "latin1.csv", latin1);
        spend.ok(&["import", &path]);
        assert_eq!(expenses(&spend), ["2025-05-13 4.50 - Café Zoë"]);
    });
}

#[test]
fn a_long_statement_and_an_overlapping_one_add_only_new_rows() {
    on_every_engine(Spend::on, |spend| {
        // Long enough that the store scans the statement's range instead of looking up each
        // fingerprint; some rows carry a bank id, most do not.
        let statement = |from: u32, to: u32| {
            let mut text = String::from("Date,Description,Reference,Amount\n");
            for n in from..to {
                let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date")
                    + chrono::Days::new(u64::from(n / 3));
                let reference = if n % 7 == 0 {
                    format!("R{n}")
                } else {
                    String::new()
                };
                let _ = writeln!(text, "{date},Shop {},{reference},-{}.25", n % 5, n % 3 + 1);
            }
            text
        };
        let first = file(&spend, "first.csv", statement(0, 600));
        assert_eq!(
            spend.ok(&["import", &first, "--map", "id=Reference"]),
            "imported 600, skipped 0 already imported, 0 incoming\n"
        );
        let overlap = file(&spend, "overlap.csv", statement(300, 900));
        assert_eq!(
            spend.ok(&["import", &overlap, "--map", "id=Reference"]),
            "imported 300, skipped 300 already imported, 0 incoming\n"
        );
        let preview = spend.json(&[
            "import",
            &overlap,
            "--map",
            "id=Reference",
            "--dry-run",
            "--json",
        ]);
        assert_eq!(
            (preview["new"].clone(), preview["duplicates"].clone()),
            (json!(0), json!(600))
        );
        assert_eq!(spend.count("SELECT count(*) FROM expenses"), 900);
    });
}

#[test]
fn merging_a_category_keeps_its_rules_pointing_at_the_kept_one() {
    on_every_engine(Spend::on, |spend| {
        spend.ok(&["category", "add", "Snacks"]);
        spend.ok(&["rule", "add", "chips", "Snacks"]);
        spend.ok(&["category", "merge", "Snacks", "Food"]);
        assert_eq!(
            spend.ok(&["rule", "list"]),
            "#  Pattern  Category\n1  chips    Food\n"
        );
    });
}

#[test]
fn a_header_of_only_the_exports_columns_keeps_the_exports_rules() {
    on_every_engine(Spend::on, |spend| {
        spend.ok(&["category", "list"]);
        let path = file(
            &spend,
            "partial.csv",
            "date,amount,note\n2025-05-01,-12.50,tea\n",
        );
        assert_eq!(
            spend.refused(&["import", &path]),
            format!(
                "error: {path}: line 1: the file has no \"category\" column; it needs amount, \
                 category and date; to read it as a bank statement instead, name its columns \
                 with --map (such as --map date=date,amount=amount)"
            )
        );
        assert_eq!(
            spend.ok(&["import", &path, "--map", "date=date,amount=amount"]),
            "imported 1, skipped 0 already imported, 0 incoming\n"
        );
    });
}
