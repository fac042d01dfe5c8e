//! The server's bearer tokens: stored as hashes, listed, revoked.

use postgres::Row;

use crate::domain::TokenId;
use crate::store::rules::checked_token_name;
use crate::store::{NewToken, StoredToken};

use super::catalog::user_in;
use super::db::Db;
use super::sql_ids::may_exist;
use super::{PgStore, StoreError, StoreResult};

impl PgStore {
    /// Stores a token for an existing user.
    pub fn create_token(&mut self, new: &NewToken<'_>) -> StoreResult<StoredToken> {
        let name = checked_token_name(new.name)?;
        self.write(|tx| {
            user_in(tx, new.user_id)?;
            let row = tx.one(
                "INSERT INTO api_tokens (user_id, name, admin, secret_hash)
                 VALUES ($1, $2, $3, $4)
                 RETURNING id, user_id, name, admin,
                           to_char(created_at, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), secret_hash",
                &[&new.user_id, &name, &new.admin, &&new.secret_hash[..]],
            )?;
            token_from_row(&row)
        })
    }

    /// Every token, oldest first.
    pub fn tokens(&self) -> StoreResult<Vec<StoredToken>> {
        self.rows(
            "SELECT id, user_id, name, admin,
                    to_char(created_at, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), secret_hash
             FROM api_tokens ORDER BY id",
            &[],
        )?
        .iter()
        .map(token_from_row)
        .collect()
    }

    /// Deletes a token; an unknown one is `NoSuchToken`.
    pub fn revoke_token(&mut self, id: TokenId) -> StoreResult<()> {
        if !may_exist(id.0) {
            return Err(StoreError::NoSuchToken(id));
        }
        self.write(
            |tx| match tx.exec("DELETE FROM api_tokens WHERE id = $1", &[&id])? {
                0 => Err(StoreError::NoSuchToken(id)),
                _ => Ok(()),
            },
        )
    }
}

fn token_from_row(row: &Row) -> StoreResult<StoredToken> {
    let hash: Vec<u8> = row.try_get(5)?;
    Ok(StoredToken {
        id: row.try_get(0)?,
        user_id: row.try_get(1)?,
        name: row.try_get(2)?,
        admin: row.try_get(3)?,
        created_at: row.try_get(4)?,
        // The column's CHECK keeps it 32 bytes long.
        secret_hash: hash.try_into().unwrap_or([0; 32]),
    })
}
