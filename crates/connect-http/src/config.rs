//! Where the client connects, and how patiently: environments, timeouts, the retry,
//! polling and reconciliation policies, and the configuration errors.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use connect_ports::Clock;

use reqwest::Url;

/// Which Cariqa Connect deployment to talk to.
///
/// API paths (`/api/v1/…`) are appended to the base URL, so a custom base URL may carry a
/// path prefix (`https://proxy.example.com/cariqa`). Plain `http://` is refused except for
/// loopback addresses (`127.0.0.0/8`, `::1`, `localhost`): the sandbox on this machine. A
/// sandbox elsewhere (a service in docker-compose) takes an explicit opt-in:
/// `Environment::Custom(url)` (not checked until built) and
/// [`ConnectClientBuilder::allow_plain_http`](crate::ConnectClientBuilder::allow_plain_http).
///
/// # Examples
/// ```
/// use connect_http::{ConfigError, Environment};
/// assert_eq!(Environment::Production.base_url(), "https://connect.cariqa.com");
/// let sandbox = Environment::custom("http://127.0.0.1:8080")?;
/// assert_eq!(sandbox.base_url(), "http://127.0.0.1:8080");
/// assert!(matches!(
///     Environment::custom("http://connect.example.com"),
///     Err(ConfigError::InsecureBaseUrl { .. })
/// ));
/// # Ok::<(), ConfigError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Environment {
    /// `https://dev.connect.cariqa.com`: integration and testing (fake payments and
    /// charging, real and fake locations). Tokens are per environment.
    Development,
    /// `https://connect.cariqa.com`: real charging, real payments.
    Production,
    /// Any other base URL, such as the sandbox (`connect sandbox serve`). Checked when the
    /// client is built; [`Environment::custom`] checks it at once.
    Custom(String),
}

impl Environment {
    /// The base URL of [`Environment::Development`].
    ///
    /// # Examples
    /// ```
    /// use connect_http::Environment;
    /// assert_eq!(Environment::Development.base_url(), Environment::DEVELOPMENT_URL);
    /// ```
    pub const DEVELOPMENT_URL: &'static str = "https://dev.connect.cariqa.com";
    /// The base URL of [`Environment::Production`].
    ///
    /// # Examples
    /// ```
    /// use connect_http::Environment;
    /// assert_eq!(Environment::Production.base_url(), Environment::PRODUCTION_URL);
    /// ```
    pub const PRODUCTION_URL: &'static str = "https://connect.cariqa.com";

    /// A custom base URL, checked now (plain `http://` only to loopback addresses: for
    /// another host, use `Environment::Custom` and
    /// [`ConnectClientBuilder::allow_plain_http`](crate::ConnectClientBuilder::allow_plain_http)).
    ///
    /// # Errors
    /// As [`ConnectClientBuilder::build`](crate::ConnectClientBuilder::build) for the base
    /// URL: [`ConfigError::InvalidBaseUrl`] or [`ConfigError::InsecureBaseUrl`].
    ///
    /// # Examples
    /// ```
    /// use connect_http::Environment;
    /// assert!(Environment::custom("http://localhost:8080").is_ok());
    /// assert!(Environment::custom("http://[::1]:8080").is_ok());
    /// assert!(Environment::custom("ftp://127.0.0.1").is_err());
    /// ```
    pub fn custom(base_url: impl Into<String>) -> Result<Self, ConfigError> {
        let base_url = base_url.into();
        parse_base_url(&base_url, false)?;
        Ok(Self::Custom(base_url))
    }

    /// The base URL, as given.
    ///
    /// # Examples
    /// ```
    /// use connect_http::Environment;
    /// assert_eq!(Environment::Development.base_url(), "https://dev.connect.cariqa.com");
    /// ```
    pub fn base_url(&self) -> &str {
        match self {
            Self::Development => Self::DEVELOPMENT_URL,
            Self::Production => Self::PRODUCTION_URL,
            Self::Custom(url) => url,
        }
    }
}

/// `Debug` never shows credentials a custom base URL may carry (`user:password@`).
impl std::fmt::Debug for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Development => f.write_str("Development"),
            Self::Production => f.write_str("Production"),
            Self::Custom(url) => f
                .debug_tuple("Custom")
                .field(&without_credentials(url))
                .finish(),
        }
    }
}

