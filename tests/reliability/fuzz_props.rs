//! Fuzzing with proptest: the amount parser, the date parser and the CSV import reader never
//! panic, and whatever they accept means what it says and round-trips. Mutated valid input
//! reaches the edges that random text rarely does. `SPEND_FUZZ_SCALE=N` runs N times the
//! cases (the long run in RELIABILITY.md); the cargo-fuzz targets in fuzz/ go further.

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use smart_spending_tracker::domain::{Currency, parse_amount, parse_date};
use smart_spending_tracker::domain::{User, UserId};
use smart_spending_tracker::export::{CSV_HEADER, neutralize, write_csv};
use smart_spending_tracker::import::parse_csv;
use smart_spending_tracker::store::{ExpenseFilter, NamedExpense, NewUserDefaults, Store};

/// Cases for a property: `default` times `SPEND_FUZZ_SCALE` (1 unless set).
fn cases(default: u32) -> Config {
    let scale = std::env::var("SPEND_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1);
    Config::with_cases(default.saturating_mul(scale.max(1)))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 20).expect("a date")
}

fn user() -> User {
    User {
        id: UserId(1),
        name: "Me".into(),
        email: "me@localhost".into(),
        currency: Currency::INR,
        warn_percent: 80,
    }
}

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![Just("INR"), Just("JPY"), Just("KWD"), Just("USD")]
        .prop_map(|code| Currency::parse(code).expect("a known code"))
}

/// Characters that sit near the edge of what an amount or a date may hold.
const EDGE_CHARS: &[char] = &[
    '0', '1', '5', '9', ',', '.', ' ', '\u{a0}', '\t', '-', '\u{2212}', '+', 'e', 'E', '₹', '$',
    '€', '\u{661}', '\u{967}', '\u{ff11}', '\u{200b}', '_', '\'', '/', 'T', ':', 'Z', '\u{301}',
];

/// Valid text with up to three characters inserted, removed or replaced.
fn mutated(valid: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let edit = (
        0..3_u8,
        any::<prop::sample::Index>(),
        prop::sample::select(EDGE_CHARS),
    );
    (valid, prop::collection::vec(edit, 0..4)).prop_map(|(text, edits)| {
        let mut chars: Vec<char> = text.chars().collect();
        for (kind, at, c) in edits {
            let len = chars.len();
            match kind {
                0 => chars.insert(at.index(len + 1), c),
                1 if len > 0 => {
                    chars.remove(at.index(len));
                }
                _ if len > 0 => chars[at.index(len)] = c,
                _ => chars.push(c),
            }
        }
        chars.into_iter().collect()
    })
}

