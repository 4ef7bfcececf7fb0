//! The client, its builder, and the one place requests are sent: per-attempt timeouts,
//! retries with jittered backoff and `Retry-After`, request ids, tracing.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::config::{
    ConfigError, Environment, PollPolicy, ReconcilePolicy, RetryPolicy, Settings, parse_base_url,
};
use crate::error::{ClientError, api_error_from};
use crate::token::ApiToken;
use connect_ports::ApiError;

/// The header that carries a request's id, sent with every request (the same on every
/// attempt of one call) and read back from answers: a version-4 UUID generated per call.
///
/// # Examples
/// ```
/// assert_eq!(connect_http::REQUEST_ID_HEADER, "x-request-id");
/// ```
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// A client of the Cariqa Connect API.
///
/// Implements every port of `connect-ports` (`Users`, `Billing`, `Payments`, `Charging`,
/// `Invoices`, `Stations`: all 22 operations) over HTTP, with [`ClientError`] as its error,
/// and adds item streams over all pages (`users_stream`, …) and
/// [`ConnectClient::watch_session`].
///
/// Cheap to clone (the connection pool and settings are shared) and `Send + Sync`: build one
/// per token and share it.
///
/// # Examples
/// ```no_run
/// use connect_domain::account::NewUser;
/// use connect_http::{ApiToken, ConnectClient, Environment};
/// use connect_ports::Users;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
/// let user = client
///     .create_user(NewUser { email: Some("driver@example.com".into()), ..NewUser::default() })
///     .await?;
/// println!("created {}", user.id);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct ConnectClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    http: reqwest::Client,
    base: Url,
    token: ApiToken,
    authorization: HeaderValue,
    pub(crate) settings: Settings,
    jitter: Mutex<fastrand::Rng>,
}

impl fmt::Debug for ConnectClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectClient")
            .field("base_url", &self.inner.base.as_str())
            .field("token", &"***")
            .field("settings", &self.inner.settings)
            .finish_non_exhaustive()
    }
}

/// Builds a [`ConnectClient`]: timeouts, the retry, polling and reconciliation policies, the
/// clock, the body cap, plain `http://` to another host, the page size of streams, and a
/// seed for the backoff's jitter.
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use connect_http::{ApiToken, ConnectClient, Environment, RetryPolicy};
/// let client = ConnectClient::builder(ApiToken::new("token")?, Environment::custom("http://127.0.0.1:8080")?)
///     .connect_timeout(Duration::from_secs(2))
///     .attempt_timeout(Duration::from_secs(10))
///     .retry(RetryPolicy { max_attempts: 3, ..RetryPolicy::default() })
///     .jitter_seed(7)
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080/");
/// # Ok::<(), connect_http::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ConnectClientBuilder {
    token: ApiToken,
    environment: Environment,
    settings: Settings,
}

