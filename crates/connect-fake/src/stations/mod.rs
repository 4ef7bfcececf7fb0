//! The sandbox's stations.
//!
//! - [`bundled_stations`]: the Bundesnetzagentur's charging register of 19 July 2019
//!   (9,690 devices, all of Germany; CC BY 4.0, see `NOTICE`), compiled in from
//!   `data/stations.tsv` (made by `cargo xtask stations`), plus the documented example
//!   station in Worms ([`worms_station`]) and the DEV environment's eight virtual charging
//!   points ([`virtual_stations`], [`VirtualChargePoint`]). What the register does not say
//!   (tariffs, EVSE statuses, opening times, amenities, which operators are partners) is
//!   decided by a seed: the same seed always gives the same stations.
//! - [`StationDirectory`]: the stations indexed for the station endpoints (details by
//!   station or EVSE id, around, tile, partners).
//! - [`ocpi`]: OCPI 2.1.1 and 2.2 `locations` as stations.
//!
//! # From the register to stations
//!
//! One register row (a charging device) is one station, with one EVSE per charge point and
//! one connector per plug type of the charge point. Ids are `DE*<code>*E<n>` for the station
//! and `DE*<code>*E<n>*<k>` for its EVSEs, eMI3 style: `<code>` is three letters derived
//! from the operator's name (unique per operator), `<n>` the device's row in the register,
//! `<k>` the charge point. Names are `<operator>, <street>`; addresses `<street>,
//! <postcode> <city>`; the zone comes from the coordinates (`Europe/Berlin`, or
//! `Europe/Busingen`). The plug types map to OCPI connector standards: type 2 socket or
//! cable → `IEC_62196_T2`, CCS → `IEC_62196_T2_COMBO`, CHAdeMO → `CHADEMO`, Schuko →
//! `DOMESTIC_F`, type 1 → `IEC_62196_T1`, CEE blue → `IEC_60309_2_single_16`, CEE red →
//! `IEC_60309_2_three_16/32/64` by power; anything else (the register has `0`) is kept as
//! `Unknown` with the register's text.

mod dataset;
mod directory;
mod facts;
pub mod ocpi;
mod seed;
mod special;
mod tariffs;

pub use directory::{DirectoryError, Partner, StationDirectory};
pub use special::{
    VIRTUAL_CHARGE_POINTS, VirtualChargePoint, WORMS_STATION_ID, virtual_charge_point,
    virtual_stations, worms_station,
};

use connect_domain::station::Station;
use connect_domain::zone::ZoneError;

/// Why the bundled stations could not be made. The bundled file is checked by the tests, so
/// this only happens to a file edited by hand.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetError {
    /// A line of the station file cannot be read.
    #[error("data/stations.tsv line {line}: {message}")]
    Malformed {
        /// The line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A station's price group does not parse.
    #[error("station {station}: price group: {message}")]
    Tariff {
        /// The station's id.
        station: String,
        /// The tariff error.
        message: String,
    },
    /// A station's zone cannot be found.
    #[error("station {station}: {error}")]
    Zone {
        /// The station's id.
        station: String,
        /// Why.
        error: ZoneError,
    },
    /// The stations do not make a directory.
    #[error(transparent)]
    Directory(#[from] DirectoryError),
}

/// The number of charging devices in the register, each a station.
pub const REGISTER_DEVICES: usize = 9_690;

/// The register's stations (in register order), then the Worms example station, then the
/// eight virtual charging points: 9,699 stations. Tariffs, EVSE statuses, opening times,
/// amenities and partners are decided by `seed`; the same seed gives the same stations.
///
/// # Errors
/// [`DatasetError`] if the compiled-in file is malformed (never for the file as committed).
///
/// # Examples
/// ```
/// let stations = connect_fake::stations::bundled_stations(42)?;
/// assert_eq!(stations.len(), 9_699);
/// assert_eq!(stations, connect_fake::stations::bundled_stations(42)?);
/// # Ok::<(), connect_fake::stations::DatasetError>(())
/// ```
pub fn bundled_stations(seed: u64) -> Result<Vec<Station>, DatasetError> {
    let mut stations = register_stations(seed)?;
    stations.push(worms_station()?);
    stations.extend(virtual_stations()?);
    Ok(stations)
}

/// The register's stations only, as [`bundled_stations`] makes them.
///
/// # Errors
/// As [`bundled_stations`].
pub fn register_stations(seed: u64) -> Result<Vec<Station>, DatasetError> {
    let catalogue = tariffs::Catalogue::bundled()?;
    let devices = dataset::parse(dataset::STATIONS_TSV)?;
    let choices = dataset::Choices::new(seed, &devices);
    devices
        .iter()
        .map(|device| dataset::station(seed, device, &choices, &catalogue))
        .collect()
}
