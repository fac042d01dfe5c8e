//! What bank-statement import keeps on PostgreSQL: fingerprints of imported rows,
//! categorisation rules, and saved import profiles.

use std::collections::HashSet;

use crate::domain::{CategoryId, UserId};
use crate::store::rules::statement::ImportTx;
use crate::store::rules::{LedgerTx, checked_pattern, checked_profile_name};
use crate::store::{CategoryRule, StoreError, StoreResult};

use super::PgStore;
use super::db::Db;

/// Fingerprints sent in one query: a statement's worth, in few round trips.
const LOOKUP_CHUNK: usize = 10_000;

impl<D: Db> ImportTx for D {
    fn known_fingerprints(
        &self,
        user: UserId,
        fingerprints: &[&str],
    ) -> StoreResult<HashSet<String>> {
        let mut known = HashSet::new();
        for chunk in fingerprints.chunks(LOOKUP_CHUNK) {
            for row in self.rows(
                "SELECT fingerprint FROM import_fingerprints
                 WHERE user_id = $1 AND fingerprint = ANY($2)",
                &[&user, &chunk],
            )? {
                known.insert(row.try_get(0)?);
            }
        }
        Ok(known)
    }
}

impl PgStore {
    /// Which of `fingerprints` `user` has imported before, for a preview.
    pub fn known_fingerprints(
        &self,
        user: UserId,
        fingerprints: &[&str],
    ) -> StoreResult<HashSet<String>> {
        ImportTx::known_fingerprints(self, user, fingerprints)
    }

    /// A user's rules, in the order they apply.
    pub fn category_rules(&self, user: UserId) -> StoreResult<Vec<CategoryRule>> {
        self.rows(
            "SELECT r.id, r.pattern, r.category_id, c.name
             FROM category_rules r JOIN categories c ON c.id = r.category_id
             WHERE r.user_id = $1 ORDER BY r.id",
            &[&user],
        )?
        .iter()
        .map(|row| {
            Ok(CategoryRule {
                id: i64::from(row.try_get::<_, i32>(0)?),
                pattern: row.try_get(1)?,
                category_id: row.try_get(2)?,
                category: row.try_get(3)?,
            })
        })
        .collect()
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
            let row = tx.one(
                "INSERT INTO category_rules (user_id, pattern, category_id) VALUES ($1, $2, $3)
                 RETURNING id",
                &[&user, &pattern, &category],
            )?;
            Ok(CategoryRule {
                id: i64::from(row.try_get::<_, i32>(0)?),
                pattern: pattern.to_string(),
                category_id: category,
                category: name,
            })
        })
    }

    /// Deletes one of the user's rules.
    pub fn delete_category_rule(&mut self, user: UserId, id: i64) -> StoreResult<()> {
        let Ok(key) = i32::try_from(id) else {
            return Err(StoreError::NoSuchRule(id));
        };
        self.write(|tx| {
            let deleted = tx.exec(
                "DELETE FROM category_rules WHERE user_id = $1 AND id = $2",
                &[&user, &key],
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
        self.rows(
            "SELECT e.note, c.name FROM expenses e JOIN categories c ON c.id = e.category_id
             WHERE e.user_id = $1 AND e.note IS NOT NULL ORDER BY e.date, e.id",
            &[&user],
        )?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
    }

    /// A saved import profile's settings, found by name in any case.
    pub fn import_profile(&self, user: UserId, name: &str) -> StoreResult<Option<String>> {
        Ok(self
            .opt(
                "SELECT settings FROM import_profiles WHERE user_id = $1 AND lower(name) = lower($2)",
                &[&user, &name.trim()],
            )?
            .map(|row| row.try_get(0))
            .transpose()?)
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
            tx.exec(
                "DELETE FROM import_profiles WHERE user_id = $1 AND lower(name) = lower($2)",
                &[&user, &name],
            )?;
            tx.exec(
                "INSERT INTO import_profiles (user_id, name, settings) VALUES ($1, $2, $3)",
                &[&user, &name, &settings],
            )?;
            Ok(())
        })
    }
}
