//! `/api/budgets` and `/api/alerts`: a month's budgets against spending, setting one (which
//! alerts at once when spending is already past it), and the alerts fired.

use std::sync::Arc;

use axum::Extension;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};

use crate::domain::AlertId;

use super::AppState;
use super::auth::Caller;
use super::body::{JsonBody, QueryOf, budget_amount, given};
use super::dates::month_or_this;
use super::error::{ApiError, ErrorBody};
use super::expenses::{CategoryRef, user_or_default};
use super::shapes::{AlertOut, AlertsSeen, BudgetOut, BudgetWritten, alerts_out};

/// Whose budgets, and which month.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BudgetQuery {
    /// The user; a token's own by default.
    pub user_id: Option<i64>,
    /// `YYYY-MM`; this month by default.
    #[param(pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
}

/// A month's budget of a category.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BudgetBody {
    pub user_id: Option<i64>,
    pub category_id: Option<i64>,
    pub category: Option<String>,
    /// `YYYY-MM`; this month by default.
    #[schema(example = "2025-05", pattern = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
    pub month: Option<String>,
    /// A JSON number or string, read exactly; zero is a budget.
    #[schema(value_type = f64, example = 8000.00, minimum = 0)]
    pub amount: Box<RawValue>,
}

/// Whose alerts.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertQuery {
    pub user_id: Option<i64>,
    /// Only the ones not yet marked seen.
    pub unseen: Option<bool>,
}

/// Alerts to mark seen.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SeenBody {
    pub user_id: Option<i64>,
    /// These alerts; every unseen one when left out.
    pub ids: Option<Vec<i64>>,
}

/// A month's budgets with what was spent.
#[utoipa::path(get, path = "/api/budgets", params(BudgetQuery),
    responses(
        (status = 200, description = "The month's budgets", body = [BudgetOut]),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "budgets")]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    QueryOf(query): QueryOf<BudgetQuery>,
) -> Result<Json<Vec<BudgetOut>>, ApiError> {
    let named = caller.acting_for(query.user_id)?;
    let month = month_or_this(&state, query.month.as_deref())?;
    let budgets = state
        .ledger
        .read(move |store| {
            let user = user_or_default(store, named)?;
            let budgets = store.budgets_for_month(user.id, month)?;
            Ok(budgets.iter().map(|b| BudgetOut::new(&user, b)).collect())
        })
        .await?;
    Ok(Json(budgets))
}

/// Sets a category's budget for a month.
#[utoipa::path(put, path = "/api/budgets", request_body = BudgetBody,
    responses(
        (status = 200, description = "Set, with the alert it fired", body = BudgetWritten),
        (status = 400, description = "A field is missing or wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user or category", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 415, description = "Body not JSON", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "budgets")]
pub async fn set(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<BudgetBody>,
) -> Result<Json<BudgetWritten>, ApiError> {
    let named = caller.acting_for(body.user_id)?;
    let month = month_or_this(&state, body.month.as_deref())?;
    let category = CategoryRef::of(body.category_id, given(body.category))?
        .ok_or_else(|| ApiError::bad_request("give category_id, or category with a name"))?;
    let (user, category_id) = state
        .ledger
        .read(move |store| Ok((user_or_default(store, named)?, category.resolve(store)?)))
        .await?;
    let amount = budget_amount(&body.amount, user.currency)?;
    let alerts = state
        .ledger
        .write(move |store| store.set_budget(user.id, category_id, month, amount))
        .await?;
    Ok(Json(BudgetWritten {
        status: "ok",
        user_id: user.id.0,
        category_id: category_id.0,
        month: month.to_string(),
        amount: user.currency.format_plain(amount),
        alerts: alerts_out(&alerts),
    }))
}

/// A user's alerts, newest first.
#[utoipa::path(get, path = "/api/alerts", params(AlertQuery),
    responses(
        (status = 200, description = "Alerts, newest first", body = [AlertOut]),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "alerts")]
pub async fn list_alerts(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    QueryOf(query): QueryOf<AlertQuery>,
) -> Result<Json<Vec<AlertOut>>, ApiError> {
    let named = caller.acting_for(query.user_id)?;
    let include_seen = !query.unseen.unwrap_or(false);
    let alerts = state
        .ledger
        .read(move |store| {
            let user = user_or_default(store, named)?;
            store.alerts(user.id, include_seen)
        })
        .await?;
    Ok(Json(alerts_out(&alerts)))
}

/// Marks alerts seen: the ones listed, or every unseen one.
#[utoipa::path(post, path = "/api/alerts/seen", request_body = SeenBody,
    responses(
        (status = 200, description = "How many were marked", body = AlertsSeen),
        (status = 400, description = "A field is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user or alert", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 415, description = "Body not JSON", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "alerts")]
pub async fn mark_seen(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<SeenBody>,
) -> Result<Json<AlertsSeen>, ApiError> {
    let named = caller.acting_for(body.user_id)?;
    let marked = state
        .ledger
        .write(move |store| {
            let user = user_or_default(store, named)?;
            match body.ids {
                None => store.mark_alerts_seen(user.id),
                Some(ids) => {
                    // Every id is checked before any is marked, so a wrong one marks none.
                    let known: std::collections::HashSet<AlertId> =
                        store.alerts(user.id, true)?.iter().map(|a| a.id).collect();
                    if let Some(unknown) = ids.iter().find(|id| !known.contains(&AlertId(**id))) {
                        return Err(crate::store::StoreError::NoSuchAlert(AlertId(*unknown)));
                    }
                    let mut marked = 0;
                    for id in ids {
                        marked += usize::from(store.mark_alert_seen(user.id, AlertId(id))?);
                    }
                    Ok(marked)
                }
            }
        })
        .await?;
    Ok(Json(AlertsSeen {
        status: "ok",
        marked,
    }))
}
