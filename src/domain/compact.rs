//! Short forms of large amounts for tight columns and bar labels: `4.8k`, `1.2M`, `30.0B`.
//! A short form is visibly short (it carries its suffix); a figure is never cut instead.

use rust_decimal::{Decimal, RoundingStrategy};

/// Thousands, millions, billions, trillions.
const STEPS: [(i64, &str); 4] = [
    (1_000_000_000_000, "T"),
    (1_000_000_000, "B"),
    (1_000_000, "M"),
    (1_000, "k"),
];

/// The amount in whole units below a thousand (`999`), else with one decimal and a suffix
/// (`1.2k`, `10.0B`), rounded half away from zero; a rounding that reaches the next step
/// moves to it (`999,999` is `1.0M`, not `1000.0k`).
pub fn compact_amount(amount: Decimal) -> String {
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    let value = amount.abs();
    let whole = value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    if whole < Decimal::from(1000) {
        return format!("{sign}{whole}");
    }
    let mut short = String::new();
    for (step, suffix) in STEPS.iter().rev() {
        let scaled = (value / Decimal::from(*step))
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        short = format!("{sign}{scaled:.1}{suffix}");
        if scaled < Decimal::from(1000) {
            break;
        }
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(text: &str) -> String {
        compact_amount(text.parse().expect("decimal"))
    }

    #[test]
    fn large_amounts_get_a_visible_suffix_and_keep_their_magnitude() {
        assert_eq!(compact("0.00"), "0");
        assert_eq!(compact("999"), "999");
        assert_eq!(compact("999.49"), "999");
        assert_eq!(compact("4800"), "4.8k");
        assert_eq!(compact("1234567"), "1.2M");
        assert_eq!(compact("999999"), "1.0M");
        assert_eq!(compact("10000000000"), "10.0B");
        assert_eq!(compact("29999999999.97"), "30.0B");
        assert_eq!(compact("2500000000000"), "2.5T");
        assert_eq!(compact("-200000"), "-200.0k");
    }
}
