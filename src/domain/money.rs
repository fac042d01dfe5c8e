//! Exact money: currencies with their ISO 4217 minor units, parsing what people type,
//! and the conversion to the INTEGER minor units the database stores.

use std::fmt;

use rust_decimal::Decimal;
use thiserror::Error;

use super::{Grouping, counted, quoted};

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

    /// The amount with thousands separators for reading: `1,450.00`.
    pub fn format_grouped(&self, amount: Decimal) -> String {
        self.format_grouped_as(amount, Grouping::International)
    }

    /// The amount with its digits grouped for reading: `1,00,000.00` in Indian grouping,
    /// `100,000.00` in international. [`parse_amount`] reads both back.
    pub fn format_grouped_as(&self, amount: Decimal, grouping: Grouping) -> String {
        let plain = self.format_plain(amount);
        let (sign, unsigned) = plain
            .strip_prefix('-')
            .map_or(("", plain.as_str()), |rest| ("-", rest));
        let (integer, fraction) = unsigned
            .split_once('.')
            .map_or((unsigned, None), |(i, f)| (i, Some(f)));
        let grouped = grouping.group(integer);
        match fraction {
            Some(fraction) => format!("{sign}{grouped}.{fraction}"),
            None => format!("{sign}{grouped}"),
        }
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

/// Why typed text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AmountError {
    #[error("amount is empty; type a number such as 250 or 1,200.50")]
    Empty,
    #[error("amount {} is negative; record spending as a positive amount", quoted(.0))]
    Negative(String),
    #[error("amount {} uses an exponent; write the number out in full", quoted(.0))]
    Exponent(String),
    #[error("amount {} is not a number; type digits such as 250 or 1,200.50", quoted(.0))]
    NotANumber(String),
    #[error("amount {} contains a space; type digits with ',' between thousands", quoted(.0))]
    Space(String),
    #[error("amount {} has misplaced ','; use ',' between thousands and '.' for decimals", quoted(.0))]
    Grouping(String),
    #[error(
        "amount {} has {}; {currency} allows {}",
        quoted(.text),
        counted(*.found, "decimal", "decimals"),
        allowed(*.currency)
    )]
    TooManyDecimals {
        text: String,
        found: u32,
        currency: Currency,
    },
    #[error(
        "amount {} is too large; at most {MAX_INTEGER_DIGITS} digits before the decimal point",
        quoted(.0)
    )]
    TooLarge(String),
    #[error("amount {} is zero; an expense must be more than 0", quoted(.0))]
    Zero(String),
    #[error("budget {} is negative; set a budget of 0 or more", quoted(.0))]
    NegativeBudget(String),
    #[error(
        "amount {} is marked {symbol}, which is not {currency}; give its currency with --currency, or leave the symbol out",
        quoted(.text)
    )]
    WrongSymbol {
        text: String,
        symbol: char,
        currency: Currency,
    },
}

/// How many decimals a currency allows, in words for a message: `2`, or `none`.
fn allowed(currency: Currency) -> String {
    match currency.decimals() {
        0 => "none".into(),
        n => n.to_string(),
    }
}

/// Currency symbols people put in front of an amount.
const SYMBOLS: &[char] = &['₹', '$', '€', '£', '¥'];

