use super::*;

fn inr(text: &str) -> Result<String, AmountError> {
    parse_amount(text, Currency::INR).map(|d| d.to_string())
}

fn currency(code: &str) -> Currency {
    Currency::parse(code).expect(code)
}

/// What `text` typed by a person with `mark`, in `code`, reads as, or the refusal.
fn typed(text: &str, code: &str, mark: DecimalMark) -> Result<String, String> {
    parse_typed_amount(text, currency(code), mark)
        .map(|d| d.to_string())
        .map_err(|e| e.to_string())
}

#[test]
fn accepts_what_people_type() {
    for (typed, expected) in [
        ("250", "250.00"),
        ("250.5", "250.50"),
        ("1,200.50", "1200.50"),
        ("₹1,200.50", "1200.50"),
        ("₹ 99", "99.00"),
        ("1,00,000", "100000.00"),
        ("  42  ", "42.00"),
        (".5", "0.50"),
        ("7.", "7.00"),
        ("0", "0.00"),
        ("1.500", "1.50"),
        ("9999999999.99", "9999999999.99"),
        ("+12", "12.00"),
    ] {
        assert_eq!(inr(typed).as_deref(), Ok(expected), "typed {typed:?}");
    }
}

#[test]
fn refuses_with_a_specific_reason() {
    use AmountError as E;
    type Check = fn(&AmountError) -> bool;
    let cases: Vec<(&str, Check)> = vec![
        ("", |e| matches!(e, E::Empty(_))),
        ("   ", |e| matches!(e, E::Empty(_))),
        ("-5", |e| matches!(e, E::Negative(_))),
        ("₹-5", |e| matches!(e, E::Negative(_))),
        ("−5", |e| matches!(e, E::Negative(_))),
        ("1e3", |e| matches!(e, E::Exponent(_))),
        ("2.5E-1", |e| matches!(e, E::Exponent(_))),
        ("NaN", |e| matches!(e, E::NotANumber { .. })),
        ("inf", |e| matches!(e, E::NotANumber { .. })),
        ("ten", |e| matches!(e, E::NotANumber { .. })),
        ("١٢٣", |e| matches!(e, E::NotANumber { .. })),
        ("\u{ff11}\u{ff12}", |e| matches!(e, E::NotANumber { .. })),
        (".", |e| matches!(e, E::NotANumber { .. })),
        ("1 000", |e| matches!(e, E::Space { .. })),
        ("12,50", |e| {
            matches!(e, E::Misplaced { misplaced: ',', .. })
        }),
        ("1,2,3", |e| {
            matches!(e, E::Misplaced { misplaced: ',', .. })
        }),
        (",100", |e| matches!(e, E::Misplaced { misplaced: ',', .. })),
        ("1.2.3", |e| {
            matches!(e, E::Misplaced { misplaced: '.', .. })
        }),
        ("1.005", |e| {
            matches!(e, E::TooManyDecimals { found: 3, .. })
        }),
        ("12345678901", |e| matches!(e, E::TooLarge(_))),
        ("$99", |e| matches!(e, E::WrongSymbol { symbol: '$', .. })),
        ("€ 5", |e| matches!(e, E::WrongSymbol { symbol: '€', .. })),
    ];
    for (typed, is_expected) in cases {
        let error = inr(typed).expect_err(typed);
        assert!(is_expected(&error), "typed {typed:?} gave {error:?}");
    }
}

#[test]
fn error_messages_say_what_to_do() {
    let error = inr("1.005").expect_err("three decimals");
    assert_eq!(
        error.to_string(),
        "amount \"1.005\" has 3 decimals; INR allows 2"
    );
    let jpy = currency("JPY");
    let error = parse_amount("10.5", jpy).expect_err("one decimal");
    assert_eq!(
        error.to_string(),
        "amount \"10.5\" has 1 decimal; JPY allows none"
    );
    let error = inr("₹ सौ").expect_err("not a number");
    assert_eq!(
        error.to_string(),
        "amount \"₹ सौ\" is not a number; type digits such as 250 or 1,200.50"
    );
}

#[test]
fn expenses_refuse_zero_and_budgets_speak_of_budgets() {
    assert_eq!(
        parse_expense_amount(" 0.00 ", Currency::INR),
        Err(AmountError::Zero("0.00".into()))
    );
    assert_eq!(
        parse_expense_amount("0", Currency::INR)
            .expect_err("zero")
            .to_string(),
        "amount \"0\" is zero; an expense must be more than 0"
    );
    assert_eq!(
        parse_expense_amount("0.01", Currency::INR),
        Ok(Decimal::new(1, 2))
    );
    assert!(check_expense_amount(Decimal::ZERO, Currency::INR).is_err());
    assert!(check_expense_amount(Decimal::ONE, Currency::INR).is_ok());
    assert_eq!(
        parse_budget("0", Currency::INR),
        Ok(Decimal::new(0, 2)),
        "a zero budget is legitimate"
    );
    assert_eq!(
        parse_budget("-100", Currency::INR)
            .expect_err("negative")
            .to_string(),
        "budget \"-100\" is negative; set a budget of 0 or more"
    );
    assert!(matches!(
        parse_budget("ten", Currency::INR),
        Err(AmountError::NotANumber { .. })
    ));
    let eur = currency("EUR");
    assert_eq!(
        parse_typed_budget("2.000,50", eur, DecimalMark::Comma),
        Ok(Decimal::new(200_050, 2))
    );
    assert_eq!(
        parse_typed_expense_amount("0,00", eur, DecimalMark::Comma),
        Err(AmountError::Zero("0,00".into()))
    );
}

