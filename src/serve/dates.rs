//! Dates and months as requests give them: strictly `YYYY-MM-DD` and `YYYY-MM`, and an
//! expense's date held to the command line's plausibility rule.

use chrono::NaiveDate;

use crate::domain::{Month, implausible_date};

use super::AppState;
use super::error::ApiError;

/// What a request sends to record an implausible date on purpose.
const CONFIRM_FIELD: &str = "\"confirm\": true";

/// An expense's date: strict, and refused when it is implausible (before 1970, or more than
/// a year after today) unless the request confirms it, as `--yes` does on the command line.
/// A year typed wrong would otherwise land silently in a month no one looks at, and stretch
/// every calendar built from the ledger.
pub(super) fn expense_date(
    state: &AppState,
    field: &str,
    text: &str,
    confirm: bool,
) -> Result<NaiveDate, ApiError> {
    let date = iso_date(field, text)?;
    match implausible_date(date, state.today()) {
        Some(doubt) if !confirm => Err(ApiError::bad_request(format!(
            "{doubt}; if it is right, send {CONFIRM_FIELD} with it"
        ))),
        _ => Ok(date),
    }
}

/// A `YYYY-MM-DD` date, strictly.
pub(super) fn iso_date(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err(ApiError::bad_request(format!(
            "{field} {text:?} is not a date; write YYYY-MM-DD, such as 2025-05-15"
        )));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| ApiError::bad_request(format!("{field} {text} is not a day of the calendar")))
}

/// A `YYYY-MM` month named by the parameter `field`, within reach of today: 1970-01 to ten
/// years past the current month. A month past that is refused, never computed or stored.
pub(super) fn month(state: &AppState, field: &str, text: &str) -> Result<Month, ApiError> {
    Month::parse_in_reach(text, state.today())
        .map_err(|error| ApiError::bad_request(format!("{field}: {error}")))
}

/// The month a request names, or this month when it names none.
pub(super) fn month_or_this(state: &AppState, text: Option<&str>) -> Result<Month, ApiError> {
    match text {
        Some(text) => month(state, "month", text),
        None => Ok(Month::of(state.today())),
    }
}

/// A `from` or `to` day of a listing or an export, in a month within reach of today.
fn day_in_reach(state: &AppState, field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    let day = iso_date(field, text)?;
    match Month::of(day).in_reach(state.today()) {
        Ok(_) => Ok(day),
        Err(error) => Err(ApiError::bad_request(format!("{field}: {error}"))),
    }
}

/// The days a listing or an export covers: a month, or `from`/`to`, not both.
pub(super) fn days(
    state: &AppState,
    month_text: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
    if let Some(text) = month_text {
        if from.is_some() || to.is_some() {
            return Err(ApiError::bad_request(
                "give month, or from and to, not both",
            ));
        }
        let month = month(state, "month", text)?;
        return Ok((Some(month.first_day()), Some(month.last_day())));
    }
    let from = from.map(|d| day_in_reach(state, "from", d)).transpose()?;
    let to = to.map(|d| day_in_reach(state, "to", d)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(ApiError::bad_request(format!(
            "from {from} is after to {to}"
        )));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

    use super::*;

    #[test]
    fn dates_are_strict_and_real() {
        assert!(iso_date("date", "2025-05-15").is_ok());
        for text in [
            "2025-5-15",
            "2025-02-30",
            "15/05/2025",
            "2025-05-15T00:00",
            "",
        ] {
            assert_eq!(
                iso_date("date", text).map_err(|e| e.status),
                Err(StatusCode::BAD_REQUEST),
                "{text}"
            );
        }
    }
}
