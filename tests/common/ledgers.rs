//! The behavioural tests' ledgers, on every engine: an in-memory `SQLite` ledger always, and
//! a fresh PostgreSQL database when `SPEND_TEST_PG_URL` names a server (as `.ci/run` and
//! `scripts/pg-cluster.sh` arrange). Under `CI=true` a missing server is a failure.
#![allow(dead_code)]

use std::io::Write;
use std::ops::{Deref, DerefMut};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use smart_spending_tracker::store::{Location, NewUserDefaults, Store};
use tempfile::TempDir;

// `super::`, not `crate::`: a test binary may hold these modules one level down.
use super::spend_cli::{Snapshot, snapshot_of, text_rows_of};

/// The variable naming a PostgreSQL server the tests may create databases on.
pub const PG_URL_VAR: &str = "SPEND_TEST_PG_URL";

/// The tables a snapshot reads on PostgreSQL: the ledger's own.
const PG_TABLES: [&str; 14] = [
    "alerts",
    "budgets",
    "categories",
    "category_rules",
    "expenses",
    "import_fingerprints",
    "import_profiles",
    "month_totals",
    "rates",
    "recurring",
    "settings",
    "spend_schema",
    "standing_budgets",
    "users",
];

/// The snapshot's entry for where PostgreSQL's id sequences stand.
pub const PG_SEQUENCES: &str = "sequences";

/// An engine the tests run on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    /// A server URL on which each ledger gets a database of its own.
    Postgres(String),
}

/// Every engine available: `SQLite`, and PostgreSQL when a server is named.
pub fn engines() -> Vec<Engine> {
    let mut engines = vec![Engine::Sqlite];
    match std::env::var(PG_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => engines.push(Engine::Postgres(url)),
        _ => skipped_postgres(),
    }
    engines
}

/// Says once, past the test harness's capture, that the PostgreSQL half did not run.
fn skipped_postgres() {
    static SAID: Once = Once::new();
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{PG_URL_VAR} is not set: under CI the PostgreSQL half must run (.ci/run starts a server)"
    );
    SAID.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "note: the PostgreSQL half of the ledger tests was skipped; run \
             `source scripts/pg-cluster.sh` first, or set {PG_URL_VAR} to a server URL"
        );
    });
}

/// A ledger on one engine, with what a test needs to look at its tables.
pub struct Ledger {
    // Dropped before the database or the file it lives in.
    store: Store,
    engine: Engine,
    database: Option<PgDatabase>,
    /// The directory of an `SQLite` file, for a ledger a second connection may open.
    dir: Option<TempDir>,
}

impl Ledger {
    /// A new ledger with only the starting categories and one user.
    pub fn empty(engine: &Engine) -> Ledger {
        let defaults = NewUserDefaults::default();
        match engine {
            Engine::Sqlite => Ledger {
                store: Store::open_in_memory(&defaults).expect("open an in-memory ledger"),
                engine: engine.clone(),
                database: None,
                dir: None,
            },
            Engine::Postgres(server) => {
                let database = PgDatabase::create(server);
                let location = Location::Postgres(database.url.clone());
                Ledger {
                    store: Store::open_location(&location, &defaults)
                        .expect("open a PostgreSQL ledger"),
                    engine: engine.clone(),
                    database: Some(database),
                    dir: None,
                }
            }
        }
    }

    /// A new ledger like [`Ledger::empty`] that a second connection can open too
    /// ([`Ledger::open_again`]): on `SQLite` a file in a temporary directory.
    pub fn shared(engine: &Engine) -> Ledger {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("spend.db");
                Ledger {
                    store: Store::open(&path, &NewUserDefaults::default())
                        .expect("open a ledger file"),
                    engine: engine.clone(),
                    database: None,
                    dir: Some(dir),
                }
            }
            Engine::Postgres(_) => Ledger::empty(engine),
        }
    }

    /// A second connection to this ledger, as another program would open it.
    ///
    /// # Panics
    /// On an in-memory ledger, which no other connection can see.
    pub fn open_again(&self) -> Store {
        let location = match (&self.dir, &self.database) {
            (Some(dir), _) => Location::File(dir.path().join("spend.db")),
            (None, Some(database)) => Location::Postgres(database.url.clone()),
            (None, None) => panic!("an in-memory ledger cannot be opened again"),
        };
        Store::open_location(&location, &NewUserDefaults::default()).expect("open it again")
    }

    /// A new ledger holding the reference sample.
    pub fn sample(engine: &Engine) -> Ledger {
        let mut ledger = Ledger::empty(engine);
        ledger.store.load_sample().expect("load the sample");
        ledger
    }

    /// `sqlite` or `postgres`, for messages.
    pub fn engine_name(&self) -> &'static str {
        match self.engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres(_) => "postgres",
        }
    }

    /// The `--db` that names this ledger to the `spend` binary (PostgreSQL only: an
    /// in-memory ledger has no name).
    pub fn url(&self) -> Option<&str> {
        self.database.as_ref().map(|d| d.url.as_str())
    }

    /// Every row of every table: equal snapshots mean equal data.
    pub fn snapshot(&self) -> Snapshot {
        match &self.database {
            None => snapshot_of(self.store.connection()),
            Some(database) => database.snapshot(),
        }
    }

    /// The number a counting query gives (SQL both engines read alike).
    pub fn count(&self, sql: &str) -> i64 {
        match &self.database {
            None => self
                .store
                .connection()
                .query_row(sql, [], |row| row.get(0))
                .expect("count"),
            Some(database) => database.count(sql),
        }
    }

    /// Runs SQL both engines read alike, as another program writing the tables would.
    pub fn execute(&self, sql: &str) {
        match &self.database {
            None => self.store.connection().execute_batch(sql).expect("execute"),
            Some(database) => database.client().batch_execute(sql).expect("execute"),
        }
    }

    /// Every row of a query whose columns are all text (SQL both engines read alike).
    pub fn text_rows(&self, sql: &str) -> Vec<Vec<String>> {
        match &self.database {
            None => text_rows_of(self.store.connection(), sql),
            Some(database) => database.text_rows(sql),
        }
    }
}

