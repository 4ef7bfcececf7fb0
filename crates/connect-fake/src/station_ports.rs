//! The station endpoints, answered from the sandbox's station directory.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::borrow::Cow;
use std::collections::BTreeSet;

use connect_domain::geo::{GeoError, TileFeature};
use connect_domain::station::{EvseStatus, Station, StationFilter};
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

/// A filter value outside the API's lists (`connector_types`, `power_groups`), as the 400
/// the API answers, naming the parameter: the sandbox over HTTP refuses it so too.
fn refuse_unknown_filter_values(filter: &StationFilter) -> Result<(), ApiError> {
    let unknown = |field: &'static str, value: &str| {
        Err(ApiError::validation(
            field,
            format!("Select a valid choice. {value} is not one of the available choices."),
        ))
    };
    if let Some(standard) = filter.connector_standards.iter().find(|s| !s.is_known()) {
        return unknown("connector_types", standard.as_str());
    }
    if let Some(speed) = filter.power_groups.iter().find(|s| !s.is_known()) {
        return unknown("power_groups", speed.as_str());
    }
    Ok(())
}

impl Connection {
    fn directory(&self) -> Option<&StationDirectory> {
        self.shared.stations.as_deref()
    }

    /// The stations around a point as this tenant sees them, and the tenant's time, from
    /// one visit to the tenant (a server writes each station's `published_at` from it).
    ///
    /// # Errors
    /// 400 naming the query parameter the geo index refuses; 404 for a page past the last.
    pub fn stations_around_at(
        &self,
        query: &AroundQuery,
        page: PageRequest,
    ) -> Result<(Page<Station>, DateTime<Utc>), ApiError> {
        refuse_unknown_filter_values(&query.filter)?;
        let Some(directory) = self.directory() else {
            return Ok((Page::slice(&[], page), self.now()?));
        };
        let (now, busy) = self.with_tenant(|tenant, _, now| Ok((now, tenant.busy_evses()?)))?;
        let found = directory
            .around(query.center, query.distance_m, &query.filter, now)
            .map_err(|e| geo_error(&e))?;
        let seen = found
            .iter()
            .map(|(station, _)| as_seen(station, &busy).into_owned());
        Ok((Page::select_iter(found.len(), seen, page)?, now))
    }

    /// A station as this tenant sees it (its busy EVSEs `CHARGING`), and the tenant's time,
    /// from one visit to the tenant.
    ///
    /// # Errors
    /// 404 for an unknown station or EVSE.
    pub fn station_details_at(
        &self,
        lookup: &StationLookup,
    ) -> Result<(Cow<'_, Station>, DateTime<Utc>), ApiError> {
        let directory = self
            .directory()
            .ok_or_else(|| ApiError::not_found(NOT_FOUND))?;
        let station = match lookup {
            StationLookup::StationId(id) => directory.station(id),
            StationLookup::EvseId(id) => directory.station_by_evse(id).map(|(station, _)| station),
            _ => None,
        };
        let station = station.ok_or_else(|| ApiError::not_found(NOT_FOUND))?;
        let (now, busy) = self.with_tenant(|tenant, _, now| Ok((now, tenant.busy_evses()?)))?;
        Ok((as_seen(station, &busy), now))
    }
}

/// A station as the tenant sees it: its busy EVSEs are `CHARGING`. Copied only when one is
/// (a station with its price groups is the costliest part of answering for it).
fn as_seen<'a>(station: &'a Station, busy: &BTreeSet<String>) -> Cow<'a, Station> {
    let is_busy = |evse: &connect_domain::station::Evse| busy.contains(evse.evse_id.as_str());
    if !station.evses.iter().any(is_busy) {
        return Cow::Borrowed(station);
    }
    let mut seen = station.clone();
    for evse in &mut seen.evses {
        if is_busy(evse) {
            evse.status = EvseStatus::Charging;
        }
    }
    Cow::Owned(seen)
}

#[async_trait]
impl Stations for Connection {
    async fn stations_around(
        &self,
        query: &AroundQuery,
        page: PageRequest,
    ) -> Result<Page<Station>, ApiError> {
        Ok(self.stations_around_at(query, page)?.0)
    }

    async fn station_details(&self, lookup: &StationLookup) -> Result<Station, ApiError> {
        Ok(self.station_details_at(lookup)?.0.into_owned())
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
        refuse_unknown_filter_values(&query.filter)?;
        let Some(directory) = self.directory() else {
            return Ok(Vec::new());
        };
        let now = self.now()?;
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
