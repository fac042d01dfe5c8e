//! Every failure as the reference design words it, `{"status": "error", "message": "…"}`,
//! with the status code that names its kind.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::store::StoreError;

/// A request refused or failed, with what to tell the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

/// The body of every error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Always `error`.
    #[schema(example = "error")]
    pub status: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, message)
    }

    /// The server is shutting down or its writer stopped.
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        let status = match &error {
            StoreError::NoSuchExpense(_)
            | StoreError::NoSuchCategory(_)
            | StoreError::NoSuchUser(_)
            | StoreError::NoSuchAlert(_)
            | StoreError::NoSuchToken(_)
            | StoreError::NoSuchRecurring(_)
            | StoreError::UnknownCategory { .. }
            | StoreError::UnknownUser(_) => StatusCode::NOT_FOUND,
            StoreError::DuplicateCategory(_) | StoreError::DuplicateUser(_) => StatusCode::CONFLICT,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                StatusCode::SERVICE_UNAVAILABLE
            }
            StoreError::Sqlite(_)
            | StoreError::Postgres(_)
            | StoreError::Io(_)
            | StoreError::Connect { .. }
            | StoreError::Damaged { .. }
            | StoreError::Open { .. }
            | StoreError::Create { .. }
            | StoreError::Write { .. }
            | StoreError::Backup { .. }
            | StoreError::MigrationBackup { .. }
            | StoreError::NotADatabase { .. }
            | StoreError::ForeignDatabase { .. }
            | StoreError::ForeignServerDatabase { .. }
            | StoreError::SchemaTooNew { .. }
            | StoreError::ReadOnly { .. }
            | StoreError::MissingDirectory { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError::new(status, error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ErrorBody {
                status: "error",
                message: self.message,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
