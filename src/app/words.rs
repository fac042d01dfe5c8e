//! Messages in the app's own words. The core's refusals tell a command line user which flag
//! to add (`--currency`, `--outflows positive`); the app has no flags, so here they name
//! the field to type in or the key to press instead.

use crate::domain::{AmountError, quoted};

/// Why a typed amount was refused. `code_allowed` says whether the field takes a currency
/// code beside the amount (the expense dialog's does; a budget's or a recurring expense's
/// is always in the user's currency).
pub fn amount_error(error: &AmountError, code_allowed: bool) -> String {
    match error {
        AmountError::WrongSymbol {
            text,
            symbol,
            currency,
        } => {
            let number = text.trim_start_matches(*symbol).trim();
            match symbol_currency(*symbol).filter(|_| code_allowed) {
                Some(code) => format!(
                    "amount {} is marked {symbol}, which is not {currency}; type the \
                     currency's code with the amount ({code} {number}), or leave the symbol out",
                    quoted(text)
                ),
                None => format!(
                    "amount {} is marked {symbol}, which is not {currency}; amounts here \
                     are in {currency}, so leave the symbol out ({number})",
                    quoted(text)
                ),
            }
        }
        other => other.to_string(),
    }
}

/// The currency a symbol most often stands for, as an example of a code to type.
fn symbol_currency(symbol: char) -> Option<&'static str> {
    match symbol {
        '$' => Some("USD"),
        '€' => Some("EUR"),
        '£' => Some("GBP"),
        '¥' => Some("JPY"),
        '₹' => Some("INR"),
        _ => None,
    }
}

/// The import's options as the import dialog takes them: `--map` is the Columns field, and
/// every other option a `key=value` word in the Formats field.
const IMPORT_OPTIONS: &[(&str, &str)] = &[
    ("--date-format", "date"),
    ("--decimal", "decimal"),
    ("--delimiter", "delimiter"),
    ("--encoding", "encoding"),
    ("--skip", "skip"),
    ("--outflows", "outflows"),
    ("--profile", "profile"),
];

/// A message about reading a bank statement, with each command line option in it named as
/// the import dialog takes it: `--outflows positive` becomes `outflows=positive in
/// Formats`, `--map date=COL` becomes `date=COL in Columns`.
pub fn in_import_dialog_words(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 16);
    let mut rest = message;
    while let Some(at) = rest.find("--") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let name_end = after[2..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(after.len(), |end| end + 2);
        let (flag, tail) = after.split_at(name_end);
        let key = IMPORT_OPTIONS
            .iter()
            .find(|(option, _)| *option == flag)
            .map(|(_, key)| *key);
        let field = match (flag, key) {
            ("--map", _) => "Columns",
            (_, Some(_)) => "Formats",
            _ => {
                out.push_str(flag);
                rest = tail;
                continue;
            }
        };
        let value = option_value(tail);
        if let Some(key) = key {
            out.push_str(key);
            out.push('=');
        }
        out.push_str(value.unwrap_or(""));
        out.push_str(" in ");
        out.push_str(field);
        rest = value.map_or(tail, |value| &tail[1 + value.len()..]);
    }
    out.push_str(rest);
    out
}

/// The value an option is given in a message: the word after it, unless a bracket or
/// punctuation shows the option stands alone (`--encoding (such as utf-8)`, `--map,`).
fn option_value(tail: &str) -> Option<&str> {
    let word = tail.strip_prefix(' ')?;
    let end = word
        .find(|c: char| c.is_whitespace() || c == ')' || c == ';')
        .unwrap_or(word.len());
    let word = &word[..end];
    // A longer value keeps a sentence's comma or full stop out of it; `,` alone is one.
    let word = match word.strip_suffix([',', '.']) {
        Some(cut) if !cut.is_empty() => cut,
        _ => word,
    };
    (!word.is_empty() && !word.starts_with('(')).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    #[test]
    fn import_options_become_the_dialogs_fields() {
        for (message, expected) in [
            (
                "negative amounts are spending (the signs are mixed; --outflows positive for the other reading)",
                "negative amounts are spending (the signs are mixed; outflows=positive in Formats for the other reading)",
            ),
            (
                "no amount settles which; name it with --decimal . or --decimal ,",
                "no amount settles which; name it with decimal=. in Formats or decimal=, in Formats",
            ),
            (
                "cannot tell; name the format with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY",
                "cannot tell; name the format with date=DD/MM/YYYY in Formats or date=MM/DD/YYYY in Formats",
            ),
            (
                "the date column holds no date; name the date column with --map date=COL",
                "the date column holds no date; name the date column with date=COL in Columns",
            ),
            (
                "line 3 is not UTF-8; name its encoding with --encoding (such as latin1)",
                "line 3 is not UTF-8; name its encoding with encoding= in Formats (such as latin1)",
            ),
            (
                "(columns split at \";\"; name another with --delimiter)",
                "(columns split at \";\"; name another with delimiter= in Formats)",
            ),
            (
                "the file has no lines after --skip 3",
                "the file has no lines after skip=3 in Formats",
            ),
            ("nothing to change", "nothing to change"),
            (
                "save it again with --save-profile bank",
                "save it again with --save-profile bank",
            ),
        ] {
            assert_eq!(in_import_dialog_words(message), expected);
        }
    }

    #[test]
    fn every_option_named_is_a_key_the_formats_field_takes() {
        for (_, key) in IMPORT_OPTIONS {
            let error = crate::import::parse_settings(&format!("{key}=x"))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(!error.contains("is not a setting"), "{key}: {error}");
        }
    }

    #[test]
    fn a_wrong_symbol_names_the_code_to_type_or_the_currency_of_the_field() {
        let error = AmountError::WrongSymbol {
            text: "$99".into(),
            symbol: '$',
            currency: Currency::INR,
        };
        assert_eq!(
            amount_error(&error, true),
            "amount \"$99\" is marked $, which is not INR; type the currency's code with the \
             amount (USD 99), or leave the symbol out"
        );
        assert_eq!(
            amount_error(&error, false),
            "amount \"$99\" is marked $, which is not INR; amounts here are in INR, so leave \
             the symbol out (99)"
        );
    }
}
