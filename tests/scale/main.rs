//! Scale: the query plans of the hot paths, and the fast bulk paths checked against the
//! single-row ones they stand in for. Small data, so the default test run stays quick.

mod bulk;
mod export;
mod plans;
mod support;
mod user_keys;
