//! `connect sandbox serve` serves the sandbox with the bundled stations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ffi::OsStr;
use std::process::Command;

mod served;

use served::Server;

/// Serves the sandbox on a free port with `extra` arguments; the server and its address.
fn serve(extra: &[&str]) -> (Server, String) {
    let (server, address, _) = serve_logged(extra);
    (server, address)
}

/// As [`serve`], with the stderr lines printed before the address.
fn serve_logged(extra: &[&str]) -> (Server, String, Vec<String>) {
    let extra: Vec<&OsStr> = extra.iter().map(OsStr::new).collect();
    served::serve(&extra)
}

/// One HTTP/1.1 request on a fresh connection; the raw response.
fn request(address: &str, head: &str, body: &str) -> String {
    served::request(address, "cli-test", head, body).expect("an answer")
}

#[test]
fn the_served_sandbox_answers_and_knows_the_documented_worms_evse() {
    let (_server, address) = serve(&["--seed", "3"]);

    let users = request(&address, "GET /api/v1/users/ HTTP/1.1", "");
    assert!(users.starts_with("HTTP/1.1 200"), "{users}");
    assert!(users.contains(r#""count":0"#), "{users}");

    // The docs' Worms EVSE exists: starting there fails on billing details, not on the EVSE.
    let created = request(&address, "POST /api/v1/users/ HTTP/1.1", "{}");
    let id = created
        .split(r#""id":""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let start = request(
        &address,
        &format!("POST /api/v1/users/{id}/charging/start/ HTTP/1.1"),
        r#"{"evse_id": "DE*CIQ*EELDF6XWZU41P*2", "payment_method_id": "pm_x"}"#,
    );
    assert!(start.starts_with("HTTP/1.1 409"), "{start}");
    assert!(start.contains("billing_data_required"), "{start}");
    let unknown = request(
        &address,
        &format!("POST /api/v1/users/{id}/charging/start/ HTTP/1.1"),
        r#"{"evse_id": "XX*NOPE*E1*1", "payment_method_id": "pm_x"}"#,
    );
    assert!(unknown.starts_with("HTTP/1.1 404"), "{unknown}");
}

#[test]
fn partners_bring_their_own_stations_as_ocpi_locations() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../connect-fake/tests/data/ocpi/ndw-small-locations.json"
    );
    let (_server, address) = serve(&["--ocpi", fixture]);
    let details = request(
        &address,
        "GET /api/v1/stations/details/?id=NL*NUO*EALF*0003812*1&type=evse_id HTTP/1.1",
        "",
    );
    assert!(details.starts_with("HTTP/1.1 200"), "{details}");
    assert!(details.contains("NL*NUO*EALF*0003812*2"), "{details}");
}

fn handmade(name: &str) -> String {
    format!(
        "{}/../connect-fake/tests/data/ocpi/handmade/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn feeds_combine_and_their_warnings_are_summarised_per_kind_naming_the_file() {
    let (a, b, bad) = (
        handmade("collide-a.json"),
        handmade("collide-b.json"),
        handmade("empty-latitude.json"),
    );
    let (_server, address, log) = serve_logged(&["--ocpi", &a, "--ocpi", &b, "--ocpi", &bad]);
    let log = log.concat();
    assert!(
        log.contains("empty-latitude.json: 1 stations, 1 EVSEs, 0 tariffs (3 locations and 0 tariffs skipped, 0 unpublished)"),
        "{log}"
    );
    assert!(log.contains("warning: duplicate-location-id: 2\n"), "{log}");
    assert!(
        log.contains(
            r#"collide-b.json: data[0].id: location id "48" already taken; kept as "BE*BBB*48""#
        ),
        "{log}"
    );
    assert!(log.contains("warning: location-skipped: 3\n"), "{log}");
    // The renamed stations are served under their new ids.
    let details = request(
        &address,
        "GET /api/v1/stations/details/?id=BE*BBB*48&type=station_id HTTP/1.1",
        "",
    );
    assert!(details.starts_with("HTTP/1.1 200"), "{details}");
}

#[test]
fn strict_refuses_a_feed_listing_every_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_connect"))
        .args([
            "sandbox",
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--strict",
            "--ocpi",
        ])
        .arg(handmade("empty-latitude.json"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("empty-latitude.json: 3 errors"), "{stderr}");
    for path in [
        "data[0].coordinates.latitude",
        "data[2].id",
        "data[3].coordinates.longitude",
    ] {
        assert!(stderr.contains(path), "{stderr}");
    }
}

#[test]
fn ocpi_tariffs_price_the_stations_that_name_them_and_bands_carry_date_from() {
    let (tariffs, locations) = (
        handmade("tariffs.json"),
        handmade("tariffed-locations.json"),
    );
    let (_server, address, log) = serve_logged(&["--ocpi", &tariffs, "--ocpi", &locations]);
    let log = log.concat();
    assert!(
        log.contains(
            "tariffs.json: 0 stations, 0 EVSEs, 2 tariffs (0 locations and 1 tariffs skipped"
        ),
        "{log}"
    );
    let details = request(
        &address,
        "GET /api/v1/stations/details/?id=NL*AAA*ET1*2&type=evse_id HTTP/1.1",
        "",
    );
    assert!(details.starts_with("HTTP/1.1 200"), "{details}");
    // SIMPLE211: 0.3025 net, the Dutch 21 %, in force from its last_updated date.
    assert!(details.contains(r#""gross_price":"0.3025""#), "{details}");
    assert!(details.contains(r#""date_from":"2025-02-01""#), "{details}");
}
