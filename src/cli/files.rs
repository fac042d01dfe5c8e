//! `spend export`, `import` and `backup`: the commands that read or write files.

use std::io::Write;

use crate::domain::{Month, counted, parse_date, quoted};
use crate::export::{
    BundleOptions, Calendar, DEFAULT_ACCOUNT, UTF8_BOM, write_csv, write_csv_file, write_journal,
    write_journal_file, write_powerbi,
};
use crate::import::{CsvRows, ImportError, ImportOptions, read_csv};
use crate::store::{ExpenseFilter, IfExists, Location, NewUserDefaults, Store, StoreError};

use super::args::{BackupArgs, CopyToArgs, ExportArgs, ExportFormat, ImportArgs};
use super::commands::{CliError, Context};
use super::render;

pub(super) fn export(
    ctx: &Context<'_>,
    args: &ExportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if args.account.is_some() && args.format != ExportFormat::Journal {
        return Err(CliError::Input(
            "--account applies to --format journal; add --format journal or drop --account".into(),
        ));
    }
    if args.bom && args.format == ExportFormat::Journal {
        return Err(CliError::Input(
            "--bom applies to CSV files, not to a journal; drop --bom".into(),
        ));
    }
    let filter = ExpenseFilter {
        user: if args.all_users {
            None
        } else {
            Some(ctx.user()?.id)
        },
        ..export_range(ctx, args)?
    };
    if let Some(dir) = &args.powerbi {
        return export_bundle(ctx, args, &filter, dir, out);
    }
    let account = args.account.as_deref().unwrap_or(DEFAULT_ACCOUNT);
    match (&args.output, args.format) {
        (Some(path), format) => {
            let if_exists = if_exists(args.force);
            let rows = match format {
                ExportFormat::Csv => write_csv_file(ctx.store, &filter, path, if_exists, args.bom)?,
                ExportFormat::Journal => {
                    write_journal_file(ctx.store, &filter, account, path, if_exists)?
                }
            };
            writeln!(
                out,
                "exported {} to {}",
                counted(rows, "expense", "expenses"),
                path.display()
            )?;
        }
        (None, ExportFormat::Csv) => {
            if args.bom {
                out.write_all(UTF8_BOM)?;
            }
            write_csv(ctx.store, &filter, &mut *out)?;
        }
        (None, ExportFormat::Journal) => {
            write_journal(ctx.store, &filter, account, &mut *out)?;
        }
    }
    Ok(())
}

/// `--powerbi DIR`: the star schema, with a byte-order mark unless `--no-bom`.
fn export_bundle(
    ctx: &Context<'_>,
    args: &ExportArgs,
    filter: &ExpenseFilter,
    dir: &std::path::Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let options = BundleOptions {
        bom: !args.no_bom,
        if_exists: if_exists(args.force),
    };
    let summary = write_powerbi(ctx.store, filter, dir, options)?;
    writeln!(
        out,
        "exported a Power BI bundle to {}: {}, {}, {}, {}, {}, a calendar of {}{}",
        dir.display(),
        counted(summary.expenses, "expense", "expenses"),
        counted(summary.budgets, "budget", "budgets"),
        counted(summary.categories, "category", "categories"),
        counted(summary.users, "user", "users"),
        counted(summary.alerts, "alert", "alerts"),
        counted(summary.days, "day", "days"),
        calendar_cut(summary.calendar),
    )?;
    Ok(())
}

/// Says so when the data reaches back further than the calendar holds.
fn calendar_cut(calendar: Option<Calendar>) -> String {
    match calendar {
        Some(Calendar {
            first,
            left_out_from: Some(earliest),
            ..
        }) => format!(
            " from {first}, the most it holds; expenses and budgets before that, back to \
             {earliest}, have no day in it (see README.txt)"
        ),
        _ => String::new(),
    }
}

fn export_range(ctx: &Context<'_>, args: &ExportArgs) -> Result<ExpenseFilter, CliError> {
    if let Some(month) = &args.month {
        let month = Month::parse_in_reach(month, ctx.today)?;
        return Ok(ExpenseFilter {
            user: None,
            from: Some(month.first_day()),
            to: Some(month.last_day()),
            search: None,
        });
    }
    let from = args
        .from
        .as_deref()
        .map(|d| parse_date(d, ctx.today))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|d| parse_date(d, ctx.today))
        .transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CliError::Input(format!("--from {from} is after --to {to}")));
    }
    Ok(ExpenseFilter {
        user: None,
        from,
        to,
        search: None,
    })
}

