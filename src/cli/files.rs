//! `spend export`, `import` and `backup`: the commands that read or write files.

use std::io::Write;

use crate::domain::{Month, parse_date, quoted};
use crate::export::{export_to_file, write_csv};
use crate::import::parse_csv;
use crate::store::{ExpenseFilter, StoreError};

use super::args::{BackupArgs, ExportArgs, ImportArgs};
use super::commands::{CliError, Context, count};
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
            let rows = export_to_file(ctx.store, &filter, path)?;
            writeln!(
                out,
                "exported {} to {}",
                count(rows, "expense", "expenses"),
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
    })
}

pub(super) fn import(
    ctx: &mut Context<'_>,
    args: &ImportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let file = &args.file;
    let user = ctx.user()?;
    let reader = std::fs::File::open(file)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", file.display())))?;
    let rows = parse_csv(std::io::BufReader::new(reader), &user, ctx.today)
        .map_err(|e| CliError::Input(format!("{}: {e}", file.display())))?;
    let outcome = ctx
        .store
        .import_expenses(&rows, args.create_categories)
        .map_err(|e| match e {
            StoreError::UnknownCategory { name, .. } => CliError::Input(format!(
                "{}: unknown category {}; add --create-categories to create it",
                file.display(),
                quoted(&name)
            )),
            other => other.into(),
        })?;
    writeln!(
        out,
        "imported {} from {}",
        count(outcome.inserted, "expense", "expenses"),
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

pub(super) fn backup(
    ctx: &Context<'_>,
    args: &BackupArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    ctx.store.backup_to(&args.file)?;
    Ok(writeln!(
        out,
        "backed up the database to {}",
        args.file.display()
    )?)
}
