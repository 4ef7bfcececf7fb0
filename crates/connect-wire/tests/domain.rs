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
    let user = {
        let mut value = User::new(UserId::new("72794486-bf87-44fb-9b74-5b8fed6c994d"));
        value.email = Some("user@example.com".into());
        value.locale = Some(Locale::De);
        value.external_id = Some("abcdefg123456".into());
        value
    };
    let wire = through_json(&connect_wire::users::User::from(&user));
    assert_eq!(User::from(&wire), user);

    let billing = {
        let mut details = BillingDetails::default();
        details.line1 = Some("Via Roma 10".into());
        details.postal_code = Some("00100".into());
        details.country = Some("it".into());
        details.city = Some("Rome".into());
        details.tax_id = Some("RSSMRA80A01H501U".into());
        details.account_type = AccountType::Personal;
        details.company_name = None;
        details.vat_id = None;
        details.first_name = Some("Mario".into());
        details.last_name = Some("Rossi".into());
        details
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
    let method = {
        let mut method = PaymentMethod::new(
            PaymentMethodId::new("pm_1TD1LuHtgZxQ1KXxNj5sKkKM"),
            PaymentMethodKind::Card,
            Card::new(
                "visa",
                "4242",
                CardExpiry {
                    month: 4,
                    year: 2044,
                },
            ),
            "2026-03-20T11:36:30Z".parse().unwrap(),
        );
        method.is_default = true;
        method
    };
    let wire = through_json(&connect_wire::payments::PaymentMethod::from(&method));
    assert_eq!(
        serde_json::to_value(&wire).unwrap()["card"]["expiration_date"],
        "04/2044"
    );
    assert_eq!(wire.created_at, "2026-03-20T11:36:30Z");
    assert_eq!(PaymentMethod::try_from(&wire).unwrap(), method);

    let debt = Debt::new(SessionId::new("s1"), "pi_1_secret_2", dec("12.34"), "EUR");
    assert_eq!(
        Debt::from(&through_json(&connect_wire::payments::Debt::from(&debt))),
        debt
    );

    let invoice = {
        let mut value = Invoice::new(
            "https://pay.stripe.com/invoice/x/pdf",
            dec("5.39"),
            "2026-04-02T13:52:35Z".parse().unwrap(),
            "eur",
        );
        value.charging_session_id = Some(SessionId::new("ab7ae756-b663-43b9-a025-40c51dd503d9"));
        value
    };
    assert_eq!(
        Invoice::from(&through_json(&connect_wire::invoices::Invoice::from(
            &invoice
        ))),
        invoice
    );
}

fn billed_session() -> ChargingSession {
    let mut session = ChargingSession::new(
        SessionId::new("ab7ae756-b663-43b9-a025-40c51dd503d9"),
        "DE*CIQ*EELDF6XWZU41P*2",
    );
    session.start_time = Some("2026-04-02T13:51:18.754610Z".parse().unwrap());
    session.end_time = Some("2026-04-02T13:51:28.754611Z".parse().unwrap());
    session.consumed_energy_kwh = Some(dec("10.000"));
    session.station = {
        let mut station = StationInfo::default();
        station.station_name = Some("EVA Charge".into());
        station.connector_power = Some(22.0);
        station.latitude = Some("49.630383".into());
        station
    };
    session.is_partner = true;
    session.prices = {
        let mut prices = SessionPrices::default();
        prices.kwh_price = Some(dec("0.54"));
        prices.currency = Some("eur".into());
        prices
    };
    session.bill = Some({
        let mut bill = SessionBill::new({
            let mut cost = SessionCost::zero("eur");
            cost.kwh_cost = dec("5.39");
            cost.time_cost = dec("0.00");
            cost.session_fee_cost = dec("0.00");
            cost.blocking_fee_cost = dec("0.00");
            cost.starting_fee_cost = dec("0.00");
            cost.invoice_vat = dec("0.86");
            cost.invoice_summary = dec("5.39");
            cost
        });
        bill.invoice_download = Some("https://pay.stripe.com/invoice/x/pdf".into());
        bill.invoice_credits = dec("0.00");
        bill.invoice_discount = dec("0.00");
        bill
    });
    session.rating = Some(Rating::new(5).unwrap());
    session
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

// ------------------------------------------------------------ stations, read back

fn worms_station() -> connect_domain::station::Station {
    use connect_domain::station::{
        Amenity, Connector, ConnectorFormat, ConnectorStandard, Evse, EvseId, EvseStatus,
        OpeningDay, OpeningTimes, Operator, PowerType, RegularHours, Station, StationId,
    };
    let group = connect_domain::tariff::PriceGroup::from_json(
        r#"{"currency": "eur", "pre_authorization_amount": "50.00", "prices": {"kwh_price": {"ALL": [
           {"time_from": null, "time_to": null, "date_from": null, "date_to": null,
            "gross_price": "0.4529", "user_facing_price": "0.54", "grace_period_minutes": null,
            "tax": 19, "blocking_cap": null}]}}}"#,
    )
    .unwrap()
    .value;
    {
        let mut station = Station::new(
            StationId::new("DE*CIQ*EELDF6XWZU41P"),
            "EVA Charge",
            connect_domain::zone::Coordinates {
                latitude: 49.630_383,
                longitude: 8.368_902,
            },
            connect_domain::zone::Tz::Europe__Berlin,
            "2026-03-01T10:00:00Z".parse().unwrap(),
        );
        station.address = "Ludwigstraße, 9, 67547, Worms".into();
        station.country = "DE".into();
        station.operator = {
            let mut operator = Operator::new("EVA Charge");
            operator.phone = Some("+4971134214480".into());
            operator
        };
        station.evses = ["1", "2"]
            .iter()
            .map(|n| {
                let mut evse = Evse::new(
                    EvseId::new(format!("DE*CIQ*EELDF6XWZU41P*{n}")),
                    if *n == "1" {
                        EvseStatus::Charging
                    } else {
                        EvseStatus::Available
                    },
                );
                evse.connectors = vec![{
                    let mut connector = Connector::new(ConnectorStandard::Iec62196T2);
                    connector.format = Some(ConnectorFormat::Socket);
                    connector.power_type = Some(PowerType::Ac3Phase);
                    connector.power_kw = Some(22.0);
                    connector
                }];
                evse
            })
            .collect();
        station.opening_times = OpeningTimes::new(
            false,
            vec![RegularHours::new(OpeningDay::Monday, "08:00", "20:00")],
        );
        station.amenities = vec![Amenity::Cafe, Amenity::Unknown("PARKING_LOT".into())];
        station.is_partner = true;
        station.logo_url = Some("https://example.invalid/logo.png".into());
        station.price_groups = vec![group];
        station
    }
}

