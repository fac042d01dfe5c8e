//! What an import does with each row of a statement, before and as it writes: the row's
//! status, category and fingerprint, worked out from the ledger's rules, categories, earlier
//! choices and fingerprints. The command line and the app's import dialog both plan with it.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{CategoryId, Currency, NewExpense, User};
use crate::store::{StatementExpense, StatementOutcome, Store, StoreError, StoreResult};

use super::{
    Categorizer, FingerprintInput, Fingerprinter, ImportProfile, MapSpec, Reading, RowKind,
    Statement, StatementError, StatementOptions, encoding_for_label, parse_delimiter,
};

/// What happens to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    New,
    Duplicate,
    Inflow,
    Skipped,
    Error,
}

impl Status {
    /// The status as `--json` and the app name it.
    pub fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Duplicate => "duplicate",
            Status::Inflow => "inflow",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }
}

/// A row of the file and what the import does with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The physical line it starts on.
    pub line: u64,
    pub status: Status,
    pub date: Option<NaiveDate>,
    /// Positive.
    pub amount: Option<Decimal>,
    pub currency: Option<Currency>,
    pub note: Option<String>,
    pub category: Option<String>,
    /// Why a row is skipped or in error.
    pub reason: Option<String>,
    fingerprint: Option<String>,
}

impl Planned {
    fn of(line: u64, status: Status, reason: Option<String>) -> Planned {
        Planned {
            line,
            status,
            date: None,
            amount: None,
            currency: None,
            note: None,
            category: None,
            reason,
            fingerprint: None,
        }
    }
}

/// How many rows have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub duplicates: usize,
    pub inflows: usize,
    pub skipped: usize,
    pub errors: usize,
}

impl Counts {
    pub fn of(plan: &[Planned]) -> Counts {
        let count = |status| plan.iter().filter(|p| p.status == status).count();
        Counts {
            new: count(Status::New),
            duplicates: count(Status::Duplicate),
            inflows: count(Status::Inflow),
            skipped: count(Status::Skipped),
            errors: count(Status::Error),
        }
    }

    /// `imported 12, skipped 30 already imported, 4 incoming`, with `verb` first.
    pub fn summary(self, verb: &str) -> String {
        let mut summary = format!(
            "{verb} {}, skipped {} already imported, {} incoming",
            self.new, self.duplicates, self.inflows
        );
        if self.skipped > 0 {
            let _ = write!(summary, ", {} not transactions", self.skipped);
        }
        summary
    }
}

/// The reading options the settings in effect give; `yes` accepts doubtful dates.
pub fn statement_options(
    settings: &ImportProfile,
    yes: bool,
) -> Result<StatementOptions, StatementError> {
    Ok(StatementOptions {
        map: settings
            .map
            .as_deref()
            .map(MapSpec::parse)
            .transpose()?
            .unwrap_or_default(),
        date_order: settings.date_format,
        decimal: settings.decimal,
        delimiter: settings
            .delimiter
            .as_deref()
            .map(parse_delimiter)
            .transpose()?,
        encoding: settings
            .encoding
            .as_deref()
            .map(encoding_for_label)
            .transpose()?,
        skip: settings.skip.unwrap_or(0),
        outflows: settings.outflows,
        allow_implausible_dates: yes,
    })
}

/// What a statement was read with, detected or asked, to keep in a profile.
pub fn profile_of(reading: &Reading, asked: &ImportProfile) -> ImportProfile {
    let delimiter = match reading.delimiter {
        b'\t' => "tab".to_string(),
        other => char::from(other).to_string(),
    };
    ImportProfile {
        map: Some(reading.columns.clone()),
        date_format: Some(reading.date_order),
        decimal: Some(reading.decimal),
        delimiter: Some(delimiter),
        encoding: Some(reading.encoding.to_string()),
        skip: asked.skip,
        outflows: asked.outflows,
    }
}

