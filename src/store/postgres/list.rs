//! The expense list as a window: a count and a slice of rows, newest first (date, then id),
//! for a month or all of a user's history, as on `SQLite`. A filter matches a note or a
//! category name that contains it, ASCII letters in any case, as `SQLite`'s LIKE does: both
//! sides are lowered in the C collation, which folds ASCII only.

use postgres::types::ToSql;

use crate::domain::{Expense, ExpenseId};
use crate::store::list_query::like_pattern;
use crate::store::{HISTORY_LIST_LIMIT, ListCount, ListQuery, ListScope, StoreResult};

use super::PgStore;
use super::db::Db;
use super::rows::{expense_columns, expense_from_row};
use super::sql_ids::{holds_nul, may_exist};

/// The list's rows: `$1` user, `$2`/`$3` the first and last day (the whole calendar for all
/// of history).
macro_rules! listed {
    () => {
        " FROM expenses e LEFT JOIN categories c ON c.id = e.category_id
          WHERE e.user_id = $1 AND e.date >= $2 AND e.date <= $3"
    };
}
/// The same rows without the category: what a count or a position reads when no filter
/// needs the name, so that it can be answered from the index alone.
macro_rules! owned {
    () => {
        " FROM expenses e WHERE e.user_id = $1 AND e.date >= $2 AND e.date <= $3"
    };
}
/// No filter: `$4` is NULL, tested so that both forms take the same parameters.
macro_rules! unfiltered {
    () => {
        " AND $4::text IS NULL"
    };
}
/// The filter: `$4` a LIKE pattern in lower case.
macro_rules! matching {
    () => {
        " AND (lower(e.note COLLATE \"C\") LIKE $4 ESCAPE '\\'
               OR lower(c.name COLLATE \"C\") LIKE $4 ESCAPE '\\')"
    };
}
/// A review's rows: those without a category.
macro_rules! uncategorised {
    () => {
        " AND e.category_id IS NULL"
    };
}
macro_rules! newest_first {
    () => {
        " ORDER BY e.date DESC, e.id DESC"
    };
}

/// The SQL of one list query, with a filter and without, for the list and for a review.
struct Sql {
    filtered: &'static str,
    plain: &'static str,
    review_filtered: &'static str,
    review_plain: &'static str,
}

const COUNT: Sql = Sql {
    filtered: concat!(
        "SELECT count(*) FROM (SELECT 1",
        listed!(),
        matching!(),
        " LIMIT $5) t"
    ),
    plain: concat!(
        "SELECT count(*) FROM (SELECT 1",
        owned!(),
        unfiltered!(),
        " LIMIT $5) t"
    ),
    review_filtered: concat!(
        "SELECT count(*) FROM (SELECT 1",
        listed!(),
        matching!(),
        uncategorised!(),
        " LIMIT $5) t"
    ),
    review_plain: concat!(
        "SELECT count(*) FROM (SELECT 1",
        owned!(),
        unfiltered!(),
        uncategorised!(),
        " LIMIT $5) t"
    ),
};
const WINDOW: Sql = Sql {
    filtered: concat!(
        "SELECT ",
        expense_columns!(),
        listed!(),
        matching!(),
        newest_first!(),
        " LIMIT $5 OFFSET $6"
    ),
    plain: concat!(
        "SELECT ",
        expense_columns!(),
        listed!(),
        unfiltered!(),
        newest_first!(),
        " LIMIT $5 OFFSET $6"
    ),
    review_filtered: concat!(
        "SELECT ",
        expense_columns!(),
        listed!(),
        matching!(),
        uncategorised!(),
        newest_first!(),
        " LIMIT $5 OFFSET $6"
    ),
    review_plain: concat!(
        "SELECT ",
        expense_columns!(),
        listed!(),
        unfiltered!(),
        uncategorised!(),
        newest_first!(),
        " LIMIT $5 OFFSET $6"
    ),
};
/// The row's position: `$6` the expense, which must be in the list; the rows before it in
/// the list's order (a later date, or the same date and a larger id) are counted, up to
/// `$5`, along the index instead of numbering the whole list.
const POSITION: Sql = Sql {
    filtered: concat!(
        "WITH m AS (SELECT e.date, e.id",
        listed!(),
        matching!(),
        " AND e.id = $6)
         SELECT (SELECT count(*) FROM (SELECT 1",
        listed!(),
        matching!(),
        " AND (e.date, e.id) > (m.date, m.id) LIMIT $5) t) FROM m"
    ),
    plain: concat!(
        "WITH m AS (SELECT e.date, e.id",
        owned!(),
        unfiltered!(),
        " AND e.id = $6)
         SELECT (SELECT count(*) FROM (SELECT 1",
        owned!(),
        unfiltered!(),
        " AND (e.date, e.id) > (m.date, m.id) LIMIT $5) t) FROM m"
    ),
    review_filtered: concat!(
        "WITH m AS (SELECT e.date, e.id",
        listed!(),
        matching!(),
        uncategorised!(),
        " AND e.id = $6)
         SELECT (SELECT count(*) FROM (SELECT 1",
        listed!(),
        matching!(),
        uncategorised!(),
        " AND (e.date, e.id) > (m.date, m.id) LIMIT $5) t) FROM m"
    ),
    review_plain: concat!(
        "WITH m AS (SELECT e.date, e.id",
        owned!(),
        unfiltered!(),
        uncategorised!(),
        " AND e.id = $6)
         SELECT (SELECT count(*) FROM (SELECT 1",
        owned!(),
        unfiltered!(),
        uncategorised!(),
        " AND (e.date, e.id) > (m.date, m.id) LIMIT $5) t) FROM m"
    ),
};

/// A query's parameters: the user, its days, the pattern (if any), and the most rows to read.
struct Bound {
    user: crate::domain::UserId,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    pattern: Option<String>,
    /// Rows the list holds at most: a month's all, history's newest [`HISTORY_LIST_LIMIT`].
    most: i64,
    /// Only rows without a category.
    review: bool,
}

impl Bound {
    fn of(query: &ListQuery<'_>) -> Bound {
        let (from, to, most) = match query.scope {
            ListScope::Month(month) | ListScope::Uncategorised(month) => {
                (month.first_day(), month.last_day(), i64::MAX)
            }
            ListScope::All => (
                first_day(),
                last_day(),
                i64::try_from(HISTORY_LIST_LIMIT).unwrap_or(i64::MAX),
            ),
        };
        Bound {
            user: query.user,
            from,
            to,
            pattern: like_pattern(query.filter).map(|p| p.to_ascii_lowercase()),
            most,
            review: matches!(query.scope, ListScope::Uncategorised(_)),
        }
    }

    /// A filter with a NUL character matches nothing: no note or name holds one.
    fn matches_nothing(&self) -> bool {
        self.pattern.as_deref().is_some_and(holds_nul)
    }

    fn sql(&self, sql: &Sql) -> &'static str {
        match (self.pattern.is_some(), self.review) {
            (true, false) => sql.filtered,
            (false, false) => sql.plain,
            (true, true) => sql.review_filtered,
            (false, true) => sql.review_plain,
        }
    }

    /// The parameters `$1` to `$4`, then `extra`.
    fn params<'a>(&'a self, extra: &[&'a (dyn ToSql + Sync)]) -> Vec<&'a (dyn ToSql + Sync)> {
        let mut params: Vec<&(dyn ToSql + Sync)> =
            vec![&self.user, &self.from, &self.to, &self.pattern];
        params.extend_from_slice(extra);
        params
    }
}

/// The first and last day a date column holds.
fn first_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(chrono::NaiveDate::MIN)
}

fn last_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(chrono::NaiveDate::MAX)
}

impl PgStore {
    /// How many rows the list has: exactly for a month; for all of history, up to
    /// [`HISTORY_LIST_LIMIT`] with `capped` set when more match.
    pub fn list_count(&self, query: &ListQuery<'_>) -> StoreResult<ListCount> {
        query.check()?;
        let bound = Bound::of(query);
        if bound.matches_nothing() {
            return Ok(ListCount {
                rows: 0,
                capped: false,
            });
        }
        let read = bound.most.saturating_add(1);
        let counted: i64 = self
            .one(bound.sql(&COUNT), &bound.params(&[&read]))?
            .try_get(0)?;
        Ok(ListCount {
            rows: usize::try_from(counted.min(bound.most)).unwrap_or(0),
            capped: counted > bound.most,
        })
    }

    /// Up to `limit` rows of the list starting at row `offset`, newest first.
    pub fn list_window(
        &self,
        query: &ListQuery<'_>,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<Expense>> {
        query.check()?;
        let bound = Bound::of(query);
        if bound.matches_nothing() {
            return Ok(Vec::new());
        }
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let limit = i64::try_from(limit)
            .unwrap_or(i64::MAX)
            .min(bound.most.saturating_sub(offset).max(0));
        self.rows(bound.sql(&WINDOW), &bound.params(&[&limit, &offset]))?
            .iter()
            .map(expense_from_row)
            .collect()
    }

    /// The row an expense sits at in the list, if the list holds it.
    pub fn list_position(
        &self,
        query: &ListQuery<'_>,
        id: ExpenseId,
    ) -> StoreResult<Option<usize>> {
        query.check()?;
        let bound = Bound::of(query);
        if !may_exist(id.0) || bound.matches_nothing() {
            return Ok(None);
        }
        let row = self.opt(bound.sql(&POSITION), &bound.params(&[&bound.most, &id]))?;
        let Some(row) = row else {
            return Ok(None);
        };
        let before: i64 = row.try_get(0)?;
        // Past the rows a history list holds, the row is not in the list.
        Ok((before < bound.most)
            .then(|| usize::try_from(before).ok())
            .flatten())
    }
}
