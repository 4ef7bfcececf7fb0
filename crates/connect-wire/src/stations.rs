//! Stations (OpenAPI tag `Stations`): `/api/v1/stations/around/`, `…/details/` and
//! `…/partners/`, and the tariffs (`price_groups`) a station carries.
//!
//! The station serializers are OCPI 2.1.1 shapes: the EVSE statuses, amenities and
//! connector standards are OCPI's values verbatim.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Number;

use crate::api_enum::api_enum;
use crate::serde_util::{double_option, offset_date_time};

api_enum! {
    /// A station's speed class (schema `SpeedEnum`); also the values of the tile endpoint's
    /// `power_groups` filter. Thresholds are not documented.
    pub enum Speed {
        Slow = "slow",
        Fast = "fast",
        Turbo = "turbo",
    }
}

api_enum! {
    /// A station's overall status (schema `Status80fEnum`), on stations and map tiles.
    pub enum StationStatus {
        Free = "free",
        Busy = "busy",
        /// The API's own "unknown" (not [`StationStatus::Unknown`], which is a value this
        /// version does not know).
        StatusUnknown = "unknown",
        Error = "error",
    }
}

api_enum! {
    /// The status of one EVSE (schema `ConnectAPIEvseStatusEnum`; OCPI 2.1.1 `Status`).
    pub enum EvseStatus {
        /// Able to start a new session.
        Available = "AVAILABLE",
        /// Physically blocked, e.g. by a parked car.
        Blocked = "BLOCKED",
        /// In use.
        Charging = "CHARGING",
        /// Not yet active, or no longer available.
        Inoperative = "INOPERATIVE",
        /// Out of order.
        OutOfOrder = "OUTOFORDER",
        /// Planned, not yet installed.
        Planned = "PLANNED",
        /// Discontinued.
        Removed = "REMOVED",
        /// Reserved for another driver.
        Reserved = "RESERVED",
        /// No status information (also used when offline). Not [`EvseStatus::Unknown`],
        /// which is a value this version does not know.
        StatusUnknown = "UNKNOWN",
    }
}

impl Default for EvseStatus {
    /// [`EvseStatus::StatusUnknown`]: no status information.
    fn default() -> Self {
        Self::StatusUnknown
    }
}

api_enum! {
    /// A facility near a station (schema `AmenitiesEnum`; OCPI 2.1.1 `Facility`).
    pub enum Amenity {
        Hotel = "HOTEL",
        Restaurant = "RESTAURANT",
        Cafe = "CAFE",
        Mall = "MALL",
        Supermarket = "SUPERMARKET",
        Sport = "SPORT",
        RecreationArea = "RECREATION_AREA",
        Nature = "NATURE",
        Museum = "MUSEUM",
        BusStop = "BUS_STOP",
        TaxiStand = "TAXI_STAND",
        TrainStation = "TRAIN_STATION",
        Airport = "AIRPORT",
        CarpoolParking = "CARPOOL_PARKING",
        FuelStation = "FUEL_STATION",
        Wifi = "WIFI",
    }
}

api_enum! {
    /// A connector standard (the `connector_types` filter of `/stations/around/` and
    /// `/stations/tile/`, declared inline in the document; OCPI 2.1.1 `ConnectorType`).
    /// [`crate::sessions::StationInfo::connector_standard`] uses the same strings.
    pub enum ConnectorType {
        Chademo = "CHADEMO",
        DomesticA = "DOMESTIC_A",
        DomesticB = "DOMESTIC_B",
        DomesticC = "DOMESTIC_C",
        DomesticD = "DOMESTIC_D",
        DomesticE = "DOMESTIC_E",
        DomesticF = "DOMESTIC_F",
        DomesticG = "DOMESTIC_G",
        DomesticH = "DOMESTIC_H",
        DomesticI = "DOMESTIC_I",
        DomesticJ = "DOMESTIC_J",
        DomesticK = "DOMESTIC_K",
        DomesticL = "DOMESTIC_L",
        Iec60309Single16 = "IEC_60309_2_single_16",
        Iec60309Three16 = "IEC_60309_2_three_16",
        Iec60309Three32 = "IEC_60309_2_three_32",
        Iec60309Three64 = "IEC_60309_2_three_64",
        Iec62196T1 = "IEC_62196_T1",
        Iec62196T1Combo = "IEC_62196_T1_COMBO",
        Iec62196T2 = "IEC_62196_T2",
        Iec62196T2Combo = "IEC_62196_T2_COMBO",
        Iec62196T3A = "IEC_62196_T3A",
        Iec62196T3C = "IEC_62196_T3C",
        TeslaR = "TESLA_R",
        TeslaS = "TESLA_S",
    }
}

api_enum! {
    /// A day of the week, or every day (schema `WeekdayEnum`): the `weekday` of opening
    /// hours, and the keys of a [`PriceMap`].
    pub enum Weekday {
        Monday = "MONDAY",
        Tuesday = "TUESDAY",
        Wednesday = "WEDNESDAY",
        Thursday = "THURSDAY",
        Friday = "FRIDAY",
        Saturday = "SATURDAY",
        Sunday = "SUNDAY",
        /// Every day.
        All = "ALL",
    }
}

/// A charging station (schema `ConnectAPIStation`): one item of `/stations/around/`, or
/// the answer of `/stations/details/`.
///
/// `speed`, `status`, `amenities` and `logo_url` are optional and left out when `None`;
/// `id` is required but nullable, written as `null` when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Where the station is.
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

/// A position as decimal-degree strings, as the API sends them (`"49.630383"`) (schema
/// `Coordinates`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordinates {
    /// Latitude in decimal degrees, as text.
    pub latitude: String,
    /// Longitude in decimal degrees, as text.
    pub longitude: String,
}

