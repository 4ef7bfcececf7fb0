//! The shape of an OCPI file, read as a stream: a list of objects, a response envelope
//! (`{"data": [...], "status_code": 1000}`) or a single object. Only one element of the list
//! is held as a JSON value at a time, so memory follows the stations made, not the text.
//! A UTF-8 byte-order mark is skipped; keys in camelCase are read as OCPI's snake_case.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::error::{OcpiError, OcpiErrorKind};

/// One element of the file: where it is (`data[3]`, `[3]`, or `""` for a lone object), and
/// its JSON with snake_case keys (`camel_case` says whether any had to be rewritten).
pub(super) struct Element {
    pub(super) path: String,
    pub(super) value: Value,
    pub(super) camel_case: bool,
}

/// Reads `bytes` and hands each element to `each`, in file order.
///
/// # Errors
/// [`OcpiErrorKind::NotJson`] (with the parser's line and column) or
/// [`OcpiErrorKind::NotLocations`] for the document; the elements already handed over stay
/// with the caller.
pub(super) fn read(bytes: &[u8], each: &mut dyn FnMut(Element)) -> Result<(), OcpiError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    read_with(serde_json::Deserializer::from_slice(bytes), each)
}

/// As [`read`], from a reader (a file): the text is never held whole.
///
/// # Errors
/// As [`read`]; an I/O error is [`OcpiErrorKind::NotJson`] with its message.
pub(super) fn read_from(
    mut source: impl std::io::BufRead,
    each: &mut dyn FnMut(Element),
) -> Result<(), OcpiError> {
    let starts_with_bom = source
        .fill_buf()
        .map(|head| head.starts_with(BOM))
        .map_err(|error| not_json(&error.to_string()))?;
    if starts_with_bom {
        source.consume(BOM.len());
    }
    read_with(serde_json::Deserializer::from_reader(source), each)
}

/// A UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn not_json(message: &str) -> OcpiError {
    OcpiError::new(
        "",
        OcpiErrorKind::NotJson {
            message: message.to_owned(),
        },
    )
}

fn read_with<'de, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
    each: &mut dyn FnMut(Element),
) -> Result<(), OcpiError> {
    let mut reader = Reader { each, shape: None };
    let failed = |error: serde_json::Error| not_json(&error.to_string());
    (&mut reader)
        .deserialize(&mut deserializer)
        .map_err(failed)?;
    deserializer.end().map_err(failed)?;
    match reader.shape {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Whether an object is an element itself (a location or a tariff) rather than an
/// envelope.
fn is_element(map: &Map<String, Value>) -> bool {
    ["coordinates", "evses", "elements"]
        .iter()
        .any(|key| map.contains_key(*key))
}

struct Reader<'a> {
    each: &'a mut dyn FnMut(Element),
    /// A document of the wrong shape (kept here: serde's errors carry only text).
    shape: Option<OcpiError>,
}

impl Reader<'_> {
    fn hand(&mut self, path: String, value: Value) {
        let (value, camel_case) = snake_case_keys(value);
        (self.each)(Element {
            path,
            value,
            camel_case,
        });
    }

    fn wrong_shape(&mut self, path: &str, found: &'static str) {
        self.shape = Some(if path.is_empty() {
            OcpiError::new("", OcpiErrorKind::NotLocations)
        } else {
            OcpiError::new(
                path,
                OcpiErrorKind::WrongType {
                    expected: "an array of locations or tariffs",
                    found,
                },
            )
        });
    }
}

impl<'de> DeserializeSeed<'de> for &mut Reader<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(Top(self))
    }
}

/// The document itself.
struct Top<'r, 'a>(&'r mut Reader<'a>);

/// The value of `data`.
struct Data<'r, 'a>(&'r mut Reader<'a>);

impl<'de> DeserializeSeed<'de> for Data<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Hands every element of a list, under `prefix[i]`.
fn each_element<'de, A: SeqAccess<'de>>(
    reader: &mut Reader<'_>,
    prefix: &str,
    mut seq: A,
) -> Result<(), A::Error> {
    let mut i = 0_usize;
    while let Some(value) = seq.next_element::<Value>()? {
        reader.hand(format!("{prefix}[{i}]"), value);
        i += 1;
    }
    Ok(())
}

