//! What a user's name and email may be, adding a user, and the default user.

use crate::domain::{Currency, User, UserId, quoted};
use crate::store::{StoreError, StoreResult};

use super::LedgerTx;
use super::expenses::refuse_nul;

/// Settings key of the user chosen when no `--user` is given.
pub(crate) const DEFAULT_USER_KEY: &str = "default_user";

/// A user's name trimmed, if it is 1 to 150 characters.
pub(crate) fn checked_user_name(name: &str) -> StoreResult<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 150 {
        return Err(StoreError::InvalidInput(
            "user name must be 1 to 150 characters".into(),
        ));
    }
    refuse_nul("user name", name)
}

/// An email address trimmed, if it looks like one.
pub(crate) fn checked_email(email: &str) -> StoreResult<&str> {
    let email = email.trim();
    if !email.contains('@')
        || email.len() > 255
        || email.contains(|c: char| c.is_whitespace() || c.is_control())
    {
        return Err(StoreError::InvalidInput(format!(
            "{} is not an email address such as aman@example.com",
            quoted(email)
        )));
    }
    Ok(email)
}

/// Adds a user; an email already in use (in any case) is refused.
pub(crate) fn add_user(
    tx: &impl LedgerTx,
    name: &str,
    email: &str,
    currency: Currency,
) -> StoreResult<User> {
    let name = checked_user_name(name)?;
    let email = checked_email(email)?;
    if tx.user_by_email(email)?.is_some() {
        return Err(StoreError::DuplicateUser(email.to_string()));
    }
    tx.insert_user(name, email, currency)
}

/// Makes `id` the user chosen when no `--user` is given.
pub(crate) fn set_default_user(tx: &impl LedgerTx, id: UserId) -> StoreResult<()> {
    tx.set_setting(DEFAULT_USER_KEY, &id.0.to_string())
}