/// `text` (a URL, or what was meant to be one) with any `user:password@` before its host
/// replaced by `***@`, so that errors and logs can quote it.
///
/// Works on the text, not on a parsed URL, so that even a URL that does not parse is
/// quoted safely.
pub(crate) fn without_credentials(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_owned();
    };
    let authority_start = scheme_end + 3;
    let rest = &text[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!(
            "{}***{}",
            &text[..authority_start],
            &text[authority_start + at..]
        ),
        None => text.to_owned(),
    }
}

/// Whether the URL's host is this machine: `localhost` (or a name under it), `127.0.0.0/8`
/// or `::1`.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .is_ok_and(|address| address.is_loopback())
}

/// Checks a base URL: `https`, or `http` on a loopback address (on any host with
/// `allow_plain_http`); no credentials, query or fragment. Errors quote the URL without
/// its credentials.
pub(crate) fn parse_base_url(text: &str, allow_plain_http: bool) -> Result<Url, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
        url: without_credentials(text),
        reason: reason.to_owned(),
    };
    // The parser's message never quotes the input, so it cannot repeat credentials.
    let url = Url::parse(text.trim()).map_err(|error| invalid(&error.to_string()))?;
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(invalid("not a base URL with a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "credentials in the URL are refused: the token goes in the Authorization header",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("a base URL has no query or fragment"));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if allow_plain_http || is_loopback(&url) => Ok(url),
        "http" => Err(ConfigError::InsecureBaseUrl {
            url: without_credentials(text),
        }),
        other => Err(invalid(&format!("unsupported scheme {other:?}"))),
    }
}

/// How the client retries a failed request: capped, fully jittered exponential backoff,
/// bounded by a number of attempts and by the time elapsed since the first.
///
/// Before retry `n` (from 0) the client waits a random time in
/// `[0, min(max_delay, base_delay × 2ⁿ))`, or what the answer's `Retry-After` asks (in
/// seconds); either is cut to what is left of `max_elapsed`, and no attempt starts once it
/// is spent.
///
/// What is retried: `GET`, `PUT`, `PATCH` and `DELETE` (and the idempotent
/// `POST …/payment-methods/{pm}/default/`) on connection failures, timeouts and the answers
/// 429, 502, 503 and 504; any request at all when its connection could not even be opened
/// (nothing was sent). Never another `POST` once sent: starting a session reconciles an ambiguous failure
/// instead, and stopping one checks the session before it stops again.
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use connect_http::RetryPolicy;
/// let policy = RetryPolicy {
///     max_attempts: 5,
///     base_delay: Duration::from_millis(100),
///     max_delay: Duration::from_secs(2),
///     max_elapsed: Duration::from_secs(20),
/// };
/// // The ceiling of the wait before the 4th retry: min(2 s, 100 ms × 2³) = 800 ms.
/// assert_eq!(policy.backoff_ceiling(3), Duration::from_millis(800));
/// assert_eq!(policy.backoff_ceiling(10), Duration::from_secs(2));
/// assert_eq!(RetryPolicy::none().max_attempts, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (at least 1; 1 means never retry).
    pub max_attempts: u32,
    /// The backoff's first ceiling.
    pub base_delay: Duration,
    /// The most the backoff waits (not `Retry-After`, which only the time budget cuts).
    pub max_delay: Duration,
    /// No retry starts once this much time has passed since the first attempt began.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, 200 ms base, 5 s cap, 60 s in all.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retry.
    ///
    /// # Examples
    /// ```
    /// use connect_http::RetryPolicy;
    /// assert_eq!(RetryPolicy::none().max_attempts, 1);
    /// ```
    pub const fn none() -> Self {
        Self {
            max_attempts: 1,
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
            max_elapsed: Duration::ZERO,
        }
    }

    /// The longest wait before retry `retry` (from 0): `min(max_delay, base_delay × 2^retry)`.
    ///
    /// # Examples
    /// ```
    /// use std::time::Duration;
    /// use connect_http::RetryPolicy;
    /// let policy = RetryPolicy::default();
    /// assert_eq!(policy.backoff_ceiling(0), Duration::from_millis(200));
    /// assert_eq!(policy.backoff_ceiling(1), Duration::from_millis(400));
    /// assert_eq!(policy.backoff_ceiling(64), Duration::from_secs(5));
    /// ```
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let factor = 2_u32.checked_pow(retry).unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }

    /// The wait before retry `retry` for a uniform random `fraction` in `[0, 1)`: full
    /// jitter, `fraction × backoff_ceiling(retry)`.
    ///
    /// # Examples
    /// ```
    /// use std::time::Duration;
    /// use connect_http::RetryPolicy;
    /// let policy = RetryPolicy::default();
    /// assert_eq!(policy.backoff(1, 0.5), Duration::from_millis(200));
    /// assert_eq!(policy.backoff(1, 0.0), Duration::ZERO);
    /// ```
    pub fn backoff(&self, retry: u32, fraction: f64) -> Duration {
        self.backoff_ceiling(retry)
            .mul_f64(fraction.clamp(0.0, 1.0))
    }

    fn check(&self) -> Result<(), ConfigError> {
        if self.max_attempts == 0 {
            return Err(ConfigError::InvalidSetting {
                setting: "retry.max_attempts",
                reason: "at least 1 (the first attempt)".into(),
            });
        }
        if self.base_delay > self.max_delay {
            return Err(ConfigError::InvalidSetting {
                setting: "retry.base_delay",
                reason: "may not exceed retry.max_delay".into(),
            });
        }
        Ok(())
    }
}

