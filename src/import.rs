//! CSV import: the export's own format (or any file with `amount`, `category` and `date`
//! columns and no others), checked completely before anything is written; and bank
//! statements, read by the modules below.

mod amounts;
mod categorize;
mod dates;
mod encoding;
mod error;
mod fingerprint;
mod headers;
mod mapping;
mod plan;
mod profile;
mod signs;
mod sniff;
mod statement;

pub use amounts::{DecimalMark, MarkEvidence, SignedAmount, mark_evidence, parse_amount_with};
pub use categorize::{Categorizer, Pattern};
pub use dates::{DateOrder, detect_order};
pub use encoding::{Decoded, decode, encoding_for_label};
pub use error::StatementError;
pub use fingerprint::{FingerprintInput, Fingerprinter, normalize_description};
pub use mapping::{ColumnRef, MapSpec, Role};
pub use plan::{
    Counts, Planned, Status, WriteError, describe_reading, mark_known, plan_statement, profile_of,
    statement_options, write_plan,
};
pub use profile::{ImportProfile, parse_settings};
pub use sniff::{delimiter_name, parse_delimiter};
pub use statement::{
    Outflows, Reading, RowKind, Statement, StatementOptions, StatementRow, Transaction,
    read_statement,
};

use std::io::Read;

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::{CategoryId, Currency, NewExpense, Rate, User};
use crate::domain::{implausible_date, parse_date, parse_expense_amount, quoted};
use crate::store::{MAX_NOTE_BYTES, NamedExpense};

/// Why a file cannot be imported; nothing is written when there is one. Each names the
/// line, and the column where one cell is at fault.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("line 1: the file has no {} column; it needs amount, category and date", quoted(.0))]
    MissingColumn(&'static str),
    #[error("line {line}, column {column} ({name}): {reason}")]
    Cell {
        line: u64,
        /// 1 for the first column.
        column: usize,
        /// The column's name in the header.
        name: String,
        reason: String,
    },
    #[error("line {line}: {reason}")]
    Row { line: u64, reason: String },
    #[error("the file is not readable CSV: {0}")]
    Csv(String),
}

/// How an import treats rows that are valid but doubtful.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Accept dates before 1970 or more than a year after today (`--yes`).
    pub allow_implausible_dates: bool,
}

/// The rows of a file, with where each came from, for messages about a row the store
/// refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRows {
    pub rows: Vec<NamedExpense>,
    /// The line each row starts on, by row.
    pub lines: Vec<u64>,
    /// The category column, 1 for the first.
    pub category_column: usize,
}

/// Column positions found in the header, and the header's names for messages.
struct Columns {
    amount: usize,
    category: usize,
    date: usize,
    currency: Option<usize>,
    /// The rate a foreign row is converted at; without it, the ledger's rate of its date.
    rate: Option<usize>,
    note: Option<usize>,
    names: Vec<String>,
}

impl Columns {
    fn find(header: &csv::StringRecord) -> Result<Columns, ImportError> {
        let clean = |h: &str| h.trim().trim_start_matches('\u{feff}').to_string();
        let position = |name: &str| {
            header
                .iter()
                .position(|h| clean(h).eq_ignore_ascii_case(name))
        };
        Ok(Columns {
            amount: position("amount").ok_or(ImportError::MissingColumn("amount"))?,
            category: position("category").ok_or(ImportError::MissingColumn("category"))?,
            date: position("date").ok_or(ImportError::MissingColumn("date"))?,
            currency: position("currency"),
            rate: position("rate"),
            note: position("note"),
            names: header.iter().map(clean).collect(),
        })
    }

    /// The error for the cell at `index` of the record at `line`.
    fn cell_error(&self, line: u64, index: usize, reason: String) -> ImportError {
        ImportError::Cell {
            line,
            column: index + 1,
            name: self.names.get(index).cloned().unwrap_or_default(),
            reason,
        }
    }
}

/// Undoes the export's spreadsheet-formula guard: `'=x` was written for a cell `=x`, and
/// `''x` for a cell `'x`.
fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
}

