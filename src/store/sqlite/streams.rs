//! The streaming read: every expense a filter selects, in id order, one row at a time and
//! borrowed from the database, so an export of millions of rows holds one in memory.

use chrono::NaiveDate;
use rusqlite::Row;

use crate::domain::Currency;

use super::expenses::SELECT_EXPENSE;
use super::rates::spent_from_columns;
use super::{Expense, ExpenseFilter, ExpenseRow, SqliteStore, StoreError};

impl SqliteStore {
    /// Calls `visit` with each expense the filter selects, in id order, without holding them
    /// all in memory.
    pub fn each_expense<E: From<StoreError>>(
        &self,
        filter: &ExpenseFilter,
        mut visit: impl FnMut(&Expense) -> Result<(), E>,
    ) -> Result<usize, E> {
        self.each_expense_row(filter, |row| visit(&row.to_expense()))
    }

    /// Like `each_expense`, but each row is borrowed from the database, for exports of
    /// millions of rows.
    pub fn each_expense_row<E: From<StoreError>>(
        &self,
        filter: &ExpenseFilter,
        mut visit: impl FnMut(&ExpenseRow<'_>) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut conditions = Vec::with_capacity(3);
        let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::with_capacity(3);
        if let Some(user) = &filter.user {
            conditions.push("e.user_id = :user");
            params.push((":user", user));
        } else if filter.from.is_some() || filter.to.is_some() {
            // Every user, spelled so a date range reads the (user, date) index per user
            // instead of the whole table.
            conditions.push("e.user_id IN (SELECT id FROM users)");
        }
        if let Some(from) = &filter.from {
            conditions.push("e.date >= :from");
            params.push((":from", from));
        }
        if let Some(to) = &filter.to {
            conditions.push("e.date <= :to");
            params.push((":to", to));
        }
        let pattern = filter
            .search
            .as_deref()
            .and_then(crate::store::list_query::like_pattern);
        if let Some(pattern) = &pattern {
            conditions.push(super::window::MATCHES_NAMED);
            params.push((":pattern", pattern));
        }
        let sql = if conditions.is_empty() {
            format!("{SELECT_EXPENSE} ORDER BY e.id")
        } else {
            format!(
                "{SELECT_EXPENSE} WHERE {} ORDER BY e.id",
                conditions.join(" AND ")
            )
        };
        let mut statement = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = statement
            .query(params.as_slice())
            .map_err(StoreError::from)?;
        let mut currencies = CurrencyCache::default();
        let mut count = 0;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            visit(&expense_row(row, &mut currencies).map_err(StoreError::from)?)?;
            count += 1;
        }
        Ok(count)
    }
}

/// The last currency code seen and what it parsed to: an export has one or a few.
#[derive(Default)]
struct CurrencyCache {
    code: String,
    currency: Currency,
}

impl CurrencyCache {
    fn get(&mut self, code: &str) -> Currency {
        if code != self.code {
            code.clone_into(&mut self.code);
            self.currency = Currency::from_stored(code).unwrap_or_default();
        }
        self.currency
    }
}

/// Reads a row of `SELECT_EXPENSE` without copying its text.
fn expense_row<'r>(
    row: &'r Row<'_>,
    currencies: &mut CurrencyCache,
) -> rusqlite::Result<ExpenseRow<'r>> {
    let text = |index: usize| -> rusqlite::Result<Option<&'r str>> {
        Ok(row.get_ref(index)?.as_str_or_null()?)
    };
    let date_text = row.get_ref(6)?.as_str()?;
    let date = match iso_date(date_text) {
        Some(date) => date,
        // Anything but plain `YYYY-MM-DD` goes through the general parser, errors included.
        None => row.get(6)?,
    };
    Ok(ExpenseRow {
        id: row.get(0)?,
        user_id: row.get(1)?,
        category_id: row.get(2)?,
        category: text(3)?,
        minor: row.get(4)?,
        currency: currencies.get(row.get_ref(5)?.as_str()?),
        date,
        note: text(7)?,
        foreign: spent_from_columns(row, 8)?,
    })
}

/// A date stored as `YYYY-MM-DD`, read without the general date parser.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0_u32, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}
