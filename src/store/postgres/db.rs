//! Queries on a connection or a transaction alike, each statement prepared once per
//! connection and then reused by its SQL text.

use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Statement};

use super::{PgStore, PgTx, Statements};
use crate::store::StoreResult;

/// Parameters of a query.
pub(crate) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// What the backend's SQL runs on: the ledger's connection, or one of its transactions.
pub(crate) trait Db {
    /// Every row of a query.
    fn rows(&self, sql: &'static str, params: Params<'_>) -> StoreResult<Vec<Row>>;
    /// The one row a query returns, or none.
    fn opt(&self, sql: &'static str, params: Params<'_>) -> StoreResult<Option<Row>>;
    /// Runs a statement; returns how many rows it changed.
    fn exec(&self, sql: &'static str, params: Params<'_>) -> StoreResult<u64>;
    /// Runs statements that take no parameters and return no rows, in one round trip.
    fn batch(&self, sql: &'static str) -> StoreResult<()>;

    /// The row a query must return.
    fn one(&self, sql: &'static str, params: Params<'_>) -> StoreResult<Row> {
        self.opt(sql, params)?
            .ok_or_else(|| crate::store::StoreError::InvalidInput("a row went missing".into()))
    }
}

/// The statement for `sql` on this connection, prepared the first time it is asked for.
pub(super) fn prepared(
    client: &mut impl GenericClient,
    statements: &Statements,
    sql: &'static str,
) -> Result<Statement, postgres::Error> {
    if let Some(statement) = statements.borrow().get(sql) {
        return Ok(statement.clone());
    }
    let statement = client.prepare(sql)?;
    statements.borrow_mut().insert(sql, statement.clone());
    Ok(statement)
}

impl Db for PgStore {
    fn rows(&self, sql: &'static str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        let client = &mut *self.client.borrow_mut();
        let statement = prepared(client, &self.statements, sql)?;
        Ok(client.query(&statement, params)?)
    }

    fn opt(&self, sql: &'static str, params: Params<'_>) -> StoreResult<Option<Row>> {
        let client = &mut *self.client.borrow_mut();
        let statement = prepared(client, &self.statements, sql)?;
        Ok(client.query_opt(&statement, params)?)
    }

    fn exec(&self, sql: &'static str, params: Params<'_>) -> StoreResult<u64> {
        let client = &mut *self.client.borrow_mut();
        let statement = prepared(client, &self.statements, sql)?;
        Ok(client.execute(&statement, params)?)
    }

    fn batch(&self, sql: &'static str) -> StoreResult<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }
}

impl Db for PgTx<'_> {
    fn rows(&self, sql: &'static str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        let tx: &mut Client = &mut self.tx.borrow_mut();
        let statement = prepared(tx, self.statements, sql)?;
        Ok(tx.query(&statement, params)?)
    }

    fn opt(&self, sql: &'static str, params: Params<'_>) -> StoreResult<Option<Row>> {
        let tx: &mut Client = &mut self.tx.borrow_mut();
        let statement = prepared(tx, self.statements, sql)?;
        Ok(tx.query_opt(&statement, params)?)
    }

    fn exec(&self, sql: &'static str, params: Params<'_>) -> StoreResult<u64> {
        let tx: &mut Client = &mut self.tx.borrow_mut();
        let statement = prepared(tx, self.statements, sql)?;
        Ok(tx.execute(&statement, params)?)
    }

    fn batch(&self, sql: &'static str) -> StoreResult<()> {
        Ok(self.tx.borrow_mut().batch_execute(sql)?)
    }
}
