//! The domain's id newtypes as PostgreSQL values: the reference's SERIAL columns are INTEGER,
//! so ids cross as INT4 (or INT8 where a query computes one). And what no parameter can
//! carry, which lookups answer without the server: an id beyond 32 bits, text with a NUL.

use std::error::Error;

use postgres::types::private::BytesMut;
use postgres::types::{FromSql, IsNull, ToSql, Type, accepts, to_sql_checked};

use crate::domain::{AlertId, BudgetId, CategoryId, ExpenseId, RecurringId, TokenId, UserId};

macro_rules! pg_id {
    ($($name:ident),*) => {$(
        impl ToSql for $name {
            fn to_sql(
                &self,
                ty: &Type,
                out: &mut BytesMut,
            ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
                if *ty == Type::INT8 {
                    self.0.to_sql(ty, out)
                } else {
                    i32::try_from(self.0)?.to_sql(ty, out)
                }
            }

            accepts!(INT4, INT8);
            to_sql_checked!();
        }

        impl<'a> FromSql<'a> for $name {
            fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn Error + Sync + Send>> {
                if *ty == Type::INT8 {
                    Ok($name(i64::from_sql(ty, raw)?))
                } else {
                    Ok($name(i64::from(i32::from_sql(ty, raw)?)))
                }
            }

            accepts!(INT4, INT8);
        }
    )*};
}

pg_id!(
    UserId,
    CategoryId,
    ExpenseId,
    BudgetId,
    AlertId,
    TokenId,
    RecurringId
);

/// Whether a row may have this id. The SERIAL columns hold 32-bit ids, so a larger one (typed
/// at the command line, say) names no row: a lookup answers "no such row" without asking the
/// server, which could not be sent the id at all.
pub(super) fn may_exist(id: i64) -> bool {
    i32::try_from(id).is_ok()
}

/// Whether text has a NUL character, which PostgreSQL's text can neither store nor take as
/// a parameter: a lookup by such text finds nothing without asking the server.
pub(super) fn holds_nul(text: &str) -> bool {
    text.contains('\0')
}