#[test]
fn a_published_station_reads_back_with_its_tariff_zone_and_derived_values() {
    use connect_domain::station::Station;
    let station = worms_station();
    let now = "2026-04-02T13:51:18Z".parse().unwrap();
    let wire = through_json(&connect_wire::domain::station_to_wire(&station, now));
    let back = Station::try_from(&wire).unwrap();
    assert_eq!(back.id, station.id);
    assert_eq!(back.name, station.name);
    assert_eq!(back.address, station.address);
    assert_eq!(back.country, "DE");
    assert_eq!(back.zone, connect_domain::zone::Tz::Europe__Berlin);
    assert_eq!(back.coordinates, station.coordinates);
    assert_eq!(back.operator, station.operator);
    assert_eq!(back.opening_times, station.opening_times);
    assert_eq!(back.amenities, station.amenities);
    assert_eq!(back.is_partner, station.is_partner);
    assert_eq!(back.logo_url, station.logo_url);
    assert_eq!(back.last_updated, station.last_updated);
    // Derived from what the wire carries: the same as the API derived them.
    assert_eq!(back.speed(), station.speed());
    assert_eq!(back.status(), station.status());
    assert_eq!(back.displayed_price(now), station.displayed_price(now));
    let statuses: Vec<_> = back.evses.iter().map(|e| e.status.clone()).collect();
    assert_eq!(
        statuses,
        station
            .evses
            .iter()
            .map(|e| e.status.clone())
            .collect::<Vec<_>>()
    );
    // The tariff prices as the original: same components and bands.
    assert_eq!(back.price_groups.len(), 1);
    assert_eq!(
        back.price_groups[0].tariff(),
        station.price_groups[0].tariff()
    );
    assert_eq!(back.price_groups[0].power_kw(), Some(22.0));
    assert_eq!(back.evses[0].connectors[0].power_kw, Some(22.0));
}

