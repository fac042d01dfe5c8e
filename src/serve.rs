//! `spend serve`: the reference design's REST API over the ledger, with the rest of what a
//! script needs. Reads run on a pool of connections; writes go through one writer that
//! commits in groups, each write with its own budget check. The server takes no more than a
//! set number of connections, reads at most 64 KiB of a body, gives up on a request after
//! a while, answers every error in JSON, and stops gracefully on SIGINT or SIGTERM.

mod auth;
mod body;
mod budgets;
mod catalog;
mod dates;
mod error;
mod expenses;
mod ledger;
mod listener;
mod openapi;
mod reports;
mod routes;
mod shapes;
pub mod token;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use thiserror::Error;

use crate::store::{Location, NewUserDefaults, StoreError};

pub use openapi::ApiDoc;

use auth::Tokens;
use ledger::Ledger;

/// How `spend serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub location: Location,
    pub defaults: NewUserDefaults,
    /// Every `/api` request needs a token; off only on a loopback address.
    pub require_tokens: bool,
    /// Log one line per request to standard error.
    pub log_requests: bool,
    /// Today, when pinned (`SPEND_TODAY`); else the clock's date at each request.
    pub today: Option<NaiveDate>,
    /// Connections open at once; more wait to be accepted.
    pub max_connections: usize,
    /// Time a request may take before it is answered 408.
    pub request_timeout: Duration,
}

/// Why the server could not start or stopped.
#[derive(Debug, Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(
        "--no-auth is only allowed on a loopback address such as 127.0.0.1, not {0}; make a token with `spend token create` instead"
    )]
    NoAuthOffLoopback(SocketAddr),
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler reaches.
pub struct AppState {
    ledger: Arc<Ledger>,
    tokens: Tokens,
    require_tokens: bool,
    today: Option<NaiveDate>,
}

impl AppState {
    /// Today's date, for "this month".
    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// Runs the server until SIGINT or SIGTERM; `ready` is told the address once it listens.
pub fn run(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    if !options.require_tokens && !options.listen.ip().is_loopback() {
        return Err(ServeError::NoAuthOffLoopback(options.listen));
    }
    if options.log_requests {
        // Another subscriber (a test's) may be set already; then that one logs.
        let _ = tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_target(false)
            .try_init();
    }
    let (ledger, writer) = Ledger::open(
        options.location.clone(),
        options.defaults.clone(),
        options.today,
    )?;
    let ledger = Arc::new(ledger);
    let state = Arc::new(AppState {
        ledger: Arc::clone(&ledger),
        tokens: Tokens::new(),
        require_tokens: options.require_tokens,
        today: options.today,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("spend-serve")
        .build()?;
    let served = runtime.block_on(async {
        let listener = listener::Capped::bind(options.listen, options.max_connections)
            .await
            .map_err(|source| ServeError::Listen {
                addr: options.listen,
                source,
            })?;
        ready(axum::serve::Listener::local_addr(&listener)?);
        let mut app = routes::router(state, options.request_timeout);
        if options.log_requests {
            app = app.layer(axum::middleware::from_fn(routes::log_request));
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(listener::shutdown_signal())
            .await?;
        Ok::<_, ServeError>(())
    });
    // Every request has been answered; the writer finishes what it was given, then ends.
    ledger.stop_writing();
    drop(runtime);
    writer.join();
    served
}
