//! The station endpoints, answered from the sandbox's station directory.

use async_trait::async_trait;
use std::collections::BTreeSet;

use connect_domain::geo::{GeoError, TileFeature};
use connect_domain::station::{EvseStatus, Station};
use connect_ports::{
    ApiError, AroundQuery, MapFeature, Page, PageRequest, Partner, StationLookup, Stations,
    TileQuery,
};

use crate::sandbox::Connection;
use crate::stations::StationDirectory;

const NOT_FOUND: &str = "Station not found.";

/// A position, radius or tile the geo index refuses, as a 400 naming the query parameter.
fn geo_error(error: &GeoError) -> ApiError {
    let field = match error {
        GeoError::InvalidCoordinates { field, .. } | GeoError::InvalidPosition { field, .. } => {
            field
        }
        GeoError::InvalidRadius { .. } => "distance",
        GeoError::ZoomOutOfRange { .. } => "z",
        GeoError::TileOutOfRange { .. } => "x",
        _ => "query",
    };
    ApiError::validation(field, error.to_string())
}

impl Connection {
    fn directory(&self) -> Option<&StationDirectory> {
        self.shared.stations.as_deref()
    }

    /// The EVSEs this tenant's sessions charge at, or that it occupied.
    fn busy(&self) -> BTreeSet<String> {
        self.with_tenant(|tenant, _, _| tenant.busy_evses())
    }
}

/// A station as the tenant sees it: its busy EVSEs are `CHARGING`.
fn as_seen(station: &Station, busy: &BTreeSet<String>) -> Station {
    let mut seen = station.clone();
    for evse in &mut seen.evses {
        if busy.contains(evse.evse_id.as_str()) {
            evse.status = EvseStatus::Charging;
        }
    }
    seen
}

#[async_trait]
impl Stations for Connection {
    async fn stations_around(
        &self,
        query: &AroundQuery,
        page: PageRequest,
    ) -> Result<Page<Station>, ApiError> {
        let Some(directory) = self.directory() else {
            return Ok(Page::slice(&[], page));
        };
        let (now, busy) = self.with_tenant(|tenant, _, now| (now, tenant.busy_evses()));
        let found = directory
            .around(query.center, query.distance_m, &query.filter, now)
            .map_err(|e| geo_error(&e))?;
        let seen = found.iter().map(|(station, _)| as_seen(station, &busy));
        Page::select_iter(found.len(), seen, page)
    }

    async fn station_details(&self, lookup: &StationLookup) -> Result<Station, ApiError> {
        let directory = self
            .directory()
            .ok_or_else(|| ApiError::not_found(NOT_FOUND))?;
        let station = match lookup {
            StationLookup::StationId(id) => directory.station(id),
            StationLookup::EvseId(id) => directory.station_by_evse(id).map(|(station, _)| station),
            _ => None,
        };
        station
            .map(|station| as_seen(station, &self.busy()))
            .ok_or_else(|| ApiError::not_found(NOT_FOUND))
    }

    async fn partners(&self) -> Result<Vec<Partner>, ApiError> {
        Ok(self
            .directory()
            .map(|directory| {
                directory
                    .partners()
                    .into_iter()
                    .map(|partner| Partner::new(partner.name, partner.logo_url))
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn map_tile(&self, query: &TileQuery) -> Result<Vec<MapFeature>, ApiError> {
        let Some(directory) = self.directory() else {
            return Ok(Vec::new());
        };
        let now = self.with_tenant(|_, _, now| now);
        let features = directory
            .tile(query.z, query.x, query.y, &query.filter, now)
            .map_err(|e| geo_error(&e))?;
        let stations = directory.stations();
        Ok(features
            .into_iter()
            .filter_map(|feature| match feature {
                TileFeature::Station { index, coordinates } => {
                    let station = stations.get(index)?;
                    Some(MapFeature::Station {
                        id: station.id.clone(),
                        coordinates,
                        summary: station.summary(now),
                    })
                }
                TileFeature::Cluster(cluster) => {
                    let first = stations.get(cluster.first)?;
                    Some(MapFeature::Cluster {
                        id: cluster.id.to_string(),
                        count: cluster.count as u64,
                        coordinates: cluster.coordinates,
                        expansion_zoom: cluster.expansion_zoom,
                        first: first.summary(now),
                    })
                }
            })
            .collect())
    }
}
