//! An OCPI `Tariff` (2.1.1, 2.2, 2.2.1) as read: its elements, their price components and
//! restrictions. [`super::tariff_bands`] turns it into a Cariqa price group.

use chrono::{DateTime, NaiveDate, Utc};
use connect_domain::json_path::join;
use connect_domain::money::Currency;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value};

use super::error::{OcpiError, OcpiErrorKind};
use super::read::{object, optional_text, required_text, timestamp, wrong};

/// What a price component prices (OCPI `TariffDimensionType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dimension {
    /// Per kWh.
    Energy,
    /// Once per session.
    Flat,
    /// Per hour of charging.
    Time,
    /// Per hour connected without charging.
    ParkingTime,
}

/// A price component: net price (OCPI prices exclude VAT), its VAT if given, step size.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PriceComponent {
    pub(super) dimension: Dimension,
    pub(super) price: Decimal,
    pub(super) vat: Option<Decimal>,
    pub(super) step_size: u64,
}

/// A restriction's limits; `None` where the tariff sets none.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Restrictions {
    /// Minutes since local midnight.
    pub(super) start_time: Option<u32>,
    pub(super) end_time: Option<u32>,
    /// Local dates, `end_date` exclusive.
    pub(super) start_date: Option<NaiveDate>,
    pub(super) end_date: Option<NaiveDate>,
    /// Monday = 0 … Sunday = 6; `None`: every day.
    pub(super) days: Option<[bool; 7]>,
    pub(super) min_kwh: Option<Decimal>,
    pub(super) max_kwh: Option<Decimal>,
    pub(super) min_current: Option<Decimal>,
    pub(super) max_current: Option<Decimal>,
    /// kW.
    pub(super) min_power: Option<Decimal>,
    pub(super) max_power: Option<Decimal>,
    /// Seconds since the session's start.
    pub(super) min_duration: Option<u64>,
    pub(super) max_duration: Option<u64>,
    /// OCPI 2.2 `reservation` (`RESERVATION`, `RESERVATION_EXPIRES`).
    pub(super) reservation: Option<String>,
}

/// A tariff element.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Element {
    pub(super) components: Vec<PriceComponent>,
    pub(super) restrictions: Restrictions,
}

/// A tariff as read.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct OcpiTariff {
    pub(super) id: String,
    /// `country_code*party_id`, upper case (2.2).
    pub(super) party: Option<String>,
    pub(super) currency: Currency,
    pub(super) elements: Vec<Element>,
    /// 2.2 `min_price` / `max_price` (excl. VAT), which a price group cannot hold.
    pub(super) min_or_max_price: bool,
    pub(super) start: Option<DateTime<Utc>>,
    pub(super) end: Option<DateTime<Utc>>,
    pub(super) last_updated: Option<DateTime<Utc>>,
    /// Its JSON path in its file.
    pub(super) path: String,
}

impl OcpiTariff {
    /// Reads a tariff.
    ///
    /// # Errors
    /// The first value that cannot be read, with its path.
    pub(super) fn read(path: &str, value: &Value) -> Result<Self, OcpiError> {
        let map = object(path, value)?;
        let id = required_text(path, map, "id")?;
        let text = |field: &str| map.get(field).and_then(Value::as_str).map(str::trim);
        let party = match (text("country_code"), text("party_id")) {
            (Some(country), Some(party)) if !country.is_empty() && !party.is_empty() => {
                Some(format!("{country}*{party}").to_uppercase())
            }
            _ => None,
        };
        let code = required_text(path, map, "currency")?;
        let currency = Currency::parse(code.trim()).map_err(|error| {
            OcpiError::new(
                join(path, "currency"),
                OcpiErrorKind::Unsupported {
                    what: error.to_string(),
                },
            )
        })?;
        let elements_path = join(path, "elements");
        let list = match map.get("elements") {
            Some(Value::Array(list)) => list,
            None | Some(Value::Null) => {
                return Err(OcpiError::new(elements_path, OcpiErrorKind::Missing));
            }
            Some(other) => return Err(wrong(&elements_path, "an array", other)),
        };
        let elements = list
            .iter()
            .enumerate()
            .map(|(i, element)| read_element(&format!("{elements_path}[{i}]"), element))
            .collect::<Result<Vec<_>, _>>()?;
        let present = |field: &str| map.get(field).is_some_and(|v| !v.is_null());
        Ok(Self {
            id,
            party,
            currency,
            elements,
            min_or_max_price: present("min_price") || present("max_price"),
            start: timestamp(&join(path, "start_date_time"), map.get("start_date_time"))?,
            end: timestamp(&join(path, "end_date_time"), map.get("end_date_time"))?,
            last_updated: timestamp(&join(path, "last_updated"), map.get("last_updated"))?,
            path: path.to_owned(),
        })
    }
}

fn read_element(path: &str, value: &Value) -> Result<Element, OcpiError> {
    let map = object(path, value)?;
    let components_path = join(path, "price_components");
    let list = match map.get("price_components") {
        Some(Value::Array(list)) => list,
        None | Some(Value::Null) => {
            return Err(OcpiError::new(components_path, OcpiErrorKind::Missing));
        }
        Some(other) => return Err(wrong(&components_path, "an array", other)),
    };
    let components = list
        .iter()
        .enumerate()
        .map(|(i, c)| read_component(&format!("{components_path}[{i}]"), c))
        .collect::<Result<Vec<_>, _>>()?;
    let restrictions = match map.get("restrictions") {
        None | Some(Value::Null) => Restrictions::default(),
        Some(value) => read_restrictions(&join(path, "restrictions"), value)?,
    };
    Ok(Element {
        components,
        restrictions,
    })
}

