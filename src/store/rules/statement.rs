//! A bank statement's rows in one transaction: rows imported before (by fingerprint) are
//! left out, the rest go through the bulk path, with the budget check and alerts each
//! would get from a typed add, and their fingerprints recorded with them.

use std::collections::{HashMap, HashSet};

use crate::domain::{CategoryId, UserId};
use crate::store::{StatementExpense, StatementOutcome, StoreError, StoreResult};

use super::add_category;
use super::bulk::{BulkWriter, RowSink};
use super::{LedgerTx, refuse_nul};

/// What an engine adds inside a writing transaction for imports.
pub(crate) trait ImportTx {
    /// Which of `fingerprints` `user` has imported before.
    fn known_fingerprints(
        &self,
        user: UserId,
        fingerprints: &[&str],
    ) -> StoreResult<HashSet<String>>;
}

/// Imports `rows` of `user` that were not imported before; all or nothing. A refused row
/// is named by its index: `StoreError::ImportRow`.
pub(crate) fn import_statement<S>(
    sink: S,
    user: UserId,
    rows: &[StatementExpense],
    create_missing: bool,
) -> StoreResult<StatementOutcome>
where
    S: RowSink,
    S::Tx: ImportTx,
{
    let prints: Vec<&str> = rows.iter().map(|r| r.fingerprint.as_str()).collect();
    let known = sink.tx().known_fingerprints(user, &prints)?;
    let mut writer = BulkWriter::new(sink);
    let mut seen: HashSet<&str> = HashSet::with_capacity(rows.len());
    let mut categories: HashMap<&str, CategoryId> = HashMap::new();
    let mut outcome = StatementOutcome::default();
    for (index, row) in rows.iter().enumerate() {
        let print = row.fingerprint.as_str();
        if known.contains(print) || !seen.insert(print) {
            outcome.duplicates.push(index);
            continue;
        }
        let added = (|| {
            if row.expense.user_id != user {
                return Err(StoreError::InvalidInput(
                    "a statement's rows must all be the importing user's".into(),
                ));
            }
            let category = match row.category.as_deref() {
                Some(name) => Some(category_id(
                    writer.sink.tx(),
                    name,
                    create_missing,
                    &mut categories,
                    &mut outcome.created_categories,
                )?),
                None => None,
            };
            writer.add(&row.expense, category, Some(print), &mut outcome.alerts)
        })();
        added.map_err(|error| StoreError::in_import_row(index, error))?;
        outcome.inserted += 1;
    }
    writer.finish(&mut outcome.alerts)?;
    Ok(outcome)
}

/// The category a name gives, found once per name, created if asked.
fn category_id<'r>(
    tx: &impl LedgerTx,
    name: &'r str,
    create_missing: bool,
    categories: &mut HashMap<&'r str, CategoryId>,
    created: &mut Vec<String>,
) -> StoreResult<CategoryId> {
    if let Some(id) = categories.get(name) {
        return Ok(*id);
    }
    let id = match tx.find_category(name) {
        Ok(found) => found.id,
        Err(StoreError::UnknownCategory { .. }) if create_missing => {
            let category = add_category(tx, name, None)?;
            created.push(category.name);
            category.id
        }
        Err(error) => return Err(error),
    };
    categories.insert(name, id);
    Ok(id)
}

/// A rule's pattern as the table keeps it: 1 to 1000 bytes, no NUL.
pub(crate) fn checked_pattern(pattern: &str) -> StoreResult<&str> {
    if pattern.trim().is_empty() || pattern.len() > 1000 {
        return Err(StoreError::InvalidInput(
            "a rule's pattern must be 1 to 1000 bytes".into(),
        ));
    }
    refuse_nul("pattern", pattern)
}

/// A profile's name as the table keeps it: 1 to 100 characters, no NUL.
pub(crate) fn checked_profile_name(name: &str) -> StoreResult<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StoreError::InvalidInput(
            "a profile's name must be 1 to 100 characters".into(),
        ));
    }
    refuse_nul("profile name", name)
}
