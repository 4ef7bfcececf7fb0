//! What can be wrong with a price group: errors that make it unusable, and warnings that
//! don't.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

/// A price group that cannot be used, with the path of the offending field
/// (e.g. `prices.kwh_price.MONDAY[0].time_from`).
///
/// # Examples
/// ```
/// use connect_domain::tariff::{PriceGroup, TariffErrorKind};
/// let json = r#"{"type":"AC","power":22,"evse_ids":[],"currency":"EUR",
///   "pre_authorization_amount":"50.00","local_datetime":"2026-04-02T15:51:18+02:00",
///   "prices":{"kwh_price":{"ALL":[{"time_from":"25:00","time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.45","user_facing_price":"0.54",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#;
/// let error = PriceGroup::from_json(json).unwrap_err();
/// assert_eq!(error.path, "prices.kwh_price.ALL[0].time_from");
/// assert!(matches!(error.kind, TariffErrorKind::MalformedTime { .. }));
/// assert_eq!(error.to_string(),
///     "prices.kwh_price.ALL[0].time_from: malformed time \"25:00\" (expected HH:MM, 00:00 to 24:00)");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct TariffError {
    /// Path of the field, dotted, with `[i]` for list positions; empty for the whole document.
    pub path: String,
    /// What is wrong with it.
    pub kind: TariffErrorKind,
}

/// What is wrong with a field of a price group.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TariffErrorKind {
    /// The text is not JSON.
    #[error("not valid JSON: {message}")]
    Json {
        /// The parser's message.
        message: String,
    },
    /// A required field is missing.
    #[error("required field is missing")]
    Missing,
    /// A field has the wrong JSON type.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the API documents.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// A decimal string or number that is not a decimal.
    #[error("malformed decimal {value:?}")]
    MalformedDecimal {
        /// The value as given.
        value: String,
    },
    /// A time that is not strict `HH:MM`.
    #[error("malformed time {value:?} (expected HH:MM, 00:00 to 24:00)")]
    MalformedTime {
        /// The value as given.
        value: String,
    },
    /// `time_from` of `24:00`: the end of a day cannot start a band.
    #[error("24:00 can only end a band; use 00:00 to start one")]
    StartAtEndOfDay,
    /// A date that is not `YYYY-MM-DD`.
    #[error("malformed date {value:?} (expected YYYY-MM-DD)")]
    MalformedDate {
        /// The value as given.
        value: String,
    },
    /// A date-time that is not RFC 3339.
    #[error("malformed date-time {value:?} (expected RFC 3339 with an offset)")]
    MalformedDateTime {
        /// The value as given.
        value: String,
    },
    /// A price, cap or grace period below zero.
    #[error("must not be negative, found {value}")]
    Negative {
        /// The value found.
        value: Decimal,
    },
    /// A price, cap, hold or grace period beyond any plausible value.
    #[error("{value} is implausibly large (at most {max})")]
    TooLarge {
        /// The value found.
        value: Decimal,
        /// The largest accepted.
        max: Decimal,
    },
    /// A tax rate outside 0 … 100 percent.
    #[error("tax must be between 0 and 100 percent, found {value}")]
    TaxOutOfRange {
        /// The value found.
        value: Decimal,
    },
    /// A day key that is neither a weekday nor `ALL`.
    #[error("unknown day key {key:?} (expected MONDAY … SUNDAY or ALL)")]
    UnknownDayKey {
        /// The key as given.
        key: String,
    },
    /// A currency code that is not three letters.
    #[error("malformed currency {value:?} (expected a three-letter ISO 4217 code)")]
    MalformedCurrency {
        /// The value as given.
        value: String,
    },
    /// `time_from` equals `time_to` (other than `00:00`–`00:00`, the whole day).
    #[error("time_from equals time_to ({time}); use 00:00–00:00 for the whole day")]
    EmptyTimeWindow {
        /// The time both fields hold.
        time: String,
    },
    /// `date_to` is not after `date_from`.
    #[error("date_to {date_to} is not after date_from {date_from}")]
    EmptyDateRange {
        /// First valid date.
        date_from: String,
        /// First date no longer valid.
        date_to: String,
    },
    /// Two bands overlap in time on the same day with different prices.
    #[error("overlaps {other} on {day} with a different price")]
    OverlappingBands {
        /// Path of the other band.
        other: String,
        /// The weekday on which they overlap.
        day: String,
    },
}

/// Something odd about a price group that does not stop it being used.
///
/// # Examples
/// ```
/// use connect_domain::tariff::{PriceGroup, TariffWarningKind};
/// let json = r#"{"type":"AC","power":22,"evse_ids":[],"currency":"EUR","dayOfWeek":"MONDAY",
///   "pre_authorization_amount":"50.00","local_datetime":"2026-04-02T15:51:18+02:00",
///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.4529","user_facing_price":"0.50",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#;
/// let parsed = PriceGroup::from_json(json)?;
/// let paths: Vec<_> = parsed.warnings.iter().map(|w| w.path.as_str()).collect();
/// assert_eq!(paths, ["dayOfWeek", "prices.kwh_price.ALL[0].user_facing_price"]);
/// assert!(matches!(parsed.warnings[1].kind,
///     TariffWarningKind::UserFacingPriceMismatch { .. }));
/// # Ok::<(), connect_domain::tariff::TariffError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TariffWarning {
    /// Path of the field the warning is about.
    pub path: String,
    /// What is odd.
    pub kind: TariffWarningKind,
}

/// What is odd about a field of a price group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TariffWarningKind {
    /// A field the API does not document (a misspelling such as `dayOfWeek`?). It is ignored.
    UnknownField,
    /// `user_facing_price` disagrees with the price computed from `gross_price` and `tax`.
    /// Costs use `gross_price`; the published value is kept as it is.
    UserFacingPriceMismatch {
        /// The published value.
        published: Decimal,
        /// `gross_price × (1 + tax/100)`, per minute for time-based prices, rounded.
        computed: Decimal,
    },
    /// `user_facing_price` is missing; the computed value is used for display.
    UserFacingPriceMissing {
        /// The computed value.
        computed: Decimal,
    },
    /// Two bands overlap with the same terms; either applies, they charge the same.
    RedundantOverlap {
        /// Path of the other band.
        other: String,
    },
    /// A field that only means something for another component (e.g. a grace period on an
    /// energy price). It is ignored.
    IgnoredField,
    /// `currency` is three letters but not a current ISO 4217 code (`XYZ`): amounts are
    /// rounded to two decimals, which may not be the currency's minor unit.
    UnknownCurrency {
        /// The code as given.
        code: String,
    },
}

impl fmt::Display for TariffWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        match &self.kind {
            TariffWarningKind::UnknownField => f.write_str("unknown field, ignored"),
            TariffWarningKind::UserFacingPriceMismatch {
                published,
                computed,
            } => write!(
                f,
                "user_facing_price {published} disagrees with gross_price and tax ({computed}); costs use gross_price"
            ),
            TariffWarningKind::UserFacingPriceMissing { computed } => {
                write!(f, "user_facing_price missing; displaying {computed}")
            }
            TariffWarningKind::RedundantOverlap { other } => {
                write!(f, "overlaps {other} with the same terms; either applies")
            }
            TariffWarningKind::IgnoredField => {
                f.write_str("has no meaning for this component, ignored")
            }
            TariffWarningKind::UnknownCurrency { code } => write!(
                f,
                "{code:?} is not an ISO 4217 currency; amounts are rounded to two decimals"
            ),
        }
    }
}
