//! The ledger core's tests: the store and its budget alerts, the `spend` command line, and
//! property tests of money and date parsing. One binary with modules builds faster than many.

#[path = "../common/api_server.rs"]
mod api_server;
mod budget_props;
mod cli;
mod copy;
mod fx_props;
mod import_props;
#[path = "../common/ledgers.rs"]
mod ledgers;
mod money_props;
mod packaging;
mod reference_queries;
mod search;
mod search_props;
mod serve;
#[path = "../common/spend_cli.rs"]
mod spend_cli;
mod statements;
mod store;
mod support;
