//! Charging sessions (OpenAPI tags `Charging Sessions` and `Charging`): starting, stopping,
//! listing and rating sessions, and what they cost.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Number;

use connect_domain::session::StationInfo;

use crate::serde_util::double_option;

/// A charging session (schema `ConnectAPIChargingSession`): the answer of start charging,
/// of the session list and detail, and of rating.
///
/// Every property is always written; nullable ones as `null` when `None`. The station
/// snapshot is the domain's [`StationInfo`], whose JSON shape is the API's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChargingSession {
    /// Session id, a UUID string.
    pub id: String,
    /// When charging started (microsecond precision, UTC).
    pub start_time: Option<DateTime<Utc>>,
    /// When charging ended; `None` while active.
    pub end_time: Option<DateTime<Utc>>,
    /// Duration in seconds.
    pub duration: Option<i64>,
    /// Energy in kWh, a decimal string with three decimals (`"10.000"`).
    pub consumed_energy: Option<Decimal>,
    /// Whether the session is still running.
    pub is_active: bool,
    /// The EVSE charged at.
    pub evse_id: String,
    /// A snapshot of the station.
    pub station_info: StationInfo,
    /// Whether the operator is a Cariqa partner.
    pub is_partner: bool,
    /// The operator's logo.
    pub logo_url: Option<String>,
    /// The prices frozen onto the session.
    pub user_facing_session_prices: UserFacingSessionPrices,
    /// What the session cost, and its invoice.
    pub session_cost: PaygSummary,
    /// The user's rating; written as `null` when `None`.
    #[serde(default)]
    pub rates: Option<Rating>,
}

/// The body of `PATCH …/charging-sessions/{session_id}/` (schema
/// `PatchedConnectAPIChargingSession`): every property of a session, all optional. Only
/// `rates` is writable; see [`PatchedChargingSession::rating`].
///
/// `None` leaves a property out; for nullable properties `Some(None)` sends `null`.
///
/// # Examples
/// ```
/// use connect_wire::sessions::{PatchedChargingSession, Rating};
/// let body = PatchedChargingSession::rating(Some(Rating::Five));
/// assert_eq!(serde_json::to_string(&body)?, r#"{"rates":5}"#);
/// // Cariqa's reference client sends the rating as a string; it reads the same.
/// let sent: PatchedChargingSession = serde_json::from_str(r#"{"rates": "5"}"#)?;
/// assert_eq!(sent, body);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PatchedChargingSession {
    /// Read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Read-only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub start_time: Option<Option<DateTime<Utc>>>,
    /// Read-only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub end_time: Option<Option<DateTime<Utc>>>,
    /// Read-only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub duration: Option<Option<i64>>,
    /// Read-only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub consumed_energy: Option<Option<Decimal>>,
    /// Read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evse_id: Option<String>,
    /// Read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station_info: Option<StationInfo>,
    /// Read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_partner: Option<bool>,
    /// Read-only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub logo_url: Option<Option<String>>,
    /// Read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_facing_session_prices: Option<UserFacingSessionPrices>,
    /// Read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_cost: Option<PaygSummary>,
    /// The rating to set: `Some(Some(r))`, or `Some(None)` to clear it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub rates: Option<Option<Rating>>,
}

impl PatchedChargingSession {
    /// The body that rates a session (`None` clears the rating).
    pub fn rating(rating: Option<Rating>) -> Self {
        Self {
            rates: Some(rating),
            ..Self::default()
        }
    }
}

/// A user's rating of a session, 1 to 5 (schema `RatesEnum`; `null` is schema `NullEnum`,
/// i.e. `Option::None`).
///
/// Written as a JSON integer. Reads an integer or a string of one (Cariqa's reference
/// client sends `"5"`); anything else is kept as [`Rating::Unknown`] and written back as a
/// JSON number when its text is one (`7`, `4.5`), as a string otherwise.
///
/// # Examples
/// ```
/// use connect_wire::sessions::Rating;
/// let sent: Rating = serde_json::from_str(r#""5""#)?;
/// assert_eq!(sent, Rating::Five);
/// assert_eq!(serde_json::to_string(&sent)?, "5");
/// let odd: Rating = serde_json::from_str("7")?;
/// assert_eq!((odd.value(), serde_json::to_string(&odd)?), (None, "7".to_owned()));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rating {
    /// `1`
    One,
    /// `2`
    Two,
    /// `3`
    Three,
    /// `4`
    Four,
    /// `5`
    Five,
    /// A value this version does not know, kept as its text (`"0"`, `"7"`, `"great"`).
    Unknown(String),
}

impl Rating {
    /// Every value this version knows, in the order of the OpenAPI document.
    pub const KNOWN: &'static [Self] = &[Self::One, Self::Two, Self::Three, Self::Four, Self::Five];

    /// The rating 1–5, or `None` for an unknown value.
    pub fn value(&self) -> Option<u8> {
        match self {
            Self::One => Some(1),
            Self::Two => Some(2),
            Self::Three => Some(3),
            Self::Four => Some(4),
            Self::Five => Some(5),
            Self::Unknown(_) => None,
        }
    }

    /// The rating for 1–5; any other number is kept as [`Rating::Unknown`].
    pub fn from_value(value: i64) -> Self {
        match value {
            1 => Self::One,
            2 => Self::Two,
            3 => Self::Three,
            4 => Self::Four,
            5 => Self::Five,
            other => Self::Unknown(other.to_string()),
        }
    }

    /// Reads a rating from its text (`"5"`, surrounding whitespace ignored); never fails.
    pub fn parse(text: &str) -> Self {
        match text.trim().parse::<i64>() {
            Ok(value) => Self::from_value(value),
            Err(_) => Self::Unknown(text.to_owned()),
        }
    }

