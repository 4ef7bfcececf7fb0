//! The station endpoints: details, around, partners, tiles.

use connect_domain::geo::{Tile, distance_m};
use connect_domain::station::{ConnectorStandard, Speed, StationFilter};
use connect_domain::zone::Coordinates;
use connect_ports::{AroundQuery, ErrorKind, MapFeature, PageRequest, StationLookup, TileQuery};

#[allow(clippy::wildcard_imports)]
use super::prelude::*;
use super::{assert_names_field, ok, page, refused};
use crate::contract::Harness;
use crate::contract::fixtures::{
    WORMS_EVSE, WORMS_EVSE_1, WORMS_LATITUDE, WORMS_LONGITUDE, WORMS_STATION,
};

fn worms() -> Coordinates {
    Coordinates {
        latitude: WORMS_LATITUDE,
        longitude: WORMS_LONGITUDE,
    }
}

fn around(distance_m: f64, filter: StationFilter) -> AroundQuery {
    AroundQuery::new(worms(), distance_m).with_filter(filter)
}

fn tile_of_worms(z: u32) -> TileQuery {
    let tile = Tile::containing(worms(), z).expect("a valid position");
    TileQuery::new(z, tile.x(), tile.y())
}

/// A station by its id and by one of its EVSEs' ids is the same station; unknown ids are
/// 404s.
pub async fn station_details_by_station_id_and_by_evse_id<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let by_station = ok(
        "by station id",
        api.station_details(&StationLookup::StationId(WORMS_STATION.into()))
            .await,
    );
    assert_eq!(by_station.id.as_str(), WORMS_STATION);
    assert_eq!(by_station.name, "EVA Charge");
    assert!(by_station.is_partner);
    assert_eq!(by_station.country, "DE");
    assert!((by_station.coordinates.latitude - WORMS_LATITUDE).abs() < 1e-6);
    assert!((by_station.coordinates.longitude - WORMS_LONGITUDE).abs() < 1e-6);
    let evses: Vec<&str> = by_station
        .evses
        .iter()
        .map(|evse| evse.evse_id.as_str())
        .collect();
    assert_eq!(evses, [WORMS_EVSE_1, WORMS_EVSE]);
    assert_eq!(by_station.evses[1].connectors[0].power_kw, Some(22.0));
    assert_eq!(by_station.price_groups.len(), 1);
    for evse in [WORMS_EVSE, WORMS_EVSE_1] {
        let by_evse = ok(
            "by EVSE id",
            api.station_details(&StationLookup::EvseId(evse.into()))
                .await,
        );
        assert_eq!(by_evse, by_station, "{evse}");
    }
    for lookup in [
        StationLookup::StationId("no-such-station".into()),
        StationLookup::EvseId("no-such-evse".into()),
        StationLookup::StationId(WORMS_EVSE.into()),
        StationLookup::EvseId(WORMS_STATION.into()),
    ] {
        refused(
            &format!("{lookup:?}"),
            api.station_details(&lookup).await,
            404,
            &ErrorKind::NotFound,
        );
    }
}

/// Around a point: within the distance (100 m by the docs' example: only Worms), nearest
/// first, paginated with the count of all, and filtered (only partners).
pub async fn stations_around_are_nearest_first_and_filtered<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let near = ok(
        "within 100 m",
        api.stations_around(
            &around(100.0, StationFilter::default()),
            PageRequest::default(),
        )
        .await,
    );
    assert_eq!(near.count, 1);
    assert_eq!(near.items[0].id.as_str(), WORMS_STATION);

    let wide = ok(
        "within 5 km",
        api.stations_around(&around(5000.0, StationFilter::default()), page(1, 1000))
            .await,
    );
    assert!(wide.count > 3, "{}", wide.count);
    assert_eq!(wide.items.len() as u64, wide.count);
    assert_eq!(wide.items[0].id.as_str(), WORMS_STATION, "nearest first");
    let distances: Vec<f64> = wide
        .items
        .iter()
        .map(|station| distance_m(worms(), station.coordinates))
        .collect();
    assert!(
        distances.windows(2).all(|pair| pair[0] <= pair[1] + 1e-6),
        "nearest first: {distances:?}"
    );
    assert!(distances.iter().all(|d| *d <= 5000.0 + 1.0));

    // The same stations, two at a time.
    let mut paged = Vec::new();
    let mut number = 1;
    loop {
        let got = ok(
            "a page around",
            api.stations_around(&around(5000.0, StationFilter::default()), page(number, 2))
                .await,
        );
        assert_eq!(got.count, wide.count);
        paged.extend(got.items.iter().map(|s| s.id.clone()));
        if !got.has_next() {
            break;
        }
        number += 1;
    }
    let all: Vec<_> = wide.items.iter().map(|s| s.id.clone()).collect();
    assert_eq!(paged, all);
    refused(
        "the page past the last",
        api.stations_around(
            &around(5000.0, StationFilter::default()),
            page(number + 1, 2),
        )
        .await,
        404,
        &ErrorKind::NotFound,
    );

    let partners = ok(
        "only partners",
        api.stations_around(
            &around(
                5000.0,
                StationFilter {
                    only_partners: true,
                    ..StationFilter::default()
                },
            ),
            page(1, 1000),
        )
        .await,
    );
    assert!(partners.count >= 1 && partners.count <= wide.count);
    assert!(partners.items.iter().all(|station| station.is_partner));
    assert!(
        partners
            .items
            .iter()
            .any(|s| s.id.as_str() == WORMS_STATION)
    );
    let expected = wide.items.iter().filter(|s| s.is_partner).count() as u64;
    assert_eq!(partners.count, expected, "exactly the partner stations");
}

