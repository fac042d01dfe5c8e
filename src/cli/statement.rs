//! `spend import` of a bank statement: the file read and planned (each row's status,
//! category and fingerprint), then one write, or none with `--dry-run`.

use std::fmt::Display;
use std::path::Path;

use crate::domain::{User, quoted};
use crate::import::{
    DateOrder, DecimalMark, ImportProfile, Outflows, Planned, Status, WriteError, mark_known,
    plan_statement, profile_of, read_statement, statement_options, write_plan,
};

use super::args::{ImportArgs, OutflowsArg};
use super::commands::{CliError, Context};
use super::statement_report::report;

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
    let mut plan = plan_statement(ctx.store, &user, &statement, args.create_categories)?;
    if args.dry_run {
        mark_known(ctx.store, &user, &mut plan)?;
        return Ok(report(
            out,
            args,
            &statement.reading,
            &plan,
            None,
            ctx.grouping,
        )?);
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
    let outcome = write_plan(ctx.store, &user, &mut plan, args.create_categories).map_err(
        |error| match error {
            WriteError::Store(error) => error.into(),
            row @ WriteError::Row { .. } => in_file(file, row),
        },
    )?;
    if let Some(name) = &args.save_profile {
        let saved = profile_of(&statement.reading, &settings);
        ctx.store
            .save_import_profile(user.id, name, &saved.to_json())?;
    }
    Ok(report(
        out,
        args,
        &statement.reading,
        &plan,
        Some(&outcome),
        ctx.grouping,
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
