//! The one error of the client: an API answer, a transport failure, a timeout, an answer
//! too large or that could not be read, a start that did not happen or whose outcome is
//! unknown, or a configuration mistake.

use std::fmt;
use std::time::Duration;

use connect_ports::{ApiError, ErrorKind, PortError};
use connect_wire::errors::ErrorBody;

use crate::config::ConfigError;

/// What a call of [`ConnectClient`](crate::ConnectClient) can fail with.
///
/// Every variant that comes from a request names its method and path (never the query, which
/// may carry search terms, and never the token). Ask rather than match where you can:
/// [`ClientError::is_retryable`], [`ClientError::is_not_found`], [`ClientError::kind`],
/// [`ClientError::status`], [`ClientError::api_error`].
///
/// # Examples
/// ```
/// use connect_http::ClientError;
/// use connect_ports::{ApiError, ErrorKind};
/// let error = ClientError::api(ApiError::already_charging(), "POST", "/api/v1/users/u1/charging/start/");
/// assert_eq!(error.status(), Some(409));
/// assert_eq!(error.kind(), Some(&ErrorKind::AlreadyCharging));
/// assert!(!error.is_retryable());
/// assert_eq!(
///     error.to_string(),
///     "POST /api/v1/users/u1/charging/start/: 409 already_charging: Charging Error \
///      (User already has active charging session OR is starting charging)"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The API answered with an error status; `error` holds its status, kind, `detail`,
    /// `error.details` and any `payment_intent_client_secret` (3-D Secure).
    #[error("{method} {path}: {error}{}", RequestId(request_id.as_deref()))]
    Api {
        /// The answer.
        error: Box<ApiError>,
        /// The request's method.
        method: &'static str,
        /// The request's path.
        path: Box<str>,
        /// The answer's `x-request-id` header, else the one the client sent.
        request_id: Option<Box<str>>,
        /// The answer's `Retry-After`, if it had one (in seconds on the wire).
        retry_after: Option<Duration>,
    },
    /// The connection failed or was lost before a whole answer arrived. `source` is the
    /// underlying failure (a `reqwest::Error` without the URL, whose own `source()` leads
    /// to the I/O error).
    #[error("{method} {path}: transport failure{}: {source}", if *sent { "" } else { " (nothing was sent)" })]
    Transport {
        /// The request's method.
        method: &'static str,
        /// The request's path.
        path: Box<str>,
        /// Whether the request may have reached the API: `false` when the connection could
        /// not even be opened, so nothing was sent.
        sent: bool,
        /// What failed.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// No (whole) answer within the connect or per-attempt timeout.
    #[error("{method} {path}: no answer within {after:?}{}", if *sent { "" } else { " (connecting; nothing was sent)" })]
    Timeout {
        /// The request's method.
        method: &'static str,
        /// The request's path.
        path: Box<str>,
        /// Whether the request may have reached the API (`false`: still connecting).
        sent: bool,
        /// The timeout that ran out.
        after: Duration,
        /// The underlying failure (a `reqwest::Error` whose `is_timeout()` is true, without
        /// the URL).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A successful answer whose body is larger than the client reads
    /// ([`ConnectClientBuilder::max_body_bytes`](crate::ConnectClientBuilder::max_body_bytes)):
    /// it was not read whole, so nothing was allocated for it beyond the cap.
    #[error(
        "{method} {path}: the {status} answer's body is larger than {limit} bytes, the most the client reads"
    )]
    BodyTooLarge {
        /// The request's method.
        method: &'static str,
        /// The request's path.
        path: Box<str>,
        /// The answer's status.
        status: u16,
        /// The cap, in bytes.
        limit: u64,
    },
    /// An answer the client could not read: not JSON, or not the shape the document gives,
    /// or a value the domain cannot hold.
    #[error("{method} {path}: the {status} answer could not be read: {message}")]
    Decode {
        /// The request's method.
        method: &'static str,
        /// The request's path.
        path: Box<str>,
        /// The answer's status.
        status: u16,
        /// What did not fit (serde's message, or the field at fault).
        message: Box<str>,
    },
    /// Starting a session failed with an answer that says the API is done with the request
    /// (500, 503), and the user's sessions show no session on that EVSE since the request
    /// was sent: it was not started, and may be started again. `source` is the original
    /// failure.
    #[error("charging was not started on {evse_id}")]
    NotStarted {
        /// The EVSE asked for.
        evse_id: Box<str>,
        /// The failure of the start request.
        #[source]
        source: Box<ClientError>,
    },
    /// Starting a session failed ambiguously (a timeout, a lost connection, a gateway's 502
    /// or 504, or a 5xx whose effect the session list could not show), and within the
    /// reconciliation window ([`ReconcilePolicy`](crate::ReconcilePolicy)) the user's
    /// sessions never showed it started, while the API may still start it (or the list
    /// could not be read). Starting again could start a second session: look at the user's
    /// sessions later (a session on this EVSE started since the request) before starting
    /// again. Not retryable. `source` is the start's failure.
    #[error(
        "whether charging started on {evse_id} is unknown: the start failed ambiguously and the user's sessions did not show it in time; list them before starting again"
    )]
    StartOutcomeUnknown {
        /// The EVSE asked for.
        evse_id: Box<str>,
        /// The failure of the start request.
        #[source]
        source: Box<ClientError>,
    },
    /// The client is misconfigured.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// Writes ` [request id …]` when there is one.
