//! What bank-statement import keeps on `SQLite`: fingerprints of imported rows,
//! categorisation rules, and saved import profiles.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::store::CategoryRule;
use crate::store::rules::statement::ImportTx;
use crate::store::rules::{LedgerTx, checked_pattern, checked_profile_name};

use super::{CategoryId, SqliteStore, StoreError, StoreResult, UserId};

impl ImportTx for Transaction<'_> {
    fn known_fingerprints(
        &self,
        user: UserId,
        fingerprints: &[&str],
    ) -> StoreResult<HashSet<String>> {
        known_in(self, user, fingerprints)
    }
}

/// Above this many fingerprints, one scan of the range they span beats a look-up each: a
/// statement's are led by their dates, so the range is the statement's period.
const SCAN_FROM: usize = 512;

/// Which of `fingerprints` `user` imported before.
fn known_in(
    conn: &Connection,
    user: UserId,
    fingerprints: &[&str],
) -> StoreResult<HashSet<String>> {
    let mut known = HashSet::new();
    if fingerprints.len() >= SCAN_FROM {
        let wanted: HashSet<&str> = fingerprints.iter().copied().collect();
        let (Some(first), Some(last)) = (wanted.iter().min(), wanted.iter().max()) else {
            return Ok(known);
        };
        let mut scan = conn.prepare_cached(
            "SELECT fingerprint FROM import_fingerprints
             WHERE user_id = ?1 AND fingerprint BETWEEN ?2 AND ?3",
        )?;
        let mut rows = scan.query(params![user, first, last])?;
        while let Some(row) = rows.next()? {
            let print = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if wanted.contains(print) {
                known.insert(print.to_string());
            }
        }
        return Ok(known);
    }
    let mut lookup = conn.prepare_cached(
        "SELECT 1 FROM import_fingerprints WHERE user_id = ?1 AND fingerprint = ?2",
    )?;
    for print in fingerprints {
        if lookup.exists(params![user, print])? {
            known.insert((*print).to_string());
        }
    }
    Ok(known)
}

impl SqliteStore {
    /// Which of `fingerprints` `user` has imported before, for a preview.
    pub fn known_fingerprints(
        &self,
        user: UserId,
        fingerprints: &[&str],
    ) -> StoreResult<HashSet<String>> {
        // One read transaction: outside one, every look-up would take the file's lock anew.
        let tx = self.conn.unchecked_transaction()?;
        known_in(&tx, user, fingerprints)
    }

    /// A user's rules, in the order they apply.
    pub fn category_rules(&self, user: UserId) -> StoreResult<Vec<CategoryRule>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT r.id, r.pattern, r.category_id, c.name
             FROM category_rules r JOIN categories c ON c.id = r.category_id
             WHERE r.user_id = ?1 ORDER BY r.id",
        )?;
        let rules = statement
            .query_map([user], |row| {
                Ok(CategoryRule {
                    id: row.get(0)?,
                    pattern: row.get(1)?,
                    category_id: row.get(2)?,
                    category: row.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rules)
    }

    /// Adds a rule after the user's others.
    pub fn add_category_rule(
        &mut self,
        user: UserId,
        pattern: &str,
        category: CategoryId,
    ) -> StoreResult<CategoryRule> {
        self.write(|tx| {
            let pattern = checked_pattern(pattern)?;
            let name = tx.category_name(category)?;
            tx.user(user)?;
            tx.execute(
                "INSERT INTO category_rules (user_id, pattern, category_id) VALUES (?1, ?2, ?3)",
                params![user, pattern, category],
            )?;
            Ok(CategoryRule {
                id: tx.last_insert_rowid(),
                pattern: pattern.to_string(),
                category_id: category,
                category: name,
            })
        })
    }

    /// Deletes one of the user's rules.
    pub fn delete_category_rule(&mut self, user: UserId, id: i64) -> StoreResult<()> {
        self.write(|tx| {
            let deleted = tx.execute(
                "DELETE FROM category_rules WHERE user_id = ?1 AND id = ?2",
                params![user, id],
            )?;
            if deleted == 0 {
                return Err(StoreError::NoSuchRule(id));
            }
            Ok(())
        })
    }

    /// Every note of the user's categorised expenses with its category, oldest first, so
    /// that the last one seen for a description is the most recent choice.
    pub fn categorised_notes(&self, user: UserId) -> StoreResult<Vec<(String, String)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT e.note, c.name FROM expenses e JOIN categories c ON c.id = e.category_id
             WHERE e.user_id = ?1 AND e.note IS NOT NULL ORDER BY e.date, e.id",
        )?;
        let notes = statement
            .query_map([user], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(notes)
    }

    /// A saved import profile's settings, found by name in any case.
    pub fn import_profile(&self, user: UserId, name: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT settings FROM import_profiles WHERE user_id = ?1 AND name = ?2",
            )?
            .query_row(params![user, name.trim()], |row| row.get(0))
            .optional()?)
    }

    /// Saves an import profile, replacing one of the same name.
    pub fn save_import_profile(
        &mut self,
        user: UserId,
        name: &str,
        settings: &str,
    ) -> StoreResult<()> {
        self.write(|tx| {
            let name = checked_profile_name(name)?;
            tx.user(user)?;
            tx.execute(
                "INSERT INTO import_profiles (user_id, name, settings) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id, name) DO UPDATE SET settings = excluded.settings",
                params![user, name, settings],
            )?;
            Ok(())
        })
    }
}
