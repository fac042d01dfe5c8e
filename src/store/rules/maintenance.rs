//! Changing the shared catalog: renaming, merging, deleting and restoring categories, and
//! renaming and deleting users, written once over what a backend provides.

use crate::domain::{
    BudgetId, Category, CategoryId, Currency, ExpenseId, MAX_INTEGER_DIGITS, Month, User, UserId,
    quoted,
};
use crate::store::{
    CategoryUsage, MergeOutcome, RemovedCategory, StoreError, StoreResult, StoredBudget,
    UserDeleted,
};

use super::{
    Bucket, DEFAULT_USER_KEY, LedgerTx, RecurringTx, StandingTx, checked_category_name,
    checked_email, checked_user_name, fire_if_crossed, load_recurring, set_default_user,
};

/// A budget of the category merged away, and the one the kept category has for the same
/// user and month, if any; amounts in minor units of the user's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BudgetPair {
    pub from: BudgetId,
    pub from_minor: i64,
    pub into: Option<(BudgetId, i64)>,
    pub currency: Currency,
}

/// The rows and counts the catalog rules need beyond [`LedgerTx`].
pub(crate) trait MaintenanceTx: LedgerTx {
    fn rename_category_row(&self, id: CategoryId, name: &str) -> StoreResult<()>;
    fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage>;
    /// How many recurring expenses, of any user, post into a category.
    fn recurring_in_category(&self, id: CategoryId) -> StoreResult<u64>;
    /// Deletes a category row; false when there was none.
    fn delete_category_row(&self, id: CategoryId) -> StoreResult<bool>;
    /// Every user's month with spending or a budget in the category.
    fn category_buckets(&self, id: CategoryId) -> StoreResult<Vec<(UserId, Month)>>;
    fn budget_pairs(&self, from: CategoryId, into: CategoryId) -> StoreResult<Vec<BudgetPair>>;
    fn move_budget(&self, id: BudgetId, to: CategoryId) -> StoreResult<()>;
    /// Sets `keep` to `minor`, points the alerts of `drop` at it, and deletes `drop`.
    fn combine_budgets(
        &self,
        keep: BudgetId,
        minor: i64,
        currency: Currency,
        drop: BudgetId,
    ) -> StoreResult<()>;
    /// Moves every expense of `from` into `into`; returns how many.
    fn recategorize_expenses(&self, from: CategoryId, into: CategoryId) -> StoreResult<u64>;
    /// Points every categorisation and recurring rule of `from` at `into`, and every standing
    /// budget of a user who has none for `into`.
    fn move_rules(&self, from: CategoryId, into: CategoryId) -> StoreResult<()>;
    /// Forgets the emptied month totals kept for a category.
    fn forget_empty_totals(&self, category: CategoryId) -> StoreResult<()>;
    fn category_budgets(&self, id: CategoryId) -> StoreResult<Vec<StoredBudget>>;
    fn category_expense_ids(&self, id: CategoryId) -> StoreResult<Vec<ExpenseId>>;
    /// Puts a budget row back under its id, unless one for its user and month is there.
    fn insert_budget_row(&self, row: &StoredBudget, category: CategoryId) -> StoreResult<()>;
    /// Puts an expense back in a category, unless it got another one since.
    fn set_category_if_none(&self, expense: ExpenseId, category: CategoryId) -> StoreResult<()>;
    fn update_user(&self, id: UserId, name: &str, email: &str) -> StoreResult<()>;
    fn other_user_count(&self, id: UserId) -> StoreResult<i64>;
    fn user_expense_count(&self, id: UserId) -> StoreResult<u64>;
    /// Deletes a user with everything recorded for them.
    fn delete_user_row(&self, id: UserId) -> StoreResult<()>;
    fn oldest_user(&self) -> StoreResult<UserId>;
}

/// Gives a category a new name; a name another category has (in any case) is refused.
pub(crate) fn rename_category(
    tx: &impl MaintenanceTx,
    id: CategoryId,
    name: &str,
) -> StoreResult<Category> {
    tx.category_name(id)?;
    let name = checked_category_name(name)?;
    match tx.find_category(name) {
        Ok(other) if other.id != id => return Err(StoreError::DuplicateCategory(other.name)),
        Ok(_) | Err(StoreError::UnknownCategory { .. }) => {}
        Err(error) => return Err(error),
    }
    tx.rename_category_row(id, name)?;
    tx.find_category(name)
}

