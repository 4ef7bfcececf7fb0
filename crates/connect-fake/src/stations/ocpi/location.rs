//! One OCPI `Location` as a [`Station`]: what it says, what the loader interpreted (its
//! warnings), and what the feed needs afterwards (its party, its EVSEs' tariff ids, whether
//! it is published). Ids are made unique later, by the feed, once the location is known to
//! load.

use chrono::{DateTime, Utc};
use connect_domain::json_path::join;
use connect_domain::station::{
    Amenity, OpeningDay, OpeningTimes, Operator, RegularHours, Station, StationId, country_alpha2,
};
use connect_domain::zone::{Coordinates, Tz, parse_zone, zone_for_country};
use serde_json::{Map, Value};

use super::error::{OcpiError, OcpiWarning, OcpiWarningKind, ZoneBasis};
use super::read::{coordinates, object, optional_text, required_text, timestamp, wrong};

/// A location read, before its ids are made unique.
pub(super) struct LocationRead {
    pub(super) station: Station,
    /// `country_code*party_id` (or what the EVSE ids say of it): the prefix that makes a
    /// colliding id unique.
    pub(super) party: Option<String>,
    /// Per EVSE (by position), the tariff ids of its connectors, each once.
    pub(super) tariff_ids: Vec<Vec<String>>,
    /// `publish` (absent: true, as in OCPI 2.1.1, which has no such field).
    pub(super) published: bool,
    /// What had to be interpreted.
    pub(super) warnings: Vec<OcpiWarning>,
}

/// Reads locations; `default_time` stands in for a missing `last_updated`.
pub(super) struct LocationReader {
    pub(super) default_time: DateTime<Utc>,
    pub(super) warnings: Vec<OcpiWarning>,
}

impl LocationReader {
    pub(super) fn warn(&mut self, path: &str, kind: OcpiWarningKind) {
        self.warnings.push(OcpiWarning {
            path: path.to_owned(),
            kind,
        });
    }

