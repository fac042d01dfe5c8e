//! Amounts as banks write them: `1,234.56`, `1.234,56`, `1 234,56`, `-12.00`, `(12.00)`,
//! `12.00-`, `+ $73.01`, `INR 1,200.50`, `12.00 DR`, with invisible direction marks. The
//! decimal mark is given ([`DecimalMark`]); which one a file uses is settled from all its
//! cells ([`mark_evidence`]), never from one.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::{Currency, MAX_INTEGER_DIGITS, quoted};

// One decimal mark for what people type and what bank files hold.
pub use crate::domain::DecimalMark;

/// A cell's amount with its sign, and the currency the cell names, if it names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedAmount {
    pub value: Decimal,
    pub currency: Option<Currency>,
}

/// What one cell says about the file's decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkEvidence {
    /// No mark at all, or nothing that reads as a number.
    Nothing,
    /// Only this mark reads the cell.
    Settles(DecimalMark),
    /// Both read it, differently: `1.000` is one or a thousand.
    Ambiguous,
}

/// Symbols banks put before or after an amount; a symbol names no one currency (`$`), so
/// it is dropped and the row keeps the file's or the user's currency.
const SYMBOLS: &[&str] = &["₹", "$", "€", "£", "¥", "Rs.", "Rs", "USD$", "US$"];

/// Characters that show nothing: direction marks (U+200E, U+200F, U+061C), embeddings and
/// isolates, zero-width spaces and joiners, the byte-order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// Spaces other than ' ' that banks group digits with.
fn odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}')
}

/// The cell without its invisible marks, its odd spaces made plain; most cells have
/// neither and are not copied.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| invisible(c) || odd_space(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter(|&c| !invisible(c))
        .map(|c| if odd_space(c) { ' ' } else { c })
        .collect()
}

/// The cell's digits and marks, its sign and currency taken off.
#[derive(Debug, PartialEq, Eq)]
struct Parts {
    negative: bool,
    currency: Option<Currency>,
    body: String,
}

/// Takes signs, parentheses, symbols, currency codes and `DR`/`CR` off both ends.
fn split(text: &str) -> Result<Parts, String> {
    let shown = visible(text);
    let mut rest = shown.trim();
    let mut negative = false;
    let mut signs = 0;
    let mut currency = None;
    loop {
        let before = rest;
        if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            negative = true;
            signs += 1;
            rest = inner.trim();
        }
        for (sign, is_negative) in [('-', true), ('−', true), ('+', false)] {
            if let Some(after) = rest.strip_prefix(sign) {
                negative |= is_negative;
                signs += 1;
                rest = after.trim_start();
            }
            if let Some(before) = rest.strip_suffix(sign) {
                negative |= is_negative;
                signs += 1;
                rest = before.trim_end();
            }
        }
        for (word, is_negative) in [("DR", true), ("Dr", true), ("CR", false), ("Cr", false)] {
            if let Some(before) = rest.strip_suffix(word)
                && before.ends_with(|c: char| c.is_ascii_digit() || c == ' ')
            {
                negative |= is_negative;
                signs += 1;
                rest = before.trim_end();
            }
        }
        for symbol in SYMBOLS {
            if let Some(after) = rest.strip_prefix(symbol) {
                rest = after.trim_start();
            }
            if let Some(before) = rest.strip_suffix(symbol) {
                rest = before.trim_end();
            }
        }
        if let Some((code, after)) = leading_code(rest) {
            currency = Some(code);
            rest = after;
        }
        if let Some((code, before)) = trailing_code(rest) {
            currency = Some(code);
            rest = before;
        }
        if rest == before {
            break;
        }
    }
    if signs > 1 {
        return Err(format!(
            "amount {} has more than one sign",
            quoted(text.trim())
        ));
    }
    Ok(Parts {
        negative,
        currency,
        body: rest.to_string(),
    })
}

/// `INR 12.00`: three capital letters, then the number.
fn leading_code(text: &str) -> Option<(Currency, &str)> {
    let code = text.get(..3)?;
    let rest = text.get(3..)?;
    if !code.bytes().all(|b| b.is_ascii_uppercase())
        || rest.starts_with(|c: char| c.is_alphabetic())
    {
        return None;
    }
    Some((Currency::parse(code).ok()?, rest.trim_start()))
}

/// `12.00 EUR`: the number, then three capital letters.
fn trailing_code(text: &str) -> Option<(Currency, &str)> {
    let split = text.len().checked_sub(3)?;
    let code = text.get(split..)?;
    let rest = text.get(..split)?;
    if !code.bytes().all(|b| b.is_ascii_uppercase()) || rest.ends_with(|c: char| c.is_alphabetic())
    {
        return None;
    }
    Some((Currency::parse(code).ok()?, rest.trim_end()))
}

