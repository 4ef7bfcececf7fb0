//! The sandbox behaves as the API's documentation says, operation by operation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{billing, ready_user};

use std::sync::Arc;

use chrono::Duration;
use connect_domain::account::{BillingDetails, NewUser};
use connect_domain::ids::UserId;
use connect_domain::payment::SetupKind;
use connect_domain::session::{Rating, StationInfo};
use connect_domain::tariff::PriceGroup;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Availability, EvseFacts, EvseList, Progress, Sandbox, SandboxConfig};
use connect_ports::{
    ApiError, Billing, Charging, ErrorKind, Invoices, PageRequest, Payments, StartCharging,
    UserQuery, Users,
};
use rust_decimal::Decimal;

const WORMS: &str = "DE*CIQ*EELDF6XWZU41P*2";
const BROKEN: &str = "DE*CIQ*EBROKEN*1";
const SHARED: &str = "DE*CIQ*EWBNHHLM82TLA*1";
const STEPPED: &str = "DE*PWA*EALP22541X01617*01";

fn worms_group() -> PriceGroup {
    PriceGroup::from_json(
        r#"{"type":"AC","power":22,"evse_ids":["DE*CIQ*EELDF6XWZU41P*2"],"currency":"eur",
        "pre_authorization_amount":"50.00","local_datetime":"2026-04-02T15:51:18+02:00",
        "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
        "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
        "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#,
    )
    .unwrap()
    .value
}

fn evse(evse_id: &str, availability: Availability, progress: Progress) -> EvseFacts {
    EvseFacts {
        evse_id: evse_id.to_owned(),
        station: {
            let mut station = StationInfo::default();
            station.station_name = Some("EVA Charge".into());
            station.station_address = Some("Ludwigstraße, 9, 67547, Worms".into());
            station.country = Some("DE".into());
            station.station_speed = Some("slow".into());
            station.connector_standard = Some("IEC_62196_T2".into());
            station.connector_power = Some(22.0);
            station.support_phone = Some("+4971134214480".into());
            station.latitude = Some("49.630383".into());
            station.longitude = Some("8.368902".into());
            station
        },
        country: "DE".into(),
        zone: chrono_tz::Europe::Berlin,
        power_kw: Decimal::from(22),
        is_partner: true,
        logo_url: None,
        price_group: worms_group(),
        availability,
        progress,
    }
}

struct World {
    clock: Arc<ManualClock>,
    sandbox: Sandbox,
}

fn world() -> World {
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    let evses = EvseList(vec![
        evse(WORMS, Availability::Available, Progress::Steady),
        evse(BROKEN, Availability::OutOfOrder, Progress::Steady),
        evse(SHARED, Availability::Available, Progress::Silent),
        evse(STEPPED, Availability::Available, Progress::Stepped),
    ]);
    let sandbox = Sandbox::new(SandboxConfig::default(), clock.clone(), Arc::new(evses));
    World { clock, sandbox }
}

fn start(evse_id: &str, pm: &connect_domain::ids::PaymentMethodId) -> StartCharging {
    StartCharging::new(evse_id, pm.clone())
}

fn kind(error: &ApiError) -> (u16, ErrorKind) {
    (error.status, error.kind.clone())
}

#[tokio::test]
async fn the_documented_journey_bills_10_kwh_at_worms_as_5_39() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let (user, pm) = ready_user(&api, "4242 4242 4242 4242").await;
    let methods = api
        .payment_methods(&user, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(methods.count, 1);
    assert!(methods.items[0].is_default);
    assert_eq!(methods.items[0].card.last4, "4242");

    let session = api.start_charging(&user, start(WORMS, &pm)).await.unwrap();
    assert!(session.is_active);
    assert_eq!(session.prices.kwh_price, Some(Decimal::new(54, 2)));
    // 22 kW for 27 min 16.36 s delivers 10.000 kWh.
    world.clock.advance(Duration::milliseconds(1_636_364));
    let polled = api.session(&user, &session.id).await.unwrap();
    assert_eq!(polled.consumed_energy_kwh, Some("10.000".parse().unwrap()));
    api.stop_charging(&user, &session.id).await.unwrap();
    let stopped = api.session(&user, &session.id).await.unwrap();
    assert!(!stopped.is_active);
    assert!(stopped.bill.is_none(), "the CDR has not arrived yet");

    world.clock.advance(Duration::seconds(61));
    let billed = api.session(&user, &session.id).await.unwrap();
    let bill = billed.bill.expect("billed after the CDR delay");
    assert_eq!(bill.cost.kwh_cost, Decimal::new(539, 2));
    assert_eq!(bill.cost.invoice_vat, Decimal::new(86, 2));
    assert_eq!(bill.cost.invoice_summary, Decimal::new(539, 2));
    assert_eq!(bill.cost.currency, "eur");
    let invoices = api.invoices(&user, PageRequest::default()).await.unwrap();
    assert_eq!(invoices.count, 1);
    assert_eq!(invoices.items[0].total, Decimal::new(539, 2));
    assert_eq!(
        invoices.items[0].charging_session_id,
        Some(session.id.clone())
    );
    assert_eq!(
        bill.invoice_download.as_deref(),
        Some(invoices.items[0].link.as_str())
    );
}