impl ConnectClientBuilder {
    /// How long opening a connection (TCP and TLS) may take; 10 s by default.
    ///
    /// # Examples
    /// ```
    /// # use std::time::Duration;
    /// # use connect_http::{ApiToken, ConnectClient, Environment};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .connect_timeout(Duration::from_secs(3));
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, from connecting to the last byte of the answer; 30 s
    /// by default (starting a session is synchronous and may be slow).
    ///
    /// # Examples
    /// ```
    /// # use std::time::Duration;
    /// # use connect_http::{ApiToken, ConnectClient, Environment};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .attempt_timeout(Duration::from_secs(60));
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.settings.attempt_timeout = timeout;
        self
    }

    /// The retry policy ([`RetryPolicy::default`] unless set; [`RetryPolicy::none`] turns
    /// retries off).
    ///
    /// # Examples
    /// ```
    /// # use connect_http::{ApiToken, ConnectClient, Environment, RetryPolicy};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .retry(RetryPolicy::none());
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.settings.retry = policy;
        self
    }

    /// How [`ConnectClient::watch_session`] polls ([`PollPolicy::default`] unless set).
    ///
    /// # Examples
    /// ```
    /// # use std::time::Duration;
    /// # use connect_http::{ApiToken, ConnectClient, Environment, PollPolicy};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .poll(PollPolicy { min_interval: Duration::from_secs(5), max_interval: Duration::from_secs(60) });
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn poll(mut self, policy: PollPolicy) -> Self {
        self.settings.poll = policy;
        self
    }

    /// How a start whose fate is unknown is settled by listing the user's sessions
    /// ([`ReconcilePolicy::default`] unless set).
    ///
    /// # Examples
    /// ```
    /// # use std::time::Duration;
    /// # use connect_http::{ApiToken, ConnectClient, Environment, ReconcilePolicy};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .reconcile(ReconcilePolicy { window: Duration::from_secs(30), ..ReconcilePolicy::default() });
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn reconcile(mut self, policy: ReconcilePolicy) -> Self {
        self.settings.reconcile = policy;
        self
    }

    /// The clock read when a start is sent, to recognise the session it started among the
    /// user's (the system's clock unless set). Set it to the sandbox's clock when the
    /// sandbox runs on a clock of its own (`connect_fake`'s manual clock).
    ///
    /// # Examples
    /// ```
    /// # use std::sync::Arc;
    /// # use chrono::{DateTime, Utc};
    /// # use connect_http::{ApiToken, ConnectClient, Environment};
    /// struct Frozen(DateTime<Utc>);
    /// impl connect_ports::Clock for Frozen {
    ///     fn now(&self) -> DateTime<Utc> { self.0 }
    /// }
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .clock(Arc::new(Frozen(DateTime::UNIX_EPOCH)));
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn clock(mut self, clock: Arc<dyn connect_ports::Clock>) -> Self {
        self.settings.clock = crate::config::ClientClock(clock);
        self
    }

    /// The most of an answer's body the client reads, in bytes (32 MiB by default). A
    /// successful answer over it is [`ClientError::BodyTooLarge`], found before it is all
    /// read (from its `Content-Length`, or as it arrives); an error answer over it is cut
    /// to the cap, and keeps its status.
    ///
    /// # Examples
    /// ```
    /// # use connect_http::{ApiToken, ConnectClient, Environment};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .max_body_bytes(4 * 1024 * 1024);
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.settings.max_body_bytes = limit;
        self
    }

    /// Allows a plain `http://` base URL to a host other than this machine, such as a
    /// sandbox in docker-compose (`http://sandbox:8080`): the token then crosses the network
    /// in clear text. Off by default, when such a URL is
    /// [`ConfigError::InsecureBaseUrl`]. Never use it for Cariqa's own hosts.
    ///
    /// # Examples
    /// ```
    /// # use connect_http::{ApiToken, ConnectClient, Environment};
    /// let client = ConnectClient::builder(ApiToken::new("t")?, Environment::Custom("http://sandbox:8080".into()))
    ///     .allow_plain_http(true)
    ///     .build()?;
    /// assert_eq!(client.base_url(), "http://sandbox:8080/");
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn allow_plain_http(mut self, allow: bool) -> Self {
        self.settings.allow_plain_http = allow;
        self
    }

    /// How many items the streams ask for per page (1 to 1000; 100 by default).
    ///
    /// # Examples
    /// ```
    /// # use connect_http::{ApiToken, ConnectClient, Environment};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .page_size(50);
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.settings.page_size = page_size;
        self
    }

    /// Seeds the random numbers of the backoff's jitter, for tests that need the same waits
    /// every run (unseeded by default).
    ///
    /// # Examples
    /// ```
    /// # use connect_http::{ApiToken, ConnectClient, Environment};
    /// let builder = ConnectClient::builder(ApiToken::new("t")?, Environment::Development)
    ///     .jitter_seed(42);
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.settings.jitter_seed = Some(seed);
        self
    }

    /// The client.
    ///
    /// # Errors
    /// [`ConfigError::InvalidBaseUrl`] or [`ConfigError::InsecureBaseUrl`] for the base URL
    /// (plain `http://` only to loopback addresses, unless
    /// [`ConnectClientBuilder::allow_plain_http`]); [`ConfigError::InvalidSetting`] for a
    /// zero timeout, zero attempts, a base delay above the maximum, a poll interval out of
    /// order, a page size out of range or a zero body cap; [`ConfigError::Http`] when TLS cannot be set up.
    ///
    /// # Examples
    /// ```
    /// use connect_http::{ApiToken, ConfigError, ConnectClient, Environment, RetryPolicy};
    /// let error = ConnectClient::builder(ApiToken::new("t")?, Environment::Production)
    ///     .retry(RetryPolicy { max_attempts: 0, ..RetryPolicy::default() })
    ///     .build()
    ///     .unwrap_err();
    /// assert!(matches!(error, ConfigError::InvalidSetting { setting: "retry.max_attempts", .. }));
    /// # Ok::<(), ConfigError>(())
    /// ```
    pub fn build(self) -> Result<ConnectClient, ConfigError> {
        let base = parse_base_url(self.environment.base_url(), self.settings.allow_plain_http)?;
        self.settings.check()?;
        let mut authorization =
            HeaderValue::from_str(&format!("Bearer {}", self.token.expose_secret()))
                .map_err(|_| ConfigError::InvalidToken)?;
        authorization.set_sensitive(true);
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config()?)
            .connect_timeout(self.settings.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("connect-http/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| ConfigError::Http {
                message: error.to_string(),
            })?;
        let jitter = self
            .settings
            .jitter_seed
            .map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
        Ok(ConnectClient {
            inner: Arc::new(Inner {
                http,
                base,
                token: self.token,
                authorization,
                settings: self.settings,
                jitter: Mutex::new(jitter),
            }),
        })
    }
}

