//! Benchmarks of the OCPI loader (`cargo bench -p connect-fake --bench ocpi`).
//!
//! - `load`: the PowerGo 2.2 fixture (1.2 MB, 489 locations, 1,776 EVSEs) through
//!   `Feeds::add` and `Feeds::finish` (stations with prices), against a baseline measured in
//!   the same run: parsing the same bytes into one `serde_json::Value`, which is what the
//!   loader replaced and what any reader must at least do. The ratio says how much the
//!   stations (zones, sanity checks, ids, price groups) cost over plain JSON.
//! - `tariffs`: converting the hand-made tariffs fixture (every dimension and restriction)
//!   for its station: the minute-by-minute first-match cut.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use connect_fake::stations::ocpi::{FeedOptions, Feeds};
use criterion::{Criterion, criterion_group, criterion_main};

const POWERGO: &[u8] = include_bytes!("../tests/data/ocpi/ocpi_2_2_locations_powergo.json");
const TARIFFS: &[u8] = include_bytes!("../tests/data/ocpi/handmade/tariffs.json");
const TARIFFED: &[u8] = include_bytes!("../tests/data/ocpi/handmade/tariffed-locations.json");

fn load(c: &mut Criterion) {
    let time = chrono::DateTime::UNIX_EPOCH;
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.bench_function("powergo_stations_with_prices", |b| {
        b.iter(|| {
            let mut feeds = Feeds::new(FeedOptions::default());
            feeds.add("powergo", black_box(POWERGO), time).unwrap();
            feeds.finish().unwrap()
        });
    });
    group.bench_function("baseline_powergo_as_one_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(POWERGO)).unwrap());
    });
    group.finish();
}

fn tariffs(c: &mut Criterion) {
    let time = chrono::DateTime::UNIX_EPOCH;
    c.bench_function("tariffs/every_dimension_and_restriction", |b| {
        b.iter(|| {
            let mut feeds = Feeds::new(FeedOptions::default());
            feeds.add("tariffs", black_box(TARIFFS), time).unwrap();
            feeds.add("locations", black_box(TARIFFED), time).unwrap();
            feeds.finish().unwrap()
        });
    });
}

criterion_group!(benches, load, tariffs);
criterion_main!(benches);
