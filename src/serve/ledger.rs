//! The server's way to the ledger: a pool of reading connections, and one writer thread
//! that commits in groups. Requests that arrive while a commit is on its way wait together;
//! the writer then records each of them in its own savepoint, with its own budget check,
//! and commits them all at once. Each client is answered only after that commit, so a
//! `201` still means the row is on disk, and one sync serves many requests.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use axum::body::Bytes;
use tokio::sync::{Semaphore, oneshot};

use crate::domain::{NewExpense, Outcome};
use crate::store::{Location, NewUserDefaults, Store, StoreError, StoreResult};

use super::error::ApiError;

/// Most adds one commit takes: enough that a queue of waiting clients drains in a few
/// commits, few enough that the first of them does not wait long for the last.
const MAX_GROUP: usize = 256;

/// How often the writer posts the recurring expenses that fell due, when no write wakes it
/// sooner: a day's postings are made within a minute of midnight.
const CATCH_UP_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Writes waiting for the writer before new ones are turned away with 503.
const QUEUE_DEPTH: usize = 4_096;

/// Reads in progress at once; each holds a connection of its own.
const MAX_READERS: usize = 16;

/// Answers of reads kept on one connection at most; past it, all are forgotten and kept anew.
const KEPT_ANSWERS: usize = 1_024;

/// A reading connection, with answers it gave since the ledger last changed.
struct Reader {
    store: Store,
    /// The connection's `data_version` when `kept` was last valid.
    version: i64,
    kept: HashMap<String, Bytes>,
}

/// Work for the writer thread.
enum Job {
    /// An expense to add, with its budget check, in the next group.
    Add(NewExpense, oneshot::Sender<Result<Outcome, ApiError>>),
    /// Any other write, on its own.
    Other(Box<dyn FnOnce(&mut Store) + Send>),
}

/// The ledger as the handlers see it.
pub struct Ledger {
    location: Location,
    defaults: NewUserDefaults,
    readers: Mutex<Vec<Reader>>,
    reader_slots: Arc<Semaphore>,
    jobs: Mutex<Option<SyncSender<Job>>>,
}

/// The writer thread, to wait for once the server stops taking requests.
pub struct Writer(JoinHandle<()>);

impl Writer {
    /// Waits for the writer to finish the writes it was given.
    pub fn join(self) {
        // A panic there was reported as it happened; every client was answered already.
        let _ = self.0.join();
    }
}

impl Ledger {
    /// Opens the ledger once to set it up (or migrate it), and starts the writer on that
    /// connection.
    /// `today` pins the date recurring expenses are posted up to; `None` follows the clock.
    pub fn open(
        location: Location,
        defaults: NewUserDefaults,
        today: Option<chrono::NaiveDate>,
    ) -> StoreResult<(Ledger, Writer)> {
        let mut store = Store::open_location(&location, &defaults)?;
        let today = move || today.unwrap_or_else(|| chrono::Local::now().date_naive());
        // Before the first request, so every answer sees the ledger caught up.
        catch_up(&mut store, today());
        let (jobs, queue) = sync_channel(QUEUE_DEPTH);
        let writer = std::thread::Builder::new()
            .name("spend-writer".into())
            .spawn(move || write_loop(store, &queue, today))?;
        let ledger = Ledger {
            location,
            defaults,
            readers: Mutex::new(Vec::new()),
            reader_slots: Arc::new(Semaphore::new(MAX_READERS)),
            jobs: Mutex::new(Some(jobs)),
        };
        Ok((ledger, Writer(writer)))
    }