/// TLS with rustls, the ring provider and the operating system's roots (no process-wide
/// default provider is installed).
fn tls_config() -> Result<rustls::ClientConfig, ConfigError> {
    let failed = |message: String| ConfigError::Http { message };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|error| failed(format!("TLS roots: {error}")))?;
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| failed(format!("TLS versions: {error}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

impl ConnectClient {
    /// A client with the default settings.
    ///
    /// # Errors
    /// As [`ConnectClientBuilder::build`].
    ///
    /// # Examples
    /// ```
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// let client = ConnectClient::new(ApiToken::new("token")?, Environment::Development)?;
    /// assert_eq!(client.base_url(), "https://dev.connect.cariqa.com/");
    /// assert!(!format!("{client:?}").contains("token\""));
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn new(token: ApiToken, environment: Environment) -> Result<Self, ConfigError> {
        Self::builder(token, environment).build()
    }

    /// A builder, to set timeouts and policies.
    ///
    /// # Examples
    /// ```
    /// use std::time::Duration;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// let client = ConnectClient::builder(ApiToken::new("token")?, Environment::Production)
    ///     .attempt_timeout(Duration::from_secs(45))
    ///     .build()?;
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn builder(token: ApiToken, environment: Environment) -> ConnectClientBuilder {
        ConnectClientBuilder {
            token,
            environment,
            settings: Settings::default(),
        }
    }

    /// The base URL requests go to (normalised: with a trailing slash).
    ///
    /// # Examples
    /// ```
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// let client = ConnectClient::new(ApiToken::new("t")?, Environment::Production)?;
    /// assert_eq!(client.base_url(), "https://connect.cariqa.com/");
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// The retry policy in force.
    ///
    /// # Examples
    /// ```
    /// use connect_http::{ApiToken, ConnectClient, Environment, RetryPolicy};
    /// let client = ConnectClient::new(ApiToken::new("t")?, Environment::Production)?;
    /// assert_eq!(client.retry_policy(), RetryPolicy::default());
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.settings.retry
    }
}

// ------------------------------------------------------------------- requests

/// Whether a request may be sent again after a failure that left its effect unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Repeating it changes nothing: retried on connection failures, timeouts, 429, 502,
    /// 503 and 504.
    Idempotent,
    /// A `DELETE`: idempotent, and a 404 after an attempt that may have been applied (sent,
    /// then a timeout, a lost connection, or 500, 502 or 504) means that attempt did it.
    Delete,
    /// Sent once; tried again only when nothing was sent.
    Once,
}

/// The shortest token blotted out of texts that come from answers.
const REDACT_FROM: usize = 8;

/// One API call: method, `/api/v1/…` path segments, query, JSON body.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    method: Method,
    url: Url,
    body: Option<Vec<u8>>,
    retry: Retry,
    /// To blot the token out of whatever an answer makes the client say (a server or proxy
    /// that echoes the request's headers).
    token: ApiToken,
}