/// How [`ConnectClient::watch_session`](crate::ConnectClient::watch_session) polls: every
/// `min_interval` while the session changes, doubling up to `max_interval` while it does
/// not.
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use connect_http::PollPolicy;
/// let fast = PollPolicy { min_interval: Duration::from_secs(1), max_interval: Duration::from_secs(10) };
/// assert!(fast.min_interval <= fast.max_interval);
/// assert_eq!(PollPolicy::default().min_interval, Duration::from_secs(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PollPolicy {
    /// The wait after a poll that saw a change (and the first wait).
    pub min_interval: Duration,
    /// The longest wait between polls.
    pub max_interval: Duration,
}

impl Default for PollPolicy {
    /// Every 2 s, backing off to every 30 s while nothing changes.
    fn default() -> Self {
        Self {
            min_interval: Duration::from_secs(2),
            max_interval: Duration::from_secs(30),
        }
    }
}

impl PollPolicy {
    fn check(&self) -> Result<(), ConfigError> {
        if self.min_interval.is_zero() || self.min_interval > self.max_interval {
            return Err(ConfigError::InvalidSetting {
                setting: "poll",
                reason: "min_interval must be positive and at most max_interval".into(),
            });
        }
        Ok(())
    }
}

/// How the client settles a start whose fate is unknown (a timeout, a lost connection, a
/// 5xx answer): it lists the user's sessions, again and again within a bounded window,
/// looking for a session on that EVSE that started at or after the moment the request was
/// sent (less `clock_skew`, as the API's clock may run behind the client's).
///
/// - Found: the start happened, and the session is the answer.
/// - Not found, after an answer that says the API is done with the request (500, 503):
///   [`ClientError::NotStarted`](crate::ClientError::NotStarted), and starting again is
///   safe.
/// - Not found after a timeout, a lost connection or a gateway's 502 or 504 (the API may
///   still be starting it), or the list could not be read, once `max_attempts` listings or
///   the `window` are spent:
///   [`ClientError::StartOutcomeUnknown`](crate::ClientError::StartOutcomeUnknown).
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use connect_http::ReconcilePolicy;
/// let patient = ReconcilePolicy { window: Duration::from_secs(30), ..ReconcilePolicy::default() };
/// assert_eq!(patient.interval, Duration::from_secs(1));
/// assert_eq!(ReconcilePolicy::default().clock_skew, Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReconcilePolicy {
    /// Session listings in all, the first included (at least 1).
    pub max_attempts: u32,
    /// No listing starts once this much time has passed since the first.
    pub window: Duration,
    /// The pause between listings.
    pub interval: Duration,
    /// How far behind the client's clock the API's may run: a session that started up to
    /// this long before the request was sent (by the client's clock) still counts as the
    /// one it started. Too large, and an earlier session of the user on the same EVSE
    /// could be taken for it.
    pub clock_skew: Duration,
}

impl Default for ReconcilePolicy {
    /// Up to 10 listings, 1 s apart, within 10 s; 30 s of clock skew.
    fn default() -> Self {
        Self {
            max_attempts: 10,
            window: Duration::from_secs(10),
            interval: Duration::from_secs(1),
            clock_skew: Duration::from_secs(30),
        }
    }
}

impl ReconcilePolicy {
    fn check(&self) -> Result<(), ConfigError> {
        if self.max_attempts == 0 {
            return Err(ConfigError::InvalidSetting {
                setting: "reconcile.max_attempts",
                reason: "at least 1 (the first listing)".into(),
            });
        }
        Ok(())
    }
}

