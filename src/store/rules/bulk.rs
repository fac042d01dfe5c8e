//! Many expenses in one transaction: the path CSV import and the data generator take, on
//! either engine.
//!
//! Each row gets exactly the checks and alerts `add_expense` would give it, in order, but
//! what the single-row path reads from the database per row (the user, the category, the
//! bucket's total and budget) is read once per transaction and then kept in memory: the
//! totals move by each row's amount. The engine writes the checked rows in batches
//! ([`RowSink`]), numbering them as its own insert would.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;

use crate::domain::{
    Alert, CategoryId, Currency, ExpenseId, Month, NewExpense, Spent, User, UserId,
    alert_for_change, alert_level, check_expense_amount,
};
use crate::store::{BulkOutcome, NamedExpense, StoreError, StoreResult};

use super::{
    Bucket, CategoryBook, Figures, LedgerTx, add_category, check_date, clean_note, counted_amount,
    fire_if_crossed, watched_months,
};

/// A row that passed every check, waiting for its batch. `id` is set by the sink.
pub(crate) struct CheckedRow {
    pub id: ExpenseId,
    pub user: UserId,
    /// `None` for an imported row no rule or earlier choice categorised.
    pub category: Option<CategoryId>,
    pub minor: i64,
    pub currency: Currency,
    pub date: NaiveDate,
    pub note: Option<String>,
    /// What was spent in another currency, and the rate `minor` was converted at.
    pub foreign: Option<Spent>,
    /// What a statement import records, so the row is never imported twice.
    pub fingerprint: Option<String>,
}

/// Where checked rows go: one engine's transaction.
pub(crate) trait RowSink {
    type Tx: LedgerTx;

    /// Rows written at once; a batch is flushed early only when an alert or an error needs
    /// the rows before it in the table.
    const BATCH_ROWS: usize;

    /// The transaction the rows are checked against.
    fn tx(&self) -> &Self::Tx;

    /// Numbers the rows, in order, as the engine's own insert would, and writes them.
    fn write(&mut self, rows: &mut [CheckedRow]) -> StoreResult<()>;
}

/// Adds every expense in one go; the caller's transaction makes it all or nothing.
pub(crate) fn add_expenses<S: RowSink, R: std::borrow::Borrow<NewExpense>>(
    sink: S,
    rows: impl IntoIterator<Item = R>,
) -> StoreResult<BulkOutcome> {
    let mut writer = BulkWriter::new(sink);
    let mut outcome = BulkOutcome::default();
    for row in rows {
        let row = row.borrow();
        writer.add(row, Some(row.category_id), None, &mut outcome.alerts)?;
        outcome.inserted += 1;
    }
    writer.finish(&mut outcome.alerts)?;
    Ok(outcome)
}

/// Adds expenses whose categories are named. Unknown names are created when
/// `create_missing`, and refused otherwise; a refused row is named by its index.
pub(crate) fn import_expenses<S: RowSink>(
    sink: S,
    rows: &[NamedExpense],
    create_missing: bool,
) -> StoreResult<BulkOutcome> {
    let mut writer = BulkWriter::new(sink);
    let mut categories: HashMap<&str, CategoryId> = HashMap::new();
    let mut outcome = BulkOutcome::default();
    for (index, row) in rows.iter().enumerate() {
        import_row(
            &mut writer,
            &mut categories,
            row,
            create_missing,
            &mut outcome,
        )
        .map_err(|error| StoreError::in_import_row(index, error))?;
    }
    writer.finish(&mut outcome.alerts)?;
    Ok(outcome)
}

/// One named row: its category found (or created), remembered by the name as written, then
/// the row added.
fn import_row<'r, S: RowSink>(
    writer: &mut BulkWriter<S>,
    categories: &mut HashMap<&'r str, CategoryId>,
    row: &'r NamedExpense,
    create_missing: bool,
    outcome: &mut BulkOutcome,
) -> StoreResult<()> {
    let category = if let Some(id) = categories.get(row.category.as_str()) {
        *id
    } else {
        let tx = writer.sink.tx();
        let id = match tx.find_category(&row.category) {
            Ok(found) => found.id,
            Err(StoreError::UnknownCategory { .. }) if create_missing => {
                let created = add_category(tx, &row.category, None)?;
                outcome.created_categories.push(created.name);
                created.id
            }
            Err(error) => return Err(error),
        };
        categories.insert(&row.category, id);
        id
    };
    writer.add(&row.expense, Some(category), None, &mut outcome.alerts)?;
    outcome.inserted += 1;
    Ok(())
}

/// An alert a pending row fires, recorded once the row is in the table it refers to.
struct PendingAlert {
    user: Rc<User>,
    bucket: Bucket,
    before: Figures,
    after: Figures,
    /// The row that fired it, by its place in the pending batch.
    cause: usize,
}

/// Checks rows against in-memory state and hands them to the sink in batches.
pub(super) struct BulkWriter<S: RowSink> {
    pub(super) sink: S,
    rows: Vec<CheckedRow>,
    alerts: Vec<PendingAlert>,
    users: HashMap<UserId, Rc<User>>,
    categories: HashSet<CategoryId>,
    /// Each category's budgets and spending, read whole the first time the transaction
    /// meets it and moved by each row after that.
    books: HashMap<(UserId, CategoryId), CategoryBook>,
    held: HashSet<(UserId, Bucket)>,
}

