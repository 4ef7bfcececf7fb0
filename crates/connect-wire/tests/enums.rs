//! Enums that mirror API values keep values they do not know and write them back unchanged,
//! alone and inside the bodies that carry them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;

use common::assert_round_trips;
use connect_domain::account::{AccountType, Locale};
use connect_domain::payment::{PaymentMethodKind, SetupKind};
use connect_domain::station::{
    Amenity, ConnectorFormat, ConnectorStandard, EvseStatus, OpeningDay, PowerType, RegularHours,
    Speed, StationPriceKind, StationStatus,
};
use connect_ports::ErrorKind;
use connect_wire::billing::BillingDetails;
use connect_wire::errors::ErrorDetail;
use connect_wire::payments::PaymentMethod;
use connect_wire::sessions::{ChargingSession, PatchedChargingSession, Rating};
use connect_wire::stations::{Evse, Station};
use connect_wire::tiles::{TilePriceProperties, TileProperties};
use connect_wire::users::User;
use serde_json::json;

/// For a string enum: every known value reads, writes and parses as itself; the known
/// values are distinct; an unknown value is kept and written back unchanged.
macro_rules! string_enum_tests {
    ($($test:ident: $ty:ty),+ $(,)?) => {$(
        #[test]
        fn $test() {
            let mut seen = BTreeSet::new();
            for known in <$ty>::KNOWN {
                assert!(known.is_known());
                let text = known.as_str();
                assert!(seen.insert(text.to_owned()), "{text} listed twice");
                assert_eq!(&<$ty>::parse(text), known);
                assert_eq!(&text.parse::<$ty>().unwrap(), known);
                assert_eq!(known.to_string(), text);
                let written = serde_json::to_value(known).unwrap();
                assert_eq!(written, json!(text));
                assert_eq!(&serde_json::from_value::<$ty>(written).unwrap(), known);
            }
            for unknown in ["SOMETHING_NEW", "something_new", "", "Ünïcødé value"] {
                let value: $ty = serde_json::from_value(json!(unknown)).unwrap();
                assert_eq!(value, <$ty>::Unknown(unknown.to_owned()));
                assert!(!value.is_known());
                assert_eq!(value.as_str(), unknown);
                assert_eq!(serde_json::to_value(&value).unwrap(), json!(unknown));
            }
            assert!(serde_json::from_value::<$ty>(json!(1)).is_err());
            assert!(serde_json::from_value::<$ty>(json!(null)).is_err());
        }
    )+};
}

string_enum_tests! {
    locale_keeps_unknown_values: Locale,
    account_type_keeps_unknown_values: AccountType,
    payment_method_kind_keeps_unknown_values: PaymentMethodKind,
    setup_kind_keeps_unknown_values: SetupKind,
    speed_keeps_unknown_values: Speed,
    station_status_keeps_unknown_values: StationStatus,
    evse_status_keeps_unknown_values: EvseStatus,
    amenity_keeps_unknown_values: Amenity,
    connector_standard_keeps_unknown_values: ConnectorStandard,
    connector_format_keeps_unknown_values: ConnectorFormat,
    power_type_keeps_unknown_values: PowerType,
    opening_day_keeps_unknown_values: OpeningDay,
    station_price_kind_keeps_unknown_values: StationPriceKind,
    error_kind_keeps_unknown_values: ErrorKind,
}

#[test]
fn the_api_s_own_unknown_status_is_not_an_unknown_value() {
    assert_eq!(EvseStatus::parse("UNKNOWN"), EvseStatus::StatusUnknown);
    assert!(EvseStatus::StatusUnknown.is_known());
    assert_eq!(
        StationStatus::parse("unknown"),
        StationStatus::StatusUnknown
    );
    assert_eq!(
        StationStatus::parse("UNKNOWN"),
        StationStatus::Unknown("UNKNOWN".into())
    );
}

#[test]
fn ratings_read_integers_and_strings_and_write_integers() {
    for (value, rating) in (1..=5).zip(Rating::KNOWN) {
        assert_eq!(serde_json::to_value(rating).unwrap(), json!(value));
        assert_eq!(
            &serde_json::from_value::<Rating>(json!(value)).unwrap(),
            rating
        );
        let text = value.to_string();
        assert_eq!(
            &serde_json::from_value::<Rating>(json!(text)).unwrap(),
            rating
        );
        assert_eq!(rating.value(), Some(u8::try_from(value).unwrap()));
        assert_eq!(rating.to_string(), text);
    }
}

