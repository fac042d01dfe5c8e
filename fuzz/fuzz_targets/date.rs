//! Any text as a date: no panic, and an accepted date is either a word (today, yesterday)
//! or exactly the ISO date typed, in years 1 to 9999.
#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use smart_spending_tracker::domain::parse_date;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2025, 5, 20).expect("a date");
    let Ok(date) = parse_date(text, today) else {
        return;
    };
    let iso = date.format("%Y-%m-%d").to_string();
    assert_eq!(parse_date(&iso, today), Ok(date));
    let word = text.trim().to_ascii_lowercase();
    if word != "today" && word != "yesterday" {
        assert_eq!(text.trim(), iso, "accepted {text:?}");
    }
    assert!((1..=9999).contains(&date.year()), "{text:?}");
});