/// Deletes a category that holds no expense and no budget; one in use is refused with what
/// it holds.
pub(crate) fn delete_unused_category(tx: &impl MaintenanceTx, id: CategoryId) -> StoreResult<()> {
    let name = tx.category_name(id)?;
    let usage = tx.category_usage(id)?;
    if usage != CategoryUsage::default() {
        return Err(StoreError::CategoryInUse {
            name,
            expenses: usage.expenses,
            budgets: usage.budgets,
        });
    }
    // A recurring expense would otherwise go with its category, unasked.
    let count = tx.recurring_in_category(id)?;
    if count > 0 {
        return Err(StoreError::CategoryHasRecurring { name, count });
    }
    delete_category(tx, id)
}

fn delete_category(tx: &impl MaintenanceTx, id: CategoryId) -> StoreResult<()> {
    if tx.delete_category_row(id)? {
        Ok(())
    } else {
        Err(StoreError::NoSuchCategory(id))
    }
}

/// A bucket of the kept category as it stood before the merge.
struct Before {
    user: User,
    bucket: Bucket,
    total: i64,
    budget: Option<i64>,
}

/// Moves every expense and budget of `from` into `into` and deletes `from`. Where a user
/// has a budget in both for the same month, the two are added. The budgets of every month
/// that changed are checked again, so an alert fires if the merged bucket crossed.
pub(crate) fn merge_categories(
    tx: &impl MaintenanceTx,
    from: CategoryId,
    into: CategoryId,
) -> StoreResult<MergeOutcome> {
    let (from_name, into_name) = (tx.category_name(from)?, tx.category_name(into)?);
    if from == into {
        return Err(StoreError::InvalidInput(format!(
            "cannot merge {} into itself",
            quoted(&from_name)
        )));
    }
    let before = buckets_before(tx, from, into)?;
    let mut outcome = MergeOutcome::default();
    move_budgets(tx, from, into, &into_name, &mut outcome)?;
    outcome.expenses = usize::try_from(tx.recategorize_expenses(from, into)?).unwrap_or(0);
    // A categorisation or recurring rule, or a standing budget, of the merged category would
    // otherwise go with it.
    tx.move_rules(from, into)?;
    for state in before {
        let Some((budget_id, budget)) = tx.budget_of(&state.user, state.bucket)? else {
            continue;
        };
        let after = tx.bucket_total(&state.user, state.bucket)?;
        outcome.alerts.extend(fire_if_crossed(
            tx,
            &state.user,
            state.bucket,
            budget_id,
            (state.total, state.budget),
            (after, budget),
            None,
        )?);
    }
    tx.forget_empty_totals(from)?;
    delete_category(tx, from)?;
    Ok(outcome)
}

/// The kept category's buckets in every user's month that `from` has spending or a budget
/// in, with their totals and budgets before anything moves.
fn buckets_before(
    tx: &impl MaintenanceTx,
    from: CategoryId,
    into: CategoryId,
) -> StoreResult<Vec<Before>> {
    let mut keys = tx.category_buckets(from)?;
    keys.sort_unstable();
    keys.dedup();
    let mut users: Vec<User> = Vec::new();
    let mut before = Vec::with_capacity(keys.len());
    for (user_id, month) in keys {
        let user = if let Some(user) = users.iter().find(|u| u.id == user_id) {
            user.clone()
        } else {
            let user = tx.user(user_id)?;
            users.push(user.clone());
            user
        };
        let bucket = Bucket {
            category: into,
            month,
        };
        before.push(Before {
            total: tx.bucket_total(&user, bucket)?,
            budget: tx.budget_of(&user, bucket)?.map(|(_, amount)| amount),
            user,
            bucket,
        });
    }
    Ok(before)
}

/// Moves `from`'s budgets to `into`, adding each to one `into` has for the same user and
/// month; alerts that named a combined budget then name the one kept.
fn move_budgets(
    tx: &impl MaintenanceTx,
    from: CategoryId,
    into: CategoryId,
    into_name: &str,
    outcome: &mut MergeOutcome,
) -> StoreResult<()> {
    for pair in tx.budget_pairs(from, into)? {
        let Some((into_id, into_minor)) = pair.into else {
            tx.move_budget(pair.from, into)?;
            outcome.budgets_moved += 1;
            continue;
        };
        let sum = combined_budget(pair.from_minor, into_minor, pair.currency, into_name)?;
        tx.combine_budgets(into_id, sum, pair.currency, pair.from)?;
        outcome.budgets_combined += 1;
    }
    Ok(())
}

