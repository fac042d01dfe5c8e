//! Any text as an amount: no panic, and an accepted amount is non-negative, has the
//! currency's decimals, fits minor units and reads back equal from both written forms.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{Currency, parse_amount};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for code in ["INR", "JPY", "KWD"] {
        let currency = Currency::parse(code).expect("a known code");
        let Ok(amount) = parse_amount(text, currency) else {
            continue;
        };
        assert!(amount >= Decimal::ZERO, "{text:?} gave {amount}");
        assert_eq!(amount.scale(), currency.decimals(), "{text:?}");
        let minor = currency
            .to_minor(amount)
            .expect("accepted amounts fit minor units");
        assert_eq!(currency.from_minor(minor), amount);
        for written in [
            currency.format_plain(amount),
            currency.format_grouped(amount),
        ] {
            assert_eq!(
                parse_amount(&written, currency),
                Ok(amount),
                "{text:?} -> {written:?}"
            );
        }
    }
});