struct RequestId<'a>(Option<&'a str>);

impl fmt::Display for RequestId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " [request id {id}]"),
            None => Ok(()),
        }
    }
}

/// Statuses that say "try again later": too many requests, and the gateway answers.
const RETRYABLE_STATUSES: [u16; 4] = [429, 502, 503, 504];

impl ClientError {
    /// An [`ClientError::Api`] for `error`, answered to `method path`.
    ///
    /// # Examples
    /// ```
    /// use connect_http::ClientError;
    /// use connect_ports::ApiError;
    /// let error = ClientError::api(ApiError::not_found("Not found."), "GET", "/api/v1/users/x/");
    /// assert!(error.is_not_found());
    /// ```
    pub fn api(error: ApiError, method: &'static str, path: &str) -> Self {
        Self::Api {
            error: Box::new(error),
            method,
            path: path.into(),
            request_id: None,
            retry_after: None,
        }
    }

    /// Whether trying the same call again later may succeed: transport failures, timeouts,
    /// the answers 429, 502, 503 and 504, and a start that did not happen
    /// ([`ClientError::NotStarted`]). Never a start whose outcome is unknown
    /// ([`ClientError::StartOutcomeUnknown`]): it may have started.
    ///
    /// The client already retried what it safely could; this is for the caller's own,
    /// longer-term retries.
    ///
    /// # Examples
    /// ```
    /// use connect_http::ClientError;
    /// use connect_ports::{ApiError, ErrorKind};
    /// let busy = ClientError::api(ApiError::new(503, ErrorKind::Unexpected, "busy"), "GET", "/");
    /// assert!(busy.is_retryable());
    /// let refused = ClientError::api(ApiError::already_charging(), "POST", "/");
    /// assert!(!refused.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Timeout { .. } | Self::NotStarted { .. } => true,
            Self::Api { error, .. } => RETRYABLE_STATUSES.contains(&error.status),
            Self::Decode { .. }
            | Self::BodyTooLarge { .. }
            | Self::StartOutcomeUnknown { .. }
            | Self::Config(_) => false,
        }
    }

    /// Whether the API answered 404: the object does not exist or belongs to another token.
    ///
    /// # Examples
    /// ```
    /// use connect_http::ClientError;
    /// use connect_ports::ApiError;
    /// assert!(ClientError::api(ApiError::not_found("gone"), "GET", "/").is_not_found());
    /// ```
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404) && self.api_error().is_some()
    }

    /// The API's error kind, when the API answered.
    ///
    /// # Examples
    /// ```
    /// use connect_http::ClientError;
    /// use connect_ports::{ApiError, ErrorKind};
    /// let error = ClientError::api(ApiError::already_stopped(), "POST", "/");
    /// assert_eq!(error.kind(), Some(&ErrorKind::AlreadyStopped));
    /// ```
    pub fn kind(&self) -> Option<&ErrorKind> {
        self.api_error().map(|error| &error.kind)
    }

    /// The HTTP status of the answer, when there was one (an API error, or an answer that
    /// could not be read).
    ///
    /// # Examples
    /// ```
    /// use connect_http::ClientError;
    /// use connect_ports::ApiError;
    /// assert_eq!(ClientError::api(ApiError::forbidden(), "GET", "/").status(), Some(403));
    /// ```
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { error, .. } => Some(error.status),
            Self::Decode { status, .. } | Self::BodyTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API's answer, when the failure is one.
    ///
    /// # Examples
    /// ```
    /// use connect_http::ClientError;
    /// use connect_ports::ApiError;
    /// let error = ClientError::api(ApiError::pre_authorization_failed(Some("pi_1_secret_2".into())), "POST", "/");
    /// let answer = error.api_error().unwrap();
    /// assert_eq!(answer.payment_intent_client_secret.as_deref(), Some("pi_1_secret_2"));
    /// ```
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The request id of the failed request: the answer's `x-request-id`, else the one the
    /// client sent (quote it to Cariqa's support).
    ///
    /// # Examples
    /// ```
    /// use connect_http::ClientError;
    /// use connect_ports::ApiError;
    /// assert_eq!(ClientError::api(ApiError::forbidden(), "GET", "/").request_id(), None);
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether the request may or may not have taken effect: it was sent and then timed
    /// out, lost its connection, or got a 5xx answer.
    pub(crate) fn is_ambiguous(&self) -> bool {
        match self {
            Self::Transport { sent, .. } | Self::Timeout { sent, .. } => *sent,
            Self::Api { error, .. } => error.status >= 500,
            _ => false,
        }
    }

    /// Whether the request may have been applied although it failed: sent, then timed out
    /// or lost its connection, or answered 500, 502 or 504 (a 503 or 429 says it was not
    /// handled).
    pub(crate) fn may_have_applied(&self) -> bool {
        match self {
            Self::Transport { sent, .. } | Self::Timeout { sent, .. } => *sent,
            Self::Api { error, .. } => matches!(error.status, 500 | 502 | 504),
            _ => false,
        }
    }

    /// Whether the API answered and so is done with the request, its effect (if any)
    /// visible to a read that follows: any answer but a gateway's 502 or 504, whose
    /// upstream may still be working on it.
    pub(crate) fn api_is_done(&self) -> bool {
        match self {
            Self::Api { error, .. } => !matches!(error.status, 502 | 504),
            _ => false,
        }
    }

    /// Whether nothing was sent, so that even a `POST` may be tried again.
    pub(crate) fn was_not_sent(&self) -> bool {
        matches!(
            self,
            Self::Transport { sent: false, .. } | Self::Timeout { sent: false, .. }
        )
    }

    /// The `Retry-After` of an API answer.
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Api { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

impl PortError for ClientError {
    fn api_error(&self) -> Option<&ApiError> {
        Self::api_error(self)
    }
}

/// The most of a non-JSON error body kept as its `detail`.
const DETAIL_LIMIT: usize = 200;

/// The [`ApiError`] an error answer stands for: its `error.type` when it has one, else a kind
/// from the status (403 forbidden, 404 not found, 400 validation, 402 payment, 423 locked,
/// 5xx unexpected). Any body is readable: a DRF field error names its field, the docs'
/// `"status": "unpaid_debts"` is a payment error, and a body that is not JSON (a proxy's
/// HTML page) becomes the `detail`, cut short.
pub(crate) fn api_error_from(status: u16, body: &[u8]) -> ApiError {
    let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
    let Some(body) = parsed else {
        let text = String::from_utf8_lossy(body);
        let text = text.trim();
        let detail = if text.is_empty() {
            format!("HTTP {status}")
        } else {
            text.chars().take(DETAIL_LIMIT).collect()
        };
        return ApiError::new(status, kind_of_status(status), detail);
    };
    let kind = match (&body.error, body.status.as_deref()) {
        (Some(error), _) => error.kind.clone(),
        (None, Some("unpaid_debts")) => ErrorKind::Payment,
        (None, _) => kind_of_status(status),
    };
    let detail = body
        .message()
        .map_or_else(|| format!("HTTP {status}"), str::to_owned);
    let mut error = ApiError::new(status, kind, detail);
    if let Some(info) = &body.error {
        if !info.details.is_empty() {
            error = error.with_details(info.details.clone());
        }
        error.payment_intent_client_secret = info
            .payment_intent_client_secret
            .clone()
            .map(String::into_boxed_str);
    }
    error.field = body
        .fields
        .keys()
        .next()
        .map(String::as_str)
        .or_else(|| field_of_detail(&error))
        .map(Box::from);
    error
}

/// The field a validation error names in its `detail` (`"line1: This field is required."`,
/// as the sandbox writes it), when the body has no DRF field key.
fn field_of_detail(error: &ApiError) -> Option<&str> {
    if error.kind != ErrorKind::Validation {
        return None;
    }
    let (field, _message) = error.detail.split_once(": ")?;
    let plausible = !field.is_empty()
        && field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'));
    plausible.then_some(field)
}

fn kind_of_status(status: u16) -> ErrorKind {
    match status {
        401 | 403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        400 | 422 => ErrorKind::Validation,
        402 => ErrorKind::Payment,
        423 => ErrorKind::TemporaryLocked,
        500..=599 => ErrorKind::Unexpected,
        other => ErrorKind::Unknown(format!("http_{other}")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_validation_error_names_its_field_from_a_key_or_from_its_detail() {
        let keyed = api_error_from(400, br#"{"line1": ["This field is required."]}"#);
        assert_eq!(keyed.field.as_deref(), Some("line1"));
        let described = api_error_from(
            400,
            br#"{"detail": "postal_code: This field is required.",
                "error": {"type": "validation_error", "details": "This field is required."}}"#,
        );
        assert_eq!(described.field.as_deref(), Some("postal_code"));
        // A sentence with a colon is not a field.
        let sentence = api_error_from(
            400,
            br#"{"detail": "Invalid input: try again", "error": {"type": "validation_error"}}"#,
        );
        assert_eq!(sentence.field, None);
        let other_kind = api_error_from(
            409,
            br#"{"detail": "x: y", "error": {"type": "already_charging"}}"#,
        );
        assert_eq!(other_kind.field, None);
    }

    #[test]
    fn every_error_body_the_sources_show_is_read() {
        let typed = api_error_from(
            402,
            br#"{"detail": "Charging Error", "error": {"type": "pre_authorization_failed",
                "details": "again", "payment_intent_client_secret": "pi_1_secret_2"}}"#,
        );
        assert_eq!(typed.kind, ErrorKind::PreAuthorizationFailed);
        assert_eq!(typed.details.as_deref(), Some("again"));
        assert_eq!(
            typed.payment_intent_client_secret.as_deref(),
            Some("pi_1_secret_2")
        );

        let plain = api_error_from(
            404,
            br#"{"detail": "User session with this id was not found"}"#,
        );
        assert_eq!(plain.kind, ErrorKind::NotFound);
        assert_eq!(plain.detail, "User session with this id was not found");

        let fields = api_error_from(400, br#"{"email": ["Enter a valid email address."]}"#);
        assert_eq!(fields.kind, ErrorKind::Validation);
        assert_eq!(fields.field.as_deref(), Some("email"));
        assert_eq!(fields.detail, "Enter a valid email address.");

        let debts = api_error_from(400, br#"{"detail": "Pay first", "status": "unpaid_debts"}"#);
        assert_eq!(debts.kind, ErrorKind::Payment);

        let unknown = api_error_from(
            409,
            br#"{"detail": "x", "error": {"type": "brand_new", "details": ""}}"#,
        );
        assert_eq!(unknown.kind, ErrorKind::Unknown("brand_new".into()));
        assert_eq!(unknown.details, None);

        let html = api_error_from(502, b"<html>Bad Gateway</html>");
        assert_eq!(html.kind, ErrorKind::Unexpected);
        assert_eq!(html.detail, "<html>Bad Gateway</html>");
        let empty = api_error_from(429, b"");
        assert_eq!(empty.detail, "HTTP 429");
        assert_eq!(empty.kind, ErrorKind::Unknown("http_429".into()));
    }

    #[test]
    fn the_error_stays_small() {
        assert!(
            std::mem::size_of::<ClientError>() <= 80,
            "{}",
            std::mem::size_of::<ClientError>()
        );
    }
}
