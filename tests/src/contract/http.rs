//! The suite's run over HTTP: `connect-server` on loopback with a manual clock, the control
//! operations through `/_sandbox/` with the tenant's bearer token.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use connect_domain::ids::{PaymentMethodId, SessionId};
use connect_fake::clock::ManualClock;
use connect_http::{ApiToken, ConnectClient, Environment};
use connect_openapi::CheckingProxy;
use connect_ports::{ApiError, ErrorKind};
use connect_server::AppState;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use super::{AttachedCard, Control, Harness, Tenant, World, fixtures};

/// A sandbox served on a free loopback port, on a fresh manual clock standing at
/// [`fixtures::START`], over [`fixtures::stations`]. The server runs on the caller's tokio
/// runtime until it ends.
///
/// Returns the base URL (`http://127.0.0.1:PORT`) and the clock.
pub async fn serve() -> (String, Arc<ManualClock>) {
    let (sandbox, clock) = fixtures::sandbox();
    let state = AppState::new(sandbox);
    let base = connect_server::spawn_on_loopback(state)
        .await
        .unwrap_or_else(|error| panic!("bind a loopback port: {error}"));
    (base, clock)
}

/// Reads an error answer of the API (or of the control API) into an [`ApiError`]:
/// `{"detail"}` or `{"detail", "error": {"type", "details", "payment_intent_client_secret"?}}`.
pub fn api_error_from(status: StatusCode, body: &Value) -> ApiError {
    let detail = body["detail"].as_str().unwrap_or_default().to_owned();
    let kind = match body["error"]["type"].as_str() {
        Some(kind) => ErrorKind::parse(kind),
        None if status == StatusCode::NOT_FOUND => ErrorKind::NotFound,
        None if status == StatusCode::FORBIDDEN => ErrorKind::Forbidden,
        None => ErrorKind::Unknown(String::new()),
    };
    let mut error = ApiError::new(status.as_u16(), kind, detail);
    if let Some(details) = body["error"]["details"].as_str() {
        error = error.with_details(details);
    }
    error.payment_intent_client_secret = body["error"]["payment_intent_client_secret"]
        .as_str()
        .map(Into::into);
    error.field = field_of(&error).map(Into::into);
    error
}

/// The field a sandbox validation error names: its `detail` is `"<field>: <message>"`.
fn field_of(error: &ApiError) -> Option<&str> {
    if error.kind != ErrorKind::Validation {
        return None;
    }
    let (field, _) = error.detail.split_once(": ")?;
    let is_path = !field.is_empty()
        && field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    is_path.then_some(field)
}

/// The control operations of one tenant of a served sandbox, through `/_sandbox/`.
#[derive(Debug, Clone)]
pub struct HttpControl {
    base: String,
    token: String,
    client: Client,
    /// The checking proxy the tenant talks through, kept alive as long as the tenant: its
    /// drop fails the test if an exchange broke the OpenAPI document.
    checked: Option<Arc<CheckingProxy>>,
}

impl HttpControl {
    /// Control of the tenant `token` of the sandbox served at `base`.
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            base: base.into(),
            token: token.into(),
            client: crate::http_client(),
            checked: None,
        }
    }

    /// The same, sharing `client` (building a client takes a while: share one across
    /// many tenants).
    pub fn with_client(base: impl Into<String>, token: impl Into<String>, client: Client) -> Self {
        Self {
            base: base.into(),
            token: token.into(),
            client,
            checked: None,
        }
    }

    /// The same, keeping `proxy` (the checking proxy at `base`) alive with this control.
    #[must_use]
    pub fn keeping(mut self, proxy: Arc<CheckingProxy>) -> Self {
        self.checked = Some(proxy);
        self
    }

    /// Arms a fault (`POST /_sandbox/faults`) for this tenant's next matching requests.
    ///
    /// # Errors
    /// The control API's 400 naming a bad field.
    pub async fn arm_fault(&self, fault: Value) -> Result<(), ApiError> {
        self.call(Method::POST, "/_sandbox/faults", Some(fault))
            .await
            .map(drop)
    }

    /// Disarms this tenant's faults.
    ///
    /// # Errors
    /// Never, unless the server is gone.
    pub async fn clear_faults(&self) -> Result<(), ApiError> {
        self.call(Method::DELETE, "/_sandbox/faults", None)
            .await
            .map(drop)
    }

    /// One call; the body of a success (`null` when empty), or the error answered.
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, ApiError> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|error| panic!("{path}: {error}"));
        let status = response.status();
        let text = response
            .text()
            .await
            .unwrap_or_else(|error| panic!("{path}: {error}"));
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}: {text}"))
        };
        if status.is_success() {
            Ok(json)
        } else {
            Err(api_error_from(status, &json))
        }
    }

    fn instant(now: &Value) -> DateTime<Utc> {
        now["now"]
            .as_str()
            .and_then(|text| text.parse().ok())
            .unwrap_or_else(|| panic!("the clock's answer: {now}"))
    }
}

