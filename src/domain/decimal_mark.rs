//! The decimal mark: the character between an amount's whole units and its fraction, `.`
//! (`1,234.50`) or `,` (`1.234,50`); the other one groups digits. People type and read
//! amounts with the mark they are used to, which by default is the usual one of the
//! currency they keep their books in.

use serde::{Deserialize, Serialize};

use super::Currency;

/// The character between an amount's whole units and its fraction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DecimalMark {
    /// `1,234.56`
    #[default]
    #[serde(rename = ".")]
    Dot,
    /// `1.234,56`
    #[serde(rename = ",")]
    Comma,
}

/// Currencies usually written with a decimal comma: the euro and most of Europe's other
/// currencies, and those of Latin America, Indonesia and Vietnam that write it so. Every
/// other currency (INR, USD, GBP, CHF, JPY, ...) is usually written with a point.
const COMMA_CURRENCIES: &[&str] = &[
    "EUR", "ALL", "AMD", "AZN", "BAM", "BGN", "BYN", "CZK", "DKK", "GEL", "HUF", "ISK", "MDL",
    "MKD", "NOK", "PLN", "RON", "RSD", "RUB", "SEK", "TRY", "UAH", "ARS", "BRL", "CLP", "COP",
    "PYG", "UYU", "IDR", "VND",
];

impl DecimalMark {
    /// `.` or `,`, as `--decimal`, the config's `decimal` and `SPEND_DECIMAL` write it.
    pub fn parse(text: &str) -> Option<DecimalMark> {
        match text.trim() {
            "." => Some(DecimalMark::Dot),
            "," => Some(DecimalMark::Comma),
            _ => None,
        }
    }

    /// The mark itself.
    pub fn symbol(self) -> char {
        match self {
            DecimalMark::Dot => '.',
            DecimalMark::Comma => ',',
        }
    }

    /// The other mark, which groups digits when this one is the decimal mark.
    pub fn grouping(self) -> char {
        match self {
            DecimalMark::Dot => ',',
            DecimalMark::Comma => '.',
        }
    }

    /// The mark people keeping their books in `currency` usually write: `,` for EUR, `.`
    /// for INR, USD and GBP.
    pub fn usual_for(currency: Currency) -> DecimalMark {
        if COMMA_CURRENCIES.contains(&currency.code()) {
            DecimalMark::Comma
        } else {
            DecimalMark::Dot
        }
    }

    /// `text`, a number written with `.` as its decimal point (as `Decimal` and
    /// [`Currency::format_plain`] write it), with this mark instead.
    pub fn write(self, plain: &str) -> String {
        match self {
            DecimalMark::Dot => plain.to_string(),
            DecimalMark::Comma => plain.replace('.', ","),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_currency_has_its_usual_mark() {
        let usual = |code| DecimalMark::usual_for(Currency::parse(code).expect(code));
        for code in ["EUR", "SEK", "PLN", "BRL"] {
            assert_eq!(usual(code), DecimalMark::Comma, "{code}");
        }
        for code in ["INR", "USD", "GBP", "CHF", "JPY"] {
            assert_eq!(usual(code), DecimalMark::Dot, "{code}");
        }
    }

    #[test]
    fn every_listed_code_is_a_currency_people_spend() {
        for code in COMMA_CURRENCIES {
            assert!(Currency::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn marks_parse_and_write() {
        assert_eq!(DecimalMark::parse(" , "), Some(DecimalMark::Comma));
        assert_eq!(DecimalMark::parse("."), Some(DecimalMark::Dot));
        assert_eq!(DecimalMark::parse("comma"), None);
        assert_eq!(DecimalMark::Comma.write("1234.50"), "1234,50");
        assert_eq!(DecimalMark::Dot.write("1234.50"), "1234.50");
    }
}
