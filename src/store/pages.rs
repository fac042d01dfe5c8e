//! A month's expenses a page at a time, by key: each page starts from the last row shown
//! (its date and id) and reads the (user, date, id) index from there, so a page costs the
//! same at the top of a month, at its bottom, and in a history of any length.

use chrono::NaiveDate;
use rusqlite::params;

use crate::domain::Month;

use super::expenses::{SELECT_EXPENSE, expense_from_row};
use super::{Expense, ExpenseId, Store, StoreResult, UserId};

/// Where a row sits in a month's list, which runs newest first: by date, then by id.
pub type ListKey = (NaiveDate, ExpenseId);

/// The month's rows after a key in list order (older ones): `?1` user, `?2` the month's
/// first day, `?3`/`?4` the key, already clamped to the month's end. The key is the only
/// upper bound, so the index is entered at the key rather than at the month's top.
const OLDER: &str = "WHERE e.user_id = ?1 AND e.date >= ?2 AND (e.date, e.id) < (?3, ?4)";
/// The month's rows before a key (newer ones): `?2` the month's end, the key clamped to
/// its first day.
const NEWER: &str = "WHERE e.user_id = ?1 AND e.date < ?2 AND (e.date, e.id) > (?3, ?4)";

/// The key just past the month's last row.
fn past_end(month: Month) -> ListKey {
    (month.end_exclusive(), ExpenseId(i64::MIN))
}

/// The key just before the month's first row.
fn before_start(month: Month) -> ListKey {
    (month.first_day(), ExpenseId(i64::MIN))
}

impl Store {
    /// Up to `limit` of a user's expenses in `month`, newest first: the first page with no
    /// `after`, else the rows that follow the row `after` names.
    pub fn expenses_page(
        &self,
        user: UserId,
        month: Month,
        after: Option<ListKey>,
        limit: usize,
    ) -> StoreResult<Vec<Expense>> {
        let (date, id) = after.map_or(past_end(month), |key| key.min(past_end(month)));
        let sql = format!("{SELECT_EXPENSE} {OLDER} ORDER BY e.date DESC, e.id DESC LIMIT ?5");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(
            params![user, month.first_day(), date, id, sql_limit(limit)],
            expense_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Up to `limit` rows that come just before the row `before` names (newer ones), in
    /// list order: scrolling up a page.
    pub fn expenses_page_before(
        &self,
        user: UserId,
        month: Month,
        before: ListKey,
        limit: usize,
    ) -> StoreResult<Vec<Expense>> {
        let (date, id) = before.max(before_start(month));
        let sql = format!("{SELECT_EXPENSE} {NEWER} ORDER BY e.date, e.id LIMIT ?5");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(
            params![user, month.end_exclusive(), date, id, sql_limit(limit)],
            expense_from_row,
        )?;
        let mut page: Vec<Expense> = rows.collect::<Result<_, _>>()?;
        page.reverse();
        Ok(page)
    }

    /// How many expenses a user has in a month, counted in the index.
    pub fn expense_count_in_month(&self, user: UserId, month: Month) -> StoreResult<u64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM expenses e
                 WHERE e.user_id = ?1 AND e.date >= ?2 AND e.date < ?3",
            )?
            .query_row(
                params![user, month.first_day(), month.end_exclusive()],
                |row| row.get(0),
            )?)
    }

    /// How many of the month's rows come before the row `key` names: its index in the list,
    /// for a scroll bar or to find a row again after a change.
    pub fn expense_rank_in_month(
        &self,
        user: UserId,
        month: Month,
        key: ListKey,
    ) -> StoreResult<u64> {
        let (date, id) = key.max(before_start(month));
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM expenses e {NEWER}"))?
            .query_row(params![user, month.end_exclusive(), date, id], |row| {
                row.get(0)
            })?)
    }
}

fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// The key of an expense, to ask for the page after or before it.
pub fn list_key(expense: &Expense) -> ListKey {
    (expense.date, expense.id)
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::domain::Currency;
    use crate::store::{CategoryId, NewExpense, NewUserDefaults};

    fn month(text: &str) -> Month {
        Month::parse(text).expect("month")
    }

    /// A store with 23 expenses in May 2025 (several on one day) and a few around it.
    fn store() -> (Store, UserId) {
        let mut store = Store::open_in_memory(&NewUserDefaults::default()).expect("store");
        let user = store.resolve_user(None).expect("user").id;
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
        let mut rows = Vec::new();
        for n in 0..23_u32 {
            rows.push(format!("2025-05-{:02}", 1 + (n * 7) % 31));
        }
        rows.extend(["2025-04-30", "2025-06-01", "2025-05-31"].map(String::from));
        let new = rows.iter().map(|d| NewExpense {
            user_id: user,
            category_id: CategoryId(1),
            amount: Decimal::from(10),
            currency: Currency::INR,
            date: day(d),
            note: None,
        });
        store.add_expenses(new).expect("add");
        (store, user)
    }

    #[test]
    fn pages_walk_the_month_in_list_order() {
        let (store, user) = store();
        let may = month("2025-05");
        let whole = store.expenses_in_month(user, may).expect("month");
        assert_eq!(whole.len(), 24);
        let mut walked = Vec::new();
        let mut after = None;
        loop {
            let page = store.expenses_page(user, may, after, 5).expect("page");
            if page.is_empty() {
                break;
            }
            after = page.last().map(list_key);
            walked.extend(page);
        }
        assert_eq!(walked, whole);
        assert_eq!(store.expense_count_in_month(user, may).expect("count"), 24);
        for (index, expense) in whole.iter().enumerate() {
            let rank = store
                .expense_rank_in_month(user, may, list_key(expense))
                .expect("rank");
            assert_eq!(usize::try_from(rank).ok(), Some(index));
        }
    }

    #[test]
    fn pages_before_a_row_walk_back_up() {
        let (store, user) = store();
        let may = month("2025-05");
        let whole = store.expenses_in_month(user, may).expect("month");
        let last = list_key(whole.last().expect("rows"));
        let up = store
            .expenses_page_before(user, may, last, 4)
            .expect("page");
        assert_eq!(up, whole[whole.len() - 5..whole.len() - 1]);
        let top = store
            .expenses_page_before(user, may, list_key(&whole[2]), 10)
            .expect("page");
        assert_eq!(top, whole[..2]);
    }

    #[test]
    fn a_key_outside_the_month_stays_in_the_month() {
        let (store, user) = store();
        let may = month("2025-05");
        let june_key = (
            NaiveDate::from_ymd_opt(2025, 6, 2).expect("date"),
            ExpenseId(1),
        );
        let page = store
            .expenses_page(user, may, Some(june_key), 100)
            .expect("page");
        assert_eq!(page.len(), 24);
        assert!(page.iter().all(|e| Month::of(e.date) == may));
        assert_eq!(
            store
                .expense_count_in_month(user, month("2025-07"))
                .expect("count"),
            0
        );
    }
}
