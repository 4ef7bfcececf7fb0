//! Arbitrary JSON never makes reading panic, for any type a body is read into: it reads or
//! it is refused. What reads is written without error, the written form reads again, and
//! writing that gives the same JSON (writing is a fixpoint after one pass).
//!
//! The generator mixes the document's own property names and realistic values (decimals,
//! date-times, enum values, placeholders) into arbitrary JSON, so that reading gets deep
//! into the types instead of stopping at the first unknown key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Debug;
use std::sync::OnceLock;

use connect_domain::account::{AccountType, Locale};
use connect_domain::payment::{Card, CardExpiry};
use connect_domain::session::StationInfo;
use connect_domain::station::{
    Amenity, ConnectorStandard, EvseStatus, OpeningDay, OpeningTimes, RegularHours, Speed,
    StationPriceKind, StationStatus,
};
use connect_domain::tariff::PriceGroup;
use connect_ports::ErrorKind;
use connect_wire::billing::BillingDetails;
use connect_wire::errors::{Detail, ErrorBody, ErrorDetail, ErrorInfo};
use connect_wire::invoices::{Invoice, InvoicePage};
use connect_wire::page::Paginated;
use connect_wire::payments::{Debt, PaymentMethod, SetupIntent};
use connect_wire::sessions::{
    ChargingSession, PatchedChargingSession, PaygSummary, Rating, StartChargingRequest,
    UserFacingSessionPrices,
};
use connect_wire::stations::{Evse, OperatorInfo, PartnerOperator, Station};
use connect_wire::tiles::{TileFeature, TileGeometry, TileProperties, TileResponse};
use connect_wire::users::{PatchedUser, User};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

fn property_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(common::all_property_names)
}

