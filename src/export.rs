//! Exports: CSV in the reference design's format, the Power BI bundle around it, and an
//! hledger journal.

mod journal;
mod powerbi;
mod powerbi_calendar;
mod powerbi_readme;
mod staged;

pub use journal::{
    DEFAULT_ACCOUNT, EXPENSES_ACCOUNT, account_part, check_account, safe_text, write_journal,
};
pub use powerbi::{
    BUNDLE_FILES, BundleOptions, BundleSummary, NO_CATEGORY_ID, UTF8_BOM, write_powerbi,
};
pub use powerbi_calendar::{CALENDAR_MONTHS, Calendar};

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::iso_date_bytes;
use crate::store::{ExpenseFilter, ExpenseRow, IfExists, Store, StoreError};

/// The header, exactly as the reference design's export has it.
pub const CSV_HEADER: [&str; 8] = [
    "id",
    "user_id",
    "category_id",
    "category",
    "amount",
    "currency",
    "date",
    "note",
];

/// Bytes the CSV writer gathers before each write to its output: few system calls even on
/// a line-buffered standard output.
const CSV_BUFFER: usize = 256 * 1024;

/// Writes the selected expenses as CSV and returns how many rows were written.
pub fn write_csv<W: Write>(
    store: &Store,
    filter: &ExpenseFilter,
    out: W,
) -> Result<usize, StoreError> {
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(CSV_BUFFER)
        .from_writer(out);
    writer.write_record(CSV_HEADER).map_err(csv_error)?;
    let mut cells = Cells::default();
    let count = store.each_expense_row(filter, |row| {
        writer.write_record(cells.of(row)).map_err(csv_error)
    })?;
    writer.flush()?;
    Ok(count)
}

/// Scratch space for one row's cells, reused for every row so writing allocates nothing.
#[derive(Default)]
struct Cells {
    id: itoa::Buffer,
    user_id: itoa::Buffer,
    category_id: itoa::Buffer,
    amount: Vec<u8>,
    date: Vec<u8>,
    category: Vec<u8>,
    note: Vec<u8>,
}

impl Cells {
    /// The row's cells in `CSV_HEADER` order.
    fn of<'a>(&'a mut self, row: &'a ExpenseRow<'_>) -> [&'a [u8]; 8] {
        format_minor(row.minor, row.currency.decimals(), &mut self.amount);
        format_date(row.date, &mut self.date);
        [
            self.id.format(row.id.0).as_bytes(),
            self.user_id.format(row.user_id.0).as_bytes(),
            row.category_id
                .map_or(&[][..], |id| self.category_id.format(id.0).as_bytes()),
            neutralize_into(row.category.unwrap_or(""), &mut self.category),
            &self.amount,
            row.currency.code().as_bytes(),
            &self.date,
            neutralize_into(row.note.unwrap_or(""), &mut self.note),
        ]
    }
}

/// An amount of minor units as `Currency::format_plain` prints it: `5200.00`, `-0.05`, `7`.
fn format_minor(minor: i64, decimals: u32, out: &mut Vec<u8>) {
    out.clear();
    if minor < 0 {
        out.push(b'-');
    }
    let magnitude = minor.unsigned_abs();
    let scale = 10_u64.pow(decimals);
    let mut digits = itoa::Buffer::new();
    out.extend_from_slice(digits.format(magnitude / scale).as_bytes());
    if decimals > 0 {
        out.push(b'.');
        let fraction = digits.format(magnitude % scale).as_bytes();
        let width = usize::try_from(decimals).unwrap_or(0);
        out.extend(std::iter::repeat_n(
            b'0',
            width.saturating_sub(fraction.len()),
        ));
        out.extend_from_slice(fraction);
    }
}

/// A date as `%Y-%m-%d` prints it.
fn format_date(date: NaiveDate, out: &mut Vec<u8>) {
    out.clear();
    match iso_date_bytes(date) {
        Some(bytes) => out.extend_from_slice(&bytes),
        // No stored date is outside years 0 to 9999; chrono spells any other.
        None => {
            let _ = write!(out, "{}", date.format("%Y-%m-%d"));
        }
    }
}

/// The cell's bytes, with the apostrophe `neutralize` adds written into `scratch` if needed.
fn neutralize_into<'a>(cell: &'a str, scratch: &'a mut Vec<u8>) -> &'a [u8] {
    if is_formula_like(cell) {
        scratch.clear();
        scratch.push(b'\'');
        scratch.extend_from_slice(cell.as_bytes());
        scratch
    } else {
        cell.as_bytes()
    }
}

