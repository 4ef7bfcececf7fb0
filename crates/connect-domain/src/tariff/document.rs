//! Reading a price group from the API's JSON and writing it back.
//!
//! The reader walks a `serde_json::Value` by hand rather than deriving `Deserialize`: that is
//! what lets every error name its field path, every unknown field become a warning, and any
//! JSON at all be rejected cleanly instead of panicking.

use std::str::FromStr;

use crate::json_path::{join, json_type, number};
use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use super::band::{Band, BandId, TimeOfDay};
use super::error::{TariffError, TariffErrorKind, TariffWarning, TariffWarningKind};
use super::{Component, ComponentKind, DayKey, PriceGroup, Tariff, overlap};
use crate::money::Currency;

/// A parsed value and the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    /// What was parsed.
    pub value: T,
    /// Oddities that did not stop parsing, in document order.
    pub warnings: Vec<TariffWarning>,
}

const GROUP_FIELDS: [&str; 8] = [
    "type",
    "power",
    "evse_ids",
    "prices",
    "local_datetime",
    "currency",
    "pre_authorization_amount",
    "is_fallback",
];

const BAND_FIELDS: [&str; 9] = [
    "time_from",
    "time_to",
    "date_from",
    "date_to",
    "gross_price",
    "user_facing_price",
    "grace_period_minutes",
    "tax",
    "blocking_cap",
];

impl PriceGroup {
    /// Parses one price group from JSON text, as in a station's `price_groups[]`.
    ///
    /// # Errors
    /// A [`TariffError`] naming the field path when the text is not JSON, a required field
    /// is missing or has the wrong type, a time or date is malformed, a price is negative,
    /// a tax is outside 0–100, a day key is unknown, or two bands overlap with different
    /// prices.
    pub fn from_json(text: &str) -> Result<Parsed<Self>, TariffError> {
        let value: Value = serde_json::from_str(text).map_err(|error| TariffError {
            path: String::new(),
            kind: TariffErrorKind::Json {
                message: error.to_string(),
            },
        })?;
        Self::from_value(&value)
    }

    /// Parses one price group from an already parsed JSON value.
    ///
    /// # Errors
    /// As [`PriceGroup::from_json`], except for JSON syntax.
    pub fn from_value(value: &Value) -> Result<Parsed<Self>, TariffError> {
        let mut reader = Reader::default();
        let mut group = reader.price_group(value)?;
        group.warnings.clone_from(&reader.warnings);
        Ok(Parsed {
            value: group,
            warnings: reader.warnings,
        })
    }