#[test]
fn a_station_without_status_speed_or_amenities_still_reads() {
    use connect_domain::station::{EvseStatus, Station};
    let wire: connect_wire::stations::Station = serde_json::from_value(json!({
        "id": null, "name": "Somewhere", "address": "Street 1",
        "coordinates": {"latitude": "52.5176", "longitude": "13.4166"},
        "opening_times": {"twentyfourseven": true, "regular_hours": []},
        "operator": {"name": "Op", "contact": null},
        "evses": [{"evse_id": "DE*ABC*E1*1", "status": "NEW_STATUS"}, {"evse_id": "DE*ABC*E1*2"}],
        "last_updated": "2026-03-01T10:00:00",
        "price_groups": [], "unknown_property": 1}))
    .unwrap();
    let station = Station::try_from(&wire).unwrap();
    assert_eq!(station.id.as_str(), "");
    assert_eq!(station.country, "DE");
    assert_eq!(
        station.evses[0].status,
        EvseStatus::Unknown("NEW_STATUS".into())
    );
    assert_eq!(station.evses[1].status, EvseStatus::StatusUnknown);
    assert!(station.evses[0].connectors.is_empty());
    assert!(station.amenities.is_empty());
    assert_eq!(
        station.last_updated,
        "2026-03-01T10:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    );
}

#[test]
fn a_station_that_cannot_be_placed_or_read_is_an_error_naming_the_field() {
    use connect_domain::station::Station;
    let base = json!({
        "id": "42", "name": "n", "address": "a",
        "coordinates": {"latitude": "52.5", "longitude": "13.4"},
        "opening_times": {"twentyfourseven": true, "regular_hours": []},
        "operator": {"name": "Op", "contact": null},
        "evses": [{"evse_id": "12345", "status": "AVAILABLE"}],
        "last_updated": "2026-03-01T10:00:00Z", "price_groups": []});
    let read = |value: &serde_json::Value| {
        let wire: connect_wire::stations::Station = serde_json::from_value(value.clone()).unwrap();
        Station::try_from(&wire)
    };
    // What the wire reader refuses names its field in the error's text.
    let refused = |value: &serde_json::Value| {
        serde_json::from_value::<connect_wire::stations::Station>(value.clone())
            .unwrap_err()
            .to_string()
    };
    // Nothing to price: no country is needed.
    let unplaced = read(&base).unwrap();
    assert_eq!(
        (unplaced.country.as_str(), unplaced.zone),
        ("", connect_domain::zone::Tz::UTC)
    );
    let group = json!({"type": "AC", "power": 22, "evse_ids": [], "currency": "eur",
        "pre_authorization_amount": "50.00", "local_datetime": "2026-04-02T15:51:18+02:00",
        "prices": {"kwh_price": {"ALL": [{"time_from": null, "time_to": null,
        "date_from": null, "date_to": null, "gross_price": "0.1", "user_facing_price": "0.12",
        "grace_period_minutes": null, "tax": 19, "blocking_cap": null}]}}});
    let mut priced = base.clone();
    priced["price_groups"] = json!([group]);
    assert_eq!(read(&priced).unwrap_err().field, "evses");
    let mut bad = base.clone();
    bad["evses"][0]["evse_id"] = json!("DE*ABC*E1*1");
    bad["coordinates"]["latitude"] = json!("north");
    let error = refused(&bad);
    assert!(error.starts_with("latitude: \"north\""), "{error}");
    let mut bad = base.clone();
    bad["evses"][0]["evse_id"] = json!("DE*ABC*E1*1");
    bad["last_updated"] = json!("yesterday");
    assert_eq!(read(&bad).unwrap_err().field, "last_updated");
    let mut bad = base;
    bad["evses"][0]["evse_id"] = json!("DE*ABC*E1*1");
    bad["price_groups"] = json!([{"type": "AC", "power": 22, "evse_ids": [], "currency": "eur",
        "pre_authorization_amount": "50.00", "local_datetime": "2026-04-02T15:51:18+02:00",
        "prices": {"kwh_price": {"ALL": [{"time_from": "25:00", "time_to": null,
        "date_from": null, "date_to": null, "gross_price": "0.1", "user_facing_price": "0.12",
        "grace_period_minutes": null, "tax": 19, "blocking_cap": null}]}}}]);
    let error = refused(&bad);
    assert!(
        error.starts_with("prices.kwh_price.ALL[0].time_from: malformed time"),
        "{error}"
    );
}

#[test]
fn a_tile_feature_reads_as_what_it_carries() {
    let feature: connect_wire::tiles::TileFeature = serde_json::from_value(json!({
        "type": "Feature", "cluster_id": "c-14-1-2",
        "geometry": {"type": "Point", "coordinates": ["52.5176", "13.4166"]},
        "properties": {"count": 12, "expansion_zoom": 15, "speed": "fast", "status": "busy"}}))
    .unwrap();
    let at = feature.coordinates().unwrap();
    assert!((at.latitude - 52.5176).abs() < 1e-9);
    let summary = feature.summary().unwrap();
    assert_eq!(summary.speed, Some(connect_domain::station::Speed::Fast));
    assert_eq!(summary.is_partner, None, "not said is not false");
    assert_eq!(summary.operator, None);
    let mut broken = feature.clone();
    broken.geometry.coordinates = vec!["52.5".into()];
    assert_eq!(
        broken.coordinates().unwrap_err().field,
        "geometry.coordinates"
    );
    let mut priced = feature;
    priced.price_properties = Some(connect_wire::tiles::TilePriceProperties {
        price: "cheap".into(),
        kind: connect_wire::tiles::TilePriceType::ChargingPrice,
        currency: "eur".into(),
    });
    assert_eq!(
        priced.summary().unwrap_err().field,
        "price_properties.price"
    );
}
