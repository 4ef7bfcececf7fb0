//! The IANA time zone a station's tariff bands are local to.
//!
//! Tariff bands are written in station-local wall time, so pricing needs the
//! station's IANA zone. Our rule: *the station's zone comes from its country
//! (and its coordinates where the country has several zones) or is given
//! explicitly; an unknown zone is an error, never a silent UTC.*
//!
//! - [`parse_zone`] reads an explicit IANA name such as `"Europe/Berlin"`.
//! - [`zone_for_country`] derives the zone from an ISO 3166-1 country code
//!   (alpha-2 or alpha-3, any case) and, where needed, the coordinates.
//! - [`resolve_zone`] does either, from a [`ZoneSource`].
//!
//! # How a country's zone is found
//!
//! Every ISO 3166-1 country that has an IANA zone is covered (plus `XK`/`XKX`,
//! Kosovo). A country with one zone maps straight to it (`DE` →
//! `Europe/Berlin`, `FR` → `Europe/Paris`; overseas territories such as
//! Réunion have their own codes). A country whose regions keep different civil
//! time today (`US`, `CA`, `MX`, `BR`, `RU`, `AU`, `ID`, `ES` with the Canary
//! Islands, `PT` with the Azores, `NZ` with the Chatham Islands, `EC`, `CL`,
//! `UA`, …) needs coordinates: without them the answer is
//! [`ZoneError::AmbiguousCountry`], never a guess. Where all of a country's
//! zones keep the same civil time (`DE` with Büsingen, `MY`, `MH`, `PS`), the
//! main zone is returned when no coordinates are given.
//!
//! China resolves to `Asia/Shanghai` everywhere, Xinjiang included: the tz
//! database's `Asia/Urumqi` describes the unofficial Xinjiang time that part of
//! the population keeps, while government, transport and utilities (and so
//! tariffs) run on Beijing time. A station that keeps Xinjiang time must name
//! `Asia/Urumqi` explicitly.
//!
//! Zones that the tz database keeps apart only for their history, and that
//! keep the same civil time today as a neighbouring zone, are merged into the
//! zone of the region's main city when their boundary would need a detailed
//! map: the twelve Argentine zones → `America/Argentina/Buenos_Aires`,
//! Kazakhstan (one offset since 2024) → `Asia/Almaty`, Uzbekistan →
//! `Asia/Tashkent`, Northern Cyprus → `Asia/Nicosia`, the Indiana, Kentucky
//! and Michigan zones → `America/New_York` or `America/Chicago`, the North
//! Dakota zones → `America/Chicago`, `America/Boise` → `America/Denver`, the
//! Alaskan zones but Adak → `America/Anchorage`, the Brazilian zones → one per
//! offset (`America/Sao_Paulo`, `America/Manaus`, `America/Rio_Branco`,
//! `America/Noronha`), Canada's → one per civil-time region, Mexico's
//! `Merida`/`Monterrey`/`Chihuahua` → `America/Mexico_City`, and Russia's →
//! one per offset (`Kaliningrad`, `Moscow`, `Samara`, `Astrakhan`,
//! `Yekaterinburg`, `Omsk`, `Novosibirsk`, `Irkutsk`, `Yakutsk`,
//! `Vladivostok`, `Magadan`, `Sakhalin`, `Kamchatka`). Island groups and
//! exclaves keep their own zone (Madeira, Ceuta and Melilla, Büsingen,
//! Tasmania, Lord Howe, Sabah and Sarawak, …). The unit tests check against
//! the bundled tz database that every merged zone still keeps its
//! representative's civil time, so a tz data update that splits them fails
//! loudly.
//!
//! # Coordinates
//!
//! Coordinates are WGS 84 degrees: latitude in −90…90, longitude in −180…180;
//! NaN or out-of-range values are [`ZoneError::InvalidCoordinates`].
//!
//! Coordinates are first checked to lie in the country: within one of its
//! bounding boxes (derived from Natural Earth 1:10m admin-0 boundaries, public
//! domain), widened by 0.25° (about 25 km) so that coastal sites, piers and
//! border towns are not rejected. This is a plausibility check, not a border
//! test: a point just across a border, or at sea near the coast, is accepted
//! and resolved by the country's region rules like any other; a point clearly
//! elsewhere (say, Berlin for `FR`) is [`ZoneError::CoordinatesOutsideCountry`].
//! A point in a dependent territory that has its own ISO code (Réunion for
//! `FR`, Puerto Rico for `US`, Svalbard for `NO`, …) resolves to that
//! territory's zone.
//!
//! Within a multi-zone country the region is found by hand-drawn boxes and
//! coarse polygons that follow the state, province and oblast lines between
//! zones. They are exact where the line is a parallel, a meridian or the sea,
//! and otherwise approximate: within some 20–50 km of an inland zone boundary
//! the neighbouring zone may come out. Where that matters, give the zone
//! explicitly ([`ZoneSource::Explicit`]). Antarctica resolves to the zone of
//! the nearest research station.
//!
//! The data comes from public-domain sources: the tz database (zones and, in
//! the tests, its zone.tab reference points) and Natural Earth (country boxes).
//! The code index is built once, on first use; the region data is static.
//! Nothing here panics on any input.