#[test]
fn unknown_ratings_are_kept_and_written_back_as_sent() {
    for value in [json!(0), json!(7), json!(-1), json!(4.5), json!("great")] {
        let rating: Rating = serde_json::from_value(value.clone()).unwrap();
        assert!(!rating.is_known(), "{value}");
        assert_eq!(rating.value(), None);
        assert_eq!(serde_json::to_value(&rating).unwrap(), value);
    }
    assert_eq!(
        serde_json::from_value::<Rating>(json!(7)).unwrap(),
        Rating::Unknown("7".into())
    );
    // A number sent as a string is written as the number the document types it as.
    assert_eq!(
        serde_json::to_value(serde_json::from_value::<Rating>(json!("7")).unwrap()).unwrap(),
        json!(7)
    );
    assert!(serde_json::from_value::<Rating>(json!(null)).is_err());
    assert_eq!(
        serde_json::from_value::<Option<Rating>>(json!(null)).unwrap(),
        None
    );
    assert_round_trips::<PatchedChargingSession>(r#"{"rates": 9}"#);
}

#[test]
fn unknown_values_survive_inside_the_bodies_that_carry_them() {
    assert_round_trips::<User>(
        r#"{"id": "u1", "email": null, "locale": "it", "custom_properties": null}"#,
    );
    let details: BillingDetails = assert_round_trips(
        r#"{"country": null, "city": null, "tax_id": null, "account_type": "nonprofit", "company_name": null, "vat_id": null, "line1": null, "postal_code": null, "first_name": null, "last_name": null}"#,
    );
    assert_eq!(
        details.account_type,
        Some(AccountType::Unknown("nonprofit".into()))
    );
    assert_round_trips::<PaymentMethod>(
        r#"{"id": "pm_1", "default": false, "type": "sepa_debit", "card": {"brand": "visa", "last4": "4242", "expiration_date": "12/2027", "cardholder_name": null}, "created_at": "2026-03-20T11:36:39Z"}"#,
    );
    assert_round_trips::<Evse>(r#"{"evse_id": "DE*CIQ*E1*1", "status": "PREPARING"}"#);
    assert_round_trips::<RegularHours>(
        r#"{"weekday": "HOLIDAY", "period_begin": "08:00", "period_end": "18:00"}"#,
    );
    assert_round_trips::<TileProperties>(
        r#"{"count": 1, "speed": "ultra", "status": "maintenance"}"#,
    );
    assert_round_trips::<TilePriceProperties>(
        r#"{"price": "0.10", "type": "session_price", "currency": "eur"}"#,
    );
    let error: ErrorDetail = assert_round_trips(
        r#"{"detail": "Slow down", "error": {"type": "rate_limited", "details": "Too many requests"}}"#,
    );
    assert_eq!(error.error.kind, ErrorKind::Unknown("rate_limited".into()));
}

#[test]
fn unknown_amenities_and_station_values_survive_in_a_station() {
    let station: Station = assert_round_trips(
        r#"{"id": null, "name": "N", "speed": "hyper", "address": "A", "status": "closed",
        "coordinates": {"latitude": "52.500000", "longitude": "13.400000"},
        "opening_times": {"twentyfourseven": true, "regular_hours": []},
        "operator": {"name": "O", "contact": null},
        "evses": [{"evse_id": "E", "status": "AVAILABLE"}], "last_updated": "2026-04-02T13:51:18Z",
        "amenities": ["WIFI", "BIKE_SHARING"], "is_partner": true, "price_groups": []}"#,
    );
    assert_eq!(
        station.amenities,
        Some(vec![Amenity::Wifi, Amenity::Unknown("BIKE_SHARING".into())])
    );
}

#[test]
fn a_session_with_an_unknown_rating_round_trips() {
    let session: ChargingSession = assert_round_trips(
        r#"{"id": "s", "start_time": null, "end_time": null, "duration": null, "consumed_energy": null,
        "is_active": true, "evse_id": "E", "station_info": {"station_name": null, "station_address": null,
        "country": null, "station_speed": null, "connector_standard": "NACS", "connector_power": 11.5,
        "support_phone": null, "latitude": null, "longitude": null}, "is_partner": false, "logo_url": null,
        "user_facing_session_prices": {"kwh_price": null, "time_price": null, "session_fee": null,
        "blocking_fee": null, "starting_fee": null, "grace_period_minutes": null, "blocking_cap": null},
        "session_cost": {"kwh_cost": null, "time_cost": null, "session_fee_cost": null,
        "blocking_fee_cost": null, "starting_fee_cost": null, "invoice_download": null,
        "invoice_vat": "0.00", "invoice_summary": "", "invoice_credits": "0.00",
        "invoice_discount": "0.00", "currency": "eur"}, "rates": 0}"#,
    );
    assert_eq!(session.rates, Some(Rating::Unknown("0".into())));
    assert_eq!(
        session.station_info.connector_standard.as_deref(),
        Some("NACS")
    );
}
