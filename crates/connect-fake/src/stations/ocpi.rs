//! OCPI `locations` as stations: OCPI 2.1.1 and 2.2.x `Location` objects, a list of them,
//! or a response envelope (`{"data": [...], "status_code": 1000, ...}`).
//!
//! [`load`] reads everything a feed gives that a [`Station`] can hold and reports what it
//! had to interpret as [`OcpiWarning`]s; only input that cannot be read at all (not JSON, a
//! location without `id` or readable `coordinates`, a number that is not one, a timestamp
//! that is not one) is an [`OcpiError`] naming the JSON path.
//!
//! # Mapping
//!
//! | OCPI | Station |
//! |---|---|
//! | `id` | `id` (a repeated id gets `-2`, `-3`, … and a warning) |
//! | `name` (or, if absent, `address`) | `name` |
//! | `address`, `postal_code`, `city` | `address`: `"<address>, <postal_code> <city>"` |
//! | `country` (alpha-3; else `country_code`) | `country`, alpha-2 (an unknown code is kept, with a warning) |
//! | `coordinates` (strings or numbers) | `coordinates` |
//! | `operator.name` (else `party_id`) , `operator.logo.url` | `operator.name`, `logo_url` |
//! | `evses[].evse_id` (else `uid`, with a warning) | `evses[].evse_id` |
//! | `evses[].status` | `status`, ignoring case and spaces (`"CHARGING "`) |
//! | `connectors[].standard`, `format`, `power_type` | `standard` etc., ignoring case (`null` standard: `Unknown("")`, other values: `Unknown(value)`, each with a warning) |
//! | `max_electric_power` (W), else `max_voltage` × `max_amperage` (2.2) or `voltage` × `amperage` (2.1.1), × 3 for `AC_3_PHASE` | `power_kw` |
//! | `opening_times` (absent: around the clock) | `opening_times`; weekday 1–7 → `MONDAY`…`SUNDAY` (exceptional openings and closings have no place: dropped with a warning) |
//! | `facilities` | `amenities` (values outside OCPI 2.1.1's sixteen kept as `Unknown`, with a warning) |
//! | `last_updated` (with or without offset; without, UTC as OCPI 2.2 prescribes) | `last_updated` |
//!
//! EVSE ids must be unique to start a session on one, so a repeated EVSE id (across the
//! whole input) is kept, renamed `<id>-2` (`-3`, …, the first not taken) with a warning.
//! OCPI tariffs are not read: the stations have no price groups.
//!
//! # Time zones
//!
//! The zone comes from the country and coordinates ([`zone_for_country`]), as for every
//! station. When that fails (a test location in the Pacific labelled `NLD`, an unknown
//! country), the loader never panics and never falls back silently: it takes, in order, the
//! zone of the country alone (when the country has one), the feed's own `time_zone` (when it
//! is an IANA name), or else UTC, and reports which with an
//! [`OcpiWarningKind::ZoneFallback`] carrying the original [`ZoneError`]. The country comes
//! first because a station's tariffs follow its country's civil time, and coordinates are
//! the likelier typo.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use connect_domain::json_path::{join, json_type};
use connect_domain::station::{
    Amenity, Connector, ConnectorFormat, ConnectorStandard, Evse, EvseId, EvseStatus, OpeningDay,
    OpeningTimes, Operator, PowerType, RegularHours, Station, StationId, country_alpha2,
};
use connect_domain::zone::{Coordinates, Tz, ZoneError, parse_zone, zone_for_country};
use serde_json::{Map, Value};

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
    /// The document is neither a location, a list of them, nor an envelope with `data`.
    #[error("expected a location, a list of locations, or a response with `data`")]
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
    /// A value is `null` or absent: kept as the documented default (`Unknown("")` for a
    /// connector standard, `UNKNOWN` for a status, an empty text).
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

