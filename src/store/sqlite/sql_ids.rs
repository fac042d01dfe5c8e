//! The domain's id newtypes as SQL values: plain integers.

use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlResult, ToSqlOutput, ValueRef};

use crate::domain::{AlertId, BudgetId, CategoryId, ExpenseId, RecurringId, TokenId, UserId};

macro_rules! sql_id {
    ($($name:ident),*) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    )*};
}

sql_id!(
    UserId,
    CategoryId,
    ExpenseId,
    BudgetId,
    AlertId,
    TokenId,
    RecurringId
);
