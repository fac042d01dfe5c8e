//! Changing users: rename, a new email, delete.

use rusqlite::{OptionalExtension, Transaction, params};

use super::UserDeleted;
use super::catalog::user_with_email;
use super::expenses::user_in;
use super::{SqliteStore, StoreError, StoreResult, User, UserId};
use crate::store::rules::{DEFAULT_USER_KEY, checked_email, checked_user_name, set_default_user};

impl SqliteStore {
    /// Gives a user a new name and, if `email` is given, a new email address; an address
    /// another user has is refused.
    pub fn rename_user(
        &mut self,
        id: UserId,
        name: &str,
        email: Option<&str>,
    ) -> StoreResult<User> {
        self.write(|tx| {
            let user = user_in(tx, id)?;
            let name = checked_user_name(name)?;
            let email = match email {
                Some(email) => checked_email(email)?,
                None => user.email.as_str(),
            };
            if user_with_email(tx, email)?.is_some_and(|other| other != id) {
                return Err(StoreError::DuplicateUser(email.to_string()));
            }
            tx.execute(
                "UPDATE users SET name = ?2, email = ?3 WHERE id = ?1",
                params![id, name, email],
            )?;
            user_in(tx, id)
        })
    }

    /// How many expenses a user has recorded.
    pub fn user_expense_count(&self, id: UserId) -> StoreResult<u64> {
        expense_count_in(&self.conn, id)
    }

    /// Deletes a user with their budgets and alerts. A user with expenses is refused unless
    /// `with_expenses`, and the last user always is. If the user was the default, the
    /// oldest remaining user becomes it.
    pub fn delete_user(&mut self, id: UserId, with_expenses: bool) -> StoreResult<UserDeleted> {
        self.write(|tx| {
            let user = user_in(tx, id)?;
            let others: i64 =
                tx.query_row("SELECT count(*) FROM users WHERE id != ?1", [id], |row| {
                    row.get(0)
                })?;
            if others == 0 {
                return Err(StoreError::LastUser(user.email));
            }
            let expenses = expense_count_in(tx, id)?;
            if expenses > 0 && !with_expenses {
                return Err(StoreError::UserHasExpenses {
                    email: user.email,
                    expenses,
                });
            }
            tx.execute("DELETE FROM users WHERE id = ?1", [id])?;
            tx.execute(
                "DELETE FROM settings WHERE key = 'placeholder_user' AND value = ?1",
                [id.0.to_string()],
            )?;
            let new_default = replace_default(tx, id)?;
            Ok(UserDeleted {
                expenses,
                new_default,
            })
        })
    }
}

fn expense_count_in(conn: &rusqlite::Connection, id: UserId) -> StoreResult<u64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM expenses WHERE user_id = ?1",
        [id],
        |row| row.get(0),
    )?)
}

/// Makes the oldest user the default if `deleted` was; returns the new default.
fn replace_default(tx: &Transaction<'_>, deleted: UserId) -> StoreResult<Option<User>> {
    let default: Option<String> = tx
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [DEFAULT_USER_KEY],
            |row| row.get(0),
        )
        .optional()?;
    if default.as_deref() != Some(deleted.0.to_string().as_str()) {
        return Ok(None);
    }
    let oldest: UserId = tx.query_row("SELECT min(id) FROM users", [], |row| row.get(0))?;
    set_default_user(tx, oldest)?;
    user_in(tx, oldest).map(Some)
}
