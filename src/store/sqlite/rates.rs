//! Exchange rates, and the foreign part of an expense row. Rates are kept as exact text.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

use crate::domain::{Currency, ExchangeRate, Rate, Spent};
use crate::store::rules;

use super::{SqliteStore, StoreResult};

impl SqliteStore {
    /// Stores rates in one transaction, all or none.
    pub fn set_rates(&mut self, rates: &[ExchangeRate]) -> StoreResult<usize> {
        self.write(|tx| rules::set_rates(tx, rates))
    }

    /// The rates kept for converting to `base`, of one currency or all, by currency and
    /// then date.
    pub fn rates(
        &self,
        base: Currency,
        currency: Option<Currency>,
    ) -> StoreResult<Vec<ExchangeRate>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT base, currency, date, rate FROM rates
             WHERE base = ?1 AND (?2 IS NULL OR currency = ?2)
             ORDER BY currency, date",
        )?;
        let rows = statement.query_map(
            params![base.code(), currency.as_ref().map(Currency::code)],
            rate_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The rate of `currency` in `base` on `date`, or else the latest earlier one.
pub(super) fn rate_on_in(
    conn: &Connection,
    base: Currency,
    currency: Currency,
    date: NaiveDate,
) -> StoreResult<Option<ExchangeRate>> {
    Ok(conn
        .prepare_cached(
            "SELECT base, currency, date, rate FROM rates
             WHERE base = ?1 AND currency = ?2 AND date <= ?3
             ORDER BY date DESC LIMIT 1",
        )?
        .query_row(params![base.code(), currency.code(), date], rate_from_row)
        .optional()?)
}

/// Stores a rate, replacing the one of the same currencies and day.
pub(super) fn upsert_rate_in(conn: &Connection, rate: &ExchangeRate) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO rates (base, currency, date, rate) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (base, currency, date) DO UPDATE SET rate = excluded.rate",
    )?
    .execute(params![
        rate.base.code(),
        rate.currency.code(),
        rate.date,
        rate.rate.to_string()
    ])?;
    Ok(())
}

fn rate_from_row(row: &Row<'_>) -> rusqlite::Result<ExchangeRate> {
    let base: String = row.get(0)?;
    let currency: String = row.get(1)?;
    Ok(ExchangeRate {
        base: stored_currency(&base, 0)?,
        currency: stored_currency(&currency, 1)?,
        date: row.get(2)?,
        rate: stored_rate(&row.get::<_, String>(3)?, 3)?,
    })
}

/// The foreign part of an expense row from its three columns, all set or all empty.
pub(super) fn spent_from_columns(row: &Row<'_>, first: usize) -> rusqlite::Result<Option<Spent>> {
    let minor: Option<i64> = row.get(first)?;
    let code: Option<String> = row.get(first + 1)?;
    let rate: Option<String> = row.get(first + 2)?;
    let (Some(minor), Some(code), Some(rate)) = (minor, code, rate) else {
        return Ok(None);
    };
    let currency = stored_currency(&code, first + 1)?;
    Ok(Some(Spent {
        amount: currency.from_minor(minor),
        currency,
        rate: stored_rate(&rate, first + 2)?,
    }))
}

/// The three columns of a foreign part as stored: minor units, code, exact rate text.
pub(super) fn spent_columns(
    spent: Option<&Spent>,
) -> StoreResult<(Option<i64>, Option<&str>, Option<String>)> {
    Ok(match spent {
        Some(spent) => (
            Some(spent.currency.to_minor(spent.amount)?),
            Some(spent.currency.code()),
            Some(spent.rate.to_string()),
        ),
        None => (None, None, None),
    })
}

fn stored_currency(code: &str, column: usize) -> rusqlite::Result<Currency> {
    Currency::from_stored(code).map_err(|e| conversion_error(column, e))
}

fn stored_rate(text: &str, column: usize) -> rusqlite::Result<Rate> {
    let value = Decimal::from_str(text).map_err(|e| conversion_error(column, e))?;
    Rate::new(value).map_err(|e| conversion_error(column, e))
}

fn conversion_error(
    column: usize,
    error: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(error))
}