    /// Turns away writes from now on; the writer finishes the ones it has, then ends.
    pub fn stop_writing(&self) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
    }

    /// Runs a read on a connection of the pool. A local file answers in microseconds
    /// without waiting on anyone (a WAL reader never waits for the writer), so its reads
    /// run where the request is; a server's reads wait on the network, so they run on
    /// threads kept for blocking work.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&Store) -> StoreResult<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _slot = self
            .reader_slots
            .acquire()
            .await
            .map_err(|_| ApiError::unavailable("the server is stopping"))?;
        if matches!(self.location, Location::File(_)) {
            let reader = self.take_reader()?;
            let result = work(&reader.store);
            self.give_back(reader);
            return Ok(result?);
        }
        let ledger = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let reader = ledger.take_reader()?;
            let result = work(&reader.store);
            if !matches!(&result, Err(StoreError::Postgres(e)) if e.is_closed()) {
                ledger.give_back(reader);
            }
            Ok(result?)
        })
        .await
        .map_err(|_| {
            ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "the read failed; see the server's log",
            )
        })?
    }

    /// Starts a long read, such as an export streamed to the client, without waiting for
    /// it; `work` is not run if no connection can be had, and the log says why.
    pub fn spawn_read(self: &Arc<Self>, work: impl FnOnce(&Store) + Send + 'static) {
        let ledger = Arc::clone(self);
        tokio::spawn(async move {
            let Ok(slot) = Arc::clone(&ledger.reader_slots).acquire_owned().await else {
                return;
            };
            tokio::task::spawn_blocking(move || {
                let _slot = slot;
                match ledger.take_reader() {
                    Ok(reader) => {
                        work(&reader.store);
                        ledger.give_back(reader);
                    }
                    Err(error) => tracing::warn!("cannot open the ledger to read: {error}"),
                }
            });
        });
    }

    /// Runs a write on the writer's connection, in turn with every other write.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Store) -> StoreResult<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let (answer, answered) = oneshot::channel();
        self.send(Job::Other(Box::new(move |store| {
            // The client may have gone; the write stands either way.
            let _ = answer.send(work(store).map_err(ApiError::from));
        })))?;
        answered.await.map_err(|_| writer_gone())?
    }

    /// Adds an expense in the next group commit.
    pub async fn add_expense(&self, new: NewExpense) -> Result<Outcome, ApiError> {
        let (answer, answered) = oneshot::channel();
        self.send(Job::Add(new, answer))?;
        answered.await.map_err(|_| writer_gone())?
    }

    fn send(&self, job: Job) -> Result<(), ApiError> {
        let jobs = self.jobs.lock().map_err(|_| writer_gone())?;
        let Some(jobs) = jobs.as_ref() else {
            return Err(ApiError::unavailable("the server is stopping"));
        };
        jobs.try_send(job).map_err(|error| match error {
            TrySendError::Full(_) => ApiError::unavailable("too many writes are waiting; retry"),
            TrySendError::Disconnected(_) => writer_gone(),
        })
    }

    fn take_reader(&self) -> StoreResult<Reader> {
        let pooled = self.readers.lock().ok().and_then(|mut pool| pool.pop());
        match pooled {
            Some(reader) => Ok(reader),
            None => Ok(Reader {
                store: Store::open_location(&self.location, &self.defaults)?,
                version: 0,
                kept: HashMap::new(),
            }),
        }
    }

    fn give_back(&self, reader: Reader) {
        if let Ok(mut pool) = self.readers.lock() {
            pool.push(reader);
        }
    }

    /// A read whose answer (JSON bytes) is kept on the connection until the ledger changes,
    /// then given again without reading: the month summary a dashboard polls. A file's
    /// `data_version` tells this connection whether anyone committed since, in a
    /// microsecond; a server's ledger is read afresh every time.
    pub async fn read_kept(
        self: &Arc<Self>,
        key: String,
        work: impl FnOnce(&Store) -> StoreResult<Vec<u8>> + Send + 'static,
    ) -> Result<Bytes, ApiError> {
        if !matches!(self.location, Location::File(_)) {
            return self.read(move |store| work(store).map(Bytes::from)).await;
        }
        let _slot = self
            .reader_slots
            .acquire()
            .await
            .map_err(|_| ApiError::unavailable("the server is stopping"))?;
        let mut reader = self.take_reader()?;
        let answer = reader.answer(key, work);
        self.give_back(reader);
        Ok(answer?)
    }
}

impl Reader {
    fn answer(
        &mut self,
        key: String,
        work: impl FnOnce(&Store) -> StoreResult<Vec<u8>>,
    ) -> StoreResult<Bytes> {
        let version = self.store.data_version()?;
        if version != self.version || self.kept.len() >= KEPT_ANSWERS {
            self.kept.clear();
            self.version = version;
        }
        if let Some(kept) = self.kept.get(&key) {
            return Ok(kept.clone());
        }
        let answer = Bytes::from(work(&self.store)?);
        self.kept.insert(key, answer.clone());
        Ok(answer)
    }
}

fn writer_gone() -> ApiError {
    ApiError::unavailable("the ledger's writer stopped; see the server's log")
}

/// Posts the recurring expenses due by `today` on the writer's connection, and logs what
/// it did; a failure is logged and tried again at the next turn.
fn catch_up(store: &mut Store, today: chrono::NaiveDate) {
    match store.catch_up(today) {
        Ok(caught) if caught.is_empty() => {}
        Ok(caught) => tracing::info!(
            posted = caught.posted.len(),
            alerts = caught.alerts.len(),
            "posted recurring expenses due by {today}"
        ),
        Err(error) => tracing::warn!(
            "could not bring the ledger up to today (standing budgets, recurring expenses): {error}"
        ),
    }
}

/// Takes the waiting jobs in arrival order; a run of adds becomes one group commit. Between
/// them, and at least once a minute, posts the recurring expenses that fell due.
fn write_loop(mut store: Store, queue: &Receiver<Job>, today: impl Fn() -> chrono::NaiveDate) {
    let mut waiting: Vec<Job> = Vec::new();
    let mut last_catch_up = std::time::Instant::now();
    loop {
        let first = match queue.recv_timeout(CATCH_UP_EVERY) {
            Ok(job) => Some(job),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if last_catch_up.elapsed() >= CATCH_UP_EVERY {
            last_catch_up = std::time::Instant::now();
            catch_up(&mut store, today());
        }
        let Some(first) = first else {
            continue;
        };
        waiting.push(first);
        while waiting.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(job) => waiting.push(job),
                Err(_) => break,
            }
        }
        let mut adds = Vec::new();
        for job in waiting.drain(..) {
            match job {
                Job::Add(new, answer) => adds.push((new, answer)),
                Job::Other(work) => {
                    commit_adds(&mut store, std::mem::take(&mut adds));
                    work(&mut store);
                }
            }
        }
        commit_adds(&mut store, adds);
    }
}

/// Commits a group of adds and answers each client: with its own outcome, or, when the
/// commit failed, with that failure.
fn commit_adds(
    store: &mut Store,
    adds: Vec<(NewExpense, oneshot::Sender<Result<Outcome, ApiError>>)>,
) {
    if adds.is_empty() {
        return;
    }
    let (rows, answers): (Vec<NewExpense>, Vec<_>) = adds.into_iter().unzip();
    match store.add_expenses_each(&rows) {
        Ok(outcomes) => {
            for (answer, outcome) in answers.into_iter().zip(outcomes) {
                let _ = answer.send(outcome.map_err(ApiError::from));
            }
        }
        Err(error) => {
            let error = ApiError::from(error);
            for answer in answers {
                let _ = answer.send(Err(error.clone()));
            }
        }
    }
}