const TEXTS: &[&str] = &[
    "",
    "5",
    "5.39",
    "-0.50",
    "10.000",
    "1e400",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "NaN",
    "2026-04-02T13:51:18.754610Z",
    "2026-04-02T15:51:18+02:00",
    "2026-04-02",
    "12/2027",
    "04/44",
    "13/2027",
    "<string>",
    "MONDAY",
    "ALL",
    "AVAILABLE",
    "UNKNOWN",
    "free",
    "slow",
    "card",
    "personal",
    "de",
    "charging_price",
    "already_charging",
    "IEC_62196_T2",
    "FeatureCollection",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-10i64..10).prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // non-finite values become null
        prop::sample::select(TEXTS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(property_names()),
        1 => "[a-z_]{0,8}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Reads `value` as `T` from a `Value` and from text; if it reads, writes it, reads that
/// back, and checks the second writing equals the first.
fn check<T>(value: &Value, text: &str)
where
    T: DeserializeOwned + Serialize + Debug,
{
    let from_value = serde_json::from_value::<T>(value.clone());
    let from_text = serde_json::from_str::<T>(text);
    assert_eq!(
        from_value.is_ok(),
        from_text.is_ok(),
        "{}: reading a Value and reading text disagree on {text}",
        std::any::type_name::<T>()
    );
    let Ok(read) = from_value else {
        return;
    };
    let written = serde_json::to_value(&read).expect("what reads, writes");
    let again: T = serde_json::from_value(written.clone()).unwrap_or_else(|error| {
        panic!(
            "{}: the written form does not read back ({error}): {written}",
            std::any::type_name::<T>()
        )
    });
    assert_eq!(
        serde_json::to_value(&again).unwrap(),
        written,
        "{}: writing is not a fixpoint",
        std::any::type_name::<T>()
    );
}

/// Every type a body, or a part of one, is read into.
fn check_all(value: &Value) {
    let text = value.to_string();
    let text = text.as_str();
    check::<User>(value, text);
    check::<PatchedUser>(value, text);
    check::<Paginated<User>>(value, text);
    check::<BillingDetails>(value, text);
    check::<PaymentMethod>(value, text);
    check::<Paginated<PaymentMethod>>(value, text);
    check::<Card>(value, text);
    check::<SetupIntent>(value, text);
    check::<Debt>(value, text);
    check::<Paginated<Debt>>(value, text);
    check::<Station>(value, text);
    check::<Paginated<Station>>(value, text);
    check::<Evse>(value, text);
    check::<OpeningTimes>(value, text);
    check::<RegularHours>(value, text);
    check::<OperatorInfo>(value, text);
    check::<PriceGroup>(value, text);
    check::<Vec<PartnerOperator>>(value, text);
    check::<TileResponse>(value, text);
    check::<TileFeature>(value, text);
    check::<TileGeometry>(value, text);
    check::<TileProperties>(value, text);
    check::<ChargingSession>(value, text);
    check::<Paginated<ChargingSession>>(value, text);
    check::<PatchedChargingSession>(value, text);
    check::<StationInfo>(value, text);
    check::<UserFacingSessionPrices>(value, text);
    check::<PaygSummary>(value, text);
    check::<StartChargingRequest>(value, text);
    check::<Invoice>(value, text);
    check::<InvoicePage>(value, text);
    check::<Detail>(value, text);
    check::<ErrorDetail>(value, text);
    check::<ErrorInfo>(value, text);
    check::<ErrorBody>(value, text);
    check::<Option<Rating>>(value, text);
    check::<Locale>(value, text);
    check::<AccountType>(value, text);
    check::<Speed>(value, text);
    check::<StationStatus>(value, text);
    check::<EvseStatus>(value, text);
    check::<Amenity>(value, text);
    check::<ConnectorStandard>(value, text);
    check::<OpeningDay>(value, text);
    check::<StationPriceKind>(value, text);
    check::<ErrorKind>(value, text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_json_never_panics_any_reader(value in json()) {
        check_all(&value);
    }

    #[test]
    fn arbitrary_text_never_panics_the_expiry_parser(text in ".{0,10}|[0-9]{1,3}/[0-9]{0,5}") {
        if let Ok(expiry) = CardExpiry::parse(&text) {
            prop_assert!((1..=12).contains(&expiry.month));
            prop_assert!(expiry.year >= 2000 || text.trim().len() == 7);
        }
    }
}

/// Valid bodies of every kind, as the docs show them; the mutation test damages them.
const SEEDS: &[&str] = &[
    r#"{"count": 1, "next": null, "previous": null, "results": [{
  "id": "ab7ae756-b663-43b9-a025-40c51dd503d9", "start_time": "2026-04-02T13:51:18.754610Z",
  "end_time": "2026-04-02T13:51:28.754611Z", "duration": 10, "consumed_energy": "10.000",
  "is_active": false, "evse_id": "DE*CIQ*EELDF6XWZU41P*2",
  "station_info": {"station_name": "EVA Charge", "station_address": "Ludwigstraße, 9, 67547, Worms", "country": "DE",
    "station_speed": "slow", "connector_standard": "IEC_62196_T2", "connector_power": 22,
    "support_phone": "+4971134214480", "latitude": "49.630383", "longitude": "8.368902"},
  "is_partner": true, "logo_url": "https://example.com/logo.png",
  "user_facing_session_prices": {"kwh_price": "0.54", "time_price": null, "session_fee": null, "blocking_fee": null,
    "starting_fee": null, "grace_period_minutes": null, "blocking_cap": null, "currency": "eur"},
  "session_cost": {"kwh_cost": "5.39", "time_cost": "0.00", "session_fee_cost": "0.00", "blocking_fee_cost": "0.00",
    "starting_fee_cost": "0.00", "invoice_view": "https://invoice.stripe.com/i/x", "invoice_download": null,
    "invoice_vat": "0.86", "invoice_summary": "5.39", "invoice_credits": "0.00", "invoice_discount": "0.00",
    "currency": "eur"}, "rates": 4}]}"#,
    r#"{"count": 1, "next": null, "previous": null, "results": [{
  "id": "st", "name": "N", "address": "A", "coordinates": {"latitude": "52.500000", "longitude": "13.400000"},
  "opening_times": {"twentyfourseven": false, "regular_hours": [{"period_begin": "08:00", "period_end": "18:00", "weekday": "MONDAY"}]},
  "operator": {"name": "O", "contact": {"phone": null}}, "evses": [{"evse_id": "E", "status": "AVAILABLE"}],
  "last_updated": "x", "price_groups": [{"type": "AC", "power": 22, "evse_ids": ["E"],
    "prices": {"kwh_price": {"ALL": [{"time_from": null, "time_to": null, "date_from": null, "date_to": null,
      "gross_price": "0.4529", "user_facing_price": "0.54", "grace_period_minutes": null, "tax": 19, "blocking_cap": null}]},
      "time_price": null, "blocking_fee": {}},
    "local_datetime": "2026-04-02T15:51:18+02:00", "currency": "eur", "pre_authorization_amount": "50.00"}],
  "speed": "slow", "status": "free", "amenities": ["HOTEL"], "is_partner": false, "logo_url": "u"}]}"#,
    r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "station_id": "s", "cluster_id": "c",
   "geometry": {"type": "Point", "coordinates": ["52.5", "13.4"]},
   "properties": {"count": 1, "expansion_zoom": 12, "speed": "slow", "status": "free", "operator_id": "o"},
   "custom_properties": {"is_partner": true},
   "price_properties": {"price": "0.54", "type": "charging_price", "currency": "eur"}}]}"#,
    r#"{"size": 1, "next_page_id": "in_2", "prev_page_id": null, "data": [{"view_link": "v", "link": "l",
  "total": "5.39", "date": "2026-04-02T13:52:35Z", "refund": false, "currency": "eur", "charging_session_id": "s"}]}"#,
    r#"{"count": 1, "next": null, "previous": null, "results": [{"id": "pm_1", "default": true, "type": "card",
  "card": {"brand": "visa", "last4": "4242", "expiration_date": "04/2044", "cardholder_name": null},
  "created_at": "2026-03-20T11:36:30Z"}]}"#,
    r#"{"count": 1, "next": null, "previous": null, "results": [{"session_id": "s", "client_secret": "pi",
  "amount": "5.39", "currency": "EUR"}]}"#,
    r#"{"country": null, "city": null, "tax_id": null, "account_type": "personal", "company_name": null,
  "vat_id": null, "line1": null, "postal_code": null, "first_name": null, "last_name": null}"#,
    r#"{"count": 1, "next": null, "previous": null, "results": [{"id": "u", "email": null, "locale": "de",
  "custom_properties": {"external_id": null}}]}"#,
    r#"{"detail": "Charging Error", "error": {"type": "pre_authorization_failed", "details": "d",
  "payment_intent_client_secret": "pi"}}"#,
    r#"{"setup_intent_client_secret": "seti", "client_secret": "seti2", "rates": "5", "evse_id": "E",
  "payment_method_id": "pm"}"#,
];

