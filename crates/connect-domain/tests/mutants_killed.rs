//! Behaviours `cargo xtask mutants` (cargo-mutants on the `pricing` and `tariff` modules)
//! found untested: each test here fails on a mutant that survived the other tests.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use connect_domain::charging::ChargingPlan;
use connect_domain::pricing::{
    BandPolicy, BlockingBasis, PricingOptions, PricingWarning, estimate,
};
use connect_domain::tariff::{ComponentKind, PriceGroup};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// A DC group at 150 kW with one session fee band of `fee` (no VAT), pre-authorizing `hold`.
fn group(fee: &str, hold: &str) -> Value {
    json!({
        "type": "DC", "power": 150, "evse_ids": ["E1"], "currency": "EUR",
        "pre_authorization_amount": hold, "is_fallback": false,
        "local_datetime": "2026-01-15T12:00:00+01:00",
        "prices": {"session_fee": {"ALL": [{"time_from": null, "time_to": null,
            "date_from": "2026-01-01", "date_to": null, "gross_price": fee,
            "user_facing_price": fee, "grace_period_minutes": null, "tax": 0,
            "blocking_cap": null}]},
            "kwh_price": null, "time_price": null, "blocking_fee": null, "starting_fee": null}
    })
}

fn read(document: &Value) -> PriceGroup {
    PriceGroup::from_value(document).unwrap().value
}

#[test]
fn a_group_says_its_type_power_and_whether_it_is_a_fallback() {
    let dc = read(&group("1.00", "50.00"));
    assert_eq!(dc.kind(), Some("DC"));
    assert_eq!(dc.power_kw(), Some(150.0));
    assert!(!dc.is_fallback());
    let mut fallback = group("1.00", "50.00");
    fallback["is_fallback"] = json!(true);
    assert!(read(&fallback).is_fallback());
}

#[test]
fn groups_that_differ_in_one_field_are_not_equal() {
    let base = group("1.00", "50.00");
    assert_eq!(read(&base), read(&base));
    for (field, other) in [
        ("type", json!("AC")),
        ("power", json!(22)),
        ("evse_ids", json!(["E2"])),
        ("pre_authorization_amount", json!("60.00")),
        ("is_fallback", json!(true)),
    ] {
        let mut changed = base.clone();
        changed[field] = other;
        assert_ne!(read(&base), read(&changed), "{field}");
    }
    assert_ne!(read(&base), read(&group("2.00", "50.00")), "prices");
}

#[test]
fn a_component_written_as_text_is_refused_naming_it() {
    let mut document = group("1.00", "50.00");
    document["prices"]["kwh_price"] = json!("0.39");
    let error = PriceGroup::from_value(&document).unwrap_err();
    assert!(error.to_string().contains("kwh_price"), "{error}");
}

#[test]
fn a_total_equal_to_the_hold_does_not_exceed_it() {
    let plan = ChargingPlan::Total {
        energy_kwh: Decimal::from(10),
        charging_end: None,
        plug_out: at("2026-01-15T12:00:00Z"),
    };
    let options = PricingOptions::new(BandPolicy::PerMoment, BlockingBasis::SessionStart, false);
    let start = at("2026-01-15T11:00:00Z");
    let equal = estimate(
        &read(&group("50.00", "50.00")),
        Berlin,
        start,
        &plan,
        &options,
    )
    .unwrap();
    assert_eq!(equal.cost.invoice_summary, Decimal::from(50));
    assert!(!equal.exceeds_pre_authorization);
    let above = estimate(
        &read(&group("50.01", "50.00")),
        Berlin,
        start,
        &plan,
        &options,
    )
    .unwrap();
    assert!(above.exceeds_pre_authorization);
}

#[test]
fn an_uncovered_stretch_is_told_with_its_component_and_instants() {
    let warning = PricingWarning::UncoveredTime {
        component: ComponentKind::Energy,
        from: at("2026-01-15T11:00:00Z"),
        to: at("2026-01-15T12:00:00Z"),
    };
    assert_eq!(
        warning.to_string(),
        "kwh_price: no band covers 2026-01-15T11:00:00Z to 2026-01-15T12:00:00Z; free for this component"
    );
}

#[test]
fn a_warning_names_its_field_path_and_what_happened() {
    let mut document = group("1.00", "50.00");
    document["colour"] = json!("green");
    let parsed = PriceGroup::from_value(&document).unwrap();
    let texts: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(texts, ["colour: unknown field, ignored"]);
}