/// Parses an amount as people type it: `250`, `250.5`, `1,200.50`, `₹1,200.50`.
pub fn parse_amount(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(AmountError::Empty);
    }
    let owned = || trimmed.to_string();
    if let Some(symbol) = trimmed.chars().next().filter(|c| SYMBOLS.contains(c))
        && !currency.has_symbol(symbol)
    {
        return Err(AmountError::WrongSymbol {
            text: owned(),
            symbol,
            currency,
        });
    }
    let body = trimmed
        .strip_prefix(SYMBOLS)
        .map_or(trimmed, str::trim_start);
    if body.starts_with(['-', '−']) || body.ends_with('-') {
        return Err(AmountError::Negative(owned()));
    }
    let body = body.strip_prefix('+').unwrap_or(body);
    if body.contains(char::is_whitespace) {
        return Err(AmountError::Space(owned()));
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        let looks_exponent = body.contains(['e', 'E'])
            && body
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | 'e' | 'E' | '+' | '-'))
            && body.starts_with(|c: char| c.is_ascii_digit() || c == '.');
        return Err(if looks_exponent {
            AmountError::Exponent(owned())
        } else {
            AmountError::NotANumber(owned())
        });
    }
    let (integer, fraction) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if fraction.is_some_and(|f| f.contains(['.', ','])) {
        return Err(AmountError::Grouping(owned()));
    }
    let digits = ungroup(integer).ok_or_else(|| AmountError::Grouping(owned()))?;
    let fraction = fraction.unwrap_or("");
    if digits.is_empty() && fraction.is_empty() {
        return Err(AmountError::NotANumber(owned()));
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > MAX_INTEGER_DIGITS {
        return Err(AmountError::TooLarge(owned()));
    }
    let kept_fraction = fraction.trim_end_matches('0');
    let found = u32::try_from(kept_fraction.len()).unwrap_or(u32::MAX);
    if found > currency.decimals() {
        return Err(AmountError::TooManyDecimals {
            text: owned(),
            found,
            currency,
        });
    }
    let mantissa_text = format!("{significant}{kept_fraction}");
    let mantissa: i64 = if mantissa_text.is_empty() {
        0
    } else {
        mantissa_text
            .parse()
            .map_err(|_| AmountError::TooLarge(owned()))?
    };
    let mut amount = Decimal::new(mantissa, found);
    amount.rescale(currency.decimals());
    Ok(amount)
}

/// Parses an expense's amount: as [`parse_amount`], and zero is refused, since a zero
/// expense records nothing.
pub fn parse_expense_amount(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    let amount = parse_amount(text, currency)?;
    if amount.is_zero() {
        return Err(AmountError::Zero(text.trim().to_string()));
    }
    Ok(amount)
}

/// An expense amount must be more than zero; for amounts that were not typed (an import
/// row, a form), so the rule holds whatever the way in.
pub fn check_expense_amount(amount: Decimal, currency: Currency) -> Result<(), AmountError> {
    if amount.is_zero() {
        return Err(AmountError::Zero(currency.format_plain(amount)));
    }
    Ok(())
}

/// Parses a monthly budget: as [`parse_amount`], but a negative one is refused in a
/// budget's words. Zero is a budget: nothing may be spent.
pub fn parse_budget(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    parse_amount(text, currency).map_err(|error| match error {
        AmountError::Negative(text) => AmountError::NegativeBudget(text),
        other => other,
    })
}

