//! The station endpoints: not user-scoped, but behind the same token.

use async_trait::async_trait;
use connect_domain::station::{Station, StationFilter};
use connect_domain::zone::Coordinates;
use serde::{Deserialize, Serialize};

use crate::{Gateway, Page, PageRequest};

/// `GET /stations/around/`: stations within `distance_m` of a point.
#[derive(Debug, Clone, PartialEq)]
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

/// `GET /stations/tile/`: one slippy-map tile.
#[derive(Debug, Clone, PartialEq)]
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

/// One feature of a map tile: a station, or a cluster of stations close together at this
/// zoom.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MapFeature {
    /// A single station.
    Station(Box<Station>),
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
        /// Its first station (speed and status of a cluster are its first station's).
        first: Box<Station>,
    },
}

/// A partner operator, for the `operators` filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    /// The name the filter takes.
    pub name: String,
    /// The operator's logo.
    pub logo_url: Option<String>,
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
