//! `--env development`: the page's `/api/v1/…` calls forwarded to the development
//! environment with the token added here, on the server.
//!
//! The token is the one secret in play, so it travels one way only: from
//! `CARIQA_API_TOKEN` into the upstream request's `Authorization` header. Whatever the
//! browser sends as `Authorization` or cookies is dropped; of the upstream's answer only
//! a few harmless headers are passed on, and any header or body that would carry the token
//! back (an upstream echoing the request) has it replaced by `***`.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use connect_http::ApiToken;

/// The largest request body forwarded (the API's bodies are small JSON objects).
const MAX_BODY: usize = 1 << 20;

/// Request headers passed upstream; every other one (authorization, cookies, origin,
/// the browser's identity) stays here.
const FORWARDED_REQUEST: [HeaderName; 3] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    header::ACCEPT_LANGUAGE,
];

/// Response headers passed back to the page.
const FORWARDED_RESPONSE: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::RETRY_AFTER,
    header::LOCATION,
    header::CONTENT_LANGUAGE,
];

/// What stands in for the token wherever an answer would show it.
const REDACTED: &str = "***";

/// The development environment as this server reaches it.
#[derive(Clone)]
pub(super) struct Upstream {
    http: reqwest::Client,
    base: Arc<str>,
    token: ApiToken,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl Upstream {
    /// The environment at `base` (https, or plain http to a loopback stand-in only).
    ///
    /// # Errors
    /// A base URL that is neither, or an HTTP client that cannot be built.
    pub(super) fn new(base: &str, token: &ApiToken) -> Result<Self, String> {
        let base = base.trim_end_matches('/');
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
            .iter()
            .any(|prefix| {
                base.strip_prefix(prefix)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/']))
            });
        if !base.starts_with("https://") && !loopback {
            return Err(format!(
                "refusing {base:?}: the token would travel in clear text (use https://)"
            ));
        }
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config()?)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("connect-playground/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| format!("HTTP client: {error}"))?;
        Ok(Self {
            http,
            base: base.into(),
            token: token.clone(),
        })
    }

    /// Where the calls go.
    pub(super) fn base_url(&self) -> &str {
        &self.base
    }

    /// Hides the token wherever `text` shows it.
    fn redact(&self, text: &str) -> String {
        text.replace(self.token.expose_secret(), REDACTED)
    }
}

/// TLS with rustls and the OS's roots, as `connect-http` connects.
fn tls_config() -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|error| format!("TLS roots: {error}"))?;
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| format!("TLS versions: {error}"))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

/// `/api/v1/…` forwarded; `/_sandbox/…` explained as absent.
pub(super) fn router(upstream: Upstream) -> Router {
    Router::new()
        .route("/api/v1/{*path}", any(forward))
        .route("/_sandbox/{*path}", any(no_control_api))
        .with_state(upstream)
}

async fn no_control_api() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(serde_json::json!({
            "detail": "The development environment has no sandbox control API: the partner's \
                       Stripe frontend confirms intents, and time runs as it does."
        })),
    )
        .into_response()
}

/// A gateway error the page shows like an API error (no upstream detail that could echo
/// the request).
fn bad_gateway(upstream: &Upstream, what: &str, error: &reqwest::Error) -> Response {
    // reqwest's message names the URL, never headers; redacted all the same.
    let detail = upstream.redact(&format!("{what}: {error}"));
    (
        StatusCode::BAD_GATEWAY,
        axum::Json(serde_json::json!({ "detail": detail })),
    )
        .into_response()
}

async fn forward(State(upstream): State<Upstream>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |value| value.as_str());
    let url = format!("{}{path_and_query}", upstream.base);
    let Ok(method) = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()) else {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    };
    let mut outgoing = upstream.http.request(method, url);
    for name in &FORWARDED_REQUEST {
        for value in parts.headers.get_all(name) {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
    }
    let Ok(mut authorization) =
        HeaderValue::from_str(&format!("Bearer {}", upstream.token.expose_secret()))
    else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    authorization.set_sensitive(true);
    outgoing = outgoing.header(header::AUTHORIZATION.as_str(), authorization.as_bytes());
    if !body.is_empty() {
        outgoing = outgoing.body(body);
    }
    let answer = match outgoing.send().await {
        Ok(answer) => answer,
        Err(error) => return bad_gateway(&upstream, "the development environment", &error),
    };
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let headers = pass_headers(&upstream, answer.headers());
    match answer.bytes().await {
        Ok(bytes) => {
            let body = redact_body(&upstream, bytes);
            (status, headers, Body::from(body)).into_response()
        }
        Err(error) => bad_gateway(&upstream, "reading the answer", &error),
    }
}

/// The few response headers the page may see, none carrying the token.
fn pass_headers(upstream: &Upstream, received: &reqwest::header::HeaderMap) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for name in &FORWARDED_RESPONSE {
        for value in received.get_all(name.as_str()) {
            let text = String::from_utf8_lossy(value.as_bytes());
            if let Ok(value) = HeaderValue::from_str(&upstream.redact(&text)) {
                headers.append(name.clone(), value);
            }
        }
    }
    headers
}

/// The body with the token replaced, should the upstream ever echo it.
fn redact_body(upstream: &Upstream, bytes: Bytes) -> Bytes {
    let secret = upstream.token.expose_secret().as_bytes();
    if secret.is_empty() || !bytes.windows(secret.len()).any(|window| window == secret) {
        return bytes;
    }
    Bytes::from(upstream.redact(&String::from_utf8_lossy(&bytes)))
}
