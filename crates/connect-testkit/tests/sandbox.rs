//! The sandbox helper bills as the engine prices, and the checks fail when they should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use connect_domain::pricing::Explanation;
use connect_domain::tariff::PriceGroup;
use connect_testkit::check::{
    Mismatch, assert_bill_matches_engine, bill_matches_engine, not_below_estimate,
    session_prices_match,
};
use connect_testkit::sandbox::{SandboxError, TestEvse, TestSandbox};
use connect_testkit::strategy::{price_group, start_near_anchor};
use proptest::prelude::*;
use rust_decimal::Decimal;

const EVSE: &str = "DE*TST*E1*1";

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_sandbox_bill_matches_the_engine_and_its_frozen_prices(
        ((spec, zone), start) in price_group()
            .prop_flat_map(|(spec, zone)| (Just((spec, zone)), start_near_anchor(zone))),
        seed in any::<u64>(),
        minutes in 0..=16 * 60_i64,
        is_partner in any::<bool>(),
    ) {
        let group = spec.group();
        let evse = TestEvse::new(EVSE, group.clone(), zone)
            .power_kw(spec.power_kw)
            .partner(is_partner);
        let sandbox = TestSandbox::new(seed, start, [evse])?;
        let driver = sandbox.driver()?;
        let session = sandbox.start(&driver, EVSE)?;
        session_prices_match(&session, &group, zone)?;
        sandbox.advance(Duration::minutes(minutes));
        let billed = sandbox.stop_and_bill(&driver, &session)?;
        bill_matches_engine(&billed, &group, zone, Some(spec.power_kw))?;
    }
}

fn group(prices: &str) -> PriceGroup {
    PriceGroup::from_json(&format!(
        r#"{{"currency":"EUR","pre_authorization_amount":"50","prices":{prices}}}"#
    ))
    .unwrap()
    .value
}

/// 0.4529 €/kWh and 3.00 €/h of charging, 19 % VAT.
fn energy_and_time() -> PriceGroup {
    group(
        r#"{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
        "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
        "grace_period_minutes":null,"tax":19,"blocking_cap":null}]},
        "time_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
        "date_to":null,"gross_price":"3.00","user_facing_price":"0.06",
        "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}"#,
    )
}

fn sandbox(group: PriceGroup) -> TestSandbox {
    let evse = TestEvse::new(EVSE, group, chrono_tz::Europe::Berlin);
    TestSandbox::new(7, "2026-04-02T13:51:18Z".parse().unwrap(), [evse]).unwrap()
}

#[test]
fn a_tampered_bill_is_reported_field_by_field() {
    let sandbox = sandbox(energy_and_time());
    let driver = sandbox.driver().unwrap();
    let mut session = sandbox
        .charge(&driver, EVSE, Duration::minutes(20))
        .unwrap();
    let zone = chrono_tz::Europe::Berlin;
    let kw = Some(Decimal::from(22));
    assert_bill_matches_engine(&session, &energy_and_time(), zone, kw);
    let bill = session.bill.as_mut().unwrap();
    bill.cost.kwh_cost += Decimal::new(1, 2);
    bill.cost.invoice_summary += Decimal::new(1, 2);
    let Err(Mismatch::BillDiffers { differences, .. }) =
        bill_matches_engine(&session, &energy_and_time(), zone, kw)
    else {
        panic!("a bill one cent off must not match");
    };
    let fields: Vec<_> = differences.iter().map(|d| d.field).collect();
    assert_eq!(fields, ["kwh_cost", "invoice_summary"]);
    assert_eq!(differences[0].delta, Decimal::new(1, 2));
    let message = bill_matches_engine(&session, &energy_and_time(), zone, kw)
        .unwrap_err()
        .to_string();
    assert!(message.contains("kwh_cost: engine"), "{message}");
    assert!(message.contains("(+0.01)"), "{message}");
}

#[test]
fn the_charging_end_matters_when_the_car_waits_after_charging() {
    // 22 kW for 5 hours: the car is full after at most 60 kWh (under 3 hours), then waits.
    // Charged evenly until the end would be more charging time than there was.
    let sandbox = sandbox(energy_and_time());
    let driver = sandbox.driver().unwrap();
    let session = sandbox.charge(&driver, EVSE, Duration::hours(5)).unwrap();
    let zone = chrono_tz::Europe::Berlin;
    assert!(
        bill_matches_engine(&session, &energy_and_time(), zone, Some(Decimal::from(22))).is_ok()
    );
    let Err(Mismatch::BillDiffers { differences, .. }) =
        bill_matches_engine(&session, &energy_and_time(), zone, None)
    else {
        panic!("charging time until the end must differ from the bill");
    };
    assert_eq!(differences[0].field, "time_cost");
    assert!(differences[0].delta.is_sign_negative(), "{differences:?}");
}