impl fmt::Display for OcpiWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        match &self.kind {
            OcpiWarningKind::DuplicateEvseId {
                evse_id,
                renamed_to,
            } => write!(
                f,
                "EVSE id {evse_id:?} already taken; kept as {renamed_to:?}"
            ),
            OcpiWarningKind::DuplicateLocationId { id, renamed_to } => {
                write!(
                    f,
                    "location id {id:?} already taken; kept as {renamed_to:?}"
                )
            }
            OcpiWarningKind::EvseIdFromUid { uid } => {
                write!(f, "no evse_id; the uid {uid:?} is used")
            }
            OcpiWarningKind::MissingValue { field } => write!(f, "{field} is missing"),
            OcpiWarningKind::UnknownValue { field, value } => {
                write!(f, "unknown {field} {value:?}, kept as is")
            }
            OcpiWarningKind::UnknownCountry { country } => {
                write!(f, "unknown country {country:?}, kept as is")
            }
            OcpiWarningKind::ZoneFallback { error, zone, basis } => {
                let from = match basis {
                    ZoneBasis::Country => "the country's zone",
                    ZoneBasis::FeedTimeZone => "the feed's time_zone",
                    ZoneBasis::Utc => "UTC, as nothing else was usable",
                };
                write!(f, "{error}; using {zone} ({from})")
            }
            OcpiWarningKind::ExceptionalHoursDropped => {
                f.write_str("exceptional openings and closings are not kept")
            }
            OcpiWarningKind::MissingOperator => f.write_str("no operator name"),
        }
    }
}

/// Reads OCPI locations from JSON text.
///
/// # Errors
/// [`OcpiError`] naming the JSON path of the first value that cannot be read.
///
/// # Examples
/// ```
/// use connect_fake::stations::ocpi;
/// let json = r#"{"data": [{"id": "1", "address": "Noordwal 6", "city": "Den Bosch",
///   "country": "NLD", "coordinates": {"latitude": "51.692144", "longitude": "5.309348"},
///   "operator": {"name": "Test Supplier"},
///   "evses": [{"uid": "a", "evse_id": "NL*NUO*E1*1", "status": "CHARGING ",
///     "connectors": [{"id": "1", "standard": null, "power_type": "AC_3_PHASE",
///                     "voltage": 230, "amperage": 16}]}],
///   "last_updated": "2021-06-23T21:39:52Z"}]}"#;
/// let (stations, warnings) = ocpi::load(json)?;
/// assert_eq!(stations[0].country, "NL");
/// assert_eq!(stations[0].zone, chrono_tz::Europe::Amsterdam);
/// assert_eq!(stations[0].evses[0].status.as_str(), "CHARGING");
/// assert_eq!(stations[0].evses[0].connectors[0].power_kw, Some(11.04));
/// assert_eq!(warnings.len(), 1); // the null standard
/// assert_eq!(warnings[0].to_string(), "data[0].evses[0].connectors[0].standard: standard is missing");
/// # Ok::<(), connect_fake::stations::ocpi::OcpiError>(())
/// ```
pub fn load(json: &str) -> Result<(Vec<Station>, Vec<OcpiWarning>), OcpiError> {
    let value: Value = serde_json::from_str(json).map_err(|error| OcpiError {
        path: String::new(),
        kind: OcpiErrorKind::NotJson {
            message: error.to_string(),
        },
    })?;
    from_value(&value)
}

/// Reads OCPI locations from a JSON value (see [`load`]).
///
/// # Errors
/// As [`load`].
pub fn from_value(value: &Value) -> Result<(Vec<Station>, Vec<OcpiWarning>), OcpiError> {
    let (locations, prefix): (Vec<&Value>, &str) = match value {
        Value::Array(list) => (list.iter().collect(), ""),
        Value::Object(map) => match map.get("data") {
            Some(Value::Array(list)) => (list.iter().collect(), "data"),
            Some(data @ Value::Object(_)) => (vec![data], "data"),
            Some(other) => {
                return Err(wrong("data", "an array of locations", other));
            }
            None if map.contains_key("coordinates") || map.contains_key("evses") => {
                (vec![value], "")
            }
            None => {
                return Err(OcpiError {
                    path: String::new(),
                    kind: OcpiErrorKind::NotLocations,
                });
            }
        },
        _ => {
            return Err(OcpiError {
                path: String::new(),
                kind: OcpiErrorKind::NotLocations,
            });
        }
    };
    let single = matches!(value, Value::Object(map) if !map.contains_key("data"))
        || matches!(value.get("data"), Some(Value::Object(_)));
    let mut loader = Loader::default();
    let mut stations = Vec::with_capacity(locations.len());
    for (i, location) in locations.into_iter().enumerate() {
        let path = if single {
            prefix.to_owned()
        } else {
            format!("{prefix}[{i}]")
        };
        stations.push(loader.location(&path, location)?);
    }
    Ok((stations, loader.warnings))
}

