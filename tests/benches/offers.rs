//! Pricing every station around a user (issue 12, item 6): 500 stations, each with its own
//! price group, from the API's JSON (a `/stations/around/` page) to the ranked answer.
//!
//! The stations are the sandbox's register stations (seeded tariffs: one to three price
//! groups per station, kWh and time bands, blocking and session fees), published at a fixed
//! instant as the server writes them. Measured, in the same run:
//!
//! - `offers/json_to_ranked`: the page's JSON read into the wire type, converted into
//!   domain stations (each price group read by the domain's reader), and
//!   `connect_domain::pricing::offers` (an estimate per usable EVSE price group, the
//!   cheapest start over 24 hours of each station's best EVSE, the ranking). Target: < 5 ms.
//! - `offers/json_to_stations`: the reading alone, and `offers/ranked_only`: the pricing
//!   alone, to show where the time goes.
//!
//! `cargo bench -p connect-tests --bench offers`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::{DateTime, Utc};
use connect_domain::pricing::{PlannedCharge, offers};
use connect_domain::station::Station;
use connect_wire::page::Paginated;
use connect_wire::stations::Station as WireStation;
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

const STATIONS: usize = 500;

/// Thursday 2 April 2026, 15:51:18 in Berlin.
fn now() -> DateTime<Utc> {
    "2026-04-02T13:51:18Z".parse().unwrap()
}

/// A page of the first 500 register stations with price groups, as the API writes it.
fn page_json() -> String {
    let stations: Vec<WireStation> = connect_fake::stations::register_stations(7)
        .unwrap()
        .iter()
        .filter(|station| !station.price_groups.is_empty())
        .take(STATIONS)
        .map(|station| connect_wire::domain::station_to_wire(station, now()))
        .collect();
    assert_eq!(stations.len(), STATIONS);
    serde_json::to_string(&Paginated::single_page(stations)).unwrap()
}

fn read(json: &str) -> Vec<Station> {
    let page: Paginated<WireStation> = serde_json::from_str(json).unwrap();
    page.results
        .iter()
        .map(|station| Station::try_from(station).unwrap())
        .collect()
}

fn charge() -> PlannedCharge {
    PlannedCharge::new(Decimal::from(20), Decimal::from(50), now())
}

fn bench_offers(c: &mut Criterion) {
    let json = page_json();
    let stations = read(&json);
    let answer = offers(&stations, &charge()).unwrap();
    println!(
        "{} stations, {} bytes of JSON, {} price groups: {} offers, {} left out",
        stations.len(),
        json.len(),
        stations.iter().map(|s| s.price_groups.len()).sum::<usize>(),
        answer.offers.len(),
        answer.left_out.len()
    );
    let mut bench = c.benchmark_group("offers");
    bench.bench_function("json_to_ranked", |b| {
        b.iter(|| offers(&read(black_box(&json)), &charge()).unwrap());
    });
    bench.bench_function("json_to_stations", |b| b.iter(|| read(black_box(&json))));
    bench.bench_function("ranked_only", |b| {
        b.iter(|| offers(black_box(&stations), &charge()).unwrap());
    });
    bench.finish();
}

criterion_group!(benches, bench_offers);
criterion_main!(benches);
