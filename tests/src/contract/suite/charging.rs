//! The docs' journey, the start checks, progress, stop, CDRs and ratings.

use chrono::Duration;
use connect_domain::account::{BillingDetails, Locale, NewUser};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::payment::SetupKind;
use connect_domain::session::{ChargingSession, Rating};
use connect_domain::station::EvseStatus;
use connect_domain::zone::Coordinates;
use connect_ports::{AroundQuery, ErrorKind, PageRequest, StationLookup};
use rust_decimal::Decimal;

#[allow(clippy::wildcard_imports)]
use super::prelude::*;
use super::{
    add_card, charge_and_bill, german_billing, new_user, ok, page, ready_user, refused, start,
};
use crate::contract::fixtures::{
    self, INSUFFICIENT_FUNDS, PROGRESS_VCP, SHARED_VCP, THREE_D_SECURE, VISA, WORMS_EVSE,
    WORMS_EVSE_1, WORMS_LATITUDE, WORMS_LONGITUDE, WORMS_STATION,
};
use crate::contract::{Control, Harness};

fn kwh(thousandths: i64) -> Decimal {
    Decimal::new(thousandths, 3)
}

fn euros(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn evse_status(station: &connect_domain::station::Station, evse: &str) -> Option<EvseStatus> {
    station
        .evses
        .iter()
        .find(|e| e.evse_id.as_str() == evse)
        .map(|e| e.status.clone())
}

/// The docs' journey: a user, billing details, a card through a setup intent, the Worms
/// station found around the docs' point, a session started at its EVSE, polled, stopped, its
/// CDR 60 s later with the docs' amounts (10.003 kWh → 5.39 €, 0.86 € VAT), the invoice.
#[allow(clippy::too_many_lines)] // one journey, read top to bottom like the docs
pub async fn documented_journey<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let api = &me.api;
    let user = ok(
        "create the user",
        api.create_user(NewUser {
            email: Some("user@example.com".into()),
            locale: Some(Locale::De),
            external_id: Some("abcdefg123456".into()),
        })
        .await,
    );
    assert_eq!(
        ok("billing details", api.billing_details(&user.id).await),
        BillingDetails::default()
    );
    ok(
        "billing details",
        api.replace_billing_details(&user.id, german_billing())
            .await,
    );
    let intent = ok(
        "setup intent",
        api.setup_intent(&user.id, SetupKind::Card).await,
    );
    let attached = me
        .control
        .confirm_setup_intent(&intent.client_secret, VISA)
        .await
        .expect("confirm with 4242");
    assert!(attached.is_default);
    let methods = ok(
        "payment methods",
        api.payment_methods(&user.id, PageRequest::default()).await,
    );
    assert_eq!(methods.count, 1);
    assert!(!methods.has_next());
    let method = &methods.items[0];
    assert_eq!(method.id, attached.payment_method_id);
    assert!(method.is_default);
    assert_eq!(method.card.last4, "4242");
    assert_eq!(method.card.expiry.to_string(), "12/2034");

    let around = ok(
        "stations around the docs' point",
        api.stations_around(
            &AroundQuery::new(
                Coordinates {
                    latitude: WORMS_LATITUDE,
                    longitude: WORMS_LONGITUDE,
                },
                100.0,
            ),
            PageRequest::default(),
        )
        .await,
    );
    assert_eq!(around.count, 1);
    let station = &around.items[0];
    assert_eq!(
        (station.id.as_str(), station.name.as_str()),
        (WORMS_STATION, "EVA Charge")
    );
    assert_eq!(
        evse_status(station, WORMS_EVSE),
        Some(EvseStatus::Available)
    );

    let started_at = me.control.now().await;
    assert_eq!(started_at, fixtures::start_instant());
    let session = ok("start", start(api, &user.id, WORMS_EVSE, &method.id).await);
    assert!(session.is_active);
    assert_eq!(session.evse_id, WORMS_EVSE);
    assert_eq!(session.start_time, Some(started_at));
    assert_eq!(session.end_time, None);
    assert_eq!(session.consumed_energy_kwh, Some(kwh(0)));
    assert_eq!(session.station.station_name.as_deref(), Some("EVA Charge"));
    assert_eq!(session.station.connector_power, Some(22.0));
    assert!(session.is_partner);
    assert_eq!(session.prices.kwh_price, Some(euros(54)));
    assert_eq!(session.prices.currency.as_deref(), Some("eur"));
    assert_eq!(
        session.prices.starting_fee, None,
        "no starting fee at partners"
    );
    assert_eq!(session.bill, None, "no bill before the CDR");
    let shown = ok(
        "the station while charging",
        api.station_details(&StationLookup::EvseId(WORMS_EVSE.into()))
            .await,
    );
    assert_eq!(evse_status(&shown, WORMS_EVSE), Some(EvseStatus::Charging));

    let now = me.control.advance_clock(1637).await;
    assert_eq!(now, started_at + Duration::seconds(1637));
    let polled = ok("poll", api.session(&user.id, &session.id).await);
    assert_eq!(polled.consumed_energy_kwh, Some(kwh(10_003)));
    assert!(polled.is_active);
    ok("stop", api.stop_charging(&user.id, &session.id).await);
    let stopped = ok("after the stop", api.session(&user.id, &session.id).await);
    assert!(!stopped.is_active);
    assert_eq!(stopped.end_time, Some(now));
    assert_eq!(stopped.duration_seconds(), Some(1637));
    assert_eq!(stopped.bill, None, "the CDR comes later");

    me.control.advance_clock(60).await;
    let sessions = ok(
        "sessions",
        api.sessions(&user.id, PageRequest::default()).await,
    );
    assert_eq!(sessions.count, 1);
    let billed = &sessions.items[0];
    assert_eq!(billed.id, session.id);
    assert_eq!(billed.consumed_energy_kwh, Some(kwh(10_003)));
    let bill = billed.bill.as_ref().expect("the CDR's bill");
    assert_eq!(bill.cost.kwh_cost, euros(539));
    assert_eq!(bill.cost.time_cost, euros(0));
    assert_eq!(bill.cost.invoice_vat, euros(86));
    assert_eq!(bill.cost.invoice_summary, euros(539));
    assert_eq!(bill.cost.currency, "eur");
    let invoices = ok(
        "invoices",
        api.invoices(&user.id, PageRequest::default()).await,
    );
    assert_eq!(invoices.count, 1);
    let invoice = &invoices.items[0];
    assert_eq!(invoice.total, euros(539));
    assert_eq!(invoice.charging_session_id.as_ref(), Some(&session.id));
    assert_eq!(invoice.currency, "eur");
    assert_eq!(invoice.date, now + Duration::seconds(60));
    assert_eq!(
        bill.invoice_download.as_deref(),
        Some(invoice.link.as_str())
    );
    let rated = ok(
        "rate",
        api.rate_session(&user.id, &session.id, Some(Rating::new(5).expect("1 to 5")))
            .await,
    );
    assert_eq!(rated.rating.map(Rating::get), Some(5));
}

