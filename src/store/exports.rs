//! Reads for the exports (the Power BI bundle): every budget and every alert of a range of
//! months, for one user or all. Plain read-only queries, one statement each.

use rusqlite::{Row, params};
use rust_decimal::Decimal;

use crate::domain::{AlertKind, Currency, Month};

use super::{Alert, BudgetId, CategoryId, Store, StoreResult, UserId};

/// A stored budget with its category's name and its owner's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetRecord {
    pub id: BudgetId,
    pub user_id: UserId,
    pub category_id: CategoryId,
    pub category: String,
    pub month: Month,
    pub amount: Decimal,
    /// The owner's currency, the one every budget is in.
    pub currency: Currency,
}

/// A stored alert with the budget row it was fired for, while that row exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRecord {
    pub alert: Alert,
    pub budget_id: Option<BudgetId>,
}

/// Which rows an export reads: one user's or everyone's, and a range of months (each end
/// optional and included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportScope {
    pub user: Option<UserId>,
    pub from: Option<Month>,
    pub to: Option<Month>,
}

impl ExportScope {
    /// The range's ends as `YYYY-MM` text, as alerts store their month.
    fn month_texts(&self) -> (Option<String>, Option<String>) {
        (
            self.from.map(|m| m.to_string()),
            self.to.map(|m| m.to_string()),
        )
    }
}

impl Store {
    /// Every budget in the scope, by id.
    pub fn budgets_in(&self, scope: &ExportScope) -> StoreResult<Vec<BudgetRecord>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT b.id, b.user_id, b.category_id, c.name, b.year, b.month, b.amount, u.currency
             FROM budgets b
             JOIN categories c ON c.id = b.category_id
             JOIN users u ON u.id = b.user_id
             WHERE (?1 IS NULL OR b.user_id = ?1)
               AND (?2 IS NULL OR b.year * 12 + b.month - 1 >= ?2)
               AND (?3 IS NULL OR b.year * 12 + b.month - 1 <= ?3)
             ORDER BY b.id",
        )?;
        let rows = statement.query_map(
            params![
                scope.user,
                scope.from.map(Month::index),
                scope.to.map(Month::index)
            ],
            budget_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every alert in the scope, by id. With a range of months, only alerts that know their
    /// month and whose month is in the range.
    pub fn alerts_in(&self, scope: &ExportScope) -> StoreResult<Vec<AlertRecord>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, user_id, alert_type, message, seen, fired_at, expense_id,
                    category, month, spent, budget, currency, budget_id
             FROM alerts
             WHERE (?1 IS NULL OR user_id = ?1)
               AND (?2 IS NULL OR month >= ?2)
               AND (?3 IS NULL OR month <= ?3)
             ORDER BY id",
        )?;
        let (from, to) = scope.month_texts();
        let rows = statement.query_map(params![scope.user, from, to], alert_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn budget_from_row(row: &Row<'_>) -> rusqlite::Result<BudgetRecord> {
    let currency: String = row.get(7)?;
    let currency = Currency::parse(&currency).unwrap_or_default();
    let (year, number): (i32, u32) = (row.get(4)?, row.get(5)?);
    Ok(BudgetRecord {
        id: row.get(0)?,
        user_id: row.get(1)?,
        category_id: row.get(2)?,
        category: row.get(3)?,
        // The schema's CHECKs keep year and month in range.
        month: Month::new(year, number).unwrap_or_else(|| Month::of(chrono::NaiveDate::MIN)),
        amount: currency.from_minor(row.get(6)?),
        currency,
    })
}

fn alert_from_row(row: &Row<'_>) -> rusqlite::Result<AlertRecord> {
    let kind: String = row.get(2)?;
    let currency = row
        .get::<_, Option<String>>(11)?
        .and_then(|code| Currency::parse(&code).ok());
    let money = |index: usize| -> rusqlite::Result<Option<Decimal>> {
        let minor: Option<i64> = row.get(index)?;
        Ok(minor.zip(currency).map(|(minor, c)| c.from_minor(minor)))
    };
    let alert = Alert {
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
    };
    Ok(AlertRecord {
        alert,
        budget_id: row.get(12)?,
    })
}
