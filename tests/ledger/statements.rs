//! Bank statements as banks write them, one fixture per shape, read into exactly the rows
//! expected: what is spending, what came in, what was skipped, with each row's line.

use std::fmt::Write as _;

use chrono::NaiveDate;
use smart_spending_tracker::import::{
    DateOrder, DecimalMark, MapSpec, Outflows, RowKind, StatementOptions, encoding_for_label,
    read_statement,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 20).expect("date")
}

/// Each row as `LINE KIND DATE AMOUNT [CURRENCY] NOTE` or `LINE KIND REASON`.
fn rows_with(bytes: &[u8], options: &StatementOptions) -> Vec<String> {
    let statement = read_statement(bytes, options, today()).unwrap_or_else(|e| panic!("{e}"));
    statement
        .rows
        .iter()
        .map(|row| {
            let (kind, transaction) = match &row.kind {
                RowKind::Spending(t) => ("out", t),
                RowKind::Inflow(t) => ("in", t),
                RowKind::Skipped(reason) => return format!("{} skipped {reason}", row.line),
                RowKind::Error(reason) => return format!("{} error {reason}", row.line),
            };
            let mut text = format!(
                "{} {kind} {} {}",
                row.line, transaction.date, transaction.amount
            );
            if let Some(currency) = transaction.currency {
                let _ = write!(text, " {currency}");
            }
            if let Some(note) = &transaction.note {
                let _ = write!(text, " {note}");
            }
            if let Some(id) = &transaction.bank_id {
                let _ = write!(text, " #{id}");
            }
            if let Some(category) = &transaction.category {
                let _ = write!(text, " [{category}]");
            }
            text
        })
        .collect()
}

fn rows(text: &str) -> Vec<String> {
    rows_with(text.as_bytes(), &StatementOptions::default())
}

fn refusal_with(bytes: &[u8], options: &StatementOptions) -> String {
    read_statement(bytes, options, today())
        .expect_err("refused")
        .to_string()
}

fn refusal(text: &str) -> String {
    refusal_with(text.as_bytes(), &StatementOptions::default())
}

#[test]
fn a_signed_amount_column_with_mixed_signs_makes_negative_spending() {
    let text = "Date,Description,Amount,Balance\n\
                2025-05-01,Salary,\"50,000.00\",\"60,000.00\"\n\
                2025-05-02,Swiggy order,-450.50,\"59,549.50\"\n\
                2025-05-03,Refund,+120.00,\"59,669.50\"\n";
    assert_eq!(
        rows(text),
        [
            "2 in 2025-05-01 50000.00 Salary",
            "3 out 2025-05-02 450.50 Swiggy order",
            "4 in 2025-05-03 120.00 Refund",
        ]
    );
}

#[test]
fn all_positive_amounts_are_spending_and_outflows_says_otherwise() {
    let text = "Order Date,Item,Total\n05/13/2025,Book,$12.99\n05/14/2025,Lamp,$40.00\n";
    assert_eq!(
        rows(text),
        ["2 out 2025-05-13 12.99 Book", "3 out 2025-05-14 40.00 Lamp"]
    );
    let options = StatementOptions {
        outflows: Some(Outflows::Negative),
        ..StatementOptions::default()
    };
    assert_eq!(
        rows_with(text.as_bytes(), &options),
        ["2 in 2025-05-13 12.99 Book", "3 in 2025-05-14 40.00 Lamp"]
    );
}

#[test]
fn a_german_statement_with_preamble_semicolons_decimal_commas_and_latin1() {
    let text = "Kontonummer;1234567890\nZeitraum;01.05.2025 - 31.05.2025\n\n\
                Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\n\
                02.05.2025;02.05.2025;Bäckerei Müller;Brötchen;-3,50\n\
                13.05.2025;13.05.2025;Vermieter;Miete Mai;-1.234,56\n\
                15.05.2025;15.05.2025;Arbeitgeber;Gehalt;2.500,00\n\
                ;;;Endsaldo;1.261,94\n";
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
        .collect();
    let expected = [
        "5 out 2025-05-02 3.50 Bäckerei Müller - Brötchen",
        "6 out 2025-05-13 1234.56 Vermieter - Miete Mai",
        "7 in 2025-05-15 2500.00 Arbeitgeber - Gehalt",
        "8 skipped no date: a summary or footer line after the last transaction",
    ];
    assert_eq!(rows_with(&latin1, &StatementOptions::default()), expected);
    assert_eq!(rows(text), expected);
    let statement = read_statement(&latin1, &StatementOptions::default(), today()).expect("reads");
    assert_eq!(statement.reading.encoding, "windows-1252");
    assert_eq!(statement.reading.delimiter, b';');
    assert_eq!(statement.reading.header_line, 4);
    assert_eq!(statement.reading.date_order, DateOrder::DayMonthYear);
    assert_eq!(statement.reading.decimal, DecimalMark::Comma);
    assert_eq!(
        statement.reading.columns,
        "date=Buchungstag,amount=Betrag (EUR),note=Verwendungszweck,payee=Auftraggeber/Empfänger"
    );
}