#[tokio::test]
async fn start_checks_in_the_documented_order() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let stranger = UserId::new("00000000-0000-4000-8000-000000000000");
    let some_pm = connect_domain::ids::PaymentMethodId::new("pm_unknown");
    let error = api
        .start_charging(&stranger, start(WORMS, &some_pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), (404, ErrorKind::NotFound));

    let user = api.create_user(NewUser::default()).await.unwrap().id;
    let error = api
        .start_charging(&user, start("DE*NOPE*E1*1", &some_pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), (404, ErrorKind::NotFound));
    let error = api
        .start_charging(&user, start(BROKEN, &some_pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), (409, ErrorKind::StationAvailabilityIssue));
    api.occupy_evse(WORMS).unwrap();
    let error = api
        .start_charging(&user, start(WORMS, &some_pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), (409, ErrorKind::StationAvailabilityIssue));
    api.release_evse(WORMS).unwrap();
    let error = api
        .start_charging(&user, start(WORMS, &some_pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), (409, ErrorKind::BillingDataRequired));
    assert!(
        error.details.as_deref().unwrap().contains("line1"),
        "{error}"
    );
    api.replace_billing_details(&user, billing()).await.unwrap();
    let error = api
        .start_charging(&user, start(WORMS, &some_pm))
        .await
        .unwrap_err();
    // Start declares no 400: a payment method that is not the user's is 402
    // `payment_method_error`, naming the field in its details.
    assert_eq!(kind(&error), (402, ErrorKind::PaymentMethod));
    assert_eq!(error.detail, "Charging Error");
    assert!(
        error
            .details
            .as_deref()
            .unwrap()
            .starts_with("payment_method_id:"),
        "{error}"
    );

    let (user, pm) = ready_user(&api, "4242424242424242").await;
    api.start_charging(&user, start(WORMS, &pm)).await.unwrap();
    let error = api
        .start_charging(&user, start(SHARED, &pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), (409, ErrorKind::AlreadyCharging));
    let (other, other_pm) = ready_user(&api, "4242424242424242").await;
    let error = api
        .start_charging(&other, start(WORMS, &other_pm))
        .await
        .unwrap_err();
    assert_eq!(
        kind(&error),
        (409, ErrorKind::StationAvailabilityIssue),
        "busy with the first session"
    );
}

#[tokio::test]
async fn a_3ds_card_needs_its_payment_intent_confirmed_before_the_start() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let (user, pm) = ready_user(&api, "4000 0027 6000 3184").await;
    let first = api
        .start_charging(&user, start(WORMS, &pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&first), (402, ErrorKind::PreAuthorizationFailed));
    let secret = first.payment_intent_client_secret.clone().unwrap();
    assert!(
        secret.starts_with("pi_") && secret.contains("_secret_"),
        "{secret}"
    );
    let again = api
        .start_charging(&user, start(WORMS, &pm))
        .await
        .unwrap_err();
    assert_eq!(
        again.payment_intent_client_secret,
        first.payment_intent_client_secret
    );
    api.confirm_payment_intent(&secret).unwrap();
    let session = api.start_charging(&user, start(WORMS, &pm)).await.unwrap();
    assert!(session.is_active);
}

