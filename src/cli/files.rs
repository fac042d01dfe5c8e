//! `spend export`, `import` and `backup`: the commands that read or write files.

use std::io::Write;

use crate::domain::{Month, counted, parse_date, quoted};
use crate::export::{export_to_file_as, write_csv};
use crate::import::{CsvRows, ImportOptions, read_csv};
use crate::store::{ExpenseFilter, IfExists, StoreError};

use super::args::{BackupArgs, ExportArgs, ImportArgs};
use super::commands::{CliError, Context};
use super::render;

pub(super) fn export(
    ctx: &Context<'_>,
    args: &ExportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let filter = ExpenseFilter {
        user: if args.all_users {
            None
        } else {
            Some(ctx.user()?.id)
        },
        ..export_range(ctx, args)?
    };
    match &args.output {
        Some(path) => {
            let rows = export_to_file_as(ctx.store, &filter, path, if_exists(args.force))?;
            writeln!(
                out,
                "exported {} to {}",
                counted(rows, "expense", "expenses"),
                path.display()
            )?;
        }
        None => {
            write_csv(ctx.store, &filter, &mut *out)?;
        }
    }
    Ok(())
}

fn export_range(ctx: &Context<'_>, args: &ExportArgs) -> Result<ExpenseFilter, CliError> {
    if let Some(month) = &args.month {
        let month = Month::parse(month)?;
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
    let reader = std::fs::File::open(file)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", file.display())))?;
    let options = ImportOptions {
        allow_implausible_dates: args.yes,
    };
    let read = read_csv(std::io::BufReader::new(reader), &user, ctx.today, options)
        .map_err(|e| in_file(e.to_string()))?;
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
    Ok(render::alert_lines(out, &outcome.alerts)?)
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

/// `--force` replaces an existing file; without it one is refused.
fn if_exists(force: bool) -> IfExists {
    if force {
        IfExists::Replace
    } else {
        IfExists::Refuse
    }
}
