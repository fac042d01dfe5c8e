//! The one COPY statement expenses go in by, for bulk writes and for copying a ledger.

use postgres::Client;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;

use crate::store::StoreResult;

/// Starts a binary COPY into expenses; each row written is `(id, user_id, category_id,
/// amount, currency, date, note, spent_amount, spent_currency, rate)`, and `finish` ends it.
pub(super) fn expense_copy(client: &mut Client) -> StoreResult<BinaryCopyInWriter<'_>> {
    let sink = client.copy_in(
        "COPY expenses (id, user_id, category_id, amount, currency, date, note,
                        spent_amount, spent_currency, rate)
         FROM STDIN (FORMAT binary)",
    )?;
    let types = [
        Type::INT4,
        Type::INT4,
        Type::INT4,
        Type::NUMERIC,
        Type::VARCHAR,
        Type::DATE,
        Type::TEXT,
        Type::NUMERIC,
        Type::VARCHAR,
        Type::NUMERIC,
    ];
    Ok(BinaryCopyInWriter::new(sink, &types))
}