/// When a station is open (schema `ConnectAPIOpeningTimes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningTimes {
    /// Open around the clock.
    pub twentyfourseven: bool,
    /// Regular opening periods.
    pub regular_hours: Vec<RegularHours>,
}

/// One regular opening period (schema `ConnectAPIRegularHours`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegularHours {
    /// The day, or `ALL`; optional, left out when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<Weekday>,
    /// Start of the period as sent (probably `"HH:MM"`); written as `null` when `None`.
    pub period_begin: Option<String>,
    /// End of the period as sent (probably `"HH:MM"`); written as `null` when `None`.
    pub period_end: Option<String>,
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
/// use connect_wire::stations::{Evse, EvseStatus};
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

/// The tariff of a group of EVSEs (schema `ConnectAPIPriceGroup`).
///
/// Read and written back, a price group gives the same JSON: absent and `null` components
/// stay apart, numbers keep their form, decimals their scale. (Normalisations only: a
/// `local_datetime` offset of `+00:00` is written `Z` and its fraction of a second with 0,
/// 3, 6 or 9 digits; a decimal sent as a JSON number is written as a string, as the
/// document types it.)
///
/// `connect_domain::tariff::PriceGroup::from_value` reads the JSON of this type (written
/// with `serde_json::to_value`) for pricing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceGroup {
    /// Free-form group type (values undocumented).
    #[serde(rename = "type")]
    pub kind: String,
    /// Power in kW, a JSON number kept exactly as sent (`22` stays `22`, `22.0` stays
    /// `22.0`).
    pub power: Number,
    /// The EVSEs this tariff applies to.
    pub evse_ids: Vec<String>,
    /// The price components.
    pub prices: Prices,
    /// The station's local "now" at which the prices were evaluated; its UTC offset is kept
    /// and written back (`Z` for UTC).
    #[serde(with = "offset_date_time")]
    pub local_datetime: DateTime<FixedOffset>,
    /// Currency code (`"eur"`).
    pub currency: String,
    /// Amount held on the payment method when a session starts, a decimal string.
    pub pre_authorization_amount: Decimal,
    /// Whether Cariqa set this price because the operator gave none. Optional: `None`
    /// (absent, left out when written) means `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_fallback: Option<bool>,
}

/// Bands of one price component by day (`"MONDAY"` … `"SUNDAY"`, `"ALL"`); the document
/// leaves the keys free, and any other key is kept as [`Weekday::Unknown`].
pub type PriceMap = BTreeMap<Weekday, Vec<TimePriceItem>>;

/// The five price components of a tariff (schema `ConnectAPIPrices`).
///
/// Each component is optional and nullable, and is read back exactly as sent: `None`
/// (absent), `Some(None)` (`null`) or `Some(Some(map))`, so a price group round-trips
/// unchanged.
///
/// # Examples
/// ```
/// use connect_wire::stations::{Prices, Weekday};
/// let text = r#"{"kwh_price": {"ALL": [{"time_from": null, "time_to": null,
///   "date_from": null, "date_to": null, "gross_price": "0.4529",
///   "user_facing_price": "0.54", "grace_period_minutes": null, "tax": 19,
///   "blocking_cap": null}]}, "time_price": null}"#;
/// let prices: Prices = serde_json::from_str(text)?;
/// let bands = prices.kwh_price.as_ref().and_then(Option::as_ref).map(|map| &map[&Weekday::All]);
/// assert_eq!(bands.map(|bands| bands[0].gross_price.to_string()), Some("0.4529".into()));
/// assert_eq!(prices.time_price, Some(None));
/// assert_eq!(prices.blocking_fee, None);
/// let original: serde_json::Value = serde_json::from_str(text)?;
/// assert_eq!(serde_json::to_value(&prices)?, original);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prices {
    /// Time-based price (per minute for users, per hour net).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub time_price: Option<Option<PriceMap>>,
    /// Energy price per kWh.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub kwh_price: Option<Option<PriceMap>>,
    /// Overstay fee, time-based, after a grace period.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub blocking_fee: Option<Option<PriceMap>>,
    /// One-off fee per session, from the operator.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub session_fee: Option<Option<PriceMap>>,
    /// One-off fee per session, billed by Cariqa.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub starting_fee: Option<Option<PriceMap>>,
}

/// One price band (schema `TimePriceItem`). Every property is always written.
///
/// The document types the four validity bounds as non-nullable strings, but the API's own
/// worked example sends `null` for "no bound"; they are `Option`, written as `null` when
/// `None`. Their meaning is in `connect-domain`'s pricing documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimePriceItem {
    /// Band start, local `hh:mm`; `null` = from midnight.
    pub time_from: Option<String>,
    /// Band end, local `hh:mm`; `null` = to midnight.
    pub time_to: Option<String>,
    /// First day, `YYYY-MM-DD`; `null` = unbounded.
    pub date_from: Option<String>,
    /// Last day, `YYYY-MM-DD`; `null` = unbounded.
    pub date_to: Option<String>,
    /// Net price (no VAT, despite the name); per hour for time-based components.
    pub gross_price: Decimal,
    /// Price shown to users, VAT included; per minute for time-based components.
    pub user_facing_price: Decimal,
    /// Minutes after which blocking fees apply, a JSON number kept exactly as sent.
    pub grace_period_minutes: Option<Number>,
    /// VAT in percent (`19`), a JSON number kept exactly as sent.
    pub tax: Number,
    /// Most blocking fees one session can be charged.
    pub blocking_cap: Option<Decimal>,
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
