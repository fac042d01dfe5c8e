//! `spend category ...` and `spend user ...`: the shared categories and the users.

use std::io::Write;

use crate::domain::{Currency, printable};

use super::args::{CategoryCommand, UserCommand};
use super::commands::{CliError, Context};
use super::render;

pub(super) fn category(
    ctx: &mut Context<'_>,
    command: CategoryCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        CategoryCommand::Add { name, description } => {
            let category = ctx.store.add_category(&name, description.as_deref())?;
            writeln!(out, "added category {} (#{})", category.name, category.id)?;
        }
        CategoryCommand::List => render::categories(out, &ctx.store.categories()?)?,
    }
    Ok(())
}

pub(super) fn user(
    ctx: &mut Context<'_>,
    command: UserCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        UserCommand::Add {
            name,
            email,
            currency,
        } => {
            let currency =
                Currency::parse(&currency).map_err(|e| CliError::Input(e.to_string()))?;
            let user = ctx.store.add_user(&name, &email, currency)?;
            writeln!(
                out,
                "added user {} <{}> (#{})",
                printable(&user.name),
                printable(&user.email),
                user.id
            )?;
        }
        UserCommand::List => {
            let default = ctx.store.resolve_user(None).ok().map(|u| u.id);
            render::users(out, &ctx.store.users()?, default)?;
        }
    }
    Ok(())
}
