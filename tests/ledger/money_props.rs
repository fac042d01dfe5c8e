//! Properties of money and date parsing: exact round trips through text and minor units,
//! exact sums, and no panics on anything typed.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{
    AmountError, Currency, DecimalMark, Grouping, MAX_INTEGER_DIGITS, NumberStyle, parse_amount,
    parse_date, parse_typed_amount,
};

/// The largest minor amount these properties cover: twelve digits.
const MAX_MINOR: i64 = 999_999_999_999;

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![Just("JPY"), Just("INR"), Just("KWD")]
        .prop_map(|code| Currency::parse(code).expect("a known code"))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 20).expect("a real date")
}

/// Digits before the decimal point of `minor` minor units.
fn integer_digits(currency: Currency, minor: i64) -> usize {
    let whole = minor / 10_i64.pow(currency.decimals());
    whole.to_string().len()
}

/// What typed text must do: parse back to `amount` if it fits the digit limit, else be
/// refused as too large, never accepted with another value.
fn assert_round_trip(
    typed: &str,
    amount: Decimal,
    minor: i64,
    currency: Currency,
) -> Result<(), TestCaseError> {
    let parsed = parse_amount(typed, currency);
    if integer_digits(currency, minor) > MAX_INTEGER_DIGITS {
        prop_assert!(
            matches!(parsed, Err(AmountError::TooLarge(_))),
            "{typed:?} in {currency}: {parsed:?}"
        );
        return Ok(());
    }
    prop_assert_eq!(parsed.as_ref(), Ok(&amount), "{:?} in {}", typed, currency);
    let parsed = parsed.expect("checked above");
    prop_assert_eq!(parsed.scale(), currency.decimals());
    prop_assert_eq!(currency.to_minor(parsed), Ok(minor));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn plain_text_round_trips(minor in 0..=MAX_MINOR, currency in currency()) {
        let amount = currency.from_minor(minor);
        let plain = currency.format_plain(amount);
        prop_assert!(!plain.contains(','));
        if currency.decimals() > 0 {
            let (_, fraction) = plain.split_once('.').expect("a decimal point");
            prop_assert_eq!(fraction.len(), currency.decimals() as usize);
        }
        assert_round_trip(&plain, amount, minor, currency)?;
    }

    #[test]
    fn grouped_text_round_trips(minor in 0..=MAX_MINOR, currency in currency()) {
        let amount = currency.from_minor(minor);
        let grouped = currency.format_grouped(amount);
        prop_assert_eq!(
            grouped.replace(',', ""),
            currency.format_plain(amount),
            "grouping only adds commas"
        );
        assert_round_trip(&grouped, amount, minor, currency)?;
    }

    #[test]
    fn both_groupings_round_trip(
        minor in 0..=MAX_MINOR,
        currency in currency(),
        negative in any::<bool>(),
    ) {
        let amount = currency.from_minor(minor);
        for grouping in [Grouping::International, Grouping::Indian] {
            let grouped = currency.format_grouped_as(amount, grouping);
            prop_assert_eq!(
                grouped.replace(',', ""),
                currency.format_plain(amount),
                "{:?} only adds commas",
                grouping
            );
            let digits = grouped.split('.').next().unwrap_or_default();
            let groups: Vec<&str> = digits.split(',').collect();
            let (last, rest) = groups.split_last().expect("one group at least");
            let inner = match grouping {
                Grouping::International => 3,
                Grouping::Indian => 2,
            };
            prop_assert!(rest.is_empty() || last.len() == 3, "{}", grouped);
            prop_assert!(
                rest.iter().skip(1).all(|g| g.len() == inner),
                "{} groups by {}",
                grouped,
                inner
            );
            prop_assert!(rest.first().is_none_or(|g| (1..=inner).contains(&g.len())), "{}", grouped);
            assert_round_trip(&grouped, amount, minor, currency)?;
            if negative && minor > 0 {
                // Negative amounts are shown (a remaining budget), never typed back.
                let shown = currency.format_grouped_as(-amount, grouping);
                prop_assert_eq!(shown, format!("-{grouped}"));
            }
        }
    }

    #[test]
    fn amounts_within_the_limit_always_round_trip(
        minor in 0..=9_999_999_999_i64,
        currency in currency(),
    ) {
        // Ten digits of minor units fit every currency, so nothing here may be refused.
        let amount = currency.from_minor(minor);
        for typed in [currency.format_plain(amount), currency.format_grouped(amount)] {
            prop_assert_eq!(parse_amount(&typed, currency), Ok(amount));
        }
    }

    #[test]
    fn sums_of_parsed_amounts_are_exact(
        minors in proptest::collection::vec(0..=9_999_999_999_i64, 0..40),
        currency in currency(),
    ) {
        let mut sum = Decimal::ZERO;
        for &minor in &minors {
            let typed = currency.format_plain(currency.from_minor(minor));
            sum += parse_amount(&typed, currency).expect("within the limit");
        }
        let expected: i64 = minors.iter().sum();
        prop_assert_eq!(sum, currency.from_minor(expected));
        prop_assert_eq!(currency.to_minor(sum), Ok(expected));
    }

    #[test]
    fn cents_add_up_without_drift(count in 1..500_usize) {
        // 0.10 added n times is exactly n/10: the float classic that must not happen here.
        let dime = parse_amount("0.10", Currency::INR).expect("0.10");
        let sum: Decimal = std::iter::repeat_n(dime, count).sum();
        prop_assert_eq!(Currency::INR.to_minor(sum), Ok(i64::try_from(count * 10).expect("small")));
    }

    #[test]
    fn any_text_parses_or_is_refused_without_panic(
        text in prop_oneof![
            any::<String>(),
            "[-+ ,.0-9eE₹$١٢٣]{0,16}",
            "[₹$€£¥]? ?[0-9]{1,3}(,[0-9]{2,3}){0,4}(\\.[0-9]{0,4})?",
        ],
        currency in currency(),
    ) {
        if let Ok(amount) = parse_amount(&text, currency) {
            prop_assert!(amount >= Decimal::ZERO, "{text:?} gave {amount}");
            prop_assert_eq!(amount.scale(), currency.decimals());
            let minor = currency.to_minor(amount).expect("accepted amounts fit minor units");
            assert_round_trip(&currency.format_plain(amount), amount, minor, currency)?;
            assert_round_trip(&currency.format_grouped(amount), amount, minor, currency)?;
        }
    }

    #[test]
    fn amounts_as_shown_read_back_with_the_same_mark_or_are_refused_as_ambiguous(
        minor in 0..=9_999_999_999_i64,
        currency in currency(),
        indian in any::<bool>(),
        comma in any::<bool>(),
    ) {
        let style = NumberStyle {
            grouping: if indian { Grouping::Indian } else { Grouping::International },
            decimal: if comma { DecimalMark::Comma } else { DecimalMark::Dot },
        };
        let amount = currency.from_minor(minor);
        // The one shape that reads two ways: 1 to 999 whole units and three decimals.
        let whole = minor / 10_i64.pow(currency.decimals());
        let two_ways = currency.decimals() == 3 && (1..1000).contains(&whole);
        for shown in [
            currency.format_grouped_as(amount, style),
            currency.format_typed(amount, style.decimal),
        ] {
            let read = parse_typed_amount(&shown, currency, style.decimal);
            if two_ways {
                prop_assert!(matches!(read, Err(AmountError::Ambiguous(_))), "{shown:?}: {read:?}");
            } else {
                prop_assert_eq!(read, Ok(amount), "{:?} in {} with {:?}", shown, currency, style);
            }
        }
    }

    #[test]
    fn typed_text_is_read_as_it_would_be_with_a_point_or_refused(
        text in prop_oneof![
            any::<String>(),
            "[-+ ,.0-9eE₹$€]{0,16}",
            "[₹$€]? ?[0-9]{1,3}([.,][0-9]{2,3}){0,4}([.,][0-9]{0,4})?",
        ],
        currency in currency(),
    ) {
        // With a point as the decimal mark, typed text reads as files do, but for the one
        // shape that reads two ways, which is refused rather than read.
        let typed = parse_typed_amount(&text, currency, DecimalMark::Dot);
        let plain = parse_amount(&text, currency);
        match (&typed, &plain) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(AmountError::Ambiguous(_)), Ok(_)) | (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{text:?}: typed {typed:?}, plain {plain:?}"),
        }
        // With a comma, the same text with the marks swapped reads the same way.
        let swapped: String = text
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                other => other,
            })
            .collect();
        let with_comma = parse_typed_amount(&swapped, currency, DecimalMark::Comma);
        prop_assert_eq!(with_comma.is_ok(), typed.is_ok(), "{:?} / {:?}", text, swapped);
        if let (Ok(a), Ok(b)) = (&with_comma, &typed) {
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn any_text_is_a_date_that_formats_back_or_is_refused(
        text in prop_oneof![
            any::<String>(),
            "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}",
            "[0-9]{4}-(0[0-9]|1[0-3])-([0-2][0-9]|3[0-2])",
            " ?(today|Yesterday|TODAY|tomorrow) ?",
        ],
    ) {
        if let Ok(date) = parse_date(&text, today()) {
            let iso = date.format("%Y-%m-%d").to_string();
            prop_assert_eq!(parse_date(&iso, today()), Ok(date), "{:?} -> {}", text, iso);
        }
    }

    #[test]
    fn every_real_date_round_trips(days in 0..3_652_059_i64) {
        // Every day from 0001-01-01 to 9999-12-31.
        let start = NaiveDate::from_ymd_opt(1, 1, 1).expect("year 1");
        let date = start + chrono::Days::new(u64::try_from(days).expect("non-negative"));
        let iso = date.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_date(&iso, today()), Ok(date), "{}", iso);
    }
}

#[test]
fn the_digit_limit_sits_where_documented() {
    let jpy = Currency::parse("JPY").expect("JPY");
    let kwd = Currency::parse("KWD").expect("KWD");
    let limit = "9".repeat(MAX_INTEGER_DIGITS);
    let over = format!("1{}", "0".repeat(MAX_INTEGER_DIGITS));
    for currency in [jpy, Currency::INR, kwd] {
        let parsed = parse_amount(&limit, currency).expect("ten digits fit");
        assert_eq!(
            currency.format_plain(parsed).split('.').next(),
            Some(limit.as_str())
        );
        assert!(
            matches!(parse_amount(&over, currency), Err(AmountError::TooLarge(_))),
            "{currency}"
        );
    }
}
