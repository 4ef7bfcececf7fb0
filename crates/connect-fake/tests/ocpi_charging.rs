#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
//! Every OCPI station is a full sandbox station: start, progress, stop, CDR, invoice,
//! occupy and release, map tiles with prices, the `max_price` filter. The station is
//! `tests/data/ocpi/handmade/tariffed-locations.json` priced by `tariffs.json`.

mod common;
use common::ready_user_with;

use std::sync::Arc;

use chrono::Duration;
use connect_domain::account::BillingDetails;
use connect_domain::station::{EvseStatus, StationFilter};
use connect_domain::zone::Coordinates;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Connection, Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_fake::stations::ocpi::{FeedOptions, Feeds};
use connect_ports::{
    AroundQuery, Charging, Invoices, MapFeature, PageRequest, StartCharging, StationLookup,
    Stations, TileQuery,
};
use rust_decimal::Decimal;

const EVSE: &str = "NL*AAA*ET1*1";
const UTRECHT: Coordinates = Coordinates {
    latitude: 52.090_737,
    longitude: 5.121_42,
};

struct World {
    clock: Arc<ManualClock>,
    api: Connection,
}

/// The OCPI station alone, on Monday 3 March 2025 at 10:00 in Utrecht.
fn world() -> World {
    let dir = format!("{}/tests/data/ocpi/handmade", env!("CARGO_MANIFEST_DIR"));
    let mut feeds = Feeds::new(FeedOptions::default());
    for name in ["tariffs.json", "tariffed-locations.json"] {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        feeds
            .add(name, &bytes, "2025-04-01T00:00:00Z".parse().unwrap())
            .unwrap();
    }
    let (stations, _) = feeds.finish().unwrap();
    let directory = Arc::new(StationDirectory::new(stations).unwrap());
    let clock = Arc::new(ManualClock::new("2025-03-03T09:00:00Z".parse().unwrap()));
    let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock.clone(), directory);
    let api = sandbox.connect("ocpi").unwrap();
    World { clock, api }
}

fn billing() -> BillingDetails {
    BillingDetails::personal("Example", "Sample").address(
        "Stationsplein 1",
        "3511ED",
        "Utrecht",
        "nl",
    )
}

fn cents(value: i64) -> Decimal {
    Decimal::new(value, 2)
}

#[tokio::test]
async fn an_ocpi_station_charges_bills_and_invoices_at_its_converted_tariff() {
    let World { clock, api } = world();
    let (user_id, method_id) = ready_user_with(&api, billing(), "4242 4242 4242 4242").await;

    let session = api
        .start_charging(&user_id, StartCharging::new(EVSE, method_id.clone()))
        .await
        .unwrap();
    // Weekdays 08:00-20:00: 0.40 net per kWh, 21 % VAT, shown 0.48.
    assert_eq!(session.prices.kwh_price, Some(cents(48)));
    clock.advance(Duration::minutes(30));
    let progress = api.session(&user_id, &session.id).await.unwrap();
    // 22.08 kW for half an hour.
    assert_eq!(
        progress.consumed_energy_kwh,
        Some("11.040".parse().unwrap())
    );
    api.stop_charging(&user_id, &session.id).await.unwrap();
    clock.advance(Duration::seconds(61));
    let billed = api.session(&user_id, &session.id).await.unwrap();
    let cost = billed.bill.expect("the CDR has arrived").cost;
    // 11.04 kWh × 0.40 × 1.21 = 5.34; half an hour × 2.00 × 1.21 = 1.21; flat 0.50 × 1.21 =
    // 0.61; no parking within the two hours of grace.
    assert_eq!(cost.kwh_cost, cents(534));
    assert_eq!(cost.time_cost, cents(121));
    assert_eq!(cost.session_fee_cost, cents(61));
    assert_eq!(cost.blocking_fee_cost, cents(0));
    assert!(cost.starting_fee_cost > Decimal::ZERO, "not a partner");
    assert_eq!(
        cost.invoice_summary,
        cost.kwh_cost + cost.time_cost + cost.session_fee_cost + cost.starting_fee_cost
    );
    let invoices = api
        .invoices(&user_id, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(invoices.count, 1);
    assert_eq!(invoices.items[0].total, cost.invoice_summary);
}

#[tokio::test]
async fn an_ocpi_evse_can_be_occupied_and_released_and_a_seeded_one_charged_at() {
    let World { api, .. } = world();
    let status = |api: &Connection| {
        let api = api.clone();
        async move {
            let station = api
                .station_details(&StationLookup::EvseId(EVSE.into()))
                .await
                .unwrap();
            station.evse(EVSE).unwrap().status.clone()
        }
    };
    assert_eq!(status(&api).await, EvseStatus::Available);
    api.occupy_evse(EVSE).unwrap();
    assert_eq!(status(&api).await, EvseStatus::Charging);
    api.release_evse(EVSE).unwrap();
    assert_eq!(status(&api).await, EvseStatus::Available);
    // An EVSE whose tariff no file gave has a seeded one: it can be started too.
    let (user_id, method_id) = ready_user_with(&api, billing(), "4242 4242 4242 4242").await;
    let session = api
        .start_charging(&user_id, StartCharging::new("NL*AAA*ET1*3", method_id))
        .await
        .unwrap();
    assert!(session.is_active);
}

/// The slippy-map tile of a position at zoom `z`.
fn tile(position: Coordinates, z: u32) -> (u32, u32) {
    let n = f64::from(1_u32 << z);
    let x = (position.longitude + 180.0) / 360.0 * n;
    let lat = position.latitude.to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    (x as u32, y as u32)
}

#[tokio::test]
async fn tiles_show_its_price_and_max_price_filters_by_it() {
    let World { api, .. } = world();
    let (x, y) = tile(UTRECHT, 16);
    let features = api.map_tile(&TileQuery::new(16, x, y)).await.unwrap();
    let summary = features
        .iter()
        .find_map(|f| match f {
            MapFeature::Station { summary, .. } => Some(summary.clone()),
            _ => None,
        })
        .expect("the station is on its tile");
    let price = summary.price.expect("a price on the tile").price;
    assert!(price > Decimal::ZERO);
    let filtered = |max: Decimal| {
        let api = api.clone();
        async move {
            let filter = StationFilter {
                max_price: Some(max),
                ..StationFilter::default()
            };
            let query = AroundQuery::new(UTRECHT, 500.0).with_filter(filter);
            api.stations_around(&query, PageRequest::default())
                .await
                .unwrap()
                .count
        }
    };
    assert_eq!(filtered(price).await, 1);
    assert_eq!(filtered(price - cents(1)).await, 0);
}
