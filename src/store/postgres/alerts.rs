//! Reading fired alerts and marking them seen.

use crate::domain::{Alert, AlertId, UserId};
use crate::store::{StoreError, StoreResult};

use super::PgStore;
use super::db::Db;
use super::rows::{alert_columns, alert_from_row};
use super::sql_ids::may_exist;

impl PgStore {
    /// A user's alerts, newest first: the unseen ones, or all with `include_seen`.
    pub fn alerts(&self, user: UserId, include_seen: bool) -> StoreResult<Vec<Alert>> {
        self.rows(
            concat!(
                "SELECT ",
                alert_columns!(),
                " FROM alerts WHERE user_id = $1 AND ($2 OR NOT seen) ORDER BY id DESC"
            ),
            &[&user, &include_seen],
        )?
        .iter()
        .map(alert_from_row)
        .collect()
    }

    /// A user's newest alerts, seen or not, at most `limit` of them.
    pub fn recent_alerts(&self, user: UserId, limit: usize) -> StoreResult<Vec<Alert>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.rows(
            concat!(
                "SELECT ",
                alert_columns!(),
                " FROM alerts WHERE user_id = $1 ORDER BY id DESC LIMIT $2"
            ),
            &[&user, &limit],
        )?
        .iter()
        .map(alert_from_row)
        .collect()
    }

    /// How many of a user's alerts are unseen.
    pub fn unseen_alert_count(&self, user: UserId) -> StoreResult<u64> {
        let count: i64 = self
            .one(
                "SELECT count(*) FROM alerts WHERE user_id = $1 AND NOT seen",
                &[&user],
            )?
            .try_get(0)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Marks all of a user's alerts seen; returns how many changed.
    pub fn mark_alerts_seen(&mut self, user: UserId) -> StoreResult<usize> {
        self.write(|tx| {
            let changed = tx.exec(
                "UPDATE alerts SET seen = true WHERE user_id = $1 AND NOT seen",
                &[&user],
            )?;
            Ok(usize::try_from(changed).unwrap_or(usize::MAX))
        })
    }

    /// Marks one of `user`'s alerts seen; `Ok(false)` if it was seen already. Another
    /// user's alert is `NoSuchAlert`, and nothing is written.
    pub fn mark_alert_seen(&mut self, user: UserId, id: AlertId) -> StoreResult<bool> {
        if !may_exist(id.0) {
            return Err(StoreError::NoSuchAlert(id));
        }
        self.write(|tx| {
            let row = tx.opt(
                "SELECT seen FROM alerts WHERE id = $1 AND user_id = $2",
                &[&id, &user],
            )?;
            let Some(row) = row else {
                return Err(StoreError::NoSuchAlert(id));
            };
            let seen: bool = row.try_get(0)?;
            if seen {
                return Ok(false);
            }
            tx.exec(
                "UPDATE alerts SET seen = true WHERE id = $1 AND user_id = $2",
                &[&id, &user],
            )?;
            Ok(true)
        })
    }
}