#[derive(Default)]
struct Loader {
    warnings: Vec<OcpiWarning>,
    location_ids: HashSet<String>,
    evse_ids: HashSet<String>,
}

impl Loader {
    fn warn(&mut self, path: &str, kind: OcpiWarningKind) {
        self.warnings.push(OcpiWarning {
            path: path.to_owned(),
            kind,
        });
    }

    fn location(&mut self, path: &str, value: &Value) -> Result<Station, OcpiError> {
        let map = object(path, value)?;
        let id = required_text(path, map, "id")?;
        let id = match unique(&self.location_ids, &id) {
            None => id,
            Some(renamed_to) => {
                self.warn(
                    &join(path, "id"),
                    OcpiWarningKind::DuplicateLocationId {
                        id,
                        renamed_to: renamed_to.clone(),
                    },
                );
                renamed_to
            }
        };
        self.location_ids.insert(id.clone());
        let address = optional_text(path, map, "address")?.unwrap_or_else(|| {
            self.warn(
                &join(path, "address"),
                OcpiWarningKind::MissingValue { field: "address" },
            );
            String::new()
        });
        let postal_code = optional_text(path, map, "postal_code")?;
        let city = optional_text(path, map, "city")?;
        let place = [postal_code.as_deref(), city.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let full_address = [address.as_str(), place.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let name = optional_text(path, map, "name")?.unwrap_or_else(|| address.clone());
        let coordinates = coordinates(&join(path, "coordinates"), map.get("coordinates"))?;
        let country = self.country(path, map)?;
        let zone = self.zone(path, map, &country, coordinates)?;
        let operator = self.operator(path, map)?;
        let logo_url = map
            .get("operator")
            .and_then(|o| o.get("logo"))
            .and_then(|l| l.get("url"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let evses = match map.get("evses") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => {
                let mut evses = Vec::with_capacity(list.len());
                for (i, evse) in list.iter().enumerate() {
                    evses.push(self.evse(&format!("{}[{i}]", join(path, "evses")), evse)?);
                }
                evses
            }
            Some(other) => return Err(wrong(&join(path, "evses"), "an array", other)),
        };
        let opening_times =
            self.opening_times(&join(path, "opening_times"), map.get("opening_times"))?;
        let amenities = self.amenities(&join(path, "facilities"), map.get("facilities"))?;
        let last_updated = timestamp(&join(path, "last_updated"), map.get("last_updated"))?;
        Ok({
            let mut station =
                Station::new(StationId::new(id), name, coordinates, zone, last_updated);
            station.address = full_address;
            station.country = country;
            station.operator = operator;
            station.evses = evses;
            station.opening_times = opening_times;
            station.amenities = amenities;
            station.logo_url = logo_url;
            station
        })
    }

    fn country(&mut self, path: &str, map: &Map<String, Value>) -> Result<String, OcpiError> {
        let given = match optional_text(path, map, "country")? {
            Some(country) => Some(country),
            None => optional_text(path, map, "country_code")?,
        };
        let Some(given) = given else {
            self.warn(
                &join(path, "country"),
                OcpiWarningKind::MissingValue { field: "country" },
            );
            return Ok(String::new());
        };
        if let Some(alpha2) = country_alpha2(&given) {
            return Ok(alpha2.to_owned());
        }
        self.warn(
            &join(path, "country"),
            OcpiWarningKind::UnknownCountry {
                country: given.clone(),
            },
        );
        Ok(given.trim().to_uppercase())
    }

    fn zone(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        country: &str,
        coordinates: Coordinates,
    ) -> Result<Tz, OcpiError> {
        let error = match zone_for_country(country, Some(coordinates)) {
            Ok(zone) => return Ok(zone),
            Err(error) => error,
        };
        let feed = optional_text(path, map, "time_zone")?;
        let (zone, basis) = if let Ok(zone) = zone_for_country(country, None) {
            (zone, ZoneBasis::Country)
        } else if let Some(zone) = feed.as_deref().and_then(|name| parse_zone(name).ok()) {
            (zone, ZoneBasis::FeedTimeZone)
        } else {
            (Tz::UTC, ZoneBasis::Utc)
        };
        self.warn(
            &join(path, "coordinates"),
            OcpiWarningKind::ZoneFallback { error, zone, basis },
        );
        Ok(zone)
    }

    fn operator(&mut self, path: &str, map: &Map<String, Value>) -> Result<Operator, OcpiError> {
        let from_operator = match map.get("operator") {
            None | Some(Value::Null) => None,
            Some(Value::Object(operator)) => {
                optional_text(&join(path, "operator"), operator, "name")?
            }
            Some(other) => return Err(wrong(&join(path, "operator"), "an object", other)),
        };
        let name = match from_operator {
            Some(name) => name,
            None => {
                if let Some(party) = optional_text(path, map, "party_id")? {
                    party
                } else {
                    self.warn(&join(path, "operator"), OcpiWarningKind::MissingOperator);
                    String::new()
                }
            }
        };
        Ok(Operator::new(name))
    }

    fn evse(&mut self, path: &str, value: &Value) -> Result<Evse, OcpiError> {
        let map = object(path, value)?;
        let id = if let Some(id) = optional_text(path, map, "evse_id")? {
            id
        } else {
            let uid = required_text(path, map, "uid")?;
            self.warn(
                &join(path, "evse_id"),
                OcpiWarningKind::EvseIdFromUid { uid: uid.clone() },
            );
            uid
        };
        let id = match unique(&self.evse_ids, &id) {
            None => id,
            Some(renamed_to) => {
                self.warn(
                    &join(path, "evse_id"),
                    OcpiWarningKind::DuplicateEvseId {
                        evse_id: id,
                        renamed_to: renamed_to.clone(),
                    },
                );
                renamed_to
            }
        };
        self.evse_ids.insert(id.clone());
        let status = if let Some(text) = optional_text(path, map, "status")? {
            let status = EvseStatus::parse_lenient(&text);
            if !status.is_known() {
                self.warn(
                    &join(path, "status"),
                    OcpiWarningKind::UnknownValue {
                        field: "status",
                        value: text,
                    },
                );
            }
            status
        } else {
            self.warn(
                &join(path, "status"),
                OcpiWarningKind::MissingValue { field: "status" },
            );
            EvseStatus::StatusUnknown
        };
        let connectors = match map.get("connectors") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => {
                let mut connectors = Vec::with_capacity(list.len());
                for (i, connector) in list.iter().enumerate() {
                    connectors.push(
                        self.connector(&format!("{}[{i}]", join(path, "connectors")), connector)?,
                    );
                }
                connectors
            }
            Some(other) => return Err(wrong(&join(path, "connectors"), "an array", other)),
        };
        Ok({
            let mut evse = Evse::new(EvseId::new(id), status);
            evse.connectors = connectors;
            evse
        })
    }

    fn connector(&mut self, path: &str, value: &Value) -> Result<Connector, OcpiError> {
        let map = object(path, value)?;
        let standard = if let Some(text) = optional_text(path, map, "standard")? {
            let standard = ConnectorStandard::parse_lenient(&text);
            if !standard.is_known() {
                self.warn(
                    &join(path, "standard"),
                    OcpiWarningKind::UnknownValue {
                        field: "standard",
                        value: text,
                    },
                );
            }
            standard
        } else {
            self.warn(
                &join(path, "standard"),
                OcpiWarningKind::MissingValue { field: "standard" },
            );
            ConnectorStandard::Unknown(String::new())
        };
        let format = self.optional_enum(path, map, "format", ConnectorFormat::parse_lenient)?;
        let power_type = self.optional_enum(path, map, "power_type", PowerType::parse_lenient)?;
        let watts = number(path, map, "max_electric_power")?;
        let voltage = match number(path, map, "max_voltage")? {
            Some(volts) => Some(volts),
            None => number(path, map, "voltage")?,
        };
        let amperage = match number(path, map, "max_amperage")? {
            Some(amps) => Some(amps),
            None => number(path, map, "amperage")?,
        };
        let phases = if power_type == Some(PowerType::Ac3Phase) {
            3.0
        } else {
            1.0
        };
        let power_kw = match (watts, voltage, amperage) {
            (Some(watts), _, _) => Some(watts / 1000.0),
            (None, Some(volts), Some(amps)) => Some((volts * amps * phases).round() / 1000.0),
            _ => None,
        };
        Ok({
            let mut connector = Connector::new(standard);
            connector.format = format;
            connector.power_type = power_type;
            connector.power_kw = power_kw;
            connector
        })
    }

    /// An optional enum field: absent or `null` is `None`; an unknown value is kept, with a
    /// warning.
    fn optional_enum<T>(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        field: &'static str,
        parse: fn(&str) -> T,
    ) -> Result<Option<T>, OcpiError>
    where
        T: KnownValue,
    {
        let Some(text) = optional_text(path, map, field)? else {
            return Ok(None);
        };
        let value = parse(&text);
        if !value.known() {
            self.warn(
                &join(path, field),
                OcpiWarningKind::UnknownValue { field, value: text },
            );
        }
        Ok(Some(value))
    }

    fn opening_times(
        &mut self,
        path: &str,
        value: Option<&Value>,
    ) -> Result<OpeningTimes, OcpiError> {
        let map = match value {
            None | Some(Value::Null) => return Ok(OpeningTimes::always()),
            Some(value) => object(path, value)?,
        };
        let twentyfourseven = match map.get("twentyfourseven") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => return Err(wrong(&join(path, "twentyfourseven"), "a boolean", other)),
        };
        let mut regular_hours = Vec::new();
        match map.get("regular_hours") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) => {
                for (i, hours) in list.iter().enumerate() {
                    let hours_path = format!("{}[{i}]", join(path, "regular_hours"));
                    regular_hours.push(self.regular_hours(&hours_path, hours)?);
                }
            }
            Some(other) => return Err(wrong(&join(path, "regular_hours"), "an array", other)),
        }
        let exceptional = ["exceptional_openings", "exceptional_closings"]
            .iter()
            .any(|field| {
                map.get(*field)
                    .and_then(Value::as_array)
                    .is_some_and(|l| !l.is_empty())
            });
        if exceptional {
            self.warn(path, OcpiWarningKind::ExceptionalHoursDropped);
        }
        Ok(OpeningTimes::new(twentyfourseven, regular_hours))
    }

    fn regular_hours(&mut self, path: &str, value: &Value) -> Result<RegularHours, OcpiError> {
        let map = object(path, value)?;
        let weekday = match map.get("weekday") {
            None | Some(Value::Null) => None,
            Some(Value::Number(number)) => {
                let day = number.as_i64().and_then(OpeningDay::from_ocpi_number);
                if day.is_none() {
                    self.warn(
                        &join(path, "weekday"),
                        OcpiWarningKind::UnknownValue {
                            field: "weekday",
                            value: number.to_string(),
                        },
                    );
                }
                day.or_else(|| Some(OpeningDay::Unknown(number.to_string())))
            }
            Some(Value::String(text)) => {
                let day = OpeningDay::parse_lenient(text);
                if !day.is_known() {
                    self.warn(
                        &join(path, "weekday"),
                        OcpiWarningKind::UnknownValue {
                            field: "weekday",
                            value: text.clone(),
                        },
                    );
                }
                Some(day)
            }
            Some(other) => {
                return Err(wrong(&join(path, "weekday"), "a number from 1 to 7", other));
            }
        };
        Ok({
            let mut hours = RegularHours::default();
            hours.weekday = weekday;
            hours.period_begin = optional_text(path, map, "period_begin")?;
            hours.period_end = optional_text(path, map, "period_end")?;
            hours
        })
    }

    fn amenities(&mut self, path: &str, value: Option<&Value>) -> Result<Vec<Amenity>, OcpiError> {
        let list = match value {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(list)) => list,
            Some(other) => return Err(wrong(path, "an array", other)),
        };
        let mut amenities = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let text = item
                .as_str()
                .ok_or_else(|| wrong(&item_path, "a string", item))?;
            let amenity = Amenity::parse_lenient(text);
            if !amenity.is_known() {
                self.warn(
                    &item_path,
                    OcpiWarningKind::UnknownValue {
                        field: "facility",
                        value: text.to_owned(),
                    },
                );
            }
            amenities.push(amenity);
        }
        Ok(amenities)
    }
}