/// Writes the CSV to `path`, replacing a file there: the app's `x` writes the month's file
/// again. See [`export_to_file_as`].
pub fn export_to_file(
    store: &Store,
    filter: &ExpenseFilter,
    path: &Path,
) -> Result<usize, StoreError> {
    export_to_file_as(store, filter, path, IfExists::Replace)
}

/// Writes the CSV to a hidden owner-only file next to `path` and gives it the name only
/// when complete, so a refused or failed export never leaves a partial file, and the
/// export is readable by its owner only, as the database is. A directory, or (unless
/// `if_exists` says to replace it) an existing file, is refused before anything is written.
pub fn export_to_file_as(
    store: &Store,
    filter: &ExpenseFilter,
    path: &Path,
    if_exists: IfExists,
) -> Result<usize, StoreError> {
    write_csv_file(store, filter, path, if_exists, false)
}

/// [`export_to_file_as`], starting the file with a UTF-8 byte-order mark if `bom`.
pub fn write_csv_file(
    store: &Store,
    filter: &ExpenseFilter,
    path: &Path,
    if_exists: IfExists,
    bom: bool,
) -> Result<usize, StoreError> {
    let mut set = staged::StagedSet::default();
    let rows = set.write(path, if_exists, |out| {
        if bom {
            out.write_all(UTF8_BOM)?;
        }
        write_csv(store, filter, out)
    })?;
    set.publish(if_exists)?;
    Ok(rows)
}

/// The hledger journal of [`write_journal`], written to `path` whole or not at all.
pub fn write_journal_file(
    store: &Store,
    filter: &ExpenseFilter,
    account: &str,
    path: &Path,
    if_exists: IfExists,
) -> Result<usize, StoreError> {
    check_account(account)?;
    let mut set = staged::StagedSet::default();
    let rows = set.write(path, if_exists, |out| {
        write_journal(store, filter, account, out)
    })?;
    set.publish(if_exists)?;
    Ok(rows)
}

fn csv_error(error: csv::Error) -> StoreError {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => StoreError::Io(io),
        other => StoreError::InvalidInput(format!("CSV: {other:?}")),
    }
}

/// Keeps a spreadsheet from reading a cell as a formula (OWASP CSV injection): text that
/// starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe. Text
/// that already starts with an apostrophe gets one more, so import can take exactly one off.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\''])
}

#[cfg(test)]
mod tests {
    use super::{format_date, format_minor, neutralize};
    use crate::domain::Currency;
    use chrono::NaiveDate;

    #[test]
    fn amounts_print_as_format_plain_does() {
        let currencies = ["INR", "JPY", "KWD"].map(|c| Currency::parse(c).expect("currency"));
        let values = [
            0, 1, 5, 9, 10, 99, 100, 101, 999, 1000, 1001, 123_456, 520_000,
        ]
        .into_iter()
        .flat_map(|v| [v, -v])
        .chain([i64::MAX, i64::MIN, 999_999_999_999]);
        let mut out = Vec::new();
        for currency in currencies {
            for minor in values.clone() {
                format_minor(minor, currency.decimals(), &mut out);
                let expected = currency.format_plain(currency.from_minor(minor));
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    expected,
                    "{minor} {currency}"
                );
            }
        }
    }

    #[test]
    fn dates_print_as_chrono_does() {
        let mut out = Vec::new();
        for (y, m, d) in [
            (2025, 5, 1),
            (1, 1, 1),
            (0, 3, 4),
            (9999, 12, 31),
            (-5, 1, 1),
            (12345, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
            format_date(date, &mut out);
            assert_eq!(
                String::from_utf8_lossy(&out),
                date.format("%Y-%m-%d").to_string()
            );
        }
    }

    #[test]
    fn formula_cells_are_neutralized() {
        for risky in ["=1+2", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralize(risky), format!("'{risky}"));
        }
        assert_eq!(
            neutralize("'=1+2"),
            "''=1+2",
            "an apostrophe is doubled, so import can undo it"
        );
        for safe in ["Lunch at cafe", "", "1-2", "a=b"] {
            assert_eq!(neutralize(safe), safe);
        }
    }
}
