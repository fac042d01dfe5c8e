//! Many expenses or budgets in one transaction on PostgreSQL. The shared bulk rules
//! (`rules::bulk`) check the rows; binary COPY writes them, numbered from the expenses'
//! own sequence; the month totals they add are summed here and written once at the end
//! instead of by the trigger per row.

use std::borrow::Borrow;
use std::collections::HashMap;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;

use crate::domain::{Alert, CategoryId, Currency, Month, NewExpense, UserId};
use crate::store::rules;
use crate::store::rules::bulk::{self, CheckedRow, RowSink};
use crate::store::{BulkOutcome, NamedExpense, NewBudget, StoreResult};

use super::db::Db;
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
        self.write(|tx| bulk::add_expenses(copy_sink(tx)?, rows))
    }

    /// Records expenses whose categories are named, in one transaction. Unknown names are
    /// created when `create_missing`, and refused (with nothing written) otherwise. A row
    /// refused is named by its index: `StoreError::ImportRow`.
    pub fn import_expenses(
        &mut self,
        rows: &[NamedExpense],
        create_missing: bool,
    ) -> StoreResult<BulkOutcome> {
        self.write(|tx| bulk::import_expenses(copy_sink(tx)?, rows, create_missing))
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

/// What the copied rows add to one bucket's month total.
struct TotalChange {
    currency: Currency,
    minor: i64,
    count: i32,
}

/// Writes checked rows with binary COPY while the month totals trigger stands aside.
struct CopySink<'a, 'c> {
    tx: &'a PgTx<'c>,
    totals: HashMap<(UserId, CategoryId, Month), TotalChange>,
}

/// Types of the copied columns, in order.
const COPY_TYPES: [Type; 7] = [
    Type::INT4,
    Type::INT4,
    Type::INT4,
    Type::NUMERIC,
    Type::VARCHAR,
    Type::DATE,
    Type::TEXT,
];

fn copy_sink<'a, 'c>(tx: &'a PgTx<'c>) -> StoreResult<CopySink<'a, 'c>> {
    tx.exec(
        "SELECT set_config('spend.month_totals', 'deferred', true)",
        &[],
    )?;
    Ok(CopySink {
        tx,
        totals: HashMap::new(),
    })
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
            row.id = crate::domain::ExpenseId(id);
            if row.counted {
                let change = self
                    .totals
                    .entry((row.user, row.category, Month::of(row.date)))
                    .or_insert(TotalChange {
                        currency: row.currency,
                        minor: 0,
                        count: 0,
                    });
                change.minor += row.minor;
                change.count += 1;
            }
        }
        let mut connection = self.tx.tx.borrow_mut();
        let sink = connection.copy_in(
            "COPY expenses (id, user_id, category_id, amount, currency, date, note)
             FROM STDIN (FORMAT binary)",
        )?;
        let mut writer = BinaryCopyInWriter::new(sink, &COPY_TYPES);
        for row in rows.iter() {
            writer.write(&[
                &row.id,
                &row.user,
                &row.category,
                &row.currency.from_minor(row.minor),
                &row.currency.code(),
                &row.date,
                &row.note,
            ])?;
        }
        writer.finish()?;
        Ok(())
    }

    /// Adds what the rows spent to their buckets' totals in one statement, and lets the
    /// trigger keep them again.
    fn finish(&mut self) -> StoreResult<()> {
        let mut users = Vec::with_capacity(self.totals.len());
        let mut categories = Vec::with_capacity(self.totals.len());
        let mut months = Vec::with_capacity(self.totals.len());
        let mut amounts = Vec::with_capacity(self.totals.len());
        let mut counts = Vec::with_capacity(self.totals.len());
        for ((user, category, month), change) in self.totals.drain() {
            users.push(user);
            categories.push(category);
            months.push(month.to_string());
            amounts.push(change.currency.from_minor(change.minor));
            counts.push(change.count);
        }
        self.tx.exec(
            "INSERT INTO month_totals (user_id, category_key, month, total, count)
             SELECT * FROM unnest($1::int4[], $2::int4[], $3::text[], $4::numeric[], $5::int4[])
             ON CONFLICT (user_id, month, category_key)
             DO UPDATE SET total = month_totals.total + excluded.total,
                           count = month_totals.count + excluded.count",
            &[&users, &categories, &months, &amounts, &counts],
        )?;
        self.tx
            .exec("SELECT set_config('spend.month_totals', '', true)", &[])?;
        Ok(())
    }
}