#[test]
fn a_bill_priced_from_the_displayed_price_is_explained() {
    let sandbox = sandbox(energy_and_time());
    let driver = sandbox.driver().unwrap();
    let mut session = sandbox
        .charge(&driver, EVSE, Duration::minutes(30))
        .unwrap();
    // 11 kWh: 11 × 0.4529 × 1.19 = 5.93; 11 × 0.54 displayed = 5.94.
    assert_eq!(session.consumed_energy_kwh, Some(Decimal::new(11_000, 3)));
    let bill = session.bill.as_mut().unwrap();
    assert_eq!(bill.cost.kwh_cost, Decimal::new(593, 2));
    bill.cost.kwh_cost = Decimal::new(594, 2);
    let Err(Mismatch::BillDiffers { differences, .. }) = bill_matches_engine(
        &session,
        &energy_and_time(),
        chrono_tz::Europe::Berlin,
        Some(Decimal::from(22)),
    ) else {
        panic!("5.94 must not match 5.93");
    };
    assert!(
        differences[0]
            .explanations
            .contains(&Explanation::DisplayedPriceUsed)
    );
}

#[test]
fn an_unbilled_session_cannot_be_checked() {
    let sandbox = sandbox(energy_and_time());
    let driver = sandbox.driver().unwrap();
    let session = sandbox.start(&driver, EVSE).unwrap();
    let result = bill_matches_engine(
        &session,
        &energy_and_time(),
        chrono_tz::Europe::Berlin,
        None,
    );
    assert!(
        matches!(result, Err(Mismatch::NotBilled { .. })),
        "{result:?}"
    );
}

#[test]
fn prices_frozen_in_another_zone_are_reported() {
    // Cheap before 08:00 local, dear after: at 07:30 UTC it is 09:30 in Berlin, 08:30 in
    // Lisbon, but 03:30 in New York.
    let group = group(
        r#"{"kwh_price":{"ALL":[
        {"time_from":null,"time_to":"08:00","date_from":null,"date_to":null,
         "gross_price":"0.20","user_facing_price":"0.24","grace_period_minutes":null,
         "tax":19,"blocking_cap":null},
        {"time_from":"08:00","time_to":null,"date_from":null,"date_to":null,
         "gross_price":"0.50","user_facing_price":"0.60","grace_period_minutes":null,
         "tax":19,"blocking_cap":null}]}}"#,
    );
    let evse = TestEvse::new(EVSE, group.clone(), chrono_tz::Europe::Berlin);
    let sandbox = TestSandbox::new(1, "2026-06-01T07:30:00Z".parse().unwrap(), [evse]).unwrap();
    let driver = sandbox.driver().unwrap();
    let session = sandbox.start(&driver, EVSE).unwrap();
    assert!(session_prices_match(&session, &group, chrono_tz::Europe::Berlin).is_ok());
    let result = session_prices_match(&session, &group, chrono_tz::America::New_York);
    assert!(
        matches!(result, Err(Mismatch::PricesDiffer { .. })),
        "{result:?}"
    );
}

#[test]
fn a_displayed_total_below_the_estimate_names_the_components() {
    let sandbox = sandbox(energy_and_time());
    let driver = sandbox.driver().unwrap();
    let session = sandbox
        .charge(&driver, EVSE, Duration::minutes(30))
        .unwrap();
    let expected = assert_bill_matches_engine(
        &session,
        &energy_and_time(),
        chrono_tz::Europe::Berlin,
        Some(Decimal::from(22)),
    );
    let total = expected.cost.invoice_summary;
    assert!(not_below_estimate(total, &expected).is_ok());
    let message = not_below_estimate(total - Decimal::new(1, 2), &expected)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&format!("estimate of {total} EUR")),
        "{message}"
    );
    assert!(message.contains("energy 5.93"), "{message}");
}

#[test]
fn the_same_seed_gives_the_same_ids() {
    let ids = || {
        let sandbox = sandbox(energy_and_time());
        let driver = sandbox.driver().unwrap();
        let session = sandbox.start(&driver, EVSE).unwrap();
        (driver, session.id)
    };
    assert_eq!(ids(), ids());
}

#[test]
fn an_unknown_evse_is_the_api_s_answer() {
    let sandbox = sandbox(energy_and_time());
    let driver = sandbox.driver().unwrap();
    let error = sandbox.start(&driver, "DE*TST*NOWHERE*1").unwrap_err();
    assert!(
        matches!(&error, SandboxError::Api { operation: "start_charging", source } if source.status == 404),
        "{error:?}"
    );
    assert!(std::error::Error::source(&error).is_some());
}