use lookup::{Country, MARGIN_DEGREES, Zones, find_country, territories};

/// An IANA time zone, re-exported from [`chrono_tz`].
///
/// # Examples
///
/// ```
/// use connect_domain::zone::{Tz, parse_zone};
///
/// let tz: Tz = parse_zone("Europe/Berlin")?;
/// assert_eq!(tz, Tz::Europe__Berlin);
/// # Ok::<(), connect_domain::zone::ZoneError>(())
/// ```
pub use chrono_tz::Tz;

/// How a station's zone is known.
///
/// # Examples
///
/// ```
/// use connect_domain::zone::{Coordinates, Tz, ZoneSource, resolve_zone};
///
/// let explicit = ZoneSource::Explicit("Europe/Lisbon".to_owned());
/// assert_eq!(resolve_zone(&explicit)?, Tz::Europe__Lisbon);
///
/// let by_country = ZoneSource::Country {
///     country: "USA".to_owned(),
///     coordinates: Some(Coordinates { latitude: 40.71, longitude: -74.0 }),
/// };
/// assert_eq!(resolve_zone(&by_country)?, Tz::America__New_York);
/// # Ok::<(), connect_domain::zone::ZoneError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ZoneSource {
    /// An IANA zone name given by the operator, e.g. `"Europe/Berlin"`.
    Explicit(String),
    /// The station's country, and its coordinates if known.
    Country {
        /// ISO 3166-1 alpha-2 or alpha-3 code, in any case (`"DE"`, `"deu"`).
        country: String,
        /// The station's location; needed where the country has several zones.
        coordinates: Option<Coordinates>,
    },
}

/// A WGS 84 position in decimal degrees.
///
/// # Examples
///
/// ```
/// use connect_domain::zone::{Coordinates, Tz, zone_for_country};
///
/// let funchal = Coordinates { latitude: 32.65, longitude: -16.91 };
/// assert_eq!(zone_for_country("PT", Some(funchal))?, Tz::Atlantic__Madeira);
/// # Ok::<(), connect_domain::zone::ZoneError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    /// Degrees north of the equator, −90 to 90.
    pub latitude: f64,
    /// Degrees east of Greenwich, −180 to 180.
    pub longitude: f64,
}