/// Enums whose values may be unknown.
trait KnownValue {
    fn known(&self) -> bool;
}

impl KnownValue for ConnectorFormat {
    fn known(&self) -> bool {
        self.is_known()
    }
}

impl KnownValue for PowerType {
    fn known(&self) -> bool {
        self.is_known()
    }
}

/// `None` if `id` is free, else the first of `id-2`, `id-3`, … that is (one of the first
/// `taken.len() + 1` is).
fn unique(taken: &HashSet<String>, id: &str) -> Option<String> {
    if !taken.contains(id) {
        return None;
    }
    (2..=taken.len() + 2)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken.contains(candidate))
}

fn wrong(path: &str, expected: &'static str, found: &Value) -> OcpiError {
    OcpiError {
        path: path.to_owned(),
        kind: OcpiErrorKind::WrongType {
            expected,
            found: json_type(found),
        },
    }
}

fn object<'a>(path: &str, value: &'a Value) -> Result<&'a Map<String, Value>, OcpiError> {
    value
        .as_object()
        .ok_or_else(|| wrong(path, "an object", value))
}

/// A text field, `None` if absent or `null`; numbers are taken as their text (ids).
fn optional_text(
    path: &str,
    map: &Map<String, Value>,
    field: &str,
) -> Result<Option<String>, OcpiError> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Number(number)) => Ok(Some(number.to_string())),
        Some(other) => Err(wrong(&join(path, field), "a string", other)),
    }
}

