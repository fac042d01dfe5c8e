//! Many expenses in one transaction on `SQLite`: the shared bulk rules
//! (`rules::bulk`) check the rows, multi-row INSERTs write them, and the search index is
//! filled once at the end instead of by a trigger per row.

use std::borrow::Borrow;

use rusqlite::{Statement, Transaction};

use crate::domain::iso_date_bytes;
use crate::store::rules::bulk::{self, CheckedRow, RowSink};

use super::rates::spent_columns;
use crate::store::rules::set_budget;
use crate::store::rules::statement;
use crate::store::{StatementExpense, StatementOutcome};

use super::{Alert, ExpenseId, NewExpense, SqliteStore, StoreError, StoreResult, UserId};
use super::{BulkOutcome, NamedExpense, NewBudget};

/// Page cache for a bulk write, in KiB: big enough that index pages touched again later in
/// the same transaction are still in memory instead of being spilled and rewritten.
const BULK_CACHE_KIB: i64 = 64 * 1024;

impl SqliteStore {
    /// Records every expense, with its budget check, in one transaction: all or nothing.
    /// Takes a slice, a `Vec`, or any iterator of rows, so a caller can stream them.
    pub fn add_expenses<R: Borrow<NewExpense>>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
    ) -> StoreResult<BulkOutcome> {
        self.bulk_write(|tx| bulk::add_expenses(sqlite_sink(tx)?, rows))
    }

    /// Records expenses whose categories are named, in one transaction. Unknown names are
    /// created when `create_missing`, and refused (with nothing written) otherwise. A row
    /// refused is named by its index: `StoreError::ImportRow`.
    pub fn import_expenses(
        &mut self,
        rows: &[NamedExpense],
        create_missing: bool,
    ) -> StoreResult<BulkOutcome> {
        self.bulk_write(|tx| bulk::import_expenses(sqlite_sink(tx)?, rows, create_missing))
    }

    /// Imports a statement's rows that `user` has not imported before, in one transaction:
    /// all or nothing. A row refused is named by its index: `StoreError::ImportRow`.
    pub fn import_statement(
        &mut self,
        user: UserId,
        rows: &[StatementExpense],
        create_missing: bool,
    ) -> StoreResult<StatementOutcome> {
        // Fingerprints land all over their index, so each insert's statement journal holds
        // many pages; in memory, it costs no file writes.
        let previous: i64 = self
            .conn
            .query_row("PRAGMA temp_store", [], |row| row.get(0))?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let result = self.bulk_write(|tx| {
            statement::import_statement(sqlite_sink(tx)?, user, rows, create_missing)
        });
        self.conn.pragma_update(None, "temp_store", previous)?;
        result
    }

    /// Sets many budgets in one transaction, each exactly as `set_budget` would, in order.
    pub fn set_budgets(&mut self, budgets: &[NewBudget]) -> StoreResult<Vec<Alert>> {
        self.write(|tx| {
            let mut alerts = Vec::new();
            for b in budgets {
                alerts.extend(set_budget(tx, b.user_id, b.category_id, b.month, b.amount)?);
            }
            Ok(alerts)
        })
    }

    /// A write transaction with a page cache big enough for a bulk load, set back after.
    pub(super) fn bulk_write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let previous: i64 = self
            .conn
            .query_row("PRAGMA cache_size", [], |row| row.get(0))?;
        // A negative cache size is in KiB.
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let result = self.write(|tx| {
            let last_id = defer_search_index_in_tx(tx)?;
            let value = work(tx)?;
            index_rows_after_in_tx(tx, last_id)?;
            Ok(value)
        });
        self.conn.pragma_update(None, "cache_size", previous)?;
        result
    }
}

/// The setting that holds back the search index's insert trigger (migration 004), so a bulk
/// load indexes its rows in one statement instead of one trigger run per row.
const SEARCH_DEFERRED: &str = "search_index_deferred";

/// Holds back the search index's insert trigger for the rest of the transaction; returns
/// the largest expense id so far, after which every new row's id comes.
pub(super) fn defer_search_index_in_tx(tx: &Transaction<'_>) -> StoreResult<i64> {
    tx.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, '1')")?
        .execute([SEARCH_DEFERRED])?;
    Ok(tx
        .prepare_cached("SELECT coalesce(max(id), -1) FROM expenses")?
        .query_row([], |row| row.get(0))?)
}

/// Indexes the rows added after `last_id` as the insert trigger would, and lets the
/// trigger run again.
pub(super) fn index_rows_after_in_tx(tx: &Transaction<'_>, last_id: i64) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO expense_search (rowid, owner, category, note)
         SELECT key, '{' || user_id || '}', '[' || category_id || ']', note
         FROM (SELECT (CAST(julianday(date) AS INTEGER) << 40) | id AS key, *
               FROM expenses WHERE id > ?1 AND id <= 1099511627775)
         WHERE key IS NOT NULL",
    )?
    .execute([last_id])?;
    tx.prepare_cached("DELETE FROM settings WHERE key = ?1")?
        .execute([SEARCH_DEFERRED])?;
    Ok(())
}

