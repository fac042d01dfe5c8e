//! A small history from the benchmark generator, in a temporary directory.

use smart_spending_tracker::store::Store;

#[allow(dead_code)] // the generator's journal writer is not needed here
#[path = "../../examples/gen/dataset.rs"]
pub mod dataset;

/// A store holding `count` generated expenses, with its directory (removed on drop).
pub struct Generated {
    pub store: Store,
    pub catalog: dataset::Catalog,
    _dir: tempfile::TempDir,
}

pub fn generated(count: usize) -> Generated {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("spend.db");
    let (store, catalog, _) = dataset::create(&path, count, 7).expect("generate");
    Generated {
        store,
        catalog,
        _dir: dir,
    }
}

#[path = "../common/ledgers.rs"]
pub mod ledgers;
#[path = "../common/spend_cli.rs"]
pub mod spend_cli;