/// Reads a bank's amount cell with `mark` as the decimal mark: the value with its sign, and
/// the currency the cell names. Reads back every amount the app writes, grouped or plain,
/// in either grouping.
pub fn parse_amount_with(text: &str, mark: DecimalMark) -> Result<SignedAmount, String> {
    parse_parts(text, &split(text)?, mark)
}

/// The amount `parts` of the cell `text` hold.
fn parse_parts(text: &str, parts: &Parts, mark: DecimalMark) -> Result<SignedAmount, String> {
    let shown = || quoted(text.trim());
    let body = parts.body.as_str();
    if body.is_empty() {
        return Err(format!("amount {} has no digits", shown()));
    }
    let (integer, fraction) = match body.split_once(mark.symbol()) {
        Some((integer, fraction)) => (integer, fraction),
        None => (body, ""),
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        let reason = if fraction.contains(mark.symbol()) || fraction.contains(mark.grouping()) {
            format!(
                "amount {} does not read with {} as the decimal mark; if the file uses {}, \
                 add --decimal {}",
                shown(),
                quoted(&mark.symbol().to_string()),
                quoted(&mark.grouping().to_string()),
                mark.grouping()
            )
        } else {
            format!("amount {} is not a number", shown())
        };
        return Err(reason);
    }
    let digits = ungroup(integer, mark).ok_or_else(|| {
        format!(
            "amount {} is not a number with {} as the decimal mark",
            shown(),
            quoted(&mark.symbol().to_string())
        )
    })?;
    if digits.is_empty() && fraction.is_empty() {
        return Err(format!("amount {} has no digits", shown()));
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > MAX_INTEGER_DIGITS {
        return Err(format!(
            "amount {} is too large; at most {MAX_INTEGER_DIGITS} digits before the decimal mark",
            shown()
        ));
    }
    if fraction.trim_end_matches('0').len() > 12 || fraction.len() > 20 {
        return Err(format!(
            "amount {} has more decimals than any currency",
            shown()
        ));
    }
    let number = format!(
        "{}.{fraction}",
        if significant.is_empty() {
            "0"
        } else {
            significant
        }
    );
    let mut value =
        Decimal::from_str(&number).map_err(|_| format!("amount {} is not a number", shown()))?;
    if parts.negative {
        value.set_sign_negative(true);
    }
    Ok(SignedAmount {
        value,
        currency: parts.currency,
    })
}

/// The integer digits without their grouping marks (`,` or `.`, whichever is not the
/// decimal mark, a space or `'`), or `None` when a mark is misplaced: at either end, or
/// two together.
fn ungroup(integer: &str, mark: DecimalMark) -> Option<String> {
    let grouping = |c: char| c == mark.grouping() || c == ' ' || c == '\'';
    if integer.starts_with(grouping) || integer.ends_with(grouping) {
        return None;
    }
    let mut digits = String::with_capacity(integer.len());
    let mut last_grouping = false;
    for c in integer.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            last_grouping = false;
        } else if grouping(c) && !last_grouping {
            last_grouping = true;
        } else {
            return None;
        }
    }
    Some(digits)
}

