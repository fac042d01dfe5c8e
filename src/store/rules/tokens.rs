//! What a server token's label may be.

use crate::store::{StoreError, StoreResult};

use super::expenses::refuse_nul;

/// Longest label a token may carry, as the column allows.
const MAX_TOKEN_NAME_CHARS: usize = 100;

/// A token's label trimmed, if it is at most 100 characters with no control character.
pub(crate) fn checked_token_name(name: &str) -> StoreResult<&str> {
    let name = name.trim();
    if name.chars().count() > MAX_TOKEN_NAME_CHARS || name.contains(char::is_control) {
        return Err(StoreError::InvalidInput(format!(
            "token name must be at most {MAX_TOKEN_NAME_CHARS} characters with no control characters"
        )));
    }
    refuse_nul("token name", name)
}
