//! Why a bank statement cannot be read. Nothing is written when there is one.

use thiserror::Error;

/// A refusal of the whole file, naming the line where one is at fault and what to do.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum StatementError {
    #[error("{reason}")]
    File { reason: String },
    #[error("line {line}: {reason}")]
    Line { line: u64, reason: String },
}
