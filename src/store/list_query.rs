//! The list's query: a user's month or history, narrowed by a filter, newest first; and
//! what a filter's text means on every engine.

use crate::domain::{Month, UserId};

use super::{StoreError, StoreResult};

/// Most rows an all-history list holds: its newest matches. Counting, skipping and
/// positioning then cost at most this many rows however long the history, and a count
/// that reaches it says so ([`ListCount::capped`]) instead of reading on.
pub const HISTORY_LIST_LIMIT: usize = 1_000;

/// Which of a user's expenses the list draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListScope {
    /// One month: every row of it, counted exactly.
    Month(Month),
    /// All of the user's history: the newest [`HISTORY_LIST_LIMIT`] rows that match. The
    /// filter then needs [`MIN_SEARCH_CHARS`] characters or none: a filter of one or two
    /// characters is refused with [`StoreError::SearchTooShort`] (check first with
    /// [`ListQuery::needs_more_text`]), since the index cannot serve it and reading every
    /// row of a long history would not keep up with typing.
    All,
    /// One month's rows without a category, for review: imported rows no rule or earlier
    /// choice categorised, and rows whose category was deleted.
    Uncategorised(Month),
}

/// The rows the list shows: one user's month or history, narrowed by a filter on note or
/// category, newest first (date, then id, both descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery<'a> {
    pub user: UserId,
    pub scope: ListScope,
    /// Text the note or category must contain (ASCII case-insensitive, as SQL's LIKE;
    /// surrounding spaces ignored); empty for all rows.
    pub filter: &'a str,
}

/// How many rows a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListCount {
    /// Rows in the list, at most [`HISTORY_LIST_LIMIT`] for all of history.
    pub rows: usize,
    /// More rows match than the list holds: show "1,000+" and ask for a longer filter.
    pub capped: bool,
}

impl ListQuery<'_> {
    /// Whether the filter is too short to search all history with (one or two characters):
    /// the app can say "type 3 or more characters" instead of asking the store.
    pub fn needs_more_text(&self) -> bool {
        self.scope == ListScope::All && too_short_to_search(self.filter)
    }

    /// Refuses a query the store cannot answer quickly.
    pub(crate) fn check(&self) -> StoreResult<()> {
        if self.needs_more_text() {
            return Err(StoreError::SearchTooShort {
                min: MIN_SEARCH_CHARS,
            });
        }
        Ok(())
    }
}

/// Characters an all-history search needs: the index holds trigrams, so shorter text has
/// nothing to look up.
pub const MIN_SEARCH_CHARS: usize = 3;

/// The filter as the list reads it: surrounding spaces do not count.
pub(crate) fn filter_text(filter: &str) -> &str {
    filter.trim()
}

/// The characters the index sees: its tokenizer skips NUL.
pub(crate) fn indexed_chars(text: &str) -> Vec<char> {
    text.chars().filter(|&c| c != '\0').collect()
}

/// Whether `filter` is too short to search all history with: fewer than
/// [`MIN_SEARCH_CHARS`] characters, but not empty (an empty filter lists everything).
pub(crate) fn too_short_to_search(filter: &str) -> bool {
    let text = filter_text(filter);
    !text.is_empty() && indexed_chars(text).len() < MIN_SEARCH_CHARS
}

/// `%text%` with LIKE's wildcards escaped (`\` is the escape), or `None` for no filter.
pub(crate) fn like_pattern(filter: &str) -> Option<String> {
    let text = filter_text(filter);
    if text.is_empty() {
        return None;
    }
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Some(pattern)
}
