//! What makes importing a statement twice harmless: each spending row's fingerprint. The
//! bank's transaction id where the file has one; otherwise the date, the amount, the
//! normalised description and the row's occurrence among identical rows of the file, so
//! two genuinely identical rows both import once, and an overlapping statement adds only
//! what is new.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::Currency;

/// A description as rules, learning and fingerprints compare it: lower case, invisible
/// marks gone, runs of spaces one space.
pub fn normalize_description(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().filter(|c| !invisible(*c)) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
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
    /// How often each row's content (by its hash) has come so far.
    seen: HashMap<u128, u32>,
}

impl Fingerprinter {
    pub fn fingerprint(&mut self, row: FingerprintInput<'_>) -> String {
        if let Some(id) = row.bank_id.map(str::trim).filter(|id| !id.is_empty()) {
            return if id.len() <= MAX_ID_BYTES {
                format!("id:{id}")
            } else {
                let mut hash = Fnv128::default();
                hash.write(id.as_bytes());
                format!("id#{}", hex(hash.0))
            };
        }
        // The content is hashed as it is normalised, with no text built on the way: this
        // runs for every row of a statement.
        let mut content = Fnv128::default();
        // A statement's dates have four-digit years, which always have this form.
        let date = crate::domain::iso_date_bytes(row.date).unwrap_or([b'?'; 10]);
        content.write(&date);
        content.write(b"|");
        let amount = row.amount.normalize();
        content.write(&amount.mantissa().to_le_bytes());
        content.write(&amount.scale().to_le_bytes());
        content.write(b"|");
        content.write(row.currency.code().as_bytes());
        content.write(b"|");
        write_normalized(&mut content, row.note.unwrap_or_default());
        let occurrence = self.seen.entry(content.0).or_insert(0);
        *occurrence += 1;
        let mut print = content;
        print.write(b"|");
        print.write(&occurrence.to_le_bytes());
        // The date leads, so a statement's fingerprints, in date order as statements are,
        // go into neighbouring places of the index rather than all over it.
        format!("row:{}:{}", row.date, hex(print.0))
    }
}

/// Feeds `text` as [`normalize_description`] would write it.
fn write_normalized(hash: &mut Fnv128, text: &str) {
    let mut pending_space = false;
    let mut started = false;
    let mut buffer = [0_u8; 4];
    for c in text.chars().filter(|c| !invisible(*c)) {
        if c.is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space {
            hash.write(b" ");
            pending_space = false;
        }
        started = true;
        for lower in c.to_lowercase() {
            hash.write(lower.encode_utf8(&mut buffer).as_bytes());
        }
    }
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// FNV-1a, 128 bits: stable across builds and platforms (the standard library's hasher
/// promises neither), and wide enough that two rows of one person never collide.
struct Fnv128(u128);

impl Default for Fnv128 {
    fn default() -> Self {
        Fnv128(0x6c62_272e_07bb_0142_62b8_2175_6295_c58d)
    }
}

impl Fnv128 {
    fn write(&mut self, bytes: &[u8]) {
        const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
        for &b in bytes {
            self.0 = (self.0 ^ u128::from(b)).wrapping_mul(PRIME);
        }
    }
}

fn hex(value: u128) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    (0..32)
        .rev()
        .map(|nibble| {
            char::from(DIGITS[usize::try_from((value >> (nibble * 4)) & 0xf).unwrap_or(0)])
        })
        .collect()
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
        // FNV-1a of the empty input is its offset basis, and of "a" the published value.
        assert_eq!(hex(Fnv128::default().0), "6c62272e07bb014262b821756295c58d");
        assert!(a.starts_with("row:2025-05-09:"), "{a}");
        assert_eq!(a.len(), "row:2025-05-09:".len() + 32);
        let mut one = Fnv128::default();
        one.write(b"a");
        assert_eq!(hex(one.0), "d228cb696f1a8caf78912b704e4a8964");
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

#[cfg(test)]
mod normalizing {
    use super::*;

    #[test]
    fn the_hash_reads_descriptions_as_normalize_description_writes_them() {
        for text in ["  Tea\u{200f}  STALL ", "ÄRZTE\tHaus", "", "   ", "a b"] {
            let mut streamed = Fnv128::default();
            write_normalized(&mut streamed, text);
            let mut whole = Fnv128::default();
            whole.write(normalize_description(text).as_bytes());
            assert_eq!(streamed.0, whole.0, "{text:?}");
        }
    }
}
