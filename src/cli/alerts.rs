//! `spend alerts`: show them, mark them seen.

use std::io::Write;

use crate::domain::AlertId;

use super::args::{AlertsArgs, AlertsCommand};
use super::commands::{CliError, Context};
use super::{json, render};

pub(super) fn run(
    ctx: &mut Context<'_>,
    args: &AlertsArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    if let Some(AlertsCommand::Seen { id }) = args.action {
        let line = if ctx.store.mark_alert_seen(user.id, AlertId(id))? {
            format!("marked alert #{id} seen")
        } else {
            format!("alert #{id} was already seen")
        };
        return Ok(writeln!(out, "{line}")?);
    }
    let alerts = ctx.store.alerts(user.id, args.all)?;
    if args.json {
        json::print(out, &json::alerts(&alerts))?;
    } else {
        render::alerts(out, &alerts, ctx.date_style, ctx.numbers(&user))?;
    }
    if args.mark_seen {
        ctx.store.mark_alerts_seen(user.id)?;
    }
    Ok(())
}