/// The digits of an integer part with its thousands separators removed, if they sit right:
/// groups of three (or two, for Indian lakh grouping) after the first, the last of three.
fn ungroup(integer: &str) -> Option<String> {
    if !integer.contains(',') {
        return Some(integer.to_string());
    }
    let groups: Vec<&str> = integer.split(',').collect();
    let (first, rest) = groups.split_first()?;
    let last = rest.last()?;
    let first_ok = (1..=3).contains(&first.len());
    let middle_ok = rest[..rest.len() - 1]
        .iter()
        .all(|g| g.len() == 2 || g.len() == 3);
    (first_ok && middle_ok && last.len() == 3).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inr(text: &str) -> Result<String, AmountError> {
        parse_amount(text, Currency::INR).map(|d| d.to_string())
    }

    #[test]
    fn accepts_what_people_type() {
        for (typed, expected) in [
            ("250", "250.00"),
            ("250.5", "250.50"),
            ("1,200.50", "1200.50"),
            ("₹1,200.50", "1200.50"),
            ("₹ 99", "99.00"),
            ("1,00,000", "100000.00"),
            ("  42  ", "42.00"),
            (".5", "0.50"),
            ("7.", "7.00"),
            ("0", "0.00"),
            ("1.500", "1.50"),
            ("9999999999.99", "9999999999.99"),
            ("+12", "12.00"),
        ] {
            assert_eq!(inr(typed).as_deref(), Ok(expected), "typed {typed:?}");
        }
    }

    #[test]
    fn refuses_with_a_specific_reason() {
        use AmountError as E;
        type Check = fn(&AmountError) -> bool;
        let cases: Vec<(&str, Check)> = vec![
            ("", |e| *e == E::Empty),
            ("   ", |e| *e == E::Empty),
            ("-5", |e| matches!(e, E::Negative(_))),
            ("₹-5", |e| matches!(e, E::Negative(_))),
            ("−5", |e| matches!(e, E::Negative(_))),
            ("1e3", |e| matches!(e, E::Exponent(_))),
            ("2.5E-1", |e| matches!(e, E::Exponent(_))),
            ("NaN", |e| matches!(e, E::NotANumber(_))),
            ("inf", |e| matches!(e, E::NotANumber(_))),
            ("ten", |e| matches!(e, E::NotANumber(_))),
            ("١٢٣", |e| matches!(e, E::NotANumber(_))),
            ("\u{ff11}\u{ff12}", |e| matches!(e, E::NotANumber(_))),
            (".", |e| matches!(e, E::NotANumber(_))),
            ("1 000", |e| matches!(e, E::Space(_))),
            ("12,50", |e| matches!(e, E::Grouping(_))),
            ("1,2,3", |e| matches!(e, E::Grouping(_))),
            (",100", |e| matches!(e, E::Grouping(_))),
            ("1.2.3", |e| matches!(e, E::Grouping(_))),
            ("1.005", |e| {
                matches!(e, E::TooManyDecimals { found: 3, .. })
            }),
            ("12345678901", |e| matches!(e, E::TooLarge(_))),
            ("$99", |e| matches!(e, E::WrongSymbol { symbol: '$', .. })),
            ("€ 5", |e| matches!(e, E::WrongSymbol { symbol: '€', .. })),
        ];
        for (typed, is_expected) in cases {
            let error = inr(typed).expect_err(typed);
            assert!(is_expected(&error), "typed {typed:?} gave {error:?}");
        }
    }

    #[test]
    fn error_messages_say_what_to_do() {
        let error = inr("1.005").expect_err("three decimals");
        assert_eq!(
            error.to_string(),
            "amount \"1.005\" has 3 decimals; INR allows 2"
        );
        let jpy = Currency::parse("JPY").expect("JPY");
        let error = parse_amount("10.5", jpy).expect_err("one decimal");
        assert_eq!(
            error.to_string(),
            "amount \"10.5\" has 1 decimal; JPY allows none"
        );
        let error = inr("₹ सौ").expect_err("not a number");
        assert_eq!(
            error.to_string(),
            "amount \"₹ सौ\" is not a number; type digits such as 250 or 1,200.50"
        );
    }

    #[test]
    fn expenses_refuse_zero_and_budgets_speak_of_budgets() {
        assert_eq!(
            parse_expense_amount(" 0.00 ", Currency::INR),
            Err(AmountError::Zero("0.00".into()))
        );
        assert_eq!(
            parse_expense_amount("0", Currency::INR)
                .expect_err("zero")
                .to_string(),
            "amount \"0\" is zero; an expense must be more than 0"
        );
        assert_eq!(
            parse_expense_amount("0.01", Currency::INR),
            Ok(Decimal::new(1, 2))
        );
        assert!(check_expense_amount(Decimal::ZERO, Currency::INR).is_err());
        assert!(check_expense_amount(Decimal::ONE, Currency::INR).is_ok());
        assert_eq!(
            parse_budget("0", Currency::INR),
            Ok(Decimal::new(0, 2)),
            "a zero budget is legitimate"
        );
        assert_eq!(
            parse_budget("-100", Currency::INR)
                .expect_err("negative")
                .to_string(),
            "budget \"-100\" is negative; set a budget of 0 or more"
        );
        assert!(matches!(
            parse_budget("ten", Currency::INR),
            Err(AmountError::NotANumber(_))
        ));
    }

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
        let jpy = Currency::parse("JPY").expect("JPY");
        assert!(parse_amount("10.5", jpy).is_err());
        assert_eq!(
            parse_amount("1,000", jpy).map(|d| d.to_string()),
            Ok("1000".into())
        );
    }

    #[test]
    fn a_symbol_must_be_the_currency_s_own() {
        let usd = Currency::parse("USD").expect("USD");
        let cad = Currency::parse("CAD").expect("CAD");
        assert_eq!(
            parse_amount("$99", usd).map(|d| d.to_string()),
            Ok("99.00".into())
        );
        assert_eq!(
            parse_amount("$ 5", cad).map(|d| d.to_string()),
            Ok("5.00".into())
        );
        assert_eq!(inr("₹99").as_deref(), Ok("99.00"));
        assert_eq!(
            inr("$99").expect_err("dollar for rupees").to_string(),
            "amount \"$99\" is marked $, which is not INR; give its currency with --currency, or leave the symbol out"
        );
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
        let amount = parse_amount("5200", Currency::INR).expect("amount");
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
}
