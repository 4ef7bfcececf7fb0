//! The station endpoints over HTTP, on the bundled stations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_server::AppState;
use reqwest::StatusCode;
use serde_json::Value;

async fn serve() -> String {
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    let stations = Arc::new(StationDirectory::bundled(7).unwrap());
    let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock, stations);
    connect_server::spawn_on_loopback(AppState::new(sandbox))
        .await
        .unwrap()
}

async fn get(base: &str, path: &str) -> (StatusCode, Value) {
    let response = connect_tests::http_client()
        .get(format!("{base}{path}"))
        .bearer_auth("stations")
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn around_details_partners_and_tiles_answer_from_the_bundled_stations() {
    let base = serve().await;
    // The docs' example: around Worms.
    let (status, page) = get(
        &base,
        "/api/v1/stations/around/?latitude=49.630383&longitude=8.368902&distance=100",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let worms = &page["results"][0];
    assert_eq!(worms["name"], "EVA Charge");
    assert_eq!(worms["coordinates"]["latitude"], "49.630383");
    assert_eq!(worms["is_partner"], true);
    assert!(
        worms["evses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["evse_id"] == "DE*CIQ*EELDF6XWZU41P*2")
    );
    let group = &worms["price_groups"][0];
    assert_eq!(
        group["prices"]["kwh_price"]["ALL"][0]["user_facing_price"],
        "0.54"
    );

    // Farther out, nearest first; only partners narrows it.
    let (_, wide) = get(
        &base,
        "/api/v1/stations/around/?latitude=49.630383&longitude=8.368902&distance=5000&page_size=50",
    )
    .await;
    assert!(wide["count"].as_u64().unwrap() > 1, "{wide}");
    let (_, partners_only) = get(&base, "/api/v1/stations/around/?latitude=49.630383&longitude=8.368902&distance=5000&only_partners=true&page_size=50").await;
    assert!(
        partners_only["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["is_partner"] == true)
    );

    let (status, by_evse) = get(
        &base,
        "/api/v1/stations/details/?id=DE*CIQ*EELDF6XWZU41P*2&type=evse_id",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(by_evse["name"], "EVA Charge");
    let id = by_evse["id"].as_str().unwrap();
    let (_, by_id) = get(
        &base,
        &format!("/api/v1/stations/details/?id={id}&type=station_id"),
    )
    .await;
    assert_eq!(by_id, by_evse);
    let (status, _) = get(&base, "/api/v1/stations/details/?id=nope&type=station_id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, partners) = get(&base, "/api/v1/stations/partners/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        partners
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == worms["operator"]["name"])
    );

    // The tile holding Worms at zoom 14 shows the station itself; zoom 6 clusters.
    let (status, close) = get(&base, "/api/v1/stations/tile/?x=8572&y=5582&z=14").await;
    assert_eq!(status, StatusCode::OK, "{close}");
    assert_eq!(close["type"], "FeatureCollection");
    let features = close["features"].as_array().unwrap();
    assert!(
        features
            .iter()
            .any(|f| f["properties"]["count"] == 1 && f["station_id"].is_string()),
        "{close}"
    );
    let (_, far) = get(&base, "/api/v1/stations/tile/?x=33&y=21&z=6").await;
    let clusters: Vec<&Value> = far["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["cluster_id"].is_string())
        .collect();
    assert!(!clusters.is_empty(), "{far}");
    for cluster in clusters {
        assert!(cluster["properties"]["count"].as_u64().unwrap() >= 2);
        assert!(cluster["properties"]["expansion_zoom"].as_i64().unwrap() > 6);
        assert_eq!(
            cluster["geometry"]["coordinates"].as_array().unwrap().len(),
            2
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_positions_and_tiles_are_400s_naming_the_parameter() {
    let base = serve().await;
    let (status, body) = get(&base, "/api/v1/stations/around/?latitude=91&longitude=8").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"].as_str().unwrap().starts_with("latitude"),
        "{body}"
    );
    let (status, body) = get(&base, "/api/v1/stations/around/?longitude=8").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"].as_str().unwrap().starts_with("latitude"),
        "{body}"
    );
    let (status, body) = get(&base, "/api/v1/stations/tile/?x=1&y=1&z=30").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["detail"].as_str().unwrap().starts_with('z'), "{body}");
    let (status, _) = get(&base, "/api/v1/stations/tile/?x=99&y=1&z=2").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = get(&base, "/api/v1/stations/details/?id=x&type=plug").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// A connector type or power group outside the document's `enum`, or a typed parameter
/// given empty, is refused as DRF's fields refuse it, not read as a filter nothing matches
/// or as absent (found by the conformance run on real stations).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filter_values_outside_the_api_lists_are_400s_naming_the_parameter() {
    let base = serve().await;
    for (query, parameter) in [
        (
            "around/?latitude=52.52&longitude=13.4&connector_types=PLUG",
            "connector_types",
        ),
        (
            "tile/?x=137&y=84&z=8&connector_types=IEC_62196_T2&connector_types=x",
            "connector_types",
        ),
        ("tile/?x=137&y=84&z=8&power_groups=warp", "power_groups"),
        // Given but empty is not a value of the parameter's type (DRF refuses it).
        ("tile/?x=137&y=84&z=8&power_groups=", "power_groups"),
        ("tile/?x=137&y=84&z=8&only_available=", "only_available"),
        ("tile/?x=137&y=84&z=8&max_price=", "max_price"),
        (
            "around/?latitude=52.52&longitude=13.4&distance=",
            "distance",
        ),
    ] {
        let (status, body) = get(&base, &format!("/api/v1/stations/{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(
            body["detail"].as_str().unwrap().starts_with(parameter),
            "{query}: {body}"
        );
    }
    let (status, body) = get(
        &base,
        "/api/v1/stations/tile/?x=137&y=84&z=8&connector_types=IEC_62196_T2&power_groups=slow",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body["features"].as_array().unwrap().is_empty(), "{body}");
}

#[test]
fn every_bundled_station_publishes_all_its_price_groups() {
    let directory = StationDirectory::bundled(7).unwrap();
    let now = "2026-04-02T13:51:18Z".parse().unwrap();
    for station in directory.stations() {
        let wire = connect_wire::domain::station_to_wire(station, now);
        assert_eq!(
            wire.price_groups.len(),
            station.price_groups.len(),
            "{}",
            station.id.as_str()
        );
        for group in &wire.price_groups {
            assert_eq!(
                group
                    .local_datetime()
                    .map(|local| local.offset().local_minus_utc()),
                Some(7200),
                "Berlin in April"
            );
        }
    }
}
