//! Reading spending: the reference's month summary, the four analyses of `spend report`, and
//! the reference's CSV, streamed.

use std::io::{self, Write};
use std::sync::Arc;

use axum::Extension;
use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use utoipa::{IntoParams, ToSchema};

use crate::domain::{Month, MonthRange};
use crate::store::{ExpenseFilter, StoreError};

use super::AppState;
use super::auth::Caller;
use super::body::QueryOf;
use super::dates::{days, month, month_or_this};
use super::error::{ApiError, ErrorBody};
use super::expenses::user_or_default;
use super::shapes::{Money, Summary, SummaryCategory};

/// Months of totals a report covers unless `from` says otherwise.
const REPORT_MONTHS: usize = 12;

/// Chunks of CSV in flight between the reading thread and the connection.
const CSV_CHUNKS_IN_FLIGHT: usize = 4;

/// Which month.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// `YYYY-MM`; this month by default.
    #[param(pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
}

/// Which months a report covers.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The month of the details, `YYYY-MM`; this month (or `to`) by default.
    #[param(pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
    /// First month of the totals; twelve months back by default.
    #[param(pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub from: Option<String>,
    /// Last month of the totals.
    #[param(pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub to: Option<String>,
}

/// Which expenses to export.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// The user; a user token's own by default; every user for an admin.
    pub user_id: Option<i64>,
    /// A calendar month, `YYYY-MM`; or give `from` and `to`.
    #[param(pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
    /// First day, `YYYY-MM-DD`.
    #[param(format = Date)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    #[param(format = Date)]
    pub to: Option<String>,
}

/// `spend report --json`: monthly totals with the rolling three months, top categories,
/// and budget against spent.
#[derive(Debug, Serialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object)]
pub struct ReportOut(serde_json::Value);

/// The reference's summary: spent this month, and each budget against what was spent.
#[utoipa::path(get, path = "/api/users/{id}/summary", params(("id" = i64, Path), MonthQuery),
    responses(
        (status = 200, description = "The month's summary", body = Summary),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "reports")]
pub async fn summary(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    QueryOf(query): QueryOf<MonthQuery>,
) -> Result<Response, ApiError> {
    let named = caller.acting_for(Some(id))?;
    let month = month_or_this(&state, query.month.as_deref())?;
    let key = format!("summary {named:?} {month}");
    let summary = state
        .ledger
        .read_kept(key, move |store| {
            let user = user_or_default(store, named)?;
            let total = store
                .monthly_totals(user.id, MonthRange::ending(month, 1))?
                .last()
                .map_or_else(rust_decimal::Decimal::default, |m| m.total);
            let budgets = store.budgets_for_month(user.id, month)?;
            let summary = Summary {
                user_id: user.id.0,
                month: month.to_string(),
                currency: user.currency.code().to_string(),
                total_this_month: Money::new(user.currency, total),
                categories: budgets
                    .iter()
                    .map(|b| SummaryCategory::new(user.currency, b))
                    .collect(),
            };
            serde_json::to_vec(&summary).map_err(|e| StoreError::InvalidInput(e.to_string()))
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], summary).into_response())
}

/// The four analyses of a month, shaped as `spend report --json` prints them.
#[utoipa::path(get, path = "/api/users/{id}/report", params(("id" = i64, Path), ReportQuery),
    responses(
        (status = 200, description = "The report", body = ReportOut),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "reports")]
pub async fn report(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    QueryOf(query): QueryOf<ReportQuery>,
) -> Result<Json<ReportOut>, ApiError> {
    let named = caller.acting_for(Some(id))?;
    let parse = |field, text: Option<&str>| text.map(|text| month(&state, field, text)).transpose();
    let (from, to) = (
        parse("from", query.from.as_deref())?,
        parse("to", query.to.as_deref())?,
    );
    let month = parse("month", query.month.as_deref())?
        .or(to)
        .unwrap_or_else(|| Month::of(state.today()));
    let last = to.unwrap_or(month);
    let window = match from {
        Some(from) => MonthRange::for_report(from, last)
            .map_err(|error| ApiError::bad_request(error.to_string()))?,
        None => MonthRange::ending(last, REPORT_MONTHS),
    };
    let report = state
        .ledger
        .read(move |store| {
            let user = user_or_default(store, named)?;
            store.report(user.id, month, window)
        })
        .await?;
    Ok(Json(ReportOut(crate::cli::json::report(&report))))
}

/// The reference's CSV of expenses, streamed as it is read.
#[utoipa::path(get, path = "/api/export.csv", params(ExportQuery),
    responses(
        (status = 200, description = "id,user_id,category_id,category,amount,currency,date,note",
         content_type = "text/csv", body = String),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "reports")]
pub async fn export_csv(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    QueryOf(query): QueryOf<ExportQuery>,
) -> Result<Response, ApiError> {
    // An admin naming no user exports everyone's, as `spend export --all-users` does.
    let user = match (caller, query.user_id) {
        (Caller::Admin { .. }, None) => None,
        _ => caller.acting_for(query.user_id)?,
    };
    let (from, to) = days(
        &state,
        query.month.as_deref(),
        query.from.as_deref(),
        query.to.as_deref(),
    )?;
    if let Some(user) = user {
        // The 404 comes before the first byte of CSV, not half way through.
        state.ledger.read(move |store| store.user(user)).await?;
    }
    let filter = ExpenseFilter {
        user,
        from,
        to,
        search: None,
    };
    let (chunks, received) = mpsc::channel::<io::Result<Bytes>>(CSV_CHUNKS_IN_FLIGHT);
    state.ledger.spawn_read(move |store| {
        let mut out = ChunkWriter {
            chunks: chunks.clone(),
        };
        if let Err(error) = crate::export::write_csv(store, &filter, &mut out) {
            // The client sees a cut-off body; the log says why.
            if !matches!(&error, StoreError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe) {
                tracing::warn!("export stopped: {error}");
                let _ = chunks.blocking_send(Err(io::Error::other(error.to_string())));
            }
        }
    });
    let stream = futures_util::stream::unfold(received, |mut received| async move {
        received.recv().await.map(|chunk| (chunk, received))
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"expenses.csv\"",
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// Hands what the CSV writer writes to the connection, a chunk at a time.
struct ChunkWriter {
    chunks: mpsc::Sender<io::Result<Bytes>>,
}

impl Write for ChunkWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.chunks
            .blocking_send(Ok(Bytes::copy_from_slice(buf)))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
