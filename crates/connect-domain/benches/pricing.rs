//! Benchmarks of the pricing engine (`cargo xtask bench`).
//!
//! - `estimate`: a typical tariff (five components, two or three bands a day) for a 1-hour
//!   and a 7-day session, under both band policies. The 7-day session charges slowly for
//!   the whole week, so it crosses every band boundary of every component: the target is
//!   under 20× the 1-hour session (cost grows with boundaries crossed, not minutes).
//! - `per_second_baseline`: the same sessions priced the naive way, one band lookup per
//!   second and component, as the ratio's baseline.
//! - `cheapest_start`: the best start over 24 hours.
//! - `read_price_group`: reading the typical price group (the fixture above, five
//!   components) with `PriceGroup::from_json`, against two baselines measured in the same
//!   run: parsing the same text into a `serde_json::Value`, and merely validating its JSON
//!   syntax (`IgnoredAny`). Target: ≤ 3 µs, "at the speed of parsing JSON". Also the
//!   one-band price group of the API's worked example (`docs_example`) and the group of the
//!   docs' example station (`docs_station`: energy and blocking fee, every field), each
//!   with its own syntax-only baseline.
//! - `bands`: reading (building the schedule and checking overlaps of) a price group of
//!   10, 100, 1,000 and 10,000 kWh bands, either all identical (every pair overlaps) or
//!   one price per day on consecutive dates. Target: 10,000 bands under 50 ms; the time
//!   per band should stay about flat (O(n log n)).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use connect_domain::charging::{ChargingPlan, Session};
use connect_domain::pricing::{
    BandPolicy, BlockingBasis, PricingOptions, cheapest_start, estimate, price_at,
};
use connect_domain::tariff::{ComponentKind, PriceGroup};
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

const TYPICAL: &str = include_str!("../fixtures/typical-price-group.json");
const ZONE: Tz = chrono_tz::Europe::Berlin;

fn group() -> PriceGroup {
    let parsed = PriceGroup::from_json(TYPICAL).expect("the fixture parses");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed.value
}

/// Thursday 2 April 2026, 15:51:18 in Berlin.
fn start() -> DateTime<Utc> {
    DateTime::from_timestamp(1_775_137_878, 0).expect("a valid instant")
}

/// 22 kWh at 22 kW, plugged out 15 minutes after charging completes.
fn one_hour() -> ChargingPlan {
    ChargingPlan::ConstantPower {
        energy_kwh: Decimal::from(22),
        power_kw: Decimal::from(22),
        plug_out: Some(start() + Duration::minutes(75)),
    }
}

/// 3.7 kW for a whole week: every band boundary of every component is crossed.
fn seven_days() -> ChargingPlan {
    ChargingPlan::ConstantPower {
        energy_kwh: Decimal::new(6216, 1),
        power_kw: Decimal::new(37, 1),
        plug_out: Some(start() + Duration::days(7)),
    }
}

fn options(policy: BandPolicy) -> PricingOptions {
    PricingOptions::new(policy, BlockingBasis::SessionStart, false)
}

/// The naive way: look up every component's band once per second of the session.
fn per_second(group: &PriceGroup, plan: &ChargingPlan) -> Decimal {
    let (session, _) = Session::new(start(), plan).expect("a valid plan");
    let seconds = (session.plug_out() - session.start()).num_seconds();
    let charging = (session.charging_end() - session.start()).num_seconds();
    let kwh_per_second = session.energy_kwh() / Decimal::from(charging.max(1));
    let mut total = Decimal::ZERO;
    for second in 0..seconds {
        let at = session.start() + Duration::seconds(second);
        for price in price_at(group.tariff(), ZONE, at) {
            total += match price.component {
                ComponentKind::Energy if second < charging => price.net_price * kwh_per_second,
                ComponentKind::Time if second < charging => price.net_price / Decimal::from(3600),
                ComponentKind::Blocking if second >= 240 * 60 => {
                    price.net_price / Decimal::from(3600)
                }
                _ => Decimal::ZERO,
            };
        }
    }
    total
}

fn bench_estimate(c: &mut Criterion) {
    let group = group();
    let mut bench = c.benchmark_group("estimate");
    for (name, plan) in [("1h", one_hour()), ("7d", seven_days())] {
        for (policy_name, policy) in [
            ("frozen_at_start", BandPolicy::FrozenAtStart),
            ("per_moment", BandPolicy::PerMoment),
        ] {
            let options = options(policy);
            bench.bench_function(format!("{name}/{policy_name}"), |b| {
                b.iter(|| estimate(black_box(&group), ZONE, start(), black_box(&plan), &options));
            });
        }
    }
    bench.finish();
}

fn bench_per_second_baseline(c: &mut Criterion) {
    let group = group();
    let mut bench = c.benchmark_group("per_second_baseline");
    bench.sample_size(10);
    for (name, plan) in [("1h", one_hour()), ("7d", seven_days())] {
        bench.bench_function(name, |b| b.iter(|| per_second(black_box(&group), &plan)));
    }
    bench.finish();
}

