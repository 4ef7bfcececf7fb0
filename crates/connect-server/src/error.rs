//! Errors as the API answers them: a status, and `{"detail": …}` (403, 404) or
//! `{"detail": …, "error": {"type", "details", "payment_intent_client_secret"?}}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use connect_ports::ApiError;
use connect_wire::errors::{Detail, ErrorDetail, ErrorInfo};

/// An [`ApiError`] on its way out as an HTTP response.
#[derive(Debug)]
pub(crate) struct HttpError(pub(crate) ApiError);

impl From<ApiError> for HttpError {
    fn from(error: ApiError) -> Self {
        Self(error)
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let error = self.0;
        let status =
            StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match error.kind.error_type() {
            None => (
                status,
                Json(Detail {
                    detail: error.detail,
                    status: None,
                }),
            )
                .into_response(),
            Some(_) => (
                status,
                Json(ErrorDetail {
                    detail: error.detail,
                    error: ErrorInfo {
                        kind: error.kind,
                        details: error.details.map(String::from).unwrap_or_default(),
                        payment_intent_client_secret: error
                            .payment_intent_client_secret
                            .map(String::from),
                    },
                }),
            )
                .into_response(),
        }
    }
}

/// A handler's result.
pub(crate) type HttpResult<T> = Result<T, HttpError>;
