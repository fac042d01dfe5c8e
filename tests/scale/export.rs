//! The export's row path writes byte for byte what the straightforward one (an owned
//! `Expense` per row, formatted through `Decimal` and chrono) writes.

use chrono::{Days, NaiveDate};
use smart_spending_tracker::domain::{CategoryId, NewExpense};
use smart_spending_tracker::domain::{Currency, Rate};
use smart_spending_tracker::export::{CSV_HEADER, neutralize, write_csv};
use smart_spending_tracker::store::{ExpenseFilter, NewUserDefaults, Store, StoreError};

/// The export as it was written before the row path: one owned `Expense` per row.
fn reference_csv(store: &Store, filter: &ExpenseFilter) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER).expect("header");
    store
        .each_expense(filter, |expense| {
            writer
                .write_record([
                    expense.id.to_string().as_str(),
                    &expense.user_id.to_string(),
                    &expense
                        .category_id
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    &neutralize(expense.category.as_deref().unwrap_or("")),
                    &expense.currency.format_plain(expense.amount),
                    expense.currency.code(),
                    &expense.date.format("%Y-%m-%d").to_string(),
                    &neutralize(expense.note.as_deref().unwrap_or("")),
                ])
                .map_err(|e| StoreError::InvalidInput(e.to_string()))
        })
        .expect("reference export");
    writer.into_inner().expect("flush")
}

const NOTES: [Option<&str>; 12] = [
    None,
    Some("Lunch at cafe"),
    Some("Dinner with friends, split 3 ways"),
    Some("Bought \"Atomic Habits\""),
    Some("two\nlines"),
    Some("=HYPERLINK(\"http://x\")"),
    Some("-2+3"),
    Some("@SUM(A1)"),
    Some("\tindented"),
    Some("chai ☕ and samosa"),
    Some(" leading space"),
    Some("a=b, plain"),
];

fn store() -> Store {
    let mut store = Store::open_in_memory(&NewUserDefaults::default()).expect("store");
    let me = store.resolve_user(None).expect("user").id;
    let other = store
        .add_user(
            "Kenji",
            "kenji@example.com",
            Currency::parse("JPY").expect("JPY"),
        )
        .expect("user")
        .id;
    let risky = store.add_category("+Risky", None).expect("category").id;
    let gone = store.add_category("Gone soon", None).expect("category").id;
    let currencies = ["INR", "JPY", "KWD", "USD"].map(|c| Currency::parse(c).expect("code"));
    let rows = (0..400_i64).map(|n| {
        let currency = currencies[usize::try_from(n % 4).unwrap_or(0)];
        let category = match n % 7 {
            0 => risky,
            1 => gone,
            k => CategoryId(k % 5 + 1),
        };
        let user = if n % 2 == 0 { me } else { other };
        let own = if user == me { "INR" } else { "JPY" };
        // Spent in another currency than the user's: converted at a rate given with it.
        let rate = (currency.code() != own).then(|| {
            let rate = if currency.code() == "KWD" {
                "271.0915"
            } else {
                "1.875"
            };
            Rate::parse(rate).expect("rate")
        });
        NewExpense {
            rate,
            user_id: user,
            category_id: category,
            // Zero is refused on the way in; a stored zero is written below.
            amount: currency.from_minor(((n * 7_919) % 1_000_003).max(1)),
            currency,
            date: NaiveDate::from_ymd_opt(2024, 11, 20).expect("date")
                + Days::new(u64::try_from(n % 75).unwrap_or(0)),
            note: NOTES[usize::try_from(n % 12).unwrap_or(0)].map(str::to_string),
        }
    });
    store.add_expenses(rows).expect("add");
    // A zero amount recorded before zero was refused still exports with its decimals; so
    // does an amount in another currency recorded before amounts were converted.
    store
        .connection()
        .execute(
            "INSERT INTO expenses (user_id, category_id, amount, currency, date)
             VALUES (?1, 1, 0, 'KWD', '2024-12-01'), (?1, 2, 1999, 'USD', '2024-12-02')",
            [me],
        )
        .expect("rows from before");
    store.remove_category(gone).expect("delete a category");
    store
}

#[test]
fn the_row_path_writes_what_the_owned_path_writes() {
    let store = store();
    let me = store.resolve_user(None).expect("user").id;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let filters = [
        ExpenseFilter {
            search: None,
            user: None,
            from: None,
            to: None,
        },
        ExpenseFilter {
            search: None,
            user: Some(me),
            from: None,
            to: None,
        },
        ExpenseFilter {
            search: None,
            user: None,
            from: day(2024, 12, 1),
            to: day(2024, 12, 31),
        },
        ExpenseFilter {
            search: None,
            user: Some(me),
            from: day(2024, 12, 1),
            to: day(2024, 12, 31),
        },
        ExpenseFilter {
            search: None,
            user: None,
            from: day(2025, 1, 15),
            to: None,
        },
        ExpenseFilter {
            search: None,
            user: Some(me),
            from: None,
            to: day(2024, 11, 24),
        },
    ];
    for filter in &filters {
        let mut fast = Vec::new();
        let rows = write_csv(&store, filter, &mut fast).expect("export");
        let expected = reference_csv(&store, filter);
        assert!(rows > 0, "{filter:?} selects rows");
        assert_eq!(
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&expected),
            "{filter:?}"
        );
    }
}

#[test]
fn amounts_keep_every_currency_s_decimals() {
    let store = store();
    let mut out = Vec::new();
    write_csv(
        &store,
        &ExpenseFilter {
            search: None,
            user: None,
            from: None,
            to: None,
        },
        &mut out,
    )
    .expect("export");
    let text = String::from_utf8(out).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut seen = std::collections::BTreeSet::new();
    for record in reader.records() {
        let record = record.expect("record");
        let decimals = record[4].split_once('.').map_or(0, |(_, f)| f.len());
        seen.insert((record[5].to_string(), decimals));
    }
    let expected: std::collections::BTreeSet<(String, usize)> =
        [("INR", 2), ("JPY", 0), ("KWD", 3), ("USD", 2)]
            .into_iter()
            .map(|(c, d)| (c.to_string(), d))
            .collect();
    assert_eq!(seen, expected);
}
