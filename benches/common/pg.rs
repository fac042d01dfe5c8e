//! Databases of their own on a benchmark PostgreSQL server, dropped when done.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The server to benchmark on: `SPEND_BENCH_PG_URL`, else `SPEND_TEST_PG_URL`.
pub fn server_url() -> Option<String> {
    ["SPEND_BENCH_PG_URL", "SPEND_TEST_PG_URL"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|url| !url.trim().is_empty())
}

/// A fresh database on the server, dropped on drop.
pub struct BenchDatabase {
    pub url: String,
    server: String,
    name: String,
}

impl BenchDatabase {
    pub fn create(server: &str, purpose: &str) -> BenchDatabase {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "spend_bench_{purpose}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = connect(server);
        // One statement each: neither may run inside a transaction block.
        for statement in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            admin.batch_execute(&statement).expect("create a database");
        }
        BenchDatabase {
            url: with_database(server, &name),
            server: server.to_string(),
            name,
        }
    }

    /// A connection of its own to the database.
    pub fn client(&self) -> postgres::Client {
        connect(&self.url)
    }
}

impl Drop for BenchDatabase {
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
        .unwrap_or_else(|e| panic!("connect to the benchmark server {url}: {e}"))
}

/// The server URL with its database replaced.
fn with_database(server: &str, database: &str) -> String {
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