    /// Writes the price group back in the API's wire shape. Parsing the result gives an
    /// equal price group.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::tariff::PriceGroup;
    /// let json = r#"{"type":"AC","power":22,"evse_ids":["DE*ABC*E1*1"],"currency":"eur",
    ///   "pre_authorization_amount":"50.00","local_datetime":"2026-04-02T15:51:18+02:00",
    ///   "prices":{"kwh_price":{"MONDAY":[{"time_from":"22:00","time_to":"06:00",
    ///   "date_from":"2026-01-01","date_to":null,"gross_price":"0.1950",
    ///   "user_facing_price":"0.23","grace_period_minutes":null,"tax":19,
    ///   "blocking_cap":null}]}}}"#;
    /// let group = PriceGroup::from_json(json)?.value;
    /// let written = group.to_value();
    /// assert_eq!(written["prices"]["kwh_price"]["MONDAY"][0]["gross_price"], "0.1950");
    /// assert_eq!(PriceGroup::from_value(&written)?.value, group);
    /// # Ok::<(), connect_domain::tariff::TariffError>(())
    /// ```
    pub fn to_value(&self) -> Value {
        let mut object = Map::new();
        if let Some(kind) = &self.kind {
            object.insert("type".into(), Value::String(kind.clone()));
        }
        if let Some(power) = &self.power {
            object.insert("power".into(), Value::Number(power.clone()));
        }
        if let Some(evse_ids) = &self.evse_ids {
            object.insert(
                "evse_ids".into(),
                Value::Array(evse_ids.iter().cloned().map(Value::String).collect()),
            );
        }
        object.insert("prices".into(), prices_value(&self.tariff));
        if let Some(local) = self.local_datetime {
            object.insert(
                "local_datetime".into(),
                Value::String(local.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
            );
        }
        object.insert(
            "currency".into(),
            Value::String(self.tariff.currency().code().to_owned()),
        );
        object.insert(
            "pre_authorization_amount".into(),
            Value::String(self.pre_authorization_amount.to_string()),
        );
        object.insert("is_fallback".into(), Value::Bool(self.is_fallback));
        Value::Object(object)
    }
}

/// Writes [`PriceGroup::to_value`]: the API's shape, the one writer of price groups.
impl Serialize for PriceGroup {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

/// Reads with [`PriceGroup::from_value`], the one reader of price groups: an error is the
/// [`TariffError`]'s text, which starts with the field path; the warnings are kept on the
/// group ([`PriceGroup::warnings`]).
///
/// # Examples
/// ```
/// use connect_domain::tariff::PriceGroup;
/// let error = serde_json::from_str::<PriceGroup>(r#"{"currency":"EUR",
///   "pre_authorization_amount":"-1","prices":{}}"#).unwrap_err();
/// assert!(error.to_string().starts_with("pre_authorization_amount: must not be negative"));
/// ```
impl<'de> Deserialize<'de> for PriceGroup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value)
            .map(|parsed| parsed.value)
            .map_err(serde::de::Error::custom)
    }
}

impl PriceGroup {
    /// The group as a station publishes it at `local_now` (the station-local time at which
    /// the API evaluates prices): what the group leaves out of `local_datetime`, `type`,
    /// `power` and `evse_ids`, which the document requires, is taken from the station (its
    /// current type `AC`/`DC`, its most powerful connector, all its EVSEs).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::tariff::PriceGroup;
    /// let group: PriceGroup = serde_json::from_str(
    ///     r#"{"currency":"EUR","pre_authorization_amount":"50","type":"DC","prices":{}}"#)?;
    /// let now = "2026-04-02T15:51:18+02:00".parse()?;
    /// let published = group.published_at(now, "AC", Some(22.0), &["DE*CIQ*E1*1".to_owned()]);
    /// let written = serde_json::to_value(&published)?;
    /// assert_eq!(written["type"], "DC");
    /// assert_eq!(written["power"], 22);
    /// assert_eq!(written["evse_ids"][0], "DE*CIQ*E1*1");
    /// assert_eq!(written["local_datetime"], "2026-04-02T15:51:18+02:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn published_at(
        &self,
        local_now: DateTime<FixedOffset>,
        station_kind: &str,
        station_power_kw: Option<f64>,
        station_evse_ids: &[String],
    ) -> Self {
        let mut group = self.clone();
        group.local_datetime.get_or_insert(local_now);
        group.kind.get_or_insert_with(|| station_kind.to_owned());
        if group.power.is_none() {
            group.power = station_power_kw.and_then(number);
        }
        group
            .evse_ids
            .get_or_insert_with(|| station_evse_ids.to_vec());
        group
    }
}

fn prices_value(tariff: &Tariff) -> Value {
    let mut prices = Map::new();
    for kind in [
        ComponentKind::Time,
        ComponentKind::Energy,
        ComponentKind::Blocking,
        ComponentKind::SessionFee,
        ComponentKind::StartingFee,
    ] {
        let value = tariff.component(kind).map_or(Value::Null, |component| {
            let days = component
                .days()
                .iter()
                .map(|(day, bands)| {
                    let bands = bands.iter().map(band_value).collect();
                    (day.as_str().to_owned(), Value::Array(bands))
                })
                .collect();
            Value::Object(days)
        });
        prices.insert(kind.wire_name().to_owned(), value);
    }
    Value::Object(prices)
}