fn bench_cheapest_start(c: &mut Criterion) {
    let group = group();
    let plan = ChargingPlan::ConstantPower {
        energy_kwh: Decimal::from(40),
        power_kw: Decimal::from(11),
        plug_out: Some(start() + Duration::hours(6)),
    };
    let mut bench = c.benchmark_group("cheapest_start");
    for (policy_name, policy) in [
        ("frozen_at_start", BandPolicy::FrozenAtStart),
        ("per_moment", BandPolicy::PerMoment),
    ] {
        let options = options(policy);
        bench.bench_function(format!("24h/{policy_name}"), |b| {
            b.iter(|| {
                cheapest_start(
                    black_box(&group),
                    ZONE,
                    start(),
                    start() + Duration::hours(24),
                    &plan,
                    &options,
                )
            });
        });
    }
    bench.finish();
}

/// A price group of `n` kWh bands: identical ones, or one price per date.
fn many_bands(n: usize, daily: bool) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let bands: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let day = |k: usize| (first + chrono::Days::new(k as u64)).to_string();
            let (from, to, price) = if daily {
                (
                    Some(day(i)),
                    Some(day(i + 1)),
                    format!("0.{:04}", i % 10_000),
                )
            } else {
                (None, None, "0.40".to_owned())
            };
            serde_json::json!({"time_from": "06:00", "time_to": "22:00", "date_from": from,
                "date_to": to, "gross_price": price, "user_facing_price": null,
                "grace_period_minutes": null, "tax": 19, "blocking_cap": null})
        })
        .collect();
    serde_json::json!({"currency": "EUR", "pre_authorization_amount": "30.00",
                       "prices": {"kwh_price": {"ALL": bands}}})
    .to_string()
}

fn bench_bands(c: &mut Criterion) {
    let mut bench = c.benchmark_group("bands");
    bench.sample_size(10);
    for n in [10, 100, 1_000, 10_000] {
        for (name, daily) in [("identical", false), ("daily", true)] {
            let json = many_bands(n, daily);
            assert!(PriceGroup::from_json(&json).is_ok());
            bench.throughput(criterion::Throughput::Elements(n as u64));
            bench.bench_function(format!("{name}/{n}"), |b| {
                b.iter(|| PriceGroup::from_json(black_box(&json)));
            });
        }
    }
    bench.finish();
}

/// The price group of the API's worked example (README, `docs/pricing.md`): one energy band,
/// 0.4529 €/kWh net at 19 %. The API's documentation shows no whole price group; this is
/// the one the README's request carries, compact as the API sends it.
const DOCS_EXAMPLE: &str = r#"{"currency":"eur","pre_authorization_amount":"50.00","prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,"date_to":null,"gross_price":"0.4529","user_facing_price":"0.54","grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#;

/// The price group of the docs' example station (Worms, 22 kW AC, 19 %): an energy band of
/// 0.1950 net (0.23 shown) and a blocking fee of 4.02 an hour (0.08 a minute) with no
/// grace, every field of a group as a station answer carries it.
const DOCS_STATION: &str = r#"{"type":"AC","power":22,"evse_ids":["DE*CIQ*EELDF6XWZU41P*1","DE*CIQ*EELDF6XWZU41P*2"],"currency":"eur","pre_authorization_amount":"50.00","is_fallback":false,"local_datetime":"2026-04-02T15:51:18+02:00","prices":{"kwh_price":{"ALL":[{"time_from":"00:00","time_to":"00:00","date_from":"2020-01-01","date_to":null,"gross_price":"0.1950","user_facing_price":"0.23","grace_period_minutes":null,"tax":19,"blocking_cap":null}]},"time_price":null,"blocking_fee":{"ALL":[{"time_from":null,"time_to":null,"date_from":"2020-01-01","date_to":null,"gross_price":"4.02","user_facing_price":"0.08","grace_period_minutes":0,"tax":19,"blocking_cap":null}]},"session_fee":null,"starting_fee":null}}"#;

fn bench_read_price_group(c: &mut Criterion) {
    let mut bench = c.benchmark_group("read_price_group");
    bench.bench_function("from_json", |b| {
        b.iter(|| PriceGroup::from_json(black_box(TYPICAL)));
    });
    let docs = PriceGroup::from_json(DOCS_EXAMPLE).expect("the docs' example reads");
    assert!(docs.warnings.is_empty(), "{:?}", docs.warnings);
    bench.bench_function("from_json/docs_example", |b| {
        b.iter(|| PriceGroup::from_json(black_box(DOCS_EXAMPLE)));
    });
    let station = PriceGroup::from_json(DOCS_STATION).expect("the docs' station's group reads");
    assert!(station.warnings.is_empty(), "{:?}", station.warnings);
    bench.bench_function("from_json/docs_station", |b| {
        b.iter(|| PriceGroup::from_json(black_box(DOCS_STATION)));
    });
    bench.bench_function("baseline/syntax_only/docs_station", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(DOCS_STATION)));
    });
    bench.bench_function("baseline/syntax_only/docs_example", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(DOCS_EXAMPLE)));
    });
    bench.bench_function("baseline/serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(TYPICAL)));
    });
    bench.bench_function("baseline/syntax_only", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(TYPICAL)));
    });
    bench.finish();
}

criterion_group!(
    benches,
    bench_read_price_group,
    bench_bands,
    bench_estimate,
    bench_per_second_baseline,
    bench_cheapest_start
);
criterion_main!(benches);
