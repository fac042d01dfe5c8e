//! PostgreSQL: a login role granted USAGE on the schema and SELECT on every table, and
//! nothing else, runs every read command on a caught-up ledger and gets what the ledger's
//! owner gets; a write is refused with one line saying what is missing, and changes nothing.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::ledgers::{Engine, engines};
use crate::support::{Spend, fails, spend_command};

use super::{
    BANK_STATEMENT, NEXT_STATEMENT, READS, Reader, WRITES, compare_reads, household_ledger,
};

/// A role that may read the ledger's tables and do nothing else; dropped at the end.
struct SelectOnlyRole {
    /// The ledger's URL, as its owner connects.
    owner_url: String,
    name: String,
}

impl SelectOnlyRole {
    fn grant(owner_url: &str) -> SelectOnlyRole {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "spend_reader_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let role = SelectOnlyRole {
            owner_url: owner_url.to_string(),
            name,
        };
        role.client()
            .batch_execute(&format!(
                "DROP ROLE IF EXISTS {name};
                 CREATE ROLE {name} LOGIN;
                 GRANT USAGE ON SCHEMA public TO {name};
                 GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name};",
                name = role.name
            ))
            .expect("create the reading role");
        role
    }

    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.owner_url, postgres::NoTls).expect("connect as the owner")
    }

    /// The ledger's URL with this role as its user.
    fn url(&self) -> String {
        let (scheme, rest) = self.owner_url.split_once("://").expect("a URL");
        let host = rest.split_once('@').map_or(rest, |(_, host)| host);
        format!("{scheme}://{}@{host}", self.name)
    }
}

impl Drop for SelectOnlyRole {
    fn drop(&mut self) {
        // Its grants go first: a role that holds any cannot be dropped.
        let _ = self.client().batch_execute(&format!(
            "DROP OWNED BY {name}; DROP ROLE IF EXISTS {name};",
            name = self.name
        ));
    }
}

/// The test server's URL; `None` (with a note, or a failure under CI) when there is none.
fn postgres_server() -> Option<String> {
    engines().into_iter().find_map(|engine| match engine {
        Engine::Postgres(url) => Some(url),
        Engine::Sqlite => None,
    })
}

#[test]
fn a_postgres_role_granted_select_alone_reads_what_the_owner_reads() {
    let Some(server) = postgres_server() else {
        return;
    };
    let spend = Spend::on(&Engine::Postgres(server));
    let bank = spend.dir().join("bank.csv");
    std::fs::write(&bank, BANK_STATEMENT).expect("write the statement");
    let statement = spend.dir().join("statement.csv");
    std::fs::write(&statement, NEXT_STATEMENT).expect("write the statement");
    household_ledger(&|| spend.command(), &bank);

    let owner_url = spend.location().into_string().expect("UTF-8");
    let role = SelectOnlyRole::grant(&owner_url);
    let reader_url = role.url();
    let reader = |url: &str, out: &str| {
        let out = spend.dir().join(out);
        std::fs::create_dir(&out).expect("mkdir");
        let url = url.to_string();
        Reader {
            name: url.clone(),
            spend: Box::new(move || spend_command(&url)),
            out,
        }
    };
    let owner = reader(&owner_url, "out-owner");
    let select_only = reader(&reader_url, "out-reader");
    let before = spend.snapshot();
    // A PostgreSQL ledger is copied with `copy-to`, never backed up to a file; `config` and
    // `completions` do not open the ledger, and `config show` fits its column to the URL,
    // whose user differs.
    let reads: Vec<&[&str]> = READS
        .iter()
        .copied()
        .filter(|args| !["backup", "config", "completions"].contains(&args[0]))
        .collect();
    compare_reads(&reads, &select_only, &owner, &statement);
    assert_eq!(spend.snapshot(), before, "the reads changed the ledger");

    for args in WRITES {
        let run = select_only.run(args, &statement);
        let line = fails(&run, args);
        assert!(
            line.contains("permission denied for") && line.contains("INSERT, UPDATE and DELETE"),
            "{args:?}: {line}"
        );
        assert_eq!(spend.snapshot(), before, "{args:?} changed the ledger");
    }
}