#[test]
fn a_decimal_comma_reads_like_a_decimal_point() {
    use DecimalMark::Comma;
    for (text, expected) in [
        ("12,50", "12.50"),
        ("12,5", "12.50"),
        ("1.234,50", "1234.50"),
        ("1.234", "1234.00"),
        ("1.234.567", "1234567.00"),
        ("1234,5", "1234.50"),
        ("€12,50", "12.50"),
        ("€ 1.000.000,00", "1000000.00"),
        ("0,500", "0.50"),
        (",5", "0.50"),
        ("1.000,000", "1000.00"),
    ] {
        assert_eq!(typed(text, "EUR", Comma).as_deref(), Ok(expected), "{text}");
    }
    for (text, message) in [
        (
            "12.50",
            "amount \"12.50\" has misplaced '.'; use '.' between thousands and ',' for decimals",
        ),
        (
            "1,234.50",
            "amount \"1,234.50\" has misplaced '.'; use '.' between thousands and ',' for decimals",
        ),
        (
            "1,2,3",
            "amount \"1,2,3\" has misplaced ','; use '.' between thousands and ',' for decimals",
        ),
        (
            "1 000",
            "amount \"1 000\" contains a space; type digits with '.' between thousands",
        ),
        (
            "zwölf",
            "amount \"zwölf\" is not a number; type digits such as 250 or 1.200,50",
        ),
        ("", "amount is empty; type a number such as 250 or 1.200,50"),
    ] {
        assert_eq!(
            typed(text, "EUR", Comma),
            Err(message.to_string()),
            "{text}"
        );
    }
}

#[test]
fn only_the_shape_that_reads_two_ways_is_refused_as_ambiguous() {
    use DecimalMark::{Comma, Dot};
    for (text, code, mark, message) in [
        (
            "1,500",
            "EUR",
            Comma,
            "amount \"1,500\" is ambiguous: 1,50 or 1500,00; type 1,50 or 1500",
        ),
        (
            "€1,000",
            "EUR",
            Comma,
            "amount \"€1,000\" is ambiguous: 1,00 or 1000,00; type 1,00 or 1000",
        ),
        (
            "1.500",
            "INR",
            Dot,
            "amount \"1.500\" is ambiguous: 1.50 or 1500.00; type 1.50 or 1500",
        ),
        (
            "100.000",
            "INR",
            Dot,
            "amount \"100.000\" is ambiguous: 100.00 or 100000.00; type 100.00 or 100000",
        ),
        (
            "1,234",
            "KWD",
            Comma,
            "amount \"1,234\" is ambiguous: 1,234 or 1234,000; type 1,2340 or 1234",
        ),
        (
            "1,000",
            "JPY",
            Comma,
            "amount \"1,000\" is ambiguous: 1 or 1000; type 1 or 1000",
        ),
        // Three decimals are no amount of a two-decimal currency: refused for that, with
        // the thousands reading as what to type.
        (
            "1,234",
            "EUR",
            Comma,
            "amount \"1,234\" has 3 decimals; EUR allows 2 (for 1234,00 type 1234 or 1.234)",
        ),
        (
            "1.005",
            "INR",
            Dot,
            "amount \"1.005\" has 3 decimals; INR allows 2 (for 1005.00 type 1005 or 1,005)",
        ),
    ] {
        assert_eq!(
            typed(text, code, mark),
            Err(message.to_string()),
            "{text} {code}"
        );
    }
    // One reading only: the grouping mark before three digits, another count of digits
    // after the decimal mark, a first group of 0 or of four digits, or both marks.
    for (text, code, mark, expected) in [
        ("1.500", "EUR", Comma, "1500.00"),
        ("1,500", "INR", Dot, "1500.00"),
        ("1,50", "EUR", Comma, "1.50"),
        ("1,5000", "EUR", Comma, "1.50"),
        ("0,500", "EUR", Comma, "0.50"),
        ("1234,500", "EUR", Comma, "1234.50"),
        ("1.500,000", "EUR", Comma, "1500.00"),
        ("1,500.000", "INR", Dot, "1500.00"),
        ("1,234", "KWD", Dot, "1234.000"),
        ("1,500", "JPY", Dot, "1500"),
    ] {
        assert_eq!(
            typed(text, code, mark).as_deref(),
            Ok(expected),
            "{text} {code}"
        );
    }
}

#[test]
fn files_and_requests_read_a_point_as_the_decimal_point_always() {
    assert_eq!(inr("1.500").as_deref(), Ok("1.50"));
    assert!(matches!(
        parse_amount("1.005", Currency::INR),
        Err(AmountError::TooManyDecimals {
            thousands: None,
            ..
        })
    ));
}

#[test]
fn a_symbol_must_be_the_currency_s_own() {
    let usd = currency("USD");
    let cad = currency("CAD");
    assert_eq!(
        parse_amount("$99", usd).map(|d| d.to_string()),
        Ok("99.00".into())
    );
    assert_eq!(
        parse_amount("$ 5", cad).map(|d| d.to_string()),
        Ok("5.00".into())
    );
    assert_eq!(inr("₹99").as_deref(), Ok("99.00"));
    assert_eq!(
        inr("$99").expect_err("dollar for rupees").to_string(),
        "amount \"$99\" is marked $, which is not INR; give its currency with --currency, or leave the symbol out"
    );
}

#[test]
fn zero_decimal_currencies_take_no_fraction() {
    let jpy = currency("JPY");
    assert!(parse_amount("10.5", jpy).is_err());
    assert_eq!(
        parse_amount("1,000", jpy).map(|d| d.to_string()),
        Ok("1000".into())
    );
}