/// An amount as the program itself writes it, plain or grouped, maybe with a symbol.
fn written_amount() -> impl Strategy<Value = String> {
    (
        0..=99_999_999_999_999_i64,
        currency(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(minor, currency, grouped, symbol)| {
            let amount = currency.from_minor(minor);
            let text = if grouped {
                currency.format_grouped(amount)
            } else {
                currency.format_plain(amount)
            };
            if symbol { format!("₹{text}") } else { text }
        })
}

/// An amount cell as a spreadsheet or the export holds it: two decimals at most.
fn amount_cell() -> impl Strategy<Value = String> {
    (0..=99_999_999_i64, any::<bool>()).prop_map(|(minor, grouped)| {
        let amount = Currency::INR.from_minor(minor);
        if grouped {
            Currency::INR.format_grouped(amount)
        } else {
            Currency::INR.format_plain(amount)
        }
    })
}

/// What an accepted amount must be worth: its digits read as a plain decimal number.
fn face_value(text: &str) -> Option<Decimal> {
    let body = text.trim();
    let body = body
        .strip_prefix(['₹', '$', '€', '£', '¥'])
        .unwrap_or(body)
        .trim_start();
    let body = body.strip_prefix('+').unwrap_or(body).replace(',', "");
    if !body.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let body = if body.starts_with('.') {
        format!("0{body}")
    } else {
        body
    };
    let body = body.strip_suffix('.').map_or(body.clone(), str::to_string);
    body.parse().ok()
}

fn check_amount(text: &str, currency: Currency) -> Result<(), TestCaseError> {
    let Ok(amount) = parse_amount(text, currency) else {
        return Ok(());
    };
    prop_assert!(amount >= Decimal::ZERO, "{text:?} gave {amount}");
    prop_assert_eq!(amount.scale(), currency.decimals(), "{:?}", text);
    prop_assert_eq!(
        face_value(text),
        Some(amount),
        "{:?} is not worth {}",
        text,
        amount
    );
    let minor = currency.to_minor(amount);
    prop_assert!(minor.is_ok(), "{text:?}: {minor:?}");
    for written in [
        currency.format_plain(amount),
        currency.format_grouped(amount),
    ] {
        prop_assert_eq!(
            parse_amount(&written, currency),
            Ok(amount),
            "{:?} -> {:?}",
            text,
            written
        );
    }
    Ok(())
}

fn check_date(text: &str) -> Result<(), TestCaseError> {
    let Ok(date) = parse_date(text, today()) else {
        return Ok(());
    };
    let iso = date.format("%Y-%m-%d").to_string();
    prop_assert_eq!(parse_date(&iso, today()), Ok(date));
    let word = text.trim().to_ascii_lowercase();
    if word != "today" && word != "yesterday" {
        // The only other form accepted is the canonical one, so nothing is guessed.
        prop_assert_eq!(text.trim(), iso.as_str(), "accepted {:?}", text);
    }
    prop_assert!(
        (1..=9999).contains(&chrono::Datelike::year(&date)),
        "{text:?}"
    );
    Ok(())
}

/// The rows written back in the export's format, as `spend export` would.
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

/// Whatever a file's reading accepts reads back the same from the export's format.
fn check_csv(input: &[u8]) -> Result<(), TestCaseError> {
    let Ok(rows) = parse_csv(input, &user(), today()) else {
        return Ok(());
    };
    for row in &rows {
        prop_assert!(row.expense.amount >= Decimal::ZERO);
        prop_assert_eq!(row.expense.amount.scale(), row.expense.currency.decimals());
        prop_assert!(!row.category.trim().is_empty());
        prop_assert_eq!(row.category.trim(), row.category.as_str());
    }
    let again = parse_csv(&export_format(&rows)[..], &user(), today());
    prop_assert_eq!(again.as_ref(), Ok(&rows));
    Ok(())
}

/// A header cell: a column name in any case, maybe padded.
fn header_cell(name: &'static str) -> impl Strategy<Value = String> {
    (any::<bool>(), any::<bool>()).prop_map(move |(upper, pad)| {
        let name = if upper {
            name.to_uppercase()
        } else {
            name.to_string()
        };
        if pad { format!(" {name} ") } else { name }
    })
}

fn date_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0..3_652_059_u64).prop_map(|days| {
            let date = NaiveDate::from_ymd_opt(1, 1, 1).expect("year 1") + chrono::Days::new(days);
            date.format("%Y-%m-%d").to_string()
        }),
        1 => mutated(Just("2025-05-09".to_string())),
        1 => Just("today".to_string()),
    ]
}

fn text_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z][A-Za-z &'-]{0,12}",
        1 => "[=+@'\\-\t\r ]{0,2}[A-Za-z0-9 ,\"\n]{0,10}",
        1 => "\\PC{0,12}",
        1 => any::<String>(),
    ]
}

