//! `/api/users` and `/api/categories`. Categories are shared by every user; users are seen
//! whole only by an admin, and a user's token sees that user alone.

use std::sync::Arc;

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::Currency;
use crate::store::Store;

use super::AppState;
use super::auth::Caller;
use super::body::{JsonBody, given};
use super::error::{ApiError, ErrorBody};
use super::shapes::{CategoryOut, UserOut};

/// A user to add.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserBody {
    #[schema(example = "Priya Sharma")]
    pub name: String,
    #[schema(example = "priya@example.com")]
    pub email: String,
    /// ISO 4217 code; INR by default, as in the reference.
    pub currency: Option<String>,
}

/// A category to add.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewCategoryBody {
    #[schema(example = "Health")]
    pub name: String,
    pub description: Option<String>,
}

/// The users the caller may see: every one for an admin, else the caller alone.
#[utoipa::path(get, path = "/api/users",
    responses(
        (status = 200, description = "Users, oldest first", body = [UserOut]),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "users")]
pub async fn list_users(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Vec<UserOut>>, ApiError> {
    let users = state.ledger.read(Store::users).await?;
    Ok(Json(
        users
            .iter()
            .filter(|user| caller.is_admin() || caller.acting_for(Some(user.id.0)).is_ok())
            .map(UserOut::from)
            .collect(),
    ))
}

/// Adds a user; an admin token only.
#[utoipa::path(post, path = "/api/users", request_body = NewUserBody,
    responses(
        (status = 201, description = "Added", body = UserOut),
        (status = 400, description = "A field is missing or wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin token", body = ErrorBody),
        (status = 409, description = "The email is taken", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 415, description = "Body not JSON", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "users")]
pub async fn create_user(
    State(state): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<NewUserBody>,
) -> Result<(StatusCode, Json<UserOut>), ApiError> {
    if !caller.is_admin() {
        return Err(ApiError::forbidden(
            "adding users needs an admin token (`spend token create --admin`)",
        ));
    }
    let currency = match given(body.currency).as_deref() {
        Some(code) => Currency::parse(code)
            .map_err(|error| ApiError::bad_request(format!("currency: {error}")))?,
        None => Currency::INR,
    };
    let user = state
        .ledger
        .write(move |store| store.add_user(&body.name, &body.email, currency))
        .await?;
    Ok((StatusCode::CREATED, Json(UserOut::from(&user))))
}

/// Every category, by name.
#[utoipa::path(get, path = "/api/categories",
    responses(
        (status = 200, description = "Categories, by name", body = [CategoryOut]),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "categories")]
pub async fn list_categories(
    State(state): State<Arc<AppState>>,
) -> Result<Json<Vec<CategoryOut>>, ApiError> {
    let categories = state.ledger.read(Store::categories).await?;
    Ok(Json(categories.iter().map(CategoryOut::from).collect()))
}

/// Adds a category, for every user.
#[utoipa::path(post, path = "/api/categories", request_body = NewCategoryBody,
    responses(
        (status = 201, description = "Added", body = CategoryOut),
        (status = 400, description = "A field is missing or wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 409, description = "The name is taken", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 415, description = "Body not JSON", body = ErrorBody),
    ),
    security(("bearer" = [])), tag = "categories")]
pub async fn create_category(
    State(state): State<Arc<AppState>>,
    JsonBody(body): JsonBody<NewCategoryBody>,
) -> Result<(StatusCode, Json<CategoryOut>), ApiError> {
    let category = state
        .ledger
        .write(move |store| store.add_category(&body.name, body.description.as_deref()))
        .await?;
    Ok((StatusCode::CREATED, Json(CategoryOut::from(&category))))
}
