//! CSV export in the reference design's format, for Power BI or a spreadsheet.

use std::io::Write;

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
