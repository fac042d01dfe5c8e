//! Writes a benchmark database: `cargo run --release --example gen -- --expenses N --db PATH
//! [--journal PATH] [--seed S]`. `--db` may be a `postgres://` URL naming an empty database. Two users, twelve categories, sixty months of budgets and
//! N expenses, loaded through `Store::add_expenses` in one transaction; with `--journal` the
//! same expenses are also written as an hledger journal.

mod dataset;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use smart_spending_tracker::store::{Location, Store};

/// Writes a deterministic benchmark database.
#[derive(Debug, Parser)]
struct Args {
    /// How many expenses to generate
    #[arg(long)]
    expenses: usize,
    /// The database to create: a file that must not exist, or an empty PostgreSQL database
    #[arg(long)]
    db: std::ffi::OsString,
    /// Also write the expenses as an hledger journal here
    #[arg(long)]
    journal: Option<PathBuf>,
    /// Seed of the generator; the same seed gives the same data
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let (_store, catalog, summary) = match Location::parse(&args.db) {
        Location::File(path) => dataset::create(&path, args.expenses, args.seed)?,
        location @ Location::Postgres(_) => {
            let store = Store::open_location(&location, &dataset::defaults())?;
            if store.expense_count()? > 0 {
                return Err(format!(
                    "{location} holds expenses; the generator only fills new databases"
                )
                .into());
            }
            dataset::create_in(store, args.expenses, args.seed)?
        }
    };
    let db = args.db.to_string_lossy();
    let seconds = summary.load_time.as_secs_f64();
    #[allow(clippy::cast_precision_loss)] // a rate for people to read
    let rate = summary.expenses as f64 / seconds.max(f64::EPSILON);
    let mut report = vec![format!(
        "{}: {} expenses in {seconds:.3} s ({rate:.0} rows/s), {} budgets, {} alerts; {:.3} s in all",
        Location::parse(&args.db),
        summary.expenses,
        summary.budgets,
        summary.alerts,
        started.elapsed().as_secs_f64(),
    )];
    if let Some(path) = &args.journal {
        let file = std::fs::File::create(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        dataset::write_journal(&mut out, &catalog, args.expenses, args.seed)?;
        report.push(format!(
            "{}: the same expenses as a journal",
            path.display()
        ));
    }
    report.push(format!(
        "open it at its last month: spend --db {db} --month {}",
        dataset::LAST_MONTH
    ));
    // The data is written; a closed standard output (`| head -1`) is no failure.
    let _ = writeln!(std::io::stdout(), "{}", report.join("\n"));
    Ok(())
}
