//! Where a ledger lives: a file path means `SQLite`, a `postgres://` URL means PostgreSQL.

use std::path::PathBuf;

/// What `--db` (or `SPEND_DB`) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An `SQLite` file.
    File(PathBuf),
    /// A PostgreSQL database: a `postgres://` or `postgresql://` URL, with libpq's
    /// parameters (`sslmode`, `host=/socket/dir`, `application_name`).
    Postgres(String),
}

impl Location {
    /// Reads `--db`: a URL naming PostgreSQL, or else a path to an `SQLite` file.
    pub fn parse(text: &std::ffi::OsStr) -> Location {
        match text.to_str() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Location::Postgres(url.to_string())
            }
            _ => Location::File(PathBuf::from(text)),
        }
    }
}

impl std::fmt::Display for Location {
    /// The file's path, or the URL with its password hidden.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&super::postgres::without_password(url)),
        }
    }
}

/// The database used when none is named: `$XDG_DATA_HOME/smart-spending-tracker/spend.db`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "smart-spending-tracker")
        .map(|dirs| dirs.data_dir().join("spend.db"))
}
