//! CSV import: the export's own format (or any file with `amount`, `category` and `date`
//! columns), checked completely before anything is written.

use std::io::Read;

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::{CategoryId, NewExpense, User, quoted};
use crate::domain::{Currency, parse_amount, parse_date};
use crate::store::NamedExpense;

/// Why a file cannot be imported; nothing is written when there is one.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("the file has no {} column; it needs amount, category and date", quoted(.0))]
    MissingColumn(&'static str),
    #[error("line {line}: {reason}")]
    Row { line: u64, reason: String },
    #[error("the file is not readable CSV: {0}")]
    Csv(String),
}

/// Column positions found in the header.
struct Columns {
    amount: usize,
    category: usize,
    date: usize,
    currency: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    fn find(header: &csv::StringRecord) -> Result<Columns, ImportError> {
        let position = |name: &str| {
            header.iter().position(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(name)
            })
        };
        Ok(Columns {
            amount: position("amount").ok_or(ImportError::MissingColumn("amount"))?,
            category: position("category").ok_or(ImportError::MissingColumn("category"))?,
            date: position("date").ok_or(ImportError::MissingColumn("date"))?,
            currency: position("currency"),
            note: position("note"),
        })
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

/// Reads and checks every row for `user`; the first bad one is reported with its line
/// number. Categories stay names: the store matches them case-insensitively.
pub fn parse_csv(
    input: impl Read,
    user: &User,
    today: NaiveDate,
) -> Result<Vec<NamedExpense>, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| ImportError::Csv(e.to_string()))?
        .clone();
    let columns = Columns::find(&header)?;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => return Err(ImportError::Csv(error.to_string())),
        }
        let line = record.position().map_or(0, csv::Position::line);
        let row_error = |reason: String| ImportError::Row { line, reason };
        let cell = |index: usize| unneutralize(record.get(index).unwrap_or(""));
        let currency = match columns.currency.map(cell).filter(|c| !c.trim().is_empty()) {
            Some(code) => Currency::parse(code).map_err(|e| row_error(e.to_string()))?,
            None => user.currency,
        };
        let amount =
            parse_amount(cell(columns.amount), currency).map_err(|e| row_error(e.to_string()))?;
        let date = parse_date(cell(columns.date), today).map_err(|e| row_error(e.to_string()))?;
        let name = cell(columns.category).trim();
        if name.is_empty() {
            return Err(row_error("category is empty".into()));
        }
        let note = columns
            .note
            .map(cell)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        rows.push(NamedExpense {
            category: name.to_string(),
            expense: NewExpense {
                user_id: user.id,
                // Set by the store from the name.
                category_id: CategoryId(0),
                amount,
                currency,
                date,
                note,
            },
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::parse_csv;
    use crate::domain::Currency;
    use crate::domain::{User, UserId};
    use crate::export::neutralize;

    fn notes_after_round_trip(notes: &[&str]) -> Vec<Option<String>> {
        let mut csv_text = String::from("amount,category,date,note\n");
        for note in notes {
            let cell = neutralize(note).replace('"', "\"\"");
            csv_text.push_str("1,Food,2025-05-01,\"");
            csv_text.push_str(&cell);
            csv_text.push_str("\"\n");
        }
        let user = User {
            id: UserId(1),
            name: "Aman".into(),
            email: "aman@example.com".into(),
            currency: Currency::INR,
            warn_percent: 80,
        };
        let today = NaiveDate::from_ymd_opt(2025, 5, 20).expect("date");
        parse_csv(csv_text.as_bytes(), &user, today)
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
}
