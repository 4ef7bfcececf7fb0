//! OCPI feeds as stations: OCPI 2.1.1 and 2.2.x `Location` objects and `Tariff` objects, a
//! list of them, or a response envelope (`{"data": [...], "status_code": 1000, ...}`).
//!
//! [`Feeds`] loads any number of files beside the bundled stations. It is forgiving: a
//! location that cannot be read (a latitude `""`, a missing `id`) is skipped with an
//! [`OcpiWarningKind::LocationSkipped`] naming the file and JSON path, and the rest loads;
//! with [`FeedOptions::strict`] a file with any such location is refused whole, with every
//! error of the file at once. Only a document that cannot be read at all (not JSON, not
//! locations) is always an error. [`WarningSummary`] groups the warnings by kind, with
//! counts and a few examples. [`load`] reads one document strictly, without prices.
//!
//! The file is read as a stream (one location at a time is held as JSON); a UTF-8
//! byte-order mark is skipped; keys in camelCase (`lastUpdated`) are read as snake_case
//! with a warning.
//!
//! # Mapping
//!
//! | OCPI | Station |
//! |---|---|
//! | `id` | `id` (a taken id is renamed, see "Ids") |
//! | `publish: false` | not served (a warning) |
//! | `name` (or, if absent, `address`) | `name` |
//! | `address`, `postal_code`, `city` | `address`: `"<address>, <postal_code> <city>"` |
//! | `country` (ISO 3166 alpha-3 or alpha-2; else `country_code`, with a warning) | `country`, alpha-2 (neither ISO: kept, with a warning) |
//! | `coordinates` (strings or numbers; `""` is no number: the location is skipped) | `coordinates` |
//! | `operator.name` (else `party_id`) , `operator.logo.url` | `operator.name`, `logo_url` |
//! | `evses[].evse_id` (else `uid`, else `<location id>*<n>`, each with a warning; a missing `uid` is derived from `evse_id`) | `evses[].evse_id` |
//! | `evses[].status` | `status`, ignoring case and spaces (`"CHARGING "`); outside the API's list: `UNKNOWN`, with a warning |
//! | `connectors[].standard` | `standard`, ignoring case; common names mapped (`"Type 2 outlet"` → `IEC_62196_T2`, `"CCS"` → `IEC_62196_T2_COMBO`); missing or unknown: the connector is dropped, with a warning |
//! | `connectors[].format`, `power_type` | ignoring case; outside the API's list: dropped, with a warning |
//! | `max_electric_power` (W) when 1 kW to 1 MW; else `max_voltage` × `max_amperage` (2.2) or `voltage` × `amperage` (2.1.1), × 3 for `AC_3_PHASE`, when that is (with a warning); else the value read as kW when that is (a warning) | `power_kw` |
//! | `connectors[].tariff_ids` (2.2), `tariff_id` (2.1.1) | the EVSE's price group (see "Prices") |
//! | `opening_times` (absent: around the clock) | `opening_times`; weekday 1–7 → `MONDAY`…`SUNDAY`, `0` → `SUNDAY` (a warning), others dropped (a warning); exceptional openings and closings have no place: dropped with a warning |
//! | `facilities` | `amenities`; values outside OCPI 2.1.1's sixteen (2.2's `PARKING_LOT`) dropped, with a warning |
//! | `last_updated` (with or without offset; without, UTC as OCPI 2.2 prescribes; missing: the file's time, with a warning) | `last_updated` |
//!
//! # Ids
//!
//! Station and EVSE ids must be unique to look a station up and to start a session, across
//! the bundled stations and every file. The first to claim an id keeps it (the bundled
//! stations, then the files in the order given). An id taken by another party is prefixed
//! with the location's `country_code*party_id` (OCPI 2.2; for 2.1.1 the first two parts of
//! its eMI3 EVSE ids, `NL*FAS`), as eMI3 ids are: `48` → `NL*FAS*48`. An id repeated by the
//! same party, or still taken once prefixed, gets `-2`, `-3`, …. Each rename is a warning.
//!
//! # Prices
//!
//! An OCPI tariffs module file (2.1.1, 2.2, 2.2.1) is read the same way (its elements have
//! `elements`). An EVSE whose connectors name a tariff of any file loaded gets that tariff
//! as a Cariqa price group (energy → `kwh_price`, time → `time_price`, parking time →
//! `blocking_fee`, flat → `session_fee`; restrictions → bands, grace and dates; VAT from the
//! tariff or the country's standard rate; every interpretation is listed in
//! `docs/pricing.md`, "OCPI tariffs"); one without gets a tariff drawn from the seed, as the bundled stations do
//! (with a [`OcpiWarningKind::TariffNotFound`] when it named one no file gave).
//!
//! # Time zones
//!
//! The zone comes from the country and coordinates ([`zone_for_country`]), as for every
//! station. When that fails (a test location in the Pacific labelled `NLD`, an unknown
//! country), the loader never panics and never falls back silently: it takes, in order, the
//! zone of the country alone (when the country has one), the feed's own `time_zone` (when it
//! is an IANA name), or else UTC, and reports which with an
//! [`OcpiWarningKind::ZoneFallback`] carrying the original [`ZoneError`]. The country comes
//! first because a station's tariffs follow its country's civil time, and coordinates are
//! the likelier typo.
//!
//! [`Station`]: connect_domain::station::Station
//! [`zone_for_country`]: connect_domain::zone::zone_for_country
//! [`ZoneError`]: connect_domain::zone::ZoneError

