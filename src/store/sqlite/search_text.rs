//! What the list's filter text becomes in SQL: a LIKE pattern that decides a match, and a
//! full-text expression over the search index that finds the rows worth checking.

use crate::store::list_query::{MIN_SEARCH_CHARS, filter_text, indexed_chars};

use super::{CategoryId, UserId};

/// Most trigrams of the filter put into one index lookup. Every row the index offers is
/// checked with LIKE anyway, so a long filter needs only a few of its trigrams to narrow the
/// rows down; more would only add doclists to read.
const MAX_NOTE_TRIGRAMS: usize = 12;

/// The full-text expression offering every row of `user` whose note may contain `filter`
/// or whose category is one of `categories`, or `None` when the filter is too short.
///
/// Everything typed is quoted, so no character of it is query syntax. The index keeps no
/// positions, so the text becomes trigrams that must all be present: a superset of the
/// rows that contain it, which the caller narrows with [`like_pattern`].
pub(super) fn search_expression(
    filter: &str,
    user: UserId,
    categories: &[CategoryId],
) -> Option<String> {
    let text = indexed_chars(filter_text(filter));
    if text.len() < MIN_SEARCH_CHARS {
        return None;
    }
    let mut alternatives = vec![all_of(&note_trigrams(&text))];
    alternatives.extend(
        categories
            .iter()
            .map(|id| all_of(&token_trigrams(&format!("[{id}]")))),
    );
    let owner = all_of(&token_trigrams(&format!("{{{user}}}")));
    Some(format!("{owner} AND ({})", alternatives.join(" OR ")))
}

/// Trigrams covering every character of `text` (at least three characters): one every
/// three characters and the last, thinned out evenly to [`MAX_NOTE_TRIGRAMS`].
fn note_trigrams(text: &[char]) -> Vec<String> {
    let last = text.len() - MIN_SEARCH_CHARS;
    let mut starts: Vec<usize> = (0..=last).step_by(MIN_SEARCH_CHARS).collect();
    if starts.last() != Some(&last) {
        starts.push(last);
    }
    if starts.len() > MAX_NOTE_TRIGRAMS {
        let every = starts.len().div_ceil(MAX_NOTE_TRIGRAMS);
        starts = starts.iter().copied().step_by(every).collect();
    }
    starts
        .into_iter()
        .map(|start| text[start..start + MIN_SEARCH_CHARS].iter().collect())
        .collect()
}

/// Every trigram of a token the triggers write, such as `{12}`: all of them, so another
/// token rarely offers its rows too.
fn token_trigrams(token: &str) -> Vec<String> {
    let chars: Vec<char> = token.chars().collect();
    chars
        .windows(MIN_SEARCH_CHARS)
        .map(|w| w.iter().collect())
        .collect()
}

/// `("a" AND "b")`, each trigram a quoted string with its quotes doubled.
fn all_of(trigrams: &[String]) -> String {
    let quoted: Vec<String> = trigrams
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    format!("({})", quoted.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::list_query::{like_pattern, too_short_to_search};

    #[test]
    fn like_patterns_escape_wildcards_and_ignore_surrounding_spaces() {
        assert_eq!(like_pattern("  "), None);
        assert_eq!(
            like_pattern(" 100%_\\ ").as_deref(),
            Some("%100\\%\\_\\\\%")
        );
    }

    #[test]
    fn short_filters_are_told_apart_from_empty_ones() {
        assert!(!too_short_to_search(""));
        assert!(!too_short_to_search("   "));
        assert!(too_short_to_search("ab"));
        assert!(too_short_to_search(" ab "));
        assert!(too_short_to_search("a\0b"), "NUL is not indexed");
        assert!(!too_short_to_search("abc"));
        assert!(!too_short_to_search("é€😀"), "characters, not bytes");
        assert_eq!(search_expression("ab", UserId(1), &[]), None);
    }

    #[test]
    fn the_expression_quotes_everything_typed() {
        assert_eq!(
            search_expression("\"a OR b*", UserId(7), &[]).as_deref(),
            Some(r#"("{7}") AND (("""a " AND "OR " AND " b*"))"#)
        );
        assert_eq!(
            search_expression("gro", UserId(12), &[CategoryId(3), CategoryId(45)]).as_deref(),
            Some(r#"("{12" AND "12}") AND (("gro") OR ("[3]") OR ("[45" AND "45]"))"#)
        );
    }

    #[test]
    fn note_trigrams_cover_every_character_and_stay_few() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(note_trigrams(&chars("groceries")), ["gro", "cer", "ies"]);
        assert_eq!(note_trigrams(&chars("grocer")), ["gro", "cer"]);
        assert_eq!(note_trigrams(&chars("groce")), ["gro", "oce"]);
        let long = "x".repeat(200);
        assert!(note_trigrams(&chars(&long)).len() <= MAX_NOTE_TRIGRAMS);
    }
}
