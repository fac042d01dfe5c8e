//! Bearer tokens: `spend_<id>_<secret>`, where the secret is 32 random bytes in hex. The
//! ledger keeps only the SHA-256 hash of the secret; the number finds the row, and the hash
//! is compared in constant time.

use std::fmt::Write;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::domain::TokenId;

const PREFIX: &str = "spend_";
const SECRET_BYTES: usize = 32;

/// A secret just made, before it is stored: shown once, kept as its hash.
pub struct NewSecret {
    pub secret: String,
    pub hash: [u8; 32],
}

/// Makes a new random secret from the operating system's generator.
pub fn new_secret() -> Result<NewSecret, getrandom::Error> {
    let mut bytes = [0_u8; SECRET_BYTES];
    getrandom::fill(&mut bytes)?;
    let secret = bytes
        .iter()
        .fold(String::with_capacity(2 * SECRET_BYTES), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
    let hash = hash(&secret);
    Ok(NewSecret { secret, hash })
}

/// The text a client sends for a stored token.
pub fn bearer_text(id: TokenId, secret: &str) -> String {
    format!("{PREFIX}{id}_{secret}")
}

/// A token as a client presented it: the row it names and the secret it claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presented<'a> {
    pub id: TokenId,
    pub secret: &'a str,
}

/// Reads `spend_<id>_<secret>`; anything else is no token of ours.
pub fn parse(text: &str) -> Option<Presented<'_>> {
    let (id, secret) = text.strip_prefix(PREFIX)?.split_once('_')?;
    let id = id.parse::<i64>().ok().filter(|id| *id > 0)?;
    Some(Presented {
        id: TokenId(id),
        secret,
    })
}

/// The SHA-256 hash a secret is stored as.
pub fn hash(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Whether a presented secret is the one whose hash was stored, in time that does not
/// depend on where the two differ.
pub fn matches(secret: &str, stored_hash: &[u8; 32]) -> bool {
    hash(secret).ct_eq(stored_hash).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_token_reads_back_and_matches_only_its_own_secret() {
        let made = new_secret().expect("random bytes");
        assert_eq!(made.secret.len(), 64);
        let text = bearer_text(TokenId(7), &made.secret);
        let presented = parse(&text).expect("our format");
        assert_eq!(presented.id, TokenId(7));
        assert!(matches(presented.secret, &made.hash));
        let other = new_secret().expect("random bytes");
        assert_ne!(made.secret, other.secret);
        assert!(!matches(&other.secret, &made.hash));
        assert!(!matches("", &made.hash));
    }

    #[test]
    fn other_texts_are_no_token() {
        for text in [
            "",
            "spend_",
            "spend_x_abc",
            "spend_0_abc",
            "spend_-1_abc",
            "Bearer x",
            "spend_7",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
