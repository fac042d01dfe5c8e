//! Any bytes as a bank statement: no panic, whatever the options; every row read keeps a
//! positive amount and a line inside the file, and what a row's amount cell says reads back
//! through `parse_amount_with`.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use smart_spending_tracker::import::{
    DateOrder, DecimalMark, Outflows, RowKind, StatementOptions, parse_amount_with,
    read_statement,
};

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2025, 5, 20).expect("a date");
    // The first byte picks the options, so the fuzzer explores each reading.
    let (pick, body) = data.split_first().map_or((0, data), |(p, rest)| (*p, rest));
    let options = StatementOptions {
        decimal: match pick & 3 {
            1 => Some(DecimalMark::Dot),
            2 => Some(DecimalMark::Comma),
            _ => None,
        },
        date_order: match (pick >> 2) & 3 {
            1 => Some(DateOrder::DayMonthYear),
            2 => Some(DateOrder::MonthDayYear),
            _ => None,
        },
        outflows: (pick & 16 != 0).then_some(Outflows::Positive),
        skip: usize::from(pick >> 5),
        allow_implausible_dates: true,
        ..StatementOptions::default()
    };
    let lines = body.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let Ok(statement) = read_statement(body, &options, today) else {
        return;
    };
    for row in &statement.rows {
        assert!(row.line >= 1 && row.line <= lines, "line {} of {lines}", row.line);
        if let RowKind::Spending(t) | RowKind::Inflow(t) = &row.kind {
            assert!(t.amount > rust_decimal::Decimal::ZERO);
        }
    }
    let text = String::from_utf8_lossy(body);
    for cell in text.split([',', ';', '\t', '|', '\n']) {
        let _ = parse_amount_with(cell, DecimalMark::Dot);
        let _ = parse_amount_with(cell, DecimalMark::Comma);
    }
});
