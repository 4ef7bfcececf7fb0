//! The estimate request: one JSON object, read into what the pricing engine needs, with every
//! problem reported as a [`RequestError`] naming the field.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use connect_domain::charging::{ChargingError, ChargingPlan, MeterReading};
use connect_domain::pricing::{BandPolicy, BlockingBasis, PricingError, PricingOptions};
use connect_domain::tariff::TariffError;
use connect_domain::zone;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// One estimate request, as `connect estimate` reads it (one per line with `--batch`).
///
/// ```json
/// {"price_group": {"currency": "eur", "pre_authorization_amount": "50.00", "prices": {…}},
///  "time_zone": "Europe/Berlin",
///  "start": "2026-04-02T13:51:18Z",
///  "energy_kwh": "10", "power_kw": "22",
///  "plug_out": "2026-04-02T18:00:00Z",
///  "is_partner": false, "policy": "frozen_at_start", "blocking_basis": "session_start"}
/// ```
///
/// - `price_group` (required): one entry of a station's `price_groups[]`, exactly as the API
///   publishes it; read by `PriceGroup::from_value`, so its errors and warnings name paths
///   such as `price_group.prices.kwh_price.ALL[0].time_from`.
/// - `time_zone`: the station's IANA zone (`Europe/Berlin`); bands are local to it. Instead
///   of it, `country` (ISO 3166 alpha-2 or alpha-3) with `latitude` and `longitude` where the
///   country has several zones; a country is never silently taken as UTC.
/// - `start` (required): plug-in, RFC 3339 with an offset.
/// - the charging plan, exactly one of two forms:
///   - `energy_kwh` and `power_kw`: constant power until the energy is delivered;
///   - `meter`: `[{"at": "…", "energy_kwh": "…"}, …]`, cumulative readings since plug-in.
/// - `plug_out` (optional): when the car leaves; by default when charging ends (the last
///   meter reading).
/// - `is_partner` (optional, default `false`): partner stations carry no starting fee.
/// - `policy` (optional): `frozen_at_start` (default) or `per_moment`.
/// - `blocking_basis` (optional): `session_start` (default) or `charging_complete`.
///
/// Decimals (`energy_kwh`, `power_kw`, meter energies) are strings or JSON numbers. A field
/// not listed here is an error naming it, so a typo such as `energy_kw` is never ignored.
/// Optional fields may be `null`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Request<'a> {
    /// The price group, kept as text so that a batch can reuse the parsed group when the
    /// next line carries the same bytes.
    #[serde(borrow)]
    pub(crate) price_group: &'a RawValue,
    /// The station's IANA time zone.
    #[serde(default, borrow)]
    time_zone: Option<Cow<'a, str>>,
    /// The station's country, when the zone is not given.
    #[serde(default, borrow)]
    country: Option<Cow<'a, str>>,
    /// The station's latitude, to pick a zone in a country that has several.
    #[serde(default)]
    latitude: Option<f64>,
    /// The station's longitude.
    #[serde(default)]
    longitude: Option<f64>,
    /// Plug-in.
    #[serde(deserialize_with = "instant")]
    start: DateTime<Utc>,
    /// Energy wanted, kWh (constant-power form).
    #[serde(default, deserialize_with = "optional_decimal")]
    energy_kwh: Option<Decimal>,
    /// Charging power, kW (constant-power form).
    #[serde(default, deserialize_with = "optional_decimal")]
    power_kw: Option<Decimal>,
    /// Meter readings (meter form).
    #[serde(default)]
    meter: Option<Vec<Object<Reading>>>,
    /// Plug-out.
    #[serde(default, deserialize_with = "optional_instant")]
    plug_out: Option<DateTime<Utc>>,
    /// Whether the station is a Cariqa partner.
    #[serde(default, deserialize_with = "null_is_default")]
    is_partner: bool,
    /// Which band prices a moment.
    #[serde(default, deserialize_with = "null_is_default")]
    policy: BandPolicy,
    /// From when the blocking grace period counts.
    #[serde(default, deserialize_with = "null_is_default")]
    blocking_basis: BlockingBasis,
}