macro_rules! scalars_are_wrong {
    ($path:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            self.0.wrong_shape($path, "a boolean");
            Ok(())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            self.0.wrong_shape($path, "a number");
            Ok(())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            self.0.wrong_shape($path, "a number");
            Ok(())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            self.0.wrong_shape($path, "a number");
            Ok(())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            self.0.wrong_shape($path, "a string");
            Ok(())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.0.wrong_shape($path, "null");
            Ok(())
        }
    };
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a location, a tariff, a list of them, or a response with `data`")
    }

    scalars_are_wrong!("");

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        each_element(self.0, "", seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut rest = Map::new();
        let mut data = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "data" {
                data = true;
                map.next_value_seed(Data(&mut *self.0))?;
            } else {
                let value: Value = map.next_value()?;
                rest.insert(key, value);
            }
        }
        if data {
            return Ok(());
        }
        let (value, camel_case) = snake_case_keys(Value::Object(rest));
        match value {
            Value::Object(map) if is_element(&map) => {
                (self.0.each)(Element {
                    path: String::new(),
                    value: Value::Object(map),
                    camel_case,
                });
            }
            _ => self.0.wrong_shape("", "an object"),
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Data<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of locations or tariffs")
    }

    scalars_are_wrong!("data");

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        each_element(self.0, "data", seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.0.hand("data".to_owned(), value);
        Ok(())
    }
}

/// The value with every object key in snake_case (`lastUpdated` → `last_updated`,
/// `evseUID` → `evse_uid`), and whether any key was rewritten. Values are never touched.
pub(super) fn snake_case_keys(value: Value) -> (Value, bool) {
    let mut changed = false;
    let value = rewrite(value, &mut changed);
    (value, changed)
}

fn rewrite(value: Value, changed: &mut bool) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, child)| {
                    let key = if key.bytes().any(|b| b.is_ascii_uppercase()) {
                        *changed = true;
                        snake_case(&key)
                    } else {
                        key
                    };
                    (key, rewrite(child, changed))
                })
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.into_iter().map(|v| rewrite(v, changed)).collect()),
        other => other,
    }
}

/// `maxElectricPower` → `max_electric_power`; a run of capitals is one word (`evseUID` →
/// `evse_uid`).
fn snake_case(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let after_lower = i > 0 && !chars[i - 1].is_ascii_uppercase() && chars[i - 1] != '_';
            let word_start_in_run = i > 0
                && chars[i - 1].is_ascii_uppercase()
                && chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if after_lower || word_start_in_run {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn paths(text: &[u8]) -> Result<Vec<String>, OcpiError> {
        let mut out = Vec::new();
        read(text, &mut |element| out.push(element.path))?;
        Ok(out)
    }

    #[test]
    fn camel_case_keys_become_snake_case() {
        assert_eq!(snake_case("lastUpdated"), "last_updated");
        assert_eq!(snake_case("maxElectricPower"), "max_electric_power");
        assert_eq!(snake_case("evseUID"), "evse_uid");
        assert_eq!(snake_case("EVSEId"), "evse_id");
        assert_eq!(snake_case("postal_code"), "postal_code");
        let (value, changed) = snake_case_keys(serde_json::json!({"evses": [{"evseId": "A"}]}));
        assert!(changed);
        assert_eq!(value, serde_json::json!({"evses": [{"evse_id": "A"}]}));
    }

    #[test]
    fn lists_envelopes_and_lone_objects_are_read_with_a_byte_order_mark_or_without() {
        let location = r#"{"id": "1", "coordinates": {}}"#;
        assert_eq!(
            paths(format!("[{location},{location}]").as_bytes()).unwrap(),
            ["[0]", "[1]"]
        );
        let envelope =
            format!(r#"{{"status_code": 1000, "data": [{location}], "timestamp": "x"}}"#);
        assert_eq!(paths(envelope.as_bytes()).unwrap(), ["data[0]"]);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(envelope.as_bytes());
        assert_eq!(paths(&bom).unwrap(), ["data[0]"]);
        assert_eq!(paths(location.as_bytes()).unwrap(), [""]);
        assert_eq!(
            paths(format!(r#"{{"data": {location}}}"#).as_bytes()).unwrap(),
            ["data"]
        );
        assert_eq!(paths(b"42").unwrap_err().kind, OcpiErrorKind::NotLocations);
        assert_eq!(
            paths(br#"{"status_code": 1000}"#).unwrap_err().kind,
            OcpiErrorKind::NotLocations
        );
        assert_eq!(paths(br#"{"data": 5}"#).unwrap_err().path, "data");
        let broken = paths(b"[{\"id\": 1},").unwrap_err();
        assert!(
            matches!(broken.kind, OcpiErrorKind::NotJson { .. }),
            "{broken}"
        );
        assert!(paths(b"[] x").is_err(), "trailing text");
    }
}