#[test]
fn utf16_with_a_bom_tabs_and_crlf() {
    let text = "Date\tDescription\tAmount\r\n2025-05-09\tMetro card\t-200.00\r\n2025-05-10\tTea\t-20.00\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    assert_eq!(
        rows_with(&bytes, &StatementOptions::default()),
        [
            "2 out 2025-05-09 200.00 Metro card",
            "3 out 2025-05-10 20.00 Tea"
        ]
    );
}

#[test]
fn quoted_fields_hold_newlines_delimiters_and_quotes_and_lines_stay_physical() {
    let text = "\u{feff}Date|Description|Amount\n\
                2025-05-09|\"Dinner | \"\"Thai\"\"\nwith friends\"|-1,200.00\n\
                2025-05-10|Coffee|-3.00|||\n";
    assert_eq!(
        rows(text),
        [
            "2 out 2025-05-09 1200.00 Dinner | \"Thai\" with friends",
            "4 out 2025-05-10 3.00 Coffee",
        ]
    );
}

#[test]
fn debit_and_credit_columns_with_an_indian_bank_layout() {
    let text = "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance\n\
                09/05/25,09/05/25,UPI/SWIGGY,123,\"1,200.00\",,\"10,000.00\"\n\
                13/05/25,13/05/25,NEFT SALARY,456,,\"55,000.00\",\"65,000.00\"\n\
                14/05/25,14/05/25,ATM WDL,789,500.00, ,\"64,500.00\"\n";
    assert_eq!(
        rows(text),
        [
            "2 out 2025-05-09 1200.00 UPI/SWIGGY",
            "3 in 2025-05-13 55000.00 NEFT SALARY",
            "4 out 2025-05-14 500.00 ATM WDL",
        ]
    );
}

#[test]
fn a_type_column_beside_an_unsigned_amount() {
    let dutch = "\"Datum\",\"Naam / Omschrijving\",\"Rekening\",\"Af Bij\",\"Bedrag (EUR)\",\"Mededelingen\"\n\
                 \"20250502\",\"Albert Heijn\",\"NL01\",\"Af\",\"23,45\",\"Pinbetaling\"\n\
                 \"20250503\",\"Werkgever\",\"NL01\",\"Bij\",\"1500,00\",\"Salaris\"\n\
                 \"20250504\",\"Shop\",\"NL01\",\"Weg\",\"1,00\",\"?\"\n";
    assert_eq!(
        rows(dutch),
        [
            "2 out 2025-05-02 23.45 Albert Heijn - Pinbetaling",
            "3 in 2025-05-03 1500.00 Werkgever - Salaris",
            "4 error type \"Weg\" is neither a debit nor a credit (such as DR/CR, Debit/Credit, Af/Bij)",
        ]
    );
    let indian = "Date,Narration,Amount,Dr/Cr\n2025-05-09,Rent,\"15,000.00\",DR\n2025-05-10,Interest,12.00,CR\n";
    assert_eq!(
        rows(indian),
        [
            "2 out 2025-05-09 15000.00 Rent",
            "3 in 2025-05-10 12.00 Interest"
        ]
    );
}

#[test]
fn amounts_in_every_shape_with_codes_symbols_and_invisible_marks() {
    let text = "Date,Description,Amount\n\
                2025-05-01,a,(12.00)\n\
                2025-05-02,b,12.00-\n\
                2025-05-03,c,+ $73.01\n\
                2025-05-04,d,\"\u{200f}-₹1,234.50\"\n\
                2025-05-05,e,INR -99.00\n\
                2025-05-06,f,-5.00 USD\n\
                2025-05-07,g,-€2.50\n";
    assert_eq!(
        rows(text),
        [
            "2 out 2025-05-01 12.00 a",
            "3 out 2025-05-02 12.00 b",
            "4 in 2025-05-03 73.01 c",
            "5 out 2025-05-04 1234.50 d",
            "6 out 2025-05-05 99.00 INR e",
            "7 out 2025-05-06 5.00 USD f",
            "8 out 2025-05-07 2.50 g",
        ]
    );
    let spaces = "Date;Text;Amount\n13/05/2025;rent;-1 234,56\n14/05/2025;tea;-2,5\n";
    assert_eq!(
        rows(spaces),
        ["2 out 2025-05-13 1234.56 rent", "3 out 2025-05-14 2.5 tea"]
    );
}

#[test]
fn every_date_shape_reads() {
    for (cell, expected) in [
        ("2025-05-09", "2025-05-09"),
        ("2025/5/9", "2025-05-09"),
        ("13.05.25", "2025-05-13"),
        ("13/05/2025", "2025-05-13"),
        ("05/13/2025", "2025-05-13"),
        ("2025-05-09T18:30:00+05:30", "2025-05-09"),
        ("2025-05-09 18:30", "2025-05-09"),
    ] {
        let text = format!("Date,Description,Amount\n{cell},x,-1.00\n");
        assert_eq!(rows(&text), [format!("2 out {expected} 1.00 x")], "{cell}");
    }
}