/// One meter reading of a request: cumulative kWh since plug-in at an instant.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reading {
    #[serde(deserialize_with = "instant")]
    at: DateTime<Utc>,
    #[serde(deserialize_with = "decimal")]
    energy_kwh: Decimal,
}

/// Everything the engine needs besides the price group.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Job {
    pub(crate) zone: Tz,
    pub(crate) start: DateTime<Utc>,
    pub(crate) plan: ChargingPlan,
    pub(crate) options: PricingOptions,
}

/// A request that cannot be priced: the field at fault (a path into the request, empty for
/// the request as a whole) and what is wrong with it; for JSON that does not parse, also
/// where in the text (`line`, `column`, 1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct RequestError {
    pub(crate) field: String,
    pub(crate) message: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub(crate) position: Option<Position>,
    /// The parser's words without the position, to say it again at another line.
    #[serde(skip)]
    syntax: Option<String>,
}

/// Where a JSON syntax error is: 1-based line and column (in bytes) of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Position {
    pub(crate) line: u64,
    pub(crate) column: u64,
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for RequestError {}

impl RequestError {
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            position: None,
            syntax: None,
        }
    }

    /// JSON that does not parse, at a line and column of the text, inside `field` as far
    /// as the parser got (empty when not even the field's name was read).
    pub(crate) fn syntax(field: &str, position: Position, detail: &str) -> Self {
        Self {
            field: field.to_owned(),
            message: syntax_message(position, detail),
            position: Some(position),
            syntax: Some(detail.to_owned()),
        }
    }

    /// The same error for a text that is line `line` of a larger input (a batch): a syntax
    /// error's position is then that line.
    #[must_use]
    pub(crate) fn on_line(mut self, line: u64) -> Self {
        if let (Some(position), Some(detail)) = (&mut self.position, &self.syntax) {
            position.line = line + position.line - 1;
            self.message = syntax_message(*position, detail);
        }
        self
    }

    /// A price group error, its path placed under `price_group`.
    pub(crate) fn price_group(error: &TariffError) -> Self {
        Self::new(join("price_group", &error.path), error.kind.to_string())
    }

    /// A plan the engine refused.
    pub(crate) fn pricing(error: PricingError) -> Self {
        match error {
            PricingError::Charging(ChargingError { field, problem }) => Self::new(field, problem),
            other => Self::new("", other.to_string()),
        }
    }
}

fn syntax_message(position: Position, detail: &str) -> String {
    format!(
        "not valid JSON at line {} column {}: {detail}",
        position.line, position.column
    )
}

/// `parent.child`, or `child` alone at the top.
pub(crate) fn join(parent: &str, child: &str) -> String {
    match (parent.is_empty(), child.is_empty()) {
        (true, _) => child.to_owned(),
        (_, true) => parent.to_owned(),
        _ => format!("{parent}.{child}"),
    }
}

/// Reads a request from its JSON text.
///
/// The text is parsed once, without tracking paths; only a request that fails is parsed a
/// second time with `serde_path_to_error` to name the field (errors are the rare case, and
/// tracking every key costs time in a batch).
///
/// # Errors
/// A [`RequestError`] naming the field when the text is not JSON, a field has the wrong
/// type or an unknown name, or a required field is missing.
pub(crate) fn parse(text: &str) -> Result<Request<'_>, RequestError> {
    // A byte-order mark is how some editors on Windows start a UTF-8 file: not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Object<Request<'_>>>(text)
        .map(|Object(request)| request)
        .map_err(|error| locate(text, &error))
}

/// A struct read only from a JSON object. serde's derived structs also accept an array of
/// their fields in order, which nobody writing a request means: `[{…}, "Europe/Berlin", …]`
/// must be refused, not priced.
#[derive(Debug)]
pub(crate) struct Object<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(Object)
    }
}

