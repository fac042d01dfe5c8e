//! Foreign currency: exchange rates as people give them, and the one conversion rule.
//!
//! An amount spent in another currency counts in the user's currency as
//! `amount × rate`, rounded half-even (banker's rounding) to the user's minor unit.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

use super::{AmountError, Currency, DecimalMark, MAX_INTEGER_DIGITS, quoted};

/// The most decimal places a rate keeps.
pub const MAX_RATE_DECIMALS: u32 = 10;
/// The most digits a rate may have before its decimal point.
const MAX_RATE_INTEGER_DIGITS: usize = 10;

/// Units of the user's currency per one unit of another: exact, more than zero, with at
/// most [`MAX_RATE_DECIMALS`] decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rate(Decimal);

/// Why text is not a rate.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RateError {
    #[error("rate {} is not a number; type digits such as 83.25", quoted(.0))]
    NotANumber(String),
    #[error("rate {} has {found} decimals; a rate keeps at most {MAX_RATE_DECIMALS}", quoted(.text))]
    TooManyDecimals { text: String, found: usize },
    #[error("rate {} is too large; at most {MAX_RATE_INTEGER_DIGITS} digits before the decimal point", quoted(.0))]
    TooLarge(String),
    #[error("rate {} is not more than 0; give units of your currency per 1 of the other", quoted(.0))]
    NotPositive(String),
    #[error(
        "rate {} has '{}'; with '{}' as the decimal mark, type a rate such as {}",
        quoted(.text),
        .mark.grouping(),
        .mark.symbol(),
        .mark.write("83.25")
    )]
    OtherMark { text: String, mark: DecimalMark },
    #[error(
        "rate {} is not a number; type digits such as {}",
        quoted(.text),
        .mark.write("83.25")
    )]
    NotATypedNumber { text: String, mark: DecimalMark },
}

impl Rate {
    /// Parses a rate written out in full: `83.25`, `0.0123456789`. No sign, grouping or
    /// exponent, so what is stored is exactly what was typed.
    pub fn parse(text: &str) -> Result<Rate, RateError> {
        let trimmed = text.trim();
        let owned = || trimmed.to_string();
        let (integer, fraction) = trimmed.split_once('.').unwrap_or((trimmed, ""));
        let digits_only = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if (integer.is_empty() && fraction.is_empty())
            || !digits_only(integer)
            || !digits_only(fraction)
        {
            return Err(RateError::NotANumber(owned()));
        }
        let kept_fraction = fraction.trim_end_matches('0');
        if kept_fraction.len() > MAX_RATE_DECIMALS as usize {
            return Err(RateError::TooManyDecimals {
                text: owned(),
                found: kept_fraction.len(),
            });
        }
        if integer.trim_start_matches('0').len() > MAX_RATE_INTEGER_DIGITS {
            return Err(RateError::TooLarge(owned()));
        }
        let exact = format!(
            "{}.{kept_fraction}",
            if integer.is_empty() { "0" } else { integer }
        );
        let value = Decimal::from_str(&exact).map_err(|_| RateError::NotANumber(owned()))?;
        Rate::new(value).map_err(|_| RateError::NotPositive(owned()))
    }

    /// Parses a rate a person typed with `mark` as their decimal mark: `83,25` with a
    /// comma. A rate has no grouping, so the other mark is refused rather than guessed at.
    pub fn parse_typed(text: &str, mark: DecimalMark) -> Result<Rate, RateError> {
        if text.contains(mark.grouping()) {
            return Err(RateError::OtherMark {
                text: text.trim().to_string(),
                mark,
            });
        }
        Rate::parse(&text.replace(mark.symbol(), "."))
            .map_err(|error| error.into_typed(text.trim(), mark))
    }

    /// A rate from a stored value, held to the same bounds as a typed one.
    pub fn new(value: Decimal) -> Result<Rate, RateError> {
        let value = value.normalize();
        if value <= Decimal::ZERO {
            return Err(RateError::NotPositive(value.to_string()));
        }
        if value.scale() > MAX_RATE_DECIMALS {
            return Err(RateError::TooManyDecimals {
                text: value.to_string(),
                found: value.scale() as usize,
            });
        }
        Ok(Rate(value))
    }

