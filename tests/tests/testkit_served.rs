//! connect-testkit's served sandbox: the client charges over HTTP, and the bill it reads
//! back through the wire format still matches the engine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use connect_domain::tariff::PriceGroup;
use connect_ports::{Charging, StartCharging};
use connect_testkit::check::{assert_bill_matches_engine, session_prices_match};
use connect_testkit::sandbox::{TestEvse, TestSandbox};
use rust_decimal::Decimal;

const EVSE: &str = "PT*TST*E1*1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_charged_through_the_client_is_billed_as_the_engine_prices_it() {
    // Lisbon, across the October DST change: 0.30 €/kWh until 02:00 local, 0.50 after,
    // plus a blocking fee after 30 minutes, 23 % VAT.
    let group = PriceGroup::from_json(
        r#"{"type":"AC","power":11,"evse_ids":["PT*TST*E1*1"],"currency":"EUR",
        "pre_authorization_amount":"50.00","local_datetime":"2026-10-25T00:30:00+01:00",
        "prices":{"kwh_price":{"ALL":[
          {"time_from":null,"time_to":"02:00","date_from":null,"date_to":null,
           "gross_price":"0.30","user_facing_price":"0.37","grace_period_minutes":null,
           "tax":23,"blocking_cap":null},
          {"time_from":"02:00","time_to":null,"date_from":null,"date_to":null,
           "gross_price":"0.50","user_facing_price":"0.62","grace_period_minutes":null,
           "tax":23,"blocking_cap":null}]},
         "blocking_fee":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
           "date_to":null,"gross_price":"6.00","user_facing_price":"0.12",
           "grace_period_minutes":30,"tax":23,"blocking_cap":"5.00"}]}}}"#,
    )
    .unwrap()
    .value;
    let zone = chrono_tz::Europe::Lisbon;
    let power = Decimal::from(11);
    let evse = TestEvse::new(EVSE, group.clone(), zone).power_kw(power);
    let sandbox = TestSandbox::new(11, "2026-10-24T23:30:00Z".parse().unwrap(), [evse]).unwrap();
    let driver = sandbox.driver().unwrap();
    let served = sandbox.serve().await.unwrap();

    let request = StartCharging::new(EVSE, driver.payment_method.clone());
    let started = served
        .client
        .start_charging(&driver.user, request)
        .await
        .unwrap();
    session_prices_match(&started, &group, zone).unwrap();
    sandbox.advance(Duration::hours(9));
    served
        .client
        .stop_charging(&driver.user, &started.id)
        .await
        .unwrap();
    sandbox.api().deliver_cdr(&started.id).unwrap();
    let billed = served
        .client
        .session(&driver.user, &started.id)
        .await
        .unwrap();

    let expected = assert_bill_matches_engine(&billed, &group, zone, Some(power));
    // Nine hours plugged in: the cap holds the blocking fee.
    assert_eq!(
        billed.bill.unwrap().cost.blocking_fee_cost,
        Decimal::new(500, 2)
    );
    assert!(expected.blocking_cap_applied.is_some());
}
