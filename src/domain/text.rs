//! Stored text made safe to print.

/// Shows control characters (escape sequences included) as visible escapes, so text from
/// the database can never drive the terminal; everything else is kept as stored.
pub fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(printable("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(printable("line\nbreak\ttab"), "line\\nbreak\\ttab");
        assert_eq!(printable("chai ☕ שלום"), "chai ☕ שלום");
    }
}
