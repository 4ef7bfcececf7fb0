//! The strategies generate what the API publishes, and reach the hard parts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use chrono::Duration;
use connect_domain::charging::Session;
use connect_domain::pricing::{PricingOptions, PricingWarning};
use connect_domain::tariff::PriceGroup;
use connect_testkit::strategy::{
    TariffConfig, ZONES, offset_changes, price_group, scenario, session_and_tariff,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn every_generated_price_group_parses_without_an_error_or_a_warning(
        (spec, _zone) in price_group(),
    ) {
        let json = spec.to_value();
        let parsed = PriceGroup::from_json(&json.to_string());
        prop_assert!(parsed.is_ok(), "{:?}\n{:#}", parsed, json);
        let parsed = parsed.unwrap();
        prop_assert!(parsed.warnings.is_empty(), "{:?}\n{:#}", parsed.warnings, json);
        // Every band's published user_facing_price is the one the domain displays.
        let digits = parsed.value.tariff().currency().minor_units();
        for component in parsed.value.tariff().components() {
            for band in component.all_bands() {
                prop_assert_eq!(band.user_facing_price(), band.displayed_price(digits));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_generated_scenario_prices_without_an_error(scenario in scenario()) {
        prop_assert!(Session::new(scenario.start, &scenario.plan).is_ok());
        let estimate = scenario.estimate(&PricingOptions::default())?;
        let published = scenario.tariff.local_datetime.expect("a scenario's group is published at its start");
        prop_assert_eq!(published, scenario.start.with_timezone(&scenario.zone).fixed_offset());
        prop_assert!(estimate.cost.invoice_summary >= estimate.cost.invoice_vat);
    }
}

/// Draws `samples` values deterministically.
fn sample<S: Strategy>(strategy: &S, samples: usize) -> Vec<S::Value> {
    let mut runner = TestRunner::deterministic();
    (0..samples)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

#[test]
fn the_price_groups_reach_every_field_the_api_publishes() {
    let groups = sample(&price_group(), 600);
    let mut seen = BTreeSet::new();
    for (spec, _) in &groups {
        let json = spec.to_value();
        seen.insert(format!("currency {}", json["currency"]));
        for (name, days) in json["prices"].as_object().unwrap() {
            let Some(days) = days.as_object() else {
                continue;
            };
            seen.insert(name.clone());
            for (key, bands) in days {
                seen.insert(if key == "ALL" {
                    "ALL".into()
                } else {
                    "weekday key".into()
                });
                for band in bands.as_array().unwrap() {
                    let from = band["time_from"].as_str().unwrap_or("00:00");
                    let to = band["time_to"].as_str().unwrap_or("24:00");
                    if to != "00:00" && to != "24:00" && to <= from {
                        seen.insert("overnight band".into());
                    }
                    for field in [
                        "date_from",
                        "date_to",
                        "grace_period_minutes",
                        "blocking_cap",
                    ] {
                        if !band[field].is_null() {
                            seen.insert(field.into());
                        }
                    }
                    if band["tax"].as_f64().is_some_and(|tax| tax.fract() != 0.0) {
                        seen.insert("fractional VAT".into());
                    }
                }
            }
        }
        if json["is_fallback"] == true {
            seen.insert("fallback".into());
        }
    }
    for expected in [
        "kwh_price",
        "time_price",
        "blocking_fee",
        "session_fee",
        "starting_fee",
        "ALL",
        "weekday key",
        "overnight band",
        "date_from",
        "date_to",
        "grace_period_minutes",
        "blocking_cap",
        "fractional VAT",
        "fallback",
        "currency \"EUR\"",
        "currency \"eur\"",
        "currency \"JPY\"",
        "currency \"KWD\"",
    ] {
        assert!(
            seen.contains(expected),
            "never generated: {expected}; saw {seen:?}"
        );
    }
}

#[test]
fn the_sessions_reach_every_zone_midnights_and_dst_changes() {
    let pairs = sample(&session_and_tariff(4, 8 * 3600, TariffConfig::ANY), 600);
    let zones: BTreeSet<_> = pairs
        .iter()
        .map(|(session, _)| session.zone.name())
        .collect();
    assert_eq!(zones.len(), ZONES.len(), "{zones:?}");
    let across_dst = pairs
        .iter()
        .filter(|(s, _)| s.crosses_offset_change())
        .count();
    // Three of the ten zones (Kolkata, Kathmandu, Tehran) have no change in the year:
    // about one session in ten crosses one.
    assert!(
        across_dst * 12 > pairs.len(),
        "across a DST change: {across_dst}"
    );
    let across_midnight = pairs
        .iter()
        .filter(|(s, _)| s.local_date() != s.end().with_timezone(&s.zone).date_naive())
        .count();
    assert!(
        across_midnight * 4 > pairs.len(),
        "across local midnight: {across_midnight}"
    );
    let lord_howe = pairs
        .iter()
        .any(|(s, _)| s.zone == chrono_tz::Australia::Lord_Howe && s.crosses_offset_change());
    assert!(lord_howe, "no session across Lord Howe's half-hour change");
}

#[test]
fn scenarios_include_costly_capped_and_uncovered_sessions() {
    let scenarios = sample(&scenario(), 400);
    let (mut paid, mut capped, mut uncovered) = (0, 0, 0);
    for scenario in &scenarios {
        let estimate = scenario.estimate(&PricingOptions::default()).unwrap();
        paid += usize::from(!estimate.cost.invoice_summary.is_zero());
        capped += usize::from(estimate.blocking_cap_applied.is_some());
        uncovered += usize::from(estimate.warnings.iter().any(|w| {
            matches!(
                w,
                PricingWarning::UncoveredTime { .. } | PricingWarning::NoBandAtStart { .. }
            )
        }));
    }
    assert!(paid * 2 > scenarios.len(), "paid: {paid}");
    assert!(capped > 0, "capped: {capped}");
    assert!(uncovered * 20 > scenarios.len(), "uncovered: {uncovered}");
}

#[test]
fn offset_changes_are_found_to_the_second_in_every_zone() {
    for zone in ZONES {
        for change in offset_changes(zone, 2026) {
            let before = (change - Duration::seconds(1)).with_timezone(&zone);
            let after = change.with_timezone(&zone);
            assert_ne!(
                before.offset().to_string(),
                after.offset().to_string(),
                "{zone} {change}"
            );
        }
    }
    // Lord Howe Island moves by half an hour; New York on other dates than Europe.
    let lord_howe = offset_changes(chrono_tz::Australia::Lord_Howe, 2026);
    assert_eq!(lord_howe.len(), 2);
    let new_york = offset_changes(chrono_tz::America::New_York, 2026);
    assert_eq!(new_york[0].to_rfc3339(), "2026-03-08T07:00:00+00:00");
    assert_eq!(new_york[1].to_rfc3339(), "2026-11-01T06:00:00+00:00");
}
