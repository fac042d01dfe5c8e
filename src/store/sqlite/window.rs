//! The expense list as a window: a count and a slice of rows, newest first, so the app never
//! holds a month (or a history) of rows it cannot show. A month is read from the
//! `(user_id, date, id)` index; all of history is read by `history.rs`.

use rusqlite::{OptionalExtension, params};

use crate::domain::Month;

use super::expenses::{SELECT_EXPENSE, expense_from_row};
use super::{Expense, ExpenseId, SqliteStore, StoreResult};
use super::{ListCount, ListQuery, ListScope};
use crate::store::list_query::like_pattern;

/// The month's rows: `?1` user, `?2`/`?3` its first and last day. Read from the index alone.
const IN_MONTH: &str = "e.user_id = ?1 AND e.date >= ?2 AND e.date <= ?3";
/// The filter, `?4` a LIKE pattern; it needs the row and its category.
const MATCHES: &str = "(e.note LIKE ?4 ESCAPE '\\' OR c.name LIKE ?4 ESCAPE '\\')";
/// The same filter with a named parameter, for the bulk reads.
pub(super) const MATCHES_NAMED: &str =
    "(e.note LIKE :pattern ESCAPE '\\' OR c.name LIKE :pattern ESCAPE '\\')";
const JOIN_CATEGORY: &str = "LEFT JOIN categories c ON c.id = e.category_id";

/// The rows a review keeps: those without a category.
const UNCATEGORISED: &str = " AND e.category_id IS NULL";

/// The review's condition, or nothing.
fn review_clause(review: bool) -> &'static str {
    if review { UNCATEGORISED } else { "" }
}

/// The FROM and WHERE of a month; without a filter it needs no join, and `?4` (then
/// NULL) is only tested so every variant takes the same parameters.
fn month_from_where(pattern: Option<&String>, review: bool) -> String {
    let review = review_clause(review);
    match pattern {
        Some(_) => {
            format!("FROM expenses e {JOIN_CATEGORY} WHERE {IN_MONTH} AND {MATCHES}{review}")
        }
        None => format!("FROM expenses e WHERE {IN_MONTH} AND ?4 IS NULL{review}"),
    }
}

impl SqliteStore {
    /// How many rows the list has: exactly for a month; for all of history, up to
    /// [`HISTORY_LIST_LIMIT`] with `capped` set when more match.
    pub fn list_count(&self, query: &ListQuery<'_>) -> StoreResult<ListCount> {
        query.check()?;
        match query.scope {
            ListScope::Month(month) | ListScope::Uncategorised(month) => Ok(ListCount {
                rows: self.month_count(query, month)?,
                capped: false,
            }),
            ListScope::All => self.history_count(query),
        }
    }

    /// Up to `limit` rows of the list starting at row `offset`, newest first.
    pub fn list_window(
        &self,
        query: &ListQuery<'_>,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<Expense>> {
        query.check()?;
        match query.scope {
            ListScope::Month(month) | ListScope::Uncategorised(month) => {
                self.month_window(query, month, offset, limit)
            }
            ListScope::All => self.history_window(query, offset, limit),
        }
    }

    /// The row an expense sits at in the list, if the list holds it.
    pub fn list_position(
        &self,
        query: &ListQuery<'_>,
        id: ExpenseId,
    ) -> StoreResult<Option<usize>> {
        query.check()?;
        match query.scope {
            ListScope::Month(month) | ListScope::Uncategorised(month) => {
                self.month_position(query, month, id)
            }
            ListScope::All => self.history_position(query, id),
        }
    }

