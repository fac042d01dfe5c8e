//! Turning a statement's bytes into text: a byte-order mark decides, then UTF-8 if the bytes
//! are UTF-8, then Windows-1252 (which WHATWG, and so every browser a bank's export was
//! tested in, also uses for "Latin-1"). Text that is none of these is refused rather than
//! imported garbled.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::StatementError;

/// The text of a file, and the encoding it was read in, for `--dry-run` to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// The encoding `--encoding NAME` names: any WHATWG label (`utf-8`, `utf-16le`, `latin1`,
/// `iso-8859-1`, `windows-1252`, `cp1252`, …).
pub fn encoding_for_label(name: &str) -> Result<&'static Encoding, StatementError> {
    Encoding::for_label(name.trim().as_bytes()).ok_or_else(|| StatementError::File {
        reason: format!(
            "--encoding {name:?} names no encoding; use one such as utf-8, utf-16le, \
             windows-1252 or latin1"
        ),
    })
}

/// Decodes `bytes`, in `forced` when given, otherwise as the bytes themselves say.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, StatementError> {
    let (encoding, body) = match (forced, Encoding::for_bom(bytes)) {
        (Some(forced), Some((bom, length))) if forced == bom => (forced, &bytes[length..]),
        (Some(forced), _) => (forced, bytes),
        (None, Some((bom, length))) => (bom, &bytes[length..]),
        (None, None) => match std::str::from_utf8(bytes) {
            Ok(_) => (UTF_8, bytes),
            Err(_) => (WINDOWS_1252, bytes),
        },
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| not_decodable(body, encoding, forced.is_some()))?;
    check_plausible(&text, encoding, forced.is_some())?;
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// The refusal for bytes the encoding cannot read, naming the first line at fault.
fn not_decodable(body: &[u8], encoding: &'static Encoding, forced: bool) -> StatementError {
    let place = match std::str::from_utf8(body) {
        Err(error) if encoding == UTF_8 => format!("line {}", line_of(body, error.valid_up_to())),
        _ => "the file".to_string(),
    };
    let advice = if forced {
        "check --encoding"
    } else {
        "name its encoding with --encoding"
    };
    StatementError::File {
        reason: format!(
            "{place} is not valid {} text; {advice} (such as utf-8, utf-16le or windows-1252)",
            encoding.name()
        ),
    }
}

/// Refuses text that decoded but cannot be a statement: NUL or other control characters
/// mean binary data, or UTF-16 read without its byte-order mark; the characters WHATWG
/// maps Windows-1252's five unassigned bytes to mean the guess was wrong.
fn check_plausible(
    text: &str,
    encoding: &'static Encoding,
    forced: bool,
) -> Result<(), StatementError> {
    let guessed_1252 = encoding == WINDOWS_1252 && !forced;
    let bad = text.char_indices().find(|&(_, c)| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) && (c < '\u{80}' || guessed_1252)
    });
    match bad {
        None => Ok(()),
        Some((at, c)) => {
            let line = line_of(text.as_bytes(), at);
            Err(StatementError::File {
                reason: format!(
                    "line {line} holds the control character U+{:04X}, so the file is not text \
                     in {}; if it is a statement, name its encoding with --encoding (such as \
                     utf-16le or windows-1252)",
                    u32::from(c),
                    encoding.name()
                ),
            })
        }
    }
}

/// The 1-based line that byte `at` is on.
#[allow(clippy::naive_bytecount)] // Once, for a message; not worth a crate.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(..at)
        .unwrap_or(bytes)
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le_with_bom(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        bytes
    }

    fn utf16be_with_bom(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        bytes
    }

    #[test]
    fn every_encoding_a_bank_writes_reads_as_the_same_text() {
        let text = "Datum;Betrag;Verwendungszweck\n01.05.2025;-12,50;Café Müller\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(text.as_bytes());
        let latin1: Vec<u8> = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
            .collect();
        for (bytes, encoding) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            (bom, "UTF-8"),
            (utf16le_with_bom(text), "UTF-16LE"),
            (utf16be_with_bom(text), "UTF-16BE"),
            (latin1, "windows-1252"),
        ] {
            let decoded = decode(&bytes, None).expect("decodes");
            assert_eq!(
                decoded,
                Decoded {
                    text: text.to_string(),
                    encoding
                }
            );
        }
    }

    #[test]
    fn windows_1252_reads_its_euro_sign_and_quotes() {
        let decoded = decode(b"amount;note\n\x8012;\x93ok\x94\n", None).expect("decodes");
        assert_eq!(decoded.text, "amount;note\n€12;\u{201c}ok\u{201d}\n");
    }

    #[test]
    fn forcing_an_encoding_reads_the_bytes_in_it() {
        let forced = encoding_for_label("latin1").expect("label");
        // Valid UTF-8, but the person says it is Latin-1: "Ã©" it is.
        let decoded = decode("é".as_bytes(), Some(forced)).expect("decodes");
        assert_eq!(decoded.text, "Ã©");
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn what_does_not_decode_is_refused_with_its_line() {
        let forced = encoding_for_label("utf-8").expect("label");
        let error = decode(b"a\nb\nc\xff\n", Some(forced)).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "line 3 is not valid UTF-8 text; check --encoding (such as utf-8, utf-16le or \
             windows-1252)"
        );
        // UTF-16 without its mark: every other byte is NUL.
        let no_bom: Vec<u8> = "date,amount\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let error = decode(&no_bom, None).expect_err("refused");
        assert!(
            error
                .to_string()
                .starts_with("line 1 holds the control character U+0000"),
            "{error}"
        );
        // 0x81 is unassigned in Windows-1252, so the guess was wrong.
        let error = decode(b"x\n\x81\xff\n", None).expect_err("refused");
        assert!(
            error
                .to_string()
                .starts_with("line 2 holds the control character U+0081"),
            "{error}"
        );
        assert_eq!(
            encoding_for_label("klingon")
                .expect_err("unknown")
                .to_string(),
            "--encoding \"klingon\" names no encoding; use one such as utf-8, utf-16le, \
             windows-1252 or latin1"
        );
    }
}