/// Re-parses a request that failed, to find the path of the failure.
fn locate(text: &str, fallback: &serde_json::Error) -> RequestError {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let located: Result<Object<Request<'_>>, _> =
        serde_path_to_error::deserialize(&mut deserializer);
    match located {
        Err(error) => {
            let path = error.path().to_string();
            let path = if path == "." { "" } else { path.as_str() };
            serde_error(path, error.inner())
        }
        // The request parsed this time, so the failure came after it: trailing characters.
        Ok(_) => serde_error("", fallback),
    }
}

/// Words for a serde error at a path, naming the field of an unknown, missing or duplicate
/// field (serde names those in the message; a missing field's path is the enclosing
/// object's).
fn serde_error(path: &str, error: &serde_json::Error) -> RequestError {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&position).unwrap_or(&text);
    if matches!(
        error.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    ) {
        // The path ends in `?` where the parser had not yet read a key's name.
        let field = path.split_once('?').map_or(path, |(known, _)| known);
        let field = field.trim_end_matches('.');
        let at = Position {
            line: error.line() as u64,
            column: error.column() as u64,
        };
        return RequestError::syntax(field, at, message);
    }
    for (prefix, problem) in [
        ("unknown field `", "unknown field"),
        ("missing field `", "required field is missing"),
        ("duplicate field `", "duplicate field"),
    ] {
        if let Some((name, rest)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once('`'))
        {
            let rest = rest.trim_start_matches(',').trim();
            let message = if rest.is_empty() {
                problem.to_owned()
            } else {
                format!("{problem}; {rest}")
            };
            // An unknown or duplicate key is already on the path; a missing one is not.
            let field = if path == name || path.ends_with(&format!(".{name}")) {
                path.to_owned()
            } else {
                join(path, name)
            };
            return RequestError::new(field, message);
        }
    }
    RequestError::new(path, message)
}

/// Parses an IANA time zone name (`Europe/Berlin`).
///
/// # Errors
/// A [`RequestError`] on `time_zone` when the name is not an IANA zone.
pub(crate) fn parse_time_zone(name: &str) -> Result<Tz, RequestError> {
    zone::parse_zone(name).map_err(|error| RequestError::new("time_zone", error.to_string()))
}

/// The station's zone: named, or derived from its country and coordinates.
fn station_zone(
    time_zone: Option<&str>,
    country: Option<&str>,
    latitude: Option<f64>,
    longitude: Option<f64>,
) -> Result<Tz, RequestError> {
    if let Some(name) = time_zone {
        return parse_time_zone(name);
    }
    let Some(country) = country else {
        return Err(RequestError::new(
            "time_zone",
            "required (or give country, with latitude and longitude where it has several zones)",
        ));
    };
    let coordinates = match (latitude, longitude) {
        (Some(latitude), Some(longitude)) => Some(zone::Coordinates {
            latitude,
            longitude,
        }),
        (None, None) => None,
        (Some(_), None) => return Err(RequestError::new("longitude", "give it with latitude")),
        (None, Some(_)) => return Err(RequestError::new("latitude", "give it with longitude")),
    };
    zone::zone_for_country(country, coordinates).map_err(|error| {
        let field = match &error {
            zone::ZoneError::InvalidCoordinates { field, .. } => field,
            _ => "country",
        };
        RequestError::new(field, error.to_string())
    })
}

