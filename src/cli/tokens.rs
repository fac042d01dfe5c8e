//! `spend token`: bearer tokens for `spend serve`, made, listed and revoked.

use std::io::Write;

use serde_json::json;

use crate::domain::{TokenId, quoted};
use crate::serve::token;
use crate::store::NewToken;

use super::args::TokenCommand;
use super::commands::{CliError, Context};

pub(super) fn run(
    ctx: &mut Context<'_>,
    command: TokenCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        TokenCommand::Create { name, admin } => create(ctx, &name, admin, out),
        TokenCommand::List { json } => list(ctx, json, out),
        TokenCommand::Revoke { id } => {
            ctx.store.revoke_token(TokenId(id))?;
            writeln!(out, "revoked token #{id}")?;
            Ok(())
        }
    }
}

/// Stores a new token and prints it once, alone on the last line, for scripts to capture.
fn create(
    ctx: &mut Context<'_>,
    name: &str,
    admin: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    let secret = token::new_secret()
        .map_err(|error| CliError::Input(format!("cannot make a random token: {error}")))?;
    let stored = ctx.store.create_token(&NewToken {
        user_id: user.id,
        name,
        admin,
        secret_hash: secret.hash,
    })?;
    let reach = if admin {
        "every user"
    } else {
        "only this user"
    };
    writeln!(
        out,
        "token #{} for {} ({reach}); it is shown once, so keep it now:",
        stored.id, user.email
    )?;
    writeln!(out, "{}", token::bearer_text(stored.id, &secret.secret))?;
    Ok(())
}

fn list(ctx: &Context<'_>, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let tokens = ctx.store.tokens()?;
    let users = ctx.store.users()?;
    let email = |id| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(String::new, |u| u.email.clone())
    };
    if json {
        let rows: Vec<_> = tokens
            .iter()
            .map(|t| {
                json!({
                    "id": t.id.0,
                    "user": email(t.user_id),
                    "name": t.name,
                    "admin": t.admin,
                    "created_at": t.created_at,
                })
            })
            .collect();
        return Ok(super::json::print(out, &serde_json::Value::Array(rows))?);
    }
    if tokens.is_empty() {
        writeln!(out, "no tokens; make one with `spend token create`")?;
        return Ok(());
    }
    for t in &tokens {
        let label = if t.name.is_empty() {
            String::new()
        } else {
            format!(" {}", quoted(&t.name))
        };
        let admin = if t.admin { " admin" } else { "" };
        writeln!(
            out,
            "#{} {}{admin}{label}, made {}",
            t.id,
            email(t.user_id),
            t.created_at
        )?;
    }
    Ok(())
}
