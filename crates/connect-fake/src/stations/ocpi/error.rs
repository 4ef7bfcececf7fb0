//! What the OCPI loader refuses ([`OcpiError`]) and what it had to interpret
//! ([`OcpiWarning`]), each with the JSON path it concerns.

use std::fmt;

use chrono::{DateTime, Utc};
use connect_domain::zone::{Tz, ZoneError};

/// A location or value that cannot be read, with the JSON path of the problem
/// (`data[3].coordinates.latitude`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {kind}", if .path.is_empty() { "(document)" } else { .path.as_str() })]
pub struct OcpiError {
    /// Where, as a JSON path (`""` for the whole document).
    pub path: String,
    /// What.
    pub kind: OcpiErrorKind,
}

impl OcpiError {
    pub(super) fn new(path: impl Into<String>, kind: OcpiErrorKind) -> Self {
        Self {
            path: path.into(),
            kind,
        }
    }
}

/// What is wrong with an OCPI document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OcpiErrorKind {
    /// The text is not JSON.
    #[error("not JSON: {message}")]
    NotJson {
        /// The parser's message.
        message: String,
    },
    /// The document is neither a location, a tariff, a list of them, nor an envelope with
    /// `data`.
    #[error("expected a location, a tariff, a list of them, or a response with `data`")]
    NotLocations,
    /// A required field is absent or `null`.
    #[error("missing")]
    Missing,
    /// A value of the wrong JSON type.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What was expected.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// Text that should be a number and is not.
    #[error("{text:?} is not a number")]
    NotANumber {
        /// The text.
        text: String,
    },
    /// A coordinate outside its range.
    #[error("{value} is out of range (latitude -90 to 90, longitude -180 to 180)")]
    OutOfRange {
        /// The value.
        value: f64,
    },
    /// Text that should be a timestamp and is not.
    #[error("{text:?} is not a timestamp")]
    NotATimestamp {
        /// The text.
        text: String,
    },
    /// A value OCPI allows that a Cariqa price group cannot express (a tariff).
    #[error("{what}")]
    Unsupported {
        /// What cannot be expressed.
        what: String,
    },
}

/// Something the loader had to interpret, with the JSON path it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct OcpiWarning {
    /// Where, as a JSON path.
    pub path: String,
    /// What.
    pub kind: OcpiWarningKind,
}

