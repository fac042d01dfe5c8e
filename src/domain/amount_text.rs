//! Amounts as text. What a person types is read with their decimal mark, the other mark
//! grouping digits, and refused when it reads two ways; what files and requests for
//! programs hold is read with a decimal point, always.
//!
//! The rule for typed amounts, with `,` as the decimal mark (swap the marks for `.`):
//! - `12,50` is 12.50 and `1.234,50` is 1234.50: the decimal mark may come once, and the
//!   grouping mark only before it, between groups of three digits (`1.234` is 1234).
//! - The one shape that also reads as a thousands group, the decimal mark once between one
//!   to three digits (the first not 0) and exactly three (`1,500`), is refused as ambiguous
//!   when both readings are amounts of the currency (1.50 or 1500 euros), naming both. When
//!   three decimals are not an amount of the currency (`1,234` in euros), it is refused for
//!   its decimals, and the thousands reading is named as what to type instead.

use rust_decimal::Decimal;
use thiserror::Error;

use super::{Currency, DecimalMark, MAX_INTEGER_DIGITS, counted, quoted};

/// Why text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AmountError {
    #[error("amount is empty; type a number such as 250 or {}", example(*.0))]
    Empty(DecimalMark),
    #[error("amount {} is negative; record spending as a positive amount", quoted(.0))]
    Negative(String),
    #[error("amount {} uses an exponent; write the number out in full", quoted(.0))]
    Exponent(String),
    #[error(
        "amount {} is not a number; type digits such as 250 or {}",
        quoted(.text),
        example(*.mark)
    )]
    NotANumber { text: String, mark: DecimalMark },
    #[error(
        "amount {} contains a space; type digits with '{}' between thousands",
        quoted(.text),
        .mark.grouping()
    )]
    Space { text: String, mark: DecimalMark },
    #[error(
        "amount {} has misplaced '{misplaced}'; use '{}' between thousands and '{}' for decimals",
        quoted(.text),
        .mark.grouping(),
        .mark.symbol()
    )]
    Misplaced {
        text: String,
        misplaced: char,
        mark: DecimalMark,
    },
    #[error(
        "amount {} has {}; {currency} allows {}{}",
        quoted(.text),
        counted(*.found, "decimal", "decimals"),
        allowed(*.currency),
        thousands_hint(.thousands.as_deref())
    )]
    TooManyDecimals {
        text: String,
        found: u32,
        currency: Currency,
        /// What the text reads as when its mark groups thousands, if it can.
        thousands: Option<Box<Thousands>>,
    },
    #[error("{0}")]
    Ambiguous(Box<Ambiguity>),
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

/// A typed amount that reads two ways, and how to type each so it reads one way only.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "amount {} is ambiguous: {decimal} or {}; type {decimal_typed} or {}",
    quoted(.text),
    .thousands.amount,
    .thousands.digits
)]
pub struct Ambiguity {
    pub text: String,
    /// The reading with the decimal mark, as the person writes it: `1,50`.
    pub decimal: String,
    /// That reading typed so that it reads one way only: `1,50`, or `1,2340` when the
    /// currency has three decimals.
    pub decimal_typed: String,
    pub thousands: Thousands,
}

/// A typed amount read with its mark grouping thousands: `1,234` as 1234.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thousands {
    /// The amount with the currency's decimals, as the person writes it: `1234,00`.
    pub amount: String,
    /// The digits alone, which read one way only: `1234`.
    pub digits: String,
    /// The digits grouped with the grouping mark, which read one way only too: `1.234`.
    pub grouped: String,
}

/// A grouped amount with decimals, as a person with `mark` writes it.
fn example(mark: DecimalMark) -> &'static str {
    match mark {
        DecimalMark::Dot => "1,200.50",
        DecimalMark::Comma => "1.200,50",
    }
}

/// How many decimals a currency allows, in words for a message: `2`, or `none`.
fn allowed(currency: Currency) -> String {
    match currency.decimals() {
        0 => "none".into(),
        n => n.to_string(),
    }
}

fn thousands_hint(thousands: Option<&Thousands>) -> String {
    thousands.map_or_else(String::new, |t| {
        format!(" (for {} type {} or {})", t.amount, t.digits, t.grouped)
    })
}

/// Currency symbols people put in front of an amount.
const SYMBOLS: &[char] = &['₹', '$', '€', '£', '¥'];

/// Parses an amount as files and requests for programs hold it, with a decimal point:
/// `250`, `250.5`, `1,200.50`, `₹1,200.50`. A point is always the decimal point here, so
/// nothing is ambiguous.
pub fn parse_amount(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    parse_with_mark(text, currency, DecimalMark::Dot)
}

/// Parses an amount a person typed with `mark` as their decimal mark, by the rule in this
/// module's documentation: `12,50` and `1.234,50` with a comma; `1,500` is refused as
/// ambiguous, naming both readings.
pub fn parse_typed_amount(
    text: &str,
    currency: Currency,
    mark: DecimalMark,
) -> Result<Decimal, AmountError> {
    let read = parse_with_mark(text, currency, mark);
    let Some(thousands) = thousands_reading(text, currency, mark) else {
        return read;
    };
    match read {
        // A decimal reading is below 1000 and a thousands one is not: they always differ.
        Ok(amount) => {
            let decimal = mark.write(&currency.format_plain(amount));
            let three_decimals = decimal
                .split_once(mark.symbol())
                .is_some_and(|(_, fraction)| fraction.len() == 3);
            let decimal_typed = if three_decimals {
                format!("{decimal}0")
            } else {
                decimal.clone()
            };
            Err(AmountError::Ambiguous(Box::new(Ambiguity {
                text: text.trim().to_string(),
                decimal,
                decimal_typed,
                thousands,
            })))
        }
        Err(AmountError::TooManyDecimals {
            text,
            found,
            currency,
            ..
        }) => Err(AmountError::TooManyDecimals {
            text,
            found,
            currency,
            thousands: Some(Box::new(thousands)),
        }),
        Err(other) => Err(other),
    }
}

