//! Changing the shared catalog: renaming, merging, deleting and restoring categories, and
//! renaming and deleting users, written once over what a backend provides.

use crate::domain::{
    BudgetPlan, Category, CategoryId, Currency, ExpenseId, MAX_INTEGER_DIGITS, Month, User, UserId,
    quoted,
};
use crate::store::{
    CategoryUsage, MergeOutcome, RemovedCategory, StoreError, StoreResult, StoredBudget,
    UserDeleted,
};

use super::{
    CategoryBook, DEFAULT_USER_KEY, LedgerTx, RecurringTx, StandingTx, checked_category_name,
    checked_email, checked_user_name, load_recurring, record_plan, set_default_user,
};

/// The rows and counts the catalog rules need beyond [`LedgerTx`].
pub(crate) trait MaintenanceTx: LedgerTx {
    fn rename_category_row(&self, id: CategoryId, name: &str) -> StoreResult<()>;
    fn category_usage(&self, id: CategoryId) -> StoreResult<CategoryUsage>;
    /// How many recurring expenses, of any user, post into a category.
    fn recurring_in_category(&self, id: CategoryId) -> StoreResult<u64>;
    /// Deletes a category row; false when there was none.
    fn delete_category_row(&self, id: CategoryId) -> StoreResult<bool>;
    /// Every user with spending, a budget or a standing budget in the category.
    fn category_users(&self, id: CategoryId) -> StoreResult<Vec<UserId>>;
    /// Points the alerts of `from`'s budget rows at `into`'s row of the same user and month.
    fn repoint_alerts(&self, from: CategoryId, into: CategoryId) -> StoreResult<()>;
    /// Moves every expense of `from` into `into`; returns how many.
    fn recategorize_expenses(&self, from: CategoryId, into: CategoryId) -> StoreResult<u64>;
    /// Points every categorisation and recurring rule of `from` at `into`.
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

/// One user's books of the two categories before a merge, and the kept one's plan after.
struct Merging {
    user: User,
    kept: CategoryBook,
    added: CategoryBook,
    plan: BudgetPlan,
}

/// Moves every expense and budget of `from` into `into` and deletes `from`. Every month of
/// every user is then held to the sum of the two budgets, standing and month-only alike, so
/// the merged category's budget goes on in the months after the current one too. Months
/// whose spending or budget the merge moved are checked again, so an alert fires if the
/// merged bucket crossed; rows of months through `current` follow the merged plan.
pub(crate) fn merge_categories(
    tx: &(impl MaintenanceTx + StandingTx),
    from: CategoryId,
    into: CategoryId,
    current: Month,
) -> StoreResult<MergeOutcome> {
    let (from_name, into_name) = (tx.category_name(from)?, tx.category_name(into)?);
    if from == into {
        return Err(StoreError::InvalidInput(format!(
            "cannot merge {} into itself",
            quoted(&from_name)
        )));
    }
    let mut merging = Vec::new();
    for user in tx.category_users(from)? {
        let user = tx.user(user)?;
        let kept = CategoryBook::whole(tx, &user, into)?;
        let added = CategoryBook::whole(tx, &user, from)?;
        let plan = kept.plan.merged_with(&added.plan);
        check_combined(&plan, user.currency, &into_name)?;
        merging.push(Merging {
            user,
            kept,
            added,
            plan,
        });
    }
    let mut outcome = MergeOutcome {
        expenses: usize::try_from(tx.recategorize_expenses(from, into)?).unwrap_or(0),
        ..MergeOutcome::default()
    };
    // A categorisation or recurring rule of the merged category would otherwise go with it.
    tx.move_rules(from, into)?;
    for merge in &merging {
        count_budgets(&merge.kept.plan, &merge.added.plan, &mut outcome);
        let mut after = merge.kept.clone();
        after.add_book(&merge.added);
        after.plan = merge.plan.clone();
        let first = earliest(&merge.kept.plan)
            .into_iter()
            .chain(earliest(&merge.added.plan))
            .min()
            .unwrap_or(current);
        outcome.alerts.extend(record_plan(
            tx,
            &merge.user,
            into,
            (&merge.kept, &after),
            (first, current),
        )?);
    }
    tx.repoint_alerts(from, into)?;
    tx.forget_empty_totals(from)?;
    delete_category(tx, from)?;
    Ok(outcome)
}

/// The first month a plan records anything for.
fn earliest(plan: &BudgetPlan) -> Option<Month> {
    let standing = plan.standing_changes().map(|(month, _)| month).next();
    let own = plan.month_budgets().map(|(month, _)| month).next();
    standing.into_iter().chain(own).min()
}

/// Counts `added`'s budgets as moved over whole, or added to a budget the kept category has
/// in the month they start in.
fn count_budgets(kept: &BudgetPlan, added: &BudgetPlan, outcome: &mut MergeOutcome) {
    let own = added
        .month_budgets()
        .map(|(month, _)| kept.terms(month).is_some());
    let standing = added
        .standing_changes()
        .filter(|(_, terms)| terms.is_some())
        .map(|(month, _)| kept.terms(month).is_some());
    for combined in own.chain(standing) {
        if combined {
            outcome.budgets_combined += 1;
        } else {
            outcome.budgets_moved += 1;
        }
    }
}

/// Refuses a merged plan with a budget larger than a budget may be.
fn check_combined(plan: &BudgetPlan, currency: Currency, into_name: &str) -> StoreResult<()> {
    let digits = u32::try_from(MAX_INTEGER_DIGITS).unwrap_or(10) + currency.decimals();
    let limit = 10_i64.checked_pow(digits).unwrap_or(i64::MAX);
    let amounts = plan
        .standing_changes()
        .filter_map(|(_, terms)| terms)
        .chain(plan.month_budgets().map(|(_, terms)| terms));
    for terms in amounts {
        if terms.minor >= limit {
            return Err(StoreError::InvalidInput(format!(
                "the budgets added together would be too large for {}",
                quoted(into_name)
            )));
        }
    }
    Ok(())
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
