//! `spend import`: every refusal names the file and the line, and the column where one cell
//! is at fault; nothing is written.

use super::Spend;
use crate::ledgers::on_every_engine;

/// Writes `text` to `name` in the test directory and returns its path as text.
fn csv_file(spend: &Spend, name: &str, text: &str) -> String {
    let path = spend.dir().join(name);
    std::fs::write(&path, text).expect("write the CSV");
    path.to_str().expect("a UTF-8 temp path").to_string()
}

/// Like [`Spend::refused`], with the tables compared but not where PostgreSQL's id
/// sequences stand: a refused import there still uses up ids, which
/// `a_refused_import_uses_up_no_id` holds to account.
fn refused_leaving_every_row(spend: &Spend, args: &[&str]) -> String {
    let rows = || {
        let mut snapshot = spend.snapshot();
        snapshot.remove(crate::ledgers::PG_SEQUENCES);
        snapshot
    };
    let before = rows();
    let error = spend.fails(args);
    assert_eq!(rows(), before, "spend {args:?} changed the database");
    error
}

#[test]
fn refusals_name_the_file_line_and_column() {
    on_every_engine(Spend::sample_on, |spend| {
        let huge = "n".repeat(100_000);
        let long_name = "c".repeat(101);
        for (name, text, args, expected) in [
            (
                "note.csv",
                format!(
                    "amount,category,date,note\n1,Food,2025-05-01,ok\n2,Food,2025-05-02,{huge}\n"
                ),
                &[][..],
                "line 3, column 4 (note): note is 100000 bytes; at most 16384 are kept".to_string(),
            ),
            (
                "category.csv",
                "amount,category,date\n1,Food,2025-05-01\n2,Groceries,2025-05-02\n".to_string(),
                &[],
                "line 3, column 2 (category): unknown category \"Groceries\"; add \
                 --create-categories to create it"
                    .to_string(),
            ),
            (
                "long.csv",
                format!("date,amount,category\n2025-05-01,1,Food\n2025-05-02,2,{long_name}\n"),
                &["--create-categories"],
                format!(
                    "line 3: category \"{long_name}\" must be at most 100 characters with no \
                     control characters"
                ),
            ),
            (
                "nul.csv",
                "amount,category,date,note\n1,Food,2025-05-01,caf\0e\n".to_string(),
                &[],
                "line 2: note has a NUL character (\\0), which cannot be stored; remove it"
                    .to_string(),
            ),
            (
                "zero.csv",
                "amount,category,date\n0,Food,2025-05-01\n".to_string(),
                &[],
                "line 2, column 1 (amount): amount \"0\" is zero; an expense must be more than 0"
                    .to_string(),
            ),
            (
                "old.csv",
                "amount,category,date\n5,Food,2025-05-01\n6,Food,1900-01-01\n".to_string(),
                &[],
                "line 3, column 3 (date): date 1900-01-01 is before 1970-01-01; if it is right, \
                 add --yes"
                    .to_string(),
            ),
        ] {
            let path = csv_file(&spend, name, &text);
            let mut full = vec!["import", path.as_str()];
            full.extend(args);
            assert_eq!(
                refused_leaving_every_row(&spend, &full),
                format!("error: {path}: {expected}")
            );
        }
        let dir = spend.dir().to_str().expect("UTF-8").to_string();
        assert_eq!(
            spend.refused(&["import", &dir]),
            format!("error: {dir}: it is a directory; name a CSV file")
        );
    });
}

#[test]
fn doubtful_dates_import_with_yes() {
    on_every_engine(Spend::sample_on, |spend| {
        let path = csv_file(
            &spend,
            "old.csv",
            "amount,category,date\n5,Food,2025-05-01\n6,Food,1900-01-01\n7,Food,2031-01-01\n",
        );
        assert_eq!(
            spend.ok(&["import", &path, "--yes"]),
            format!("imported 3 expenses from {path}\n")
        );
        let one = csv_file(
            &spend,
            "one.csv",
            "amount,category,date\n5,Food,2025-05-01\n",
        );
        assert_eq!(
            spend.ok(&["import", &one]),
            format!("imported 1 expense from {one}\n")
        );
    });
}

// Ignored until PostgreSQL's import checks every row before it writes any: a refused import
// there takes ids from the expense sequence, which the rollback does not give back, so the
// next expense gets a later id than on SQLite.
#[test]
fn a_refused_import_uses_up_no_id() {
    on_every_engine(Spend::sample_on, |spend| {
        let path = csv_file(
            &spend,
            "category.csv",
            "amount,category,date\n1,Food,2025-05-01\n2,Groceries,2025-05-02\n",
        );
        spend.refused(&["import", &path]);
        assert_eq!(spend.ok(&["add", "5", "Food"]), "added expense #6\n");
    });
}