/// Why a station's zone could not be determined.
///
/// # Examples
///
/// ```
/// use connect_domain::zone::{ZoneError, zone_for_country};
///
/// let err = zone_for_country("US", None).unwrap_err();
/// assert!(matches!(err, ZoneError::AmbiguousCountry { .. }));
/// assert!(err.to_string().contains("America/Chicago"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ZoneError {
    /// The name is not an IANA zone known to the bundled tz database.
    #[error("unknown IANA time zone {name:?}")]
    UnknownZone {
        /// The name as given.
        name: String,
    },
    /// The code is not an ISO 3166-1 alpha-2 or alpha-3 country code.
    #[error("unknown country code {country:?}: expected an ISO 3166-1 alpha-2 or alpha-3 code")]
    UnknownCountry {
        /// The code as given.
        country: String,
    },
    /// The country is uninhabited and has no IANA zone (`BV`, `HM`).
    #[error("country {country} has no IANA time zone; give the zone explicitly")]
    CountryWithoutZone {
        /// The ISO 3166-1 alpha-2 code.
        country: String,
    },
    /// The country's regions keep different civil time and no coordinates
    /// were given.
    #[error(
        "country {country} spans several time zones ({}); station coordinates or an explicit zone are needed",
        .candidates.join(", ")
    )]
    AmbiguousCountry {
        /// The ISO 3166-1 alpha-2 code.
        country: String,
        /// The zones the country's stations can be in, main zone first.
        candidates: Vec<&'static str>,
    },
    /// A coordinate is NaN, infinite or out of range.
    #[error(
        "invalid {field} {value}: expected a finite number from -{limit} to {limit}",
        limit = coordinate_limit(.field)
    )]
    InvalidCoordinates {
        /// `"latitude"` or `"longitude"`.
        field: &'static str,
        /// The offending value.
        value: f64,
    },
    /// The coordinates lie clearly outside the country.
    #[error(
        "coordinates (latitude {latitude}, longitude {longitude}) lie outside country {country}"
    )]
    CoordinatesOutsideCountry {
        /// The ISO 3166-1 alpha-2 code.
        country: String,
        /// The latitude given.
        latitude: f64,
        /// The longitude given.
        longitude: f64,
    },
}

/// The magnitude limit for a coordinate field, for error messages.
fn coordinate_limit(field: &str) -> u16 {
    if field == "latitude" { 90 } else { 180 }
}

/// Parses an IANA zone name such as `"Europe/Berlin"`.
///
/// Surrounding whitespace is ignored, and a name that matches only when case
/// is ignored (`"europe/berlin"`) is accepted too. Aliases the tz database
/// keeps (`"US/Eastern"`) are accepted as themselves. `"UTC"` and `"Etc/UTC"`
/// are valid here, because naming them is an explicit choice; a country never
/// resolves to UTC.
///
/// # Errors
///
/// [`ZoneError::UnknownZone`] if the name is not in the bundled tz database.
///
/// # Examples
///
/// ```
/// use connect_domain::zone::{Tz, ZoneError, parse_zone};
///
/// assert_eq!(parse_zone("Europe/Lisbon")?, Tz::Europe__Lisbon);
/// assert_eq!(parse_zone("UTC")?, Tz::UTC);
/// assert!(matches!(parse_zone("Mars/Olympus"), Err(ZoneError::UnknownZone { .. })));
/// # Ok::<(), ZoneError>(())
/// ```
pub fn parse_zone(name: &str) -> Result<Tz, ZoneError> {
    let trimmed = name.trim();
    if let Ok(tz) = trimmed.parse::<Tz>() {
        return Ok(tz);
    }
    chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .find(|tz| tz.name().eq_ignore_ascii_case(trimmed))
        .ok_or_else(|| ZoneError::UnknownZone {
            name: name.to_owned(),
        })
}

