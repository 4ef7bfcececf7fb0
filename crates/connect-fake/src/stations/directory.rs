//! A directory of stations: lookups by id and EVSE id, and the station endpoints' queries.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use connect_domain::geo::{ClusterId, GeoError, StationIndex, TileFeature};
use connect_domain::station::{Evse, EvseStatus, Station, StationFilter};
use connect_domain::zone::Coordinates;

use super::{DatasetError, bundled_stations};

/// Stations, indexed for the API's station endpoints: `details` (by station or EVSE id),
/// `around`, `tile` and `partners`.
///
/// # Examples
/// ```
/// use connect_domain::station::StationFilter;
/// use connect_domain::zone::Coordinates;
/// use connect_fake::stations::StationDirectory;
///
/// let directory = StationDirectory::bundled(7)?;
/// let worms = Coordinates { latitude: 49.630383, longitude: 8.368902 };
/// let now = "2026-04-02T13:51:18Z".parse()?;
/// let around = directory.around(worms, 100.0, &StationFilter::default(), now)?;
/// assert_eq!(around[0].0.name, "EVA Charge");
/// let (station, evse) = directory.station_by_evse("DE*CIQ*EELDF6XWZU41P*2").unwrap();
/// assert_eq!(station.id.as_str(), "DE*CIQ*EELDF6XWZU41P");
/// assert_eq!(evse.connectors[0].power_kw, Some(22.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct StationDirectory {
    stations: Vec<Station>,
    index: StationIndex,
    by_id: HashMap<String, usize>,
    /// EVSE id → (station, EVSE) positions.
    by_evse: HashMap<String, (usize, usize)>,
}

/// Why stations cannot make a directory.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DirectoryError {
    /// Two stations have the same id.
    #[error("two stations have the id {id:?}")]
    DuplicateStationId {
        /// The id.
        id: String,
    },
    /// Two EVSEs have the same EVSE id.
    #[error("two EVSEs have the id {evse_id:?}")]
    DuplicateEvseId {
        /// The EVSE id.
        evse_id: String,
    },
    /// A station's position is not a valid WGS 84 position.
    #[error("station {station:?}: {error}")]
    InvalidPosition {
        /// The station's id.
        station: String,
        /// What is wrong.
        error: GeoError,
    },
}

/// An operator of the partners list (`GET /stations/partners/`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Partner {
    /// The name, as the `operators` filter takes it.
    pub name: String,
    /// The logo.
    pub logo_url: Option<String>,
}

impl StationDirectory {
    /// A directory of these stations.
    ///
    /// # Errors
    /// [`DirectoryError`] for duplicate station or EVSE ids, or an invalid position.
    pub fn new(stations: Vec<Station>) -> Result<Self, DirectoryError> {
        let mut by_id = HashMap::with_capacity(stations.len());
        let mut by_evse = HashMap::with_capacity(stations.len() * 2);
        for (s, station) in stations.iter().enumerate() {
            if by_id.insert(station.id.as_str().to_owned(), s).is_some() {
                return Err(DirectoryError::DuplicateStationId {
                    id: station.id.as_str().to_owned(),
                });
            }
            for (e, evse) in station.evses.iter().enumerate() {
                if by_evse
                    .insert(evse.evse_id.as_str().to_owned(), (s, e))
                    .is_some()
                {
                    return Err(DirectoryError::DuplicateEvseId {
                        evse_id: evse.evse_id.as_str().to_owned(),
                    });
                }
            }
        }
        let positions: Vec<Coordinates> = stations.iter().map(|s| s.coordinates).collect();
        let index = StationIndex::new(&positions).map_err(|error| {
            let station = match &error {
                GeoError::InvalidPosition { index, .. } => stations
                    .get(*index)
                    .map(|s| s.id.as_str().to_owned())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            DirectoryError::InvalidPosition { station, error }
        })?;
        Ok(Self {
            stations,
            index,
            by_id,
            by_evse,
        })
    }

    /// The bundled stations of [`bundled_stations`]`(seed)`.
    ///
    /// # Errors
    /// Those of [`bundled_stations`].
    pub fn bundled(seed: u64) -> Result<Self, DatasetError> {
        Self::new(bundled_stations(seed)?).map_err(DatasetError::Directory)
    }

    /// Every station, in the order given. Tile features and [`around`](Self::around)
    /// answers refer to these positions.
    pub fn stations(&self) -> &[Station] {
        &self.stations
    }

    /// The index over the stations' positions.
    pub fn index(&self) -> &StationIndex {
        &self.index
    }

    /// A station by id (`details?type=station_id`).
    pub fn station(&self, id: &str) -> Option<&Station> {
        self.by_id.get(id).map(|&s| &self.stations[s])
    }

    /// The station of an EVSE, and the EVSE (`details?type=evse_id`).
    pub fn station_by_evse(&self, evse_id: &str) -> Option<(&Station, &Evse)> {
        self.by_evse
            .get(evse_id)
            .map(|&(s, e)| (&self.stations[s], &self.stations[s].evses[e]))
    }

    /// Sets an EVSE's status; the previous one, or `None` if there is no such EVSE.
    pub fn set_evse_status(&mut self, evse_id: &str, status: EvseStatus) -> Option<EvseStatus> {
        let &(s, e) = self.by_evse.get(evse_id)?;
        Some(std::mem::replace(
            &mut self.stations[s].evses[e].status,
            status,
        ))
    }

    /// The stations within `radius_m` metres of `center` that pass `filter` (prices judged
    /// at `now`), nearest first, with their distance in metres.
    ///
    /// # Errors
    /// Those of [`StationIndex::around`].
    pub fn around(
        &self,
        center: Coordinates,
        radius_m: f64,
        filter: &StationFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<(&Station, f64)>, GeoError> {
        let everything = filter.is_empty();
        let found = self.index.around(center, radius_m, |i| {
            everything || filter.matches(&self.stations[i], now)
        })?;
        Ok(found
            .into_iter()
            .map(|(i, distance)| (&self.stations[i], distance))
            .collect())
    }

    /// The features of a map tile over the stations that pass `filter` (prices judged at
    /// `now`); a feature's index is a position in [`stations`](Self::stations).
    ///
    /// # Errors
    /// Those of [`StationIndex::tile`].
    pub fn tile(
        &self,
        z: u32,
        x: u32,
        y: u32,
        filter: &StationFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<TileFeature>, GeoError> {
        let everything = filter.is_empty();
        self.index.tile(z, x, y, |i| {
            everything || filter.matches(&self.stations[i], now)
        })
    }

    /// The stations of a cluster of a tile made with the same filter and instant.
    pub fn cluster_members(
        &self,
        id: ClusterId,
        filter: &StationFilter,
        now: DateTime<Utc>,
    ) -> Vec<&Station> {
        let everything = filter.is_empty();
        self.index
            .cluster_members(id, |i| everything || filter.matches(&self.stations[i], now))
            .into_iter()
            .map(|i| &self.stations[i])
            .collect()
    }

    /// The partner operators, by name, each once (with the first logo found).
    pub fn partners(&self) -> Vec<Partner> {
        let mut partners: Vec<Partner> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for station in self.stations.iter().filter(|s| s.is_partner) {
            if seen.insert(station.operator.name.as_str()) {
                partners.push(Partner {
                    name: station.operator.name.clone(),
                    logo_url: station.logo_url.clone(),
                });
            }
        }
        partners.sort();
        partners
    }
}
