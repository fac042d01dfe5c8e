//! What `spend import` says about a bank statement: the summary line, the rows left out,
//! the alerts; with `--dry-run` how the file reads and every row; with `--json` the rows
//! and counts in one shape, the same before and after the write.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::domain::{Grouping, counted, printable};
use crate::store::StatementOutcome;

use super::args::ImportArgs;
use super::json;
use super::render;
use super::table::{Column, Table};
use crate::import::{Counts, Planned, Status, describe_reading};

pub(super) fn report(
    out: &mut dyn Write,
    args: &ImportArgs,
    reading: &crate::import::Reading,
    plan: &[Planned],
    outcome: Option<&StatementOutcome>,
    grouping: Grouping,
) -> io::Result<()> {
    let counts = Counts::of(plan);
    if args.json {
        return json::print(out, &rows_json(plan, &counts));
    }
    if outcome.is_none() {
        for line in describe_reading(reading) {
            writeln!(out, "{}", printable(&line))?;
        }
        rows_table(plan).write(out)?;
    }
    let verb = if outcome.is_some() {
        "imported"
    } else {
        "would import"
    };
    let summary = counts.summary(verb);
    writeln!(out, "{summary}")?;
    if counts.errors > 0 && outcome.is_none() {
        writeln!(
            out,
            "{} cannot be read; the import writes nothing unless --skip-bad is given",
            counted(counts.errors, "row", "rows")
        )?;
    } else if counts.errors > 0 {
        writeln!(out, "left out {}:", counted(counts.errors, "row", "rows"))?;
        for planned in plan.iter().filter(|p| p.status == Status::Error) {
            let reason = planned.reason.as_deref().unwrap_or_default();
            writeln!(out, "  line {}: {}", planned.line, printable(reason))?;
        }
    }
    if let Some(outcome) = outcome {
        if !outcome.created_categories.is_empty() {
            writeln!(
                out,
                "created categories: {}",
                outcome.created_categories.join(", ")
            )?;
        }
        render::alert_lines(out, &outcome.alerts, grouping)?;
    }
    Ok(())
}

fn rows_json(plan: &[Planned], counts: &Counts) -> Value {
    let rows: Vec<Value> = plan
        .iter()
        .map(|p| {
            json!({
                "line": p.line,
                "date": p.date.map(|d| d.to_string()),
                "amount": p.amount.zip(p.currency).map(|(a, c)| c.format_plain(a)),
                "currency": p.currency.map(|c| c.code().to_string()),
                "note": p.note,
                "category": p.category,
                "status": p.status.name(),
                "reason": p.reason,
            })
        })
        .collect();
    json!({
        "rows": rows,
        "new": counts.new,
        "duplicates": counts.duplicates,
        "inflows": counts.inflows,
        "skipped": counts.skipped,
        "errors": counts.errors,
    })
}

fn rows_table(plan: &[Planned]) -> Table {
    let mut table = Table::new(
        "",
        &[
            Column::number("Line"),
            Column::text("Date", 10),
            Column::number("Amount"),
            Column::text("Category", 16),
            Column::text("Status", 9),
            Column::rest("Note"),
        ],
    );
    for p in plan {
        let amount = p
            .amount
            .zip(p.currency)
            .map(|(a, c)| format!("{} {c}", c.format_plain(a)));
        let note = match p.status {
            Status::Error | Status::Skipped => p.reason.clone(),
            _ => p.note.clone(),
        };
        table.row(vec![
            p.line.to_string(),
            p.date.map(|d| d.to_string()).unwrap_or_default(),
            amount.unwrap_or_default(),
            printable(p.category.as_deref().unwrap_or("")),
            p.status.name().to_string(),
            printable(note.as_deref().unwrap_or("")),
        ]);
    }
    table
}