/// The zone of a station in `country`, located at `coordinates` if known.
///
/// `country` is an ISO 3166-1 alpha-2 or alpha-3 code in any case; whitespace
/// around it is ignored. See the [module documentation](self) for how
/// coordinates are checked and how multi-zone countries are divided.
///
/// # Errors
///
/// - [`ZoneError::UnknownCountry`] if `country` is not a known code.
/// - [`ZoneError::InvalidCoordinates`] if a coordinate is NaN, infinite or
///   out of range.
/// - [`ZoneError::CoordinatesOutsideCountry`] if the point is clearly not in
///   the country (nor in one of its territories).
/// - [`ZoneError::AmbiguousCountry`] if the country's regions keep different
///   civil time and no coordinates were given.
/// - [`ZoneError::CountryWithoutZone`] for the uninhabited `BV` and `HM`.
///
/// # Examples
///
/// ```
/// use connect_domain::zone::{Coordinates, Tz, ZoneError, zone_for_country};
///
/// assert_eq!(zone_for_country("deu", None)?, Tz::Europe__Berlin);
///
/// let las_palmas = Coordinates { latitude: 28.12, longitude: -15.43 };
/// assert_eq!(zone_for_country("ES", Some(las_palmas))?, Tz::Atlantic__Canary);
///
/// let berlin = Coordinates { latitude: 52.52, longitude: 13.40 };
/// assert!(matches!(
///     zone_for_country("FR", Some(berlin)),
///     Err(ZoneError::CoordinatesOutsideCountry { .. })
/// ));
/// # Ok::<(), ZoneError>(())
/// ```
pub fn zone_for_country(country: &str, coordinates: Option<Coordinates>) -> Result<Tz, ZoneError> {
    let found = find_country(country).ok_or_else(|| ZoneError::UnknownCountry {
        country: country.to_owned(),
    })?;
    let Some(point) = coordinates else {
        return match found.zones {
            Zones::One(tz) => Ok(tz),
            Zones::Several(regions) => {
                regions
                    .without_coordinates
                    .ok_or_else(|| ZoneError::AmbiguousCountry {
                        country: found.alpha2.to_owned(),
                        candidates: regions.candidates.iter().map(|tz| tz.name()).collect(),
                    })
            }
            Zones::Uninhabited => Err(without_zone(found)),
        };
    };
    let Coordinates {
        latitude,
        longitude,
    } = point;
    if !latitude.is_finite() || !(-90.0..=90.0).contains(&latitude) {
        return Err(ZoneError::InvalidCoordinates {
            field: "latitude",
            value: latitude,
        });
    }
    if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
        return Err(ZoneError::InvalidCoordinates {
            field: "longitude",
            value: longitude,
        });
    }
    let holder = if found.contains(latitude, longitude) {
        found
    } else {
        territories(found.alpha2)
            .iter()
            .filter_map(|code| find_country(code))
            .map(|territory| (territory, territory.distance(latitude, longitude)))
            .filter(|&(_, distance)| distance <= MARGIN_DEGREES)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(territory, _)| territory)
            .ok_or_else(|| ZoneError::CoordinatesOutsideCountry {
                country: found.alpha2.to_owned(),
                latitude,
                longitude,
            })?
    };
    match holder.zones {
        Zones::One(tz) => Ok(tz),
        Zones::Several(regions) => Ok(regions.locate.zone_at(latitude, longitude)),
        Zones::Uninhabited => Err(without_zone(holder)),
    }
}

/// The zone a [`ZoneSource`] names or implies.
///
/// # Errors
///
/// Those of [`parse_zone`] for [`ZoneSource::Explicit`], and those of
/// [`zone_for_country`] for [`ZoneSource::Country`].
///
/// # Examples
///
/// ```
/// use connect_domain::zone::{Tz, ZoneError, ZoneSource, resolve_zone};
///
/// let source = ZoneSource::Country { country: "de".to_owned(), coordinates: None };
/// assert_eq!(resolve_zone(&source)?, Tz::Europe__Berlin);
///
/// let unknown = ZoneSource::Explicit("Mars/Olympus".to_owned());
/// assert!(matches!(resolve_zone(&unknown), Err(ZoneError::UnknownZone { .. })));
/// # Ok::<(), ZoneError>(())
/// ```
pub fn resolve_zone(source: &ZoneSource) -> Result<Tz, ZoneError> {
    match source {
        ZoneSource::Explicit(name) => parse_zone(name),
        ZoneSource::Country {
            country,
            coordinates,
        } => zone_for_country(country, *coordinates),
    }
}

fn without_zone(country: &Country) -> ZoneError {
    ZoneError::CountryWithoutZone {
        country: country.alpha2.to_owned(),
    }
}

mod countries;
mod lookup;
mod regions;
#[cfg(test)]
mod tests;
