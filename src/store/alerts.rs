//! Reading fired alerts and marking them seen.

use rusqlite::{Row, params};

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

    /// Marks one of a user's alerts seen; another user's alert is `no alert #N`.
    pub fn mark_alert_seen(&mut self, user: UserId, alert: AlertId) -> StoreResult<()> {
        self.write(|tx| {
            let found = tx.execute(
                "UPDATE alerts SET seen = 1 WHERE id = ?1 AND user_id = ?2",
                params![alert, user],
            )?;
            if found == 0 {
                return Err(StoreError::InvalidInput(format!("no alert #{alert}")));
            }
            Ok(())
        })
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