/// The partner operators: each once, by name, the docs' station's operator among them.
pub async fn partners_list_the_partner_operators<H: Harness>() {
    let world = H::world().await;
    let partners = ok("partners", world.me.api.partners().await);
    assert!(!partners.is_empty());
    let names: Vec<&str> = partners.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"EVA Charge"), "{names:?}");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, names, "sorted, each once");
}

/// The tile holding Worms: at zoom 14 the station itself (or its cluster) is there; at zoom
/// 8 nearby stations are clustered (count ≥ 2, splitting at a deeper zoom), and the tile
/// stands for at least as many stations as the zoom-14 tile inside it.
pub async fn map_tiles_show_stations_up_close_and_clusters_far_out<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let count = |features: &[MapFeature]| -> u64 { features.iter().map(MapFeature::count).sum() };
    let close = ok("zoom 14", api.map_tile(&tile_of_worms(14)).await);
    let worms_station = close.iter().find_map(|feature| match feature {
        MapFeature::Station { id, summary, .. } if id.as_str() == WORMS_STATION => Some(summary),
        _ => None,
    });
    // What the tile says of it: what a map draws, with nothing made up.
    let summary = worms_station.unwrap_or_else(|| panic!("no Worms station at zoom 14: {close:?}"));
    assert!(
        summary.speed.is_some() && summary.status.is_some(),
        "{summary:?}"
    );
    assert!(
        summary
            .operator
            .as_deref()
            .is_some_and(|name| !name.is_empty())
    );
    let far = ok("zoom 8", api.map_tile(&tile_of_worms(8)).await);
    let clusters: Vec<(u64, u8)> = far
        .iter()
        .filter_map(|feature| match feature {
            MapFeature::Cluster {
                count,
                expansion_zoom,
                ..
            } => Some((*count, *expansion_zoom)),
            _ => None,
        })
        .collect();
    assert!(!clusters.is_empty(), "zoom 8 clusters: {far:?}");
    for (count, expansion_zoom) in &clusters {
        assert!(*count >= 2);
        assert!(*expansion_zoom > 8);
    }
    assert!(
        count(&far) >= count(&close),
        "the zoom-8 tile holds the zoom-14 one"
    );
    let bounds = Tile::containing(worms(), 8).expect("a tile").bounds();
    for feature in &far {
        let at = feature.coordinates();
        assert!(bounds.contains(at), "{at:?} outside the tile");
    }
}

/// Positions, radii and tiles out of range are 400 `validation_error`s naming the parameter.
pub async fn bad_positions_and_tiles_are_validation_errors<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let validation = ErrorKind::Validation;
    let cases = [
        (
            "latitude",
            AroundQuery::new(
                Coordinates {
                    latitude: 91.0,
                    longitude: 8.0,
                },
                100.0,
            ),
        ),
        (
            "longitude",
            AroundQuery::new(
                Coordinates {
                    latitude: 49.0,
                    longitude: 181.0,
                },
                100.0,
            ),
        ),
        ("distance", around(-5.0, StationFilter::default())),
    ];
    for (field, query) in cases {
        let error = refused(
            field,
            api.stations_around(&query, PageRequest::default()).await,
            400,
            &validation,
        );
        assert_names_field(field, &error, field);
    }
    let error = refused(
        "zoom 30",
        api.map_tile(&TileQuery::new(30, 1, 1)).await,
        400,
        &validation,
    );
    assert_names_field("zoom 30", &error, "z");
    let error = refused(
        "x outside zoom 2",
        api.map_tile(&TileQuery::new(2, 99, 1)).await,
        400,
        &validation,
    );
    assert_names_field("x outside zoom 2", &error, "x");
    // A filter value outside the API's lists is refused, not read as a filter nothing
    // matches (an empty answer a partner would take for "no stations here").
    let unknown_standard = StationFilter {
        connector_standards: vec![ConnectorStandard::parse("PLUG")],
        ..StationFilter::default()
    };
    let error = refused(
        "connector type PLUG",
        api.stations_around(
            &around(500.0, unknown_standard.clone()),
            PageRequest::default(),
        )
        .await,
        400,
        &validation,
    );
    assert_names_field("connector type PLUG", &error, "connector_types");
    let unknown_speed = StationFilter {
        power_groups: vec![Speed::parse("warp")],
        ..StationFilter::default()
    };
    let error = refused(
        "power group warp",
        api.map_tile(&tile_of_worms(14).with_filter(unknown_speed))
            .await,
        400,
        &validation,
    );
    assert_names_field("power group warp", &error, "power_groups");
}