/// A CSV document with the required columns in any order, maybe more, and rows of cells that
/// are mostly valid.
fn csv_document() -> impl Strategy<Value = Vec<u8>> {
    let columns = (
        Just(vec!["amount", "category", "date"]).prop_shuffle(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    );
    (columns, any::<bool>()).prop_flat_map(|((mut names, currency, note, extra), bom)| {
        if currency {
            names.push("currency");
        }
        if note {
            names.push("note");
        }
        if extra {
            names.push("comment");
        }
        let names = Just(names.clone()).prop_shuffle();
        names.prop_flat_map(move |names| {
            let header: Vec<BoxedStrategy<String>> =
                names.iter().map(|n| header_cell(n).boxed()).collect();
            let cell = |name: &str| -> BoxedStrategy<String> {
                match name {
                    "amount" => {
                        prop_oneof![8 => amount_cell(), 1 => mutated(amount_cell())].boxed()
                    }
                    "date" => date_cell().boxed(),
                    "currency" => prop_oneof![
                        4 => Just(String::new()),
                        4 => Just("INR".to_string()),
                        2 => Just("usd".to_string()),
                        1 => Just("JPY".to_string()),
                        1 => Just("XX".to_string()),
                    ]
                    .boxed(),
                    _ => text_cell().boxed(),
                }
            };
            let row: Vec<BoxedStrategy<String>> = names.iter().map(|n| cell(n)).collect();
            (header, prop::collection::vec(row, 0..6)).prop_map(move |(header, rows)| {
                let mut writer = csv::Writer::from_writer(Vec::new());
                writer.write_record(&header).expect("header");
                for row in &rows {
                    writer.write_record(row).expect("row");
                }
                let mut bytes = writer.into_inner().expect("flush");
                if bom {
                    bytes.splice(0..0, "\u{feff}".bytes());
                }
                bytes
            })
        })
    })
}

proptest! {
    #![proptest_config(cases(4000))]

    #[test]
    fn mutated_amounts_are_refused_or_worth_what_they_say(
        text in mutated(written_amount()),
        currency in currency(),
    ) {
        check_amount(&text, currency)?;
    }

    #[test]
    fn any_text_as_an_amount_is_refused_or_worth_what_it_says(
        text in any::<String>(),
        currency in currency(),
    ) {
        check_amount(&text, currency)?;
    }

    #[test]
    fn mutated_dates_are_refused_or_exactly_the_iso_date_typed(text in mutated(date_cell())) {
        check_date(&text)?;
    }

    #[test]
    fn arbitrary_bytes_never_crash_the_csv_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_csv(&bytes)?;
    }

    #[test]
    fn accepted_csv_rows_read_back_equal_from_the_export_format(document in csv_document()) {
        check_csv(&document)?;
    }
}

proptest! {
    #![proptest_config(cases(150))]

    /// Through the real store: an import is all or nothing, and what it stored exports and
    /// reads back with the same values.
    #[test]
    fn imported_rows_export_and_import_back_equal(document in csv_document()) {
        let Ok(rows) = parse_csv(&document[..], &user(), today()) else {
            return Ok(());
        };
        let mut store = Store::open_in_memory(&NewUserDefaults::default()).expect("store");
        if store.import_expenses(&rows, true).is_err() {
            prop_assert_eq!(store.expense_count().expect("count"), 0, "a refused import wrote rows");
            return Ok(());
        }
        let mut exported = Vec::new();
        let filter = ExpenseFilter { search: None, user: None, from: None, to: None };
        write_csv(&store, &filter, &mut exported).expect("export");
        let back = parse_csv(&exported[..], &user(), today()).expect("the export reads back");
        prop_assert_eq!(back.len(), rows.len());
        for (got, sent) in back.iter().zip(&rows) {
            let (g, s) = (&got.expense, &sent.expense);
            prop_assert_eq!(got.category.to_lowercase(), sent.category.to_lowercase());
            prop_assert_eq!((g.amount, g.currency, g.date), (s.amount, s.currency, s.date));
            // The store keeps no note that is only blank.
            let kept = s.note.clone().filter(|n| !n.trim().is_empty());
            prop_assert_eq!(&g.note, &kept);
        }
    }
}

/// The generated documents must often be accepted, or the round-trip properties would hold
/// only vacuously.
#[test]
fn generated_csv_documents_are_often_accepted_with_rows() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = csv_document();
    let (mut accepted, mut rows) = (0, 0);
    for _ in 0..500 {
        let document = strategy
            .new_tree(&mut runner)
            .expect("a document")
            .current();
        if let Ok(parsed) = parse_csv(&document[..], &user(), today())
            && !parsed.is_empty()
        {
            accepted += 1;
            rows += parsed.len();
        }
    }
    eprintln!("{accepted} of 500 generated documents accepted with rows, {rows} rows");
    assert!(
        accepted >= 100,
        "only {accepted} of 500 documents were accepted with rows"
    );
}