/// What the loader interpreted.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum OcpiWarningKind {
    /// A location that cannot be read: it is skipped, the rest of the file loads.
    LocationSkipped {
        /// Why (its path is the problem's own).
        error: OcpiError,
    },
    /// A tariff that cannot be read or converted: it is skipped, and the EVSEs that refer
    /// to it get a seeded tariff.
    TariffSkipped {
        /// Why.
        error: OcpiError,
    },
    /// A location marked `publish: false`: not served.
    Unpublished,
    /// Keys written in camelCase (`lastUpdated`), read as OCPI's snake_case.
    CamelCaseKeys,
    /// An EVSE id already taken: the EVSE is kept under another id.
    DuplicateEvseId {
        /// The id as given.
        evse_id: String,
        /// The id it is kept under.
        renamed_to: String,
    },
    /// A location id already taken: the location is kept under another id.
    DuplicateLocationId {
        /// The id as given.
        id: String,
        /// The id it is kept under.
        renamed_to: String,
    },
    /// An EVSE without `evse_id`: its `uid` is used.
    EvseIdFromUid {
        /// The uid.
        uid: String,
    },
    /// An EVSE with neither `evse_id` nor `uid`: an id made of the location's id and the
    /// EVSE's position.
    EvseIdFromPosition {
        /// The id given to it.
        evse_id: String,
    },
    /// No `last_updated`: the default (the file's time) is used.
    LastUpdatedDefaulted {
        /// The time used.
        used: DateTime<Utc>,
    },
    /// A value is `null` or absent: kept as the documented default (`UNKNOWN` for a status,
    /// an empty text).
    MissingValue {
        /// The field.
        field: &'static str,
    },
    /// A value the station model does not know: kept as `Unknown(value)`.
    UnknownValue {
        /// The field.
        field: &'static str,
        /// The value as given.
        value: String,
    },
    /// A value outside the API's list, read as one of the list (weekday `0` → `SUNDAY`,
    /// status `FOO` → `UNKNOWN`, `Type 2 outlet` → `IEC_62196_T2`).
    ValueMapped {
        /// The field.
        field: &'static str,
        /// The value as given.
        value: String,
        /// The value served.
        to: String,
    },
    /// A value outside the API's list that maps to none of it: dropped (a facility, an
    /// opening period, a connector without a known standard).
    ValueDropped {
        /// The field.
        field: &'static str,
        /// The value as given.
        value: String,
    },
    /// `max_electric_power` out of the plausible range (1 kW to 1 MW per connector): the
    /// power comes from elsewhere, or is unknown.
    ImplausiblePower {
        /// The `max_electric_power` given (W, as OCPI says).
        given: f64,
        /// The power used, kW (`None`: unknown).
        used_kw: Option<f64>,
        /// Where `used_kw` comes from.
        basis: PowerBasis,
    },
    /// `country` is not an ISO 3166 code but `country_code` is: the latter is used.
    CountryFromCode {
        /// `country` as given.
        country: String,
        /// The alpha-2 code used.
        country_code: String,
    },
    /// A country code that is not ISO 3166-1: kept as given.
    UnknownCountry {
        /// The code as given.
        country: String,
    },
    /// The zone could not be found from country and coordinates; `zone` was taken instead.
    ZoneFallback {
        /// Why the country and coordinates did not give a zone.
        error: ZoneError,
        /// The zone used.
        zone: Tz,
        /// Where it comes from.
        basis: ZoneBasis,
    },
    /// `exceptional_openings` or `exceptional_closings`, which a station cannot hold.
    ExceptionalHoursDropped,
    /// No operator name nor `party_id`: the operator's name is empty.
    MissingOperator,
    /// An EVSE refers to a tariff no file gave: it gets a seeded tariff, as the bundled
    /// stations do.
    TariffNotFound {
        /// The tariff id.
        tariff_id: String,
    },
    /// A tariff element or restriction a price group holds only approximately (said how).
    TariffApproximated {
        /// What was approximated, and how.
        what: String,
    },
}

/// Where a fallback zone comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ZoneBasis {
    /// The country alone (its coordinates are not in it).
    Country,
    /// The feed's `time_zone` field.
    FeedTimeZone,
    /// Nothing else was usable: UTC.
    Utc,
}

/// Where a connector's power comes from when `max_electric_power` is implausible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PowerBasis {
    /// Voltage × amperage (× 3 for three phases).
    VoltageTimesAmperage,
    /// The value read as kW (a feed writing kW where OCPI says W).
    ReadAsKilowatts,
    /// Nothing plausible: unknown.
    Unknown,
}

impl OcpiWarningKind {
    /// A short stable name of the kind, for summaries (`"duplicate-evse-id"`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::LocationSkipped { .. } => "location-skipped",
            Self::TariffSkipped { .. } => "tariff-skipped",
            Self::Unpublished => "unpublished",
            Self::CamelCaseKeys => "camel-case-keys",
            Self::DuplicateEvseId { .. } => "duplicate-evse-id",
            Self::DuplicateLocationId { .. } => "duplicate-location-id",
            Self::EvseIdFromUid { .. } => "evse-id-from-uid",
            Self::EvseIdFromPosition { .. } => "evse-id-from-position",
            Self::LastUpdatedDefaulted { .. } => "last-updated-defaulted",
            Self::MissingValue { .. } => "missing-value",
            Self::UnknownValue { .. } => "unknown-value",
            Self::ValueMapped { .. } => "value-mapped",
            Self::ValueDropped { .. } => "value-dropped",
            Self::ImplausiblePower { .. } => "implausible-power",
            Self::CountryFromCode { .. } => "country-from-code",
            Self::UnknownCountry { .. } => "unknown-country",
            Self::ZoneFallback { .. } => "zone-fallback",
            Self::ExceptionalHoursDropped => "exceptional-hours-dropped",
            Self::MissingOperator => "missing-operator",
            Self::TariffNotFound { .. } => "tariff-not-found",
            Self::TariffApproximated { .. } => "tariff-approximated",
        }
    }
}

