//! Nothing lost, nothing corrupted: crash, concurrency, hostile-input, bad-file, fuzz and
//! panic tests of the store, the command line and the app. RELIABILITY.md lists which test
//! proves which guarantee, and the commands for the longer runs. Unix only: the crash
//! tests need SIGKILL and the file tests Unix modes.
#![cfg(unix)]

mod concurrency;
mod crash;
mod csv_safety;
mod files;
mod fuzz_props;
mod hostile;
mod panic;
mod read_only;
mod serve_load;
mod serve_props;
mod shared_server;
mod support;