    /// Whether this version knows the value.
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Unknown(_))
    }
}

impl std::fmt::Display for Rating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.value(), self) {
            (Some(value), _) => write!(f, "{value}"),
            (None, Self::Unknown(text)) => f.write_str(text),
            (None, _) => Ok(()),
        }
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Unknown(text) => match serde_json::from_str::<Number>(text) {
                // serde_json's own float parsing may be off by one unit in the last place;
                // the standard library's is exact, so the value is written as it was read.
                Ok(number) if number.is_f64() => match text.trim().parse::<f64>() {
                    Ok(float) => serializer.serialize_f64(float),
                    Err(_) => number.serialize(serializer),
                },
                Ok(number) => number.serialize(serializer),
                Err(_) => serializer.serialize_str(text),
            },
            known => serializer.serialize_u8(known.value().unwrap_or_default()),
        }
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RatingVisitor)
    }
}

struct RatingVisitor;

impl Visitor<'_> for RatingVisitor {
    type Value = Rating;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a rating: an integer, or a string")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Rating, E> {
        Ok(Rating::from_value(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Rating, E> {
        Ok(i64::try_from(value)
            .map_or_else(|_| Rating::Unknown(value.to_string()), Rating::from_value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Rating, E> {
        Ok(Rating::Unknown(
            Number::from_f64(value).map_or_else(|| value.to_string(), |n| n.to_string()),
        ))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Rating, E> {
        Ok(Rating::parse(text))
    }
}

/// The prices frozen onto a session (schema `ConnectAPIUserFacingSessionPrices`), VAT
/// included; unused components are `null`.
///
/// Every property except `currency` is always written; `currency` is optional and left out
/// when `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserFacingSessionPrices {
    /// Price per kWh.
    pub kwh_price: Option<Decimal>,
    /// Price per minute.
    pub time_price: Option<Decimal>,
    /// One-off operator fee.
    pub session_fee: Option<Decimal>,
    /// "Merged info about the blocking fees": the document does not say it is one number,
    /// so it stays text.
    pub blocking_fee: Option<String>,
    /// One-off Cariqa fee.
    pub starting_fee: Option<Decimal>,
    /// Minutes after which blocking fees apply (an integer here, a double in price bands).
    pub grace_period_minutes: Option<i64>,
    /// Most blocking fees one session can be charged.
    pub blocking_cap: Option<Decimal>,
    /// Currency code (`"eur"`), at most 3 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// What a session cost, and its invoice (schema `ConnectAPIPAYGSummary`, a session's
/// `session_cost`). Amounts are decimal strings; unused components are `"0.00"`.
///
/// Read tolerantly, written as the document says:
/// - `invoice_view` (the Stripe-hosted invoice page) appears in the docs but not in the
///   document: it is read when present and never written.
/// - `invoice_credits`, `invoice_discount` and `currency` are required by the document
///   but missing from the docs' only example: they read as `None` when absent and are left
///   out when `None` (a value is never invented).
/// - `invoice_summary` is "summary of the invoice", the total in the one example
///   (`"5.39"`); it stays text, see [`PaygSummary::invoice_summary_amount`].
///
/// # Examples
/// ```
/// use connect_wire::sessions::PaygSummary;
/// let cost: PaygSummary = serde_json::from_str(r#"{"kwh_cost": "5.39", "time_cost": "0.00",
///     "session_fee_cost": "0.00", "blocking_fee_cost": "0.00", "starting_fee_cost": "0.00",
///     "invoice_view": "https://invoice.stripe.com/i/acct_1/test?s=ap",
///     "invoice_download": null, "invoice_vat": "0.86", "invoice_summary": "5.39"}"#)?;
/// assert!(cost.invoice_view.is_some());
/// let written = serde_json::to_value(&cost)?;
/// assert!(written.get("invoice_view").is_none());
/// assert!(written.get("invoice_credits").is_none());
/// assert_eq!(written["invoice_summary"], "5.39");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaygSummary {
    /// Energy part of the cost.
    pub kwh_cost: Option<Decimal>,
    /// Time part of the cost.
    pub time_cost: Option<Decimal>,
    /// One-off operator fee.
    pub session_fee_cost: Option<Decimal>,
    /// Blocking fee part.
    pub blocking_fee_cost: Option<Decimal>,
    /// One-off Cariqa fee.
    pub starting_fee_cost: Option<Decimal>,
    /// Older docs only: the Stripe-hosted invoice page. Read, never written.
    #[serde(default, skip_serializing)]
    pub invoice_view: Option<String>,
    /// URL of the invoice PDF; written as `null` when `None`.
    pub invoice_download: Option<String>,
    /// VAT contained in the invoice total.
    pub invoice_vat: Decimal,
    /// Summary of the invoice (the total, `"5.39"`, in the one example).
    pub invoice_summary: String,
    /// Credits applied: negative for a discount, rarely positive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_credits: Option<Decimal>,
    /// Discount applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_discount: Option<Decimal>,
    /// Currency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl PaygSummary {
    /// [`PaygSummary::invoice_summary`] as a decimal.
    ///
    /// # Errors
    /// The parser's, when the text is not a decimal.
    pub fn invoice_summary_amount(&self) -> Result<Decimal, rust_decimal::Error> {
        self.invoice_summary.trim().parse()
    }
}

/// The body of `POST …/charging/start/` (schema `ConnectAPIStartChargingRequest`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartChargingRequest {
    /// The EVSE to charge at.
    pub evse_id: String,
    /// Stripe id of the payment method to pre-authorize and charge (`pm_…`).
    pub payment_method_id: String,
}
