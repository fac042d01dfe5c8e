//! Many expenses in one transaction: the path CSV import and the data generator use.
//!
//! Each row gets exactly the checks and alerts `add_expense` would give it, in order, but
//! what the single-row path reads from the database per row (the user, the category, the
//! bucket's total and budget) is read once per transaction and then kept in memory: the
//! totals move by each row's amount, as the triggers move them in `month_totals`.

use std::borrow::Borrow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rusqlite::{Statement, Transaction};

use crate::domain::{
    Currency, Month, alert_for_change, budget_level, check_expense_amount, iso_date_bytes,
};

use crate::store::rules::{
    Bucket, LedgerTx, add_category, check_date, clean_note, fire_if_crossed, set_budget,
};

use super::catalog::find_category_in;
use super::expenses::{category_name_in, user_in};
use super::{
    Alert, BudgetId, CategoryId, ExpenseId, NewExpense, SqliteStore, StoreError, StoreResult, User,
    UserId,
};
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
        self.bulk_write(|tx| {
            let mut writer = BulkWriter::new(tx)?;
            let mut outcome = BulkOutcome::default();
            for row in rows {
                writer.add(row.borrow(), &mut outcome.alerts)?;
                outcome.inserted += 1;
            }
            writer.flush(&mut outcome.alerts)?;
            Ok(outcome)
        })
    }

    /// Records expenses whose categories are named, in one transaction. Unknown names are
    /// created when `create_missing`, and refused (with nothing written) otherwise. A row
    /// refused is named by its index: `StoreError::ImportRow`.
    pub fn import_expenses(
        &mut self,
        rows: &[NamedExpense],
        create_missing: bool,
    ) -> StoreResult<BulkOutcome> {
        self.bulk_write(|tx| {
            let mut names = CategoryNames {
                ids: category_ids(tx)?,
                key: String::new(),
                create_missing,
            };
            let mut writer = BulkWriter::new(tx)?;
            let mut outcome = BulkOutcome::default();
            for (index, row) in rows.iter().enumerate() {
                names
                    .import(tx, &mut writer, row, &mut outcome)
                    .map_err(|error| StoreError::in_import_row(index, error))?;
            }
            writer.flush(&mut outcome.alerts)?;
            Ok(outcome)
        })
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

/// Category ids by name for an import, with the names it may create.
struct CategoryNames {
    ids: HashMap<String, CategoryId>,
    /// Scratch space for a name folded as a key.
    key: String,
    create_missing: bool,
}

impl CategoryNames {
    /// Adds one named row, finding (or creating) its category.
    fn import(
        &mut self,
        tx: &Transaction<'_>,
        writer: &mut BulkWriter<'_>,
        row: &NamedExpense,
        outcome: &mut BulkOutcome,
    ) -> StoreResult<()> {
        lower_trimmed(&row.category, &mut self.key);
        let id = if let Some(id) = self.ids.get(&self.key) {
            *id
        } else {
            // A name the map does not hold is looked up (and refused, or created) as the
            // single-row path does it, after the rows before it are written so that their
            // errors come first.
            writer.flush(&mut outcome.alerts)?;
            let id = match find_category_in(tx, &row.category) {
                Ok(found) => found.id,
                Err(StoreError::UnknownCategory { .. }) if self.create_missing => {
                    let category = add_category(tx, &row.category, None)?;
                    outcome.created_categories.push(category.name);
                    category.id
                }
                Err(error) => return Err(error),
            };
            self.ids.insert(self.key.clone(), id);
            id
        };
        writer.add_in(&row.expense, id, &mut outcome.alerts)?;
        outcome.inserted += 1;
        Ok(())
    }
}

/// The setting that holds back the search index's insert trigger (migration 004), so a bulk
/// load indexes its rows in one statement instead of one trigger run per row.
const SEARCH_DEFERRED: &str = "search_index_deferred";

/// Holds back the search index's insert trigger for the rest of the transaction; returns
/// the largest expense id so far, after which every new row's id comes.
fn defer_search_index_in_tx(tx: &Transaction<'_>) -> StoreResult<i64> {
    tx.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, '1')")?
        .execute([SEARCH_DEFERRED])?;
    Ok(tx
        .prepare_cached("SELECT coalesce(max(id), -1) FROM expenses")?
        .query_row([], |row| row.get(0))?)
}