impl Request<'_> {
    /// Checks the zone and the charging plan, and gathers the pricing options.
    ///
    /// # Errors
    /// A [`RequestError`] naming the field when the zone is unknown, or the plan is given in
    /// both forms, in neither, or half of the constant-power form.
    pub(crate) fn job(&self) -> Result<Job, RequestError> {
        let zone = station_zone(
            self.time_zone.as_deref(),
            self.country.as_deref(),
            self.latitude,
            self.longitude,
        )?;
        let plan = match (&self.meter, self.energy_kwh, self.power_kw) {
            (Some(readings), None, None) => ChargingPlan::Meter {
                readings: readings
                    .iter()
                    .map(|Object(reading)| MeterReading {
                        at: reading.at,
                        energy_kwh: reading.energy_kwh,
                    })
                    .collect(),
                plug_out: self.plug_out,
            },
            (Some(_), _, _) => {
                return Err(RequestError::new(
                    "meter",
                    "give either meter or energy_kwh and power_kw, not both",
                ));
            }
            (None, Some(energy_kwh), Some(power_kw)) => ChargingPlan::ConstantPower {
                energy_kwh,
                power_kw,
                plug_out: self.plug_out,
            },
            (None, Some(_), None) => {
                return Err(RequestError::new(
                    "power_kw",
                    "required field is missing (energy_kwh needs power_kw; or give meter instead)",
                ));
            }
            (None, None, Some(_)) => {
                return Err(RequestError::new(
                    "energy_kwh",
                    "required field is missing (power_kw needs energy_kwh; or give meter instead)",
                ));
            }
            (None, None, None) => {
                return Err(RequestError::new(
                    "energy_kwh",
                    "required field is missing: give energy_kwh and power_kw, or meter",
                ));
            }
        };
        Ok(Job {
            zone,
            start: self.start,
            plan,
            options: PricingOptions::new(self.policy, self.blocking_basis, self.is_partner),
        })
    }
}

/// `null` or a value; `null` means the default.
fn null_is_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A decimal from a string (`"0.4529"`) or a JSON number (`0.4529`, read by its shortest
/// decimal spelling, so `0.1` is exactly 0.1).
struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal, as a string or a number")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        let trimmed = text.trim();
        Decimal::from_str_exact(trimmed)
            .or_else(|_| Decimal::from_scientific(trimmed))
            .map_err(|_| E::custom(format!("malformed decimal {text:?}")))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        self.visit_str(&value.to_string())
    }
}

fn decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// A decimal, for `Option<…>` fields.
struct Dec(Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decimal(deserializer).map(Dec)
    }
}

fn optional_decimal<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    Ok(Option::<Dec>::deserialize(deserializer)?.map(|Dec(value)| value))
}

/// An instant in RFC 3339 with an offset (`2026-04-02T13:51:18Z`, `…+02:00`).
struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date-time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        DateTime::parse_from_rfc3339(text)
            .map(|at| at.with_timezone(&Utc))
            .map_err(|_| {
                E::custom(format!(
                    "malformed date-time {text:?} (expected RFC 3339 with an offset, e.g. 2026-04-02T13:51:18Z)"
                ))
            })
    }
}

fn instant<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(InstantVisitor)
}

/// An instant, for `Option<…>` fields.
struct Instant(DateTime<Utc>);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        instant(deserializer).map(Instant)
    }
}

