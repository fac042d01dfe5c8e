//! A bank statement read into rows: each spending, incoming, skipped (a footer, a repeated
//! header, a zero) or in error, with its line. Pure: bytes in, rows out.

use chrono::NaiveDate;
use csv::StringRecord;
use encoding_rs::Encoding;
use rust_decimal::Decimal;

use crate::domain::{Currency, implausible_date, quoted};
use crate::store::MAX_NOTE_BYTES;

use super::StatementError;
use super::amounts::{DecimalMark, parse_amount_with};
use super::dates::{DateOrder, detect_order};
use super::encoding::decode;
use super::mapping::{Columns, MapSpec};
use super::signs::{IN_WORDS, OUT_WORDS, Signs, detect_mark};
use super::sniff::{Header, delimiter_name, detect_delimiter, find_header, records};

/// Which sign of a single amount column is money leaving the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outflows {
    Negative,
    Positive,
}

/// How to read a statement; `None` is "find out from the file".
#[derive(Debug, Clone, Default)]
pub struct StatementOptions {
    pub map: MapSpec,
    pub date_order: Option<DateOrder>,
    pub decimal: Option<DecimalMark>,
    pub delimiter: Option<u8>,
    pub encoding: Option<&'static Encoding>,
    /// Lines above the header to pass over.
    pub skip: usize,
    pub outflows: Option<Outflows>,
    /// Accept dates before 1970 or more than a year after today.
    pub allow_implausible_dates: bool,
}

/// One transaction as the file has it; `amount` is positive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub date: NaiveDate,
    pub amount: Decimal,
    /// The currency the row names (a column, or a code in the amount); `None` is the user's.
    pub currency: Option<Currency>,
    pub note: Option<String>,
    /// The bank's own id for the transaction.
    pub bank_id: Option<String>,
    /// A category the file names.
    pub category: Option<String>,
}

/// What a row is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// Money out: an expense.
    Spending(Transaction),
    /// Money in: not an expense, counted.
    Inflow(Transaction),
    /// Not a transaction, with why.
    Skipped(String),
    /// A transaction that cannot be read, with why.
    Error(String),
}

/// A row and the physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow {
    pub line: u64,
    pub kind: RowKind,
}

/// How the file was read, for `--dry-run` to show and a profile to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub encoding: &'static str,
    pub delimiter: u8,
    /// 0 when the file has no header.
    pub header_line: u64,
    pub columns: String,
    pub date_order: DateOrder,
    pub decimal: DecimalMark,
    /// Which rows are spending, in words.
    pub outflows: String,
}

/// A statement read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub rows: Vec<StatementRow>,
    pub reading: Reading,
}

/// Reads a statement's bytes. A refusal means the file as a whole cannot be read as asked
/// (its encoding, delimiter, columns, dates or decimal mark are not settled); a row that
/// cannot be read is a row in error, with its line.
pub fn read_statement(
    bytes: &[u8],
    options: &StatementOptions,
    today: NaiveDate,
) -> Result<Statement, StatementError> {
    let decoded = decode(bytes, options.encoding)?;
    let text = decoded.text.as_str();
    let delimiter = match options.delimiter {
        Some(delimiter) => delimiter,
        None => detect_delimiter(text, options.skip)?,
    };
    let all: Vec<(u64, StringRecord)> = records(text, delimiter).collect::<Result<_, _>>()?;
    let header = find_header(&all, options.skip, &options.map, |cell| {
        DateOrder::ALL.iter().any(|o| o.read(cell).is_some())
    })
    .map_err(|error| with_delimiter(error, delimiter))?;
    let body = data_rows(&all, &header);
    let columns = &header.columns;
    let date_order = if let Some(order) = options.date_order {
        order
    } else if body.is_empty() {
        // A header and nothing below it: no dates to settle, no rows to read.
        DateOrder::YearMonthDay
    } else {
        let cells: Vec<(u64, &str)> = body
            .iter()
            .filter_map(|(line, r)| r.get(columns.date).map(|c| (*line, c)))
            .collect();
        detect_order(&cells)?
    };
    let decimal = match options.decimal {
        Some(mark) => mark,
        None => detect_mark(&body, columns)?,
    };
    let signs = Signs::settle(&body, columns, decimal, options.outflows);
    let context = RowContext {
        columns,
        date_order,
        decimal,
        signs,
        today,
        options,
    };
    let last_dated = body.iter().rposition(|(_, r)| {
        r.get(columns.date)
            .is_some_and(|c| date_order.read(c).is_some())
    });
    let rows = body
        .iter()
        .enumerate()
        .map(|(index, (line, record))| StatementRow {
            line: *line,
            kind: if last_dated.is_some_and(|last| index > last) {
                RowKind::Skipped(
                    "no date: a summary or footer line after the last transaction".into(),
                )
            } else if is_header_again(record, &header) {
                RowKind::Skipped("the header repeated".into())
            } else {
                context.read(record)
            },
        })
        .collect();
    Ok(Statement {
        rows,
        reading: Reading {
            encoding: decoded.encoding,
            delimiter,
            header_line: header.line,
            columns: columns.describe(&header.cells),
            date_order,
            decimal,
            outflows: signs.describe(),
        },
    })
}

/// A column-finding refusal says which delimiter the columns were looked for with.
fn with_delimiter(error: StatementError, delimiter: u8) -> StatementError {
    match error {
        StatementError::File { reason } => StatementError::File {
            reason: format!(
                "{reason} (columns split at {}; name another with --delimiter)",
                delimiter_name(delimiter)
            ),
        },
        other @ StatementError::Line { .. } => other,
    }
}