/// Replaces, removes or adds one node somewhere inside `value`, chosen by `selector`.
fn mutate(value: &mut Value, mut selector: u64, replacement: Value, key: String, mode: u8) {
    let mut node = value;
    loop {
        let children = match &*node {
            Value::Array(items) => items.len(),
            Value::Object(map) => map.len(),
            _ => 0,
        };
        if children == 0 || selector.is_multiple_of(5) {
            break;
        }
        let index = usize::try_from((selector / 5) % children as u64).unwrap();
        selector /= 5 * children as u64;
        node = match node {
            Value::Array(items) => &mut items[index],
            Value::Object(map) => map.values_mut().nth(index).unwrap(),
            _ => unreachable!(),
        };
    }
    match (mode % 3, node) {
        (1, Value::Object(map)) if !map.is_empty() => {
            let index = usize::try_from(selector % map.len() as u64).unwrap();
            let doomed = map.keys().nth(index).unwrap().clone();
            map.remove(&doomed);
        }
        (2, Value::Object(map)) => {
            map.insert(key, replacement);
        }
        (_, node) => *node = replacement,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn damaged_documented_bodies_never_panic_any_reader(
        seed in prop::sample::select(SEEDS),
        mutations in prop::collection::vec((any::<u64>(), json(), key(), any::<u8>()), 1..4),
    ) {
        let mut value: Value = serde_json::from_str(seed).unwrap();
        for (selector, replacement, key, mode) in mutations {
            mutate(&mut value, selector, replacement, key, mode);
        }
        check_all(&value);
    }
}

#[test]
fn every_seed_reads_as_something() {
    // The mutation test is only as deep as its seeds: each must read as a real body.
    let readers: [fn(&str) -> bool; 10] = [
        |text| serde_json::from_str::<Paginated<ChargingSession>>(text).is_ok(),
        |text| serde_json::from_str::<Paginated<Station>>(text).is_ok(),
        |text| serde_json::from_str::<TileResponse>(text).is_ok(),
        |text| serde_json::from_str::<InvoicePage>(text).is_ok(),
        |text| serde_json::from_str::<Paginated<PaymentMethod>>(text).is_ok(),
        |text| serde_json::from_str::<Paginated<Debt>>(text).is_ok(),
        |text| serde_json::from_str::<BillingDetails>(text).is_ok(),
        |text| serde_json::from_str::<Paginated<User>>(text).is_ok(),
        |text| serde_json::from_str::<ErrorDetail>(text).is_ok(),
        |text| {
            serde_json::from_str::<SetupIntent>(text).is_ok()
                && serde_json::from_str::<PatchedChargingSession>(text).is_ok()
                && serde_json::from_str::<StartChargingRequest>(text).is_ok()
        },
    ];
    for (seed, reads) in SEEDS.iter().zip(readers) {
        assert!(reads(seed), "seed does not read: {seed}");
    }
}

#[test]
fn an_error_body_reads_from_any_json_object() {
    let mut runner = proptest::test_runner::TestRunner::default();
    let objects = prop::collection::vec((key(), json()), 0..8)
        .prop_map(|entries| Value::Object(entries.into_iter().collect()));
    runner
        .run(&objects, |value| {
            prop_assert!(serde_json::from_value::<ErrorBody>(value).is_ok());
            Ok(())
        })
        .unwrap();
}