/// Two budgets added, if the sum is still an amount a budget may have.
fn combined_budget(a: i64, b: i64, currency: Currency, into_name: &str) -> StoreResult<i64> {
    let digits = u32::try_from(MAX_INTEGER_DIGITS).unwrap_or(10) + currency.decimals();
    let limit = 10_i64.checked_pow(digits).unwrap_or(i64::MAX);
    a.checked_add(b).filter(|sum| *sum < limit).ok_or_else(|| {
        StoreError::InvalidInput(format!(
            "the budgets added together would be too large for {}",
            quoted(into_name)
        ))
    })
}

/// Deletes a category: its expenses keep no category, its budgets go. Returns what was
/// taken so that [`restore_category`] can put it back.
pub(crate) fn remove_category(
    tx: &(impl MaintenanceTx + RecurringTx + StandingTx),
    id: CategoryId,
) -> StoreResult<RemovedCategory> {
    let category = tx.find_category(
        &tx.category_name(id)
            .map_err(|_| StoreError::NoSuchCategory(id))?,
    )?;
    let budgets = tx.category_budgets(id)?;
    let standing = tx.category_standing(id)?;
    let expenses = tx.category_expense_ids(id)?;
    // Kept so that undo brings them back; the database deletes them with the category.
    let recurring = tx.category_recurring(id)?;
    delete_category(tx, id)?;
    Ok(RemovedCategory {
        category,
        budgets,
        standing,
        expenses,
        recurring,
    })
}

/// Undoes a removal: the category under its old id, its budgets, and its expenses that
/// still have no category. Refused if the name was taken again meanwhile.
pub(crate) fn restore_category(
    tx: &(impl MaintenanceTx + RecurringTx + StandingTx),
    removed: &RemovedCategory,
) -> StoreResult<()> {
    let category = &removed.category;
    if tx.category_exists(category.id)? || tx.find_category(&category.name).is_ok() {
        return Err(StoreError::DuplicateCategory(category.name.clone()));
    }
    tx.insert_category(
        &category.name,
        category.description.as_deref(),
        Some(category.id),
    )?;
    for row in &removed.budgets {
        tx.insert_budget_row(row, category.id)?;
    }
    // Of users still there: a deleted user's went with them.
    for row in &removed.standing {
        if tx.user(row.user_id).is_ok() {
            tx.insert_standing(row)?;
        }
    }
    // Only rows nobody put in another category since; the kept totals follow them back.
    for id in &removed.expenses {
        tx.set_category_if_none(*id, category.id)?;
    }
    // As they were, next dates too: the next catch-up posts what fell due meanwhile. A
    // rule whose user was deleted since stays gone with them.
    let mut rules = Vec::with_capacity(removed.recurring.len());
    for rule in &removed.recurring {
        if tx.user(rule.user_id).is_ok() {
            rules.push(rule.clone());
        }
    }
    load_recurring(tx, &rules)?;
    Ok(())
}

/// Gives a user a new name and, if `email` is given, a new email address; an address
/// another user has is refused.
pub(crate) fn rename_user(
    tx: &impl MaintenanceTx,
    id: UserId,
    name: &str,
    email: Option<&str>,
) -> StoreResult<User> {
    let user = tx.user(id)?;
    let name = checked_user_name(name)?;
    let email = match email {
        Some(email) => checked_email(email)?,
        None => user.email.as_str(),
    };
    if tx.user_by_email(email)?.is_some_and(|other| other.id != id) {
        return Err(StoreError::DuplicateUser(email.to_string()));
    }
    tx.update_user(id, name, email)?;
    tx.user(id)
}

/// Deletes a user with their budgets and alerts. A user with expenses is refused unless
/// `with_expenses`, and the last user always is. If the user was the default, the oldest
/// remaining user becomes it.
pub(crate) fn delete_user(
    tx: &impl MaintenanceTx,
    id: UserId,
    with_expenses: bool,
) -> StoreResult<UserDeleted> {
    let user = tx.user(id)?;
    if tx.other_user_count(id)? == 0 {
        return Err(StoreError::LastUser(user.email));
    }
    let expenses = tx.user_expense_count(id)?;
    if expenses > 0 && !with_expenses {
        return Err(StoreError::UserHasExpenses {
            email: user.email,
            expenses,
        });
    }
    tx.delete_user_row(id)?;
    if tx.setting("placeholder_user")?.as_deref() == Some(id.0.to_string().as_str()) {
        tx.delete_setting("placeholder_user")?;
    }
    let was_default = tx.setting(DEFAULT_USER_KEY)?.as_deref() == Some(id.0.to_string().as_str());
    let new_default = if was_default {
        let oldest = tx.oldest_user()?;
        set_default_user(tx, oldest)?;
        Some(tx.user(oldest)?)
    } else {
        None
    };
    Ok(UserDeleted {
        expenses,
        new_default,
    })
}