/// Some exports repeat the header on every page.
fn is_header_again(record: &StringRecord, header: &Header) -> bool {
    !header.cells.is_empty()
        && record
            .iter()
            .map(str::trim)
            .eq(header.cells.iter().map(String::as_str))
}

/// The records after the header that hold anything.
fn data_rows<'r>(all: &'r [(u64, StringRecord)], header: &Header) -> Vec<&'r (u64, StringRecord)> {
    all.iter()
        .skip(header.records_before)
        .filter(|(_, record)| record.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

/// What every row is read with.
struct RowContext<'a> {
    columns: &'a Columns,
    date_order: DateOrder,
    decimal: DecimalMark,
    signs: Signs,
    today: NaiveDate,
    options: &'a StatementOptions,
}

impl RowContext<'_> {
    fn read(&self, record: &StringRecord) -> RowKind {
        match self.transaction(record) {
            Ok(Some((true, transaction))) => RowKind::Spending(transaction),
            Ok(Some((false, transaction))) => RowKind::Inflow(transaction),
            Ok(None) => RowKind::Skipped("the amount is zero".into()),
            Err(reason) => RowKind::Error(reason),
        }
    }

    /// The row's transaction and whether it is spending; `None` for a zero amount.
    fn transaction(&self, record: &StringRecord) -> Result<Option<(bool, Transaction)>, String> {
        let cell = |index: Option<usize>| {
            index
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|c| !c.is_empty())
        };
        let columns = self.columns;
        let date_cell = cell(Some(columns.date)).unwrap_or_default();
        let date = self.date_order.read(date_cell).ok_or_else(|| {
            format!(
                "date {} is not a {} date",
                quoted(date_cell),
                self.date_order.name()
            )
        })?;
        if let Some(doubt) = implausible_date(date, self.today)
            && !self.options.allow_implausible_dates
        {
            return Err(format!("{doubt}; if it is right, add --yes"));
        }
        let Some((value, cell_currency)) = self.signed_amount(record)? else {
            return Ok(None);
        };
        let currency = match cell(columns.currency) {
            Some(code) => Some(Currency::parse(code).map_err(|e| e.to_string())?),
            None => cell_currency,
        };
        let spending = match self.signs {
            Signs::Signed {
                outflows: Outflows::Positive,
                ..
            } => value.is_sign_positive(),
            // The other layouts have made money out negative already.
            Signs::Signed {
                outflows: Outflows::Negative,
                ..
            }
            | Signs::DebitCredit
            | Signs::Kind => value.is_sign_negative(),
        };
        let note = self.note(record)?;
        Ok(Some((
            spending,
            Transaction {
                date,
                amount: value.abs(),
                currency,
                note,
                bank_id: cell(columns.id).map(str::to_string),
                category: cell(columns.category).map(str::to_string),
            },
        )))
    }

    /// The amount with money out negative, whatever the layout; `None` when it is zero.
    fn signed_amount(
        &self,
        record: &StringRecord,
    ) -> Result<Option<(Decimal, Option<Currency>)>, String> {
        let cell = |index: Option<usize>| {
            index
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|c| !c.is_empty())
        };
        let read =
            |text: &str| parse_amount_with(text, self.decimal).map(|a| (a.value, a.currency));
        let columns = self.columns;
        let (value, currency) = match self.signs {
            Signs::Signed { .. } => {
                let text = cell(columns.amount).ok_or("the amount is empty")?;
                read(text)?
            }
            Signs::Kind => {
                let text = cell(columns.amount).ok_or("the amount is empty")?;
                let (value, currency) = read(text)?;
                let kind = cell(columns.kind).unwrap_or_default();
                let lower = kind.to_lowercase();
                if OUT_WORDS.contains(&lower.as_str()) {
                    (-value.abs(), currency)
                } else if IN_WORDS.contains(&lower.as_str()) {
                    (value.abs(), currency)
                } else {
                    return Err(format!(
                        "type {} is neither a debit nor a credit (such as DR/CR, Debit/Credit, Af/Bij)",
                        quoted(kind)
                    ));
                }
            }
            Signs::DebitCredit => {
                let out = cell(columns.debit)
                    .map(read)
                    .transpose()?
                    .filter(|(v, _)| !v.is_zero());
                let incoming = cell(columns.credit)
                    .map(read)
                    .transpose()?
                    .filter(|(v, _)| !v.is_zero());
                match (out, incoming) {
                    (Some(_), Some(_)) => {
                        return Err("both the debit and the credit column hold an amount".into());
                    }
                    (Some((value, currency)), None) => (-value.abs(), currency),
                    (None, Some((value, currency))) => (value.abs(), currency),
                    (None, None) => return Ok(None),
                }
            }
        };
        Ok((!value.is_zero()).then_some((value, currency)))
    }

    /// The payee and the description, joined, with runs of spaces and line breaks made one
    /// space.
    fn note(&self, record: &StringRecord) -> Result<Option<String>, String> {
        let cell = |index: Option<usize>| {
            index
                .and_then(|i| record.get(i))
                .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|c| !c.is_empty())
        };
        let note = match (cell(self.columns.payee), cell(self.columns.note)) {
            (Some(payee), Some(memo)) if payee != memo => Some(format!("{payee} - {memo}")),
            (Some(one), _) | (None, Some(one)) => Some(one),
            (None, None) => None,
        };
        match note {
            Some(note) if note.len() > MAX_NOTE_BYTES => Err(format!(
                "the description is {} bytes; at most {MAX_NOTE_BYTES} are kept",
                note.len()
            )),
            Some(note) if note.contains('\0') => {
                Err("the description has a NUL character (\\0), which cannot be stored".into())
            }
            other => Ok(other),
        }
    }
}
