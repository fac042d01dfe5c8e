//! `spend report`.

use std::io::Write;

use super::args::ReportArgs;
use super::commands::{CliError, Context};
use super::render;

pub(super) fn run(
    ctx: &Context<'_>,
    args: &ReportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let report = ctx
        .store
        .report(user.id, ctx.month(args.month.as_deref())?)?;
    Ok(render::report(out, &report, args.json)?)
}
