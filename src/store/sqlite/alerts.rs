//! Reading fired alerts and marking them seen.

use rusqlite::{OptionalExtension, Row, params};

use rust_decimal::Decimal;

use crate::domain::{AlertKind, Currency, Month};

use super::{Alert, AlertId, SqliteStore, StoreError, StoreResult, UserId};

impl SqliteStore {
    /// A user's alerts, newest first: the unseen ones, or all with `include_seen`.
    pub fn alerts(&self, user: UserId, include_seen: bool) -> StoreResult<Vec<Alert>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {ALERT_COLUMNS} FROM alerts
             WHERE user_id = ?1 AND (?2 OR seen = 0) ORDER BY id DESC"
        ))?;
        let rows = statement.query_map(params![user, include_seen], alert_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A user's newest alerts, seen or not, at most `limit` of them.
    pub fn recent_alerts(&self, user: UserId, limit: usize) -> StoreResult<Vec<Alert>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {ALERT_COLUMNS} FROM alerts
             WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2"
        ))?;
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

/// The columns `alert_from_row` reads, in order.
const ALERT_COLUMNS: &str = "id, user_id, alert_type, message, seen, fired_at, expense_id,
     category, month, spent, budget, currency";

pub(super) fn alert_from_row(row: &Row<'_>) -> rusqlite::Result<Alert> {
    let kind: String = row.get(2)?;
    let currency = row
        .get::<_, Option<String>>(11)?
        .and_then(|code| Currency::from_stored(&code).ok());
    // Amounts without their currency cannot be read; neither is ever stored alone.
    let money = |index: usize| -> rusqlite::Result<Option<Decimal>> {
        let minor: Option<i64> = row.get(index)?;
        Ok(minor.zip(currency).map(|(minor, c)| c.from_minor(minor)))
    };
    Ok(Alert {
        id: row.get(0)?,
        user_id: row.get(1)?,
        // The schema's CHECK admits only the two known kinds.
        kind: AlertKind::parse(&kind).unwrap_or(AlertKind::BudgetExceeded),
        message: row.get(3)?,
        seen: row.get(4)?,
        fired_at: row.get(5)?,
        expense_id: row.get(6)?,
        category: row.get(7)?,
        month: row
            .get::<_, Option<String>>(8)?
            .and_then(|text| Month::parse(&text).ok()),
        spent: money(9)?,
        budget: money(10)?,
        currency,
    })
}
