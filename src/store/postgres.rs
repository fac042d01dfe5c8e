//! The PostgreSQL backend: a household's shared ledger on the reference design's own engine.
//! Every write is one transaction with its budget check, by the same rules as on `SQLite`;
//! writers of one bucket hold its totals row, so concurrent writers check one after the
//! other. Each write sends a notification, which open apps listen for.

/// The channel every write notifies and every open ledger listens on: a macro, so the
/// statements that name it are constants.
macro_rules! channel {
    () => {
        "spend_ledger"
    };
}

mod alerts;
mod bulk;
mod catalog;
mod copy;
mod db;
mod expense_copy;
mod expenses;
mod exports;
mod imports;
mod ledger_tx;
mod libpq_defaults;
mod list;
mod maintenance;
mod rates;
mod recurring;
mod reports;
mod rows;
mod schema;
mod sql_ids;
mod standing;
mod streams;
mod tokens;
mod transaction;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::str::FromStr;

use postgres::config::SslMode;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config, NoTls, Statement};

use crate::store::rules;

use db::Db;

use super::{NewUserDefaults, StoreError, StoreResult};

pub(crate) use transaction::PgTx;

/// How long a look for notifications may wait for the socket.
const NOTIFICATION_WAIT: std::time::Duration = std::time::Duration::from_millis(1);

/// Prepared statements of one connection, by their SQL.
type Statements = RefCell<HashMap<&'static str, Statement>>;

/// A ledger in a PostgreSQL database.
pub struct PgStore {
    client: RefCell<Client>,
    statements: Statements,
    /// Counts other connections' commits seen so far.
    version: Cell<i64>,
    /// This connection's server process, whose own notifications are not news.
    pid: i32,
}

impl PgStore {
    /// Connects to the database a `postgres://` URL (or libpq key=value string) names, sets
    /// it up on first use (schema, five categories, one user) and migrates an older schema.
    /// A database holding a newer schema, or another program's tables, is refused untouched.
    pub fn open(url: &str, defaults: &NewUserDefaults) -> StoreResult<PgStore> {
        let mut client = connect(url)?;
        schema::migrate(&mut client, url)?;
        client.batch_execute(concat!("LISTEN ", channel!()))?;
        let pid: i32 = client.query_one("SELECT pg_backend_pid()", &[])?.get(0);
        let mut store = PgStore {
            client: RefCell::new(client),
            statements: RefCell::default(),
            version: Cell::new(0),
            pid,
        };
        // Read first: opening a ledger set up long ago writes nothing, and tells no one.
        if !rules::initialized(&store)? {
            // Two processes opening a new database at once set it up one after the other;
            // the second finds it done.
            store.write(|tx| {
                tx.exec("SELECT pg_advisory_xact_lock($1)", &[&schema::SETUP_LOCK])?;
                rules::ensure_defaults(tx, defaults)
            })?;
        }
        Ok(store)
    }

    /// Runs `work` in one transaction and commits it with a notification to every listener;
    /// an error rolls all of it back.
    fn write<T>(&mut self, work: impl FnOnce(&PgTx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let PgStore {
            client, statements, ..
        } = self;
        let tx = PgTx::begin(client.get_mut(), statements)?;
        let value = work(&tx)?;
        tx.commit_notifying()?;
        Ok(value)
    }

    /// Loads the reference design's sample through the normal insert path; refused on a
    /// ledger that already has expenses.
    pub fn load_sample(&mut self) -> StoreResult<crate::store::SampleSummary> {
        self.write(|tx| rules::load_sample(tx))
    }

    /// A consistent copy of a PostgreSQL ledger is a new ledger: `spend copy-to FILE`.
    pub fn backup_to(
        &self,
        _dest: &std::path::Path,
        _if_exists: crate::store::IfExists,
    ) -> StoreResult<()> {
        Err(StoreError::InvalidInput(
            "a PostgreSQL ledger is copied with `spend copy-to FILE` (or the server's own pg_dump)"
                .into(),
        ))
    }

    /// Starts a read-only transaction on one snapshot of the database.
    pub fn begin_snapshot(&self) -> StoreResult<()> {
        Ok(self
            .client
            .borrow_mut()
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")?)
    }

    /// Ends the transaction `begin_snapshot` started.
    pub fn end_snapshot(&self) -> StoreResult<()> {
        Ok(self.client.borrow_mut().batch_execute("COMMIT")?)
    }

    /// A number that changes whenever another connection commits a write, read from the
    /// notifications received so far: no table is polled.
    pub fn data_version(&self) -> StoreResult<i64> {
        let mut client = self.client.borrow_mut();
        let mut notifications = client.notifications();
        // A short wait lets the connection's reactor read what the server sent; the
        // non-blocking iterator alone would not see a notification until another query.
        let mut pending = notifications.timeout_iter(NOTIFICATION_WAIT);
        let mut news = 0;
        while let Some(notification) = pending.next()? {
            if notification.process_id() != self.pid {
                news += 1;
            }
        }
        self.version.set(self.version.get() + news);
        Ok(self.version.get())
    }
}

/// Opens a connection; TLS with `rustls` unless `sslmode=disable`, verifying the server's
/// certificate against the web's root authorities.
fn connect(url: &str) -> StoreResult<Client> {
    let failed = |reason: String| StoreError::Connect {
        url: without_password(url),
        reason,
    };
    let mut config = Config::from_str(url).map_err(|e| failed(e.to_string()))?;
    libpq_defaults::fill_in(&mut config);
    let client = if config.get_ssl_mode() == SslMode::Disable {
        config.connect(NoTls)
    } else {
        config.connect(tokio_postgres_rustls::MakeRustlsConnect::with_webpki_roots())
    };
    client.map_err(|e| {
        // The connection error alone says "error connecting to server"; its cause says why.
        let cause = std::error::Error::source(&e).map(ToString::to_string);
        failed(match cause {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        })
    })
}

/// A connection URL fit for a message: its password replaced by `***`.
pub(crate) fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::without_password;

    #[test]
    fn messages_never_show_a_password() {
        assert_eq!(
            without_password("postgres://aman:s3cret@db.home:5432/spend"),
            "postgres://aman:***@db.home:5432/spend"
        );
        assert_eq!(
            without_password("postgresql://aman@db.home/spend"),
            "postgresql://aman@db.home/spend"
        );
        assert_eq!(
            without_password("host=/run dbname=spend"),
            "host=/run dbname=spend"
        );
    }
}
