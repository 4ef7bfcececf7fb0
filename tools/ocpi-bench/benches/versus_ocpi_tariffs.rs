//! Our engine against `ocpi-tariffs` 0.48 on the same random requests, in one criterion run
//! (`cargo xtask bench-ocpi`). Each iteration prices every request once:
//!
//! - `ours`: reads the price group's JSON text (`PriceGroup::from_json`) and estimates the
//!   session (`per_moment`, blocking grace from the end of charging: OCPI's way);
//! - `ocpi_tariffs`: parses the same group as an OCPI tariff and the session as a CDR, and
//!   prices it (`ocpi_crosscheck::price`, what the cross-check runs).
//!
//! Then it prints the ratio of the two (target: ours ≥ 20× faster). The requests come from
//! `OCPI_BENCH_REQUESTS` (a file of `cargo xtask estimate-requests`), the first
//! `OCPI_BENCH_COUNT` of them (default 1,000); requests `ocpi-tariffs` refuses are left out
//! of both sides, and reported.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::PathBuf;

use connect_domain::pricing::{BandPolicy, BlockingBasis, PricingOptions, estimate};
use connect_domain::tariff::PriceGroup;
use criterion::{Criterion, Throughput};
use ocpi_bench::Case;

fn cases() -> Vec<Case> {
    let path = std::env::var("OCPI_BENCH_REQUESTS")
        .expect("OCPI_BENCH_REQUESTS: a file of `cargo xtask estimate-requests`");
    let count: usize = std::env::var("OCPI_BENCH_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let text = std::fs::read_to_string(&path).expect("the requests file reads");
    let mut cases = Vec::new();
    let mut refused = Vec::new();
    for line in text.lines().take(count) {
        let case = ocpi_bench::case(line).expect("a request of estimate-requests");
        match ocpi_crosscheck::price(case.zone, &case.tariff_json, &case.cdr_json) {
            Ok(_) => cases.push(case),
            Err(error) => refused.push(error),
        }
    }
    eprintln!(
        "{} requests from {path}; ocpi-tariffs refused {}{}",
        cases.len(),
        refused.len(),
        refused
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default()
    );
    cases
}

fn ours(cases: &[Case], options: &PricingOptions) -> usize {
    let mut priced = 0;
    for case in cases {
        let group = PriceGroup::from_json(black_box(&case.group_json)).unwrap();
        if estimate(&group.value, case.zone, case.start, &case.plan, options).is_ok() {
            priced += 1;
        }
    }
    priced
}

fn theirs(cases: &[Case]) -> usize {
    cases
        .iter()
        .filter(|case| {
            ocpi_crosscheck::price(
                case.zone,
                black_box(&case.tariff_json),
                black_box(&case.cdr_json),
            )
            .is_ok()
        })
        .count()
}

/// The mean time criterion saved for a benchmark, in nanoseconds.
fn mean(id: &str) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let path = target.join("criterion").join(id).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["mean"]["point_estimate"].as_f64()
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let cases = cases();
    let options = PricingOptions::new(
        BandPolicy::PerMoment,
        BlockingBasis::ChargingComplete,
        false,
    );
    assert_eq!(ours(&cases, &options), cases.len(), "our engine priced all");
    let mut group = criterion.benchmark_group("versus_ocpi_tariffs");
    group.throughput(Throughput::Elements(cases.len() as u64));
    group.sample_size(10);
    group.bench_function("ours", |b| b.iter(|| ours(&cases, &options)));
    group.bench_function("ocpi_tariffs", |b| b.iter(|| theirs(&cases)));
    group.finish();
    criterion.final_summary();
    if let (Some(ours), Some(theirs)) = (
        mean("versus_ocpi_tariffs/ours"),
        mean("versus_ocpi_tariffs/ocpi_tariffs"),
    ) {
        let per = |ns: f64| ns / cases.len() as f64 / 1_000.0;
        println!(
            "per request: ours {:.2} µs, ocpi-tariffs {:.2} µs; ratio {:.1}x (target >= 20x)",
            per(ours),
            per(theirs),
            theirs / ours
        );
    }
}
