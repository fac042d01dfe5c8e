//! `spend list`'s selection of one user's expenses: a date range across months, a category,
//! a text to find, an order and a limit, read as a stream so no history is held at once.

use crate::domain::Currency;

use super::expenses::{SELECT_EXPENSE, expense_from_row};
use super::{Expense, SqliteStore, StoreError};
use super::{ExpenseOrder, ExpenseSelection};

impl SqliteStore {
    /// Calls `visit` with each selected expense in order, one at a time; returns how many.
    pub fn each_selected_expense<E: From<StoreError>>(
        &self,
        selection: &ExpenseSelection<'_>,
        mut visit: impl FnMut(&Expense) -> Result<(), E>,
    ) -> Result<usize, E> {
        let sql = selection_sql(selection);
        let mut statement = self.conn.prepare_cached(&sql).map_err(StoreError::from)?;
        let needle = selection.search.trim().to_lowercase();
        // A text to find is looked for here, so the limit can only be counted here too.
        let sql_limit = selection
            .limit
            .filter(|_| needle.is_empty())
            .map(|limit| i64::try_from(limit).unwrap_or(i64::MAX));
        let (after_date, after_id) = selection.after.unzip();
        let params: [(&str, &dyn rusqlite::ToSql); 7] = [
            (":user", &selection.user),
            (":from", &selection.from),
            (":to", &selection.to),
            (":category", &selection.category),
            (":after_date", &after_date),
            (":after_id", &after_id),
            (":limit", &sql_limit),
        ];
        let mut rows = statement.query(&params[..]).map_err(StoreError::from)?;
        let limit = selection.limit.unwrap_or(usize::MAX);
        let mut count = 0;
        while count < limit {
            let Some(row) = rows.next().map_err(StoreError::from)? else {
                break;
            };
            let expense = expense_from_row(row).map_err(StoreError::from)?;
            if needle.is_empty() || crate::store::api::finds(&expense, &needle) {
                visit(&expense)?;
                count += 1;
            }
        }
        Ok(count)
    }
}

/// The query: every condition is written out, with NULL meaning "any", so the plan reads
/// the user's (user, date) index range; a page's start is the range's upper end.
fn selection_sql(selection: &ExpenseSelection<'_>) -> String {
    let order = match selection.order {
        ExpenseOrder::NewestFirst => "e.date DESC, e.id DESC".to_string(),
        ExpenseOrder::LargestFirst => format!("{} DESC, e.date DESC, e.id DESC", face_value()),
    };
    format!(
        "{SELECT_EXPENSE}
         WHERE e.user_id = :user
           AND e.date >= coalesce(:from, '0000-01-01')
           AND e.date <= min(coalesce(:to, '9999-12-31'), coalesce(:after_date, '9999-12-31'))
           AND (:after_date IS NULL OR e.date < :after_date OR e.id < :after_id)
           AND (:category IS NULL OR e.category_id = :category)
         ORDER BY {order}
         LIMIT coalesce(:limit, -1)"
    )
}

/// The amount in thousandths of a currency unit, so amounts of currencies with 0, 2 or 3
/// decimals compare by face value.
fn face_value() -> String {
    let list = |decimals| {
        Currency::codes_with_decimals(decimals)
            .iter()
            .map(|code| format!("'{code}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "e.amount * CASE WHEN e.currency IN ({}) THEN 1000 WHEN e.currency IN ({}) THEN 1 ELSE 10 END",
        list(0),
        list(3)
    )
}
