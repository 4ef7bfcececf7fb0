//! Request bodies: JSON, form-encoded or multipart (the API's document declares all three),
//! read so that a mistake is a 400 naming the field, never a 500.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use connect_ports::ApiError;
use serde::de::DeserializeOwned;

use crate::error::HttpError;

/// A request body of type `T`, from JSON or a form.
pub(crate) struct Body<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = HttpError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let kind = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if kind.starts_with("multipart/form-data") {
            return from_multipart(request, state).await.map(Self);
        }
        let form = kind.starts_with("application/x-www-form-urlencoded");
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| HttpError(ApiError::validation("body", rejection.body_text())))?;
        if form {
            return from_form(&bytes).map(Self);
        }
        // An empty body reads as an empty object: the API's bodies have no required
        // fields but those its validation names.
        let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        // Every body of the API is an object; serde would read a struct from an array too.
        if text.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(HttpError(ApiError::validation(
                "body",
                "expected a JSON object",
            )));
        }
        let mut reader = serde_json::Deserializer::from_slice(text);
        serde_path_to_error::deserialize(&mut reader)
            .map(Self)
            .map_err(field_error)
    }
}

/// A form body read as a JSON object of strings (the last of repeated keys wins), then as
/// `T`, so that forms and JSON give the same errors.
fn from_form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, HttpError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(bytes)
        .map_err(|error| HttpError(ApiError::validation("body", error.to_string())))?;
    let object: serde_json::Map<String, serde_json::Value> = pairs
        .into_iter()
        .map(|(key, value)| (key, serde_json::Value::String(value)))
        .collect();
    from_object(object)
}

/// A multipart body read like a form: each field's text under its name.
async fn from_multipart<T: DeserializeOwned, S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<T, HttpError> {
    let invalid = |message: String| HttpError(ApiError::validation("body", message));
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|rejection| invalid(rejection.body_text()))?;
    let mut object = serde_json::Map::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| invalid(e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let text = field.text().await.map_err(|e| invalid(e.body_text()))?;
        object.insert(name, serde_json::Value::String(text));
    }
    from_object(object)
}

fn from_object<T: DeserializeOwned>(
    object: serde_json::Map<String, serde_json::Value>,
) -> Result<T, HttpError> {
    serde_path_to_error::deserialize(serde_json::Value::Object(object)).map_err(field_error)
}

/// A deserialization error as a 400 naming the field's path.
fn field_error<E: std::fmt::Display>(error: serde_path_to_error::Error<E>) -> HttpError {
    let path = error.path().to_string();
    let field = if path == "." { "body".to_owned() } else { path };
    HttpError(ApiError::validation(field, error.into_inner().to_string()))
}
