//! `spend import` of a bank statement: the file read, each spending row categorised and
//! fingerprinted, rows imported before marked, then one write (or, with `--dry-run`, none).

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{Currency, User, quoted};
use crate::import::{
    Categorizer, DateOrder, DecimalMark, FingerprintInput, Fingerprinter, ImportProfile, MapSpec,
    Outflows, Reading, RowKind, Statement, StatementOptions, delimiter_name, encoding_for_label,
    parse_delimiter, read_statement,
};
use crate::store::{StatementExpense, StoreError};

use super::args::{ImportArgs, OutflowsArg};
use super::commands::{CliError, Context};
use super::statement_report::report;

/// What happens to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    New,
    Duplicate,
    Inflow,
    Skipped,
    Error,
}

impl Status {
    pub(super) fn name(self) -> &'static str {
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
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub line: u64,
    pub status: Status,
    pub date: Option<NaiveDate>,
    pub amount: Option<Decimal>,
    pub currency: Option<Currency>,
    pub note: Option<String>,
    pub category: Option<String>,
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

pub(super) fn import(
    ctx: &mut Context<'_>,
    args: &ImportArgs,
    bytes: &[u8],
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let file = args.file.as_path();
    let user = ctx.user()?;
    let settings = settings(ctx, &user, args)?;
    let options = statement_options(&settings, args.yes).map_err(|e| in_file(file, e))?;
    let statement = read_statement(bytes, &options, ctx.today).map_err(|e| in_file(file, e))?;
    let mut plan = plan_rows(ctx, &user, &statement, args.create_categories)?;
    if args.dry_run {
        mark_known(ctx, &user, &mut plan)?;
        return Ok(report(out, args, &statement.reading, &plan, None)?);
    }
    // A real import learns which rows were imported before from the write itself, which
    // looks inside its transaction; looking here too would only be slower.
    let bad: Vec<&Planned> = plan.iter().filter(|p| p.status == Status::Error).collect();
    if let (Some(first), false) = (bad.first(), args.skip_bad) {
        let more = match bad.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more row)".into(),
            n => format!(" (and {n} more rows)"),
        };
        return Err(in_file(
            file,
            format!(
                "line {}: {}{more}; nothing was imported: fix the file, or add --skip-bad to \
                 import the other rows (--dry-run lists them all)",
                first.line,
                first.reason.as_deref().unwrap_or_default()
            ),
        ));
    }
    let (rows, places): (Vec<StatementExpense>, Vec<usize>) = plan
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status == Status::New)
        .filter_map(|(place, p)| Some((new_expense(&user, p)?, place)))
        .unzip();
    let outcome = ctx
        .store
        .import_statement(user.id, &rows, args.create_categories)
        .map_err(|error| match error {
            StoreError::ImportRow { index, source } => {
                let line = places
                    .get(index)
                    .and_then(|&i| plan.get(i))
                    .map_or(0, |p| p.line);
                in_file(file, format!("line {line}: {source}"))
            }
            other => other.into(),
        })?;
    for index in &outcome.duplicates {
        if let Some(planned) = places.get(*index).and_then(|&i| plan.get_mut(i)) {
            planned.status = Status::Duplicate;
        }
    }
    if let Some(name) = &args.save_profile {
        let saved = detected(&statement.reading, &settings);
        ctx.store
            .save_import_profile(user.id, name, &saved.to_json())?;
    }
    Ok(report(
        out,
        args,
        &statement.reading,
        &plan,
        Some(&outcome),
    )?)
}

fn in_file(file: &Path, what: impl Display) -> CliError {
    CliError::Input(format!("{}: {what}", file.display()))
}

