//! Versioned migrations on PostgreSQL: numbered SQL files, only ever added to, recorded in
//! `spend_schema`. A database with a newer schema, or with another program's tables, is
//! refused before anything is written.

use postgres::Client;

use crate::store::{StoreError, StoreResult};

/// One numbered SQL file: applying it moves the schema to `version`.
struct Migration {
    version: i64,
    sql: &'static str,
}

/// Every migration, by number.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/001_initial.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/002_import.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/003_api_tokens.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/004_standing_budgets.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/005_recurring.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/006_currency.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/007_budget_terms.sql"),
    },
];

/// The schema version this program writes: the number of its last migration.
pub const SCHEMA_VERSION: i64 = match MIGRATIONS.last() {
    Some(last) => last.version,
    None => 0,
};

/// Any key will do, as long as every spend process takes the same one: migrations of one
/// database run one at a time, and so does setting up a new one.
const MIGRATION_LOCK: i64 = 0x7370_656e_645f_6462;
pub(super) const SETUP_LOCK: i64 = MIGRATION_LOCK + 1;

/// Brings the schema up to date in one transaction.
pub(super) fn migrate(client: &mut Client, url: &str) -> StoreResult<()> {
    let version = check_version(client, url)?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS spend_schema (version INTEGER NOT NULL)")?;
    // Another process may have migrated while this one waited for the lock.
    let version: Option<i32> = tx
        .query_opt("SELECT max(version) FROM spend_schema", &[])?
        .and_then(|row| row.get(0));
    let version = i64::from(version.unwrap_or(0));
    for migration in MIGRATIONS.iter().filter(|m| m.version > version) {
        tx.batch_execute(migration.sql)?;
        let number = i32::try_from(migration.version).unwrap_or(i32::MAX);
        tx.execute("DELETE FROM spend_schema", &[])?;
        tx.execute("INSERT INTO spend_schema (version) VALUES ($1)", &[&number])?;
    }
    Ok(tx.commit()?)
}

/// The database's schema version (0 for an empty database); refuses a newer one and one
/// that holds tables of another program. Only reads.
fn check_version(client: &mut Client, url: &str) -> StoreResult<i64> {
    let ours: bool = client
        .query_one("SELECT to_regclass('spend_schema') IS NOT NULL", &[])?
        .get(0);
    if !ours {
        let tables: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_catalog.pg_tables
                 WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
                &[],
            )?
            .get(0);
        if tables > 0 {
            return Err(StoreError::ForeignServerDatabase {
                url: super::without_password(url),
            });
        }
        return Ok(0);
    }
    let version: Option<i32> = client
        .query_one("SELECT max(version) FROM spend_schema", &[])?
        .get(0);
    let version = i64::from(version.unwrap_or(0));
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}