/// The clock the client reads when it sends a start (to recognise the session it started):
/// the system's unless set.
#[derive(Clone)]
pub(crate) struct ClientClock(pub(crate) Arc<dyn Clock>);

impl std::fmt::Debug for ClientClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientClock")
    }
}

impl Default for ClientClock {
    fn default() -> Self {
        Self(Arc::new(SystemClock))
    }
}

/// The system's clock.
struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Everything the client is configured with, checked by the builder.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) poll: PollPolicy,
    pub(crate) reconcile: ReconcilePolicy,
    pub(crate) clock: ClientClock,
    pub(crate) page_size: u32,
    pub(crate) jitter_seed: Option<u64>,
    pub(crate) max_body_bytes: usize,
    pub(crate) allow_plain_http: bool,
}

/// The most of an answer's body the client reads by default: 32 MiB, well above the
/// largest page the API sends (1000 stations with their price groups).
pub(crate) const DEFAULT_MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            poll: PollPolicy::default(),
            reconcile: ReconcilePolicy::default(),
            clock: ClientClock::default(),
            page_size: 100,
            jitter_seed: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            allow_plain_http: false,
        }
    }
}

impl Settings {
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        let positive = |setting: &'static str, value: Duration| {
            if value.is_zero() {
                Err(ConfigError::InvalidSetting {
                    setting,
                    reason: "must be positive".into(),
                })
            } else {
                Ok(())
            }
        };
        positive("connect_timeout", self.connect_timeout)?;
        positive("attempt_timeout", self.attempt_timeout)?;
        self.retry.check()?;
        self.poll.check()?;
        self.reconcile.check()?;
        if self.max_body_bytes == 0 {
            return Err(ConfigError::InvalidSetting {
                setting: "max_body_bytes",
                reason: "must be positive".into(),
            });
        }
        if self.page_size == 0 || self.page_size > connect_ports::MAX_PAGE_SIZE {
            return Err(ConfigError::InvalidSetting {
                setting: "page_size",
                reason: format!("1 to {}", connect_ports::MAX_PAGE_SIZE),
            });
        }
        Ok(())
    }
}

/// A client that cannot be built as configured. Never shows the token.
///
/// # Examples
/// ```
/// use connect_http::{ApiToken, ConfigError, ConnectClient, Environment};
/// let error = ConnectClient::new(
///     ApiToken::new("secret-token")?,
///     Environment::Custom("http://192.0.2.10:8080".into()),
/// )
/// .unwrap_err();
/// assert!(matches!(error, ConfigError::InsecureBaseUrl { .. }));
/// assert!(!error.to_string().contains("secret-token"));
/// # Ok::<(), ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The token is empty.
    #[error("the API token is empty")]
    EmptyToken,
    /// The token has characters an HTTP header cannot carry.
    #[error("the API token has characters other than visible ASCII, which a header cannot carry")]
    InvalidToken,
    /// The token's environment variable is not set.
    #[error("the environment variable {variable} (the API token) is not set")]
    MissingToken {
        /// The variable's name.
        variable: &'static str,
    },
    /// The base URL cannot be used.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The URL as given, any `user:password@` replaced by `***@`.
        url: String,
        /// Why.
        reason: String,
    },
    /// The base URL is plain `http://` to a host other than this machine: the token would
    /// cross the network in clear text.
    #[error(
        "refusing plain http:// to {url:?}: the token would travel in clear text (use https://, a loopback address for the sandbox, or opt in with ConnectClientBuilder::allow_plain_http for a sandbox on another host)"
    )]
    InsecureBaseUrl {
        /// The URL as given (without credentials).
        url: String,
    },
    /// A timeout, policy or page size out of range.
    #[error("invalid {setting}: {reason}")]
    InvalidSetting {
        /// Which setting.
        setting: &'static str,
        /// What it must be.
        reason: String,
    },
    /// The HTTP stack could not be set up (TLS roots, for instance).
    #[error("the HTTP client could not be set up: {message}")]
    Http {
        /// What failed.
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_cut_from_any_url_text() {
        assert_eq!(
            without_credentials("https://user:pw@host:1/a?b=c@d"),
            "https://***@host:1/a?b=c@d"
        );
        assert_eq!(without_credentials("http://pw@[::1]"), "http://***@[::1]");
        assert_eq!(
            without_credentials("https://host/path@x"),
            "https://host/path@x"
        );
        assert_eq!(without_credentials("not a url"), "not a url");
        assert_eq!(without_credentials("x://a:b@"), "x://***@");
    }
}