fn read_component(path: &str, value: &Value) -> Result<PriceComponent, OcpiError> {
    let map = object(path, value)?;
    let kind = required_text(path, map, "type")?;
    let dimension = match kind.trim().to_ascii_uppercase().as_str() {
        "ENERGY" => Dimension::Energy,
        "FLAT" => Dimension::Flat,
        "TIME" => Dimension::Time,
        "PARKING_TIME" => Dimension::ParkingTime,
        _ => {
            return Err(OcpiError::new(
                join(path, "type"),
                OcpiErrorKind::Unsupported {
                    what: format!("unknown price component type {kind:?}"),
                },
            ));
        }
    };
    let price = decimal(path, map, "price")?
        .ok_or_else(|| OcpiError::new(join(path, "price"), OcpiErrorKind::Missing))?;
    if price.is_sign_negative() && !price.is_zero() {
        return Err(OcpiError::new(
            join(path, "price"),
            OcpiErrorKind::Unsupported {
                what: format!("a negative price ({price})"),
            },
        ));
    }
    let vat = decimal(path, map, "vat")?;
    if let Some(vat) = vat
        && !(Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&vat)
    {
        return Err(OcpiError::new(
            join(path, "vat"),
            OcpiErrorKind::Unsupported {
                what: format!("a VAT of {vat} % (0 to 100)"),
            },
        ));
    }
    let step_size = decimal(path, map, "step_size")?
        .and_then(|step| step.trunc().to_u64())
        .unwrap_or(1);
    Ok(PriceComponent {
        dimension,
        price,
        vat,
        step_size,
    })
}

fn read_restrictions(path: &str, value: &Value) -> Result<Restrictions, OcpiError> {
    let map = object(path, value)?;
    let days = match map.get("day_of_week") {
        None | Some(Value::Null) => None,
        Some(Value::Array(list)) => {
            let mut days = [false; 7];
            for (i, day) in list.iter().enumerate() {
                let day_path = format!("{}[{i}]", join(path, "day_of_week"));
                let name = day
                    .as_str()
                    .ok_or_else(|| wrong(&day_path, "a weekday", day))?;
                let index = WEEKDAYS
                    .iter()
                    .position(|d| d.eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| {
                        OcpiError::new(
                            &day_path,
                            OcpiErrorKind::Unsupported {
                                what: format!("{name:?} is not a weekday"),
                            },
                        )
                    })?;
                days[index] = true;
            }
            Some(days)
        }
        Some(other) => return Err(wrong(&join(path, "day_of_week"), "an array", other)),
    };
    // Seconds, rounded up to whole ones.
    let seconds = |field: &str| -> Result<Option<u64>, OcpiError> {
        Ok(decimal(path, map, field)?.and_then(|d| d.ceil().to_u64()))
    };
    Ok(Restrictions {
        start_time: clock_time(path, map, "start_time")?,
        end_time: clock_time(path, map, "end_time")?,
        start_date: date(path, map, "start_date")?,
        end_date: date(path, map, "end_date")?,
        days,
        min_kwh: decimal(path, map, "min_kwh")?,
        max_kwh: decimal(path, map, "max_kwh")?,
        min_current: decimal(path, map, "min_current")?,
        max_current: decimal(path, map, "max_current")?,
        min_power: decimal(path, map, "min_power")?,
        max_power: decimal(path, map, "max_power")?,
        min_duration: seconds("min_duration")?,
        max_duration: seconds("max_duration")?,
        reservation: optional_text(path, map, "reservation")?,
    })
}

/// OCPI's weekday names, Monday first.
pub(super) const WEEKDAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// A number given as a number or as text, exactly.
fn decimal(
    path: &str,
    map: &Map<String, Value>,
    field: &str,
) -> Result<Option<Decimal>, OcpiError> {
    let text = match map.get(field) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(number)) => number.to_string(),
        Some(Value::String(text)) => text.trim().to_owned(),
        Some(other) => return Err(wrong(&join(path, field), "a number", other)),
    };
    text.parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(&text))
        .map(Some)
        .map_err(|_| OcpiError::new(join(path, field), OcpiErrorKind::NotANumber { text }))
}

/// `HH:MM` as minutes since midnight (`24:00` is 1440).
fn clock_time(path: &str, map: &Map<String, Value>, field: &str) -> Result<Option<u32>, OcpiError> {
    let Some(text) = optional_text(path, map, field)? else {
        return Ok(None);
    };
    let bad = || {
        OcpiError::new(
            join(path, field),
            OcpiErrorKind::Unsupported {
                what: format!("{text:?} is not a time of day (HH:MM)"),
            },
        )
    };
    let (hours, minutes) = text.trim().split_once(':').ok_or_else(bad)?;
    let hours: u32 = hours.parse().map_err(|_| bad())?;
    let minutes: u32 = minutes.parse().map_err(|_| bad())?;
    if minutes > 59 || hours > 24 || (hours == 24 && minutes > 0) {
        return Err(bad());
    }
    Ok(Some(hours * 60 + minutes))
}

fn date(path: &str, map: &Map<String, Value>, field: &str) -> Result<Option<NaiveDate>, OcpiError> {
    let Some(text) = optional_text(path, map, field)? else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            OcpiError::new(
                join(path, field),
                OcpiErrorKind::Unsupported {
                    what: format!("{text:?} is not a date (YYYY-MM-DD)"),
                },
            )
        })
}