/// `POST …/charging/start/` checks, in this order: the user (404), an active session (409
/// `already_charging`), the EVSE (404), its availability (409 `station_availability_issue`:
/// out of order, busy with a session, occupied), billing details (409
/// `billing_data_required`), unpaid debts (402 `payment_error`), the payment method (402
/// `payment_method_error` naming `payment_method_id`), the pre-authorization (402 `pre_authorization_failed`). A user
/// failing every check gets each answer in turn as the earlier ones are fixed.
#[allow(clippy::too_many_lines)] // one check after the other, in the documented order
pub async fn start_errors_come_in_the_documented_order<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let api = &me.api;
    let availability = ErrorKind::StationAvailabilityIssue;

    refused(
        "an unknown user",
        start(
            api,
            &UserId::new("nobody"),
            "no-such-evse",
            &PaymentMethodId::new("pm_nope"),
        )
        .await,
        404,
        &ErrorKind::NotFound,
    );

    // Someone charging at the Worms EVSE: a second start of theirs is `already_charging`
    // before anything else is looked at, even an EVSE that does not exist.
    let (driver, driver_card) = ready_user(me, VISA).await;
    ok("start", start(api, &driver, WORMS_EVSE, &driver_card).await);
    let error = refused(
        "a second start at an unknown EVSE",
        start(api, &driver, "no-such-evse", &driver_card).await,
        409,
        &ErrorKind::AlreadyCharging,
    );
    assert_eq!(error.detail, "Charging Error");

    // A user whose every other check fails: a debt, incomplete billing details, a card that
    // needs 3-D Secure.
    let (user, debt_card) = ready_user(me, INSUFFICIENT_FUNDS).await;
    charge_and_bill(me, &user, &debt_card, WORMS_EVSE_1, 600).await;
    let debts = ok("debts", api.debts(&user, PageRequest::default()).await);
    assert_eq!(debts.count, 1, "a debt");
    ok(
        "incomplete billing details",
        api.replace_billing_details(&user, {
            let mut details = german_billing();
            details.city = None;
            details
        })
        .await,
    );
    let card = add_card(me, &user, THREE_D_SECURE).await.payment_method_id;

    let error = refused(
        "an unknown EVSE",
        start(api, &user, "no-such-evse", &card).await,
        404,
        &ErrorKind::NotFound,
    );
    assert_eq!(
        error.detail,
        "The requested station or EVSE could not be found."
    );
    let error = refused(
        "an EVSE out of order",
        start(api, &user, fixtures::out_of_order_evse(), &card).await,
        409,
        &availability,
    );
    assert_eq!(error.detail, "Charging Error");
    refused(
        "an EVSE another user charges at",
        start(api, &user, WORMS_EVSE, &card).await,
        409,
        &availability,
    );
    me.control.occupy_evse(WORMS_EVSE_1).await.expect("occupy");
    refused(
        "an occupied EVSE",
        start(api, &user, WORMS_EVSE_1, &card).await,
        409,
        &availability,
    );
    me.control
        .release_evse(WORMS_EVSE_1)
        .await
        .expect("release");
    let error = refused(
        "incomplete billing details",
        start(api, &user, WORMS_EVSE_1, &card).await,
        409,
        &ErrorKind::BillingDataRequired,
    );
    assert!(
        error
            .details
            .as_deref()
            .unwrap_or_default()
            .contains("city"),
        "{error}"
    );
    ok(
        "complete billing details",
        api.replace_billing_details(&user, german_billing()).await,
    );
    refused(
        "an unpaid debt",
        start(api, &user, WORMS_EVSE_1, &card).await,
        402,
        &ErrorKind::Payment,
    );
    me.control
        .confirm_payment_intent(&debts.items[0].payment_intent_client_secret)
        .await
        .expect("pay the debt");
    let error = refused(
        "another user's payment method",
        start(api, &user, WORMS_EVSE_1, &driver_card).await,
        402,
        &ErrorKind::PaymentMethod,
    );
    assert_eq!(error.detail, "Charging Error");
    let details = error.details.as_deref().unwrap_or_default();
    assert!(details.starts_with("payment_method_id:"), "{error}");
    let error = refused(
        "a card that needs 3-D Secure",
        start(api, &user, WORMS_EVSE_1, &card).await,
        402,
        &ErrorKind::PreAuthorizationFailed,
    );
    me.control
        .confirm_payment_intent(
            error
                .payment_intent_client_secret
                .as_deref()
                .expect("a payment intent"),
        )
        .await
        .expect("3-D Secure");
    ok(
        "every check passed",
        start(api, &user, WORMS_EVSE_1, &card).await,
    );
}