pub(super) fn import(
    ctx: &mut Context<'_>,
    args: &ImportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let file = &args.file;
    let user = ctx.user()?;
    let in_file = |what: String| CliError::Input(format!("{}: {what}", file.display()));
    if file.is_dir() {
        return Err(in_file("it is a directory; name a CSV file".into()));
    }
    let bytes = std::fs::read(file)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", file.display())))?;
    if !is_own_format(&bytes) || asks_for_statement(args) {
        return super::statement::import(ctx, args, &bytes, out);
    }
    let options = ImportOptions {
        allow_implausible_dates: args.yes,
    };
    let read = read_csv(bytes.as_slice(), &user, ctx.today, options).map_err(|e| match e {
        ImportError::MissingColumn(_) => in_file(format!(
            "{e}; to read it as a bank statement instead, name its columns with --map (such \
             as --map date=date,amount=amount)"
        )),
        other => in_file(other.to_string()),
    })?;
    let outcome = ctx
        .store
        .import_expenses(&read.rows, args.create_categories)
        .map_err(|error| match error {
            StoreError::ImportRow { index, source } => in_file(row_refusal(&read, index, *source)),
            other => other.into(),
        })?;
    writeln!(
        out,
        "imported {} from {}",
        counted(outcome.inserted, "expense", "expenses"),
        file.display()
    )?;
    if !outcome.created_categories.is_empty() {
        writeln!(
            out,
            "created categories: {}",
            outcome.created_categories.join(", ")
        )?;
    }
    Ok(render::alert_lines(out, &outcome.alerts, ctx.grouping)?)
}

/// The columns the export writes, and `rate` for a foreign row's own rate; a file whose
/// header names only these is read as the export's own format, and refused as before when
/// it lacks amount, category or date.
const OWN_COLUMNS: [&str; 9] = [
    "id",
    "user_id",
    "category_id",
    "category",
    "amount",
    "currency",
    "date",
    "note",
    "rate",
];

/// Whether the file's first line is the export's header, or a part of it, in UTF-8 with or
/// without a byte-order mark.
fn is_own_format(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let Ok(line) = std::str::from_utf8(first) else {
        return false;
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    let Some(Ok(header)) = reader.records().next() else {
        return false;
    };
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    names.iter().all(|h| OWN_COLUMNS.contains(&h.as_str()))
}

/// Whether a flag only a bank statement takes was given.
fn asks_for_statement(args: &ImportArgs) -> bool {
    args.map.is_some()
        || args.date_format.is_some()
        || args.decimal.is_some()
        || args.delimiter.is_some()
        || args.encoding.is_some()
        || args.skip.is_some()
        || args.outflows.is_some()
        || args.profile.is_some()
        || args.save_profile.is_some()
        || args.dry_run
        || args.json
        || args.skip_bad
}

/// Why the store refused the row at `index`, with the line (and cell) it came from.
fn row_refusal(read: &CsvRows, index: usize, error: StoreError) -> String {
    let line = read.lines.get(index).copied().unwrap_or_default();
    match error {
        StoreError::UnknownCategory { name, .. } => format!(
            "line {line}, column {} (category): unknown category {}; add --create-categories to create it",
            read.category_column,
            quoted(&name)
        ),
        other => format!("line {line}: {other}"),
    }
}

pub(super) fn backup(
    ctx: &Context<'_>,
    args: &BackupArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    ctx.store.backup_to(&args.file, if_exists(args.force))?;
    Ok(writeln!(
        out,
        "backed up the database to {}",
        args.file.display()
    )?)
}

/// Copies the whole ledger into another, on either engine.
pub(super) fn copy_to(
    ctx: &Context<'_>,
    args: &CopyToArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let dest = Location::parse(&args.dest);
    let mut target = Store::open_location(&dest, &NewUserDefaults::default())?;
    let copied = ctx.store.copy_to(&mut target)?;
    Ok(writeln!(
        out,
        "copied {}, {}, {}, {} and {} to {dest}",
        counted(copied.users, "user", "users"),
        counted(copied.categories, "category", "categories"),
        counted(copied.budgets, "budget", "budgets"),
        counted(copied.expenses, "expense", "expenses"),
        counted(copied.alerts, "alert", "alerts"),
    )?)
}

/// `--force` replaces an existing file; without it one is refused.
fn if_exists(force: bool) -> IfExists {
    if force {
        IfExists::Replace
    } else {
        IfExists::Refuse
    }
}
