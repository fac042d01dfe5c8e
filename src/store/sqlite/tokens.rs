//! The server's bearer tokens: stored as hashes, listed, revoked.

use rusqlite::{Row, params};

use crate::domain::TokenId;
use crate::store::rules::checked_token_name;
use crate::store::{NewToken, StoredToken};

use super::expenses::user_in;
use super::{SqliteStore, StoreError, StoreResult};

const TOKEN_COLUMNS: &str = "id, user_id, name, admin, created_at, secret_hash";

impl SqliteStore {
    /// Stores a token for an existing user.
    pub fn create_token(&mut self, new: &NewToken<'_>) -> StoreResult<StoredToken> {
        let name = checked_token_name(new.name)?;
        self.write(|tx| {
            user_in(tx, new.user_id)?;
            Ok(tx
                .prepare_cached(&format!(
                    "INSERT INTO api_tokens (user_id, name, admin, secret_hash)
                     VALUES (?1, ?2, ?3, ?4) RETURNING {TOKEN_COLUMNS}"
                ))?
                .query_row(
                    params![new.user_id, name, new.admin, &new.secret_hash[..]],
                    token_from_row,
                )?)
        })
    }

    /// Every token, oldest first.
    pub fn tokens(&self) -> StoreResult<Vec<StoredToken>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id"
        ))?;
        let rows = statement.query_map([], token_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes a token; an unknown one is `NoSuchToken`.
    pub fn revoke_token(&mut self, id: TokenId) -> StoreResult<()> {
        self.write(
            |tx| match tx.execute("DELETE FROM api_tokens WHERE id = ?1", [id])? {
                0 => Err(StoreError::NoSuchToken(id)),
                _ => Ok(()),
            },
        )
    }
}

fn token_from_row(row: &Row<'_>) -> rusqlite::Result<StoredToken> {
    let hash: Vec<u8> = row.get(5)?;
    Ok(StoredToken {
        id: row.get(0)?,
        user_id: row.get(1)?,
        name: row.get(2)?,
        admin: row.get(3)?,
        created_at: row.get(4)?,
        // The column's CHECK keeps it 32 bytes long.
        secret_hash: hash.try_into().unwrap_or([0; 32]),
    })
}
