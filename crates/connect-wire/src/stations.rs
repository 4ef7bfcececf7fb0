//! Stations (OpenAPI tag `Stations`): `/api/v1/stations/around/`, `…/details/` and
//! `…/partners/`, and the tariffs (`price_groups`) a station carries.
//!
//! The station serializers are OCPI 2.1.1 shapes: the EVSE statuses, amenities and
//! connector standards are OCPI's values verbatim.
//!
//! What the wire shape shares with the domain is the domain's type, read and written by its
//! own serde: opening times ([`OpeningTimes`]), the enums, and the price groups
//! ([`PriceGroup`], read by the domain's reader with field paths and warnings, written by
//! its writer). What stays here differs in shape: the station itself (nullable id, derived
//! speed and status written out, coordinates as text, no country or zone, EVSEs without
//! connectors), the operator's `contact` envelope, and the EVSE without connectors.

use connect_domain::station::{Amenity, EvseStatus, OpeningTimes, Speed, StationStatus};
use connect_domain::tariff::PriceGroup;
use connect_domain::zone::Coordinates;
use serde::{Deserialize, Serialize};

use crate::serde_util::coordinates_text;

/// A charging station (schema `ConnectAPIStation`): one item of `/stations/around/`, or
/// the answer of `/stations/details/`.
///
/// `speed`, `status`, `amenities` and `logo_url` are optional and left out when `None`;
/// `id` is required but nullable, written as `null` when `None`.
///
/// Reading fails, naming the field, on coordinates that are not decimal degrees and on a
/// price group the domain's reader refuses (`price_groups[1]: prices.kwh_price.ALL[0].tax:
/// …`, with the index where the reader can tell it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Station {
    /// Station id, used with `/stations/details/?type=station_id`.
    pub id: Option<String>,
    /// Station name.
    pub name: String,
    /// Speed class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<Speed>,
    /// The address as one formatted string.
    pub address: String,
    /// Overall status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StationStatus>,
    /// Where the station is: decimal-degree strings on the wire (`"49.630383"`), written
    /// with six decimals.
    #[serde(with = "coordinates_text")]
    pub coordinates: Coordinates,
    /// When the station is open.
    pub opening_times: OpeningTimes,
    /// Who runs the station.
    pub operator: OperatorInfo,
    /// The station's EVSEs.
    pub evses: Vec<Evse>,
    /// When the data last changed, as sent (the document gives no format).
    pub last_updated: String,
    /// Facilities nearby.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amenities: Option<Vec<Amenity>>,
    /// Whether the operator is a Cariqa partner. Defaults to `false` when absent.
    #[serde(default)]
    pub is_partner: bool,
    /// The tariffs, one per group of EVSEs.
    pub price_groups: Vec<PriceGroup>,
    /// The operator's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

/// A station's operator (schema `OCPIOperatorInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorInfo {
    /// Operator name.
    pub name: String,
    /// Contact details; written as `null` when `None`.
    pub contact: Option<Contact>,
}

/// An operator's contact details (schema `Contact`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Support phone number; written as `null` when `None`.
    pub phone: Option<String>,
}

/// One EVSE of a station (schema `ConnectAPIEvse`).
///
/// The document requires `status`, but one revision of the docs shows EVSEs without it;
/// a missing status reads as [`EvseStatus::StatusUnknown`] ("no status information"), and
/// the status is always written.
///
/// # Examples
/// ```
/// use connect_domain::station::EvseStatus;
/// use connect_wire::stations::Evse;
/// let evse: Evse = serde_json::from_str(r#"{"evse_id": "DE*CIQ*E1*1"}"#)?;
/// assert_eq!(evse.status, EvseStatus::StatusUnknown);
/// assert_eq!(serde_json::to_value(&evse)?["status"], "UNKNOWN");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evse {
    /// EVSE id, e.g. `"DE*CIQ*EELDF6XWZU41P*2"`; what start charging takes.
    pub evse_id: String,
    /// Current status.
    #[serde(default)]
    pub status: EvseStatus,
}

/// A partner operator, for the `operators` filter (schema `ConnectAPIPartnerFilterOperator`);
/// `/stations/partners/` answers a plain array of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerOperator {
    /// Operator name, as the `operators` filter takes it.
    pub name: String,
    /// The operator's logo; written as `null` when `None`.
    pub logo_url: Option<String>,
}
