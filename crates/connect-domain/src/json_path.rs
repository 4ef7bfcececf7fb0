//! Helpers for readers that walk a `serde_json::Value` by hand and name the field path of
//! every problem (the price-group reader here, the OCPI loader of the sandbox).

use serde_json::Value;

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
