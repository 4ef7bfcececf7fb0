//! Reading OCPI values by hand, each problem an [`OcpiError`] naming its JSON path.

use chrono::{DateTime, NaiveDateTime, Utc};
use connect_domain::json_path::{join, json_type};
use connect_domain::zone::Coordinates;
use serde_json::{Map, Value};

use super::error::{OcpiError, OcpiErrorKind};

pub(super) fn wrong(path: &str, expected: &'static str, found: &Value) -> OcpiError {
    OcpiError {
        path: path.to_owned(),
        kind: OcpiErrorKind::WrongType {
            expected,
            found: json_type(found),
        },
    }
}

pub(super) fn object<'a>(
    path: &str,
    value: &'a Value,
) -> Result<&'a Map<String, Value>, OcpiError> {
    value
        .as_object()
        .ok_or_else(|| wrong(path, "an object", value))
}

/// A text field, `None` if absent or `null`; numbers are taken as their text (ids).
pub(super) fn optional_text(
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

pub(super) fn required_text(
    path: &str,
    map: &Map<String, Value>,
    field: &str,
) -> Result<String, OcpiError> {
    optional_text(path, map, field)?.ok_or_else(|| OcpiError {
        path: join(path, field),
        kind: OcpiErrorKind::Missing,
    })
}

/// A number given as a number or as text (`"230"`), `None` if absent or `null`.
pub(super) fn number(
    path: &str,
    map: &Map<String, Value>,
    field: &str,
) -> Result<Option<f64>, OcpiError> {
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

pub(super) fn coordinates(path: &str, value: Option<&Value>) -> Result<Coordinates, OcpiError> {
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

/// An RFC 3339 timestamp, or one without offset (UTC, as OCPI 2.2 prescribes); `None` if
/// absent or `null`.
pub(super) fn timestamp(
    path: &str,
    value: Option<&Value>,
) -> Result<Option<DateTime<Utc>>, OcpiError> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) => text,
        Some(other) => return Err(wrong(path, "a timestamp", other)),
    };
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .or_else(|_| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").map(|naive| naive.and_utc())
        })
        .map(Some)
        .map_err(|_| OcpiError {
            path: path.to_owned(),
            kind: OcpiErrorKind::NotATimestamp { text: text.clone() },
        })
}