impl fmt::Display for OcpiWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        fmt::Display::fmt(&self.kind, f)
    }
}

impl fmt::Display for OcpiWarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LocationSkipped { error } => write!(f, "location skipped: {error}"),
            Self::TariffSkipped { error } => write!(f, "tariff skipped: {error}"),
            Self::Unpublished => f.write_str("publish is false: not served"),
            Self::CamelCaseKeys => f.write_str("camelCase keys read as snake_case"),
            Self::DuplicateEvseId {
                evse_id,
                renamed_to,
            } => write!(
                f,
                "EVSE id {evse_id:?} already taken; kept as {renamed_to:?}"
            ),
            Self::DuplicateLocationId { id, renamed_to } => write!(
                f,
                "location id {id:?} already taken; kept as {renamed_to:?}"
            ),
            Self::EvseIdFromUid { uid } => write!(f, "no evse_id; the uid {uid:?} is used"),
            Self::EvseIdFromPosition { evse_id } => {
                write!(f, "neither evse_id nor uid; kept as {evse_id:?}")
            }
            Self::LastUpdatedDefaulted { used } => write!(
                f,
                "last_updated is missing; {} (the file's time) is used",
                used.to_rfc3339()
            ),
            Self::MissingValue { field } => write!(f, "{field} is missing"),
            Self::UnknownValue { field, value } => {
                write!(f, "unknown {field} {value:?}, kept as is")
            }
            Self::ValueMapped { field, value, to } => {
                write!(
                    f,
                    "{field} {value:?} is not in the API's list; served as {to}"
                )
            }
            Self::ValueDropped { field, value } if value.is_empty() => {
                write!(f, "{field} is missing; dropped")
            }
            Self::ValueDropped { field, value } => {
                write!(f, "{field} {value:?} is not in the API's list; dropped")
            }
            Self::ImplausiblePower {
                given,
                used_kw,
                basis,
            } => {
                write!(f, "max_electric_power {given} W is implausible; ")?;
                match (basis, used_kw) {
                    (PowerBasis::VoltageTimesAmperage, Some(kw)) => {
                        write!(f, "using {kw} kW from voltage × amperage")
                    }
                    (PowerBasis::ReadAsKilowatts, Some(kw)) => {
                        write!(f, "read as {kw} kW")
                    }
                    _ => f.write_str("power unknown"),
                }
            }
            Self::CountryFromCode {
                country,
                country_code,
            } => write!(
                f,
                "country {country:?} is not ISO 3166; country_code {country_code} is used"
            ),
            Self::UnknownCountry { country } => {
                write!(f, "unknown country {country:?}, kept as is")
            }
            Self::ZoneFallback { error, zone, basis } => {
                let from = match basis {
                    ZoneBasis::Country => "the country's zone",
                    ZoneBasis::FeedTimeZone => "the feed's time_zone",
                    ZoneBasis::Utc => "UTC, as nothing else was usable",
                };
                write!(f, "{error}; using {zone} ({from})")
            }
            Self::ExceptionalHoursDropped => {
                f.write_str("exceptional openings and closings are not kept")
            }
            Self::MissingOperator => f.write_str("no operator name"),
            Self::TariffNotFound { tariff_id } => {
                write!(f, "tariff {tariff_id:?} not found; a seeded tariff is used")
            }
            Self::TariffApproximated { what } => write!(f, "tariff approximated: {what}"),
        }
    }
}