fn band_value(band: &Band) -> Value {
    let text = |value: Option<String>| value.map_or(Value::Null, Value::String);
    let mut object = Map::new();
    object.insert(
        "time_from".into(),
        text(band.time_from.map(|t| t.to_string())),
    );
    object.insert("time_to".into(), text(band.time_to.map(|t| t.to_string())));
    object.insert(
        "date_from".into(),
        text(band.date_from.map(|d| d.to_string())),
    );
    object.insert("date_to".into(), text(band.date_to.map(|d| d.to_string())));
    object.insert(
        "gross_price".into(),
        Value::String(band.net_price.to_string()),
    );
    object.insert(
        "user_facing_price".into(),
        Value::String(band.user_facing_price.to_string()),
    );
    object.insert(
        "grace_period_minutes".into(),
        band.grace_period_minutes
            .map_or(Value::Null, decimal_number),
    );
    object.insert("tax".into(), decimal_number(band.tax_percent));
    object.insert(
        "blocking_cap".into(),
        text(band.blocking_cap.map(|cap| cap.to_string())),
    );
    Value::Object(object)
}

/// A decimal as a JSON number (the API types `tax` and `grace_period_minutes` as numbers),
/// or as a decimal string when a JSON number (a double) cannot hold it exactly: the reader
/// accepts both, and writing back must never change a value.
fn decimal_number(value: Decimal) -> Value {
    let text = value.normalize().to_string();
    match Number::from_str(&text) {
        Ok(number) if Decimal::from_str_exact(&number.to_string()).ok() == Some(value) => {
            Value::Number(number)
        }
        Ok(number) if Decimal::from_scientific(&number.to_string()).ok() == Some(value) => {
            Value::Number(number)
        }
        _ => Value::String(text),
    }
}

/// Walks the JSON, remembering warnings.
#[derive(Default)]
struct Reader {
    warnings: Vec<TariffWarning>,
}

fn error(path: &str, kind: TariffErrorKind) -> TariffError {
    TariffError {
        path: path.to_owned(),
        kind,
    }
}

fn wrong_type(path: &str, expected: &'static str, found: &Value) -> TariffError {
    error(
        path,
        TariffErrorKind::WrongType {
            expected,
            found: json_type(found),
        },
    )
}

fn object<'a>(path: &str, value: &'a Value) -> Result<&'a Map<String, Value>, TariffError> {
    value
        .as_object()
        .ok_or_else(|| wrong_type(path, "an object", value))
}

/// A decimal from a string (the API's money fields) or a number (its `tax`).
fn decimal(path: &str, value: &Value) -> Result<Decimal, TariffError> {
    let text = match value {
        Value::String(text) => text.trim().to_owned(),
        Value::Number(number) => number.to_string(),
        other => return Err(wrong_type(path, "a decimal string or number", other)),
    };
    Decimal::from_str_exact(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| error(path, TariffErrorKind::MalformedDecimal { value: text }))
}

/// The largest price, cap, hold or grace period accepted: far above any real tariff, and far
/// enough below `Decimal`'s range that no product in the engine can overflow.
const MAX_AMOUNT: i64 = 1_000_000;

fn non_negative(path: &str, value: &Value) -> Result<Decimal, TariffError> {
    let amount = decimal(path, value)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(error(path, TariffErrorKind::Negative { value: amount }));
    }
    if amount > Decimal::from(MAX_AMOUNT) {
        return Err(error(
            path,
            TariffErrorKind::TooLarge {
                value: amount,
                max: Decimal::from(MAX_AMOUNT),
            },
        ));
    }
    Ok(amount)
}

fn required<'a>(
    path: &str,
    map: &'a Map<String, Value>,
    field: &str,
) -> Result<&'a Value, TariffError> {
    map.get(field)
        .ok_or_else(|| error(&join(path, field), TariffErrorKind::Missing))
}