    /// The rate's exact value.
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl RateError {
    /// The same refusal about the text as it was typed with `mark`.
    fn into_typed(self, typed: &str, mark: DecimalMark) -> RateError {
        let typed = typed.to_string();
        match self {
            RateError::NotANumber(_) => RateError::NotATypedNumber { text: typed, mark },
            RateError::TooManyDecimals { found, .. } => {
                RateError::TooManyDecimals { text: typed, found }
            }
            RateError::TooLarge(_) => RateError::TooLarge(typed),
            RateError::NotPositive(_) => RateError::NotPositive(typed),
            other @ (RateError::OtherMark { .. } | RateError::NotATypedNumber { .. }) => other,
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// `amount` of another currency in `to`: `amount × rate`, rounded half-even to `to`'s minor
/// unit. Computed on whole numbers so no digit is ever lost on the way (a `Decimal`
/// product of two long numbers would round silently); a result too large for an amount is
/// refused.
pub fn convert(amount: Decimal, rate: Rate, to: Currency) -> Result<Decimal, AmountError> {
    let too_large = || AmountError::TooLarge(format!("{amount} × {rate}"));
    let product = amount
        .mantissa()
        .checked_mul(rate.value().mantissa())
        .ok_or_else(too_large)?;
    let scale = amount.scale() + rate.value().scale();
    let target = to.decimals();
    let minor = if scale <= target {
        product.checked_mul(power_of_ten(target - scale).ok_or_else(too_large)?)
    } else {
        power_of_ten(scale - target).map(|divisor| divide_half_even(product, divisor))
    }
    .ok_or_else(too_large)?;
    let integer_digits = u32::try_from(MAX_INTEGER_DIGITS).map_err(|_| too_large())?;
    let limit = power_of_ten(integer_digits + target).ok_or_else(too_large)?;
    if minor.abs() >= limit {
        return Err(too_large());
    }
    Decimal::try_from_i128_with_scale(minor, target).map_err(|_| too_large())
}

fn power_of_ten(exponent: u32) -> Option<i128> {
    10_i128.checked_pow(exponent)
}

/// `value / divisor` rounded to the nearest whole number, a tie to the even one.
fn divide_half_even(value: i128, divisor: i128) -> i128 {
    let quotient = value / divisor;
    let twice_remainder = (value % divisor).abs() * 2;
    let away = twice_remainder > divisor || (twice_remainder == divisor && quotient % 2 != 0);
    if away {
        quotient + value.signum()
    } else {
        quotient
    }
}

/// What a foreign expense was, exactly as spent: the amount in its own currency and the
/// rate it was counted at, kept with the expense so a later rate moves nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent {
    pub amount: Decimal,
    pub currency: Currency,
    pub rate: Rate,
}

/// A rate known from a day on: units of `base` per one `currency`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRate {
    pub base: Currency,
    pub currency: Currency,
    pub date: NaiveDate,
    pub rate: Rate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(text: &str) -> Rate {
        Rate::parse(text).expect("rate")
    }

    #[test]
    fn rates_parse_exactly_or_say_why_not() {
        assert_eq!(rate("83.25").to_string(), "83.25");
        assert_eq!(rate("0.0123456789").to_string(), "0.0123456789");
        assert_eq!(rate("83.2500").to_string(), "83.25");
        assert_eq!(rate(".5").to_string(), "0.5");
        for (typed, message) in [
            (
                "0",
                "rate \"0\" is not more than 0; give units of your currency per 1 of the other",
            ),
            (
                "1.12345678901",
                "rate \"1.12345678901\" has 11 decimals; a rate keeps at most 10",
            ),
            (
                "-1",
                "rate \"-1\" is not a number; type digits such as 83.25",
            ),
            (
                "1e3",
                "rate \"1e3\" is not a number; type digits such as 83.25",
            ),
            ("", "rate \"\" is not a number; type digits such as 83.25"),
        ] {
            assert_eq!(Rate::parse(typed).expect_err(typed).to_string(), message);
        }
    }

    #[test]
    fn a_typed_rate_takes_the_persons_decimal_mark() {
        assert_eq!(
            Rate::parse_typed("83,25", DecimalMark::Comma).map(|r| r.to_string()),
            Ok("83.25".into())
        );
        assert_eq!(
            Rate::parse_typed("83.25", DecimalMark::Dot).map(|r| r.to_string()),
            Ok("83.25".into())
        );
        assert_eq!(
            Rate::parse_typed("1.083,25", DecimalMark::Comma)
                .expect_err("grouped")
                .to_string(),
            "rate \"1.083,25\" has '.'; with ',' as the decimal mark, type a rate such as 83,25"
        );
        assert_eq!(
            Rate::parse_typed("83,25", DecimalMark::Dot)
                .expect_err("a comma")
                .to_string(),
            "rate \"83,25\" has ','; with '.' as the decimal mark, type a rate such as 83.25"
        );
        assert_eq!(
            Rate::parse_typed("0,0", DecimalMark::Comma)
                .expect_err("zero")
                .to_string(),
            "rate \"0,0\" is not more than 0; give units of your currency per 1 of the other"
        );
        assert_eq!(
            Rate::parse_typed("dix", DecimalMark::Comma)
                .expect_err("words")
                .to_string(),
            "rate \"dix\" is not a number; type digits such as 83,25"
        );
    }

    #[test]
    fn conversion_rounds_half_to_even() {
        let inr = Currency::INR;
        let usd = |text: &str| Decimal::from_str(text).expect("amount");
        assert_eq!(
            convert(usd("12.50"), rate("83.2"), inr).map(|d| d.to_string()),
            Ok("1040.00".into())
        );
        // 0.01 × 0.5 = 0.005: half-way, to the even 0.00; 0.03 × 0.5 = 0.015 goes to 0.02.
        assert_eq!(
            convert(usd("0.01"), rate("0.5"), inr).map(|d| d.to_string()),
            Ok("0.00".into())
        );
        assert_eq!(
            convert(usd("0.03"), rate("0.5"), inr).map(|d| d.to_string()),
            Ok("0.02".into())
        );
        let jpy = Currency::parse("JPY").expect("JPY");
        assert_eq!(
            convert(usd("2.50"), rate("1"), jpy).map(|d| d.to_string()),
            Ok("2".into())
        );
        assert!(convert(usd("9999999999.99"), rate("9999999999"), inr).is_err());
    }
}
