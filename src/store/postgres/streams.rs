//! Reads of many rows, one at a time as the server sends them: exports and `spend list`.

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;

use crate::domain::{Currency, Expense};
use crate::store::api::finds;
use crate::store::list_query::like_pattern;
use crate::store::{ExpenseFilter, ExpenseOrder, ExpenseRow, ExpenseSelection, StoreError};

use super::PgStore;
use super::rows::{expense_columns, expense_from_row};
use super::sql_ids::holds_nul;

const SELECT_EXPENSE: &str = concat!(
    "SELECT ",
    expense_columns!(),
    " FROM expenses e LEFT JOIN categories c ON c.id = e.category_id"
);

impl PgStore {
    /// Calls `visit` with each expense the filter selects, in id order.
    pub fn each_expense<E: From<StoreError>>(
        &self,
        filter: &ExpenseFilter,
        mut visit: impl FnMut(&Expense) -> Result<(), E>,
    ) -> Result<usize, E> {
        self.each_expense_row(filter, |row| visit(&row.to_expense()))
    }

    /// Like `each_expense`, with each row's text borrowed from the server's row.
    pub fn each_expense_row<E: From<StoreError>>(
        &self,
        filter: &ExpenseFilter,
        mut visit: impl FnMut(&ExpenseRow<'_>) -> Result<(), E>,
    ) -> Result<usize, E> {
        let pattern = filter
            .search
            .as_deref()
            .and_then(like_pattern)
            .map(|p| p.to_ascii_lowercase());
        // No note or name holds a NUL character, and no parameter can carry one.
        if pattern.as_deref().is_some_and(holds_nul) {
            return Ok(0);
        }
        let mut conditions = Vec::new();
        let mut params: Vec<&(dyn ToSql + Sync)> = Vec::new();
        if let Some(user) = &filter.user {
            params.push(user);
            conditions.push(format!("e.user_id = ${}", params.len()));
        }
        if let Some(from) = &filter.from {
            params.push(from);
            conditions.push(format!("e.date >= ${}", params.len()));
        }
        if let Some(to) = &filter.to {
            params.push(to);
            conditions.push(format!("e.date <= ${}", params.len()));
        }
        if let Some(pattern) = &pattern {
            params.push(pattern);
            let n = params.len();
            conditions.push(format!(
                "(lower(e.note COLLATE \"C\") LIKE ${n} ESCAPE '\\'
                  OR lower(c.name COLLATE \"C\") LIKE ${n} ESCAPE '\\')"
            ));
        }
        let sql = if conditions.is_empty() {
            format!("{SELECT_EXPENSE} ORDER BY e.id")
        } else {
            format!(
                "{SELECT_EXPENSE} WHERE {} ORDER BY e.id",
                conditions.join(" AND ")
            )
        };
        let client = &mut *self.client.borrow_mut();
        let mut rows = client
            .query_raw(sql.as_str(), params.iter().copied())
            .map_err(StoreError::from)?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            visit(&borrowed_row(&row)?)?;
            count += 1;
        }
        Ok(count)
    }

    /// Calls `visit` with each selected expense in order, one at a time; returns how many.
    pub fn each_selected_expense<E: From<StoreError>>(
        &self,
        selection: &ExpenseSelection<'_>,
        mut visit: impl FnMut(&Expense) -> Result<(), E>,
    ) -> Result<usize, E> {
        let order = match selection.order {
            ExpenseOrder::NewestFirst => "e.date DESC, e.id DESC",
            // NUMERIC amounts are face values already, across currencies.
            ExpenseOrder::LargestFirst => "e.amount DESC, e.date DESC, e.id DESC",
        };
        let needle = selection.search.trim().to_lowercase();
        // A text to find is looked for here, so the limit can only be counted here too.
        let sql_limit = selection
            .limit
            .filter(|_| needle.is_empty())
            .map(|limit| i64::try_from(limit).unwrap_or(i64::MAX));
        let sql = format!(
            "{SELECT_EXPENSE}
             WHERE e.user_id = $1
               AND e.date >= coalesce($2, DATE '0001-01-01')
               AND e.date <= LEAST(coalesce($3, DATE '9999-12-31'), coalesce($6, DATE '9999-12-31'))
               AND ($6::date IS NULL OR e.date < $6 OR e.id < $7)
               AND ($4::integer IS NULL OR e.category_id = $4)
             ORDER BY {order}
             LIMIT $5"
        );
        let (after_date, after_id) = selection.after.unzip();
        let params: [&(dyn ToSql + Sync); 7] = [
            &selection.user,
            &selection.from,
            &selection.to,
            &selection.category,
            &sql_limit,
            &after_date,
            &after_id,
        ];
        let client = &mut *self.client.borrow_mut();
        let mut rows = client
            .query_raw(sql.as_str(), params)
            .map_err(StoreError::from)?;
        let limit = selection.limit.unwrap_or(usize::MAX);
        let mut count = 0;
        while count < limit {
            let Some(row) = rows.next().map_err(StoreError::from)? else {
                break;
            };
            let expense = expense_from_row(&row)?;
            if needle.is_empty() || finds(&expense, &needle) {
                visit(&expense)?;
                count += 1;
            }
        }
        Ok(count)
    }
}

/// A row as an export reads it, its text borrowed.
fn borrowed_row(row: &postgres::Row) -> Result<ExpenseRow<'_>, StoreError> {
    let currency = Currency::from_stored(row.try_get(5)?).unwrap_or_default();
    Ok(ExpenseRow {
        id: row.try_get(0)?,
        user_id: row.try_get(1)?,
        category_id: row.try_get(2)?,
        category: row.try_get(3)?,
        minor: currency.to_minor(row.try_get(4)?)?,
        currency,
        date: row.try_get(6)?,
        note: row.try_get(7)?,
        foreign: super::rates::spent_from_columns(row, 8)?,
    })
}