    fn month_count(&self, query: &ListQuery<'_>, month: Month) -> StoreResult<usize> {
        let pattern = like_pattern(query.filter);
        let review = matches!(query.scope, ListScope::Uncategorised(_));
        let sql = format!(
            "SELECT count(*) {}",
            month_from_where(pattern.as_ref(), review)
        );
        let (from, until) = (month.first_day(), month.last_day());
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![query.user, from, until, pattern], |r| r.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    fn month_window(
        &self,
        query: &ListQuery<'_>,
        month: Month,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<Expense>> {
        let pattern = like_pattern(query.filter);
        let review = review_clause(matches!(query.scope, ListScope::Uncategorised(_)));
        let sql = if pattern.is_some() {
            format!(
                "{SELECT_EXPENSE} WHERE {IN_MONTH} AND {MATCHES}{review}
                 ORDER BY e.date DESC, e.id DESC LIMIT ?5 OFFSET ?6"
            )
        } else {
            // Skip rows in the index alone, then read only the rows kept: an OFFSET deep into
            // a long month then costs index steps, not row reads.
            format!(
                "{SELECT_EXPENSE} WHERE e.id IN (
                     SELECT e.id FROM expenses e WHERE {IN_MONTH} AND ?4 IS NULL{review}
                     ORDER BY e.date DESC, e.id DESC LIMIT ?5 OFFSET ?6)
                 ORDER BY e.date DESC, e.id DESC"
            )
        };
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(
            params![
                query.user,
                month.first_day(),
                month.last_day(),
                pattern,
                i64::try_from(limit).unwrap_or(i64::MAX),
                i64::try_from(offset).unwrap_or(i64::MAX)
            ],
            expense_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn month_position(
        &self,
        query: &ListQuery<'_>,
        month: Month,
        id: ExpenseId,
    ) -> StoreResult<Option<usize>> {
        let pattern = like_pattern(query.filter);
        let review = matches!(query.scope, ListScope::Uncategorised(_));
        let from_where = month_from_where(pattern.as_ref(), review);
        let (from, until) = (month.first_day(), month.last_day());
        // The row itself must be in the list; then the rows before it in the list's order
        // (later dates, or the same date and a larger id) give its position.
        let member_sql = format!("SELECT e.date {from_where} AND e.id = ?5");
        let count_sql = format!(
            "SELECT count(*) {from_where} AND (e.date > ?5 OR (e.date = ?5 AND e.id > ?6))"
        );
        let date: Option<String> = self
            .conn
            .prepare_cached(&member_sql)?
            .query_row(params![query.user, from, until, pattern, id], |r| r.get(0))
            .optional()?;
        let Some(date) = date else {
            return Ok(None);
        };
        let before: i64 = self
            .conn
            .prepare_cached(&count_sql)?
            .query_row(params![query.user, from, until, pattern, date, id], |r| {
                r.get(0)
            })?;
        Ok(usize::try_from(before).ok())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use super::*;
    use crate::store::{NewExpense, NewUserDefaults};

    #[test]
    fn windows_positions_and_filters_agree_with_the_whole_ordered_list() {
        let mut store = SqliteStore::open_in_memory(&NewUserDefaults::default()).expect("store");
        store.load_sample().expect("sample");
        let user = store.resolve_user(None).expect("user");
        let food = store.find_category("Food").expect("food");
        let rows: Vec<NewExpense> = (0..90u32)
            .map(|i| NewExpense {
                rate: None,
                user_id: user.id,
                category_id: food.id,
                amount: Decimal::new(i64::from(i) + 1, 0),
                currency: user.currency,
                date: NaiveDate::from_ymd_opt(2025, 5, 1 + i % 7).expect("date"),
                note: Some(if i % 3 == 0 {
                    format!("100% tea {i}")
                } else {
                    format!("snack {i}")
                }),
            })
            .collect();
        store.add_expenses(rows.iter().cloned()).expect("bulk");
        let month = Month::parse("2025-05").expect("month");
        let all = ListQuery {
            user: user.id,
            scope: ListScope::Month(month),
            filter: "",
        };

        let whole = store
            .expenses_in_month(user.id, month)
            .expect("whole month");
        assert_eq!(
            store.list_count(&all).expect("count"),
            ListCount {
                rows: whole.len(),
                capped: false
            }
        );
        let stitched: Vec<Expense> = (0..whole.len())
            .step_by(25)
            .flat_map(|offset| store.list_window(&all, offset, 25).expect("window"))
            .collect();
        assert_eq!(
            stitched, whole,
            "windows stitch into the month, newest first"
        );
        for (index, expense) in whole.iter().enumerate() {
            assert_eq!(
                store.list_position(&all, expense.id).expect("position"),
                Some(index)
            );
        }

        // `%` is a literal in the filter, not a wildcard; case is ignored.
        let tea = ListQuery {
            filter: "100% TEA",
            ..all
        };
        let matching: Vec<&Expense> = whole
            .iter()
            .filter(|e| e.note.as_deref().is_some_and(|n| n.starts_with("100% tea")))
            .collect();
        assert_eq!(store.list_count(&tea).expect("count").rows, matching.len());
        assert_eq!(matching.len(), 30);
        let window = store.list_window(&tea, 0, 100).expect("window");
        assert_eq!(window.iter().collect::<Vec<_>>(), matching);
        assert_eq!(
            store.list_position(&tea, matching[3].id).expect("position"),
            Some(3)
        );
        let snack = whole
            .iter()
            .find(|e| e.note.as_deref().is_some_and(|n| n.starts_with("snack")))
            .expect("snack");
        assert_eq!(
            store.list_position(&tea, snack.id).expect("position"),
            None,
            "filtered out"
        );
        let june = ListQuery {
            scope: ListScope::Month(month.next()),
            ..all
        };
        assert_eq!(
            store.list_position(&june, snack.id).expect("position"),
            None,
            "another month"
        );
    }
}
