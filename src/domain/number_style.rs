//! How numbers are written for people: the digit grouping and the decimal mark together.
//! Files for programs (CSV, JSON, journals) never use it: they stay plain, with `.`.

use super::{Currency, DecimalMark, Grouping};

/// How amounts and counts are written for a person to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NumberStyle {
    pub grouping: Grouping,
    pub decimal: DecimalMark,
}

impl NumberStyle {
    /// The style of a person keeping their books in `currency`: the decimal mark they chose,
    /// else the usual one of that currency.
    pub fn for_books_in(
        grouping: Grouping,
        chosen: Option<DecimalMark>,
        currency: Currency,
    ) -> NumberStyle {
        NumberStyle {
            grouping,
            decimal: chosen.unwrap_or_else(|| DecimalMark::usual_for(currency)),
        }
    }

    /// A whole number with separators: `1,000`, `1,00,000`, or `1.000` with a decimal comma.
    pub fn whole(self, n: u64) -> String {
        self.grouping.group(&n.to_string(), self.decimal.grouping())
    }
}

/// A grouping alone writes a decimal point, as amounts were written before the decimal mark
/// could be chosen.
impl From<Grouping> for NumberStyle {
    fn from(grouping: Grouping) -> NumberStyle {
        NumberStyle {
            grouping,
            decimal: DecimalMark::Dot,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_with_the_mark_that_is_not_the_decimal_one() {
        let comma = NumberStyle {
            grouping: Grouping::International,
            decimal: DecimalMark::Comma,
        };
        assert_eq!(comma.whole(1_234_567), "1.234.567");
        assert_eq!(
            NumberStyle::from(Grouping::Indian).whole(100_000),
            "1,00,000"
        );
    }

    #[test]
    fn the_books_currency_chooses_unless_the_person_did() {
        let eur = Currency::parse("EUR").expect("EUR");
        let style = |chosen| NumberStyle::for_books_in(Grouping::International, chosen, eur);
        assert_eq!(style(None).decimal, DecimalMark::Comma);
        assert_eq!(style(Some(DecimalMark::Dot)).decimal, DecimalMark::Dot);
        let rupees = NumberStyle::for_books_in(Grouping::Indian, None, Currency::INR);
        assert_eq!(rupees.decimal, DecimalMark::Dot);
    }
}