fn nullable<'a>(map: &'a Map<String, Value>, field: &str) -> Option<&'a Value> {
    map.get(field).filter(|value| !value.is_null())
}

fn string<'a>(path: &str, value: &'a Value) -> Result<&'a str, TariffError> {
    value
        .as_str()
        .ok_or_else(|| wrong_type(path, "a string", value))
}

impl Reader {
    fn warn(&mut self, path: String, kind: TariffWarningKind) {
        self.warnings.push(TariffWarning { path, kind });
    }

    fn unknown_fields(&mut self, path: &str, map: &Map<String, Value>, known: &[&str]) {
        for key in map.keys().filter(|key| !known.contains(&key.as_str())) {
            self.warn(join(path, key), TariffWarningKind::UnknownField);
        }
    }

    fn price_group(&mut self, value: &Value) -> Result<PriceGroup, TariffError> {
        let map = object("", value)?;
        self.unknown_fields("", map, &GROUP_FIELDS);
        let kind = map
            .get("type")
            .map(|v| string("type", v).map(str::to_owned))
            .transpose()?;
        let power = map
            .get("power")
            .map(|v| match v {
                Value::Number(number) => Ok(number.clone()),
                other => Err(wrong_type("power", "a number", other)),
            })
            .transpose()?;
        let evse_ids = map.get("evse_ids").map(evse_ids).transpose()?;
        let local_datetime = map
            .get("local_datetime")
            .map(|v| {
                let text = string("local_datetime", v)?;
                DateTime::parse_from_rfc3339(text).map_err(|_| {
                    error(
                        "local_datetime",
                        TariffErrorKind::MalformedDateTime {
                            value: text.to_owned(),
                        },
                    )
                })
            })
            .transpose()?;
        let currency_text = string("currency", required("", map, "currency")?)?;
        let currency = Currency::parse(currency_text).map_err(|_| {
            error(
                "currency",
                TariffErrorKind::MalformedCurrency {
                    value: currency_text.to_owned(),
                },
            )
        })?;
        let pre_authorization_amount = non_negative(
            "pre_authorization_amount",
            required("", map, "pre_authorization_amount")?,
        )?;
        let is_fallback = match map.get("is_fallback") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => return Err(wrong_type("is_fallback", "a boolean", other)),
        };
        let prices = required("", map, "prices")?;
        let components = self.prices(prices, &currency)?;
        Ok(PriceGroup {
            kind,
            power,
            evse_ids,
            local_datetime,
            pre_authorization_amount,
            is_fallback,
            tariff: Tariff::new(currency, components),
            warnings: Vec::new(),
        })
    }

    fn prices(
        &mut self,
        value: &Value,
        currency: &Currency,
    ) -> Result<[Option<Component>; 5], TariffError> {
        let map = object("prices", value)?;
        let known = ComponentKind::ALL.map(ComponentKind::wire_name);
        self.unknown_fields("prices", map, &known);
        let mut components: [Option<Component>; 5] = Default::default();
        for kind in ComponentKind::ALL {
            let Some(days) = nullable(map, kind.wire_name()) else {
                continue;
            };
            let component = self.component(kind, days, currency)?;
            self.warnings.extend(overlap::check_overlaps(&component)?);
            components[kind.index()] = Some(component);
        }
        Ok(components)
    }

    fn component(
        &mut self,
        kind: ComponentKind,
        value: &Value,
        currency: &Currency,
    ) -> Result<Component, TariffError> {
        let path = join("prices", kind.wire_name());
        let map = object(&path, value)?;
        let mut days = Vec::with_capacity(map.len());
        for (key, bands) in map {
            let day_path = join(&path, key);
            let day = DayKey::parse(key).ok_or_else(|| {
                error(
                    &day_path,
                    TariffErrorKind::UnknownDayKey { key: key.clone() },
                )
            })?;
            let items = bands
                .as_array()
                .ok_or_else(|| wrong_type(&day_path, "an array of bands", bands))?;
            let bands = items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let id = BandId {
                        component: kind,
                        day,
                        index,
                    };
                    self.band(id, item, currency)
                })
                .collect::<Result<Vec<_>, _>>()?;
            days.push((day, bands));
        }
        Ok(Component::new(kind, days))
    }

    fn band(
        &mut self,
        id: BandId,
        value: &Value,
        currency: &Currency,
    ) -> Result<Band, TariffError> {
        let path = id.to_string();
        let map = object(&path, value)?;
        self.unknown_fields(&path, map, &BAND_FIELDS);
        let (time_from, time_to, date_from, date_to) = window(&path, map)?;
        let net_price = non_negative(
            &join(&path, "gross_price"),
            required(&path, map, "gross_price")?,
        )?;
        let tax_path = join(&path, "tax");
        let tax_percent = decimal(&tax_path, required(&path, map, "tax")?)?;
        if tax_percent < Decimal::ZERO || tax_percent > Decimal::ONE_HUNDRED {
            return Err(error(
                &tax_path,
                TariffErrorKind::TaxOutOfRange { value: tax_percent },
            ));
        }
        let optional_amount = |field: &str| {
            nullable(map, field)
                .map(|v| non_negative(&join(&path, field), v))
                .transpose()
        };
        let grace_period_minutes = optional_amount("grace_period_minutes")?;
        let blocking_cap = optional_amount("blocking_cap")?;
        if id.component != ComponentKind::Blocking {
            for (field, present) in [
                ("grace_period_minutes", grace_period_minutes.is_some()),
                ("blocking_cap", blocking_cap.is_some()),
            ] {
                if present {
                    self.warn(join(&path, field), TariffWarningKind::IgnoredField);
                }
            }
        }
        let mut band = Band {
            id,
            time_from,
            time_to,
            date_from,
            date_to,
            net_price,
            user_facing_price: Decimal::ZERO,
            tax_percent,
            grace_period_minutes,
            blocking_cap,
        };
        let computed = band.displayed_price(currency.minor_units());
        let published_path = join(&path, "user_facing_price");
        band.user_facing_price = match nullable(map, "user_facing_price") {
            None => {
                self.warn(
                    published_path,
                    TariffWarningKind::UserFacingPriceMissing { computed },
                );
                computed
            }
            Some(value) => {
                let published = decimal(&published_path, value)?;
                if published != computed {
                    self.warn(
                        published_path,
                        TariffWarningKind::UserFacingPriceMismatch {
                            published,
                            computed,
                        },
                    );
                }
                published
            }
        };
        Ok(band)
    }
}

