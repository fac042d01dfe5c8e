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
    Alert, BudgetId, CategoryId, Currency, ExpenseId, Month, NewExpense, Spent, User, UserId,
    alert_for_change, budget_level, carrying_run, check_expense_amount, effective_budget,
};
use crate::store::{BulkOutcome, NamedExpense, StoreError, StoreResult};

use super::rollover::{BudgetHistory, carried_by, open_months};
use super::{
    Bucket, BucketState, LedgerTx, add_category, check_date, clean_note, counted_amount,
    fire_if_crossed,
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
    budget_id: BudgetId,
    before: i64,
    after: i64,
    budget: i64,
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
    buckets: HashMap<(UserId, CategoryId, Month), BucketState>,
    /// The buckets whose budget has money rolled over into it, with the first month of the
    /// run it came from: a row in that run moves the budget as it moves the run's spending.
    carried: Vec<((UserId, CategoryId, Month), Month)>,
}

impl<S: RowSink> BulkWriter<S> {
    pub(super) fn new(sink: S) -> BulkWriter<S> {
        BulkWriter {
            sink,
            rows: Vec::with_capacity(S::BATCH_ROWS),
            alerts: Vec::new(),
            users: HashMap::new(),
            categories: HashSet::new(),
            buckets: HashMap::new(),
            carried: Vec::new(),
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
            self.spend_from_carries(&user, bucket, row.minor);
            let state = self.bucket(&user, bucket, fired)?;
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
                        cause: self.rows.len(),
                    });
                }
            }
        }
        self.rows.push(row);
        if self.rows.len() >= S::BATCH_ROWS {
            self.flush(fired)?;
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
                alert.budget_id,
                (alert.before, Some(alert.budget)),
                (alert.after, alert.budget),
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

    /// The bucket's state, read from the database the first time the transaction meets it.
    /// A budget with money rolled over into it is read after the pending rows are written,
    /// since what was spent in the months it rolled over from counts.
    fn bucket(
        &mut self,
        user: &User,
        bucket: Bucket,
        fired: &mut Vec<Alert>,
    ) -> StoreResult<&mut BucketState> {
        let key = (user.id, bucket.category, bucket.month);
        if !self.buckets.contains_key(&key) {
            let tx = self.sink.tx();
            open_months(tx, user, [bucket.month])?;
            let rolled = tx.rollover_months(user, bucket.category, bucket.month)?;
            let run = carrying_run(rolled, bucket.month);
            if let Some((first, _)) = run {
                self.flush(fired)?;
                self.carried.push((key, first));
            }
            let tx = self.sink.tx();
            let mut state = tx.bucket_state(user, bucket)?;
            if let Some((id, base)) = state.budget {
                let carried = carried_by(tx, user, bucket.category, bucket.month, run)?;
                state.budget = Some((id, effective_budget(base, carried)));
            }
            self.buckets.insert(key, state);
        }
        self.buckets
            .get_mut(&key)
            .ok_or_else(|| StoreError::InvalidInput("a budget bucket went missing".into()))
    }

    /// Takes `minor` spent in `bucket` off the budgets it rolls over into.
    fn spend_from_carries(&mut self, user: &User, bucket: Bucket, minor: i64) {
        for ((owner, category, month), first) in &self.carried {
            if *owner == user.id
                && *category == bucket.category
                && (*first..*month).contains(&bucket.month)
                && let Some(state) = self.buckets.get_mut(&(*owner, *category, *month))
                && let Some((_, budget)) = &mut state.budget
            {
                *budget -= minor;
            }
        }
    }
}

/// Whether a move from `before` to `after` fires an alert: the rule `fire_if_crossed`
/// applies, asked first so the many rows that cross nothing skip the call.
fn crosses(user: &User, before: i64, after: i64, budget: i64) -> bool {
    let money = |minor| user.currency.from_minor(minor);
    let level = |spent| budget_level(money(spent), Some(money(budget)), user.warn_percent);
    alert_for_change(level(before), level(after)).is_some()
}