/// One active session per user: a second start is 409 `already_charging` at any EVSE; after
/// the stop, the user can start again.
pub async fn one_active_session_per_user<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let first = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    for evse in [WORMS_EVSE, WORMS_EVSE_1] {
        let error = refused(
            &format!("a second start at {evse}"),
            start(&me.api, &user, evse, &card).await,
            409,
            &ErrorKind::AlreadyCharging,
        );
        assert!(error.details.is_some(), "{error}");
    }
    assert_eq!(
        ok(
            "sessions",
            me.api.sessions(&user, PageRequest::default()).await
        )
        .count,
        1
    );
    ok("stop", me.api.stop_charging(&user, &first.id).await);
    let second = ok(
        "start after the stop",
        start(&me.api, &user, WORMS_EVSE_1, &card).await,
    );
    assert_ne!(second.id, first.id);
    assert_eq!(
        ok(
            "sessions",
            me.api.sessions(&user, PageRequest::default()).await
        )
        .count,
        2
    );
}

/// An EVSE occupied through the control API (another driver) or charging another user's
/// session is busy: 409 `station_availability_issue`, shown as `CHARGING` to this token
/// only; released, it takes a session again.
pub async fn busy_evse_refuses_starts_until_released<H: Harness>() {
    let world = H::world().await;
    let (me, other) = (&world.me, &world.other);
    let (user, card) = ready_user(me, VISA).await;
    let lookup = StationLookup::EvseId(WORMS_EVSE.into());
    me.control.occupy_evse(WORMS_EVSE).await.expect("occupy");
    let busy = ok("my view", me.api.station_details(&lookup).await);
    assert_eq!(evse_status(&busy, WORMS_EVSE), Some(EvseStatus::Charging));
    let theirs = ok("their view", other.api.station_details(&lookup).await);
    assert_eq!(
        evse_status(&theirs, WORMS_EVSE),
        Some(EvseStatus::Available)
    );
    let error = refused(
        "start at an occupied EVSE",
        start(&me.api, &user, WORMS_EVSE, &card).await,
        409,
        &ErrorKind::StationAvailabilityIssue,
    );
    assert_eq!(error.detail, "Charging Error");
    let (their_user, their_card) = ready_user(other, VISA).await;
    ok(
        "another token is not disturbed",
        start(&other.api, &their_user, WORMS_EVSE, &their_card).await,
    );
    me.control.release_evse(WORMS_EVSE).await.expect("release");
    let free = ok("released", me.api.station_details(&lookup).await);
    assert_eq!(evse_status(&free, WORMS_EVSE), Some(EvseStatus::Available));
    ok(
        "start once released",
        start(&me.api, &user, WORMS_EVSE, &card).await,
    );
    let (second, second_card) = ready_user(me, VISA).await;
    refused(
        "start where another user of this token charges",
        start(&me.api, &second, WORMS_EVSE, &second_card).await,
        409,
        &ErrorKind::StationAvailabilityIssue,
    );
    for (what, result) in [
        ("occupy", me.control.occupy_evse("no-such-evse").await),
        ("release", me.control.release_evse("no-such-evse").await),
    ] {
        let error = result.expect_err(what);
        assert_eq!(error.status, 404, "{what} an unknown EVSE: {error}");
    }
}