fn optional_instant<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    Ok(Option::<Instant>::deserialize(deserializer)?.map(|Instant(at)| at))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: &str = r#"{"currency":"EUR","pre_authorization_amount":"50","prices":{}}"#;

    fn request(fields: &str) -> String {
        format!(
            r#"{{"price_group":{GROUP},"time_zone":"Europe/Berlin","start":"2026-04-02T13:51:18Z"{fields}}}"#
        )
    }

    fn failure(text: &str) -> RequestError {
        match parse(text).and_then(|request| request.job()) {
            Ok(job) => panic!("expected an error, got {job:?}"),
            Err(error) => error,
        }
    }

    #[test]
    fn decimals_are_strings_or_numbers() {
        let text = request(r#","energy_kwh":10.5,"power_kw":"22""#);
        let job = parse(&text).unwrap().job().unwrap();
        let ChargingPlan::ConstantPower {
            energy_kwh,
            power_kw,
            ..
        } = job.plan
        else {
            panic!("expected constant power, got {:?}", job.plan);
        };
        assert_eq!(energy_kwh.to_string(), "10.5");
        assert_eq!(power_kw.to_string(), "22");
        let text = request(r#","energy_kwh":0.1,"power_kw":22"#);
        let job = parse(&text).unwrap().job().unwrap();
        assert!(
            matches!(job.plan, ChargingPlan::ConstantPower { energy_kwh, .. }
            if energy_kwh == Decimal::new(1, 1))
        );
    }

    #[test]
    fn an_unknown_field_is_named() {
        let error = failure(&request(r#","energy_kw":10,"power_kw":22"#));
        assert_eq!(error.field, "energy_kw");
        assert!(error.message.starts_with("unknown field; expected one of"));
        let error = error_in_meter(r#"{"at":"2026-04-02T14:00:00Z","energy_kwh":1,"kwh":2}"#);
        assert_eq!(error.field, "meter[0].kwh");
    }

    fn error_in_meter(reading: &str) -> RequestError {
        failure(&request(&format!(r#","meter":[{reading}]"#)))
    }

    #[test]
    fn malformed_values_name_their_path() {
        let error = error_in_meter(r#"{"at":"yesterday","energy_kwh":1}"#);
        assert_eq!(error.field, "meter[0].at");
        assert!(error.message.contains("\"yesterday\""), "{error}");
        let error = error_in_meter(r#"{"at":"2026-04-02T14:00:00Z","energy_kwh":"ten"}"#);
        assert_eq!(
            error.to_string(),
            r#"meter[0].energy_kwh: malformed decimal "ten""#
        );
        let error = failure(&request(r#","meter":[],"policy":"sometimes""#));
        assert_eq!(error.field, "policy");
    }

    #[test]
    fn missing_fields_are_named() {
        let error = failure(r#"{"price_group":{},"time_zone":"UTC"}"#);
        assert_eq!(error.to_string(), "start: required field is missing");
        let error = failure(&request(r#","energy_kwh":10"#));
        assert_eq!(error.field, "power_kw");
        let error = failure(&request(""));
        assert_eq!(error.field, "energy_kwh");
        assert!(error.message.contains("meter"), "{error}");
    }

    #[test]
    fn both_plan_forms_are_refused() {
        let error = failure(&request(r#","energy_kwh":10,"power_kw":22,"meter":[]"#));
        assert_eq!(error.field, "meter");
    }

    #[test]
    fn syntax_errors_say_where() {
        let error = failure(r#"{"start": }"#);
        assert_eq!(error.field, "start");
        assert!(error.message.starts_with("not valid JSON"), "{error}");
        let error = failure(&format!("{} x", request(r#","meter":[]"#)));
        assert_eq!(error.field, "");
        assert!(error.message.contains("trailing characters"), "{error}");
    }

    #[test]
    fn nulls_mean_defaults() {
        let text = request(r#","meter":[],"plug_out":null,"is_partner":null,"policy":null"#);
        let job = parse(&text).unwrap().job().unwrap();
        assert_eq!(job.options, PricingOptions::default());
    }

    #[test]
    fn zones_are_iana_names() {
        assert!(parse_time_zone("Europe/Berlin").is_ok());
        assert_eq!(
            parse_time_zone("Mars/Olympus").unwrap_err().to_string(),
            r#"time_zone: unknown IANA time zone "Mars/Olympus""#
        );
    }

    #[test]
    fn a_country_with_coordinates_stands_in_for_the_zone() {
        let lisbon = station_zone(None, Some("PT"), None, None);
        assert_eq!(lisbon.unwrap_err().field, "country"); // PT has the Azores and Madeira
        let azores = station_zone(None, Some("PT"), Some(37.74), Some(-25.67)).unwrap();
        assert_eq!(azores, Tz::Atlantic__Azores);
        assert_eq!(
            station_zone(None, Some("de"), None, None).unwrap(),
            Tz::Europe__Berlin
        );
        let bad = station_zone(None, Some("DE"), Some(f64::NAN), Some(8.0)).unwrap_err();
        assert_eq!(bad.field, "latitude");
        assert_eq!(
            station_zone(None, None, None, None).unwrap_err().field,
            "time_zone"
        );
    }
}