#[test]
fn dates_the_file_cannot_settle_are_refused_and_the_flag_settles_them() {
    let text = "Date,Description,Amount\n05/06/2025,Tea,-2.00\n07/06/2025,Bus,-1.00\n";
    assert_eq!(
        refusal(text),
        "the dates read as DD/MM/YYYY and as MM/DD/YYYY alike, and no day above 12 settles which \
         (line 2 has \"05/06/2025\"); name the format with --date-format DD/MM/YYYY or \
         --date-format MM/DD/YYYY"
    );
    let options = StatementOptions {
        date_order: Some(DateOrder::MonthDayYear),
        ..StatementOptions::default()
    };
    assert_eq!(
        rows_with(text.as_bytes(), &options),
        ["2 out 2025-05-06 2.00 Tea", "3 out 2025-07-06 1.00 Bus"]
    );
}

#[test]
fn a_decimal_mark_the_file_cannot_settle_is_refused_and_the_flag_settles_it() {
    let text = "Date;Description;Amount\n2025-05-09;Rent;-1.000\n2025-05-10;Tea;-2\n";
    assert_eq!(
        refusal(text),
        "amount \"-1.000\" on line 2 could be with '.' or ',' as the decimal mark, and no \
         amount in the file settles which; name it with --decimal . or --decimal ,"
    );
    let options = StatementOptions {
        decimal: Some(DecimalMark::Comma),
        ..StatementOptions::default()
    };
    assert_eq!(
        rows_with(text.as_bytes(), &options),
        ["2 out 2025-05-09 1000 Rent", "3 out 2025-05-10 2 Tea"]
    );
    // Another row settles it.
    let settled = "Date;Description;Amount\n2025-05-09;Rent;-1.000\n2025-05-10;Tea;-2,50\n";
    assert_eq!(
        rows(settled),
        ["2 out 2025-05-09 1000 Rent", "3 out 2025-05-10 2.50 Tea"]
    );
}

#[test]
fn rows_that_cannot_be_read_are_errors_with_their_line() {
    let text = "Date,Description,Amount\n\
                2025-05-09,ok,-1.00\n\
                someday,bad date,-1.00\n\
                2025-05-10,bad amount,-1x\n\
                2025-05-11,no amount,\n\
                2025-05-12,zero,0.00\n\
                Date,Description,Amount\n\
                2030-01-01,far,-1.00\n\
                2025-05-13,last,-2.00\n\
                Total,,-4.00\n";
    assert_eq!(
        rows(text),
        [
            "2 out 2025-05-09 1.00 ok",
            "3 error date \"someday\" is not a YYYY-MM-DD date",
            "4 error amount \"-1x\" is not a number with \".\" as the decimal mark",
            "5 error the amount is empty",
            "6 skipped the amount is zero",
            "7 skipped the header repeated",
            "8 error date 2030-01-01 is more than a year after today (2025-05-20); if it is right, add --yes",
            "9 out 2025-05-13 2.00 last",
            "10 skipped no date: a summary or footer line after the last transaction",
        ]
    );
}

#[test]
fn map_names_columns_the_header_words_do_not_give() {
    let text = "When,What,How much,Ref,Kind\n2025-05-09,Tea,-2.00,T1,Food\n";
    assert_eq!(
        refusal(text),
        "cannot find the date column in the header (When, What, How much, Ref, Kind); name it \
         with --map, such as --map date=1,amount=2,note=3 (columns split at \",\"; name another \
         with --delimiter)"
    );
    let options = StatementOptions {
        map: MapSpec::parse("date=When,amount=3,note=What,id=Ref,category=Kind").expect("map"),
        ..StatementOptions::default()
    };
    assert_eq!(
        rows_with(text.as_bytes(), &options),
        ["2 out 2025-05-09 2.00 Tea #T1 [Food]"]
    );
    // A file with no header at all, its columns named by number.
    let headerless = "2025-05-09;Tea;-2,00\n2025-05-10;Bus;-1,00\n";
    let options = StatementOptions {
        map: MapSpec::parse("date=1,note=2,amount=3").expect("map"),
        ..StatementOptions::default()
    };
    assert_eq!(
        rows_with(headerless.as_bytes(), &options),
        ["1 out 2025-05-09 2.00 Tea", "2 out 2025-05-10 1.00 Bus"]
    );
}

#[test]
fn files_that_are_not_text_or_not_a_table_are_refused() {
    let forced = StatementOptions {
        encoding: Some(encoding_for_label("utf-8").expect("label")),
        ..StatementOptions::default()
    };
    assert_eq!(
        refusal_with(b"Date,Amount\n2025-05-09,\xff1\n", &forced),
        "line 2 is not valid UTF-8 text; check --encoding (such as utf-8, utf-16le or windows-1252)"
    );
    assert_eq!(
        refusal("nothing to see\nhere\n"),
        "no line splits into columns at ',' ';' tab or '|'; name the delimiter with --delimiter"
    );
    assert!(
        refusal_with(b"\x00\x01\x02,\x03\n", &StatementOptions::default())
            .contains("control character U+0000")
    );
}

#[test]
fn a_statement_with_no_transactions_reads_as_no_rows() {
    assert!(rows("Date,Description,Amount\n").is_empty());
    assert!(rows("Date,Description,Amount\n\n,,\n").is_empty());
}