fn evse_ids(value: &Value) -> Result<Vec<String>, TariffError> {
    let items = value
        .as_array()
        .ok_or_else(|| wrong_type("evse_ids", "an array", value))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| string(&format!("evse_ids[{i}]"), item).map(str::to_owned))
        .collect()
}

/// When a band applies: `time_from`, `time_to`, `date_from`, `date_to`.
type Window = (
    Option<TimeOfDay>,
    Option<TimeOfDay>,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

fn window(path: &str, map: &Map<String, Value>) -> Result<Window, TariffError> {
    let time = |field: &str| -> Result<Option<TimeOfDay>, TariffError> {
        nullable(map, field)
            .map(|v| {
                let field_path = join(path, field);
                let text = string(&field_path, v)?;
                TimeOfDay::parse(text).ok_or_else(|| {
                    error(
                        &field_path,
                        TariffErrorKind::MalformedTime {
                            value: text.to_owned(),
                        },
                    )
                })
            })
            .transpose()
    };
    let date = |field: &str| -> Result<Option<NaiveDate>, TariffError> {
        nullable(map, field)
            .map(|v| {
                let field_path = join(path, field);
                let text = string(&field_path, v)?;
                parse_date(text).ok_or_else(|| {
                    error(
                        &field_path,
                        TariffErrorKind::MalformedDate {
                            value: text.to_owned(),
                        },
                    )
                })
            })
            .transpose()
    };
    let time_from = time("time_from")?;
    let time_to = time("time_to")?;
    if time_from.is_some_and(|from| from.minutes() == 1440) {
        return Err(error(
            &join(path, "time_from"),
            TariffErrorKind::StartAtEndOfDay,
        ));
    }
    if let (Some(from), Some(to)) = (time_from, time_to)
        && from == to
        && from != TimeOfDay::MIDNIGHT
    {
        return Err(error(
            &join(path, "time_to"),
            TariffErrorKind::EmptyTimeWindow {
                time: to.to_string(),
            },
        ));
    }
    let date_from = date("date_from")?;
    let date_to = date("date_to")?;
    if let (Some(from), Some(to)) = (date_from, date_to)
        && to <= from
    {
        return Err(error(
            &join(path, "date_to"),
            TariffErrorKind::EmptyDateRange {
                date_from: from.to_string(),
                date_to: to.to_string(),
            },
        ));
    }
    Ok((time_from, time_to, date_from, date_to))
}

/// Strict `YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    well_formed
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

#[cfg(test)]
#[allow(clippy::needless_pass_by_value)] // JSON literals read best passed by value
mod tests {
    use super::*;
    use serde_json::json;

    fn group_with(prices: Value) -> Value {
        json!({
            "type": "AC", "power": 22, "evse_ids": ["DE*ABC*E1*1"], "currency": "EUR",
            "pre_authorization_amount": "50.00", "is_fallback": false,
            "local_datetime": "2026-04-02T15:51:18+02:00", "prices": prices
        })
    }

    fn band(from: Value, to: Value, price: &str) -> Value {
        json!({"time_from": from, "time_to": to, "date_from": null, "date_to": null,
               "gross_price": price, "user_facing_price": null,
               "grace_period_minutes": null, "tax": 19, "blocking_cap": null})
    }

    fn parse_error(prices: Value) -> TariffError {
        match PriceGroup::from_value(&group_with(prices)) {
            Err(error) => error,
            Ok(parsed) => panic!("expected an error, parsed {parsed:?}"),
        }
    }

    #[test]
    fn a_negative_price_names_the_field() {
        let error =
            parse_error(json!({"kwh_price": {"ALL": [band(json!(null), json!(null), "-0.10")]}}));
        assert_eq!(error.path, "prices.kwh_price.ALL[0].gross_price");
        assert!(matches!(error.kind, TariffErrorKind::Negative { .. }));
    }

    #[test]
    fn a_tax_outside_0_to_100_names_the_field() {
        let mut item = band(json!(null), json!(null), "0.10");
        item["tax"] = json!(119);
        let error = parse_error(json!({"time_price": {"MONDAY": [item]}}));
        assert_eq!(error.path, "prices.time_price.MONDAY[0].tax");
        assert!(matches!(error.kind, TariffErrorKind::TaxOutOfRange { .. }));
    }

    #[test]
    fn an_unknown_day_key_names_the_field() {
        let error =
            parse_error(json!({"kwh_price": {"MON": [band(json!(null), json!(null), "0.10")]}}));
        assert_eq!(error.path, "prices.kwh_price.MON");
        assert_eq!(
            error.kind,
            TariffErrorKind::UnknownDayKey { key: "MON".into() }
        );
    }

    #[test]
    fn a_malformed_date_names_the_field() {
        let mut item = band(json!(null), json!(null), "0.10");
        item["date_from"] = json!("2026-13-01");
        let error = parse_error(json!({"kwh_price": {"ALL": [item]}}));
        assert_eq!(error.path, "prices.kwh_price.ALL[0].date_from");
        item["date_from"] = json!("2026-1-01");
        let error = parse_error(json!({"kwh_price": {"ALL": [item]}}));
        assert!(matches!(error.kind, TariffErrorKind::MalformedDate { .. }));
    }

    #[test]
    fn wrong_types_name_the_field_and_the_types() {
        let error =
            parse_error(json!({"kwh_price": {"ALL": [band(json!(7), json!(null), "0.10")]}}));
        assert_eq!(error.path, "prices.kwh_price.ALL[0].time_from");
        assert_eq!(
            error.kind,
            TariffErrorKind::WrongType {
                expected: "a string",
                found: "a number"
            }
        );
        let error = PriceGroup::from_json("[1, 2]").unwrap_err();
        assert_eq!(error.path, "");
        let error = PriceGroup::from_json("{\"currency\": ").unwrap_err();
        assert!(matches!(error.kind, TariffErrorKind::Json { .. }));
    }

    #[test]
    fn overlapping_bands_with_different_prices_name_both() {
        let error = parse_error(json!({"kwh_price": {"ALL": [
            band(json!("06:00"), json!("22:00"), "0.40"),
            band(json!("21:00"), json!("06:00"), "0.30"),
        ]}}));
        assert_eq!(error.path, "prices.kwh_price.ALL[1]");
        assert_eq!(
            error.kind,
            TariffErrorKind::OverlappingBands {
                other: "prices.kwh_price.ALL[0]".into(),
                day: "MONDAY".into()
            }
        );
    }

    #[test]
    fn overlapping_bands_in_disjoint_date_ranges_are_fine() {
        let mut winter = band(json!(null), json!(null), "0.40");
        winter["date_to"] = json!("2026-04-01");
        let mut summer = band(json!(null), json!(null), "0.30");
        summer["date_from"] = json!("2026-04-01");
        let parsed =
            PriceGroup::from_value(&group_with(json!({"kwh_price": {"ALL": [winter, summer]}})));
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn a_friday_overnight_band_conflicting_with_saturday_morning_is_rejected() {
        let error = parse_error(json!({"kwh_price": {
            "FRIDAY": [band(json!("22:00"), json!("06:00"), "0.30")],
            "SATURDAY": [band(json!("00:00"), json!("08:00"), "0.40")],
        }}));
        assert_eq!(
            error.kind,
            TariffErrorKind::OverlappingBands {
                other: "prices.kwh_price.FRIDAY[0]".into(),
                day: "SATURDAY".into()
            }
        );
    }

    #[test]
    fn round_trip_keeps_every_band_field() {
        let mut item = band(json!("22:00"), json!("24:00"), "4.0200");
        item["grace_period_minutes"] = json!(30.5);
        item["blocking_cap"] = json!("12.00");
        item["date_from"] = json!("2026-03-01");
        item["date_to"] = json!("2026-09-01");
        item["user_facing_price"] = json!("0.07"); // 4.02 / 60 × 1.077 = 0.0722
        item["tax"] = json!(7.7);
        let original = group_with(json!({"blocking_fee": {"SUNDAY": [item]}, "kwh_price": null}));
        let parsed = PriceGroup::from_value(&original).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let written = parsed.value.to_value();
        assert_eq!(
            written["prices"]["blocking_fee"],
            original["prices"]["blocking_fee"]
        );
        assert_eq!(written["local_datetime"], original["local_datetime"]);
        assert_eq!(written["power"], original["power"]);
        assert_eq!(
            PriceGroup::from_value(&written).unwrap().value,
            parsed.value
        );
    }

    #[test]
    fn grace_and_cap_on_an_energy_price_are_reported_and_ignored() {
        let mut item = band(json!(null), json!(null), "0.4529");
        item["grace_period_minutes"] = json!(10);
        let parsed =
            PriceGroup::from_value(&group_with(json!({"kwh_price": {"ALL": [item]}}))).unwrap();
        let kinds: Vec<_> = parsed
            .warnings
            .iter()
            .map(|w| (&w.path[..], &w.kind))
            .collect();
        assert!(kinds.contains(&(
            "prices.kwh_price.ALL[0].grace_period_minutes",
            &TariffWarningKind::IgnoredField
        )));
    }
}
