//! Benchmarks of the station index (`cargo bench -p connect-domain --bench geo`).
//!
//! Two datasets:
//! - `bundled`: the sandbox's stations (the Bundesnetzagentur's 9,690 charging devices),
//!   read from `crates/connect-fake/data/stations.tsv` (only the coordinates; this crate does
//!   not depend on `connect-fake`).
//! - `synthetic_1m`: 1,000,000 positions from a seeded LCG, clustered like real cities:
//!   2,000 "cities" across Europe with Zipf-distributed sizes and spreads growing with
//!   size (1 to 12 km), 85 % of the positions in cities, 15 % scattered.
//!
//! Queries are centred on positions of the dataset (so they fall where stations are, as a
//! map user's do), a different one each iteration, cycling through 1,024 of them.
//!
//! Targets: `around` 5 km under 50 µs median; `tile` at zoom 8 and 14 under 2 ms; building
//! the 1M index under 5 s.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]

use std::hint::black_box;
use std::time::Instant;

use connect_domain::geo::{StationIndex, Tile, TileFeature};
use connect_domain::zone::Coordinates;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const QUERIES: usize = 1024;

/// A 64-bit LCG (Knuth's MMIX constants): the same positions on every run and machine.
struct Lcg(u64);

impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1_u64 << 53) as f64
    }

    fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// A standard normal deviate (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(f64::MIN_POSITIVE);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

fn synthetic(count: usize, seed: u64) -> Vec<Coordinates> {
    let mut rng = Lcg(seed);
    let cities: Vec<(f64, f64, f64, f64)> = (0..2_000)
        .map(|rank| {
            let weight = 1.0 / (f64::from(rank) + 1.0);
            // Spread in km: 12 km for the largest city, 1 km for the smallest.
            let spread_km = 1.0 + 11.0 * weight.sqrt();
            (
                rng.range(36.0, 70.0),
                rng.range(-10.0, 30.0),
                weight,
                spread_km,
            )
        })
        .collect();
    let total: f64 = cities.iter().map(|c| c.2).sum();
    let mut cumulative = Vec::with_capacity(cities.len());
    let mut sum = 0.0;
    for city in &cities {
        sum += city.2 / total;
        cumulative.push(sum);
    }
    (0..count)
        .map(|_| {
            if rng.unit() < 0.15 {
                return Coordinates {
                    latitude: rng.range(36.0, 70.0),
                    longitude: rng.range(-10.0, 30.0),
                };
            }
            let pick = rng.unit();
            let i = cumulative
                .partition_point(|&c| c < pick)
                .min(cities.len() - 1);
            let (lat, lon, _, spread_km) = cities[i];
            let dlat = rng.normal() * spread_km / 111.2;
            let dlon = rng.normal() * spread_km / (111.2 * lat.to_radians().cos());
            Coordinates {
                latitude: (lat + dlat).clamp(-90.0, 90.0),
                longitude: (lon + dlon).clamp(-180.0, 180.0),
            }
        })
        .collect()
}

/// The bundled stations' coordinates (cells 5 and 6 of the `S` lines; an empty cell
/// repeats the line above).
fn bundled() -> Vec<Coordinates> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../connect-fake/data/stations.tsv"
    );
    let text = std::fs::read_to_string(path).expect("the bundled dataset");
    let (mut lat, mut lon) = (String::new(), String::new());
    text.lines()
        .filter(|line| line.starts_with("S\t"))
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            if !cells[5].is_empty() {
                cells[5].clone_into(&mut lat);
            }
            if !cells[6].is_empty() {
                cells[6].clone_into(&mut lon);
            }
            Coordinates {
                latitude: lat.parse().unwrap(),
                longitude: lon.parse().unwrap(),
            }
        })
        .collect()
}

fn centres(points: &[Coordinates]) -> Vec<Coordinates> {
    let mut rng = Lcg(0x5eed);
    (0..QUERIES)
        .map(|_| points[(rng.unit() * points.len() as f64) as usize % points.len()])
        .collect()
}

/// Per-query latency over the 1,024 centres (each query timed as the median of 5 runs):
/// the median and the 90th and 100th percentiles, in µs.
fn latencies(mut query: impl FnMut(usize) -> usize) -> String {
    let mut times: Vec<f64> = (0..QUERIES)
        .map(|i| {
            let mut runs: Vec<f64> = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    black_box(query(i));
                    start.elapsed().as_secs_f64() * 1e6
                })
                .collect();
            runs.sort_by(f64::total_cmp);
            runs[2]
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    format!(
        "p50 {:.1} µs, p90 {:.1} µs, max {:.1} µs",
        at(0.5),
        at(0.9),
        at(1.0)
    )
}