/// Every row with its status, category and fingerprint. A category comes from the file's
/// category column when it names a known category (or any, with `create_categories`), else
/// from the first rule that matches, else from the most recent choice for the description.
pub fn plan_statement(
    store: &Store,
    user: &User,
    statement: &Statement,
    create_categories: bool,
) -> StoreResult<Vec<Planned>> {
    let rules = store.category_rules(user.id)?;
    let mut categorizer = Categorizer::new(
        rules
            .iter()
            .map(|r| (r.pattern.as_str(), r.category.as_str())),
    )
    .map_err(StoreError::InvalidInput)?;
    let known: HashMap<String, String> = store
        .categories()?
        .into_iter()
        .map(|c| (c.name.to_lowercase(), c.name))
        .collect();
    let mut prints = Fingerprinter::default();
    let mut plan = Vec::with_capacity(statement.rows.len());
    for row in &statement.rows {
        let (status, transaction) = match &row.kind {
            RowKind::Spending(t) => (Status::New, t),
            RowKind::Inflow(t) => (Status::Inflow, t),
            RowKind::Skipped(reason) => {
                plan.push(Planned::of(row.line, Status::Skipped, Some(reason.clone())));
                continue;
            }
            RowKind::Error(reason) => {
                plan.push(Planned::of(row.line, Status::Error, Some(reason.clone())));
                continue;
            }
        };
        let currency = transaction.currency.unwrap_or(user.currency);
        let mut planned = Planned {
            date: Some(transaction.date),
            amount: Some(transaction.amount),
            currency: Some(currency),
            note: transaction.note.clone(),
            ..Planned::of(row.line, status, None)
        };
        if status == Status::New {
            if let Err(error) = currency.to_minor(transaction.amount) {
                planned.status = Status::Error;
                planned.reason = Some(error.to_string());
            } else {
                planned.category = transaction
                    .category
                    .as_deref()
                    .and_then(|name| match known.get(&name.to_lowercase()) {
                        Some(real) => Some(real.clone()),
                        None => create_categories.then(|| name.to_string()),
                    })
                    .or_else(|| {
                        let note = transaction.note.as_deref()?;
                        categorizer.category_for(note).map(str::to_string)
                    });
                planned.fingerprint = Some(prints.fingerprint(FingerprintInput {
                    bank_id: transaction.bank_id.as_deref(),
                    date: transaction.date,
                    amount: transaction.amount,
                    currency,
                    note: transaction.note.as_deref(),
                }));
            }
        }
        plan.push(planned);
    }
    let unsure = |p: &Planned| p.status == Status::New && p.category.is_none() && p.note.is_some();
    if plan.iter().any(unsure) {
        let notes = store.categorised_notes(user.id)?;
        categorizer.learn(notes.iter().map(|(n, c)| (n.as_str(), c.as_str())));
        for planned in plan.iter_mut().filter(|p| unsure(p)) {
            let note = planned.note.as_deref().unwrap_or_default();
            planned.category = categorizer.category_for(note).map(str::to_string);
        }
    }
    Ok(plan)
}

/// Marks the rows imported before, and rows whose bank id repeats within the file, for a
/// preview; a real import learns them from its write.
pub fn mark_known(store: &Store, user: &User, plan: &mut [Planned]) -> StoreResult<()> {
    let prints: Vec<&str> = plan
        .iter()
        .filter_map(|p| p.fingerprint.as_deref())
        .collect();
    let known = store.known_fingerprints(user.id, &prints)?;
    let mut seen = HashSet::new();
    for planned in plan.iter_mut() {
        if let Some(print) = &planned.fingerprint
            && (known.contains(print) || !seen.insert(print.clone()))
        {
            planned.status = Status::Duplicate;
        }
    }
    Ok(())
}

/// Why the write refused a row: the line it came from, and the store's reason.
#[derive(Debug)]
pub enum WriteError {
    Row { line: u64, source: StoreError },
    Store(StoreError),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Row { line, source } => write!(f, "line {line}: {source}"),
            WriteError::Store(error) => error.fmt(f),
        }
    }
}

/// How a statement was read, in words, for a preview.
pub fn describe_reading(reading: &Reading) -> Vec<String> {
    let header = match reading.header_line {
        0 => "no header line".to_string(),
        line => format!("header on line {line}"),
    };
    vec![
        format!(
            "read as {}, columns split at {}, {header}",
            reading.encoding,
            super::delimiter_name(reading.delimiter)
        ),
        format!("columns: {}", reading.columns),
        format!(
            "dates {}, decimal mark {}",
            reading.date_order.name(),
            crate::domain::quoted(&reading.decimal.symbol().to_string())
        ),
        reading.outflows.clone(),
    ]
}

/// Writes the plan's new rows in one transaction, and marks the rows the ledger already
/// held as duplicates.
pub fn write_plan(
    store: &mut Store,
    user: &User,
    plan: &mut [Planned],
    create_categories: bool,
) -> Result<StatementOutcome, WriteError> {
    let (rows, places): (Vec<StatementExpense>, Vec<usize>) = plan
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status == Status::New)
        .filter_map(|(place, p)| Some((new_expense(user, p)?, place)))
        .unzip();
    let outcome = store
        .import_statement(user.id, &rows, create_categories)
        .map_err(|error| match error {
            StoreError::ImportRow { index, source } => WriteError::Row {
                line: places
                    .get(index)
                    .and_then(|&i| plan.get(i))
                    .map_or(0, |p| p.line),
                source: *source,
            },
            other => WriteError::Store(other),
        })?;
    for index in &outcome.duplicates {
        if let Some(planned) = places.get(*index).and_then(|&i| plan.get_mut(i)) {
            planned.status = Status::Duplicate;
        }
    }
    Ok(outcome)
}

fn new_expense(user: &User, planned: &Planned) -> Option<StatementExpense> {
    Some(StatementExpense {
        expense: NewExpense {
            rate: None,
            user_id: user.id,
            // Set by the store from the category's name.
            category_id: CategoryId(0),
            amount: planned.amount?,
            currency: planned.currency?,
            date: planned.date?,
            note: planned.note.clone(),
        },
        category: planned.category.clone(),
        fingerprint: planned.fingerprint.clone()?,
    })
}
