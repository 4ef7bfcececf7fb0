//! Reading a price group from the API's JSON and writing it back.
//!
//! The reader (`reader`) is a set of serde visitors that know their field path: every error
//! names it, every unknown field becomes a warning, and any JSON at all is rejected cleanly
//! instead of panicking.

use std::str::FromStr;

use crate::json_path::number;
use chrono::{DateTime, FixedOffset, SecondsFormat};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use super::band::Band;
use super::error::{TariffError, TariffErrorKind, TariffWarning};
use super::{ComponentKind, PriceGroup, Tariff, reader};

/// A parsed value and the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    /// What was parsed.
    pub value: T,
    /// Oddities that did not stop parsing, in document order.
    pub warnings: Vec<TariffWarning>,
}

impl PriceGroup {
    /// Parses one price group from JSON text, as in a station's `price_groups[]`.
    ///
    /// # Errors
    /// A [`TariffError`] naming the field path when the text is not JSON, a required field
    /// is missing or has the wrong type, a time or date is malformed, a price is negative,
    /// a tax is outside 0–100, a day key is unknown, or two bands overlap with different
    /// prices.
    pub fn from_json(text: &str) -> Result<Parsed<Self>, TariffError> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let parsed = Self::read(&mut deserializer)?;
        deserializer.end().map_err(|error| TariffError {
            path: String::new(),
            kind: TariffErrorKind::Json {
                message: error.to_string(),
            },
        })?;
        Ok(parsed)
    }

    /// Parses one price group from an already parsed JSON value.
    ///
    /// # Errors
    /// As [`PriceGroup::from_json`], except for JSON syntax.
    pub fn from_value(value: &Value) -> Result<Parsed<Self>, TariffError> {
        Self::read(value)
    }

    /// The one reader, from any serde deserializer.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Parsed<Self>, TariffError> {
        let mut context = reader::Context::default();
        let mut group = reader::read(deserializer, &mut context)?;
        group.warnings.clone_from(&context.warnings);
        Ok(Parsed {
            value: group,
            warnings: context.warnings,
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
        // Taken as its raw JSON text first (one scan and one copy, no `Value` tree: a
        // station page's price groups cost several times the rest of it that way): a caller
        // tracking paths (serde_path_to_error, as the HTTP client does) then places the
        // error at the group, and the error's text adds the path inside it, once.
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        Self::from_json(raw.get())
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

#[cfg(test)]
#[allow(clippy::needless_pass_by_value)] // JSON literals read best passed by value
mod tests {
    use super::super::error::TariffWarningKind;
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

    #[test]
    fn a_currency_iso_4217_does_not_list_is_a_warning() {
        let mut group = group_with(json!({"kwh_price": null}));
        group["currency"] = json!("xyz");
        let parsed = PriceGroup::from_value(&group).unwrap();
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        assert_eq!(parsed.warnings[0].path, "currency");
        assert_eq!(
            parsed.warnings[0].kind,
            TariffWarningKind::UnknownCurrency { code: "xyz".into() }
        );
        assert_eq!(parsed.value.tariff().currency().minor_units(), 2);
        group["currency"] = json!("chf");
        assert!(PriceGroup::from_value(&group).unwrap().warnings.is_empty());
    }
}

#[cfg(test)]
mod reader_tests {
    use super::super::error::TariffWarningKind;
    use super::*;

    const TYPICAL: &str = include_str!("../../fixtures/typical-price-group.json");

    #[test]
    fn text_and_value_read_the_same_group_and_warnings() {
        let from_text = PriceGroup::from_json(TYPICAL).unwrap();
        let value: Value = serde_json::from_str(TYPICAL).unwrap();
        let from_value = PriceGroup::from_value(&value).unwrap();
        assert_eq!(from_text.value, from_value.value);
        assert_eq!(from_text.warnings, from_value.warnings);
        let through_serde: PriceGroup = serde_json::from_str(TYPICAL).unwrap();
        assert_eq!(through_serde, from_text.value);
    }

    #[test]
    fn prices_before_the_currency_are_displayed_in_that_currency() {
        // JPY has no minor unit: 100 × 1.10 = 110, and the missing user_facing_price says so.
        let json = r#"{"prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,
            "date_from":null,"date_to":null,"gross_price":"100.4","user_facing_price":null,
            "grace_period_minutes":null,"tax":10,"blocking_cap":null}]}},
            "currency":"JPY","pre_authorization_amount":"5000"}"#;
        let parsed = PriceGroup::from_json(json).unwrap();
        let band = parsed.value.tariff().components().next().unwrap();
        let band = band.all_bands().next().unwrap();
        assert_eq!(band.user_facing_price().to_string(), "110");
        assert_eq!(
            parsed.warnings,
            vec![TariffWarning {
                path: "prices.kwh_price.ALL[0].user_facing_price".into(),
                kind: TariffWarningKind::UserFacingPriceMissing {
                    computed: Decimal::from(110)
                },
            }]
        );
    }

    #[test]
    fn a_container_where_a_scalar_belongs_names_the_field() {
        let json = r#"{"currency":"EUR","pre_authorization_amount":"5","prices":{"kwh_price":
            {"ALL":[{"gross_price":"0.40","tax":[19]}]}}}"#;
        let error = PriceGroup::from_json(json).unwrap_err();
        assert_eq!(error.path, "prices.kwh_price.ALL[0].tax");
        assert_eq!(
            error.kind,
            TariffErrorKind::WrongType {
                expected: "a decimal string or number",
                found: "an array"
            }
        );
        let error = PriceGroup::from_json(
            r#"{"currency":"EUR","pre_authorization_amount":"5","prices":{"kwh_price":{"ALL":7}}}"#,
        )
        .unwrap_err();
        assert_eq!(error.path, "prices.kwh_price.ALL");
    }

    #[test]
    fn text_after_the_group_is_a_json_error() {
        let json = r#"{"currency":"EUR","pre_authorization_amount":"5","prices":{}} x"#;
        let error = PriceGroup::from_json(json).unwrap_err();
        assert!(
            matches!(error.kind, TariffErrorKind::Json { .. }),
            "{error:?}"
        );
    }

    #[test]
    fn unknown_fields_are_warnings_in_document_order() {
        let json = r#"{"zeta":1,"currency":"EUR","alpha":2,"pre_authorization_amount":"5",
            "prices":{"kwh_price":{"ALL":[{"gross_price":"0.40","tax":19,
            "user_facing_price":"0.48","extra":true}]}}}"#;
        let paths: Vec<String> = PriceGroup::from_json(json)
            .unwrap()
            .warnings
            .into_iter()
            .filter(|w| w.kind == TariffWarningKind::UnknownField)
            .map(|w| w.path)
            .collect();
        assert_eq!(paths, ["zeta", "alpha", "prices.kwh_price.ALL[0].extra"]);
    }
}
