//! Any bytes as a CSV import: no panic, and the rows accepted read back equal from the
//! export's format (the formula guard included).
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use smart_spending_tracker::domain::Currency;
use smart_spending_tracker::export::{CSV_HEADER, neutralize};
use smart_spending_tracker::import::parse_csv;
use smart_spending_tracker::store::NamedExpense;
use smart_spending_tracker::domain::{User, UserId};

fn export_format(rows: &[NamedExpense]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER).expect("header");
    for (id, row) in rows.iter().enumerate() {
        let e = &row.expense;
        writer
            .write_record([
                (id + 1).to_string().as_str(),
                "1",
                "1",
                &neutralize(&row.category),
                &e.currency.format_plain(e.amount),
                e.currency.code(),
                &e.date.format("%Y-%m-%d").to_string(),
                &neutralize(e.note.as_deref().unwrap_or("")),
            ])
            .expect("row");
    }
    writer.into_inner().expect("flush")
}

fuzz_target!(|data: &[u8]| {
    let user = User {
        id: UserId(1),
        name: "Me".into(),
        email: "me@localhost".into(),
        currency: Currency::INR,
        warn_percent: 80,
    };
    let today = NaiveDate::from_ymd_opt(2025, 5, 20).expect("a date");
    let Ok(rows) = parse_csv(data, &user, today) else {
        return;
    };
    for row in &rows {
        assert!(!row.category.trim().is_empty());
        assert_eq!(row.expense.amount.scale(), row.expense.currency.decimals());
    }
    let again = parse_csv(&export_format(&rows)[..], &user, today).expect("the export reads");
    assert_eq!(again, rows);
});
