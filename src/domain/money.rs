//! Exact money: currencies with their ISO 4217 minor units, amounts written for reading,
//! and the conversion to the INTEGER minor units the database stores. Reading amounts from
//! text is in `amount_text`.

use std::fmt;

use rust_decimal::Decimal;
use thiserror::Error;

use super::{AmountError, NumberStyle, quoted};

/// The most integer digits an amount may have (the reference schema's NUMERIC(12,2)).
pub const MAX_INTEGER_DIGITS: usize = 10;

/// An ISO 4217 currency code with its number of decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    decimals: u32,
}

/// Currencies whose minor unit is not 1/100 (ISO 4217).
const ZERO_DECIMALS: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

impl Currency {
    /// Indian rupee, the default currency of a new database.
    pub const INR: Currency = Currency {
        code: *b"INR",
        decimals: 2,
    };

    /// Parses a code of a currency people spend, case-insensitively: an ISO 4217 code
    /// with a minor unit of 0, 2 or 3 decimals. `XYZ`, and codes such as gold (`XAU`) or
    /// "no currency" (`XXX`) that have no minor unit, are refused.
    pub fn parse(text: &str) -> Result<Currency, CurrencyError> {
        let code = three_letters(text).ok_or_else(|| CurrencyError::NotACode(text.to_string()))?;
        let upper = std::str::from_utf8(&code).unwrap_or_default();
        let known = iso_currency::Currency::from_code(upper)
            .ok_or_else(|| CurrencyError::Unknown(upper.to_string()))?;
        let decimals = known
            .exponent()
            .map(u32::from)
            .filter(|d| matches!(d, 0 | 2 | 3))
            .ok_or_else(|| CurrencyError::NotForSpending(upper.to_string()))?;
        Ok(Currency { code, decimals })
    }

    /// Reads a code as a database stores it. Rows written before unknown codes were refused
    /// may hold one (`XYZ`); it keeps its code, with 2 decimals, as it was read then.
    pub fn from_stored(text: &str) -> Result<Currency, CurrencyError> {
        Currency::parse(text).or_else(|_| {
            let code =
                three_letters(text).ok_or_else(|| CurrencyError::NotACode(text.to_string()))?;
            let upper = std::str::from_utf8(&code).unwrap_or_default();
            let decimals = if ZERO_DECIMALS.contains(&upper) {
                0
            } else if THREE_DECIMALS.contains(&upper) {
                3
            } else {
                2
            };
            Ok(Currency { code, decimals })
        })
    }

    /// Whether `symbol` in front of an amount may stand for this currency: it is the
    /// currency's own symbol (`$` for USD or CAD, `₹` for INR).
    pub fn has_symbol(&self, symbol: char) -> bool {
        iso_currency::Currency::from_code(self.code()).is_some_and(|known| {
            let own = known.symbol().symbol;
            let mut chars = own.chars();
            chars.next() == Some(symbol) && chars.next().is_none()
        })
    }

    /// The three-letter code, e.g. `INR`.
    pub fn code(&self) -> &str {
        // The constructor only admits ASCII uppercase letters.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// The codes of the currencies whose minor unit has `decimals` places, for the 0 and 3
    /// of ISO 4217's exceptions; every other code has 2.
    pub fn codes_with_decimals(decimals: u32) -> &'static [&'static str] {
        match decimals {
            0 => ZERO_DECIMALS,
            3 => THREE_DECIMALS,
            _ => &[],
        }
    }

    /// Decimal places of the minor unit: 2 for INR, 0 for JPY, 3 for KWD.
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// The amount a stored count of minor units stands for.
    pub fn from_minor(&self, minor: i64) -> Decimal {
        Decimal::new(minor, self.decimals)
    }

    /// Minor units of an amount; refuses amounts finer than the currency or too large.
    pub fn to_minor(&self, amount: Decimal) -> Result<i64, AmountError> {
        let normalized = amount.normalize();
        if normalized.scale() > self.decimals {
            return Err(AmountError::TooManyDecimals {
                text: amount.to_string(),
                found: normalized.scale(),
                currency: *self,
                thousands: None,
            });
        }
        let mut scaled = amount;
        scaled.rescale(self.decimals);
        i64::try_from(scaled.mantissa()).map_err(|_| AmountError::TooLarge(amount.to_string()))
    }

    /// The amount with exactly the currency's decimals, no grouping: `5200.00`.
    pub fn format_plain(&self, amount: Decimal) -> String {
        let mut value = amount;
        value.rescale(self.decimals);
        value.to_string()
    }

    /// The amount with thousands separators and a decimal point, for reading: `1,450.00`.
    pub fn format_grouped(&self, amount: Decimal) -> String {
        self.format_grouped_as(amount, NumberStyle::default())
    }

