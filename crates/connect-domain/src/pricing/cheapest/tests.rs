//! The search's shortcut under `frozen_at_start` (one totals computation per distinct set
//! of start bands) against the full estimate at every candidate start.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{FrozenTotals, candidate_starts, candidate_totals, cheapest_start};
use crate::charging::ChargingPlan;
use crate::pricing::{BandPolicy, BlockingBasis, PricingOptions, estimate};
use crate::tariff::PriceGroup;

const KEYS: [&str; 5] = [
    "kwh_price",
    "time_price",
    "blocking_fee",
    "session_fee",
    "starting_fee",
];

/// The bands of one day key: `[cut_i, cut_i+1)` from midnight round to midnight, each with a
/// price of up to 4 decimals, a VAT rate, and (blocking only) a grace period and a cap.
fn day(blocking: bool) -> impl Strategy<Value = Value> {
    let cuts = proptest::collection::btree_set(1..96_u32, 0..=3);
    let band = (
        0..=40_000_i64,
        select(vec!["0", "7.7", "19", "20"]),
        select(vec![None, Some(0), Some(15), Some(240)]),
        select(vec![None, Some("2.50"), Some("10.00")]),
    );
    cuts.prop_flat_map(move |cuts| {
        let mut edges = vec![0];
        edges.extend(cuts.into_iter().map(|quarter| quarter * 15));
        edges.push(1440);
        let count = edges.len() - 1;
        (Just(edges), proptest::collection::vec(band.clone(), count))
    })
    .prop_map(move |(edges, bands)| {
        let hhmm = |minutes: u32| format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60);
        let items: Vec<Value> = edges
            .windows(2)
            .zip(bands)
            .map(|(edge, (price, tax, grace, cap))| {
                json!({
                    "time_from": hhmm(edge[0]), "time_to": hhmm(edge[1]),
                    "date_from": null, "date_to": null,
                    "gross_price": Decimal::new(price, 4).to_string(),
                    "user_facing_price": null,
                    "grace_period_minutes": if blocking { grace.map(Value::from) } else { None },
                    "tax": tax.parse::<f64>().ok(),
                    "blocking_cap": if blocking { cap } else { None },
                })
            })
            .collect();
        Value::Array(items)
    })
}

/// A price group with each component present or not, `ALL` and sometimes a `SATURDAY` key.
fn group() -> impl Strategy<Value = PriceGroup> {
    let components: Vec<_> = KEYS
        .iter()
        .map(|key| {
            let blocking = *key == "blocking_fee";
            proptest::option::weighted(0.7, (day(blocking), proptest::option::of(day(blocking))))
        })
        .collect();
    components.prop_filter_map("a valid price group", |components| {
        let mut prices = serde_json::Map::new();
        for (key, days) in KEYS.iter().zip(components) {
            let Some((all, saturday)) = days else {
                continue;
            };
            let mut keys = serde_json::Map::new();
            keys.insert("ALL".into(), all);
            if let Some(saturday) = saturday {
                keys.insert("SATURDAY".into(), saturday);
            }
            prices.insert((*key).into(), Value::Object(keys));
        }
        let document = json!({
            "currency": "EUR", "pre_authorization_amount": "50", "prices": prices,
        });
        PriceGroup::from_value(&document)
            .ok()
            .map(|parsed| parsed.value)
    })
}

