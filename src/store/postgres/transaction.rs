//! One writing transaction, begun and ended by hand so that the notification and the
//! commit travel to the server together: a write costs one round trip less.

use std::cell::{Cell, RefCell};

use postgres::Client;

use super::Statements;
use crate::store::StoreResult;

/// A transaction in progress on the ledger's connection; rolled back when dropped unless it
/// was committed.
pub(crate) struct PgTx<'c> {
    pub(super) tx: RefCell<&'c mut Client>,
    pub(super) statements: &'c Statements,
    open: Cell<bool>,
}

impl<'c> PgTx<'c> {
    pub(super) fn begin(
        client: &'c mut Client,
        statements: &'c Statements,
    ) -> StoreResult<PgTx<'c>> {
        client.batch_execute("BEGIN")?;
        Ok(PgTx {
            tx: RefCell::new(client),
            statements,
            open: Cell::new(true),
        })
    }

    /// Tells every listener the ledger changed, and commits; both happen or neither. A
    /// transaction that changed nothing (opening the ledger, marking no alert seen) was
    /// given no transaction id by the server, and tells no one: as on `SQLite`, only a
    /// commit that changed the ledger wakes an open app to reload it.
    pub(super) fn commit_notifying(self) -> StoreResult<()> {
        self.tx.borrow_mut().batch_execute(concat!(
            "SELECT pg_notify('",
            channel!(),
            "', '') WHERE pg_current_xact_id_if_assigned() IS NOT NULL; COMMIT"
        ))?;
        self.open.set(false);
        Ok(())
    }
}

impl Drop for PgTx<'_> {
    /// An error or a panic in the work leaves nothing behind on the connection.
    fn drop(&mut self) {
        if self.open.get() {
            // The connection may be gone; then so is the transaction.
            let _ = self.tx.get_mut().batch_execute("ROLLBACK");
        }
    }
}