/// An EVSE out of order refuses starts with 409 `station_availability_issue`.
pub async fn out_of_order_evse_refuses_starts<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let broken = fixtures::out_of_order_evse();
    let station = ok(
        "the broken EVSE's station",
        me.api
            .station_details(&StationLookup::EvseId(broken.into()))
            .await,
    );
    assert_eq!(evse_status(&station, broken), Some(EvseStatus::OutOfOrder));
    let error = refused(
        "start at an EVSE out of order",
        start(&me.api, &user, broken, &card).await,
        409,
        &ErrorKind::StationAvailabilityIssue,
    );
    assert!(
        error
            .details
            .as_deref()
            .unwrap_or_default()
            .contains("out of order"),
        "{error}"
    );
}

/// Ordinary stations deliver at the connector's power, visible on every poll, and the
/// energy stops growing at the stop.
pub async fn steady_stations_show_energy_on_every_poll<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    let energy =
        async |api: &H::Api| ok("poll", api.session(&user, &session.id).await).consumed_energy_kwh;
    assert_eq!(energy(&me.api).await, Some(kwh(0)));
    // 60 s at 22 kW: 0.366 kWh (three decimals, cut).
    me.control.advance_clock(60).await;
    assert_eq!(energy(&me.api).await, Some(kwh(366)));
    me.control.advance_clock(1577).await;
    assert_eq!(energy(&me.api).await, Some(kwh(10_003)));
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    me.control.advance_clock(30).await;
    assert_eq!(
        energy(&me.api).await,
        Some(kwh(10_003)),
        "no energy after the stop"
    );
    me.control.advance_clock(30).await;
    assert_eq!(energy(&me.api).await, Some(kwh(10_003)), "the CDR's energy");
}

