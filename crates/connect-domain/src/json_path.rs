//! Helpers for readers that walk a `serde_json::Value` by hand and name the field path of
//! every problem (the price-group reader here, the OCPI loader of the sandbox).

use serde_json::{Number, Value};

/// `field` under `path`, dotted (`prices` + `kwh_price` → `prices.kwh_price`).
///
/// # Examples
/// ```
/// use connect_domain::json_path::join;
/// assert_eq!(join("", "prices"), "prices");
/// assert_eq!(join("prices", "kwh_price"), "prices.kwh_price");
/// ```
pub fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// The JSON type of a value, in words for an error message (`"a string"`, `"null"`).
///
/// # Examples
/// ```
/// use connect_domain::json_path::json_type;
/// assert_eq!(json_type(&serde_json::json!([1])), "an array");
/// assert_eq!(json_type(&serde_json::Value::Null), "null");
/// ```
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A quantity as the API writes it in JSON: a whole number as an integer (`22`, not
/// `22.0`), any other finite number as a float; `None` for NaN or an infinity, which JSON
/// cannot hold.
///
/// # Examples
/// ```
/// use connect_domain::json_path::number;
/// assert_eq!(number(22.0).map(|n| n.to_string()).as_deref(), Some("22"));
/// assert_eq!(number(7.4).map(|n| n.to_string()).as_deref(), Some("7.4"));
/// assert_eq!(number(f64::NAN), None);
/// ```
pub fn number(value: f64) -> Option<Number> {
    // Below 2^53 every whole f64 is exactly an i64.
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation)] // whole and within i64's exact range
        Some(Number::from(value as i64))
    } else {
        Number::from_f64(value)
    }
}

/// Serde for an optional quantity written as [`number`] writes it (`22`, not `22.0`).
pub mod optional_number {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `None` (and a value JSON cannot hold) as `null`, a whole number as an integer.
    ///
    /// # Errors
    /// Only the serializer's own.
    #[allow(clippy::ref_option)] // serde's `with` hands the field by reference
    pub fn serialize<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
        match value.and_then(super::number) {
            Some(number) => serializer.serialize_some(&number),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a JSON number or `null`.
    ///
    /// # Errors
    /// Anything else.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<f64>, D::Error> {
        Option::<f64>::deserialize(deserializer)
    }
}