impl<S: RowSink> BulkWriter<S> {
    pub(super) fn new(sink: S) -> BulkWriter<S> {
        BulkWriter {
            sink,
            rows: Vec::with_capacity(S::BATCH_ROWS),
            alerts: Vec::new(),
            users: HashMap::new(),
            categories: HashSet::new(),
            books: HashMap::new(),
            held: HashSet::new(),
        }
    }

    /// Adds a row in `category` (none: counted toward no budget), recording `fingerprint`
    /// with it when given.
    pub(super) fn add(
        &mut self,
        new: &NewExpense,
        category: Option<CategoryId>,
        fingerprint: Option<&str>,
        fired: &mut Vec<Alert>,
    ) -> StoreResult<()> {
        // The rows waiting for their batch have passed every check, so this row's error is
        // the first, as on the single-row path; returning before they are written leaves
        // the engine's id counter where it was.
        let (user, mut row) = self.check(new, category)?;
        row.fingerprint = fingerprint.map(str::to_string);
        // Expenses without a category count toward no budget; a foreign one counts at its
        // converted amount, in the user's currency, like any other.
        if let Some(category) = category {
            let bucket = Bucket {
                category,
                month: Month::of(new.date),
            };
            self.spend(&user, bucket, row.minor)?;
        }
        self.rows.push(row);
        if self.rows.len() >= S::BATCH_ROWS {
            self.flush(fired)?;
        }
        Ok(())
    }

    /// Moves the bucket by `minor`, and keeps the alerts it fires in every month the move
    /// reaches for when the row is written.
    fn spend(&mut self, user: &Rc<User>, bucket: Bucket, minor: i64) -> StoreResult<()> {
        if self.held.insert((user.id, bucket)) {
            self.sink.tx().hold_bucket(user, bucket)?;
        }
        let key = (user.id, bucket.category);
        if !self.books.contains_key(&key) {
            let book = CategoryBook::whole(self.sink.tx(), user, bucket.category)?;
            self.books.insert(key, book);
        }
        let Some(book) = self.books.get_mut(&key) else {
            return Ok(());
        };
        let months = watched_months(book, &[bucket.month]);
        let before = book.figures(&months);
        book.add_spent(bucket.month, minor);
        let after = book.figures(&months);
        for ((month, before), after) in months.into_iter().zip(before).zip(after) {
            if crosses(user, before, after) {
                self.alerts.push(PendingAlert {
                    user: Rc::clone(user),
                    bucket: Bucket {
                        category: bucket.category,
                        month,
                    },
                    before,
                    after,
                    cause: self.rows.len(),
                });
            }
        }
        Ok(())
    }

    /// Validates in the order `add_expense` does, so the same bad row gives the same error.
    fn check(
        &mut self,
        new: &NewExpense,
        category: Option<CategoryId>,
    ) -> StoreResult<(Rc<User>, CheckedRow)> {
        let user = self.user(new.user_id)?;
        if let Some(category) = category
            && !self.categories.contains(&category)
        {
            self.sink.tx().category_name(category)?;
            self.categories.insert(category);
        }
        let note = clean_note(new.note.as_deref())?;
        check_expense_amount(new.amount, new.currency)?;
        new.currency.to_minor(new.amount)?;
        check_date(new.date)?;
        let (amount, foreign) = counted_amount(
            self.sink.tx(),
            &user,
            new.amount,
            new.currency,
            new.date,
            new.rate,
        )?;
        let minor = user.currency.to_minor(amount)?;
        let currency = user.currency;
        Ok((
            user,
            CheckedRow {
                id: ExpenseId(0),
                user: new.user_id,
                category,
                minor,
                currency,
                date: new.date,
                note,
                foreign,
                fingerprint: None,
            },
        ))
    }

    /// Writes the pending rows, then the alerts they fired, in order.
    fn flush(&mut self, fired: &mut Vec<Alert>) -> StoreResult<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        self.sink.write(&mut self.rows)?;
        for alert in self.alerts.drain(..) {
            let cause = self.rows.get(alert.cause).map(|row| row.id);
            fired.extend(fire_if_crossed(
                self.sink.tx(),
                &alert.user,
                alert.bucket,
                alert.before,
                alert.after,
                cause,
            )?);
        }
        self.rows.clear();
        Ok(())
    }

    pub(super) fn finish(mut self, fired: &mut Vec<Alert>) -> StoreResult<()> {
        self.flush(fired)
    }

    fn user(&mut self, id: UserId) -> StoreResult<Rc<User>> {
        if let Some(user) = self.users.get(&id) {
            return Ok(Rc::clone(user));
        }
        let user = Rc::new(self.sink.tx().user(id)?);
        self.users.insert(id, Rc::clone(&user));
        Ok(user)
    }
}

/// Whether a move from `before` to `after` fires an alert: the rule `fire_if_crossed`
/// applies, asked first so the many rows that cross nothing skip the call.
fn crosses(user: &User, before: Figures, after: Figures) -> bool {
    let money = |minor| user.currency.from_minor(minor);
    let level =
        |(spent, budget): Figures| alert_level(money(spent), budget.map(money), user.warn_percent);
    after.1.is_some() && alert_for_change(level(before), level(after)).is_some()
}
