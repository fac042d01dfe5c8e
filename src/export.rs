//! CSV export in the reference design's format, for Power BI or a spreadsheet.

use std::io::Write;
use std::path::Path;

use crate::store::{ExpenseFilter, Store, StoreError};

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

/// Writes the selected expenses as CSV and returns how many rows were written.
pub fn write_csv<W: Write>(
    store: &Store,
    filter: &ExpenseFilter,
    out: W,
) -> Result<usize, StoreError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER).map_err(csv_error)?;
    let count = store.each_expense(filter, |expense| {
        writer
            .write_record([
                expense.id.to_string().as_str(),
                &expense.user_id.to_string(),
                &expense
                    .category_id
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                &neutralize(expense.category.as_deref().unwrap_or("")),
                &expense.currency.format_plain(expense.amount),
                expense.currency.code(),
                &expense.date.format("%Y-%m-%d").to_string(),
                &neutralize(expense.note.as_deref().unwrap_or("")),
            ])
            .map_err(csv_error)
    })?;
    writer.flush()?;
    Ok(count)
}

/// Writes the CSV next to its destination and renames it into place, so a failed export
/// never leaves a half-written file under the chosen name.
pub fn export_to_file(
    store: &Store,
    filter: &ExpenseFilter,
    path: &Path,
) -> Result<usize, StoreError> {
    let file_name = path.file_name().ok_or_else(|| {
        StoreError::InvalidInput(format!("{} is not a file name", path.display()))
    })?;
    let partial = path.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    let file = std::fs::File::create(&partial).map_err(|source| StoreError::Create {
        path: path.to_path_buf(),
        source,
    })?;
    let mut buffered = std::io::BufWriter::new(file);
    let written = write_csv(store, filter, &mut buffered).and_then(|rows| {
        let file = buffered
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        Ok(rows)
    });
    match written {
        Ok(rows) => {
            std::fs::rename(&partial, path)?;
            Ok(rows)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

fn csv_error(error: csv::Error) -> StoreError {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => StoreError::Io(io),
        other => StoreError::InvalidInput(format!("CSV: {other:?}")),
    }
}

/// Keeps a spreadsheet from reading a cell as a formula (OWASP CSV injection): text that
/// starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::neutralize;

    #[test]
    fn formula_cells_are_neutralized() {
        for risky in ["=1+2", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralize(risky), format!("'{risky}"));
        }
        for safe in ["Lunch at cafe", "", "1-2", "a=b"] {
            assert_eq!(neutralize(safe), safe);
        }
    }
}
