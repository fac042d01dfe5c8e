//! The list over all of a user's history, newest first and at most
//! [`HISTORY_LIST_LIMIT`] rows long. Without a filter it walks the `(user_id, date, id)`
//! index from the newest end; with one, the search index (migration 004) offers rows in
//! list order and each is checked with the month filter's LIKE, so both scopes agree on
//! what matches. Every statement stops after the limit, so no keypress reads more than
//! about a thousand matching rows however long the history.
//!
//! The index offers a superset: it folds the case of every letter where LIKE folds only
//! ASCII, and a long filter is looked up by a few of its trigrams. Rows it offers that LIKE
//! turns down are read for nothing, so a filter that differs from many notes only in the
//! case of non-ASCII letters (`МОЛОКО` against `молоко`) costs a read of each of them.

use rusqlite::{OptionalExtension, params};

use super::expenses::{EXPENSE_COLUMNS, SELECT_EXPENSE, expense_from_row};
use super::search_text::search_expression;
use super::{CategoryId, Expense, ExpenseId, SqliteStore, StoreError, StoreResult};
use super::{HISTORY_LIST_LIMIT, ListCount, ListQuery};
use crate::store::list_query::{MIN_SEARCH_CHARS, like_pattern};

/// The month filter's test: note or category name LIKE pattern `?3`.
macro_rules! like_3 {
    () => {
        "(e.note LIKE ?3 ESCAPE '\\' OR c.name LIKE ?3 ESCAPE '\\')"
    };
}

/// Rows the search index offers for `?1` (an expression of `search_expression`) that belong
/// to user `?2` and match the LIKE pattern `?3`. The index's rowid is the row's search key,
/// (julian day << 40) | id, so its order is the list's order and its low 40 bits the id.
const SEARCH_MATCHES: &str = concat!(
    "FROM expense_search
     JOIN expenses e ON e.id = (expense_search.rowid & 1099511627775)
     LEFT JOIN categories c ON c.id = e.category_id
     WHERE expense_search MATCH ?1 AND e.user_id = ?2 AND ",
    like_3!()
);

const LIKE_3: &str = like_3!();
const JOIN_CATEGORY: &str = "LEFT JOIN categories c ON c.id = e.category_id";

/// The search key of row `e`, exactly as the triggers of migration 004 compute it.
const SEARCH_KEY: &str = "((CAST(julianday(e.date) AS INTEGER) << 40) | e.id)";

/// How an all-history list finds its rows.
enum Source {
    /// No filter: every row of the user.
    Everything,
    /// The search index's expression and the LIKE pattern that decides each row.
    Search { expression: String, pattern: String },
}

