//! `spend report`: one month's details and the monthly totals of a window of months.

use std::io::Write;

use crate::domain::{Month, MonthRange, RangeError};

use super::args::ReportArgs;
use super::commands::{CliError, Context};
use super::{json, render};

/// Months of monthly totals a report shows unless `--from` says otherwise.
const DEFAULT_MONTHS: usize = 12;

pub(super) fn run(
    ctx: &mut Context<'_>,
    args: &ReportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let parse = |text: &Option<String>| {
        text.as_deref()
            .map(|text| Month::parse_in_reach(text, ctx.today))
            .transpose()
    };
    let (month, from, to) = (parse(&args.month)?, parse(&args.from)?, parse(&args.to)?);
    let month = month.or(to).unwrap_or_else(|| Month::of(ctx.today));
    let window = window(from, to.unwrap_or(month))?;
    let report = ctx.store.report(user.id, month, window)?;
    if args.json {
        Ok(json::print(out, &json::report(&report))?)
    } else {
        Ok(render::report(out, &report, ctx.numbers(&user))?)
    }
}

/// The months from `from` (or the twelve ending with `to`) to `to`, within the limit.
fn window(from: Option<Month>, to: Month) -> Result<MonthRange, CliError> {
    let Some(from) = from else {
        return Ok(MonthRange::ending(to, DEFAULT_MONTHS));
    };
    MonthRange::for_report(from, to).map_err(|error| {
        CliError::Input(match error {
            RangeError::Reversed { first, last } => format!("--from {first} is after --to {last}"),
            RangeError::TooLong { .. } => {
                format!("{error}; choose a shorter window with --from and --to")
            }
        })
    })
}
