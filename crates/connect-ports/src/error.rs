//! The one error every port returns: the API's error kinds, with the HTTP status the API
//! uses for each, and the fields of its error body.

use std::fmt;

use serde::{Deserialize, Serialize};

connect_domain::api_value! {
    /// What went wrong, in the API's own vocabulary (`error.type`, the document's
    /// `ErrorTypeEnum`), plus the kinds that only have an HTTP status (not found,
    /// forbidden), which come last and have no `error.type`.
    pub enum ErrorKind {
        /// A field is invalid (400).
        Validation = "validation_error",
        /// The payment method cannot be used or removed.
        PaymentMethod = "payment_method_error",
        /// Unpaid debts block the operation (402).
        Payment = "payment_error",
        /// Temporarily locked (423).
        TemporaryLocked = "temporary_locked",
        /// The user has an active or starting session (409).
        AlreadyCharging = "already_charging",
        /// The session is no longer active (409).
        AlreadyStopped = "already_stopped",
        /// The connector is out of order or busy (409), or the station could not be
        /// checked (424).
        StationAvailabilityIssue = "station_availability_issue",
        /// Billing details are missing or incomplete (409).
        BillingDataRequired = "billing_data_required",
        /// The operator did not start or stop the session (424).
        ChargingProviderError = "charging_provider_error",
        /// An unexpected error (500).
        Unexpected = "unexpected_error",
        /// The hold on the card failed; it may need 3-D Secure (402).
        PreAuthorizationFailed = "pre_authorization_failed",
        /// The object does not exist or belongs to another API token (404). Not an
        /// `error.type`: the API answers a plain `detail`.
        NotFound = "not_found",
        /// The API token is missing or invalid (403). Not an `error.type`: the API answers
        /// a plain `detail`.
        Forbidden = "forbidden",
    }
}

impl ErrorKind {
    /// The API's `error.type`, if the kind has one (not found and forbidden carry only a
    /// `detail`).
    ///
    /// # Examples
    /// ```
    /// use connect_ports::ErrorKind;
    /// assert_eq!(ErrorKind::AlreadyCharging.error_type(), Some("already_charging"));
    /// assert_eq!(ErrorKind::parse("already_charging"), ErrorKind::AlreadyCharging);
    /// assert_eq!(ErrorKind::parse("new_kind"), ErrorKind::Unknown("new_kind".into()));
    /// assert_eq!(ErrorKind::NotFound.error_type(), None);
    /// ```
    pub fn error_type(&self) -> Option<&str> {
        match self {
            Self::NotFound | Self::Forbidden => None,
            other => Some(other.as_str()),
        }
    }
}

/// An error answered by the API (or by an adapter playing it), with everything its body
/// carries.
///
/// # Examples
/// ```
/// use connect_ports::{ApiError, ErrorKind};
/// let error = ApiError::already_charging();
/// assert_eq!(error.status, 409);
/// assert_eq!(error.kind, ErrorKind::AlreadyCharging);
/// assert_eq!(error.detail, "Charging Error");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status the API answers with.
    pub status: u16,
    /// What went wrong.
    pub kind: ErrorKind,
    /// The body's `detail`: a human-readable summary.
    pub detail: String,
    /// The body's `error.details`: more words, or a support code. (The rarely set fields are
    /// boxed to keep `Result<_, ApiError>` small.)
    pub details: Option<Box<str>>,
    /// For `pre_authorization_failed`: the payment intent to confirm with Stripe (3-D Secure).
    pub payment_intent_client_secret: Option<Box<str>>,
    /// For validation errors: the field at fault.
    pub field: Option<Box<str>>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.kind, self.detail)?;
        if let Some(details) = &self.details {
            write!(f, " ({details})")?;
        }
        Ok(())
    }
}

/// The `detail` the API puts on every start-charging error.
const CHARGING_ERROR: &str = "Charging Error";

impl ApiError {
    /// An error with a status, a kind and a `detail`.
    pub fn new(status: u16, kind: ErrorKind, detail: impl Into<String>) -> Self {
        Self {
            status,
            kind,
            detail: detail.into(),
            details: None,
            payment_intent_client_secret: None,
            field: None,
        }
    }