impl Deref for Ledger {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for Ledger {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

/// Runs a test on a fresh ledger (or `spend` database) of every engine.
pub fn on_every_engine<L>(new: fn(&Engine) -> L, test: impl Fn(L)) {
    for engine in engines() {
        let _naming = NameOnFailure(&engine);
        test(new(&engine));
    }
}

/// Says which engine a failing test ran on: the assertion's own message cannot.
struct NameOnFailure<'a>(&'a Engine);

impl Drop for NameOnFailure<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let name = match self.0 {
                Engine::Sqlite => "SQLite",
                Engine::Postgres(_) => "PostgreSQL",
            };
            eprintln!("the failure above was on {name}");
        }
    }
}

/// A database of its own on the test server, dropped at the end.
pub struct PgDatabase {
    server: String,
    name: String,
    url: String,
}

impl PgDatabase {
    /// Creates an empty database with a name no other test uses.
    pub fn create(server: &str) -> PgDatabase {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "spend_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = connect(server);
        // One statement each: neither may run inside a transaction block.
        for statement in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            admin
                .batch_execute(&statement)
                .expect("create a test database");
        }
        PgDatabase {
            server: server.to_string(),
            url: with_database(server, &name),
            name,
        }
    }

    /// The URL that names this database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A connection of its own, beside the ledger's.
    pub fn client(&self) -> postgres::Client {
        connect(&self.url)
    }

    /// Every row of the ledger's tables, each rendered as text and the rows sorted, and
    /// where each id sequence stands: a write that failed may not use up an id, as on
    /// `SQLite`, whose snapshot holds its AUTOINCREMENT counter.
    pub fn snapshot(&self) -> Snapshot {
        let mut client = self.client();
        let mut read = |sql: &str| -> Vec<String> {
            let mut rows: Vec<String> = client
                .query(sql, &[])
                .expect("read a table")
                .iter()
                .map(|row| row.get(0))
                .collect();
            rows.sort();
            rows
        };
        let mut snapshot: Snapshot = PG_TABLES
            .iter()
            .map(|table| {
                let rows = read(&format!("SELECT t::text FROM {table} t"));
                ((*table).to_string(), rows)
            })
            .collect();
        let sequences = read(
            "SELECT sequencename || ' ' || coalesce(last_value::text, 'unused')
             FROM pg_sequences WHERE schemaname = current_schema()",
        );
        snapshot.insert(PG_SEQUENCES.into(), sequences);
        snapshot
    }

    /// The number a counting query gives.
    pub fn count(&self, sql: &str) -> i64 {
        self.client().query_one(sql, &[]).expect("count").get(0)
    }

    /// Every row of a query whose columns are all text.
    pub fn text_rows(&self, sql: &str) -> Vec<Vec<String>> {
        self.client()
            .query(sql, &[])
            .expect("query")
            .iter()
            .map(|row| (0..row.len()).map(|i| row.get(i)).collect())
            .collect()
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let mut admin = connect(&self.server);
        let _ = admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connect to the test server {url}: {e}"))
}

/// The server URL with its database replaced.
pub fn with_database(server: &str, database: &str) -> String {
    let (base, query) = server
        .split_once('?')
        .map_or((server, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map_or(0, |scheme| scheme + 3);
    let path_start = base[authority_end..]
        .find('/')
        .map_or(base.len(), |slash| authority_end + slash);
    let mut url = format!("{}/{database}", &base[..path_start]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}