#[tokio::test]
async fn an_insufficient_funds_card_turns_the_bill_into_a_debt_that_blocks_until_paid() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let (user, pm) = ready_user(&api, "4000000000009995").await;
    let session = api.start_charging(&user, start(WORMS, &pm)).await.unwrap();
    world.clock.advance(Duration::minutes(30));
    api.stop_charging(&user, &session.id).await.unwrap();
    api.deliver_cdr(&session.id).unwrap();
    let debts = api.debts(&user, PageRequest::default()).await.unwrap();
    assert_eq!(debts.count, 1);
    let debt = &debts.items[0];
    assert_eq!(debt.session_id, session.id);
    assert_eq!(debt.currency, "EUR");
    assert!(debt.amount > Decimal::ZERO);
    assert_eq!(
        api.invoices(&user, PageRequest::default())
            .await
            .unwrap()
            .count,
        0
    );

    let error = api
        .start_charging(&user, start(WORMS, &pm))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), (402, ErrorKind::Payment));
    assert_eq!(
        kind(&api.delete_payment_method(&user, &pm).await.unwrap_err()),
        (402, ErrorKind::Payment)
    );
    assert_eq!(
        kind(&api.delete_user(&user).await.unwrap_err()),
        (402, ErrorKind::Payment)
    );

    api.confirm_payment_intent(&debt.payment_intent_client_secret)
        .unwrap();
    assert_eq!(
        api.debts(&user, PageRequest::default())
            .await
            .unwrap()
            .count,
        0
    );
    let invoices = api.invoices(&user, PageRequest::default()).await.unwrap();
    assert_eq!(invoices.items[0].total, debt.amount);
    api.delete_user(&user).await.unwrap();
    assert_eq!(
        kind(&api.get_user(&user).await.unwrap_err()),
        (404, ErrorKind::NotFound)
    );
}

#[tokio::test]
async fn stopping_twice_answers_already_stopped() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let (user, pm) = ready_user(&api, "4242424242424242").await;
    let session = api.start_charging(&user, start(WORMS, &pm)).await.unwrap();
    api.stop_charging(&user, &session.id).await.unwrap();
    let error = api.stop_charging(&user, &session.id).await.unwrap_err();
    assert_eq!(kind(&error), (409, ErrorKind::AlreadyStopped));
    let rated = api
        .rate_session(&user, &session.id, Some(Rating::new(5).unwrap()))
        .await
        .unwrap();
    assert_eq!(rated.rating.map(Rating::get), Some(5));
}

#[tokio::test]
async fn silent_points_show_no_progress_and_stepped_ones_at_most_ten_updates() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let (user, pm) = ready_user(&api, "4242424242424242").await;
    let silent = api.start_charging(&user, start(SHARED, &pm)).await.unwrap();
    world.clock.advance(Duration::minutes(20));
    assert_eq!(
        api.session(&user, &silent.id)
            .await
            .unwrap()
            .consumed_energy_kwh,
        None
    );
    api.stop_charging(&user, &silent.id).await.unwrap();
    let billed = api.deliver_cdr(&silent.id).unwrap();
    assert!(billed.consumed_energy_kwh.unwrap() > Decimal::ZERO);

    let stepped = api
        .start_charging(&user, start(STEPPED, &pm))
        .await
        .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        world.clock.advance(Duration::minutes(1));
        let energy = api
            .session(&user, &stepped.id)
            .await
            .unwrap()
            .consumed_energy_kwh
            .unwrap();
        seen.insert(energy);
    }
    assert!(
        seen.len() <= 11,
        "at most 10 updates after the start: {seen:?}"
    );
    assert!(seen.len() >= 3, "some progress: {seen:?}");
}

#[tokio::test]
async fn tokens_are_isolated_tenants_and_an_empty_token_is_forbidden() {
    let world = world();
    let a = world.sandbox.connect("token-a").unwrap();
    let b = world.sandbox.connect("token-b").unwrap();
    let user = a.create_user(NewUser::default()).await.unwrap();
    assert_eq!(
        kind(&b.get_user(&user.id).await.unwrap_err()),
        (404, ErrorKind::NotFound)
    );
    assert_eq!(b.list_users(UserQuery::default()).await.unwrap().count, 0);
    assert_eq!(world.sandbox.connect(" ").unwrap_err().status, 403);
    a.reset().unwrap();
    assert_eq!(a.list_users(UserQuery::default()).await.unwrap().count, 0);
}

#[tokio::test]
async fn the_same_seed_gives_the_same_ids() {
    let ids = |seed| async move {
        let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
        let config = SandboxConfig {
            seed,
            ..SandboxConfig::default()
        };
        let sandbox = Sandbox::new(config, clock, Arc::new(EvseList::default()));
        let api = sandbox.connect("token").unwrap();
        api.create_user(NewUser::default()).await.unwrap().id
    };
    assert_eq!(ids(1).await, ids(1).await);
    assert_ne!(ids(1).await, ids(2).await);
}

