//! Many expenses or budgets in one transaction on PostgreSQL. The shared bulk rules
//! (`rules::bulk`) check the rows; binary COPY writes them, numbered from the expenses'
//! own sequence, and the month totals trigger adds each COPY's rows up once.

use std::borrow::Borrow;

use crate::domain::{Alert, ExpenseId, NewExpense, UserId};
use crate::store::rules;
use crate::store::rules::bulk::{self, CheckedRow, RowSink};
use crate::store::rules::statement;
use crate::store::{
    BulkOutcome, NamedExpense, NewBudget, StatementExpense, StatementOutcome, StoreError,
    StoreResult,
};

use super::db::Db;
use super::expense_copy::expense_copy;
use super::{PgStore, PgTx};

/// Rows per COPY: few enough that the ids reserved for them are one small query, many
/// enough that a COPY's round trips are spread thin.
const BATCH_ROWS: usize = 8192;

impl PgStore {
    /// Records every expense, with its budget check, in one transaction: all or nothing.
    pub fn add_expenses<R: Borrow<NewExpense>>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
    ) -> StoreResult<BulkOutcome> {
        self.write(|tx| bulk::add_expenses(CopySink { tx }, rows))
    }

    /// Records expenses whose categories are named, in one transaction. Unknown names are
    /// created when `create_missing`, and refused (with nothing written) otherwise. A row
    /// refused is named by its index: `StoreError::ImportRow`.
    pub fn import_expenses(
        &mut self,
        rows: &[NamedExpense],
        create_missing: bool,
    ) -> StoreResult<BulkOutcome> {
        self.write(|tx| bulk::import_expenses(CopySink { tx }, rows, create_missing))
    }

    /// Imports a statement's rows that `user` has not imported before, in one transaction:
    /// all or nothing. A row refused is named by its index: `StoreError::ImportRow`.
    pub fn import_statement(
        &mut self,
        user: UserId,
        rows: &[StatementExpense],
        create_missing: bool,
    ) -> StoreResult<StatementOutcome> {
        self.write(|tx| statement::import_statement(CopySink { tx }, user, rows, create_missing))
    }

    /// Sets many budgets in one transaction, each exactly as `set_budget` would, in order.
    pub fn set_budgets(&mut self, budgets: &[NewBudget]) -> StoreResult<Vec<Alert>> {
        self.write(|tx| {
            let mut alerts = Vec::new();
            for b in budgets {
                alerts.extend(rules::set_budget(
                    tx,
                    b.user_id,
                    b.category_id,
                    b.month,
                    b.amount,
                )?);
            }
            Ok(alerts)
        })
    }
}

/// Writes checked rows with binary COPY.
struct CopySink<'a, 'c> {
    tx: &'a PgTx<'c>,
}

impl<'c> RowSink for CopySink<'_, 'c> {
    type Tx = PgTx<'c>;
    const BATCH_ROWS: usize = BATCH_ROWS;

    fn tx(&self) -> &PgTx<'c> {
        self.tx
    }

    fn write(&mut self, rows: &mut [CheckedRow]) -> StoreResult<()> {
        let count = i32::try_from(rows.len()).unwrap_or(i32::MAX);
        // Sorted, so the rows keep the order they came in even if another writer took
        // numbers from the sequence at the same time.
        let mut ids: Vec<i64> = self
            .tx
            .rows(
                "SELECT nextval(pg_get_serial_sequence('expenses', 'id'))
                 FROM generate_series(1, $1)",
                &[&count],
            )?
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<_, _>>()?;
        ids.sort_unstable();
        for (row, id) in rows.iter_mut().zip(ids) {
            row.id = ExpenseId(id);
        }
        let mut connection = self.tx.tx.borrow_mut();
        let mut writer = expense_copy(&mut connection)?;
        for row in rows.iter() {
            let spent = row.foreign.as_ref();
            writer.write(&[
                &row.id,
                &row.user,
                &row.category,
                &row.currency.from_minor(row.minor),
                &row.currency.code(),
                &row.date,
                &row.note,
                &spent.map(|s| s.amount),
                &spent.map(|s| s.currency.code()),
                &spent.map(|s| s.rate.value()),
            ])?;
        }
        writer.finish()?;
        drop(connection);
        write_fingerprints(self.tx, rows)
    }
}

/// Records the fingerprints of imported rows, now that they have their ids, in one
/// statement per batch.
fn write_fingerprints(tx: &PgTx<'_>, rows: &[CheckedRow]) -> StoreResult<()> {
    let mut users = Vec::new();
    let mut prints = Vec::new();
    let mut ids = Vec::new();
    for row in rows {
        if let Some(print) = row.fingerprint.as_deref() {
            users.push(i32::try_from(row.user.0).map_err(|_| id_range())?);
            prints.push(print);
            ids.push(i32::try_from(row.id.0).map_err(|_| id_range())?);
        }
    }
    if prints.is_empty() {
        return Ok(());
    }
    tx.exec(
        "INSERT INTO import_fingerprints (user_id, fingerprint, expense_id)
         SELECT * FROM unnest($1::int4[], $2::text[], $3::int4[])",
        &[&users, &prints, &ids],
    )?;
    Ok(())
}

fn id_range() -> StoreError {
    StoreError::InvalidInput("an id is beyond what PostgreSQL's INTEGER column holds".into())
}
