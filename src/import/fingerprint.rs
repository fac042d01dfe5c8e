//! What makes importing a statement twice harmless: each spending row's fingerprint. The
//! bank's transaction id where the file has one; otherwise the date, the amount, the
//! normalised description and the row's occurrence among identical rows of the file, so
//! two genuinely identical rows both import once, and an overlapping statement adds only
//! what is new.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::Currency;

/// A description as rules, learning and fingerprints compare it: lower case, invisible
/// marks gone, runs of spaces one space.
pub fn normalize_description(text: &str) -> String {
    let visible: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
        .flat_map(char::to_lowercase)
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The longest bank id kept as it is; a longer one is hashed, so every fingerprint fits
/// an index entry on both engines.
const MAX_ID_BYTES: usize = 200;

/// What a fingerprint is made of.
#[derive(Debug, Clone, Copy)]
pub struct FingerprintInput<'a> {
    pub bank_id: Option<&'a str>,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub currency: Currency,
    pub note: Option<&'a str>,
}

/// Fingerprints rows in file order, counting identical rows as they come.
#[derive(Debug, Default)]
pub struct Fingerprinter {
    seen: HashMap<String, u32>,
}

impl Fingerprinter {
    pub fn fingerprint(&mut self, row: FingerprintInput<'_>) -> String {
        if let Some(id) = row.bank_id.map(str::trim).filter(|id| !id.is_empty()) {
            return if id.len() <= MAX_ID_BYTES {
                format!("id:{id}")
            } else {
                format!("id#{}", hex(fnv1a_128(id.as_bytes())))
            };
        }
        let key = format!(
            "{}|{}|{}|{}",
            row.date,
            row.amount.normalize(),
            row.currency.code(),
            normalize_description(row.note.unwrap_or_default())
        );
        let occurrence = self.seen.entry(key.clone()).or_insert(0);
        *occurrence += 1;
        let key = format!("{key}|{occurrence}");
        format!("row:{}", hex(fnv1a_128(key.as_bytes())))
    }
}

/// FNV-1a, 128 bits: stable across builds and platforms (the standard library's hasher
/// promises neither), and wide enough that two rows of one person never collide.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes.iter().fold(OFFSET, |hash, &b| {
        (hash ^ u128::from(b)).wrapping_mul(PRIME)
    })
}

fn hex(value: u128) -> String {
    let mut text = String::with_capacity(32);
    let _ = write!(text, "{value:032x}");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(note: &'a str, id: Option<&'a str>) -> FingerprintInput<'a> {
        FingerprintInput {
            bank_id: id,
            date: NaiveDate::from_ymd_opt(2025, 5, 9).expect("date"),
            amount: Decimal::new(1200, 2),
            currency: Currency::INR,
            note: Some(note),
        }
    }

    #[test]
    fn identical_rows_differ_by_occurrence_and_files_agree() {
        let mut first = Fingerprinter::default();
        let a = first.fingerprint(input("Tea  Stall", None));
        let b = first.fingerprint(input("tea stall", None));
        assert_ne!(a, b, "the second identical row is another transaction");
        let mut again = Fingerprinter::default();
        assert_eq!(again.fingerprint(input("TEA STALL\u{200f}", None)), a);
        assert_eq!(again.fingerprint(input("Tea Stall", None)), b);
        // FNV-1a of the empty input is its offset basis: the hash is the published one.
        assert_eq!(hex(fnv1a_128(b"")), "6c62272e07bb014262b821756295c58d");
        assert_eq!(a.len(), "row:".len() + 32);
    }

    #[test]
    fn a_bank_id_is_the_fingerprint() {
        let mut prints = Fingerprinter::default();
        assert_eq!(prints.fingerprint(input("x", Some(" TX-1 "))), "id:TX-1");
        let long = "9".repeat(300);
        assert!(
            prints
                .fingerprint(input("x", Some(&long)))
                .starts_with("id#")
        );
    }
}
