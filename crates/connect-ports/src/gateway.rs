//! What every port shares: the error its operations fail with.
//!
//! The fake answers only what the API would answer, so its error is [`ApiError`] itself. A
//! client over the network can also fail to reach the API, time out or read a body it does
//! not understand; its error keeps those cases typed instead of forcing them into an API
//! answer that was never sent. [`PortError`] is what code written against any adapter (the
//! contract suite, a partner's service) can ask of either.

use crate::ApiError;

/// The error of one adapter, shared by all its ports.
///
/// # Examples
/// ```
/// use connect_ports::{ApiError, ErrorKind, PortError};
/// let error = ApiError::already_stopped();
/// assert_eq!(error.api_error().map(|answer| answer.status), Some(409));
/// assert_eq!(error.error_kind(), Some(&ErrorKind::AlreadyStopped));
/// ```
pub trait PortError: std::error::Error + Send + Sync + 'static {
    /// The API's answer, when the failure is one (`None` when the API was never reached or
    /// its answer could not be read).
    fn api_error(&self) -> Option<&ApiError>;

    /// The API's error kind, when the failure is an API answer.
    fn error_kind(&self) -> Option<&crate::ErrorKind> {
        self.api_error().map(|answer| &answer.kind)
    }
}

impl PortError for ApiError {
    fn api_error(&self) -> Option<&ApiError> {
        Some(self)
    }
}

/// The supertrait of every port: an adapter names its error once.
///
/// # Examples
/// ```
/// use connect_ports::{ApiError, Gateway};
/// struct Offline;
/// impl Gateway for Offline {
///     type Error = ApiError;
/// }
/// ```
pub trait Gateway: Send + Sync {
    /// What the adapter's operations fail with.
    type Error: PortError;
}
