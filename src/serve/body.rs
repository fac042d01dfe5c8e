//! What a request carries: a JSON body read to at most 64 KiB and checked for its type,
//! query strings, and amounts read exactly from the JSON text.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::domain::{AmountError, Currency, Rate, parse_budget, parse_expense_amount};

use super::error::ApiError;

/// The largest body the server reads.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON body, parsed into `T`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(|mime| mime.trim().to_ascii_lowercase())
            .is_some_and(|mime| mime == "application/json" || mime.ends_with("+json"));
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the body as JSON, with Content-Type: application/json",
            ));
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| too_large())?;
        // A struct would also take a JSON array of its fields in order; a body is an object.
        if bytes.trim_ascii_start().first() != Some(&b'{') {
            return Err(ApiError::bad_request("the body must be a JSON object: {…}"));
        }
        let mut reader = serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize(&mut reader)
            .map_err(|error| ApiError::bad_request(json_problem(&error)))?;
        // Text after the value makes the body no JSON document.
        reader.end().map_err(|error| {
            ApiError::bad_request(format!("the body is not valid JSON: {error}"))
        })?;
        Ok(JsonBody(value))
    }
}

/// The 413 of a body over the limit.
pub fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the body is over {} KiB", MAX_BODY_BYTES / 1024),
    )
}

/// What was wrong with a body, in words a client can act on, naming the field.
fn json_problem(error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    use serde_json::error::Category;
    let inner = error.inner();
    match inner.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            format!("the body is not valid JSON: {inner}")
        }
        Category::Data => match error.path().to_string().as_str() {
            "." => format!("the body's fields are not right: {inner}"),
            field => format!("the body's field {field} is not right: {inner}"),
        },
    }
}

/// Text a client left empty (`"category": ""`) is text it did not give.
pub fn given(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// A query string, parsed into `T`.
pub struct QueryOf<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryOf<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        // `?month=` names no month: a parameter left empty is a parameter left out.
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(parts.uri.query().unwrap_or("")).map_err(|error| {
                ApiError::bad_request(format!("the query string is not right: {error}"))
            })?;
        let given: Vec<(String, String)> =
            pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        let query = serde_urlencoded::to_string(given).map_err(|error| {
            ApiError::bad_request(format!("the query string is not right: {error}"))
        })?;
        serde_urlencoded::from_str(&query)
            .map(QueryOf)
            .map_err(|error| {
                ApiError::bad_request(format!("the query string is not right: {error}"))
            })
    }
}

/// An expense amount from a JSON number or string, exactly as written: `350.50` is 35050
/// minor units, never a float on the way.
pub fn expense_amount(raw: &RawValue, currency: Currency) -> Result<Decimal, ApiError> {
    amount_with(raw, currency, parse_expense_amount)
}

/// An exchange rate from a JSON number or string, exactly as written.
pub fn exchange_rate(raw: &RawValue) -> Result<Rate, ApiError> {
    let text = raw.get().trim();
    let text = if text.starts_with('"') {
        serde_json::from_str::<String>(text)
            .map_err(|_| ApiError::bad_request("rate must be a number or a string"))?
    } else {
        text.to_string()
    };
    Rate::parse(&text).map_err(|error| ApiError::bad_request(format!("rate: {error}")))
}

/// A budget amount from a JSON number or string, exactly as written; zero is a budget.
pub fn budget_amount(raw: &RawValue, currency: Currency) -> Result<Decimal, ApiError> {
    amount_with(raw, currency, parse_budget)
}

fn amount_with(
    raw: &RawValue,
    currency: Currency,
    parse: fn(&str, Currency) -> Result<Decimal, AmountError>,
) -> Result<Decimal, ApiError> {
    let text = raw.get().trim();
    let refused = |error: AmountError| ApiError::bad_request(format!("amount: {error}"));
    if text.starts_with('"') {
        let text: String = serde_json::from_str(text)
            .map_err(|_| ApiError::bad_request("amount must be a number or a string"))?;
        return parse(&text, currency).map_err(refused);
    }
    if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Err(ApiError::bad_request(
            "amount must be a number such as 350.50, or a string such as \"350.50\"",
        ));
    }
    if text.contains(['e', 'E']) {
        // `3.505e2` is exactly 350.5; read it as a decimal, then as any other amount.
        let exact = Decimal::from_scientific(text)
            .map_err(|_| ApiError::bad_request(format!("amount {text} is out of range")))?;
        return parse(&exact.normalize().to_string(), currency).map_err(refused);
    }
    parse(text, currency).map_err(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).expect("valid JSON")
    }

    #[test]
    fn amounts_are_read_exactly_from_the_json_text() {
        let inr = Currency::INR;
        for (text, minor) in [
            ("350.50", 35_050),
            ("\"350.50\"", 35_050),
            ("0.1", 10),
            ("3.505e2", 35_050),
            ("\"₹1,200\"", 120_000),
            ("999999999.99", 99_999_999_999),
        ] {
            let amount = expense_amount(&raw(text), inr).expect(text);
            assert_eq!(inr.to_minor(amount).expect("minor"), minor, "{text}");
        }
    }

    #[test]
    fn amounts_that_cannot_be_stored_exactly_are_refused_by_name() {
        let inr = Currency::INR;
        for text in [
            "0", "-5", "1.005", "true", "null", "{}", "[1]", "\"abc\"", "1e999",
        ] {
            let error = expense_amount(&raw(text), inr).expect_err(text);
            assert_eq!(error.status, StatusCode::BAD_REQUEST, "{text}");
            assert!(
                error.message.contains("amount"),
                "{text}: {}",
                error.message
            );
        }
        assert_eq!(
            budget_amount(&raw("0"), inr).map(|d| d.is_zero()),
            Ok(true),
            "a zero budget is a budget"
        );
    }
}