/// The shared virtual charging points send no progress: `consumed_energy` stays null while
/// charging and until the CDR, which brings the energy and the bill.
pub async fn shared_virtual_points_send_no_progress_until_the_cdr<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, SHARED_VCP, &card).await);
    assert_eq!(session.consumed_energy_kwh, None);
    for _ in 0..6 {
        me.control.advance_clock(600).await;
        let polled = ok("poll", me.api.session(&user, &session.id).await);
        assert_eq!(polled.consumed_energy_kwh, None, "no progress");
    }
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    me.control.advance_clock(30).await;
    let stopped = ok("before the CDR", me.api.session(&user, &session.id).await);
    assert_eq!(stopped.consumed_energy_kwh, None);
    assert_eq!(stopped.bill, None);
    me.control.advance_clock(30).await;
    let billed = ok("after the CDR", me.api.session(&user, &session.id).await);
    let energy = billed.consumed_energy_kwh.expect("the CDR's energy");
    assert!(energy > Decimal::ZERO, "{energy}");
    let bill = billed.bill.expect("the CDR's bill");
    assert!(bill.cost.invoice_summary > Decimal::ZERO);
    assert_eq!(
        ok(
            "invoices",
            me.api.invoices(&user, PageRequest::default()).await
        )
        .count,
        1
    );
}

/// The virtual charging points with progress send at most 10 updates: polled every 30 s for
/// two and a half hours, the energy takes at most 10 distinct values above zero, never
/// falls, and the CDR's energy is at least the last one shown.
pub async fn progress_virtual_points_send_at_most_ten_updates<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, PROGRESS_VCP, &card).await);
    assert_eq!(session.consumed_energy_kwh, Some(kwh(0)));
    let mut seen: Vec<Decimal> = Vec::new();
    let mut last = Decimal::ZERO;
    for _ in 0..300 {
        me.control.advance_clock(30).await;
        let polled = ok("poll", me.api.session(&user, &session.id).await);
        let energy = polled.consumed_energy_kwh.expect("progress");
        assert!(energy >= last, "the energy never falls: {energy} < {last}");
        if energy != last {
            seen.push(energy);
            last = energy;
        }
    }
    assert!(
        (2..=10).contains(&seen.len()),
        "between 2 and 10 updates: {seen:?}"
    );
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    me.control
        .deliver_cdr(&session.id)
        .await
        .expect("deliver the CDR");
    let billed = ok("after the CDR", me.api.session(&user, &session.id).await);
    assert!(billed.consumed_energy_kwh.expect("the CDR's energy") >= last);
    assert!(billed.bill.is_some());
}

