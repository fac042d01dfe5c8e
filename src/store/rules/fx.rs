//! Foreign expenses counted in the user's currency, and the rates they are counted at.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{Currency, ExchangeRate, Rate, Spent, User, convert};
use crate::store::{StoreError, StoreResult};

use super::{LedgerTx, check_date};

/// What an expense typed as `amount` in `currency` counts as in `user`'s currency, and
/// what was spent when that currency is another: converted at `rate` when given, else at
/// the ledger's rate of `date` or the latest earlier one. Without a rate it is refused.
pub(crate) fn counted_amount(
    tx: &impl LedgerTx,
    user: &User,
    amount: Decimal,
    currency: Currency,
    date: NaiveDate,
    rate: Option<Rate>,
) -> StoreResult<(Decimal, Option<Spent>)> {
    if currency == user.currency {
        if rate.is_some() {
            return Err(StoreError::InvalidInput(format!(
                "a rate converts another currency; {currency} is the user's own, so leave --rate out"
            )));
        }
        return Ok((amount, None));
    }
    // The amount must be exact in its own currency before anything is converted, and is
    // kept with that currency's decimals, as it reads back.
    let amount = currency.from_minor(currency.to_minor(amount)?);
    let rate = match rate {
        Some(rate) => rate,
        None => {
            tx.rate_on(user.currency, currency, date)?
                .ok_or(StoreError::NoRate { currency, date })?
                .rate
        }
    };
    let spent = Spent {
        amount,
        currency,
        rate,
    };
    Ok((converted(user.currency, &spent)?, Some(spent)))
}

/// A foreign amount in the user's currency; one that rounds to nothing is refused, since
/// an expense must count for something.
pub(super) fn converted(own: Currency, spent: &Spent) -> StoreResult<Decimal> {
    let amount = convert(spent.amount, spent.rate, own)?;
    if amount.is_zero() {
        return Err(StoreError::InvalidInput(format!(
            "{} {} at {} is {} {own}; an expense must count for more than 0",
            spent.currency.format_plain(spent.amount),
            spent.currency,
            spent.rate,
            own.format_plain(amount)
        )));
    }
    Ok(amount)
}

/// Stores rates, each replacing the one of its day; a rate of a currency in itself is
/// refused, as is a rate of an unknown day. Callers make this one transaction, so a file
/// of rates is taken whole or not at all; with several, an error names its row.
pub(crate) fn set_rates(tx: &impl LedgerTx, rates: &[ExchangeRate]) -> StoreResult<usize> {
    for (index, rate) in rates.iter().enumerate() {
        check_rate(rate).map_err(|error| {
            if rates.len() == 1 {
                error
            } else {
                StoreError::in_import_row(index, error)
            }
        })?;
        tx.upsert_rate(rate)?;
    }
    Ok(rates.len())
}

fn check_rate(rate: &ExchangeRate) -> StoreResult<()> {
    check_date(rate.date)?;
    if rate.base == rate.currency {
        return Err(StoreError::InvalidInput(format!(
            "{} is the user's own currency; a rate converts another one",
            rate.currency
        )));
    }
    Ok(())
}
