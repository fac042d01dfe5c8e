//! `spend export`: the reference CSV format, its filters, files, and formula neutralising.

use super::Spend;
use crate::ledgers::on_every_engine;

const HEADER: &str = "id,user_id,category_id,category,amount,currency,date,note";

/// Parses CSV text, checking the header is exactly the reference one.
fn records(csv_text: &str) -> Vec<Vec<String>> {
    assert_eq!(csv_text.lines().next(), Some(HEADER), "{csv_text}");
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

fn ids(rows: &[Vec<String>]) -> Vec<&str> {
    rows.iter().map(|r| r[0].as_str()).collect()
}

/// The reference design's sample export, as shipped in assets.
fn reference_rows() -> Vec<Vec<String>> {
    records(include_str!("../../../assets/sample/expenses.csv"))
}

#[test]
fn all_users_export_matches_the_reference_sample_rows() {
    on_every_engine(Spend::sample_on, |spend| {
        let exported = records(&spend.ok(&["export", "--all-users"]));
        assert_eq!(exported.len(), 5);
        assert_eq!(exported, reference_rows());
    });
}

#[test]
fn export_defaults_to_the_current_user() {
    on_every_engine(Spend::sample_on, |spend| {
        let aman = records(&spend.ok(&["export"]));
        let expected: Vec<Vec<String>> = reference_rows()
            .into_iter()
            .filter(|r| r[1] == "1")
            .collect();
        assert_eq!(aman, expected);
        let priya = records(&spend.ok(&["--user", "priya@example.com", "export"]));
        assert_eq!(ids(&priya), ["5"]);
    });
}

#[test]
fn export_filters_by_month_and_inclusive_date_range() {
    on_every_engine(Spend::sample_on, |spend| {
        spend.ok(&["add", "75", "Transport", "--date", "2025-04-30"]);
        spend.ok(&["add", "80", "Transport", "--date", "2025-06-01"]);
        let may = records(&spend.ok(&["export", "--all-users", "--month", "2025-05"]));
        assert_eq!(ids(&may), ["1", "2", "3", "4", "5"]);
        let april = records(&spend.ok(&["export", "--month", "2025-04"]));
        assert_eq!(april.len(), 1);
        assert_eq!(
            april[0],
            ["6", "1", "2", "Transport", "75.00", "INR", "2025-04-30", ""]
        );
        let range = records(&spend.ok(&[
            "export",
            "--all-users",
            "--from",
            "2025-05-05",
            "--to",
            "2025-05-10",
        ]));
        assert_eq!(ids(&range), ["2", "3", "5"], "both ends included");
        let from = records(&spend.ok(&["export", "--from", "2025-05-11"]));
        assert_eq!(ids(&from), ["4", "7"]);
        let to = records(&spend.ok(&["export", "--to", "2025-05-02"]));
        assert_eq!(ids(&to), ["1", "6"]);
        let none = records(&spend.ok(&["export", "--month", "2024-01"]));
        assert!(none.is_empty());
    });
}

#[test]
fn export_to_a_file_writes_the_same_csv() {
    on_every_engine(Spend::sample_on, |spend| {
        let path = spend.dir().join("out.csv");
        let path_text = path.to_str().expect("a UTF-8 temp path");
        let said = spend.ok(&["export", "--all-users", "-o", path_text]);
        assert_eq!(said, format!("exported 5 expenses to {path_text}\n"));
        let written = std::fs::read_to_string(&path).expect("the export file");
        assert_eq!(written, spend.ok(&["export", "--all-users"]));
        assert_eq!(records(&written), reference_rows());
        let leftovers: Vec<_> = std::fs::read_dir(spend.dir())
            .expect("list the temp dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");

        // Replacing takes --force, and then the filter applies.
        spend.ok(&[
            "export", "--output", path_text, "--month", "2025-04", "--force",
        ]);
        let written = std::fs::read_to_string(&path).expect("the export file");
        assert_eq!(written, format!("{HEADER}\n"));
    });
}

/// The names in a directory besides the database's own files, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list the directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("spend.db"))
        .collect();
    names.sort();
    names
}

