//! `spend serve` as a client meets it: the real binary on a free loopback port, spoken to
//! over HTTP by a real client, on every engine.

mod dates;
mod endpoints;
mod errors;
mod fx;
mod reference;
mod tokens;

use crate::api_server::{Server, make_token};
use crate::ledgers::Engine;
use crate::spend_cli::Spend;

/// A sample ledger, a server on it, and tokens: an admin's, and one of each sample user
/// (user 1 is aman@example.com, user 2 priya@example.com).
pub struct Served {
    pub spend: Spend,
    pub server: Server,
    pub admin: String,
    pub aman: String,
    pub priya: String,
}

impl Served {
    pub fn sample(engine: &Engine) -> Served {
        let spend = Spend::sample_on(engine);
        let admin = make_token(&spend, &["--user", "aman@example.com", "--admin"]);
        let aman = make_token(&spend, &["--user", "aman@example.com", "--name", "phone"]);
        let priya = make_token(&spend, &["--user", "priya@example.com"]);
        let server = Server::start(&spend, &[]);
        Served {
            spend,
            server,
            admin,
            aman,
            priya,
        }
    }

    /// Aman's request.
    pub fn aman(&self, method: &str, path: &str, body: Option<&str>) -> crate::api_server::Reply {
        self.server.call(method, path, Some(&self.aman), body)
    }

    pub fn expenses(&self) -> i64 {
        self.spend.count("SELECT count(*) FROM expenses")
    }
}
