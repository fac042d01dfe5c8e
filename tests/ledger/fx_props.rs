//! Properties of exchange rates and conversion: rates parse exactly with up to 10 decimals
//! and refuse 11; a conversion is the exact product rounded half-even, checked against
//! whole-number arithmetic done here, not by the code under test.

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use smart_spending_tracker::domain::{AmountError, Currency, Rate, RateError, convert};

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![Just("JPY"), Just("INR"), Just("KWD")]
        .prop_map(|code| Currency::parse(code).expect("a known code"))
}

/// A rate as (mantissa, decimals), with at most 10 digits before the point (fewer with 9
/// or 10 decimals, so the mantissa fits an i64).
fn rate_parts() -> impl Strategy<Value = (u64, u32)> {
    (0_u32..=10).prop_flat_map(|scale| {
        let max = 10_u64.pow(10 + scale.min(8)) - 1;
        (1..=max, Just(scale))
    })
}

/// `mantissa` with `scale` decimals written out in full, with `zeros` trailing zeros.
fn written(mantissa: u64, scale: u32, zeros: usize) -> String {
    let digits = format!("{mantissa:0>width$}", width = scale as usize + 1);
    let (integer, fraction) = digits.split_at(digits.len() - scale as usize);
    let fraction = format!("{fraction}{}", "0".repeat(zeros));
    if fraction.is_empty() {
        integer.to_string()
    } else {
        format!("{integer}.{fraction}")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn rates_parse_exactly_with_up_to_ten_decimals(
        (mantissa, scale) in rate_parts(),
        zeros in 0_usize..3,
    ) {
        let text = written(mantissa, scale, zeros);
        let rate = Rate::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(rate.value(), Decimal::new(i64::try_from(mantissa).expect("fits"), scale));
        // What is stored and shown reads back to the same rate.
        prop_assert_eq!(Rate::parse(&rate.to_string()), Ok(rate));
    }

    #[test]
    fn a_rate_with_eleven_decimals_is_refused(integer in 0_u64..1000, fraction in 0_u64..10_000_000_000) {
        // The 11th decimal is not zero, so the rate cannot be shortened to 10.
        let text = format!("{integer}.{fraction:010}7");
        prop_assert!(
            matches!(Rate::parse(&text), Err(RateError::TooManyDecimals { found: 11, .. })),
            "{text}"
        );
    }

    #[test]
    fn conversion_is_the_exact_product_rounded_half_even(
        from in currency(),
        to in currency(),
        amount_minor in 1_i64..=999_999_999_999,
        (rate_mantissa, rate_scale) in rate_parts(),
    ) {
        let amount = from.from_minor(amount_minor);
        let rate = Rate::new(Decimal::new(i64::try_from(rate_mantissa).expect("fits"), rate_scale))
            .expect("a positive rate");
        // The product in units of 10^-(scale), as whole numbers.
        let product = i128::from(amount_minor) * rate.value().mantissa();
        let scale = from.decimals() + rate.value().scale();
        let target = to.decimals();
        let expected: i128 = if scale <= target {
            product * 10_i128.pow(target - scale)
        } else {
            let unit = 10_i128.pow(scale - target);
            // The nearest whole number of target units: q with |product - q·unit| ≤ unit/2,
            // the even one of two when exactly half-way.
            let below = product / unit;
            let gap_below = product - below * unit;
            let gap_above = unit - gap_below;
            if gap_below < gap_above || (gap_below == gap_above && below % 2 == 0) {
                below
            } else {
                below + 1
            }
        };
        let result = convert(amount, rate, to);
        if expected >= 10_i128.pow(10 + target) {
            prop_assert!(matches!(result, Err(AmountError::TooLarge(_))), "{result:?}");
            return Ok(());
        }
        let converted = result.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(converted.scale(), target);
        prop_assert_eq!(converted.mantissa(), expected);
        // And where a Decimal product is exact, rust_decimal's half-even rounding agrees.
        if product.abs() < 10_i128.pow(27) {
            let rounded = (amount * rate.value())
                .round_dp_with_strategy(target, RoundingStrategy::MidpointNearestEven);
            prop_assert_eq!(rounded, converted);
        }
    }

    #[test]
    fn an_exact_half_goes_to_the_even_neighbour(
        whole in 0_i64..=9_999_999,
        odd in (0_i64..=499).prop_map(|k| 2 * k + 1),
        (from, to) in prop_oneof![Just(("INR", "JPY")), Just(("KWD", "INR"))],
    ) {
        let from = Currency::parse(from).expect("code");
        let to = Currency::parse(to).expect("code");
        // An amount ending in half of the target's unit, times an odd whole rate, lands
        // exactly half-way between two target units.
        let step = 10_i64.pow(from.decimals() - to.decimals());
        let amount_minor = whole * step + step / 2;
        let rate = Rate::new(Decimal::from(odd)).expect("a positive rate");
        let converted = convert(from.from_minor(amount_minor), rate, to)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let twice = i128::from(amount_minor) * i128::from(odd) * 2 / i128::from(step);
        // `twice` is odd: the value is twice/2 target units, half-way; the even one wins.
        prop_assert_eq!(twice % 2, 1);
        let (below, above) = (twice / 2, twice / 2 + 1);
        let even = if below % 2 == 0 { below } else { above };
        prop_assert_eq!(converted.mantissa(), even, "{} × {}", amount_minor, odd);
    }
}
