//! The expense list as a window: a count and a slice of a month's rows, newest first, so
//! the app never holds a month (or a history) of rows it cannot show.

use rusqlite::{OptionalExtension, params};

use crate::domain::Month;

use super::expenses::{SELECT_EXPENSE, expense_from_row};
use super::{Expense, ExpenseId, Store, StoreResult, UserId};

/// The rows the list shows: one user's month, narrowed by a filter on note or category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery<'a> {
    pub user: UserId,
    pub month: Month,
    /// Text the note or category must contain (ASCII case-insensitive); empty for all.
    pub filter: &'a str,
}

/// The shared WHERE clause: `?1` user, `?2`/`?3` the month's date range, `?4` the LIKE
/// pattern (NULL for no filter).
const LIST_WHERE: &str = "e.user_id = ?1 AND e.date >= ?2 AND e.date < ?3
     AND (?4 IS NULL OR e.note LIKE ?4 ESCAPE '\\' OR c.name LIKE ?4 ESCAPE '\\')";

impl ListQuery<'_> {
    /// `%text%` with LIKE's wildcards escaped, or `None` for no filter.
    fn pattern(&self) -> Option<String> {
        let text = self.filter.trim();
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
}

impl Store {
    /// How many rows the list has.
    pub fn list_count(&self, query: &ListQuery<'_>) -> StoreResult<usize> {
        let sql = format!(
            "SELECT count(*) FROM expenses e LEFT JOIN categories c ON c.id = e.category_id
             WHERE {LIST_WHERE}"
        );
        let count: i64 = self.conn.prepare_cached(&sql)?.query_row(
            params![
                query.user,
                query.month.first_day(),
                query.month.end_exclusive(),
                query.pattern()
            ],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Up to `limit` rows of the list starting at row `offset`, newest first.
    pub fn list_window(
        &self,
        query: &ListQuery<'_>,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<Expense>> {
        let sql = format!(
            "{SELECT_EXPENSE} WHERE {LIST_WHERE} ORDER BY e.date DESC, e.id DESC LIMIT ?5 OFFSET ?6"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(
            params![
                query.user,
                query.month.first_day(),
                query.month.end_exclusive(),
                query.pattern(),
                i64::try_from(limit).unwrap_or(i64::MAX),
                i64::try_from(offset).unwrap_or(i64::MAX)
            ],
            expense_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The row an expense sits at in the list, if the list holds it.
    pub fn list_position(
        &self,
        query: &ListQuery<'_>,
        id: ExpenseId,
    ) -> StoreResult<Option<usize>> {
        let sql = format!(
            "SELECT (SELECT count(*) FROM expenses e LEFT JOIN categories c ON c.id = e.category_id
                     WHERE {LIST_WHERE} AND (e.date > t.date OR (e.date = t.date AND e.id > t.id)))
             FROM expenses t LEFT JOIN categories tc ON tc.id = t.category_id
             WHERE t.id = ?5 AND t.user_id = ?1 AND t.date >= ?2 AND t.date < ?3
               AND (?4 IS NULL OR t.note LIKE ?4 ESCAPE '\\' OR tc.name LIKE ?4 ESCAPE '\\')"
        );
        let position: Option<i64> = self
            .conn
            .prepare_cached(&sql)?
            .query_row(
                params![
                    query.user,
                    query.month.first_day(),
                    query.month.end_exclusive(),
                    query.pattern(),
                    id
                ],
                |row| row.get(0),
            )
            .optional()?;
        Ok(position.and_then(|p| usize::try_from(p).ok()))
    }
}