fn sql_count(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

fn from_sql_count(count: i64) -> usize {
    usize::try_from(count).unwrap_or(0)
}

impl SqliteStore {
    fn history_source(&self, query: &ListQuery<'_>) -> StoreResult<Source> {
        let Some(pattern) = like_pattern(query.filter) else {
            return Ok(Source::Everything);
        };
        let categories = self.categories_like(&pattern)?;
        let expression = search_expression(query.filter, query.user, &categories).ok_or(
            StoreError::SearchTooShort {
                min: MIN_SEARCH_CHARS,
            },
        )?;
        Ok(Source::Search {
            expression,
            pattern,
        })
    }

    /// Categories whose name matches the LIKE pattern: few, so read them all.
    fn categories_like(&self, pattern: &str) -> StoreResult<Vec<CategoryId>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT id FROM categories WHERE name LIKE ?1 ESCAPE '\\'")?;
        let ids = statement.query_map([pattern], |row| row.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    pub(super) fn history_count(&self, query: &ListQuery<'_>) -> StoreResult<ListCount> {
        // One row past the limit tells whether there are more.
        let probe = sql_count(HISTORY_LIST_LIMIT + 1);
        let count: i64 = match self.history_source(query)? {
            Source::Everything => self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM (SELECT 1 FROM expenses e WHERE e.user_id = ?1
                     LIMIT ?2)",
                )?
                .query_row(params![query.user, probe], |r| r.get(0))?,
            Source::Search {
                expression,
                pattern,
            } => self
                .conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM (SELECT 1 {SEARCH_MATCHES} LIMIT ?4)"
                ))?
                .query_row(params![expression, query.user, pattern, probe], |r| {
                    r.get(0)
                })?,
        };
        let count = from_sql_count(count);
        Ok(ListCount {
            rows: count.min(HISTORY_LIST_LIMIT),
            capped: count > HISTORY_LIST_LIMIT,
        })
    }

    pub(super) fn history_window(
        &self,
        query: &ListQuery<'_>,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<Expense>> {
        let limit = limit.min(HISTORY_LIST_LIMIT.saturating_sub(offset));
        if limit == 0 {
            return Ok(Vec::new());
        }
        let (limit, offset) = (sql_count(limit), sql_count(offset));
        let rows = match self.history_source(query)? {
            // As in a month: skip in the index alone, then read only the rows kept.
            Source::Everything => self
                .conn
                .prepare_cached(&format!(
                    "{SELECT_EXPENSE} WHERE e.id IN (
                         SELECT e.id FROM expenses e WHERE e.user_id = ?1
                         ORDER BY e.date DESC, e.id DESC LIMIT ?2 OFFSET ?3)
                     ORDER BY e.date DESC, e.id DESC"
                ))?
                .query_map(params![query.user, limit, offset], expense_from_row)?
                .collect::<Result<_, _>>()?,
            Source::Search {
                expression,
                pattern,
            } => self
                .conn
                .prepare_cached(&format!(
                    "SELECT {EXPENSE_COLUMNS} {SEARCH_MATCHES}
                     ORDER BY expense_search.rowid DESC LIMIT ?4 OFFSET ?5"
                ))?
                .query_map(
                    params![expression, query.user, pattern, limit, offset],
                    expense_from_row,
                )?
                .collect::<Result<_, _>>()?,
        };
        Ok(rows)
    }

    pub(super) fn history_position(
        &self,
        query: &ListQuery<'_>,
        id: ExpenseId,
    ) -> StoreResult<Option<usize>> {
        let limit = sql_count(HISTORY_LIST_LIMIT);
        let before: Option<i64> = match self.history_source(query)? {
            Source::Everything => self.unfiltered_rows_before(query, id, limit)?,
            Source::Search {
                expression,
                pattern,
            } => {
                let Some(key) = self.matching_key(query, id, &expression, &pattern)? else {
                    return Ok(None);
                };
                Some(
                    self.conn
                        .prepare_cached(&format!(
                            "SELECT count(*) FROM (SELECT 1 {SEARCH_MATCHES}
                             AND expense_search.rowid > ?4 LIMIT ?5)"
                        ))?
                        .query_row(params![expression, query.user, pattern, key, limit], |r| {
                            r.get(0)
                        })?,
                )
            }
        };
        // A row with the whole list before it is past the list's end.
        Ok(before
            .map(from_sql_count)
            .filter(|&before| before < HISTORY_LIST_LIMIT))
    }

    /// The search key of expense `id` when the list holds it: the user's, matching the
    /// pattern, and offered by the index.
    fn matching_key(
        &self,
        query: &ListQuery<'_>,
        id: ExpenseId,
        expression: &str,
        pattern: &str,
    ) -> StoreResult<Option<i64>> {
        let key: Option<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SEARCH_KEY} FROM expenses e {JOIN_CATEGORY}
                 WHERE e.id = ?1 AND e.user_id = ?2 AND {LIKE_3}"
            ))?
            .query_row(params![id, query.user, pattern], |r| r.get(0))
            .optional()?
            .flatten();
        let Some(key) = key else {
            return Ok(None);
        };
        let offered: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM expense_search
                 WHERE expense_search MATCH ?1 AND expense_search.rowid = ?2",
            )?
            .query_row(params![expression, key], |r| r.get(0))?;
        Ok((offered > 0).then_some(key))
    }

    /// How many of the user's rows come before expense `id` in the list (up to `limit`), or
    /// `None` when the expense is not the user's.
    fn unfiltered_rows_before(
        &self,
        query: &ListQuery<'_>,
        id: ExpenseId,
        limit: i64,
    ) -> StoreResult<Option<i64>> {
        let date: Option<String> = self
            .conn
            .prepare_cached("SELECT e.date FROM expenses e WHERE e.user_id = ?1 AND e.id = ?2")?
            .query_row(params![query.user, id], |r| r.get(0))
            .optional()?;
        let Some(date) = date else {
            return Ok(None);
        };
        // A row-value comparison reads the index range after the row, newest end first.
        let before = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM expenses e
                 WHERE e.user_id = ?1 AND (e.date, e.id) > (?2, ?3) LIMIT ?4)",
            )?
            .query_row(params![query.user, date, id, limit], |r| r.get(0))?;
        Ok(Some(before))
    }
}