/// Parses an expense's amount from a file or request: as [`parse_amount`], and zero is
/// refused, since a zero expense records nothing.
pub fn parse_expense_amount(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    more_than_zero(text, parse_amount(text, currency)?)
}

/// Parses an expense's amount a person typed: as [`parse_typed_amount`], and zero is
/// refused.
pub fn parse_typed_expense_amount(
    text: &str,
    currency: Currency,
    mark: DecimalMark,
) -> Result<Decimal, AmountError> {
    more_than_zero(text, parse_typed_amount(text, currency, mark)?)
}

fn more_than_zero(text: &str, amount: Decimal) -> Result<Decimal, AmountError> {
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

/// Parses a monthly budget from a request: as [`parse_amount`], but a negative one is
/// refused in a budget's words. Zero is a budget: nothing may be spent.
pub fn parse_budget(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    parse_amount(text, currency).map_err(in_budget_words)
}

/// Parses a monthly budget a person typed: as [`parse_typed_amount`], in a budget's words.
pub fn parse_typed_budget(
    text: &str,
    currency: Currency,
    mark: DecimalMark,
) -> Result<Decimal, AmountError> {
    parse_typed_amount(text, currency, mark).map_err(in_budget_words)
}

fn in_budget_words(error: AmountError) -> AmountError {
    match error {
        AmountError::Negative(text) => AmountError::NegativeBudget(text),
        other => other,
    }
}

/// The number in `text` once its symbol and sign are checked and taken off: digits and
/// marks, or the reason it cannot be an amount.
fn number_part(text: &str, currency: Currency, mark: DecimalMark) -> Result<&str, AmountError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(AmountError::Empty(mark));
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
        return Err(AmountError::Space {
            text: owned(),
            mark,
        });
    }
    Ok(body)
}

/// Refuses a number part holding anything but digits and marks, naming an exponent
/// (`1e3`) as such.
fn refuse_non_digits(body: &str, text: &str, mark: DecimalMark) -> Result<(), AmountError> {
    if body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Ok(());
    }
    let looks_exponent = body.contains(['e', 'E'])
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | 'e' | 'E' | '+' | '-'))
        && body.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let text = text.trim().to_string();
    Err(if looks_exponent {
        AmountError::Exponent(text)
    } else {
        AmountError::NotANumber { text, mark }
    })
}

/// Reads `text` with `mark` as its decimal mark and the other mark grouping digits.
fn parse_with_mark(
    text: &str,
    currency: Currency,
    mark: DecimalMark,
) -> Result<Decimal, AmountError> {
    let body = number_part(text, currency, mark)?;
    let owned = || text.trim().to_string();
    refuse_non_digits(body, text, mark)?;
    let misplaced = |misplaced| AmountError::Misplaced {
        text: owned(),
        misplaced,
        mark,
    };
    let (integer, fraction) = match body.split_once(mark.symbol()) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if let Some(stray) = fraction.and_then(|f| f.chars().find(|c| matches!(c, '.' | ','))) {
        return Err(misplaced(stray));
    }
    let digits = ungroup(integer, mark.grouping()).ok_or_else(|| misplaced(mark.grouping()))?;
    let fraction = fraction.unwrap_or("");
    if digits.is_empty() && fraction.is_empty() {
        return Err(AmountError::NotANumber {
            text: owned(),
            mark,
        });
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
            thousands: None,
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

/// The text read as a thousands group when it has the shape that reads two ways: the
/// decimal mark once, one to three digits before it (the first not 0), three after.
fn thousands_reading(text: &str, currency: Currency, mark: DecimalMark) -> Option<Thousands> {
    let body = number_part(text, currency, mark).ok()?;
    let (head, tail) = body.split_once(mark.symbol())?;
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let shaped = (1..=3).contains(&head.len())
        && !head.starts_with('0')
        && tail.len() == 3
        && all_digits(head)
        && all_digits(tail);
    if !shaped {
        return None;
    }
    let digits = format!("{head}{tail}");
    let whole: i64 = digits.parse().ok()?;
    let mut amount = Decimal::from(whole);
    amount.rescale(currency.decimals());
    Some(Thousands {
        amount: mark.write(&currency.format_plain(amount)),
        grouped: format!("{head}{}{tail}", mark.grouping()),
        digits,
    })
}

/// The digits of an integer part with its `separator`s removed, if they sit right: groups
/// of three (or two, for Indian lakh grouping) after the first, the last of three.
fn ungroup(integer: &str, separator: char) -> Option<String> {
    if !integer.contains(separator) {
        return Some(integer.to_string());
    }
    let groups: Vec<&str> = integer.split(separator).collect();
    let (first, rest) = groups.split_first()?;
    let last = rest.last()?;
    let first_ok = (1..=3).contains(&first.len());
    let middle_ok = rest[..rest.len() - 1]
        .iter()
        .all(|g| g.len() == 2 || g.len() == 3);
    (first_ok && middle_ok && last.len() == 3).then(|| groups.concat())
}

#[cfg(test)]
mod tests;
