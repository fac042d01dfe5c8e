//! `spend rule ...`: the rules that categorise imported bank statements.

use std::io::Write;

use serde_json::json;

use crate::domain::{printable, quoted};
use crate::import::Pattern;

use super::args::RuleCommand;
use super::commands::{CliError, Context};
use super::json;
use super::table::{Column, Table};

pub(super) fn run(
    ctx: &mut Context<'_>,
    command: RuleCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let user = ctx.user()?;
    match command {
        RuleCommand::Add { pattern, category } => {
            Pattern::parse(&pattern).map_err(CliError::Input)?;
            let category = ctx.store.find_category(&category)?;
            let rule = ctx
                .store
                .add_category_rule(user.id, &pattern, category.id)?;
            writeln!(
                out,
                "added rule #{}: {} goes to {}",
                rule.id,
                printable(&quoted(&rule.pattern)),
                rule.category
            )?;
        }
        RuleCommand::List { json } => {
            let rules = ctx.store.category_rules(user.id)?;
            if json {
                let rules: Vec<_> = rules
                    .iter()
                    .map(|r| json!({"id": r.id, "pattern": r.pattern, "category": r.category}))
                    .collect();
                json::print(out, &json!(rules))?;
            } else if rules.is_empty() {
                writeln!(
                    out,
                    "no rules; add one with `spend rule add PATTERN CATEGORY`"
                )?;
            } else {
                let mut table = Table::new(
                    "",
                    &[
                        Column::number("#"),
                        Column::text("Pattern", 48),
                        Column::rest("Category"),
                    ],
                );
                for rule in &rules {
                    table.row(vec![
                        rule.id.to_string(),
                        printable(&rule.pattern),
                        printable(&rule.category),
                    ]);
                }
                table.write(out)?;
            }
        }
        RuleCommand::Delete { id } => {
            let number: i64 = id.trim().trim_start_matches('#').parse().map_err(|_| {
                CliError::Input(format!(
                    "rule {} is not a number; see `spend rule list`",
                    quoted(&id)
                ))
            })?;
            ctx.store.delete_category_rule(user.id, number)?;
            writeln!(out, "deleted rule #{number}")?;
        }
    }
    Ok(())
}