/// Reads and checks every row for `user`, accepting any date the calendar has; the first
/// bad row is reported with its line. Categories stay names: the store matches them
/// case-insensitively. `spend import` uses [`read_csv`], which also asks about doubtful
/// dates.
pub fn parse_csv(
    input: impl Read,
    user: &User,
    today: NaiveDate,
) -> Result<Vec<NamedExpense>, ImportError> {
    let options = ImportOptions {
        allow_implausible_dates: true,
    };
    read_csv(input, user, today, options).map(|read| read.rows)
}

/// Reads and checks every row for `user`, with the line each came from. A date before 1970
/// or more than a year after `today` is refused unless `options` allow it.
pub fn read_csv(
    input: impl Read,
    user: &User,
    today: NaiveDate,
    options: ImportOptions,
) -> Result<CsvRows, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let header = reader.headers().map_err(|e| csv_error(&e))?.clone();
    let columns = Columns::find(&header)?;
    let mut read = CsvRows {
        rows: Vec::new(),
        lines: Vec::new(),
        category_column: columns.category + 1,
    };
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| csv_error(&e))? {
        let line = record.position().map_or(0, csv::Position::line);
        let row = read_row(&record, line, &columns, user, today, options)?;
        read.rows.push(row);
        read.lines.push(line);
    }
    Ok(read)
}

/// One record as an expense, or the error naming its line and cell.
fn read_row(
    record: &csv::StringRecord,
    line: u64,
    columns: &Columns,
    user: &User,
    today: NaiveDate,
    options: ImportOptions,
) -> Result<NamedExpense, ImportError> {
    let cell = |index: usize| unneutralize(record.get(index).unwrap_or(""));
    let fail = |index: usize, reason: String| columns.cell_error(line, index, reason);
    let currency = match columns.currency.filter(|&i| !cell(i).trim().is_empty()) {
        Some(index) => Currency::parse(cell(index)).map_err(|e| fail(index, e.to_string()))?,
        None => user.currency,
    };
    let amount = parse_expense_amount(cell(columns.amount), currency)
        .map_err(|e| fail(columns.amount, e.to_string()))?;
    let rate = match columns.rate.filter(|&i| !cell(i).trim().is_empty()) {
        Some(index) => Some(Rate::parse(cell(index)).map_err(|e| fail(index, e.to_string()))?),
        None => None,
    };
    let date =
        parse_date(cell(columns.date), today).map_err(|e| fail(columns.date, e.to_string()))?;
    if let Some(doubt) = implausible_date(date, today)
        && !options.allow_implausible_dates
    {
        return Err(fail(
            columns.date,
            format!("{doubt}; if it is right, add --yes"),
        ));
    }
    let name = cell(columns.category).trim();
    if name.is_empty() {
        return Err(fail(columns.category, "category is empty".into()));
    }
    let note = match columns.note.map(|index| (index, cell(index))) {
        Some((index, note)) if note.len() > MAX_NOTE_BYTES => {
            return Err(fail(
                index,
                format!(
                    "note is {} bytes; at most {MAX_NOTE_BYTES} are kept",
                    note.len()
                ),
            ));
        }
        Some((_, note)) if !note.is_empty() => Some(note.to_string()),
        _ => None,
    };
    Ok(NamedExpense {
        category: name.to_string(),
        expense: NewExpense {
            rate,
            user_id: user.id,
            // Set by the store from the name.
            category_id: CategoryId(0),
            amount,
            currency,
            date,
            note,
        },
    })
}

