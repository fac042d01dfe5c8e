//! Exported CSV is safe to open in a spreadsheet (OWASP CSV injection): every text cell that
//! starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe, in the
//! command-line export and the app's alike, and importing the file gives the text back.
//! (tests/ledger/cli/export.rs covers `=`, `+`, `-` and `@` in notes.)

use smart_spending_tracker::export::neutralize;

use crate::support::Spend;

/// Text a spreadsheet would run or mangle, one for each dangerous first character, and two
/// that already start with the guard's apostrophe (which must survive a round trip too).
const RISKY: [&str; 10] = [
    "=HYPERLINK(\"http://example.com\",\"x\")",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+2",
    "\r=1+2",
    "=cmd|' /C calc'!A0",
    "-",
    "'=already guarded",
    "'tis the season",
];

fn cells(csv_text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn every_risky_first_character_is_neutralised_in_notes_and_categories() {
    let spend = Spend::new();
    for (n, note) in RISKY.iter().enumerate() {
        spend.ok(&[
            "add",
            &format!("{}", n + 1),
            "Food",
            &format!("--note={note}"),
        ]);
    }
    // Categories may not hold control characters, so the four printable ones only.
    for category in ["=Formula", "+Plus", "-Minus", "@At"] {
        spend.ok(&["category", "add", "--", category]);
        spend.ok(&["add", "5", "--", category]);
    }
    let exported = cells(&spend.ok(&["export"]));
    assert_eq!(exported.len(), RISKY.len() + 4);
    for row in &exported {
        for (column, cell) in [(3, &row[3]), (7, &row[7])] {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "column {column} starts with a formula character: {cell:?} in {row:?}"
            );
        }
    }
    let notes: Vec<&str> = exported
        .iter()
        .take(RISKY.len())
        .map(|r| r[7].as_str())
        .collect();
    let expected: Vec<String> = RISKY.iter().map(|n| format!("'{n}")).collect();
    assert_eq!(notes, expected);
    let categories: Vec<&str> = exported
        .iter()
        .skip(RISKY.len())
        .map(|r| r[3].as_str())
        .collect();
    assert_eq!(categories, ["'=Formula", "'+Plus", "'-Minus", "'@At"]);
    // Numbers, dates and ids are never text a spreadsheet could run.
    for row in &exported {
        assert!(row[4].parse::<f64>().is_ok_and(|a| a >= 0.0), "{row:?}");
    }
}

#[test]
fn an_exported_file_is_neutralised_and_importing_it_restores_the_text() {
    let spend = Spend::new();
    for (n, note) in RISKY.iter().enumerate() {
        let note = format!("--note={note}");
        spend.ok(&[
            "add",
            &format!("{}", n + 1),
            "Food",
            "--date",
            "2025-05-03",
            &note,
        ]);
    }
    spend.ok(&["category", "add", "@Home"]);
    spend.ok(&["add", "9", "@home", "--date", "2025-05-04"]);
    let path = spend.dir().join("out.csv");
    let path_text = path.to_str().expect("UTF-8");
    spend.ok(&["export", "-o", path_text]);
    let written = std::fs::read_to_string(&path).expect("the export");
    let rows = cells(&written);
    for row in &rows {
        assert!(
            !row[7].starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{row:?}"
        );
        // An apostrophe in front is only ever the guard: it stands before a risky character
        // or before the note's own apostrophe, so import can take exactly one off.
        if let Some(rest) = row[7].strip_prefix('\'') {
            assert!(
                rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']),
                "{row:?}"
            );
            assert_eq!(neutralize(rest), row[7].as_str(), "{row:?}");
        }
    }
    assert_eq!(rows.last().map(|r| r[3].as_str()), Some("'@Home"));

    let other = Spend::new();
    other.ok(&["import", "--create-categories", path_text]);
    let list = other.json(&["list", "--month", "2025-05", "--json"]);
    let mut notes: Vec<(i64, String, String)> = list["expenses"]
        .as_array()
        .expect("expenses")
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().expect("id"),
                e["category"].as_str().expect("category").to_string(),
                e["note"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    notes.sort();
    let imported: Vec<&str> = notes
        .iter()
        .take(RISKY.len())
        .map(|(_, _, n)| n.as_str())
        .collect();
    assert_eq!(imported, RISKY, "the import takes the apostrophe off again");
    assert_eq!(notes.last().map(|(_, c, _)| c.as_str()), Some("@Home"));
}
