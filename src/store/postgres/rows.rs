//! Rows as the domain's records. Amounts come back as NUMERIC in currency units and are
//! held to their currency's decimals, so they print exactly as on `SQLite`.

use postgres::Row;
use rust_decimal::Decimal;

use crate::domain::{Alert, AlertKind, Category, Currency, Expense, Month, User};
use crate::store::StoreResult;

/// The columns `expense_from_row` reads, from `expenses e` and `categories c`.
macro_rules! expense_columns {
    () => {
        "e.id, e.user_id, e.category_id, c.name, e.amount, e.currency, e.date, e.note,
         e.spent_amount, e.spent_currency, e.rate"
    };
}
pub(super) use expense_columns;
/// The columns `alert_from_row` reads.
macro_rules! alert_columns {
    () => {
        "id, user_id, alert_type, message, seen,
         to_char(fired_at, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), expense_id,
         category, month, spent, budget, currency"
    };
}
pub(super) use alert_columns;

/// A currency code as stored; an unknown one reads as the default, as on `SQLite`.
pub(super) fn currency(code: &str) -> Currency {
    Currency::from_stored(code).unwrap_or_default()
}

/// An amount with exactly its currency's decimals.
pub(super) fn money(currency: Currency, amount: Decimal) -> StoreResult<Decimal> {
    Ok(currency.from_minor(currency.to_minor(amount)?))
}

pub(super) fn user_from_row(row: &Row) -> StoreResult<User> {
    let warn: i32 = row.try_get(4)?;
    Ok(User {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        email: row.try_get(2)?,
        currency: currency(row.try_get(3)?),
        warn_percent: u32::try_from(warn).unwrap_or(crate::domain::DEFAULT_WARN_PERCENT),
    })
}

pub(super) fn category_from_row(row: &Row) -> StoreResult<Category> {
    Ok(Category {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        description: row.try_get(2)?,
    })
}

pub(super) fn expense_from_row(row: &Row) -> StoreResult<Expense> {
    let currency = currency(row.try_get(5)?);
    Ok(Expense {
        foreign: super::rates::spent_from_columns(row, 8)?,
        id: row.try_get(0)?,
        user_id: row.try_get(1)?,
        category_id: row.try_get(2)?,
        category: row.try_get(3)?,
        amount: money(currency, row.try_get(4)?)?,
        currency,
        date: row.try_get(6)?,
        note: row.try_get(7)?,
    })
}

pub(super) fn alert_from_row(row: &Row) -> StoreResult<Alert> {
    let kind: String = row.try_get(2)?;
    let currency_code: Option<String> = row.try_get(11)?;
    let currency = currency_code
        .as_deref()
        .and_then(|c| Currency::from_stored(c).ok());
    let amount = |index: usize| -> StoreResult<Option<Decimal>> {
        let value: Option<Decimal> = row.try_get(index)?;
        // Amounts without their currency cannot be read; neither is ever stored alone.
        match (value, currency) {
            (Some(value), Some(currency)) => Ok(Some(money(currency, value)?)),
            _ => Ok(None),
        }
    };
    let month: Option<String> = row.try_get(8)?;
    Ok(Alert {
        id: row.try_get(0)?,
        user_id: row.try_get(1)?,
        // The schema's CHECK admits only the two known kinds.
        kind: AlertKind::parse(&kind).unwrap_or(AlertKind::BudgetExceeded),
        message: row.try_get(3)?,
        seen: row.try_get(4)?,
        fired_at: row.try_get(5)?,
        expense_id: row.try_get(6)?,
        category: row.try_get(7)?,
        month: month.as_deref().and_then(|m| Month::parse(m).ok()),
        spent: amount(9)?,
        budget: amount(10)?,
        currency,
    })
}