fn options() -> impl Strategy<Value = PricingOptions> {
    (
        select(vec![BandPolicy::FrozenAtStart, BandPolicy::PerMoment]),
        select(vec![
            BlockingBasis::SessionStart,
            BlockingBasis::ChargingComplete,
        ]),
        any::<bool>(),
    )
        .prop_map(|(policy, basis, partner)| PricingOptions::new(policy, basis, partner))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn reused_totals_equal_the_full_estimate_at_every_candidate_start(
        group in group(),
        zone in select(vec![
            chrono_tz::Europe::Berlin, chrono_tz::Australia::Lord_Howe,
            chrono_tz::America::St_Johns, chrono_tz::Europe::Dublin,
        ]),
        second in 0..366 * 86_400_i64,
        micros in prop_oneof![Just(0_i64), 1..1_000_000_i64],
        window in 0..=24 * 3600_i64,
        (milli_kwh, deci_kw, idle) in (0..=60_000_i64, 11..=1500_i64, proptest::option::of(0..=6 * 3600_i64)),
        options in options(),
    ) {
        let zone: Tz = zone;
        let earliest: DateTime<Utc> = "2026-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap_or_default()
            + Duration::seconds(second) + Duration::microseconds(micros);
        let latest = earliest + Duration::seconds(window);
        let plan = ChargingPlan::ConstantPower {
            energy_kwh: Decimal::new(milli_kwh, 3),
            power_kw: Decimal::new(deci_kw, 1),
            plug_out: idle.map(|idle| earliest + Duration::hours(8) + Duration::seconds(idle)),
        };
        let starts = candidate_starts(&group, zone, earliest, latest, &plan, options)?;
        let reused = candidate_totals(&group, zone, earliest, &starts, &plan, options, Some(FrozenTotals::default()))?;
        let computed = candidate_totals(&group, zone, earliest, &starts, &plan, options, None)?;
        prop_assert_eq!(&reused, &computed);
        let now = estimate(&group, zone, earliest, &plan, &options)?;
        let seeded = FrozenTotals::seeded(&group, zone, earliest, &now);
        let reused_from_now = candidate_totals(&group, zone, earliest, &starts, &plan, options, Some(seeded))?;
        prop_assert_eq!(&reused_from_now, &computed);
        for (start, (exact, rounded)) in reused {
            let full = estimate(&group, zone, start, &plan.shifted(start - earliest), &options)?;
            prop_assert_eq!(exact, full.exact_total, "exact total at {}", start);
            prop_assert_eq!(rounded, full.cost.invoice_summary, "total at {}", start);
        }
        // And the search answers with what it found.
        let best = cheapest_start(&group, zone, earliest, latest, &plan, &options)?;
        prop_assert_eq!(best.candidates, starts.len());
    }
}

#[test]
fn a_day_of_candidates_has_few_distinct_start_bands() {
    // Why the shortcut pays: 24 hours of a two-band tariff give many candidate starts (each
    // band edge meets each session event) but only the two bands' totals to compute.
    let group = PriceGroup::from_json(
        r#"{"currency":"EUR","pre_authorization_amount":"50","prices":{"kwh_price":{"ALL":[
        {"time_from":"07:00","time_to":"22:00","date_from":null,"date_to":null,
         "gross_price":"0.50","user_facing_price":null,"grace_period_minutes":null,"tax":19,
         "blocking_cap":null},
        {"time_from":"22:00","time_to":"07:00","date_from":null,"date_to":null,
         "gross_price":"0.30","user_facing_price":null,"grace_period_minutes":null,"tax":19,
         "blocking_cap":null}]}}}"#,
    )
    .map(|parsed| parsed.value);
    let Ok(group) = group else {
        panic!("the tariff should parse: {group:?}")
    };
    let earliest: DateTime<Utc> = "2026-07-01T12:00:00Z".parse().unwrap_or_default();
    let plan = ChargingPlan::ConstantPower {
        energy_kwh: Decimal::from(20),
        power_kw: Decimal::from(11),
        plug_out: None,
    };
    let zone = chrono_tz::Europe::Berlin;
    let options = PricingOptions::default();
    let latest = earliest + Duration::hours(24);
    let starts = candidate_starts(&group, zone, earliest, latest, &plan, options);
    let starts = starts.unwrap_or_default();
    assert!(starts.len() > 6, "{starts:?}");
    let distinct: std::collections::BTreeSet<String> = starts
        .iter()
        .filter_map(|start| super::start_bands(&group, zone, *start))
        .map(|bands| format!("{bands:?}"))
        .collect();
    assert_eq!(distinct.len(), 2);
}
