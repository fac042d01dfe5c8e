//! How a statement's amount columns read: the decimal mark all their cells settle on, and
//! which rows are money leaving the account (a sign, a debit column, or a type column).

use csv::StringRecord;

use crate::domain::quoted;

use super::StatementError;
use super::amounts::{DecimalMark, MarkEvidence, mark_evidence, parse_amount_with};
use super::mapping::Columns;
use super::statement::Outflows;

/// The decimal mark the amount cells settle on; refuses a file whose cells disagree or
/// that only has cells either mark reads differently (`1.000`).
pub(super) fn detect_mark(
    body: &[&(u64, StringRecord)],
    columns: &Columns,
) -> Result<DecimalMark, StatementError> {
    let mut dot = None;
    let mut comma = None;
    let mut open = None;
    let amount_cells = [columns.amount, columns.debit, columns.credit];
    for (line, record) in body {
        for cell in amount_cells.iter().flatten().filter_map(|&i| record.get(i)) {
            let slot = match mark_evidence(cell) {
                MarkEvidence::Settles(DecimalMark::Dot) => &mut dot,
                MarkEvidence::Settles(DecimalMark::Comma) => &mut comma,
                MarkEvidence::Ambiguous => &mut open,
                MarkEvidence::Nothing => continue,
            };
            slot.get_or_insert((*line, cell.to_string()));
        }
    }
    let advice = "name it with --decimal . or --decimal ,";
    match (dot, comma, open) {
        (Some((dot_line, dot_cell)), Some((comma_line, comma_cell)), _) => {
            Err(StatementError::File {
                reason: format!(
                    "the amounts disagree on the decimal mark: line {dot_line} has {} and line \
                 {comma_line} has {}; {advice}",
                    quoted(&dot_cell),
                    quoted(&comma_cell)
                ),
            })
        }
        // Whole numbers alone read alike with either mark.
        (Some(_), None, _) | (None, None, None) => Ok(DecimalMark::Dot),
        (None, Some(_), _) => Ok(DecimalMark::Comma),
        (None, None, Some((line, cell))) => Err(StatementError::File {
            reason: format!(
                "amount {} on line {line} could be with '.' or ',' as the decimal mark, and no \
                 amount in the file settles which; {advice}",
                quoted(&cell)
            ),
        }),
    }
}

/// How the sign of a row is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signs {
    /// One signed column; `why` says how the reading was chosen.
    Signed {
        outflows: Outflows,
        why: &'static str,
    },
    /// Out and in in columns of their own.
    DebitCredit,
    /// An unsigned amount beside a type column.
    Kind,
}

impl Signs {
    /// With one signed column: mixed signs make negative spending; all positive (an order
    /// history, a card export) or all negative is all spending; `--outflows` overrides.
    pub(super) fn settle(
        body: &[&(u64, StringRecord)],
        columns: &Columns,
        mark: DecimalMark,
        asked: Option<Outflows>,
    ) -> Signs {
        if columns.amount.is_none() {
            return Signs::DebitCredit;
        }
        if columns.kind.is_some() {
            return Signs::Kind;
        }
        if let Some(outflows) = asked {
            return Signs::Signed {
                outflows,
                why: "as asked",
            };
        }
        let values = body.iter().filter_map(|(_, record)| {
            let cell = record.get(columns.amount?)?;
            parse_amount_with(cell, mark).ok().map(|a| a.value)
        });
        let (mut negative, mut positive) = (false, false);
        for value in values {
            negative |= value.is_sign_negative() && !value.is_zero();
            positive |= value.is_sign_positive() && !value.is_zero();
            if negative && positive {
                break;
            }
        }
        match (negative, positive) {
            (true, true) => Signs::Signed {
                outflows: Outflows::Negative,
                why: "the signs are mixed",
            },
            (false, _) => Signs::Signed {
                outflows: Outflows::Positive,
                why: "every amount is positive",
            },
            (true, false) => Signs::Signed {
                outflows: Outflows::Negative,
                why: "every amount is negative",
            },
        }
    }

    pub(super) fn describe(self) -> String {
        match self {
            Signs::Signed {
                outflows: Outflows::Negative,
                why,
            } => {
                format!(
                    "negative amounts are spending, positive ones incoming ({why}; --outflows positive for the other reading)"
                )
            }
            Signs::Signed {
                outflows: Outflows::Positive,
                why,
            } => {
                format!(
                    "positive amounts are spending, negative ones incoming ({why}; --outflows negative for the other reading)"
                )
            }
            Signs::DebitCredit => "the debit column is spending, the credit column incoming".into(),
            Signs::Kind => "rows whose type is a debit are spending, credits incoming".into(),
        }
    }
}

/// Words a type column uses for money out and money in.
pub(super) const OUT_WORDS: &[&str] = &[
    "dr",
    "d",
    "debit",
    "débit",
    "debet",
    "af",
    "s",
    "soll",
    "debe",
    "cargo",
    "withdrawal",
    "out",
    "-",
];
pub(super) const IN_WORDS: &[&str] = &[
    "cr", "c", "credit", "crédit", "bij", "h", "haben", "haber", "abono", "deposit", "in", "+",
];