/// What a cell says about the decimal mark: `12.50` settles on `.`, `1.234,56` on `,`,
/// `1.000` could be either, `12` says nothing.
pub fn mark_evidence(text: &str) -> MarkEvidence {
    let Ok(parts) = split(text) else {
        return MarkEvidence::Nothing;
    };
    let body = parts.body.as_str();
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let last_is = |c: char| {
        body.rfind(['.', ','])
            .and_then(|at| body.get(at..))
            .is_some_and(|t| t.starts_with(c))
    };
    let digits_after = |c: char| body.rsplit(c).next().map_or(0, str::len);
    let mark = |c: char| {
        if c == '.' {
            DecimalMark::Dot
        } else {
            DecimalMark::Comma
        }
    };
    let evidence = match (dots, commas) {
        (0, 0) => MarkEvidence::Nothing,
        (_, _) if dots > 0 && commas > 0 => MarkEvidence::Settles(if last_is('.') {
            DecimalMark::Dot
        } else {
            DecimalMark::Comma
        }),
        (1, 0) | (0, 1) => {
            let c = if dots == 1 { '.' } else { ',' };
            let whole = body.split(c).next().unwrap_or_default();
            // `0.500` cannot be grouped thousands: no number is written with a leading 0.
            if digits_after(c) == 3 && !whole.is_empty() && whole != "0" {
                MarkEvidence::Ambiguous
            } else {
                MarkEvidence::Settles(mark(c))
            }
        }
        // `1.234.567` or `1,234,567`: a mark used more than once groups.
        (_, 0) => MarkEvidence::Settles(DecimalMark::Comma),
        (0, _) => MarkEvidence::Settles(DecimalMark::Dot),
        _ => MarkEvidence::Nothing,
    };
    // Only what reads as a number under the mark counts as evidence.
    match evidence {
        MarkEvidence::Settles(m) if parse_parts(text, &parts, m).is_err() => MarkEvidence::Nothing,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str, mark: DecimalMark) -> (String, Option<&'static str>) {
        let read = parse_amount_with(text, mark).unwrap_or_else(|e| panic!("{text}: {e}"));
        let code = read.currency.map(|c| match c.code() {
            "INR" => "INR",
            "EUR" => "EUR",
            "USD" => "USD",
            other => panic!("unexpected {other}"),
        });
        (read.value.normalize().to_string(), code)
    }

    #[test]
    fn every_shape_banks_write_reads_exactly() {
        use DecimalMark::{Comma, Dot};
        for (text, mark, value, code) in [
            ("1,234.56", Dot, "1234.56", None),
            ("1.234,56", Comma, "1234.56", None),
            ("1 234,56", Comma, "1234.56", None),
            ("1\u{a0}234,56", Comma, "1234.56", None),
            ("1\u{202f}234,56", Comma, "1234.56", None),
            ("1'234.56", Dot, "1234.56", None),
            ("-12.00", Dot, "-12", None),
            ("−12.00", Dot, "-12", None),
            ("(12.00)", Dot, "-12", None),
            ("12.00-", Dot, "-12", None),
            ("+12.00", Dot, "12", None),
            ("$12.00", Dot, "12", None),
            ("-$5.00", Dot, "-5", None),
            ("$-5.00", Dot, "-5", None),
            ("€ 12,00", Comma, "12", None),
            ("12,00 €", Comma, "12", None),
            ("₹1,200.50", Dot, "1200.5", None),
            ("Rs. 1,200.50", Dot, "1200.5", None),
            ("INR 1,200.50", Dot, "1200.5", Some("INR")),
            ("1.200,50 EUR", Comma, "1200.5", Some("EUR")),
            ("-1.200,50EUR", Comma, "-1200.5", Some("EUR")),
            ("+ $73.01", Dot, "73.01", None),
            ("USD 73.01", Dot, "73.01", Some("USD")),
            ("\u{200f}-12.00", Dot, "-12", None),
            ("\u{200e}1,234.56\u{200f}", Dot, "1234.56", None),
            ("12.00 DR", Dot, "-12", None),
            ("12.00 CR", Dot, "12", None),
            ("1,00,000.00", Dot, "100000", None),
            (".50", Dot, "0.5", None),
            ("12", Comma, "12", None),
            ("0,99", Comma, "0.99", None),
        ] {
            assert_eq!(amount(text, mark), (value.to_string(), code), "{text}");
        }
    }

    #[test]
    fn what_is_not_an_amount_is_refused_by_name() {
        use DecimalMark::{Comma, Dot};
        for (text, mark, reason) in [
            (
                "12x",
                Dot,
                "amount \"12x\" is not a number with \".\" as the decimal mark",
            ),
            ("", Dot, "amount \"\" has no digits"),
            ("$", Dot, "amount \"$\" has no digits"),
            ("--12", Dot, "amount \"--12\" has more than one sign"),
            ("(-12)", Dot, "amount \"(-12)\" has more than one sign"),
            (
                "1.234,56",
                Dot,
                "amount \"1.234,56\" does not read with \".\" as the decimal mark; if the file uses \",\", add --decimal ,",
            ),
            (
                "1,2,3.4.5",
                Dot,
                "amount \"1,2,3.4.5\" does not read with \".\" as the decimal mark; if the file uses \",\", add --decimal ,",
            ),
            (
                "1,,000",
                Dot,
                "amount \"1,,000\" is not a number with \".\" as the decimal mark",
            ),
            (
                "12345678901",
                Comma,
                "amount \"12345678901\" is too large; at most 10 digits before the decimal mark",
            ),
        ] {
            assert_eq!(
                parse_amount_with(text, mark).expect_err(text),
                reason,
                "{text}"
            );
        }
    }

    #[test]
    fn cells_settle_the_mark_or_leave_it_open() {
        use DecimalMark::{Comma, Dot};
        for (text, evidence) in [
            ("12.50", MarkEvidence::Settles(Dot)),
            ("12,50", MarkEvidence::Settles(Comma)),
            ("1,234.56", MarkEvidence::Settles(Dot)),
            ("1.234,56", MarkEvidence::Settles(Comma)),
            ("1.234.567", MarkEvidence::Settles(Comma)),
            ("1,234,567", MarkEvidence::Settles(Dot)),
            ("1 234,5", MarkEvidence::Settles(Comma)),
            ("1.000", MarkEvidence::Ambiguous),
            ("0.500", MarkEvidence::Settles(Dot)),
            ("-1,000", MarkEvidence::Ambiguous),
            ("12", MarkEvidence::Nothing),
            ("Total", MarkEvidence::Nothing),
        ] {
            assert_eq!(mark_evidence(text), evidence, "{text}");
        }
    }
}
