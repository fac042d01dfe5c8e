//! Properties of statement reading: amounts never panic and read back exactly what the
//! app writes; date detection never picks an order that some date of the file contradicts.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use smart_spending_tracker::domain::{Currency, Grouping};
use smart_spending_tracker::import::{DateOrder, DecimalMark, detect_order, parse_amount_with};

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![Just("JPY"), Just("INR"), Just("KWD")]
        .prop_map(|code| Currency::parse(code).expect("a known code"))
}

fn mark() -> impl Strategy<Value = DecimalMark> {
    prop_oneof![Just(DecimalMark::Dot), Just(DecimalMark::Comma)]
}

/// A date written in one order with one separator, years with two or four digits.
fn written_date() -> impl Strategy<Value = String> {
    (
        1970_i32..2060,
        1_u32..=12,
        1_u32..=28,
        0_usize..3,
        prop_oneof![Just('-'), Just('/'), Just('.')],
        any::<bool>(),
    )
        .prop_map(|(year, month, day, order, separator, short)| {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("a real date");
            let y = if short && order > 0 {
                format!("{:02}", date.year() % 100)
            } else {
                date.year().to_string()
            };
            let (m, d) = (format!("{month:02}"), format!("{day:02}"));
            match order {
                0 => format!("{y}{separator}{m}{separator}{d}"),
                1 => format!("{d}{separator}{m}{separator}{y}"),
                _ => format!("{m}{separator}{d}{separator}{y}"),
            }
        })
}

proptest! {
    #[test]
    fn parse_amount_with_never_panics(text in "\\PC{0,24}", mark in mark()) {
        let _ = parse_amount_with(&text, mark);
    }

    #[test]
    fn parse_amount_with_never_panics_on_amount_like_text(
        text in "[-+()$€₹ 0-9.,'A-Z\u{200f}\u{a0}]{0,20}",
        mark in mark(),
    ) {
        let _ = parse_amount_with(&text, mark);
    }

    /// What the app writes (plain, grouped either way, signed, with its code) reads back as
    /// the same amount with '.' as the decimal mark.
    #[test]
    fn parse_amount_with_reads_back_what_the_app_writes(
        minor in -999_999_999_999_i64..=999_999_999_999,
        currency in currency(),
        indian in any::<bool>(),
        code in any::<bool>(),
    ) {
        let amount = currency.from_minor(minor);
        let grouping = if indian { Grouping::Indian } else { Grouping::International };
        for written in [currency.format_plain(amount), currency.format_grouped_as(amount, grouping)] {
            let written = if code { format!("{} {written}", currency.code()) } else { written };
            let read = parse_amount_with(&written, DecimalMark::Dot);
            let whole_digits = (minor.abs() / 10_i64.pow(currency.decimals())).to_string().len();
            if whole_digits > 10 {
                prop_assert!(read.is_err(), "{written} read as {read:?}");
            } else {
                let read = read.map_err(TestCaseError::fail)?;
                prop_assert_eq!(read.value, amount, "{}", written);
                prop_assert_eq!(read.currency, code.then_some(currency));
            }
        }
    }

    /// With the marks swapped (`1.234,56`), the same amounts read with ',' as the mark.
    #[test]
    fn parse_amount_with_reads_decimal_commas(minor in 0_i64..=99_999_999_999, negative in any::<bool>()) {
        let amount = Currency::INR.from_minor(if negative { -minor } else { minor });
        let written: String = Currency::INR
            .format_grouped(amount)
            .chars()
            .map(|c| match c { '.' => ',', ',' => '.', other => other })
            .collect();
        let read = parse_amount_with(&written, DecimalMark::Comma).map_err(TestCaseError::fail)?;
        prop_assert_eq!(read.value, amount);
    }

    /// Whatever order detection picks, every date that some order reads is read by it.
    #[test]
    fn detection_never_picks_an_order_a_date_contradicts(
        dates in prop::collection::vec(prop_oneof![
            4 => written_date(),
            1 => "[0-9./-]{0,10}",
        ], 1..12),
    ) {
        let cells: Vec<(u64, &str)> = dates.iter().zip(2_u64..).map(|(d, line)| (line, d.as_str())).collect();
        if let Ok(order) = detect_order(&cells) {
            for (line, cell) in &cells {
                let someone_reads = DateOrder::ALL.iter().any(|o| o.read(cell).is_some());
                prop_assert!(
                    !someone_reads || order.read(cell).is_some(),
                    "picked {:?}, which line {} ({:?}) contradicts", order, line, cell
                );
            }
        }
    }

    /// Dates all written in one order are read in it whenever the file settles the order.
    #[test]
    fn a_settled_order_reads_every_date_as_written(
        days in prop::collection::vec((1_u32..=12, 1_u32..=31), 1..10),
    ) {
        let dates: Vec<NaiveDate> = days
            .iter()
            .filter_map(|&(m, d)| NaiveDate::from_ymd_opt(2025, m, d))
            .collect();
        prop_assume!(!dates.is_empty());
        let written: Vec<String> = dates.iter().map(|d| d.format("%d/%m/%Y").to_string()).collect();
        let cells: Vec<(u64, &str)> = written.iter().zip(2_u64..).map(|(d, l)| (l, d.as_str())).collect();
        match detect_order(&cells) {
            Ok(order) => {
                for (date, cell) in dates.iter().zip(&written) {
                    prop_assert_eq!(order.read(cell), Some(*date));
                }
            }
            Err(error) => {
                // Refused only when nothing settles it: every day is 12 or less.
                prop_assert!(dates.iter().all(|d| d.day() <= 12), "{}", error);
                prop_assert!(error.to_string().contains("--date-format"));
            }
        }
    }
}