// SQLite only: about the files an export may not replace, which no engine touches.
#[test]
fn an_existing_file_or_a_directory_is_refused_by_name_and_left_alone() {
    let spend = Spend::with_sample();
    let path = spend.dir().join("out.csv");
    let path_text = path.to_str().expect("a UTF-8 temp path");
    std::fs::write(&path, "my own notes\n").expect("write");
    let files = names(spend.dir());
    assert_eq!(
        spend.refused(&["export", "-o", path_text]),
        format!(
            "error: {path_text} already exists; choose a new name, or add --force to replace it"
        )
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "my own notes\n"
    );
    assert_eq!(names(spend.dir()), files, "no partial file is left");

    let dir_text = spend.dir().to_str().expect("UTF-8");
    for args in [
        vec!["export", "-o", dir_text],
        vec!["export", "-o", dir_text, "--force"],
    ] {
        assert_eq!(
            spend.refused(&args),
            format!("error: {dir_text} is a directory; give the name of a file to write")
        );
        assert_eq!(names(spend.dir()), files, "{args:?}: nothing was written");
    }

    let missing = spend.dir().join("no-such-dir").join("out.csv");
    let missing_text = missing.to_str().expect("UTF-8");
    let error = spend.refused(&["export", "-o", missing_text]);
    assert_eq!(
        error,
        format!(
            "error: cannot write {missing_text}: directory {} does not exist",
            spend.dir().join("no-such-dir").display()
        )
    );
    let force_alone = spend.refused(&["export", "--force"]);
    assert!(force_alone.contains("--output"), "{force_alone}");
}

// SQLite only: about the exported file's permissions, which no engine touches.
#[cfg(unix)]
#[test]
fn exports_are_owner_only_like_the_database() {
    use std::os::unix::fs::PermissionsExt;
    let spend = Spend::with_sample();
    let path = spend.dir().join("out.csv");
    let path_text = path.to_str().expect("a UTF-8 temp path");
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
    };
    spend.ok(&["export", "-o", path_text]);
    assert_eq!(mode(&path), 0o600);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    spend.ok(&["export", "-o", path_text, "--force"]);
    assert_eq!(mode(&path), 0o600, "a replaced export is owner-only too");
}

#[test]
fn formula_like_text_is_neutralised() {
    on_every_engine(Spend::sample_on, |spend| {
        spend.ok(&["add", "10", "Food", "--note", "=HYPERLINK(\"http://x\")"]);
        spend.ok(&["add", "11", "Food", "--note=-2+3"]);
        spend.ok(&["add", "12", "Food", "--note", "@SUM(A1)"]);
        spend.ok(&["add", "13", "Food", "--note", "+1"]);
        spend.ok(&["add", "14", "Food", "--note", "a=b, plain"]);
        spend.ok(&["category", "add", "=cmd|' /C calc'!A0"]);
        spend.ok(&["add", "15", "=cmd|' /C calc'!A0"]);
        let rows = records(&spend.ok(&["export", "--from", "2025-05-20"]));
        let notes: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r[3].as_str(), r[7].as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                ("Food", "'=HYPERLINK(\"http://x\")"),
                ("Food", "'-2+3"),
                ("Food", "'@SUM(A1)"),
                ("Food", "'+1"),
                ("Food", "a=b, plain"),
                ("'=cmd|' /C calc'!A0", ""),
            ]
        );
        // The stored note itself is kept as typed.
        let list = spend.json(&["list", "--json"]);
        let stored: Vec<&str> = list["expenses"]
            .as_array()
            .expect("expenses")
            .iter()
            .filter_map(|e| e["note"].as_str())
            .collect();
        assert!(stored.contains(&"=HYPERLINK(\"http://x\")"), "{stored:?}");
    });
}
