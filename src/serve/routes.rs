//! The routes, and what every response goes through: authentication of `/api`, the body
//! and time limits, and errors in JSON whoever raised them.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;

use super::AppState;
use super::auth::authenticate;
use super::body::{MAX_BODY_BYTES, too_large};
use super::error::ApiError;
use super::openapi::ApiDoc;
use super::shapes::Health;
use super::{budgets, catalog, expenses, reports};

/// The whole server: `/api` behind authentication, `/healthz` and the description open.
pub fn router(state: Arc<AppState>, request_timeout: Duration) -> Router {
    let api = Router::new()
        .route("/expenses", post(expenses::create).get(expenses::list))
        .route(
            "/expenses/{id}",
            get(expenses::read)
                .patch(expenses::update)
                .delete(expenses::delete),
        )
        .route(
            "/users",
            get(catalog::list_users).post(catalog::create_user),
        )
        .route("/users/{id}/summary", get(reports::summary))
        .route("/users/{id}/report", get(reports::report))
        .route(
            "/categories",
            get(catalog::list_categories).post(catalog::create_category),
        )
        .route("/budgets", get(budgets::list).put(budgets::set))
        .route("/alerts", get(budgets::list_alerts))
        .route("/alerts/seen", post(budgets::mark_seen))
        .route("/export.csv", get(reports::export_csv))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            authenticate,
        ));
    Router::new()
        .route("/healthz", get(health))
        .route("/api/openapi.json", get(openapi))
        .nest("/api", api)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the server failed on this request; see its log",
            )
            .into_response()
        }))
        .layer(middleware::from_fn(errors_in_json))
}

/// The server is up and answering.
#[utoipa::path(get, path = "/healthz",
    responses((status = 200, description = "Up", body = Health)), tag = "server")]
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn not_found(request: Request) -> ApiError {
    ApiError::not_found(format!("no such endpoint: {}", request.uri().path()))
}

async fn method_not_allowed(request: Request) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{} is not allowed on {}",
            request.method(),
            request.uri().path()
        ),
    )
}

/// Gives an error that left its body empty or in plain text (a timeout, a body over the
/// limit, a panic caught) the JSON body every error has. An error to a request that came
/// with a body closes the connection: the body may not have been read to its end (a token
/// refused, a type refused, a size refused), so the connection cannot carry another
/// request, and a client that reused it would meet a closed socket.
async fn errors_in_json(request: Request, next: Next) -> Response {
    let had_body = request.headers().contains_key(header::TRANSFER_ENCODING)
        || request
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length.as_bytes() != b"0");
    let mut response = next.run(request).await;
    let status = response.status();
    if had_body && (status.is_client_error() || status.is_server_error()) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if status.is_success() || status.is_redirection() || is_json {
        return response;
    }
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        StatusCode::REQUEST_TIMEOUT => ApiError::new(status, "the request took too long"),
        other => ApiError::new(
            other,
            other.canonical_reason().unwrap_or("the request failed"),
        ),
    };
    let (mut parts, _) = response.into_parts();
    let fresh = error.into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, fresh.into_body())
}

/// Logs one line per request: method, path, status and the time it took.
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    tracing::info!(
        "{method} {path} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}