    /// Adds `error.details`.
    #[must_use]
    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into().into_boxed_str());
        self
    }

    /// 404 with a plain `detail`.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(404, ErrorKind::NotFound, detail)
    }

    /// 403: no valid API token.
    pub fn forbidden() -> Self {
        Self::new(
            403,
            ErrorKind::Forbidden,
            "Authentication credentials were not provided.",
        )
    }

    /// 400 `validation_error` on one field.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        let message = message.into();
        let mut error = Self::new(400, ErrorKind::Validation, format!("{field}: {message}"))
            .with_details(message);
        error.field = Some(field.into_boxed_str());
        error
    }

    /// 409 `already_charging`.
    pub fn already_charging() -> Self {
        Self::new(409, ErrorKind::AlreadyCharging, CHARGING_ERROR)
            .with_details("User already has active charging session OR is starting charging")
    }

    /// 409 `already_stopped`.
    pub fn already_stopped() -> Self {
        Self::new(409, ErrorKind::AlreadyStopped, CHARGING_ERROR)
            .with_details("The charging session is already stopped")
    }

    /// 409 `billing_data_required`, naming what is missing.
    pub fn billing_data_required(details: impl Into<String>) -> Self {
        Self::new(409, ErrorKind::BillingDataRequired, CHARGING_ERROR).with_details(details)
    }

    /// 409 `station_availability_issue`: the connector is out of order or busy.
    pub fn station_unavailable(details: impl Into<String>) -> Self {
        Self::new(409, ErrorKind::StationAvailabilityIssue, CHARGING_ERROR).with_details(details)
    }

    /// 402 `payment_error`: unpaid debts block the operation.
    pub fn unpaid_debts(detail: impl Into<String>) -> Self {
        Self::new(402, ErrorKind::Payment, detail).with_details(
            "The customer has an outstanding unpaid charging session or payment that must be completed first.",
        )
    }

    /// 402 `pre_authorization_failed`, with the payment intent to confirm when the card
    /// needs 3-D Secure.
    pub fn pre_authorization_failed(payment_intent_client_secret: Option<String>) -> Self {
        let mut error = Self::new(402, ErrorKind::PreAuthorizationFailed, CHARGING_ERROR)
            .with_details(
                "We didn't manage to pre-authorize payment before starting charging. User should try again.",
            );
        error.payment_intent_client_secret =
            payment_intent_client_secret.map(String::into_boxed_str);
        error
    }

    /// 424 `charging_provider_error`.
    pub fn charging_provider_error(details: impl Into<String>) -> Self {
        Self::new(424, ErrorKind::ChargingProviderError, CHARGING_ERROR).with_details(details)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_with_an_api_error_stay_small() {
        assert!(
            std::mem::size_of::<ApiError>() <= 128,
            "{}",
            std::mem::size_of::<ApiError>()
        );
    }

    #[test]
    fn every_kind_round_trips_through_its_text() {
        // Against the OpenAPI document's `ErrorTypeEnum` (read as YAML): tests/tests/openapi_source.rs.
        for kind in ErrorKind::KNOWN {
            assert_eq!(ErrorKind::parse(kind.as_str()), *kind);
            assert_eq!(kind.to_string(), kind.as_str());
        }
        assert_eq!(ErrorKind::NotFound.to_string(), "not_found");
        assert_eq!(ErrorKind::Forbidden.error_type(), None);
    }

    #[test]
    fn the_documented_start_errors_have_their_documented_statuses() {
        assert_eq!(ApiError::already_charging().status, 409);
        assert_eq!(ApiError::billing_data_required("line1").status, 409);
        assert_eq!(ApiError::station_unavailable("busy").status, 409);
        assert_eq!(ApiError::unpaid_debts("Charging Error").status, 402);
        let sca = ApiError::pre_authorization_failed(Some("pi_1_secret_2".into()));
        assert_eq!(
            (sca.status, sca.kind.clone()),
            (402, ErrorKind::PreAuthorizationFailed)
        );
        assert_eq!(
            sca.payment_intent_client_secret.as_deref(),
            Some("pi_1_secret_2")
        );
        assert_eq!(ApiError::charging_provider_error("no answer").status, 424);
    }

    #[test]
    fn a_validation_error_names_its_field_in_words_and_as_data() {
        let error = ApiError::validation("line1", "This field is required.");
        assert_eq!(error.field.as_deref(), Some("line1"));
        assert_eq!(
            error.to_string(),
            "400 validation_error: line1: This field is required. (This field is required.)"
        );
        assert_eq!(
            ApiError::not_found("User not found").to_string(),
            "404 not_found: User not found"
        );
    }
}
