//! Small serde helpers shared by the wire types.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `Option<Option<T>>` for a property that may be absent *or* null, where the two mean
/// different things (a PATCH body: absent = leave unchanged, null = clear).
///
/// Use with `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`:
/// absent reads as `None`, null as `Some(None)`, a value as `Some(Some(value))`, and each is
/// written back the same way.
#[allow(clippy::option_option)] // the point of this helper
pub(crate) mod double_option {
    use super::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
    where
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Option::<T>::deserialize(deserializer).map(Some)
    }

    #[allow(clippy::ref_option)] // serde's `with` hands the field by reference
    pub(crate) fn serialize<T, S>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        T: Serialize,
        S: Serializer,
    {
        match value {
            // Only reached without `skip_serializing_if`; null is the closest honest value.
            None | Some(None) => serializer.serialize_none(),
            Some(Some(inner)) => inner.serialize(serializer),
        }
    }
}

/// A position as the API writes it: `{"latitude": "49.630383", "longitude": "8.368902"}`,
/// decimal-degree strings with six decimals. Reading fails, naming `latitude` or
/// `longitude`, on text that is not a finite decimal number.
pub(crate) mod coordinates_text {
    use connect_domain::zone::Coordinates;

    use super::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Text {
        latitude: String,
        longitude: String,
    }

    pub(crate) fn serialize<S: Serializer>(
        coordinates: &Coordinates,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Text {
            latitude: format!("{:.6}", coordinates.latitude),
            longitude: format!("{:.6}", coordinates.longitude),
        }
        .serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Coordinates, D::Error> {
        let text = Text::deserialize(deserializer)?;
        Ok(Coordinates {
            latitude: degrees("latitude", &text.latitude).map_err(serde::de::Error::custom)?,
            longitude: degrees("longitude", &text.longitude).map_err(serde::de::Error::custom)?,
        })
    }

    /// Decimal degrees from text, or a message naming the field.
    pub(crate) fn degrees(field: &str, text: &str) -> Result<f64, String> {
        match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(format!(
                "{field}: {text:?} is not a decimal number of degrees"
            )),
        }
    }
}

/// An identifier that the API may send as a string or as an integer; kept as text.
pub(crate) mod text_or_integer {
    use super::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrInteger {
        Text(String),
        Unsigned(u64),
        Signed(i64),
    }

    pub(crate) fn deserialize<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
    where
        D: Deserializer<'de>,
    {
        Ok(
            Option::<TextOrInteger>::deserialize(deserializer)?.map(|value| match value {
                TextOrInteger::Text(text) => text,
                TextOrInteger::Unsigned(number) => number.to_string(),
                TextOrInteger::Signed(number) => number.to_string(),
            }),
        )
    }
}

/// A value that reads as `None` when it has the wrong shape, instead of failing the whole
/// document. Only for bodies that must always be readable (error bodies).
pub(crate) mod lenient {
    use super::{Deserialize, Deserializer};

    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        T: serde::de::DeserializeOwned,
        D: Deserializer<'de>,
    {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(serde_json::from_value(value).ok())
    }
}

/// An optional property that may be left out but is not nullable: absent reads as `None`,
/// `null` is an error (the document's enum properties, such as a user's `locale`).
pub(crate) fn present_not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)?
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("may not be null"))
}
