//! Request bodies: JSON, read so that a mistake is a 400 naming the field, never a 500.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use connect_ports::ApiError;
use serde::de::DeserializeOwned;

use crate::error::HttpError;

/// A JSON request body of type `T`.
pub(crate) struct Body<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = HttpError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| HttpError(ApiError::validation("body", rejection.body_text())))?;
        // An empty body reads as an empty object: the API's bodies have no required
        // fields but those its validation names.
        let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        let mut reader = serde_json::Deserializer::from_slice(text);
        serde_path_to_error::deserialize(&mut reader)
            .map(Self)
            .map_err(|error| {
                let path = error.path().to_string();
                let field = if path == "." { "body".to_owned() } else { path };
                HttpError(ApiError::validation(field, error.into_inner().to_string()))
            })
    }
}