/// A reading error with the line it happened on, in words a person can act on.
fn csv_error(error: &csv::Error) -> ImportError {
    let line = error.position().map(csv::Position::line);
    let reason = match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            let field = err.field() + 1;
            format!("field {field} is not UTF-8 text; save the file as UTF-8")
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields, but the header has {expected_len}; every row needs the same"),
        _ => error.to_string(),
    };
    match line {
        Some(line) => ImportError::Row { line, reason },
        None => ImportError::Csv(reason),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{ImportError, ImportOptions, parse_csv, read_csv};
    use crate::domain::Currency;
    use crate::domain::{User, UserId};
    use crate::export::neutralize;

    fn user() -> User {
        User {
            id: UserId(1),
            name: "Aman".into(),
            email: "aman@example.com".into(),
            currency: Currency::INR,
            warn_percent: 80,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 5, 20).expect("date")
    }

    fn notes_after_round_trip(notes: &[&str]) -> Vec<Option<String>> {
        let mut csv_text = String::from("amount,category,date,note\n");
        for note in notes {
            let cell = neutralize(note).replace('"', "\"\"");
            csv_text.push_str("1,Food,2025-05-01,\"");
            csv_text.push_str(&cell);
            csv_text.push_str("\"\n");
        }
        parse_csv(csv_text.as_bytes(), &user(), today())
            .expect("parses")
            .into_iter()
            .map(|row| row.expense.note)
            .collect()
    }

    #[test]
    fn export_guard_and_import_are_inverses() {
        let notes = ["=1+2", "'=1+2", "'tis", "''", "@home", "plain", "-5 off"];
        let back = notes_after_round_trip(&notes);
        let expected: Vec<Option<String>> = notes.iter().map(|n| Some((*n).to_string())).collect();
        assert_eq!(back, expected);
    }

    fn refusal(csv_text: &str) -> String {
        read_csv(
            csv_text.as_bytes(),
            &user(),
            today(),
            ImportOptions::default(),
        )
        .expect_err("refused")
        .to_string()
    }

    #[test]
    fn every_refusal_names_its_line_and_the_cell_where_one_is_at_fault() {
        let huge = "x".repeat(100_000);
        let multi_line =
            "note,amount,category,date\n\"two\nlines\",1,Food,2025-05-01\nok,0,Food,2025-05-02\n";
        for (text, expected) in [
            (
                format!("amount,category,date,note\n1,Food,2025-05-01,{huge}\n"),
                "line 2, column 4 (note): note is 100000 bytes; at most 16384 are kept".to_string(),
            ),
            (
                multi_line.to_string(),
                "line 4, column 2 (amount): amount \"0\" is zero; an expense must be more than 0"
                    .to_string(),
            ),
            (
                "Date,Category,Amount\n2099-01-01,Food,5\n".to_string(),
                "line 2, column 1 (Date): date 2099-01-01 is more than a year after today \
                 (2025-05-20); if it is right, add --yes"
                    .to_string(),
            ),
            (
                "amount,category,date\n1,Food,2025-05-01,extra\n".to_string(),
                "line 2: 4 fields, but the header has 3; every row needs the same".to_string(),
            ),
            (
                "amount,date\n1,2025-05-01\n".to_string(),
                "line 1: the file has no \"category\" column; it needs amount, category and date"
                    .to_string(),
            ),
        ] {
            assert_eq!(refusal(&text), expected);
        }
        let bad_utf8 = b"amount,category,date\n1,F\xffood,2025-05-01\n";
        let error = read_csv(&bad_utf8[..], &user(), today(), ImportOptions::default())
            .expect_err("not UTF-8");
        assert_eq!(
            error,
            ImportError::Row {
                line: 2,
                reason: "field 2 is not UTF-8 text; save the file as UTF-8".into()
            }
        );
    }

    #[test]
    fn doubtful_dates_pass_when_allowed_and_rows_keep_their_lines() {
        let text = "amount,category,date\n1,Food,1900-01-01\n2,Food,2025-05-01\n";
        let allowed = ImportOptions {
            allow_implausible_dates: true,
        };
        let read = read_csv(text.as_bytes(), &user(), today(), allowed).expect("allowed");
        assert_eq!(read.lines, [2, 3]);
        assert_eq!(read.category_column, 2);
        assert!(refusal(text).starts_with("line 2, column 3 (date): date 1900-01-01 is before"));
    }
}