/// The settings in effect: the profile's, with the flags given put over them.
fn settings(ctx: &Context<'_>, user: &User, args: &ImportArgs) -> Result<ImportProfile, CliError> {
    let flags = ImportProfile {
        map: args.map.clone(),
        date_format: args
            .date_format
            .as_deref()
            .map(DateOrder::parse_flag)
            .transpose()
            .map_err(|e| CliError::Input(e.to_string()))?,
        decimal: match args.decimal.as_deref() {
            Some(text) => Some(DecimalMark::parse(text).ok_or_else(|| {
                CliError::Input(format!("--decimal {} is not . or ,", quoted(text)))
            })?),
            None => None,
        },
        delimiter: args.delimiter.clone(),
        encoding: args.encoding.clone(),
        skip: args.skip,
        outflows: args.outflows.map(|o| match o {
            OutflowsArg::Negative => Outflows::Negative,
            OutflowsArg::Positive => Outflows::Positive,
        }),
    };
    let Some(name) = &args.profile else {
        return Ok(flags);
    };
    let stored = ctx.store.import_profile(user.id, name)?.ok_or_else(|| {
        CliError::Input(format!(
            "no import profile {}; save one with --save-profile {name}",
            quoted(name)
        ))
    })?;
    let profile =
        ImportProfile::from_json(name, &stored).map_err(|e| CliError::Input(e.to_string()))?;
    Ok(profile.overridden_by(flags))
}

/// What was detected, to keep in a profile beside what was asked.
fn detected(reading: &Reading, asked: &ImportProfile) -> ImportProfile {
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

fn statement_options(settings: &ImportProfile, yes: bool) -> Result<StatementOptions, String> {
    let text = |e: crate::import::StatementError| e.to_string();
    Ok(StatementOptions {
        map: settings
            .map
            .as_deref()
            .map(MapSpec::parse)
            .transpose()
            .map_err(text)?
            .unwrap_or_default(),
        date_order: settings.date_format,
        decimal: settings.decimal,
        delimiter: settings
            .delimiter
            .as_deref()
            .map(parse_delimiter)
            .transpose()
            .map_err(text)?,
        encoding: settings
            .encoding
            .as_deref()
            .map(encoding_for_label)
            .transpose()
            .map_err(text)?,
        skip: settings.skip.unwrap_or(0),
        outflows: settings.outflows,
        allow_implausible_dates: yes,
    })
}

/// Every row with its status, category and fingerprint.
fn plan_rows(
    ctx: &Context<'_>,
    user: &User,
    statement: &Statement,
    create_categories: bool,
) -> Result<Vec<Planned>, CliError> {
    let rules = ctx.store.category_rules(user.id)?;
    let mut categorizer = Categorizer::new(
        rules
            .iter()
            .map(|r| (r.pattern.as_str(), r.category.as_str())),
    )
    .map_err(CliError::Input)?;
    let known: HashMap<String, String> = ctx
        .store
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
        let notes = ctx.store.categorised_notes(user.id)?;
        categorizer.learn(notes.iter().map(|(n, c)| (n.as_str(), c.as_str())));
        for planned in plan.iter_mut().filter(|p| unsure(p)) {
            let note = planned.note.as_deref().unwrap_or_default();
            planned.category = categorizer.category_for(note).map(str::to_string);
        }
    }
    Ok(plan)
}

/// Marks rows imported before, and rows whose bank id repeats within the file.
fn mark_known(ctx: &Context<'_>, user: &User, plan: &mut [Planned]) -> Result<(), CliError> {
    let prints: Vec<&str> = plan
        .iter()
        .filter_map(|p| p.fingerprint.as_deref())
        .collect();
    let known = ctx.store.known_fingerprints(user.id, &prints)?;
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

fn new_expense(user: &User, planned: &Planned) -> Option<StatementExpense> {
    Some(StatementExpense {
        expense: crate::domain::NewExpense {
            user_id: user.id,
            // Set by the store from the category's name.
            category_id: crate::domain::CategoryId(0),
            amount: planned.amount?,
            currency: planned.currency?,
            date: planned.date?,
            note: planned.note.clone(),
        },
        category: planned.category.clone(),
        fingerprint: planned.fingerprint.clone()?,
    })
}

/// The reading in words, for `--dry-run`.
pub(super) fn describe(reading: &Reading) -> Vec<String> {
    let header = match reading.header_line {
        0 => "no header line".to_string(),
        line => format!("header on line {line}"),
    };
    vec![
        format!(
            "read as {}, columns split at {}, {header}",
            reading.encoding,
            delimiter_name(reading.delimiter)
        ),
        format!("columns: {}", reading.columns),
        format!(
            "dates {}, decimal mark {}",
            reading.date_order.name(),
            quoted(&reading.decimal.symbol().to_string())
        ),
        reading.outflows.clone(),
    ]
}