#[tokio::test]
async fn users_are_searched_by_id_or_external_id_and_billing_starts_empty() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let user = api
        .create_user(NewUser {
            external_id: Some("abcdefg123456".into()),
            ..NewUser::default()
        })
        .await
        .unwrap();
    api.create_user(NewUser::default()).await.unwrap();
    let found = api
        .list_users(UserQuery::default().search("abcdefg123456"))
        .await
        .unwrap();
    assert_eq!(found.items, std::slice::from_ref(&user));
    let by_id = api
        .list_users(UserQuery::default().search(user.id.as_str()))
        .await
        .unwrap();
    assert_eq!(by_id.count, 1);
    let fresh = api.billing_details(&user.id).await.unwrap();
    assert_eq!(fresh, BillingDetails::default());
    let error = api
        .replace_billing_details(&user.id, {
            let mut details = BillingDetails::default();
            details.line1 = Some("x".into());
            details
        })
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("postal_code"));
}

#[tokio::test]
async fn the_default_method_cannot_be_removed_while_others_remain() {
    let world = world();
    let api = world.sandbox.connect("token-a").unwrap();
    let (user, first) = ready_user(&api, "4242424242424242").await;
    let intent = api.setup_intent(&user, SetupKind::Card).await.unwrap();
    let second = api
        .confirm_setup_intent(&intent.client_secret, "5555555555554444")
        .unwrap();
    assert!(!second.is_default);
    let error = api.delete_payment_method(&user, &first).await.unwrap_err();
    assert_eq!(kind(&error), (400, ErrorKind::PaymentMethod));
    api.set_default_payment_method(&user, &second.id)
        .await
        .unwrap();
    api.delete_payment_method(&user, &first).await.unwrap();
    let left = api
        .payment_methods(&user, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(left.count, 1);
    assert!(left.items[0].is_default);
    let declined = api.setup_intent(&user, SetupKind::Card).await.unwrap();
    let error = api
        .confirm_setup_intent(&declined.client_secret, "4000000000000002")
        .unwrap_err();
    assert_eq!(kind(&error), (402, ErrorKind::PaymentMethod));
}

#[tokio::test]
async fn idle_tenants_are_forgotten_after_the_configured_time_and_busy_ones_kept() {
    let config = SandboxConfig {
        idle_tenant_eviction: Some(std::time::Duration::from_millis(50)),
        ..SandboxConfig::default()
    };
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    let sandbox = Sandbox::new(config, clock, Arc::new(EvseList::default()));
    let idle = sandbox.connect("idle").unwrap();
    let user = idle.create_user(NewUser::default()).await.unwrap();
    std::thread::sleep(std::time::Duration::from_millis(120));
    let fresh = sandbox.connect("fresh").unwrap();
    fresh.create_user(NewUser::default()).await.unwrap();
    assert_eq!(sandbox.tenant_count(), 1, "the idle tenant is forgotten");
    assert_eq!(idle.get_user(&user.id).await.unwrap_err().status, 404);
    assert_eq!(
        sandbox.evict_idle_tenants(),
        0,
        "the fresh one was just used"
    );
}

#[tokio::test]
async fn without_eviction_every_tenant_is_kept() {
    let w = world();
    for token in ["a", "b", "c"] {
        w.sandbox
            .connect(token)
            .unwrap()
            .list_users(UserQuery::default())
            .await
            .unwrap();
    }
    assert_eq!(w.sandbox.evict_idle_tenants(), 0);
    assert_eq!(w.sandbox.tenant_count(), 3);
}

#[tokio::test]
async fn only_a_users_newest_setup_intents_are_kept() {
    let w = world();
    let api = w.sandbox.connect("t").unwrap();
    let user = api.create_user(NewUser::default()).await.unwrap();
    let first = api.setup_intent(&user.id, SetupKind::Card).await.unwrap();
    let mut last = first.clone();
    for _ in 0..1_000 {
        last = api.setup_intent(&user.id, SetupKind::Card).await.unwrap();
    }
    assert_ne!(first.client_secret, last.client_secret);
    let forgotten = api
        .confirm_setup_intent(&first.client_secret, "4242424242424242")
        .unwrap_err();
    assert_eq!(forgotten.status, 404, "{forgotten}");
    api.confirm_setup_intent(&last.client_secret, "4242424242424242")
        .unwrap();
}