/// Escapes a path segment (EVSE ids carry `*`, which is fine, but a `/` or `?` would not be).
fn segment(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'*' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[async_trait]
impl Control for HttpControl {
    async fn confirm_setup_intent(
        &self,
        client_secret: &str,
        card_number: &str,
    ) -> Result<AttachedCard, ApiError> {
        let attached = self
            .call(
                Method::POST,
                &format!("/_sandbox/setup-intents/{}/confirm", segment(client_secret)),
                Some(json!({ "card_number": card_number })),
            )
            .await?;
        let text = |key: &str| attached[key].as_str().unwrap_or_default().to_owned();
        Ok(AttachedCard {
            payment_method_id: PaymentMethodId::new(text("payment_method_id")),
            brand: text("brand"),
            last4: text("last4"),
            is_default: attached["default"].as_bool().unwrap_or(false),
        })
    }

    async fn confirm_payment_intent(&self, client_secret: &str) -> Result<(), ApiError> {
        self.call(
            Method::POST,
            &format!(
                "/_sandbox/payment-intents/{}/confirm",
                segment(client_secret)
            ),
            None,
        )
        .await
        .map(drop)
    }

    async fn now(&self) -> DateTime<Utc> {
        let now = self
            .call(Method::GET, "/_sandbox/clock", None)
            .await
            .unwrap_or_else(|error| panic!("the clock: {error}"));
        Self::instant(&now)
    }

    async fn advance_clock(&self, seconds: u32) -> DateTime<Utc> {
        let now = self
            .call(
                Method::POST,
                "/_sandbox/clock/advance",
                Some(json!({ "seconds": seconds })),
            )
            .await
            .unwrap_or_else(|error| panic!("advance the clock: {error}"));
        Self::instant(&now)
    }

    async fn occupy_evse(&self, evse_id: &str) -> Result<(), ApiError> {
        self.call(
            Method::POST,
            &format!("/_sandbox/evses/{}/occupy", segment(evse_id)),
            None,
        )
        .await
        .map(drop)
    }

    async fn release_evse(&self, evse_id: &str) -> Result<(), ApiError> {
        self.call(
            Method::POST,
            &format!("/_sandbox/evses/{}/release", segment(evse_id)),
            None,
        )
        .await
        .map(drop)
    }

    async fn deliver_cdr(&self, session: &SessionId) -> Result<(), ApiError> {
        self.call(
            Method::POST,
            &format!("/_sandbox/sessions/{}/cdr", segment(session.as_str())),
            None,
        )
        .await
        .map(drop)
    }

    async fn reset(&self) {
        self.call(Method::POST, "/_sandbox/reset", None)
            .await
            .unwrap_or_else(|error| panic!("reset: {error}"));
    }
}

/// A client of the sandbox served at `base`, as the token `token` (default settings: the
/// suite sees no faults, so nothing is retried).
pub fn client(base: &str, token: &str) -> ConnectClient {
    let token = ApiToken::new(token).unwrap_or_else(|error| panic!("a token: {error}"));
    let environment =
        Environment::custom(base).unwrap_or_else(|error| panic!("the sandbox's URL: {error}"));
    ConnectClient::new(token, environment).unwrap_or_else(|error| panic!("the client: {error}"))
}

/// A sandbox served as [`serve`] does, behind a [`CheckingProxy`]: every exchange through
/// the answered base URL is checked against the OpenAPI document.
///
/// Returns the proxy (its `base_url` is where clients go) and the clock.
pub async fn serve_checked() -> (Arc<CheckingProxy>, Arc<ManualClock>) {
    let (base, clock) = serve().await;
    let proxy = CheckingProxy::start(&base)
        .await
        .unwrap_or_else(|error| panic!("bind a loopback port: {error}"));
    (Arc::new(proxy), clock)
}

/// Runs the suite against `connect-http`, talking to `connect-server` on loopback: a server
/// per test, on its own manual clock, behind a [`CheckingProxy`] (every request and answer
/// checked against the OpenAPI document).
#[derive(Debug)]
pub struct HttpHarness;

#[async_trait]
impl Harness for HttpHarness {
    type Api = ConnectClient;
    type Control = HttpControl;

    async fn world() -> World<ConnectClient, HttpControl> {
        let (proxy, _clock) = serve_checked().await;
        let base = proxy.base_url().to_owned();
        let tenant = |token: &str| Tenant {
            api: client(&base, token),
            control: HttpControl::new(base.clone(), token).keeping(Arc::clone(&proxy)),
        };
        World {
            me: tenant("contract-me"),
            other: tenant("contract-other"),
        }
    }
}
