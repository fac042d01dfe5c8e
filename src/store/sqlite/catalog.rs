//! Users and categories.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::Currency;

use crate::store::rules;

use super::{Category, SqliteStore, StoreError, StoreResult, User, UserId};

impl SqliteStore {
    /// Every user, oldest first.
    pub fn users(&self) -> StoreResult<Vec<User>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, email, currency, warn_percent FROM users ORDER BY id",
        )?;
        let users = statement.query_map([], user_from_row)?;
        Ok(users.collect::<Result<_, _>>()?)
    }

    /// The user an email names, or else the default (or only) user.
    pub fn resolve_user(&self, email: Option<&str>) -> StoreResult<User> {
        if let Some(email) = email {
            return self
                .conn
                .query_row(
                    "SELECT id, name, email, currency, warn_percent FROM users WHERE email = ?1",
                    [email.trim()],
                    user_from_row,
                )
                .optional()?
                .ok_or_else(|| StoreError::UnknownUser(email.to_string()));
        }
        let default: Option<i64> = self
            .conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1",
                [rules::DEFAULT_USER_KEY],
                |row| row.get(0),
            )
            .optional()?;
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
        super::expenses::user_in(&self.conn, id)
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
        self.write(|tx| {
            tx.execute(
                "UPDATE users SET warn_percent = ?2 WHERE id = ?1",
                params![id, percent],
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
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, name, description FROM categories ORDER BY name")?;
        let categories = statement.query_map([], category_from_row)?;
        Ok(categories.collect::<Result<_, _>>()?)
    }

    /// The category with this name, matched case-insensitively; unknown names list the known.
    pub fn find_category(&self, name: &str) -> StoreResult<Category> {
        find_category_in(&self.conn, name)
    }

    /// Adds a category; a name that differs from an existing one only by case is refused.
    pub fn add_category(&mut self, name: &str, description: Option<&str>) -> StoreResult<Category> {
        self.write(|tx| rules::add_category(tx, name, description))
    }
}

pub(super) fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    let currency: String = row.get(3)?;
    Ok(User {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        currency: Currency::from_stored(&currency).unwrap_or_default(),
        warn_percent: row.get(4)?,
    })
}

pub(super) fn category_from_row(row: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
    })
}

pub(super) fn find_category_in(conn: &rusqlite::Connection, name: &str) -> StoreResult<Category> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(StoreError::EmptyCategory);
    }
    let found = conn
        .prepare_cached("SELECT id, name, description FROM categories WHERE name = ?1")?
        .query_row([trimmed], category_from_row)
        .optional()?;
    if let Some(category) = found {
        return Ok(category);
    }
    // SQLite's NOCASE folds ASCII only; "ärzte" must still find "Ärzte".
    let mut statement =
        conn.prepare_cached("SELECT id, name, description FROM categories ORDER BY name")?;
    let all: Vec<Category> = statement
        .query_map([], category_from_row)?
        .collect::<Result<_, _>>()?;
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

/// The id of the user with this email (ASCII case-insensitively, as the schema compares).
pub(super) fn user_with_email(
    conn: &rusqlite::Connection,
    email: &str,
) -> StoreResult<Option<UserId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM users WHERE email = ?1")?
        .query_row([email], |row| row.get(0))
        .optional()?)
}
