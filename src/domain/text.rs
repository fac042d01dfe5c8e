//! Stored and typed text made safe to print.

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

/// User text in double quotes for a message: `"सब्ज़ी"`. Only control characters and the
/// double quote are escaped; combining marks, emoji and every script stay as typed, where
/// Rust's `{:?}` would write `\u{94d}` in the middle of a word.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' {
            out.push_str("\\\"");
        } else if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// A count with the word that agrees with it: `1 expense`, `3 expenses`, `0 expenses`.
pub fn counted(n: impl TryInto<u64>, one: &str, many: &str) -> String {
    match n.try_into().unwrap_or(u64::MAX) {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{counted, printable, quoted};

    #[test]
    fn counts_agree_with_their_word() {
        assert_eq!(counted(1_usize, "expense", "expenses"), "1 expense");
        assert_eq!(counted(0_u64, "expense", "expenses"), "0 expenses");
        assert_eq!(counted(3_i64, "decimal", "decimals"), "3 decimals");
    }

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(printable("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(printable("line\nbreak\ttab"), "line\\nbreak\\ttab");
        assert_eq!(printable("chai ☕ שלום"), "chai ☕ שלום");
    }

    #[test]
    fn quoted_text_keeps_every_script_and_escapes_controls_and_quotes() {
        assert_eq!(quoted("सब्ज़ी"), "\"सब्ज़ी\"");
        assert_eq!(quoted("Groceries 🍎 सब्ज़ी"), "\"Groceries 🍎 सब्ज़ी\"");
        assert_eq!(
            quoted("e\u{301}"),
            "\"e\u{301}\"",
            "a combining accent stays"
        );
        assert_eq!(quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quoted("a\\b"), "\"a\\b\"", "a backslash is kept as typed");
        assert_eq!(quoted("\u{1b}[2J\n"), "\"\\u{1b}[2J\\n\"");
        assert_eq!(quoted(""), "\"\"");
    }
}