impl Call {
    pub(crate) fn method(&self) -> &'static str {
        method_name(&self.method)
    }

    pub(crate) fn path(&self) -> &str {
        self.url.path()
    }

    /// Adds a query parameter (repeat a key by adding it again).
    pub(crate) fn query(mut self, key: &str, value: impl AsRef<str>) -> Self {
        self.url.query_pairs_mut().append_pair(key, value.as_ref());
        self
    }

    /// Adds the page parameters.
    pub(crate) fn page(self, page: connect_ports::PageRequest) -> Self {
        self.query("page", page.page().to_string())
            .query("page_size", page.page_size().to_string())
    }

    /// A JSON body.
    pub(crate) fn json(mut self, body: &impl Serialize) -> Self {
        // Serialising the wire types cannot fail: no maps with non-string keys, no
        // non-finite floats (numbers are kept as `serde_json::Number`).
        self.body = serde_json::to_vec(body).ok();
        self
    }

    pub(crate) fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// `text` with the token blotted out. A token shorter than [`REDACT_FROM`] characters
    /// (a made-up sandbox token such as `"t"`) is left alone: blotting it out would blot out
    /// ordinary words, and it is no secret.
    pub(crate) fn redact(&self, text: &str) -> String {
        let secret = self.token.expose_secret();
        if secret.len() >= REDACT_FROM && text.contains(secret) {
            text.replace(secret, "***")
        } else {
            text.to_owned()
        }
    }

    /// An API error read from an answer, with the token blotted out of its texts.
    fn redacted(&self, mut error: ApiError) -> ApiError {
        error.detail = self.redact(&error.detail);
        error.details = error
            .details
            .map(|details| self.redact(&details).into_boxed_str());
        error.field = error
            .field
            .map(|field| self.redact(&field).into_boxed_str());
        error
    }
}

fn method_name(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        _ => "OTHER",
    }
}

/// A successful answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

