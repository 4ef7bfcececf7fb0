//! The client reads every shape Cariqa's sources disagree on, as the issue lists them, at
//! the client level: both secret keys, both invoice envelopes, `invoice_view` or not, both
//! card expiry forms, unknown enum values, unknown properties, any error body.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{EVSE, Reply, SESSION, Stub, USER, page_json, payment_method_json, session_json};
use connect_domain::ids::{SessionId, UserId};
use connect_domain::payment::{CardExpiry, PaymentMethodKind, SetupKind};
use connect_domain::station::{Amenity, EvseStatus};
use connect_ports::{
    Charging, ErrorKind, Invoices, PageRequest, Payments, StationLookup, Stations,
};
use serde_json::json;

fn user() -> UserId {
    UserId::new(USER)
}

#[tokio::test]
async fn the_setup_intent_secret_reads_under_either_key() {
    let stub = Stub::start(|_, index| {
        if index == 0 {
            Reply::json(
                200,
                &json!({"setup_intent_client_secret": "seti_new_secret_1"}),
            )
        } else {
            Reply::json(200, &json!({"client_secret": "seti_old_secret_2"}))
        }
    })
    .await;
    let client = stub.client();
    let new = client.setup_intent(&user(), SetupKind::Card).await.unwrap();
    let old = client
        .setup_intent(&user(), SetupKind::Paypal)
        .await
        .unwrap();
    assert_eq!(new.client_secret, "seti_new_secret_1");
    assert_eq!(old.client_secret, "seti_old_secret_2");
    assert_eq!(stub.requests()[1].param("pm_type"), Some("paypal"));
}

#[tokio::test]
async fn a_debts_secret_reads_under_either_key() {
    let stub = Stub::start(|_, _| {
        Reply::json(
            200,
            &page_json(
                vec![
                    json!({"session_id": "s1", "payment_intent_client_secret": "pi_1_secret_a",
                           "amount": "5.39", "currency": "EUR"}),
                    json!({"session_id": "s2", "client_secret": "pi_2_secret_b",
                           "amount": "1.00", "currency": "eur", "new_property": true}),
                ],
                2,
                None,
            ),
        )
    })
    .await;
    let debts = stub
        .client()
        .debts(&user(), PageRequest::default())
        .await
        .unwrap();
    let secrets: Vec<_> = debts
        .items
        .iter()
        .map(|debt| debt.payment_intent_client_secret.as_str())
        .collect();
    assert_eq!(secrets, ["pi_1_secret_a", "pi_2_secret_b"]);
}

#[tokio::test]
async fn invoices_read_in_both_envelopes() {
    let invoice = json!({"view_link": "https://invoice.stripe.com/i/acct/test", "link": "https://pay.stripe.com/x/pdf",
        "total": "5.39", "date": "2026-04-02T13:52:35Z", "refund": false, "currency": "eur",
        "charging_session_id": SESSION});
    let drf = page_json(vec![invoice.clone()], 1, None);
    let cursor = json!({"size": 10, "next_page_id": null, "prev_page_id": null, "data": [invoice]});
    let stub =
        Stub::start(move |_, index| Reply::json(200, if index == 0 { &drf } else { &cursor }))
            .await;
    let client = stub.client();
    let first = client
        .invoices(&user(), PageRequest::default())
        .await
        .unwrap();
    let second = client
        .invoices(&user(), PageRequest::default())
        .await
        .unwrap();
    for page in [&first, &second] {
        assert_eq!(page.count, 1);
        assert_eq!(page.items[0].total.to_string(), "5.39");
        assert_eq!(
            page.items[0].view_link.as_deref(),
            Some("https://invoice.stripe.com/i/acct/test")
        );
        assert_eq!(
            page.items[0].charging_session_id,
            Some(SessionId::new(SESSION))
        );
        assert!(!page.has_next());
    }
}

#[tokio::test]
async fn a_session_cost_reads_with_or_without_invoice_view() {
    let with_view = {
        let mut session = session_json(SESSION, EVSE, false, Some("10.000"), true);
        session["session_cost"]["invoice_view"] = json!("https://invoice.stripe.com/i/acct/test");
        // The docs' example has no credits, discount or currency.
        let cost = session["session_cost"].as_object_mut().unwrap();
        cost.remove("invoice_credits");
        cost.remove("invoice_discount");
        cost.remove("currency");
        session
    };
    let without_view = session_json(SESSION, EVSE, false, Some("10.000"), true);
    let stub = Stub::start(move |_, index| {
        Reply::json(
            200,
            if index == 0 {
                &with_view
            } else {
                &without_view
            },
        )
    })
    .await;
    let client = stub.client();
    let session = SessionId::new(SESSION);
    let first = client.session(&user(), &session).await.unwrap();
    let second = client.session(&user(), &session).await.unwrap();
    let (first, second) = (first.bill.unwrap(), second.bill.unwrap());
    assert_eq!(
        first.invoice_view.as_deref(),
        Some("https://invoice.stripe.com/i/acct/test")
    );
    assert_eq!(second.invoice_view, None);
    assert_eq!(first.cost.invoice_summary.to_string(), "5.39");
    assert_eq!(first.invoice_credits.to_string(), "0.00");
    assert_eq!(second.cost.currency, "eur");
}