    /// Reads the location at `path`.
    ///
    /// # Errors
    /// The first value that cannot be read; the location is then skipped (or, strict,
    /// the file refused).
    pub(super) fn location(
        &mut self,
        path: &str,
        value: &Value,
    ) -> Result<LocationRead, OcpiError> {
        self.warnings.clear();
        let map = object(path, value)?;
        let id = required_text(path, map, "id")?;
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
        let (evses, tariff_ids) = self.evses(path, map, &id)?;
        let opening_times =
            self.opening_times(&join(path, "opening_times"), map.get("opening_times"))?;
        let amenities = self.amenities(&join(path, "facilities"), map.get("facilities"))?;
        let last_updated =
            if let Some(time) = timestamp(&join(path, "last_updated"), map.get("last_updated"))? {
                time
            } else {
                let used = self.default_time;
                self.warn(
                    &join(path, "last_updated"),
                    OcpiWarningKind::LastUpdatedDefaulted { used },
                );
                used
            };
        let published = match map.get("publish") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => return Err(wrong(&join(path, "publish"), "a boolean", other)),
        };
        let party = party(map, &evses);
        let mut station = Station::new(StationId::new(id), name, coordinates, zone, last_updated);
        station.address = full_address;
        station.country = country;
        station.operator = operator;
        station.evses = evses;
        station.opening_times = opening_times;
        station.amenities = amenities;
        station.logo_url = logo_url;
        Ok(LocationRead {
            station,
            party,
            tariff_ids,
            published,
            warnings: std::mem::take(&mut self.warnings),
        })
    }

    /// The alpha-2 country: `country` when it is ISO 3166 (alpha-3 or alpha-2), else
    /// `country_code` when that is, else the text given (with a warning).
    fn country(&mut self, path: &str, map: &Map<String, Value>) -> Result<String, OcpiError> {
        let country = optional_text(path, map, "country")?;
        let code = optional_text(path, map, "country_code")?;
        if let Some(alpha2) = country.as_deref().and_then(country_alpha2) {
            return Ok(alpha2.to_owned());
        }
        if let Some(alpha2) = code.as_deref().and_then(country_alpha2) {
            if let Some(country) = country {
                self.warn(
                    &join(path, "country"),
                    OcpiWarningKind::CountryFromCode {
                        country,
                        country_code: alpha2.to_owned(),
                    },
                );
            }
            return Ok(alpha2.to_owned());
        }
        let Some(given) = country.or(code) else {
            self.warn(
                &join(path, "country"),
                OcpiWarningKind::MissingValue { field: "country" },
            );
            return Ok(String::new());
        };
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
                    regular_hours.extend(self.regular_hours(&hours_path, hours)?);
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

    /// A regular opening period; `None` (dropped, with a warning) when its weekday is
    /// outside the API's list and maps to none of it. OCPI numbers days 1 (Monday) to 7
    /// (Sunday); a `0` is read as Sunday, as feeds counting from 0 mean.
    fn regular_hours(
        &mut self,
        path: &str,
        value: &Value,
    ) -> Result<Option<RegularHours>, OcpiError> {
        let map = object(path, value)?;
        let weekday_path = join(path, "weekday");
        let weekday = match map.get("weekday") {
            None | Some(Value::Null) => None,
            Some(Value::Number(number)) => {
                match self.weekday_number(&weekday_path, number.as_i64(), &number.to_string()) {
                    Some(day) => Some(day),
                    None => return Ok(None),
                }
            }
            Some(Value::String(text)) => {
                let day = OpeningDay::parse_lenient(text);
                if day.is_known() {
                    Some(day)
                } else if let Ok(number) = text.trim().parse::<i64>() {
                    match self.weekday_number(&weekday_path, Some(number), text) {
                        Some(day) => Some(day),
                        None => return Ok(None),
                    }
                } else {
                    self.drop_value(&weekday_path, "weekday", text);
                    return Ok(None);
                }
            }
            Some(other) => {
                return Err(wrong(&weekday_path, "a number from 1 to 7", other));
            }
        };
        let mut hours = RegularHours::default();
        hours.weekday = weekday;
        hours.period_begin = optional_text(path, map, "period_begin")?;
        hours.period_end = optional_text(path, map, "period_end")?;
        Ok(Some(hours))
    }

    fn weekday_number(
        &mut self,
        path: &str,
        number: Option<i64>,
        text: &str,
    ) -> Option<OpeningDay> {
        if let Some(day) = number.and_then(OpeningDay::from_ocpi_number) {
            return Some(day);
        }
        if number == Some(0) {
            self.warn(
                path,
                OcpiWarningKind::ValueMapped {
                    field: "weekday",
                    value: text.to_owned(),
                    to: OpeningDay::Sunday.as_str().to_owned(),
                },
            );
            return Some(OpeningDay::Sunday);
        }
        self.drop_value(path, "weekday", text);
        None
    }

    pub(super) fn drop_value(&mut self, path: &str, field: &'static str, value: &str) {
        self.warn(
            path,
            OcpiWarningKind::ValueDropped {
                field,
                value: value.to_owned(),
            },
        );
    }

    /// The facilities the API lists (OCPI 2.1.1's sixteen); others (OCPI 2.2's
    /// `PARKING_LOT`, `BIKE_SHARING`) are dropped with a warning.
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
            if amenity.is_known() {
                amenities.push(amenity);
            } else {
                self.drop_value(&item_path, "facility", text);
            }
        }
        Ok(amenities)
    }
}

/// `country_code*party_id` of an OCPI 2.2 location, else the first two parts of the first
/// eMI3 EVSE id (`NL*NUO*E…` → `NL*NUO`, `NLFASE…` → `NL*FAS`), upper case.
fn party(map: &Map<String, Value>, evses: &[connect_domain::station::Evse]) -> Option<String> {
    let text = |field: &str| map.get(field).and_then(Value::as_str).map(str::trim);
    if let (Some(country), Some(party)) = (text("country_code"), text("party_id"))
        && !country.is_empty()
        && !party.is_empty()
    {
        return Some(format!("{country}*{party}").to_uppercase());
    }
    let evse_id = evses.first()?.evse_id.as_str();
    let mut parts = evse_id.split('*');
    match (parts.next(), parts.next()) {
        (Some(country), Some(party)) if country.len() == 2 && party.len() == 3 => {
            Some(format!("{country}*{party}").to_uppercase())
        }
        _ if !evse_id.contains('*')
            && evse_id.len() > 5
            && evse_id.is_char_boundary(5)
            && evse_id[..5].chars().all(|c| c.is_ascii_alphanumeric())
            && evse_id[..2].chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            Some(format!("{}*{}", &evse_id[..2], &evse_id[2..5]).to_uppercase())
        }
        _ => None,
    }
}
