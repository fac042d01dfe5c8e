//! What a category name may be, and adding one.

use crate::domain::{Category, quoted};
use crate::store::{StoreError, StoreResult};

use super::LedgerTx;
use super::expenses::refuse_nul;

/// A category name trimmed, or why it cannot be one.
pub(crate) fn checked_category_name(name: &str) -> StoreResult<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::EmptyCategory);
    }
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(StoreError::InvalidInput(format!(
            "category {} must be at most 100 characters with no control characters",
            quoted(name)
        )));
    }
    Ok(name)
}

/// Adds a category; a name that differs from an existing one only by case is refused.
pub(crate) fn add_category(
    tx: &impl LedgerTx,
    name: &str,
    description: Option<&str>,
) -> StoreResult<Category> {
    let name = checked_category_name(name)?;
    match tx.find_category(name) {
        Ok(existing) => return Err(StoreError::DuplicateCategory(existing.name)),
        Err(StoreError::UnknownCategory { .. }) => {}
        Err(other) => return Err(other),
    }
    let description = description.map(str::trim).filter(|d| !d.is_empty());
    if let Some(description) = description {
        refuse_nul("category description", description)?;
    }
    tx.insert_category(name, description, None)
}
