//! Reading fired alerts and marking them seen.

use rusqlite::{OptionalExtension, Row, params};

use crate::domain::AlertKind;

use super::{Alert, AlertId, Store, StoreError, StoreResult, UserId};

impl Store {
    /// A user's alerts, newest first: the unseen ones, or all with `include_seen`.
    pub fn alerts(&self, user: UserId, include_seen: bool) -> StoreResult<Vec<Alert>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, user_id, alert_type, message, seen, fired_at, expense_id FROM alerts
             WHERE user_id = ?1 AND (?2 OR seen = 0) ORDER BY id DESC",
        )?;
        let rows = statement.query_map(params![user, include_seen], alert_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A user's newest alerts, seen or not, at most `limit` of them.
    pub fn recent_alerts(&self, user: UserId, limit: usize) -> StoreResult<Vec<Alert>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, user_id, alert_type, message, seen, fired_at, expense_id FROM alerts
             WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![user, limit], alert_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many of a user's alerts are unseen.
    pub fn unseen_alert_count(&self, user: UserId) -> StoreResult<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM alerts WHERE user_id = ?1 AND seen = 0",
            [user],
            |row| row.get(0),
        )?)
    }

    /// Marks all of a user's alerts seen; returns how many changed.
    pub fn mark_alerts_seen(&mut self, user: UserId) -> StoreResult<usize> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE alerts SET seen = 1 WHERE user_id = ?1 AND seen = 0",
                [user],
            )?)
        })
    }
}

impl Store {
    /// Marks one of `user`'s alerts seen; `Ok(false)` if it was seen already. Another
    /// user's alert is `NoSuchAlert`, and nothing is written.
    pub fn mark_alert_seen(&mut self, user: UserId, id: AlertId) -> StoreResult<bool> {
        self.write(|tx| {
            let seen: Option<bool> = tx
                .prepare_cached("SELECT seen FROM alerts WHERE id = ?1 AND user_id = ?2")?
                .query_row(params![id, user], |row| row.get(0))
                .optional()?;
            match seen {
                None => Err(StoreError::NoSuchAlert(id)),
                Some(true) => Ok(false),
                Some(false) => {
                    tx.prepare_cached("UPDATE alerts SET seen = 1 WHERE id = ?1 AND user_id = ?2")?
                        .execute(params![id, user])?;
                    Ok(true)
                }
            }
        })
    }
}

fn alert_from_row(row: &Row<'_>) -> rusqlite::Result<Alert> {
    let kind: String = row.get(2)?;
    Ok(Alert {
        id: row.get(0)?,
        user_id: row.get(1)?,
        // The schema's CHECK admits only the two known kinds.
        kind: AlertKind::parse(&kind).unwrap_or(AlertKind::BudgetExceeded),
        message: row.get(3)?,
        seen: row.get(4)?,
        fired_at: row.get(5)?,
        expense_id: row.get(6)?,
    })
}
