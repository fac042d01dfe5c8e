//! Setting a month's budget: a budget set at or lowered to below what is already spent fires
//! its alert at once, in the same transaction.

use rust_decimal::Decimal;

use crate::domain::{Alert, CategoryId, Month, UserId};
use crate::store::{StoreError, StoreResult};

use super::{Bucket, LedgerTx, fire_if_crossed};

/// Sets a category's budget for a month and returns the alert the change fires, if any.
pub(crate) fn set_budget(
    tx: &impl LedgerTx,
    user: UserId,
    category: CategoryId,
    month: Month,
    amount: Decimal,
) -> StoreResult<Vec<Alert>> {
    let user = tx.user(user)?;
    if !tx.category_exists(category)? {
        return Err(StoreError::NoSuchCategory(category));
    }
    let minor = user.currency.to_minor(amount)?;
    let bucket = Bucket { category, month };
    // The total first: on a shared server it holds the bucket against concurrent writers.
    let spent = tx.bucket_total(&user, bucket)?;
    let previous = tx.budget_of(&user, bucket)?;
    let budget_id = tx.upsert_budget(user.id, category, month, minor)?;
    let fired = fire_if_crossed(
        tx,
        &user,
        bucket,
        budget_id,
        (spent, previous.map(|(_, amount)| amount)),
        (spent, minor),
        None,
    )?;
    Ok(fired.into_iter().collect())
}