fn required_text(path: &str, map: &Map<String, Value>, field: &str) -> Result<String, OcpiError> {
    optional_text(path, map, field)?.ok_or_else(|| OcpiError {
        path: join(path, field),
        kind: OcpiErrorKind::Missing,
    })
}

/// A number given as a number or as text (`"230"`), `None` if absent or `null`.
fn number(path: &str, map: &Map<String, Value>, field: &str) -> Result<Option<f64>, OcpiError> {
    let field_path = || join(path, field);
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(number)) => Ok(number.as_f64()),
        Some(Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|value| value.is_finite())
            .map(Some)
            .ok_or_else(|| OcpiError {
                path: field_path(),
                kind: OcpiErrorKind::NotANumber { text: text.clone() },
            }),
        Some(other) => Err(wrong(&field_path(), "a number", other)),
    }
}

fn coordinates(path: &str, value: Option<&Value>) -> Result<Coordinates, OcpiError> {
    let map = match value {
        None | Some(Value::Null) => {
            return Err(OcpiError {
                path: path.to_owned(),
                kind: OcpiErrorKind::Missing,
            });
        }
        Some(value) => object(path, value)?,
    };
    let read = |field: &str, limit: f64| -> Result<f64, OcpiError> {
        let value = number(path, map, field)?.ok_or_else(|| OcpiError {
            path: join(path, field),
            kind: OcpiErrorKind::Missing,
        })?;
        if value.abs() > limit {
            return Err(OcpiError {
                path: join(path, field),
                kind: OcpiErrorKind::OutOfRange { value },
            });
        }
        Ok(value)
    };
    Ok(Coordinates {
        latitude: read("latitude", 90.0)?,
        longitude: read("longitude", 180.0)?,
    })
}

/// An RFC 3339 timestamp, or one without offset (UTC, as OCPI 2.2 prescribes).
fn timestamp(path: &str, value: Option<&Value>) -> Result<DateTime<Utc>, OcpiError> {
    let text = match value {
        None | Some(Value::Null) => {
            return Err(OcpiError {
                path: path.to_owned(),
                kind: OcpiErrorKind::Missing,
            });
        }
        Some(Value::String(text)) => text,
        Some(other) => return Err(wrong(path, "a timestamp", other)),
    };
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .or_else(|_| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").map(|naive| naive.and_utc())
        })
        .map_err(|_| OcpiError {
            path: path.to_owned(),
            kind: OcpiErrorKind::NotATimestamp { text: text.clone() },
        })
}