mod document;
mod error;
mod evse;
mod feeds;
mod ids;
mod location;
mod pricing;
mod read;
mod summary;
mod tariff;
mod tariff_bands;
mod vat;

pub use error::{OcpiError, OcpiErrorKind, OcpiWarning, OcpiWarningKind, PowerBasis, ZoneBasis};
pub use feeds::{FeedError, FeedOptions, FeedWarning, Feeds, FileCounts};
pub use summary::{KindSummary, WarningSummary};

use connect_domain::station::Station;
use serde_json::Value;

/// Reads OCPI locations from JSON text, strictly (the first location that cannot be read
/// is the error) and without prices; ids are made unique within the text.
///
/// # Errors
/// [`OcpiError`] naming the JSON path of the first value that cannot be read.
///
/// # Examples
/// ```
/// use connect_fake::stations::ocpi;
/// let json = r#"{"data": [{"id": "1", "address": "Noordwal 6", "city": "Den Bosch",
///   "country": "NLD", "coordinates": {"latitude": "51.692144", "longitude": "5.309348"},
///   "operator": {"name": "Test Supplier"},
///   "evses": [{"uid": "a", "evse_id": "NL*NUO*E1*1", "status": "CHARGING ",
///     "connectors": [{"id": "1", "standard": "IEC_62196_T2", "power_type": "AC_3_PHASE",
///                     "voltage": 230, "amperage": 16}]}],
///   "last_updated": "2021-06-23T21:39:52Z"}]}"#;
/// let (stations, warnings) = ocpi::load(json)?;
/// assert_eq!(stations[0].country, "NL");
/// assert_eq!(stations[0].zone, chrono_tz::Europe::Amsterdam);
/// assert_eq!(stations[0].evses[0].status.as_str(), "CHARGING");
/// assert_eq!(stations[0].evses[0].connectors[0].power_kw, Some(11.04));
/// assert!(warnings.is_empty());
/// # Ok::<(), connect_fake::stations::ocpi::OcpiError>(())
/// ```
pub fn load(json: &str) -> Result<(Vec<Station>, Vec<OcpiWarning>), OcpiError> {
    let mut feeds = Feeds::new(FeedOptions::default().strict(true));
    feeds
        .add("", json.as_bytes(), chrono::DateTime::UNIX_EPOCH)
        .map_err(|error| {
            let unreadable = OcpiError::new("", OcpiErrorKind::NotLocations);
            error.errors.into_iter().next().unwrap_or(unreadable)
        })?;
    Ok(feeds.into_locations())
}

/// Reads OCPI locations from a JSON value (see [`load`]).
///
/// # Errors
/// As [`load`].
pub fn from_value(value: &Value) -> Result<(Vec<Station>, Vec<OcpiWarning>), OcpiError> {
    load(&value.to_string())
}
