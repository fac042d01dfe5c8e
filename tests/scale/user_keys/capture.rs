//! Every statement the server ran in some databases, as the server itself recorded it: the
//! `pg_stat_statements` extension, read from the server's admin database so the reading is
//! not recorded too. Trigger bodies are recorded as well (`track = all`, set on each watched
//! database), and constants appear as `$n`, as in prepared statements.

use postgres::{Client, NoTls};

/// Why the capture cannot be trusted: the extension dropped some of its entries.
#[derive(Debug)]
pub struct Evicted;

/// A connection to the server's admin database that reads what watched databases ran.
pub struct Recorder {
    admin: Client,
    databases: Vec<u32>,
    /// The extension's count of evictions when the current step began.
    evictions: i64,
}

impl Recorder {
    /// Connects to `server`; an error says why statements cannot be recorded there.
    pub fn connect(server: &str) -> Result<Recorder, String> {
        let mut admin = Client::connect(server, NoTls)
            .map_err(|e| format!("cannot connect to {server}: {e}"))?;
        let preloaded: String = admin
            .query_one("SELECT current_setting('shared_preload_libraries')", &[])
            .map_err(|e| e.to_string())?
            .get(0);
        if !preloaded.contains("pg_stat_statements") {
            return Err(format!(
                "the server does not load pg_stat_statements (shared_preload_libraries is \
                 {preloaded:?}); scripts/pg-cluster.sh starts one that does"
            ));
        }
        // Two test processes may create the extension at once; the loser finds it made.
        let create = "CREATE EXTENSION IF NOT EXISTS pg_stat_statements";
        if admin.batch_execute(create).is_err() {
            admin.batch_execute(create).map_err(|e| e.to_string())?;
        }
        Ok(Recorder {
            admin,
            databases: Vec::new(),
            evictions: 0,
        })
    }

    /// Records every statement of `database` from its next connection on, nested ones too.
    pub fn watch(&mut self, database: &str) {
        let quoted = format!("\"{}\"", database.replace('"', "\"\""));
        self.admin
            .batch_execute(&format!(
                "ALTER DATABASE {quoted} SET pg_stat_statements.track = 'all'"
            ))
            .expect("record nested statements");
        let oid: u32 = self
            .admin
            .query_one(
                "SELECT oid FROM pg_database WHERE datname = $1",
                &[&database],
            )
            .expect("the database's oid")
            .get(0);
        self.databases.push(oid);
    }

    /// Forgets what the watched databases ran so far.
    pub fn start(&mut self) {
        for &oid in &self.databases {
            self.admin
                .execute("SELECT pg_stat_statements_reset(0, $1, 0)", &[&oid])
                .expect("reset the database's statements");
        }
        self.evictions = self.evictions_so_far();
    }

    /// The text of every distinct statement the watched databases ran since [`start`].
    ///
    /// [`start`]: Recorder::start
    pub fn statements(&mut self) -> Result<Vec<String>, Evicted> {
        let rows = self
            .admin
            .query(
                "SELECT query FROM pg_stat_statements WHERE dbid = ANY($1) ORDER BY query",
                &[&self.databases],
            )
            .expect("read the recorded statements");
        // A full table makes room by dropping the least used entries, which may be ours.
        if self.evictions_so_far() != self.evictions {
            return Err(Evicted);
        }
        Ok(rows.iter().map(|row| row.get(0)).collect())
    }

    fn evictions_so_far(&mut self) -> i64 {
        self.admin
            .query_one("SELECT dealloc FROM pg_stat_statements_info", &[])
            .expect("read the eviction count")
            .get(0)
    }
}
