//! Benchmark data: histories from the generator, written to a temporary directory that is
//! removed when the benchmark ends.

use std::path::PathBuf;
use std::time::Instant;

use smart_spending_tracker::store::{NewUserDefaults, Store};

#[path = "../../examples/gen/dataset.rs"]
pub mod dataset;

/// The seed every benchmark uses, so runs compare like with like.
pub const SEED: u64 = 1;

/// A generated database on disk.
pub struct Generated {
    pub path: PathBuf,
    pub catalog: dataset::Catalog,
    _dir: tempfile::TempDir,
}

impl Generated {
    /// A new connection to the database, as a process opening it would get.
    pub fn open(&self) -> Store {
        Store::open(&self.path, &NewUserDefaults::default()).expect("open the benchmark database")
    }
}

/// A database of `count` expenses, in a fresh temporary directory.
pub fn generate(count: usize) -> Generated {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("spend.db");
    let started = Instant::now();
    let (_, catalog, _) = dataset::create(&path, count, SEED).expect("generate");
    eprintln!(
        "generated {count} expenses in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Generated {
        path,
        catalog,
        _dir: dir,
    }
}

/// A short label for a history size: `10k`, `1m`.
pub fn label(count: usize) -> String {
    if count >= 1_000_000 && count.is_multiple_of(1_000_000) {
        format!("{}m", count / 1_000_000)
    } else {
        format!("{}k", count / 1_000)
    }
}

/// History sizes to measure: `SPEND_BENCH_SIZES=10000,1000000` (the default).
pub fn sizes() -> Vec<usize> {
    std::env::var("SPEND_BENCH_SIZES")
        .ok()
        .map(|text| {
            text.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .filter(|sizes: &Vec<usize>| !sizes.is_empty())
        .unwrap_or_else(|| vec![10_000, 1_000_000])
}