/// Stopping a stopped session changes nothing: the session stays stopped, with the end of
/// the first stop, and there is still one session.
///
/// The API answers the second stop 409 `already_stopped`, and the in-process fake returns
/// that error; the HTTP client is specified to treat `already_stopped` on a stop as success
/// (the session is stopped, which is what the caller asked for). So both `Ok(())` and
/// `AlreadyStopped` are accepted here, and what both adapters must agree on is the state.
pub async fn stopping_twice_leaves_one_stopped_session<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    let stopped_at = me.control.advance_clock(600).await;
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    me.control.advance_clock(10).await;
    match me.api.stop_charging(&user, &session.id).await {
        Ok(()) => {}
        Err(error) => {
            let error = refused::<(), _>("stop twice", Err(error), 409, &ErrorKind::AlreadyStopped);
            assert_eq!(error.detail, "Charging Error");
        }
    }
    let after = ok("session", me.api.session(&user, &session.id).await);
    assert!(!after.is_active);
    assert_eq!(after.end_time, Some(stopped_at), "the first stop's end");
    assert_eq!(
        ok(
            "sessions",
            me.api.sessions(&user, PageRequest::default()).await
        )
        .count,
        1
    );
}

/// Stopping a session that is not the user's (unknown, or another user's of the same token)
/// is a plain 404, and leaves it running.
pub async fn stopping_unknown_or_foreign_sessions_is_not_found<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    let stranger = new_user(&me.api).await;
    let not_found = ErrorKind::NotFound;
    let error = refused(
        "stop an unknown session",
        me.api
            .stop_charging(
                &user,
                &SessionId::new("00000000-0000-0000-0000-000000000000"),
            )
            .await,
        404,
        &not_found,
    );
    assert_eq!(error.detail, "User session with this id was not found");
    refused(
        "stop another user's session",
        me.api.stop_charging(&stranger, &session.id).await,
        404,
        &not_found,
    );
    refused(
        "read another user's session",
        me.api.session(&stranger, &session.id).await,
        404,
        &not_found,
    );
    refused(
        "stop for an unknown user",
        me.api
            .stop_charging(&UserId::new("nobody"), &session.id)
            .await,
        404,
        &not_found,
    );
    assert!(ok("still running", me.api.session(&user, &session.id).await).is_active);
}

/// The CDR arrives 60 s after the stop (not a second earlier), or at once through the
/// control API (400 for an active session, 404 for an unknown one); it bills the session and
/// issues the invoice, dated when it arrived.
pub async fn cdr_arrives_after_the_delay_or_through_control<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    let error = me
        .control
        .deliver_cdr(&session.id)
        .await
        .expect_err("the CDR of an active session");
    assert_eq!(error.status, 400, "{error}");
    let stopped_at = me.control.advance_clock(600).await;
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    let billed = async |id: &SessionId| ok("session", me.api.session(&user, id).await).bill;
    me.control.advance_clock(59).await;
    assert_eq!(billed(&session.id).await, None, "59 s: no CDR yet");
    assert_eq!(
        ok(
            "invoices",
            me.api.invoices(&user, PageRequest::default()).await
        )
        .count,
        0
    );
    me.control.advance_clock(1).await;
    let bill = billed(&session.id).await.expect("60 s: the CDR");
    // 600 s at 22 kW: 3.666 kWh at 0.54 €: 1.98 €.
    assert_eq!(bill.cost.invoice_summary, euros(198));
    let invoices = ok(
        "invoices",
        me.api.invoices(&user, PageRequest::default()).await,
    );
    assert_eq!(invoices.count, 1);
    assert_eq!(invoices.items[0].date, stopped_at + Duration::seconds(60));

    let second = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    me.control.advance_clock(600).await;
    ok("stop", me.api.stop_charging(&user, &second.id).await);
    let now = me.control.now().await;
    me.control
        .deliver_cdr(&second.id)
        .await
        .expect("deliver the CDR now");
    assert!(billed(&second.id).await.is_some(), "billed at once");
    let invoices = ok(
        "invoices",
        me.api.invoices(&user, PageRequest::default()).await,
    );
    assert_eq!(invoices.count, 2);
    assert_eq!(
        invoices.items[0].charging_session_id.as_ref(),
        Some(&second.id)
    );
    assert_eq!(invoices.items[0].date, now);
    let error = me
        .control
        .deliver_cdr(&SessionId::new("no-such-session"))
        .await
        .expect_err("the CDR of an unknown session");
    assert_eq!(error.status, 404, "{error}");
}

