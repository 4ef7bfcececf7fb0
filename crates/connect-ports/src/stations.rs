//! The station endpoints: not user-scoped, but behind the same token.

use async_trait::async_trait;
use connect_domain::station::{Station, StationFilter, StationId, StationSummary};
use connect_domain::zone::Coordinates;
use serde::{Deserialize, Serialize};

use crate::{Gateway, Page, PageRequest};

/// `GET /stations/around/`: stations within `distance_m` of a point.
///
/// # Examples
/// ```
/// use connect_domain::station::StationFilter;
/// use connect_domain::zone::Coordinates;
/// use connect_ports::AroundQuery;
/// let worms = Coordinates { latitude: 49.630383, longitude: 8.368902 };
/// let query = AroundQuery::new(worms, 1_000.0).with_filter(StationFilter::default());
/// assert_eq!(query.distance_m, 1_000.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AroundQuery {
    /// The centre.
    pub center: Coordinates,
    /// Radius in metres (the API's default is 100).
    pub distance_m: f64,
    /// The API's filters.
    pub filter: StationFilter,
}

/// `GET /stations/details/?id=…&type=…`: one station, by its id or one of its EVSEs'.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum StationLookup {
    /// `type=station_id`.
    StationId(String),
    /// `type=evse_id`.
    EvseId(String),
}

impl AroundQuery {
    /// Stations within `distance_m` metres of `center`, unfiltered.
    pub fn new(center: Coordinates, distance_m: f64) -> Self {
        Self {
            center,
            distance_m,
            filter: StationFilter::default(),
        }
    }

    /// Only the stations `filter` lets through.
    #[must_use]
    pub fn with_filter(mut self, filter: StationFilter) -> Self {
        self.filter = filter;
        self
    }
}

/// `GET /stations/tile/`: one slippy-map tile.
///
/// # Examples
/// ```
/// use connect_ports::TileQuery;
/// let tile = TileQuery::new(8, 134, 86);
/// assert_eq!((tile.z, tile.x, tile.y), (8, 134, 86));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TileQuery {
    /// Zoom.
    pub z: u32,
    /// Column.
    pub x: u32,
    /// Row.
    pub y: u32,
    /// The API's filters.
    pub filter: StationFilter,
}

impl TileQuery {
    /// Tile `x`, `y` at zoom `z`, unfiltered.
    pub fn new(z: u32, x: u32, y: u32) -> Self {
        Self {
            z,
            x,
            y,
            filter: StationFilter::default(),
        }
    }

    /// Only the stations `filter` lets through.
    #[must_use]
    pub fn with_filter(mut self, filter: StationFilter) -> Self {
        self.filter = filter;
        self
    }
}

/// One feature of a map tile: a station, or a cluster of stations close together at this
/// zoom; each with exactly what the tile carries (a [`StationSummary`]), not a whole
/// [`Station`] (fetch its details for that).
///
/// # Examples
/// ```
/// use connect_domain::station::{StationId, StationSummary};
/// use connect_domain::zone::Coordinates;
/// use connect_ports::MapFeature;
/// let feature = MapFeature::Station {
///     id: StationId::new("DE*CIQ*EELDF6XWZU41P"),
///     coordinates: Coordinates { latitude: 49.630383, longitude: 8.368902 },
///     summary: StationSummary::default(),
/// };
/// assert_eq!(feature.count(), 1);
/// assert_eq!(feature.coordinates().latitude, 49.630383);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MapFeature {
    /// A single station.
    Station {
        /// The station (`station_id`): [`Stations::station_details`] gives the rest.
        id: StationId,
        /// Where it is.
        coordinates: Coordinates,
        /// What the tile says about it.
        summary: StationSummary,
    },
    /// Several stations.
    Cluster {
        /// Names the cluster.
        id: String,
        /// How many stations it holds.
        count: u64,
        /// Where to draw it.
        coordinates: Coordinates,
        /// The zoom at which it splits.
        expansion_zoom: u8,
        /// What the tile says about its first station (the tile does not name it).
        first: StationSummary,
    },
}

impl MapFeature {
    /// How many stations the feature stands for.
    ///
    /// # Examples
    /// ```
    /// # use connect_domain::station::StationSummary;
    /// # use connect_domain::zone::Coordinates;
    /// # use connect_ports::MapFeature;
    /// let cluster = MapFeature::Cluster {
    ///     id: "10-544-351".into(),
    ///     count: 7,
    ///     coordinates: Coordinates { latitude: 49.6, longitude: 8.4 },
    ///     expansion_zoom: 11,
    ///     first: StationSummary::default(),
    /// };
    /// assert_eq!(cluster.count(), 7);
    /// ```
    pub fn count(&self) -> u64 {
        match self {
            Self::Station { .. } => 1,
            Self::Cluster { count, .. } => *count,
        }
    }

    /// Where to draw it.
    ///
    /// # Examples
    /// ```
    /// # use connect_domain::station::{StationId, StationSummary};
    /// # use connect_domain::zone::Coordinates;
    /// # use connect_ports::MapFeature;
    /// let at = Coordinates { latitude: 49.6, longitude: 8.4 };
    /// let station = MapFeature::Station { id: StationId::new("S"), coordinates: at, summary: StationSummary::default() };
    /// assert_eq!(station.coordinates(), at);
    /// ```
    pub fn coordinates(&self) -> Coordinates {
        match self {
            Self::Station { coordinates, .. } | Self::Cluster { coordinates, .. } => *coordinates,
        }
    }

    /// What the tile says about the station, or the cluster's first station.
    ///
    /// # Examples
    /// ```
    /// # use connect_domain::station::{StationId, StationSummary};
    /// # use connect_domain::zone::Coordinates;
    /// # use connect_ports::MapFeature;
    /// let mut summary = StationSummary::default();
    /// summary.operator = Some("EVA Charge".into());
    /// let at = Coordinates { latitude: 49.6, longitude: 8.4 };
    /// let station = MapFeature::Station { id: StationId::new("S"), coordinates: at, summary: summary.clone() };
    /// assert_eq!(station.summary(), &summary);
    /// ```
    pub fn summary(&self) -> &StationSummary {
        match self {
            Self::Station { summary, .. } => summary,
            Self::Cluster { first, .. } => first,
        }
    }
}

/// A partner operator, for the `operators` filter.
///
/// # Examples
/// ```
/// use connect_ports::Partner;
/// let partner = Partner::new("EVA Charge", None);
/// assert_eq!(partner.name, "EVA Charge");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Partner {
    /// The name the filter takes.
    pub name: String,
    /// The operator's logo.
    pub logo_url: Option<String>,
}

impl Partner {
    /// The partner `name`, with its logo if it has one.
    pub fn new(name: impl Into<String>, logo_url: Option<String>) -> Self {
        Self {
            name: name.into(),
            logo_url,
        }
    }
}

/// The station endpoints.
#[async_trait]
pub trait Stations: Gateway {
    /// Stations around a point, nearest first.
    async fn stations_around(
        &self,
        query: &AroundQuery,
        page: PageRequest,
    ) -> Result<Page<Station>, Self::Error>;
    /// One station, by its id or an EVSE's.
    async fn station_details(&self, lookup: &StationLookup) -> Result<Station, Self::Error>;
    /// The partner operators.
    async fn partners(&self) -> Result<Vec<Partner>, Self::Error>;
    /// The features of one map tile.
    async fn map_tile(&self, query: &TileQuery) -> Result<Vec<MapFeature>, Self::Error>;
}
