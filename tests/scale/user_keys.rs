//! Past one server: the ledger's tables distributed by user on Citus (SCALING.md) keep every
//! statement of a user's path on that user's shard. The app and the `spend` binary run a
//! household's day on a PostgreSQL ledger, the server records every statement they cause
//! (`pg_stat_statements`, trigger bodies and foreign-key actions included), and each
//! statement that reads or writes users, expenses, budgets, alerts or month totals must pin
//! one user. The statements allowed to cross users are listed below, each with its reason.

mod capture;
mod crossings;
mod pinning;
mod steps;
mod tokens;

use std::collections::BTreeSet;
use std::io::Write;

use capture::Recorder;
use crossings::CROSSINGS;
use pinning::cross_user_references;
use steps::{Role, Step};
use tokens::shape;

use crate::support::ledgers::{Engine, engines};

/// How often the whole run is tried when the server dropped recorded statements.
const ATTEMPTS: usize = 3;

#[test]
fn every_statement_on_a_users_path_is_pinned_to_that_user() {
    let Some(server) = server() else {
        return;
    };
    let steps = run_recorded(&server);
    let Some(steps) = steps else {
        return;
    };
    for step in &steps {
        assert!(
            !step.statements.is_empty(),
            "{}: nothing was recorded",
            step.name
        );
    }
    let nested = steps
        .iter()
        .flat_map(|s| &s.statements)
        .any(|sql| sql.contains("FROM new_rows"));
    assert!(
        nested,
        "the month totals trigger's statements were not recorded"
    );
    let (problems, used) = check(&steps);
    let stale: Vec<&str> = CROSSINGS
        .iter()
        .enumerate()
        .filter(|(index, _)| !used.contains(index))
        .map(|(_, c)| c.statement)
        .collect();
    assert!(
        problems.is_empty(),
        "statements that cross users:\n{}",
        problems.join("\n")
    );
    assert!(
        stale.is_empty(),
        "allowed crossings no step ran: {stale:#?}"
    );
}

/// The PostgreSQL server the tests may use, if any (`engines` says when there is none).
fn server() -> Option<String> {
    engines().into_iter().find_map(|engine| match engine {
        Engine::Postgres(url) => Some(url),
        Engine::Sqlite => None,
    })
}

/// Every step with its statements; `None` (said past the harness's capture) when the server
/// cannot record statements, which under CI is a failure.
fn run_recorded(server: &str) -> Option<Vec<Step>> {
    for _ in 0..ATTEMPTS {
        let mut recorder = match Recorder::connect(server) {
            Ok(recorder) => recorder,
            Err(reason) => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "under CI statements must be recorded: {reason}"
                );
                let _ = writeln!(
                    std::io::stderr(),
                    "note: the check that every statement names its user was skipped: {reason}"
                );
                return None;
            }
        };
        if let Ok(steps) = steps::run_all(server, &mut recorder) {
            return Some(steps);
        }
    }
    panic!(
        "pg_stat_statements dropped recorded statements {ATTEMPTS} times; \
         raise pg_stat_statements.max"
    );
}

/// Every statement that crosses users without an entry allowing it on its step's path, and
/// the entries that allowed some.
fn check(steps: &[Step]) -> (Vec<String>, BTreeSet<usize>) {
    let allowed: Vec<(String, bool)> = CROSSINGS
        .iter()
        .map(|c| match c.statement.strip_suffix("...") {
            Some(start) => (shape(start), true),
            None => (shape(c.statement), false),
        })
        .collect();
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for step in steps {
        for sql in &step.statements {
            let crossing = match cross_user_references(sql) {
                Ok(crossing) => crossing,
                Err(e) => {
                    problems.push(format!("{}: cannot read ({e}): {sql}", step.name));
                    continue;
                }
            };
            if crossing.is_empty() {
                continue;
            }
            let statement = shape(sql);
            let matching = |index: &usize| match &allowed[*index] {
                (start, true) => statement.starts_with(start.as_str()),
                (whole, false) => statement == *whole,
            };
            let entry = (0..CROSSINGS.len()).find(|index| {
                matching(index)
                    && (CROSSINGS[*index].role == Role::User || step.role == Role::Admin)
            });
            if let Some(index) = entry {
                used.insert(index);
                continue;
            }
            let tables: Vec<String> = crossing
                .iter()
                .map(|c| format!("{} ({})", c.table, c.name))
                .collect();
            // An admin's crossing on a user's path says so, with the reason it is the admin's.
            let admin_only = (0..CROSSINGS.len())
                .find(|index| matching(index))
                .map(|index| {
                    format!(
                        " (allowed on the admin's path only: {})",
                        CROSSINGS[index].reason
                    )
                })
                .unwrap_or_default();
            problems.push(format!(
                "{} [{:?}]: {}{admin_only}\n    in: {}",
                step.name,
                step.role,
                tables.join(", "),
                sql.split_whitespace().collect::<Vec<_>>().join(" "),
            ));
        }
    }
    (problems, used)
}
