//! Recurring expenses: adding a rule, and the catch-up that posts every due date once as an
//! ordinary expense, with the budget check of a typed add, in the caller's transaction.

use chrono::NaiveDate;

use crate::domain::{NewExpense, Recurring, RecurringId, UserId, check_expense_amount};
use crate::store::{CatchUp, NewRecurring, StoreResult};

use super::{LedgerTx, add_expense, check_date, clean_note};

/// What the recurring rules need beyond the ledger's rows, inside one writing transaction.
pub(crate) trait RecurringTx: LedgerTx {
    /// Rules with a date due on or before `today`, by id. A backend with several writers
    /// at once holds these rules until commit, and skips one another writer moved on
    /// meanwhile.
    fn recurring_due(&self, today: NaiveDate) -> StoreResult<Vec<Recurring>>;
    /// Moves a rule's next date from `from` to `to`, only if it still is `from`; whether it
    /// moved.
    fn advance_recurring(
        &self,
        id: RecurringId,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> StoreResult<bool>;
    /// Stores a checked rule with its amount in minor units, under `rule.id` when `keep_id`
    /// (a copied ledger); returns its id.
    fn insert_recurring(
        &self,
        rule: &Recurring,
        minor: i64,
        keep_id: bool,
    ) -> StoreResult<RecurringId>;
    /// Every user's rules that post into a category, by id.
    fn category_recurring(
        &self,
        category: crate::domain::CategoryId,
    ) -> StoreResult<Vec<Recurring>>;
    /// Deletes one of `user`'s rules; whether there was one.
    fn delete_recurring(&self, user: UserId, id: RecurringId) -> StoreResult<bool>;
}

/// Stores a rule after the checks a typed expense gets: an amount the user's currency can
/// hold, dates the ledger keeps, a note it can store. Nothing is posted here; the next
/// catch-up posts what is due.
pub(crate) fn add_recurring(tx: &impl RecurringTx, new: &NewRecurring) -> StoreResult<Recurring> {
    let user = tx.user(new.user_id)?;
    check_expense_amount(new.amount, user.currency)?;
    if new.amount.is_sign_negative() {
        return Err(crate::store::StoreError::InvalidInput(format!(
            "amount {} is negative; a recurring expense is money spent, above 0",
            new.amount
        )));
    }
    let minor = user.currency.to_minor(new.amount)?;
    check_date(new.schedule.from())?;
    if let Some(until) = new.schedule.until() {
        check_date(until)?;
    }
    let mut rule = Recurring {
        id: RecurringId(0),
        user_id: user.id,
        category_id: new.category_id,
        category: tx.category_name(new.category_id)?,
        amount: user.currency.from_minor(minor),
        currency: user.currency,
        schedule: new.schedule,
        note: clean_note(new.note.as_deref())?,
        next_due: new.schedule.first_on_or_after(new.schedule.from()),
    };
    rule.id = tx.insert_recurring(&rule, minor, false)?;
    Ok(rule)
}

/// Stores the rules of a copied ledger under their own ids, as they were: their next dates
/// too, so the copy posts nothing the source already posted.
pub(crate) fn load_recurring(tx: &impl RecurringTx, rules: &[Recurring]) -> StoreResult<()> {
    for rule in rules {
        tx.insert_recurring(rule, rule.currency.to_minor(rule.amount)?, true)?;
    }
    Ok(())
}

/// Deletes one of `user`'s rules; what it posted stays.
pub(crate) fn delete_recurring(
    tx: &impl RecurringTx,
    user: UserId,
    id: RecurringId,
) -> StoreResult<()> {
    if tx.delete_recurring(user, id)? {
        Ok(())
    } else {
        Err(crate::store::StoreError::NoSuchRecurring(id))
    }
}

/// Posts every date due up to `today` of every rule, oldest first, each as `add_expense`
/// would. A rule's next date moves on in the same transaction as its postings, and only
/// from the date read, so a writer that got there first leaves nothing for this one.
pub(crate) fn catch_up(tx: &impl RecurringTx, today: NaiveDate) -> StoreResult<CatchUp> {
    let mut done = CatchUp::default();
    for rule in tx.recurring_due(today)? {
        let Some(first) = rule.next_due.filter(|due| *due <= today) else {
            continue;
        };
        let due: Vec<NaiveDate> = rule.schedule.between(first, today).collect();
        let next = match due.last() {
            Some(last) => rule.schedule.first_after(*last),
            None => rule.schedule.first_on_or_after(first),
        };
        if !tx.advance_recurring(rule.id, first, next)? {
            continue;
        }
        for date in due {
            let outcome = add_expense(
                tx,
                &NewExpense {
                    user_id: rule.user_id,
                    category_id: rule.category_id,
                    amount: rule.amount,
                    currency: rule.currency,
                    date,
                    note: rule.note.clone(),
                    rate: None,
                },
            )?;
            done.posted.push(outcome.expense);
            done.alerts.extend(outcome.alerts);
        }
    }
    Ok(done)
}

/// A rule's columns as an engine reads them, before they are checked into a `Recurring`.
pub(crate) struct RecurringColumns {
    pub id: RecurringId,
    pub user_id: UserId,
    pub category_id: crate::domain::CategoryId,
    pub category: String,
    pub amount: rust_decimal::Decimal,
    pub currency: crate::domain::Currency,
    pub every: String,
    pub day: Option<i64>,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub note: Option<String>,
    pub next_due: Option<NaiveDate>,
}

impl RecurringColumns {
    /// The rule, if its schedule holds together; a row edited by hand into nonsense is an
    /// error that names the rule rather than a guess.
    pub(crate) fn into_rule(self) -> StoreResult<Recurring> {
        let every = crate::domain::Frequency::parse(&self.every)?;
        // A day out of range becomes 0, which the schedule refuses by name.
        let day = self.day.map(|d| u32::try_from(d).unwrap_or(0));
        let schedule = crate::domain::Schedule::new(every, day, self.from, self.until)
            .map_err(|e| {
                crate::store::StoreError::InvalidInput(format!(
                    "recurring expense #{} has a broken schedule ({e}); delete it with `spend recurring delete {}`",
                    self.id, self.id
                ))
            })?;
        Ok(Recurring {
            id: self.id,
            user_id: self.user_id,
            category_id: self.category_id,
            category: self.category,
            amount: self.amount,
            currency: self.currency,
            schedule,
            note: self.note,
            next_due: self.next_due,
        })
    }
}