    /// The amount written for reading in a style: `1,00,000.00` in Indian grouping,
    /// `100,000.00` in international, `100.000,00` with a decimal comma. A person's typed
    /// amounts read all of them back.
    pub fn format_grouped_as(&self, amount: Decimal, style: impl Into<NumberStyle>) -> String {
        let style = style.into();
        let plain = self.format_plain(amount);
        let (sign, unsigned) = plain
            .strip_prefix('-')
            .map_or(("", plain.as_str()), |rest| ("-", rest));
        let (integer, fraction) = unsigned
            .split_once('.')
            .map_or((unsigned, None), |(i, f)| (i, Some(f)));
        let grouped = style.grouping.group(integer, style.decimal.grouping());
        match fraction {
            Some(fraction) => format!("{sign}{grouped}{}{fraction}", style.decimal.symbol()),
            None => format!("{sign}{grouped}"),
        }
    }

    /// The amount with the currency's decimals and a decimal mark, no grouping: what a
    /// person types it as, `5200,00` with a decimal comma.
    pub fn format_typed(&self, amount: Decimal, mark: super::DecimalMark) -> String {
        mark.write(&self.format_plain(amount))
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::INR
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text, trimmed and upper-cased, when it is three ASCII letters.
fn three_letters(text: &str) -> Option<[u8; 3]> {
    let upper = text.trim().to_ascii_uppercase();
    upper
        .as_bytes()
        .try_into()
        .ok()
        .filter(|b: &[u8; 3]| b.iter().all(u8::is_ascii_uppercase))
}

/// Why text is not a currency.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CurrencyError {
    #[error("currency {} is not a three-letter ISO 4217 code such as INR, USD or JPY", quoted(.0))]
    NotACode(String),
    #[error("currency {} is not an ISO 4217 currency; use a code such as INR, USD or JPY", quoted(.0))]
    Unknown(String),
    #[error("currency {} is not money people spend (no minor unit of 0, 2 or 3 decimals)", quoted(.0))]
    NotForSpending(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_decimals_follow_iso_4217() {
        let decimals = |code| Currency::parse(code).map(|c| c.decimals());
        assert_eq!(decimals("inr"), Ok(2));
        assert_eq!(decimals("JPY"), Ok(0));
        assert_eq!(decimals("KWD"), Ok(3));
        assert!(Currency::parse("RUPEE").is_err());
        assert_eq!(
            Currency::parse("xyz"),
            Err(CurrencyError::Unknown("XYZ".into()))
        );
        assert_eq!(
            Currency::parse("XAU"),
            Err(CurrencyError::NotForSpending("XAU".into()))
        );
        assert_eq!(
            Currency::from_stored("XYZ").map(|c| (c.code().to_string(), c.decimals())),
            Ok(("XYZ".to_string(), 2)),
            "a row stored before codes were checked still reads"
        );
        assert!(Currency::parse("1NR").is_err());
    }

    #[test]
    fn the_lists_of_decimals_agree_with_iso_4217() {
        for decimals in [0, 3] {
            for code in Currency::codes_with_decimals(decimals) {
                assert_eq!(
                    Currency::parse(code).map(|c| c.decimals()),
                    Ok(decimals),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn minor_units_convert_both_ways() {
        let amount = Decimal::new(5200, 0);
        assert_eq!(Currency::INR.to_minor(amount), Ok(520_000));
        assert_eq!(Currency::INR.from_minor(520_000).to_string(), "5200.00");
        assert_eq!(
            Currency::INR.format_grouped(Currency::INR.from_minor(123_456_789)),
            "1,234,567.89"
        );
        assert_eq!(
            Currency::INR.format_grouped(Currency::INR.from_minor(99)),
            "0.99"
        );
        assert_eq!(
            Currency::INR.format_grouped(Currency::INR.from_minor(-100_000)),
            "-1,000.00"
        );
    }

    #[test]
    fn a_decimal_comma_groups_with_points() {
        let eur = Currency::parse("EUR").expect("EUR");
        let comma = NumberStyle {
            grouping: super::super::Grouping::International,
            decimal: super::super::DecimalMark::Comma,
        };
        assert_eq!(
            eur.format_grouped_as(eur.from_minor(123_456_789), comma),
            "1.234.567,89"
        );
        assert_eq!(eur.format_grouped_as(eur.from_minor(-5), comma), "-0,05");
        let jpy = Currency::parse("JPY").expect("JPY");
        assert_eq!(jpy.format_grouped_as(jpy.from_minor(1500), comma), "1.500");
        assert_eq!(
            eur.format_typed(eur.from_minor(123_456), super::super::DecimalMark::Comma),
            "1234,56"
        );
    }
}
