//! Error bodies: `{"detail"}` (schema `Detail`, used for 403 and 404) and
//! `{"detail", "error": {"type", "details", …}}` (schema `ErrorDetail`, for 400, 402, 409,
//! 423, 424 and 500), and [`ErrorBody`], which reads any of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::serde_util::lenient;
use connect_ports::ErrorKind;

/// A plain error body (schema `Detail`): authentication and permission failures (403) and
/// unknown or foreign objects (404).
///
/// The docs also describe 400 bodies carrying `"status": "unpaid_debts"`, a key no schema
/// has: it is read into [`Detail::status`] and never written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    /// Human-readable message.
    pub detail: String,
    /// Undocumented status key (`"unpaid_debts"`). Read, never written.
    #[serde(default, skip_serializing)]
    pub status: Option<String>,
}

/// A typed error body (schema `ErrorDetail`).
///
/// # Examples
/// ```
/// use connect_ports::ErrorKind;
/// use connect_wire::errors::ErrorDetail;
/// let body: ErrorDetail = serde_json::from_str(r#"{"detail": "Charging Error", "error": {
///     "type": "already_charging",
///     "details": "User already has active charging session OR is starting charging"}}"#)?;
/// assert_eq!(body.error.kind, ErrorKind::AlreadyCharging);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Human-readable message (`"Charging Error"` for start charging).
    pub detail: String,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// The `error` of an [`ErrorDetail`] (schema `Error`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// The error type.
    #[serde(rename = "type")]
    pub kind: ErrorKind,
    /// Additional details. Required by the document; reads as empty when absent, and is
    /// always written.
    #[serde(default)]
    pub details: String,
    /// With `pre_authorization_failed`: the PaymentIntent client secret to confirm before
    /// retrying. Left out when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_intent_client_secret: Option<String>,
}

/// Any error body the API may send: [`Detail`], [`ErrorDetail`], the docs' undocumented
/// `"status"` key, or Django REST Framework's per-field validation errors
/// (`{"email": ["Enter a valid email address."]}`), which the document does not declare
/// but DRF sends by default.
///
/// Reading never fails on a JSON object: a key of the wrong shape reads as `None`. Writing
/// gives `detail` and `error` (when set) only, as the document says.
///
/// # Examples
/// ```
/// use connect_ports::ErrorKind;
/// use connect_wire::errors::ErrorBody;
/// let stop_404: ErrorBody = serde_json::from_str(r#"{"detail": "User session with this id was not found"}"#)?;
/// assert_eq!(stop_404.error_type(), None);
/// assert_eq!(stop_404.message(), Some("User session with this id was not found"));
///
/// let field_errors: ErrorBody = serde_json::from_str(r#"{"email": ["Enter a valid email address."]}"#)?;
/// assert_eq!(field_errors.message(), Some("Enter a valid email address."));
///
/// let start_409: ErrorBody = serde_json::from_str(
///     r#"{"detail": "Charging Error", "error": {"type": "already_stopped", "details": "…"}}"#,
/// )?;
/// assert_eq!(start_409.error_type(), Some(&ErrorKind::AlreadyStopped));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Human-readable message; `None` when absent or not a string.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::deserialize"
    )]
    pub detail: Option<String>,
    /// The typed error; `None` when absent or not an error object.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::deserialize"
    )]
    pub error: Option<ErrorInfo>,
    /// Undocumented status key (`"unpaid_debts"`); `None` when absent or not a string.
    /// Read, never written.
    #[serde(default, skip_serializing, deserialize_with = "lenient::deserialize")]
    pub status: Option<String>,
    /// Every other key: DRF's per-field validation messages. Read, never written.
    #[serde(flatten, skip_serializing)]
    pub fields: BTreeMap<String, Value>,
}

impl ErrorBody {
    /// The typed error's type, if the body has one.
    pub fn error_type(&self) -> Option<&ErrorKind> {
        self.error.as_ref().map(|error| &error.kind)
    }

    /// The most specific human-readable text: `detail`, else the typed error's `details`,
    /// else the first per-field message.
    pub fn message(&self) -> Option<&str> {
        self.detail
            .as_deref()
            .or_else(|| self.error.as_ref().map(|error| error.details.as_str()))
            .or_else(|| self.fields.values().find_map(first_text))
    }
}

fn first_text(value: &Value) -> Option<&str> {
    match value {
        Value::String(text) => Some(text),
        Value::Array(items) => items.iter().find_map(first_text),
        Value::Object(map) => map.values().find_map(first_text),
        _ => None,
    }
}

impl From<Detail> for ErrorBody {
    fn from(body: Detail) -> Self {
        Self {
            detail: Some(body.detail),
            status: body.status,
            ..Self::default()
        }
    }
}

impl From<ErrorDetail> for ErrorBody {
    fn from(body: ErrorDetail) -> Self {
        Self {
            detail: Some(body.detail),
            error: Some(body.error),
            ..Self::default()
        }
    }
}