/// Indexes the rows added after `last_id` as the insert trigger would, and lets the
/// trigger run again.
fn index_rows_after_in_tx(tx: &Transaction<'_>, last_id: i64) -> StoreResult<()> {
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

/// A user's spending in one category and month as the transaction has it so far, with the
/// budget it is checked against.
struct BucketState {
    total: i64,
    budget: Option<(BudgetId, i64)>,
}

/// Rows sent to `SQLite` in one multi-row INSERT: one statement, one statement journal and
/// one trip through the VDBE for many rows.
const BATCH_ROWS: usize = 512;
const INSERT_COLUMNS: &str =
    "INSERT INTO expenses (id, user_id, category_id, amount, currency, date, note) VALUES ";
const COLUMNS: usize = 7;

/// A checked row waiting for its batch.
struct PendingRow {
    id: ExpenseId,
    user: UserId,
    category: CategoryId,
    minor: i64,
    currency: Currency,
    date: [u8; 10],
    note: Option<String>,
}

/// An alert a pending row fires, recorded once the row is in the table it refers to.
struct PendingAlert {
    user: Rc<User>,
    bucket: Bucket,
    budget_id: BudgetId,
    before: i64,
    after: i64,
    budget: i64,
    cause: ExpenseId,
}

/// Inserts rows with the single-row path's checks, from in-memory state, in batches.
///
/// Ids are assigned here as AUTOINCREMENT would assign them (one past the largest id ever
/// used), so an alert can name the expense that caused it before the batch is written, and
/// the database ends up exactly as the single-row path leaves it.
struct BulkWriter<'t> {
    tx: &'t Transaction<'t>,
    batch_insert: Statement<'t>,
    single_insert: Statement<'t>,
    next_id: i64,
    rows: Vec<PendingRow>,
    alerts: Vec<PendingAlert>,
    users: HashMap<UserId, Rc<User>>,
    categories: HashSet<CategoryId>,
    buckets: HashMap<(UserId, CategoryId, Month), BucketState>,
}

impl<'t> BulkWriter<'t> {
    fn new(tx: &'t Transaction<'t>) -> StoreResult<BulkWriter<'t>> {
        let values = vec!["(?, ?, ?, ?, ?, ?, ?)"; BATCH_ROWS].join(", ");
        let next_id: i64 = tx.query_row(
            "SELECT max(coalesce((SELECT max(id) FROM expenses), 0),
                        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'expenses'), 0))",
            [],
            |row| row.get(0),
        )?;
        Ok(BulkWriter {
            tx,
            batch_insert: tx.prepare(&format!("{INSERT_COLUMNS}{values}"))?,
            single_insert: tx.prepare(&format!("{INSERT_COLUMNS}(?, ?, ?, ?, ?, ?, ?)"))?,
            next_id: next_id.saturating_add(1),
            rows: Vec::with_capacity(BATCH_ROWS),
            alerts: Vec::new(),
            users: HashMap::new(),
            categories: HashSet::new(),
            buckets: HashMap::new(),
        })
    }

    fn add(&mut self, new: &NewExpense, fired: &mut Vec<Alert>) -> StoreResult<()> {
        self.add_in(new, new.category_id, fired)
    }

    fn add_in(
        &mut self,
        new: &NewExpense,
        category: CategoryId,
        fired: &mut Vec<Alert>,
    ) -> StoreResult<()> {
        let (user, row) = match self.check(new, category) {
            Ok(checked) => checked,
            Err(error) => {
                // The rows before this one are written first, so an error they cause is
                // the one reported, as on the single-row path.
                self.flush(fired)?;
                return Err(error);
            }
        };
        // Expenses in another currency than the user's count toward no budget.
        if new.currency == user.currency {
            let bucket = Bucket {
                category,
                month: Month::of(new.date),
            };
            let state = self.bucket(&user, bucket)?;
            let before = state.total;
            state.total += row.minor;
            if let Some((budget_id, budget)) = state.budget {
                let after = state.total;
                if crosses(&user, before, after, budget) {
                    self.alerts.push(PendingAlert {
                        user: Rc::clone(&user),
                        bucket,
                        budget_id,
                        before,
                        after,
                        budget,
                        cause: row.id,
                    });
                }
            }
        }
        self.rows.push(row);
        if self.rows.len() == BATCH_ROWS {
            self.flush(fired)?;
        }
        Ok(())
    }

    /// Validates in the order `add_expense` does, so the same bad row gives the same error.
    fn check(
        &mut self,
        new: &NewExpense,
        category: CategoryId,
    ) -> StoreResult<(Rc<User>, PendingRow)> {
        let user = self.user(new.user_id)?;
        if !self.categories.contains(&category) {
            category_name_in(self.tx, category)?;
            self.categories.insert(category);
        }
        let note = clean_note(new.note.as_deref())?;
        check_expense_amount(new.amount, new.currency)?;
        let minor = new.currency.to_minor(new.amount)?;
        check_date(new.date)?;
        let id = ExpenseId(self.next_id);
        self.next_id = self
            .next_id
            .checked_add(1)
            .ok_or_else(|| StoreError::InvalidInput("expense ids are exhausted".into()))?;
        // `check_date` has limited the year to 1..=9999, which always has a 4-digit form.
        let date = iso_date_bytes(new.date).ok_or_else(|| {
            StoreError::InvalidInput(format!("date {} is out of range", new.date))
        })?;
        Ok((
            user,
            PendingRow {
                id,
                user: new.user_id,
                category,
                minor,
                currency: new.currency,
                date,
                note,
            },
        ))
    }

    /// Writes the pending rows, then the alerts they fired, in order.
    fn flush(&mut self, fired: &mut Vec<Alert>) -> StoreResult<()> {
        if self.rows.len() == BATCH_ROWS {
            for (index, row) in self.rows.iter().enumerate() {
                bind_row(&mut self.batch_insert, index * COLUMNS, row)?;
            }
            self.batch_insert.raw_execute()?;
        } else {
            for row in &self.rows {
                bind_row(&mut self.single_insert, 0, row)?;
                self.single_insert.raw_execute()?;
            }
        }
        self.rows.clear();
        for alert in self.alerts.drain(..) {
            fired.extend(fire_if_crossed(
                self.tx,
                &alert.user,
                alert.bucket,
                alert.budget_id,
                (alert.before, Some(alert.budget)),
                (alert.after, alert.budget),
                Some(alert.cause),
            )?);
        }
        Ok(())
    }

    fn user(&mut self, id: UserId) -> StoreResult<Rc<User>> {
        if let Some(user) = self.users.get(&id) {
            return Ok(Rc::clone(user));
        }
        let user = Rc::new(user_in(self.tx, id)?);
        self.users.insert(id, Rc::clone(&user));
        Ok(user)
    }

    /// The bucket's state, read from the database the first time the transaction meets it.
    fn bucket(&mut self, user: &User, bucket: Bucket) -> StoreResult<&mut BucketState> {
        let tx = self.tx;
        Ok(
            match self.buckets.entry((user.id, bucket.category, bucket.month)) {
                Entry::Occupied(entry) => entry.into_mut(),
                Entry::Vacant(entry) => entry.insert(BucketState {
                    total: tx.bucket_total(user, bucket)?,
                    budget: tx.budget_of(user, bucket)?,
                }),
            },
        )
    }
}

