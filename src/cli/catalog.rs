//! `spend category ...` and `spend user ...`: the shared categories and the users.

use std::io::Write;

use crate::domain::{Currency, counted, printable, quoted};

use super::args::{CategoryCommand, UserCommand};
use super::commands::{CliError, Context};
use super::{json, render};

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
        CategoryCommand::List { json } => {
            let categories = ctx.store.categories()?;
            if json {
                json::print(out, &json::categories(&categories))?;
            } else {
                render::categories(out, &categories)?;
            }
        }
        CategoryCommand::Rename { old, new } => {
            let category = ctx.store.find_category(&old)?;
            let renamed = ctx.store.rename_category(category.id, &new)?;
            writeln!(
                out,
                "renamed category {} to {}",
                quoted(&category.name),
                quoted(&renamed.name)
            )?;
        }
        CategoryCommand::Merge { from, into } => {
            let (from, into) = (
                ctx.store.find_category(&from)?,
                ctx.store.find_category(&into)?,
            );
            let current = crate::domain::Month::of(ctx.today);
            let merged = ctx.store.merge_categories(from.id, into.id, current)?;
            writeln!(
                out,
                "merged {} into {}: moved {} and {}, added {} to {}'s",
                quoted(&from.name),
                quoted(&into.name),
                counted(merged.expenses, "expense", "expenses"),
                counted(merged.budgets_moved, "budget", "budgets"),
                counted(merged.budgets_combined, "budget", "budgets"),
                into.name
            )?;
            render::alert_lines(out, &merged.alerts, ctx.grouping)?;
        }
        CategoryCommand::Delete { name, force } => {
            let category = ctx.store.find_category(&name)?;
            if force {
                ctx.store.remove_category(category.id)?;
            } else {
                ctx.store.delete_unused_category(category.id)?;
            }
            writeln!(out, "deleted category {}", quoted(&category.name))?;
        }
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
            warn_percent,
        } => {
            let currency = currency
                .as_deref()
                .map(Currency::parse)
                .transpose()
                .map_err(|e| CliError::Input(e.to_string()))?
                .unwrap_or(ctx.new_user_currency);
            let percent = warn_percent
                .as_deref()
                .map(super::budget::parse_percent)
                .transpose()?
                .unwrap_or(ctx.new_user_warn_percent);
            let user = ctx.store.add_user(&name, &email, currency)?;
            if percent != user.warn_percent {
                ctx.store.set_warn_percent(user.id, percent)?;
            }
            writeln!(
                out,
                "added user {} <{}> (#{})",
                printable(&user.name),
                printable(&user.email),
                user.id
            )?;
        }
        UserCommand::List { json } => {
            let default = ctx.store.resolve_user(None).ok().map(|u| u.id);
            let users = ctx.store.users()?;
            if json {
                json::print(out, &json::users(&users, default))?;
            } else {
                render::users(out, &users, default)?;
            }
        }
        UserCommand::Rename {
            email,
            name,
            new_email,
        } => {
            let user = ctx.store.resolve_user(Some(&email))?;
            let renamed = ctx
                .store
                .rename_user(user.id, &name, new_email.as_deref())?;
            writeln!(
                out,
                "user #{} is now {} <{}>",
                renamed.id,
                printable(&renamed.name),
                printable(&renamed.email)
            )?;
        }
        UserCommand::Delete { email, force } => {
            let user = ctx.store.resolve_user(Some(&email))?;
            let deleted = ctx.store.delete_user(user.id, force)?;
            writeln!(
                out,
                "deleted user {} and {}",
                printable(&user.email),
                counted(deleted.expenses, "expense", "expenses")
            )?;
            if let Some(default) = deleted.new_default {
                writeln!(out, "the default user is now {}", printable(&default.email))?;
            }
        }
        UserCommand::Default { email } => {
            let user = ctx.store.resolve_user(Some(&email))?;
            ctx.store.set_default_user(user.id)?;
            writeln!(out, "the default user is now {}", printable(&user.email))?;
        }
    }
    Ok(())
}