/// A fresh request id: 128 random bits written as a version-4 UUID.
fn new_request_id() -> String {
    let bits = fastrand::u128(..);
    let bits = (bits & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `Retry-After` in seconds (the HTTP-date form is not used by the API and is ignored).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?;
    text.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// What one attempt ended with.
enum Attempt {
    /// An answer, of any status.
    Answered {
        status: u16,
        body: Vec<u8>,
        request_id: Option<String>,
        retry_after: Option<Duration>,
    },
    /// No whole answer.
    Failed(ClientError),
}

impl Inner {
    /// A call to `/api/v1/<segments>/`, each segment percent-encoded, with the trailing
    /// slash the API's paths all have.
    pub(crate) fn call(&self, method: Method, segments: &[&str]) -> Call {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty()
                .extend(["api", "v1"])
                .extend(segments)
                .push("");
        }
        let retry = if method == Method::POST {
            Retry::Once
        } else if method == Method::DELETE {
            Retry::Delete
        } else {
            Retry::Idempotent
        };
        Call {
            method,
            url,
            body: None,
            retry,
            token: self.token.clone(),
        }
    }

    /// The wait before retry `retry`: the answer's `Retry-After`, else the jittered backoff.
    fn delay(&self, retry: u32, asked: Option<Duration>) -> Duration {
        asked.unwrap_or_else(|| {
            let fraction = self
                .jitter
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .f64();
            self.settings.retry.backoff(retry, fraction)
        })
    }

    /// Waits before the next try of an operation that began at `started`, when the retry
    /// policy leaves room for one: `Some(wait)`, or `None` when attempts or time are spent.
    pub(crate) fn next_wait(
        &self,
        attempts_made: u32,
        started: Instant,
        asked: Option<Duration>,
    ) -> Option<Duration> {
        let policy = self.settings.retry;
        if attempts_made >= policy.max_attempts {
            return None;
        }
        let remaining = policy.max_elapsed.checked_sub(started.elapsed())?;
        if remaining.is_zero() {
            return None;
        }
        Some(
            self.delay(attempts_made.saturating_sub(1), asked)
                .min(remaining),
        )
    }

    /// Sends a call, retrying as its [`Retry`] allows; an error status is a
    /// [`ClientError::Api`].
    pub(crate) async fn send(&self, call: &Call) -> Result<Answer, ClientError> {
        let request_id = new_request_id();
        let span = tracing::info_span!(
            "connect_http.request",
            method = call.method(),
            path = call.path(),
            request_id = %request_id,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        self.send_in_span(call, &request_id).instrument(span).await
    }

    async fn send_in_span(&self, call: &Call, request_id: &str) -> Result<Answer, ClientError> {
        let started = Instant::now();
        let mut attempts = 0_u32;
        let mut earlier_ambiguous = false;
        loop {
            attempts += 1;
            let attempt_span = tracing::debug_span!(
                "connect_http.attempt",
                attempt = attempts,
                status = tracing::field::Empty,
            );
            let outcome = self
                .attempt(call, request_id)
                .instrument(attempt_span.clone())
                .await;
            let error = match outcome {
                Attempt::Answered {
                    status,
                    body,
                    request_id: answered_id,
                    retry_after,
                } => {
                    attempt_span.record("status", status);
                    let current = tracing::Span::current();
                    current.record("status", status);
                    current.record("attempts", attempts);
                    if (200..300).contains(&status) {
                        tracing::debug!(status, attempts, "answered");
                        return Ok(Answer { status, body });
                    }
                    if status == 404 && call.retry == Retry::Delete && earlier_ambiguous {
                        tracing::info!(
                            attempts,
                            "gone after an ambiguous attempt: the earlier attempt deleted it"
                        );
                        return Ok(Answer {
                            status: 204,
                            body: Vec::new(),
                        });
                    }
                    ClientError::Api {
                        error: Box::new(call.redacted(api_error_from(status, &body))),
                        method: call.method(),
                        path: call.path().into(),
                        request_id: Some(
                            answered_id.unwrap_or_else(|| request_id.to_owned()).into(),
                        ),
                        retry_after,
                    }
                }
                Attempt::Failed(error) => {
                    tracing::Span::current().record("attempts", attempts);
                    error
                }
            };
            let may_retry = match call.retry {
                Retry::Idempotent | Retry::Delete => error.was_not_sent() || error.is_retryable(),
                Retry::Once => error.was_not_sent(),
            };
            earlier_ambiguous |= error.may_have_applied();
            let wait = may_retry
                .then(|| self.next_wait(attempts, started, error.retry_after()))
                .flatten();
            let Some(wait) = wait else {
                tracing::debug!(attempts, error = %error, "failed");
                return Err(error);
            };
            tracing::warn!(
                attempts,
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                error = %error,
                "retrying"
            );
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(&self, call: &Call, request_id: &str) -> Attempt {
        let timeout = self.settings.attempt_timeout;
        let mut request = self
            .http
            .request(call.method.clone(), call.url.clone())
            .header(AUTHORIZATION, self.authorization.clone())
            .header(ACCEPT, "application/json")
            .header(REQUEST_ID_HEADER, request_id)
            .timeout(timeout);
        if let Some(body) = &call.body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => return Attempt::Failed(self.transport_error(call, error)),
        };
        let status = response.status().as_u16();
        let headers = response.headers();
        let answered_id = headers
            .get(REQUEST_ID_HEADER)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let retry_after = retry_after(headers);
        match self.read_body(call, response).await {
            Ok(body) => Attempt::Answered {
                status,
                body,
                request_id: answered_id,
                retry_after,
            },
            Err(error) => Attempt::Failed(error),
        }
    }

    /// Reads an answer's body, at most [`Settings::max_body_bytes`] of it: a successful
    /// answer over the cap is [`ClientError::BodyTooLarge`] (found from its
    /// `Content-Length` before anything is read, else as it arrives); an error answer is
    /// cut to the cap, as only its status and the start of its text matter.
    async fn read_body(
        &self,
        call: &Call,
        mut response: reqwest::Response,
    ) -> Result<Vec<u8>, ClientError> {
        let limit = self.settings.max_body_bytes;
        let status = response.status().as_u16();
        let success = response.status().is_success();
        let too_large = || ClientError::BodyTooLarge {
            method: call.method(),
            path: call.path().into(),
            status,
            limit: u64::try_from(limit).unwrap_or(u64::MAX),
        };
        let announced = response
            .content_length()
            .and_then(|length| usize::try_from(length).ok());
        if success && announced.is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(announced.unwrap_or(0).min(limit));
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => return Ok(body),
                Err(error) => return Err(self.transport_error(call, error)),
            };
            let room = limit - body.len();
            if chunk.len() > room {
                if success {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk[..room]);
                return Ok(body);
            }
            body.extend_from_slice(&chunk);
        }
    }

    fn transport_error(&self, call: &Call, error: reqwest::Error) -> ClientError {
        let sent = !error.is_connect();
        if error.is_timeout() {
            let after = if sent {
                self.settings.attempt_timeout
            } else {
                self.settings.connect_timeout
            };
            return ClientError::Timeout {
                method: call.method(),
                path: call.path().into(),
                sent,
                after,
                source: Box::new(error.without_url()),
            };
        }
        ClientError::Transport {
            method: call.method(),
            path: call.path().into(),
            sent,
            source: Box::new(error.without_url()),
        }
    }

    /// Sends a call and reads its JSON answer.
    pub(crate) async fn fetch<T: DeserializeOwned>(&self, call: &Call) -> Result<T, ClientError> {
        let answer = self.send(call).await?;
        decode(call, &answer)
    }
}

/// Reads an answer's JSON, or a [`ClientError::Decode`] naming the call and the field at
/// fault (`results[0].price_groups[1]: prices.kwh_price.ALL[0].tax: …`): the wire types
/// hold domain values (cards, price groups, coordinates) whose readers check them, so a
/// refusal must say where.
pub(crate) fn decode<T: DeserializeOwned>(call: &Call, answer: &Answer) -> Result<T, ClientError> {
    let mut reader = serde_json::Deserializer::from_slice(&answer.body);
    let read = serde_path_to_error::deserialize(&mut reader)
        .map_err(|error| error.to_string())
        // Trailing characters after the value: the body is not one JSON document.
        .and_then(|value| {
            reader
                .end()
                .map(|()| value)
                .map_err(|error| error.to_string())
        });
    read.map_err(|message| ClientError::Decode {
        method: call.method(),
        path: call.path().into(),
        status: answer.status,
        message: call.redact(&message).into(),
    })
}

/// A [`ClientError::Decode`] for a value the domain cannot hold.
pub(crate) fn conversion_error(
    call: &Call,
    status: u16,
    error: &connect_wire::domain::ConversionError,
) -> ClientError {
    ClientError::Decode {
        method: call.method(),
        path: call.path().into(),
        status,
        message: call.redact(&error.to_string()).into(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn request_ids_are_version_4_uuids() {
        let id = new_request_id();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        assert_ne!(id, new_request_id());
    }

    #[test]
    fn paths_keep_their_trailing_slash_and_encode_their_segments() {
        let client = ConnectClient::new(
            ApiToken::new("t").unwrap(),
            Environment::custom("http://127.0.0.1:9/prefix").unwrap(),
        )
        .unwrap();
        let call = client
            .inner
            .call(Method::GET, &["users", "a b/c", "charging-sessions"])
            .query("search", "x&y");
        assert_eq!(
            call.url.as_str(),
            "http://127.0.0.1:9/prefix/api/v1/users/a%20b%2Fc/charging-sessions/?search=x%26y"
        );
        assert_eq!(
            call.path(),
            "/prefix/api/v1/users/a%20b%2Fc/charging-sessions/"
        );
    }

    #[test]
    fn only_real_tokens_are_blotted_out_of_answer_texts() {
        let call = |token: &str| {
            ConnectClient::new(
                ApiToken::new(token).unwrap(),
                Environment::custom("http://127.0.0.1:9").unwrap(),
            )
            .unwrap()
            .inner
            .call(Method::GET, &["users"])
        };
        assert_eq!(
            call("secret-token-123").redact("echo: Bearer secret-token-123!"),
            "echo: Bearer ***!"
        );
        assert_eq!(call("t").redact("Not found."), "Not found.");
    }

    #[test]
    fn the_wait_is_cut_to_the_time_left_and_stops_with_the_attempts() {
        let client = ConnectClient::builder(
            ApiToken::new("t").unwrap(),
            Environment::custom("http://127.0.0.1:9").unwrap(),
        )
        .retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_elapsed: Duration::from_secs(5),
        })
        .jitter_seed(1)
        .build()
        .unwrap();
        let now = Instant::now();
        let asked = Some(Duration::from_secs(60));
        let wait = client.inner.next_wait(1, now, asked).unwrap();
        assert!(wait <= Duration::from_secs(5) && wait > Duration::from_secs(4));
        assert!(client.inner.next_wait(3, now, None).is_none());
        let jittered = client.inner.next_wait(2, now, None).unwrap();
        assert!(jittered < Duration::from_millis(200));
    }

    #[test]
    fn the_same_seed_gives_the_same_waits() {
        let waits = || {
            let client = ConnectClient::builder(
                ApiToken::new("t").unwrap(),
                Environment::custom("http://127.0.0.1:9").unwrap(),
            )
            .jitter_seed(99)
            .build()
            .unwrap();
            let now = Instant::now();
            (1..4)
                .map(|n| client.inner.next_wait(n, now, None).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(waits(), waits());
    }
}