/// Whether a move from `before` to `after` fires an alert: the rule `fire_if_crossed`
/// applies, asked first so the many rows that cross nothing skip the call.
fn crosses(user: &User, before: i64, after: i64, budget: i64) -> bool {
    let money = |minor| user.currency.from_minor(minor);
    let level = |spent| budget_level(money(spent), Some(money(budget)), user.warn_percent);
    alert_for_change(level(before), level(after)).is_some()
}

/// Binds one row's values from parameter `offset + 1` on.
fn bind_row(statement: &mut Statement<'_>, offset: usize, row: &PendingRow) -> StoreResult<()> {
    let date = std::str::from_utf8(&row.date).unwrap_or("0000-00-00");
    statement.raw_bind_parameter(offset + 1, row.id)?;
    statement.raw_bind_parameter(offset + 2, row.user)?;
    statement.raw_bind_parameter(offset + 3, row.category)?;
    statement.raw_bind_parameter(offset + 4, row.minor)?;
    statement.raw_bind_parameter(offset + 5, row.currency.code())?;
    statement.raw_bind_parameter(offset + 6, date)?;
    statement.raw_bind_parameter(offset + 7, row.note.as_deref())?;
    Ok(())
}

/// `text` trimmed and lower-cased into `out`, reusing its allocation.
fn lower_trimmed(text: &str, out: &mut String) {
    out.clear();
    out.extend(text.trim().chars().flat_map(char::to_lowercase));
}

/// Every category id by its name lower-cased as `find_category` folds it (beyond ASCII).
fn category_ids(tx: &Transaction<'_>) -> StoreResult<HashMap<String, CategoryId>> {
    let mut statement = tx.prepare("SELECT name, id FROM categories")?;
    let mut ids = HashMap::new();
    let mut key = String::new();
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        lower_trimmed(&row.get::<_, String>(0)?, &mut key);
        ids.insert(key.clone(), row.get(1)?);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_keys_match_the_single_row_lookup() {
        let mut key = String::new();
        lower_trimmed("  Ünïcode Food ", &mut key);
        assert_eq!(key, " Ünïcode Food ".trim().to_lowercase());
    }
}