#[tokio::test]
async fn card_expiries_read_as_mm_yy_and_mm_yyyy() {
    let stub = Stub::start(|_, _| {
        Reply::json(
            200,
            &page_json(
                vec![
                    payment_method_json("pm_1", "card", "04/44"),
                    payment_method_json("pm_2", "apple_pay", "12/2027"),
                ],
                2,
                None,
            ),
        )
    })
    .await;
    let methods = stub
        .client()
        .payment_methods(&user(), PageRequest::default())
        .await
        .unwrap();
    assert_eq!(
        methods.items[0].card.expiry,
        CardExpiry {
            month: 4,
            year: 2044
        }
    );
    assert_eq!(
        methods.items[1].card.expiry,
        CardExpiry {
            month: 12,
            year: 2027
        }
    );
}

#[tokio::test]
async fn unknown_enum_values_are_kept_and_unknown_properties_ignored() {
    let stub = Stub::start(|request, _| {
        if request.path.ends_with("/payment-methods/") {
            let mut method = payment_method_json("pm_1", "link", "12/2027");
            method["future_property"] = json!({"nested": [1, 2]});
            return Reply::json(200, &page_json(vec![method], 1, None));
        }
        let mut station = common::station_json();
        station["evses"][0]["status"] = json!("MAINTENANCE");
        station["amenities"] = json!(["CAFE", "PARKING_LOT"]);
        station["speed"] = json!("hyper");
        station["status"] = json!("sleeping");
        station["brand_new"] = json!(true);
        Reply::json(200, &station)
    })
    .await;
    let client = stub.client();
    let methods = client
        .payment_methods(&user(), PageRequest::default())
        .await
        .unwrap();
    assert_eq!(
        methods.items[0].kind,
        PaymentMethodKind::Unknown("link".into())
    );
    let station = client
        .station_details(&StationLookup::StationId("DE*CIQ*EELDF6XWZU41P".into()))
        .await
        .unwrap();
    assert_eq!(
        station.evses[0].status,
        EvseStatus::Unknown("MAINTENANCE".into())
    );
    assert_eq!(
        station.amenities,
        [Amenity::Cafe, Amenity::Unknown("PARKING_LOT".into())]
    );
}

#[tokio::test]
async fn any_error_body_becomes_a_typed_api_error() {
    let stub = Stub::start(|request, _| {
        if request.path.ends_with("/charging/start/") {
            Reply::json(
                402,
                &json!({"detail": "Charging Error", "error": {"type": "pre_authorization_failed",
                    "details": "We didn't manage to pre-authorize payment before starting charging. User should try again.",
                    "payment_intent_client_secret": "pi_3ds_secret_x"}}),
            )
        } else if request.path.ends_with("/payment-methods/pm_1/") {
            Reply::json(400, &json!({"detail": "Pay first", "status": "unpaid_debts"}))
        } else if request.path.ends_with("/default/") {
            Reply::json(409, &json!({"detail": "New", "error": {"type": "brand_new_type", "details": "d"}}))
        } else {
            Reply::json(404, &json!({"detail": "User session with this id was not found"}))
        }
    })
    .await;
    let client = stub.client();
    let error = client
        .start_charging(&user(), connect_ports::StartCharging::new(EVSE, "pm_1"))
        .await
        .unwrap_err();
    let answer = error.api_error().unwrap();
    assert_eq!(answer.kind, ErrorKind::PreAuthorizationFailed);
    assert_eq!(
        answer.payment_intent_client_secret.as_deref(),
        Some("pi_3ds_secret_x")
    );
    assert!(error.request_id().is_some());

    let error = client
        .delete_payment_method(&user(), &"pm_1".into())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), Some(&ErrorKind::Payment));
    let error = client
        .set_default_payment_method(&user(), &"pm_1".into())
        .await
        .unwrap_err();
    assert_eq!(
        error.kind(),
        Some(&ErrorKind::Unknown("brand_new_type".into()))
    );
    let error = client
        .stop_charging(&user(), &SessionId::new("nope"))
        .await
        .unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.kind(), Some(&ErrorKind::NotFound));
}
