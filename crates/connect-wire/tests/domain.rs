//! Domain values survive the wire: written as the API's JSON and read back, they are equal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use connect_domain::account::{AccountType, BillingDetails, Locale, NewUser, User, UserPatch};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::{Card, CardExpiry, Debt, PaymentMethod, PaymentMethodKind};
use connect_domain::pricing::SessionCost;
use connect_domain::session::{ChargingSession, Rating, SessionBill, SessionPrices, StationInfo};
use connect_wire::domain::rating_from_wire;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

/// Domain → wire → JSON text → wire.
fn through_json<W: Serialize + DeserializeOwned>(wire: &W) -> W {
    serde_json::from_str(&serde_json::to_string(wire).unwrap()).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn a_user_and_its_billing_details_round_trip() {
    let user = User {
        id: UserId::new("72794486-bf87-44fb-9b74-5b8fed6c994d"),
        email: Some("user@example.com".into()),
        locale: Some(Locale::De),
        external_id: Some("abcdefg123456".into()),
    };
    let wire = through_json(&connect_wire::users::User::from(&user));
    assert_eq!(User::from(&wire), user);

    let billing = BillingDetails {
        line1: Some("Via Roma 10".into()),
        postal_code: Some("00100".into()),
        country: Some("it".into()),
        city: Some("Rome".into()),
        tax_id: Some("RSSMRA80A01H501U".into()),
        account_type: AccountType::Personal,
        company_name: None,
        vat_id: None,
        first_name: Some("Mario".into()),
        last_name: Some("Rossi".into()),
    };
    let wire = through_json(&connect_wire::billing::BillingDetails::from(&billing));
    assert_eq!(BillingDetails::from(&wire), billing);
}

#[test]
fn the_reference_clients_empty_strings_mean_no_value() {
    let wire: connect_wire::billing::BillingDetails = serde_json::from_value(json!({
        "country": "DE", "line1": "Berliner Str. 123", "postal_code": "10119", "city": "Berlin",
        "account_type": "personal", "company_name": "", "vat_id": "", "tax_id": "",
        "first_name": "Max", "last_name": "Mustermann"}))
    .unwrap();
    let details = BillingDetails::from(&wire);
    assert_eq!(
        (details.company_name, details.vat_id, details.tax_id),
        (None, None, None)
    );
}

#[test]
fn create_and_patch_bodies_keep_absent_apart_from_null() {
    let body: connect_wire::users::PatchedUser =
        serde_json::from_value(json!({"custom_properties": null})).unwrap();
    let patch = UserPatch::from(&body);
    assert_eq!(patch.external_id, Some(None), "null clears the external id");
    assert_eq!(patch.email, None, "absent keeps the email");
    let body: connect_wire::users::PatchedUser =
        serde_json::from_value(json!({"email": null, "locale": "en",
            "custom_properties": {"external_id": "my-external-id-1"}}))
        .unwrap();
    let new = NewUser::from(&body);
    assert_eq!(new.external_id.as_deref(), Some("my-external-id-1"));
    assert_eq!(new.locale, Some(Locale::En));
    let written = connect_wire::users::PatchedUser::from(&patch);
    assert_eq!(
        serde_json::to_value(&written).unwrap(),
        json!({"custom_properties": {"external_id": null}})
    );
    assert_eq!(UserPatch::from(&written), patch);
}

#[test]
fn payment_methods_debts_and_invoices_round_trip() {
    let method = PaymentMethod {
        id: PaymentMethodId::new("pm_1TD1LuHtgZxQ1KXxNj5sKkKM"),
        is_default: true,
        kind: PaymentMethodKind::Card,
        card: Card {
            brand: "visa".into(),
            last4: "4242".into(),
            expiry: CardExpiry {
                month: 4,
                year: 2044,
            },
            cardholder_name: None,
        },
        created_at: "2026-03-20T11:36:30Z".parse().unwrap(),
    };
    let wire = through_json(&connect_wire::payments::PaymentMethod::from(&method));
    assert_eq!(wire.card.as_ref().unwrap().expiration_date, "04/2044");
    assert_eq!(wire.created_at, "2026-03-20T11:36:30Z");
    assert_eq!(PaymentMethod::try_from(&wire).unwrap(), method);

    let debt = Debt {
        session_id: SessionId::new("s1"),
        payment_intent_client_secret: "pi_1_secret_2".into(),
        amount: dec("12.34"),
        currency: "EUR".into(),
    };
    assert_eq!(
        Debt::from(&through_json(&connect_wire::payments::Debt::from(&debt))),
        debt
    );

    let invoice = Invoice {
        link: "https://pay.stripe.com/invoice/x/pdf".into(),
        view_link: None,
        total: dec("5.39"),
        date: "2026-04-02T13:52:35Z".parse().unwrap(),
        refund: false,
        currency: "eur".into(),
        charging_session_id: Some(SessionId::new("ab7ae756-b663-43b9-a025-40c51dd503d9")),
    };
    assert_eq!(
        Invoice::from(&through_json(&connect_wire::invoices::Invoice::from(
            &invoice
        ))),
        invoice
    );
}

fn billed_session() -> ChargingSession {
    ChargingSession {
        id: SessionId::new("ab7ae756-b663-43b9-a025-40c51dd503d9"),
        evse_id: "DE*CIQ*EELDF6XWZU41P*2".into(),
        start_time: Some("2026-04-02T13:51:18.754610Z".parse().unwrap()),
        end_time: Some("2026-04-02T13:51:28.754611Z".parse().unwrap()),
        consumed_energy_kwh: Some(dec("10.000")),
        is_active: false,
        station: StationInfo {
            station_name: Some("EVA Charge".into()),
            connector_power: Some(22.0),
            latitude: Some("49.630383".into()),
            ..StationInfo::default()
        },
        is_partner: true,
        logo_url: None,
        prices: SessionPrices {
            kwh_price: Some(dec("0.54")),
            currency: Some("eur".into()),
            ..SessionPrices::default()
        },
        bill: Some(SessionBill {
            cost: SessionCost {
                kwh_cost: dec("5.39"),
                time_cost: dec("0.00"),
                session_fee_cost: dec("0.00"),
                blocking_fee_cost: dec("0.00"),
                starting_fee_cost: dec("0.00"),
                invoice_vat: dec("0.86"),
                invoice_summary: dec("5.39"),
                currency: "eur".into(),
            },
            invoice_download: Some("https://pay.stripe.com/invoice/x/pdf".into()),
            invoice_view: None,
            invoice_credits: dec("0.00"),
            invoice_discount: dec("0.00"),
        }),
        rating: Some(Rating::new(5).unwrap()),
    }
}

#[test]
fn a_billed_session_round_trips_in_the_documented_shape() {
    let session = billed_session();
    let wire = connect_wire::sessions::ChargingSession::from(&session);
    let json = serde_json::to_value(&wire).unwrap();
    assert_eq!(json["duration"], 10);
    assert_eq!(json["consumed_energy"], "10.000");
    assert_eq!(json["station_info"]["connector_power"], 22);
    assert_eq!(json["session_cost"]["kwh_cost"], "5.39");
    assert_eq!(json["session_cost"]["invoice_summary"], "5.39");
    assert_eq!(
        json["user_facing_session_prices"]["time_price"],
        serde_json::Value::Null
    );
    assert_eq!(json["rates"], 5);
    let back = ChargingSession::try_from(&through_json(&wire)).unwrap();
    assert_eq!(back, session);
}

#[test]
fn an_active_session_has_no_bill_and_zero_totals_on_the_wire() {
    let mut session = billed_session();
    session.bill = None;
    session.is_active = true;
    session.end_time = None;
    let json =
        serde_json::to_value(connect_wire::sessions::ChargingSession::from(&session)).unwrap();
    assert_eq!(json["session_cost"]["kwh_cost"], serde_json::Value::Null);
    assert_eq!(json["session_cost"]["invoice_summary"], "0.00");
    assert_eq!(json["duration"], serde_json::Value::Null);
    let back = ChargingSession::try_from(&through_json(
        &connect_wire::sessions::ChargingSession::from(&session),
    ))
    .unwrap();
    assert_eq!(back.bill, None);
}

#[test]
fn ratings_outside_one_to_five_are_refused_naming_rates() {
    let wire: connect_wire::sessions::Rating = serde_json::from_value(json!(7)).unwrap();
    assert_eq!(rating_from_wire(&wire).unwrap_err().field, "rates");
    let wire: connect_wire::sessions::Rating = serde_json::from_value(json!("5")).unwrap();
    assert_eq!(rating_from_wire(&wire).unwrap().get(), 5);
}