/// Prints what the queries return on average, and their per-query latency percentiles.
fn report(name: &str, index: &StationIndex, centres: &[Coordinates]) {
    let around: usize = centres
        .iter()
        .map(|&c| index.around(c, 5_000.0, |_| true).unwrap().len())
        .sum();
    let tiles = |z: u32| -> (usize, usize) {
        centres.iter().fold((0, 0), |(features, stations), &c| {
            let t = Tile::containing(c, z).unwrap();
            let f = index.tile(z, t.x(), t.y(), |_| true).unwrap();
            (
                features + f.len(),
                stations + f.iter().map(TileFeature::count).sum::<usize>(),
            )
        })
    };
    let (f8, s8) = tiles(8);
    let (f14, s14) = tiles(14);
    let n = centres.len();
    eprintln!(
        "{name}: {} positions; per query on average: around 5 km {} stations; \
         tile z8 {} features for {} stations; tile z14 {} features for {} stations",
        index.len(),
        around / n,
        f8 / n,
        s8 / n,
        f14 / n,
        s14 / n
    );
    let around = latencies(|i| index.around(centres[i], 5_000.0, |_| true).unwrap().len());
    eprintln!("{name}: around 5 km per query: {around}");
    for z in [8, 14] {
        let tile = latencies(|i| {
            let t = Tile::containing(centres[i], z).unwrap();
            index.tile(z, t.x(), t.y(), |_| true).unwrap().len()
        });
        eprintln!("{name}: tile z{z} per query: {tile}");
    }
}

fn queries(c: &mut Criterion, name: &str, points: &[Coordinates]) {
    let index = StationIndex::new(points).unwrap();
    let centres = centres(points);
    report(name, &index, &centres);
    let tiles = |z: u32| -> Vec<Tile> {
        centres
            .iter()
            .map(|&p| Tile::containing(p, z).unwrap())
            .collect()
    };
    let (z8, z14) = (tiles(8), tiles(14));
    // A filter as the API applies it: a per-station flag (here: two stations in three).
    let flags: Vec<bool> = (0..points.len()).map(|i| !i.is_multiple_of(3)).collect();

    let mut group = c.benchmark_group("geo");
    let mut i = 0;
    group.bench_function(format!("around_5km/{name}"), |b| {
        b.iter(|| {
            i = (i + 1) % QUERIES;
            black_box(index.around(centres[i], 5_000.0, |_| true).unwrap())
        });
    });
    group.bench_function(format!("around_5km_filtered/{name}"), |b| {
        b.iter(|| {
            i = (i + 1) % QUERIES;
            black_box(index.around(centres[i], 5_000.0, |s| flags[s]).unwrap())
        });
    });
    for (zoom, tiles) in [(8, &z8), (14, &z14)] {
        group.bench_function(format!("tile_z{zoom}/{name}"), |b| {
            b.iter(|| {
                i = (i + 1) % QUERIES;
                let t = tiles[i];
                black_box(index.tile(zoom, t.x(), t.y(), |_| true).unwrap())
            });
        });
        group.bench_function(format!("tile_z{zoom}_filtered/{name}"), |b| {
            b.iter(|| {
                i = (i + 1) % QUERIES;
                let t = tiles[i];
                black_box(index.tile(zoom, t.x(), t.y(), |s| flags[s]).unwrap())
            });
        });
    }
    group.finish();
}

fn bench_bundled(c: &mut Criterion) {
    queries(c, "bundled", &bundled());
}

fn bench_synthetic(c: &mut Criterion) {
    let points = synthetic(1_000_000, 0xC0FF_EE00);
    queries(c, "synthetic_1m", &points);
    let mut group = c.benchmark_group("geo");
    group.sample_size(10);
    group.bench_function("build/synthetic_1m", |b| {
        b.iter_batched(
            || points.clone(),
            |points| black_box(StationIndex::new(&points).unwrap()),
            BatchSize::LargeInput,
        );
    });
    let start = Instant::now();
    black_box(StationIndex::new(&points).unwrap());
    eprintln!(
        "synthetic_1m: one build took {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    group.bench_function("build/bundled", |b| {
        let bundled = bundled();
        b.iter(|| black_box(StationIndex::new(&bundled).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, bench_bundled, bench_synthetic);
criterion_main!(benches);
