//! The API token, kept secret: never in `Debug`, logs or error messages.

use std::fmt;
use std::sync::Arc;

use crate::config::ConfigError;

/// The environment variable [`ApiToken::from_env`] reads.
///
/// # Examples
/// ```
/// assert_eq!(connect_http::TOKEN_ENV, "CARIQA_API_TOKEN");
/// ```
pub const TOKEN_ENV: &str = "CARIQA_API_TOKEN";

/// A Cariqa Connect API token (the bearer token Cariqa issues at onboarding).
///
/// It is a secret: its `Debug` is `ApiToken(***)`, it has no `Display`, and the client never
/// writes it to a log, a tracing span or an error. [`ApiToken::expose_secret`] is the one way
/// to read it back. Cloning is cheap (the text is shared).
///
/// # Examples
/// ```
/// use connect_http::ApiToken;
/// let token = ApiToken::new("eyJhbGciOiJIUzI1NiJ9.secret")?;
/// assert_eq!(format!("{token:?}"), "ApiToken(***)");
/// assert!(ApiToken::new("  ").is_err());
/// # Ok::<(), connect_http::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct ApiToken(Arc<str>);

impl ApiToken {
    /// A token from its text; surrounding whitespace (a trailing newline from a file or an
    /// environment variable) is ignored.
    ///
    /// # Errors
    /// [`ConfigError::EmptyToken`] for an empty (or all-whitespace) text;
    /// [`ConfigError::InvalidToken`] when it has characters an HTTP header cannot carry
    /// (anything but visible ASCII). Neither error shows the text.
    ///
    /// # Examples
    /// ```
    /// use connect_http::{ApiToken, ConfigError};
    /// assert!(matches!(ApiToken::new(""), Err(ConfigError::EmptyToken)));
    /// assert!(matches!(ApiToken::new("a b"), Err(ConfigError::InvalidToken)));
    /// assert_eq!(ApiToken::new("abc\n")?.expose_secret(), "abc");
    /// # Ok::<(), ConfigError>(())
    /// ```
    pub fn new(token: impl Into<String>) -> Result<Self, ConfigError> {
        let token = token.into();
        let trimmed = token.trim();
        if trimmed.is_empty() {
            return Err(ConfigError::EmptyToken);
        }
        if !trimmed.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(ConfigError::InvalidToken);
        }
        Ok(Self(Arc::from(trimmed)))
    }

    /// The token in the `CARIQA_API_TOKEN` environment variable ([`TOKEN_ENV`]).
    ///
    /// # Errors
    /// [`ConfigError::MissingToken`] when the variable is not set; otherwise as
    /// [`ApiToken::new`] ([`ConfigError::InvalidToken`] when it is not Unicode).
    ///
    /// # Examples
    /// ```no_run
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn from_env() -> Result<Self, ConfigError> {
        match std::env::var(TOKEN_ENV) {
            Ok(text) => Self::new(text),
            Err(std::env::VarError::NotPresent) => Err(ConfigError::MissingToken {
                variable: TOKEN_ENV,
            }),
            Err(std::env::VarError::NotUnicode(_)) => Err(ConfigError::InvalidToken),
        }
    }

    /// The token's text. Handle with care: whatever prints it leaks it.
    ///
    /// # Examples
    /// ```
    /// use connect_http::ApiToken;
    /// assert_eq!(ApiToken::new("abc")?.expose_secret(), "abc");
    /// # Ok::<(), connect_http::ConfigError>(())
    /// ```
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiToken(***)")
    }
}

impl TryFrom<String> for ApiToken {
    type Error = ConfigError;

    fn try_from(token: String) -> Result<Self, Self::Error> {
        Self::new(token)
    }
}

impl TryFrom<&str> for ApiToken {
    type Error = ConfigError;

    fn try_from(token: &str) -> Result<Self, Self::Error> {
        Self::new(token)
    }
}
