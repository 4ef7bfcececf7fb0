//! Request bodies: JSON, form-encoded or multipart (the API's document declares all three),
//! read by their content type so that a mistake is a 400 naming the field, never a 500;
//! another content type is a 415, a body over [`MAX_BODY_BYTES`] a 413.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use connect_ports::ApiError;
use serde::de::DeserializeOwned;

use crate::error::HttpError;

/// The largest request body the sandbox reads (the API's bodies are a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A request body of type `T`, from JSON or a form.
pub(crate) struct Body<T>(pub(crate) T);

/// 413, naming the limit.
fn too_large() -> HttpError {
    let mut error = ApiError::validation(
        "body",
        format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
    );
    error.status = 413;
    HttpError(error)
}

/// Refuses a request whose declared `Content-Length` is over the limit before its body is
/// read: hyper sends `100 Continue` only once a body is read, so a client that waits for it
/// gets the 413 without sending the body.
pub(crate) async fn refuse_oversized(
    request: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return too_large().into_response();
    }
    next.run(request).await
}

/// How a body is read, from its `Content-Type`.
enum Format {
    Json,
    Form,
    Multipart,
    /// No content type: only an empty body is accepted (as an empty object).
    Unstated,
}

fn format_of(content_type: &str) -> Result<Format, HttpError> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "" => Ok(Format::Unstated),
        "application/json" => Ok(Format::Json),
        "application/x-www-form-urlencoded" => Ok(Format::Form),
        "multipart/form-data" => Ok(Format::Multipart),
        other if other.starts_with("application/") && other.ends_with("+json") => Ok(Format::Json),
        other => Err(unsupported(other)),
    }
}

/// 415, as Django REST framework words it.
fn unsupported(content_type: &str) -> HttpError {
    let mut error = ApiError::validation(
        "body",
        format!(
            "Unsupported media type \"{content_type}\" in request \
             (send application/json, application/x-www-form-urlencoded or multipart/form-data)."
        ),
    );
    error.status = 415;
    HttpError(error)
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = HttpError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| value.to_str().unwrap_or("(not text)"))
            .unwrap_or_default();
        let format = format_of(content_type)?;
        if matches!(format, Format::Multipart) {
            return from_multipart(request, state).await.map(Self);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    too_large()
                } else {
                    HttpError(ApiError::validation("body", rejection.body_text()))
                }
            })?;
        match format {
            Format::Form => return from_form(&bytes).map(Self),
            Format::Unstated if !bytes.iter().all(u8::is_ascii_whitespace) => {
                return Err(unsupported(""));
            }
            _ => {}
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