/// Rows sent to `SQLite` in one multi-row INSERT: one statement, one statement journal and
/// one trip through the VDBE for many rows.
const BATCH_ROWS: usize = 512;
const INSERT_COLUMNS: &str = "INSERT INTO expenses (id, user_id, category_id, amount, currency, \
     date, note, spent_amount, spent_currency, rate) VALUES ";
const COLUMNS: usize = 10;
const ROW_VALUES: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// Writes checked rows with multi-row INSERTs.
///
/// Ids are assigned here as AUTOINCREMENT would assign them (one past the largest id ever
/// used), so the database ends up exactly as the single-row path leaves it.
struct SqliteSink<'t> {
    tx: &'t Transaction<'t>,
    batch_insert: Statement<'t>,
    single_insert: Statement<'t>,
    next_id: i64,
}

fn sqlite_sink<'t>(tx: &'t Transaction<'t>) -> StoreResult<SqliteSink<'t>> {
    let values = vec![ROW_VALUES; BATCH_ROWS].join(", ");
    let last_id: i64 = tx.query_row(
        "SELECT max(coalesce((SELECT max(id) FROM expenses), 0),
                    coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'expenses'), 0))",
        [],
        |row| row.get(0),
    )?;
    Ok(SqliteSink {
        tx,
        batch_insert: tx.prepare(&format!("{INSERT_COLUMNS}{values}"))?,
        single_insert: tx.prepare(&format!("{INSERT_COLUMNS}{ROW_VALUES}"))?,
        next_id: last_id.saturating_add(1),
    })
}

impl<'t> RowSink for SqliteSink<'t> {
    type Tx = Transaction<'t>;
    const BATCH_ROWS: usize = BATCH_ROWS;

    fn tx(&self) -> &Transaction<'t> {
        self.tx
    }

    fn write(&mut self, rows: &mut [CheckedRow]) -> StoreResult<()> {
        for row in rows.iter_mut() {
            row.id = ExpenseId(self.next_id);
            self.next_id = self
                .next_id
                .checked_add(1)
                .ok_or_else(|| StoreError::InvalidInput("expense ids are exhausted".into()))?;
        }
        if rows.len() == BATCH_ROWS {
            for (index, row) in rows.iter().enumerate() {
                bind_row(&mut self.batch_insert, index * COLUMNS, row)?;
            }
            self.batch_insert.raw_execute()?;
        } else {
            for row in rows.iter() {
                bind_row(&mut self.single_insert, 0, row)?;
                self.single_insert.raw_execute()?;
            }
        }
        write_fingerprints(self.tx, rows)
    }
}

/// Fingerprints sent to `SQLite` in one multi-row INSERT.
const FINGERPRINT_BATCH: usize = 12;

/// Records the fingerprints of imported rows, now that they have their ids, many rows to a
/// statement.
fn write_fingerprints(tx: &Transaction<'_>, rows: &[CheckedRow]) -> StoreResult<()> {
    let printed: Vec<(&CheckedRow, &str)> = rows
        .iter()
        .filter_map(|row| row.fingerprint.as_deref().map(|print| (row, print)))
        .collect();
    for chunk in printed.chunks(FINGERPRINT_BATCH) {
        let values = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let mut insert = tx.prepare_cached(&format!(
            "INSERT INTO import_fingerprints (user_id, fingerprint, expense_id) VALUES {values}"
        ))?;
        for (index, (row, print)) in chunk.iter().enumerate() {
            insert.raw_bind_parameter(index * 3 + 1, row.user)?;
            insert.raw_bind_parameter(index * 3 + 2, *print)?;
            insert.raw_bind_parameter(index * 3 + 3, row.id)?;
        }
        insert.raw_execute()?;
    }
    Ok(())
}

/// Binds one row's values from parameter `offset + 1` on.
fn bind_row(statement: &mut Statement<'_>, offset: usize, row: &CheckedRow) -> StoreResult<()> {
    // `check_date` has limited the year to 1..=9999, which always has a 4-digit form.
    let date = iso_date_bytes(row.date)
        .ok_or_else(|| StoreError::InvalidInput(format!("date {} is out of range", row.date)))?;
    let date = std::str::from_utf8(&date).unwrap_or("0000-00-00");
    statement.raw_bind_parameter(offset + 1, row.id)?;
    statement.raw_bind_parameter(offset + 2, row.user)?;
    statement.raw_bind_parameter(offset + 3, row.category)?;
    statement.raw_bind_parameter(offset + 4, row.minor)?;
    statement.raw_bind_parameter(offset + 5, row.currency.code())?;
    statement.raw_bind_parameter(offset + 6, date)?;
    statement.raw_bind_parameter(offset + 7, row.note.as_deref())?;
    let (spent, spent_currency, rate) = spent_columns(row.foreign.as_ref())?;
    statement.raw_bind_parameter(offset + 8, spent)?;
    statement.raw_bind_parameter(offset + 9, spent_currency)?;
    statement.raw_bind_parameter(offset + 10, rate)?;
    Ok(())
}