/// A session stopped before any energy flowed is billed at zero and not charged: no invoice,
/// no debt (even with the insufficient-funds card).
pub async fn a_session_that_delivered_nothing_is_not_charged<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, INSUFFICIENT_FUNDS).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    ok(
        "stop at once",
        me.api.stop_charging(&user, &session.id).await,
    );
    me.control
        .deliver_cdr(&session.id)
        .await
        .expect("deliver the CDR");
    let billed = ok("session", me.api.session(&user, &session.id).await);
    assert_eq!(billed.consumed_energy_kwh, Some(kwh(0)));
    assert_eq!(
        billed.bill.map(|bill| bill.cost.invoice_summary),
        Some(Decimal::ZERO)
    );
    assert_eq!(
        ok(
            "invoices",
            me.api.invoices(&user, PageRequest::default()).await
        )
        .count,
        0
    );
    assert_eq!(
        ok("debts", me.api.debts(&user, PageRequest::default()).await).count,
        0
    );
}

/// A session can be rated 1 to 5 and the rating cleared; the rating is kept on the session;
/// an unknown session is a 404.
pub async fn sessions_can_be_rated_and_unrated<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let id = charge_and_bill(me, &user, &card, WORMS_EVSE, 600).await;
    assert_eq!(ok("session", me.api.session(&user, &id).await).rating, None);
    for value in [5, 1, 3] {
        let rating = Rating::new(value).expect("1 to 5");
        let rated = ok("rate", me.api.rate_session(&user, &id, Some(rating)).await);
        assert_eq!(rated.rating, Some(rating));
        assert_eq!(rated.id, id);
        assert_eq!(
            ok("session", me.api.session(&user, &id).await).rating,
            Some(rating)
        );
    }
    let cleared = ok("clear", me.api.rate_session(&user, &id, None).await);
    assert_eq!(cleared.rating, None);
    assert_eq!(ok("session", me.api.session(&user, &id).await).rating, None);
    refused(
        "rate an unknown session",
        me.api
            .rate_session(&user, &SessionId::new("no-such-session"), None)
            .await,
        404,
        &ErrorKind::NotFound,
    );
}

/// Sessions and invoices are listed newest first, in pages with the count of all; a page past
/// the last is 404.
pub async fn session_and_invoice_lists_are_paginated_newest_first<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(charge_and_bill(me, &user, &card, WORMS_EVSE, 600).await);
    }
    let first = ok("sessions", me.api.sessions(&user, page(1, 2)).await);
    assert_eq!(first.count, 3);
    assert!(first.has_next());
    let second = ok("sessions", me.api.sessions(&user, page(2, 2)).await);
    assert!(!second.has_next());
    let listed: Vec<SessionId> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|s: &ChargingSession| s.id.clone())
        .collect();
    let newest_first: Vec<SessionId> = ids.iter().rev().cloned().collect();
    assert_eq!(listed, newest_first);
    refused(
        "sessions past the last page",
        me.api.sessions(&user, page(3, 2)).await,
        404,
        &ErrorKind::NotFound,
    );
    let invoices = ok("invoices", me.api.invoices(&user, page(1, 2)).await);
    assert_eq!(invoices.count, 3);
    assert_eq!(invoices.items.len(), 2);
    assert_eq!(
        invoices
            .items
            .iter()
            .map(|i| i.charging_session_id.clone())
            .collect::<Vec<_>>(),
        [Some(ids[2].clone()), Some(ids[1].clone())]
    );
    let last = ok("invoices", me.api.invoices(&user, page(2, 2)).await);
    assert_eq!(
        last.items
            .iter()
            .map(|i| i.charging_session_id.clone())
            .collect::<Vec<_>>(),
        [Some(ids[0].clone())]
    );
    refused(
        "invoices past the last page",
        me.api.invoices(&user, page(3, 2)).await,
        404,
        &ErrorKind::NotFound,
    );
}
