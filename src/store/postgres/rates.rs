//! Exchange rates, and the foreign part of an expense row. Rates are kept as exact NUMERIC.

use chrono::NaiveDate;
use postgres::Row;
use rust_decimal::Decimal;

use crate::domain::{Currency, ExchangeRate, Rate, Spent};
use crate::store::rules;
use crate::store::{StoreError, StoreResult};

use super::PgStore;
use super::db::Db;
use super::rows::money;

impl PgStore {
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
        self.rows(
            "SELECT base, currency, date, rate FROM rates
             WHERE base = $1 AND ($2::text IS NULL OR currency = $2)
             ORDER BY currency, date",
            &[&base.code(), &currency.as_ref().map(Currency::code)],
        )?
        .iter()
        .map(rate_from_row)
        .collect()
    }
}

/// The rate of `currency` in `base` on `date`, or else the latest earlier one.
pub(super) fn rate_on_in(
    db: &impl Db,
    base: Currency,
    currency: Currency,
    date: NaiveDate,
) -> StoreResult<Option<ExchangeRate>> {
    db.opt(
        "SELECT base, currency, date, rate FROM rates
         WHERE base = $1 AND currency = $2 AND date <= $3
         ORDER BY date DESC LIMIT 1",
        &[&base.code(), &currency.code(), &date],
    )?
    .as_ref()
    .map(rate_from_row)
    .transpose()
}

/// Stores a rate, replacing the one of the same currencies and day.
pub(super) fn upsert_rate_in(db: &impl Db, rate: &ExchangeRate) -> StoreResult<()> {
    db.exec(
        "INSERT INTO rates (base, currency, date, rate) VALUES ($1, $2, $3, $4)
         ON CONFLICT (base, currency, date) DO UPDATE SET rate = excluded.rate",
        &[
            &rate.base.code(),
            &rate.currency.code(),
            &rate.date,
            &rate.rate.value(),
        ],
    )?;
    Ok(())
}

fn rate_from_row(row: &Row) -> StoreResult<ExchangeRate> {
    Ok(ExchangeRate {
        base: stored_currency(row.try_get(0)?)?,
        currency: stored_currency(row.try_get(1)?)?,
        date: row.try_get(2)?,
        rate: stored_rate(row.try_get(3)?)?,
    })
}

/// The foreign part of an expense row from its three columns, all set or all empty.
pub(super) fn spent_from_columns(row: &Row, first: usize) -> StoreResult<Option<Spent>> {
    let amount: Option<Decimal> = row.try_get(first)?;
    let code: Option<&str> = row.try_get(first + 1)?;
    let rate: Option<Decimal> = row.try_get(first + 2)?;
    let (Some(amount), Some(code), Some(rate)) = (amount, code, rate) else {
        return Ok(None);
    };
    let currency = stored_currency(code)?;
    Ok(Some(Spent {
        amount: money(currency, amount)?,
        currency,
        rate: stored_rate(rate)?,
    }))
}

fn stored_currency(code: &str) -> StoreResult<Currency> {
    Currency::from_stored(code).map_err(|e| StoreError::InvalidInput(e.to_string()))
}

fn stored_rate(value: Decimal) -> StoreResult<Rate> {
    Rate::new(value).map_err(|e| StoreError::InvalidInput(e.to_string()))
}
