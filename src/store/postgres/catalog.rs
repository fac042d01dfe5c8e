//! Users and categories.

use crate::domain::{Category, Currency, User, UserId};
use crate::store::rules;
use crate::store::{StoreError, StoreResult};

use super::PgStore;
use super::db::Db;
use super::rows::{category_from_row, user_from_row};
use super::sql_ids::{holds_nul, may_exist};

/// Categories in the order `SQLite`'s NOCASE gives them: ASCII letters folded, nothing else.
const CATEGORIES_BY_NAME: &str =
    "SELECT id, name, description FROM categories ORDER BY lower(name COLLATE \"C\"), id";

impl PgStore {
    /// Every user, oldest first.
    pub fn users(&self) -> StoreResult<Vec<User>> {
        self.rows(
            "SELECT id, name, email, currency, warn_percent FROM users ORDER BY id",
            &[],
        )?
        .iter()
        .map(user_from_row)
        .collect()
    }

    /// The user an email names, or else the default (or only) user.
    pub fn resolve_user(&self, email: Option<&str>) -> StoreResult<User> {
        if let Some(email) = email {
            return rules_user_by_email(self, email.trim())?
                .ok_or_else(|| StoreError::UnknownUser(email.to_string()));
        }
        let default = crate::store::rules::LedgerTx::setting(self, rules::DEFAULT_USER_KEY)?
            .and_then(|id| id.parse::<i64>().ok());
        let users = self.users()?;
        if let Some(user) = default.and_then(|id| users.iter().find(|u| u.id.0 == id)) {
            return Ok(user.clone());
        }
        match users.as_slice() {
            [only] => Ok(only.clone()),
            [] => Err(StoreError::InvalidInput(
                "the database has no user; add one with `spend user add NAME EMAIL`".into(),
            )),
            _ => Err(StoreError::AmbiguousUser),
        }
    }

    /// The user with this id.
    pub fn user(&self, id: UserId) -> StoreResult<User> {
        user_in(self, id)
    }

    /// Adds a user.
    pub fn add_user(&mut self, name: &str, email: &str, currency: Currency) -> StoreResult<User> {
        self.write(|tx| rules::add_user(tx, name, email, currency))
    }

    /// Sets the share of a budget, in percent (1 to 100), at which a warning fires.
    pub fn set_warn_percent(&mut self, id: UserId, percent: u32) -> StoreResult<()> {
        if !(1..=100).contains(&percent) {
            return Err(StoreError::InvalidInput(format!(
                "warning threshold {percent}% must be from 1 to 100"
            )));
        }
        let percent = i32::try_from(percent).unwrap_or(100);
        self.write(|tx| {
            tx.exec(
                "UPDATE users SET warn_percent = $2 WHERE id = $1",
                &[&id, &percent],
            )?;
            Ok(())
        })
    }

    /// Makes `id` the user chosen when no `--user` is given.
    pub fn set_default_user(&mut self, id: UserId) -> StoreResult<()> {
        self.write(|tx| rules::set_default_user(tx, id))
    }

    /// Every category, by name.
    pub fn categories(&self) -> StoreResult<Vec<Category>> {
        all_categories(self)
    }

    /// The category with this name, matched case-insensitively; unknown names list the known.
    pub fn find_category(&self, name: &str) -> StoreResult<Category> {
        find_category_in(self, name)
    }

    /// Adds a category; a name that differs from an existing one only by case is refused.
    pub fn add_category(&mut self, name: &str, description: Option<&str>) -> StoreResult<Category> {
        self.write(|tx| rules::add_category(tx, name, description))
    }
}

fn rules_user_by_email(db: &impl Db, email: &str) -> StoreResult<Option<User>> {
    crate::store::rules::LedgerTx::user_by_email(db, email)
}

pub(super) fn all_categories(db: &impl Db) -> StoreResult<Vec<Category>> {
    db.rows(CATEGORIES_BY_NAME, &[])?
        .iter()
        .map(category_from_row)
        .collect()
}

pub(super) fn user_in(db: &impl Db, id: UserId) -> StoreResult<User> {
    if !may_exist(id.0) {
        return Err(StoreError::NoSuchUser(id));
    }
    let row = db.opt(
        "SELECT id, name, email, currency, warn_percent FROM users WHERE id = $1",
        &[&id],
    )?;
    match row {
        Some(row) => user_from_row(&row),
        None => Err(StoreError::NoSuchUser(id)),
    }
}

pub(super) fn category_name_in(db: &impl Db, id: crate::domain::CategoryId) -> StoreResult<String> {
    if !may_exist(id.0) {
        return Err(StoreError::NoSuchCategory(id));
    }
    match db.opt("SELECT name FROM categories WHERE id = $1", &[&id])? {
        Some(row) => Ok(row.try_get(0)?),
        None => Err(StoreError::NoSuchCategory(id)),
    }
}

/// The category with this name, any case, as on `SQLite`: unknown names list the known ones.
pub(super) fn find_category_in(db: &impl Db, name: &str) -> StoreResult<Category> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(StoreError::EmptyCategory);
    }
    // A name with a NUL character cannot be sent, and no category has one.
    let exact = if holds_nul(trimmed) {
        None
    } else {
        db.opt(
            "SELECT id, name, description FROM categories WHERE name = $1",
            &[&trimmed],
        )?
    };
    if let Some(row) = exact {
        return category_from_row(&row);
    }
    let all = all_categories(db)?;
    let wanted = trimmed.to_lowercase();
    if let Some(category) = all.iter().find(|c| c.name.to_lowercase() == wanted) {
        return Ok(category.clone());
    }
    let known: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
    Err(StoreError::UnknownCategory {
        name: trimmed.to_string(),
        known: known.join(", "),
    })
}
