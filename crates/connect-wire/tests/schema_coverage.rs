//! Every schema of the OpenAPI document (the crate's copy in `openapi/`) has a Rust
//! counterpart, listed in [`counterparts`]:
//!
//! - an object schema: a sample value with every property set is written with exactly the
//!   schema's property names (a renamed, missing or extra field fails), and a body with only
//!   the schema's required properties reads (the type demands no more than the document);
//! - an enum schema: the Rust enum knows exactly the schema's values.
//!
//! The table must name every schema of the document and nothing else, so a schema added in
//! a newer revision of the document fails here until it has a type.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use connect_domain::account::{AccountType, Locale};
use connect_domain::payment::{Card, PaymentMethodKind};
use connect_domain::session::StationInfo;
use connect_domain::station::{
    Amenity, ConnectorStandard, EvseStatus, OpeningDay, OpeningTimes, RegularHours, Speed,
    StationStatus,
};
use connect_domain::tariff::PriceGroup;
use connect_ports::ErrorKind;
use connect_wire::billing::BillingDetails;
use connect_wire::errors::{Detail, ErrorDetail, ErrorInfo};
use connect_wire::invoices::{Invoice, InvoicePage};
use connect_wire::page::Paginated;
use connect_wire::payments::{Debt, PaymentMethod, SetupIntent};
use connect_wire::sessions::{
    ChargingSession, PatchedChargingSession, PaygSummary, Rating, StartChargingRequest,
    UserFacingSessionPrices,
};
use connect_wire::stations::{Contact, Evse, OperatorInfo, PartnerOperator, Station};
use connect_wire::tiles::{
    TileCustomProperties, TileFeature, TileGeometry, TilePriceProperties, TilePriceType,
    TileProperties, TileResponse,
};
use connect_wire::users::{PatchedUser, User, UserCustomProperties};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Reads a JSON value as `T`, or fails.
type Reader = Box<dyn Fn(Value) -> Result<(), serde_json::Error>>;

/// How a schema is represented in Rust.
enum Counterpart {
    /// An object type: a sample with every property set, and the type's reader.
    Object { sample: Value, reads: Reader },
    /// An enum: its known values as written.
    Enum(Vec<String>),
    /// `NullEnum`: the `null` of an `Option`.
    Null(Value),
}

fn object<T: Serialize + DeserializeOwned>(sample: &T) -> Counterpart {
    Counterpart::Object {
        sample: serde_json::to_value(sample).unwrap(),
        reads: Box::new(|value| serde_json::from_value::<T>(value).map(drop)),
    }
}

/// A schema that has no type of its own because its shape is part of a larger one's (the
/// station's text coordinates, a price group's components and bands, all read by one
/// reader): the sample is the part of `whole` at `pointer`, and it reads when `whole` with
/// that part replaced reads.
fn part_of<T: Serialize + DeserializeOwned>(whole: &T, pointer: &'static str) -> Counterpart {
    let whole = serde_json::to_value(whole).unwrap();
    let sample = whole.pointer(pointer).unwrap().clone();
    Counterpart::Object {
        sample,
        reads: Box::new(move |part| {
            let mut whole = whole.clone();
            *whole.pointer_mut(pointer).unwrap() = part;
            serde_json::from_value::<T>(whole).map(drop)
        }),
    }
}

fn values<T: Serialize>(known: &[T]) -> Counterpart {
    Counterpart::Enum(
        known
            .iter()
            .map(|value| match serde_json::to_value(value).unwrap() {
                Value::String(text) => text,
                other => other.to_string(),
            })
            .collect(),
    )
}

/// The schema → Rust table.
#[allow(clippy::too_many_lines)] // one entry per schema
fn counterparts() -> Vec<(&'static str, &'static str, Counterpart)> {
    vec![
        (
            "AccountTypeEnum",
            "connect_domain::account::AccountType",
            values(AccountType::KNOWN),
        ),
        (
            "AmenitiesEnum",
            "connect_domain::station::Amenity",
            values(Amenity::KNOWN),
        ),
        (
            "ConnectAPIBillingDetails",
            "billing::BillingDetails",
            object(&billing_details()),
        ),
        (
            "ConnectAPICardPM",
            "connect_domain::payment::Card",
            object(&card()),
        ),
        (
            "ConnectAPIChargingSession",
            "sessions::ChargingSession",
            object(&session()),
        ),
        ("ConnectAPIDebt", "payments::Debt", object(&debt())),
        ("ConnectAPIEvse", "stations::Evse", object(&evse())),
        (
            "ConnectAPIEvseStatusEnum",
            "connect_domain::station::EvseStatus",
            values(EvseStatus::KNOWN),
        ),
        (
            "ConnectAPIInvoiceList",
            "invoices::Invoice",
            object(&invoice()),
        ),
        (
            "ConnectAPIOpeningTimes",
            "connect_domain::station::OpeningTimes",
            object(&opening_times()),
        ),
        (
            "ConnectAPIPAYGSummary",
            "sessions::PaygSummary",
            object(&payg_summary()),
        ),
        (
            "ConnectAPIPM",
            "payments::PaymentMethod",
            object(&payment_method()),
        ),
        (
            "ConnectAPIPMTypeEnum",
            "connect_domain::payment::PaymentMethodKind",
            values(PaymentMethodKind::KNOWN),
        ),
        (
            "ConnectAPIPartnerFilterOperator",
            "stations::PartnerOperator",
            object(&partner()),
        ),
        (
            "ConnectAPIPriceGroup",
            "connect_domain::tariff::PriceGroup",
            object(&price_group()),
        ),
        (
            "ConnectAPIPrices",
            "connect_domain::tariff::PriceGroup (prices)",
            part_of(&price_group(), "/prices"),
        ),
        (
            "ConnectAPIRegularHours",
            "connect_domain::station::RegularHours",
            object(&regular_hours()),
        ),
        (
            "ConnectAPISetupIntent",
            "payments::SetupIntent",
            object(&setup_intent()),
        ),
        (
            "ConnectAPIStartChargingRequest",
            "sessions::StartChargingRequest",
            object(&start_request()),
        ),
        ("ConnectAPIStation", "stations::Station", object(&station())),
        (
            "ConnectAPITileResponse",
            "tiles::TileResponse",
            object(&tile_response()),
        ),
        ("ConnectAPIUser", "users::User", object(&user())),
        (
            "ConnectAPIUserCustomProperties",
            "users::UserCustomProperties",
            object(&custom_properties()),
        ),
        (
            "ConnectAPIUserFacingSessionPrices",
            "sessions::UserFacingSessionPrices",
            object(&user_facing_prices()),
        ),
        ("Contact", "stations::Contact", object(&contact())),
        (
            "Coordinates",
            "stations::Station (coordinates)",
            part_of(&station(), "/coordinates"),
        ),
        ("Detail", "errors::Detail", object(&detail())),
        ("Error", "errors::ErrorInfo", object(&error_info())),
        (
            "ErrorDetail",
            "errors::ErrorDetail",
            object(&error_detail()),
        ),
        (
            "ErrorTypeEnum",
            "connect_ports::ErrorKind (those with an error.type)",
            values(&error_types()),
        ),
        (
            "LocaleEnum",
            "connect_domain::account::Locale",
            values(Locale::KNOWN),
        ),
        (
            "NullEnum",
            "Option::<sessions::Rating>::None",
            Counterpart::Null(serde_json::to_value(None::<Rating>).unwrap()),
        ),
        (
            "OCPIOperatorInfo",
            "stations::OperatorInfo",
            object(&operator()),
        ),
        (
            "PaginatedConnectAPIChargingSessionList",
            "page::Paginated<sessions::ChargingSession>",
            object(&page(session())),
        ),
        (
            "PaginatedConnectAPIDebtList",
            "page::Paginated<payments::Debt>",
            object(&page(debt())),
        ),
        (
            "PaginatedConnectAPIInvoiceListList",
            "invoices::InvoicePage",
            object(&InvoicePage::from(page(invoice()))),
        ),
        (
            "PaginatedConnectAPIPMList",
            "page::Paginated<payments::PaymentMethod>",
            object(&page(payment_method())),
        ),
        (
            "PaginatedConnectAPIStationList",
            "page::Paginated<stations::Station>",
            object(&page(station())),
        ),
        (
            "PaginatedConnectAPIUserList",
            "page::Paginated<users::User>",
            object(&page(user())),
        ),
        (
            "PatchedConnectAPIChargingSession",
            "sessions::PatchedChargingSession",
            object(&patched_session()),
        ),
        (
            "PatchedConnectAPIUser",
            "users::PatchedUser",
            object(&patched_user()),
        ),
        ("RatesEnum", "sessions::Rating", values(Rating::KNOWN)),
        (
            "SpeedEnum",
            "connect_domain::station::Speed",
            values(Speed::KNOWN),
        ),
        (
            "StationInfo",
            "connect_domain::session::StationInfo",
            object(&station_info()),
        ),
        (
            "Status80fEnum",
            "connect_domain::station::StationStatus",
            values(StationStatus::KNOWN),
        ),
        (
            "TilesCustomProperties",
            "tiles::TileCustomProperties",
            object(&tile_custom()),
        ),
        (
            "TilesFeatureCollection",
            "tiles::TileFeature",
            object(&tile_feature()),
        ),
        (
            "TilesGeometryPoint",
            "tiles::TileGeometry",
            object(&tile_geometry()),
        ),
        (
            "TilesPriceProperties",
            "tiles::TilePriceProperties",
            object(&tile_price()),
        ),
        (
            "TilesPricePropertiesTypeEnum",
            "connect_domain::station::StationPriceKind",
            values(TilePriceType::KNOWN),
        ),
        (
            "TilesProperty",
            "tiles::TileProperties",
            object(&tile_properties()),
        ),
        (
            "TimePriceItem",
            "connect_domain::tariff::PriceGroup (a band)",
            part_of(&price_group(), "/prices/kwh_price/ALL/0"),
        ),
        (
            "WeekdayEnum",
            "connect_domain::station::OpeningDay",
            values(OpeningDay::KNOWN),
        ),
    ]
}

/// The error kinds the API names in `error.type` (not found and forbidden carry none).
fn error_types() -> Vec<ErrorKind> {
    ErrorKind::KNOWN
        .iter()
        .filter(|kind| kind.error_type().is_some())
        .cloned()
        .collect()
}

#[test]
fn the_error_kinds_are_exactly_the_document_s_error_types_and_the_two_status_only_kinds() {
    let schemas = common::schemas();
    let documented = &schemas["ErrorTypeEnum"].enum_values;
    let error_types = error_types();
    let named: Vec<&str> = error_types.iter().map(ErrorKind::as_str).collect();
    assert_eq!(named, *documented);
    let status_only: Vec<&str> = ErrorKind::KNOWN
        .iter()
        .filter(|kind| kind.error_type().is_none())
        .map(ErrorKind::as_str)
        .collect();
    assert_eq!(status_only, ["not_found", "forbidden"]);
    for text in documented {
        assert!(ErrorKind::parse(text).is_known(), "{text}");
    }
}

#[test]
fn every_schema_of_the_document_has_a_rust_counterpart_and_no_other_is_listed() {
    let document: BTreeSet<String> = common::schemas().into_keys().collect();
    assert_eq!(document.len(), 53, "the document's schema count changed");
    let table: BTreeSet<String> = counterparts()
        .into_iter()
        .map(|(name, _, _)| name.to_owned())
        .collect();
    let missing: Vec<_> = document.difference(&table).collect();
    let extra: Vec<_> = table.difference(&document).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "schemas without a Rust counterpart: {missing:?}; table entries for no schema: {extra:?}"
    );
}

#[test]
fn every_object_type_writes_exactly_the_schema_s_property_names() {
    let schemas = common::schemas();
    let mut checked = 0;
    for (name, rust, counterpart) in counterparts() {
        let schema = &schemas[name];
        let Counterpart::Object { sample, .. } = counterpart else {
            assert!(
                !schema.is_object,
                "{name} is an object schema but {rust} is not"
            );
            continue;
        };
        assert!(schema.is_object, "{name} is not an object schema");
        let written: BTreeSet<&str> = sample
            .as_object()
            .unwrap_or_else(|| panic!("{rust} is not written as an object"))
            .keys()
            .map(String::as_str)
            .collect();
        let declared: BTreeSet<&str> = schema.properties.iter().map(String::as_str).collect();
        assert_eq!(
            written, declared,
            "{rust} (schema {name}) writes other names than the schema declares"
        );
        checked += 1;
    }
    assert_eq!(checked, 41);
}

#[test]
fn every_object_type_reads_a_body_with_only_the_required_properties() {
    let schemas = common::schemas();
    for (name, rust, counterpart) in counterparts() {
        let Counterpart::Object { sample, reads } = counterpart else {
            continue;
        };
        let required: BTreeSet<&str> = schemas[name].required.iter().map(String::as_str).collect();
        let minimal: serde_json::Map<String, Value> = sample
            .as_object()
            .unwrap()
            .iter()
            .filter(|(key, _)| required.contains(key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        assert_eq!(
            minimal.len(),
            required.len(),
            "{name}: a required property is missing from the sample"
        );
        reads(Value::Object(minimal)).unwrap_or_else(|error| {
            panic!("{rust} needs more than schema {name} requires: {error}")
        });
    }
}

#[test]
fn every_enum_knows_exactly_the_schema_s_values_in_order() {
    let schemas = common::schemas();
    for (name, rust, counterpart) in counterparts() {
        match counterpart {
            Counterpart::Enum(known) => {
                assert_eq!(known, schemas[name].enum_values, "{rust} (schema {name})");
            }
            Counterpart::Null(value) => {
                assert_eq!(schemas[name].enum_values, ["null"], "{name}");
                assert_eq!(value, Value::Null, "{rust}");
            }
            Counterpart::Object { .. } => {}
        }
    }
}

#[test]
fn connector_types_are_the_inline_enum_of_the_connector_types_filter() {
    let known: Vec<&str> = ConnectorStandard::KNOWN
        .iter()
        .map(ConnectorStandard::as_str)
        .collect();
    assert_eq!(known, common::inline_parameter_enum("connector_types"));
    assert_eq!(known.len(), 25);
}

#[test]
fn the_line_scan_reads_what_it_should() {
    let schemas = common::schemas();
    let user = &schemas["ConnectAPIUser"];
    assert!(user.is_object);
    assert_eq!(
        user.properties,
        ["id", "email", "locale", "custom_properties"]
    );
    assert_eq!(user.required, ["id"]);
    assert_eq!(schemas["RatesEnum"].enum_values, ["1", "2", "3", "4", "5"]);
    assert!(!schemas["SpeedEnum"].is_object);
}

// Samples: every optional property set, so that every property is written.

#[allow(clippy::unnecessary_wraps)] // a set optional property, in one word
fn text(value: &str) -> Option<String> {
    Some(value.to_owned())
}

fn time(value: &str) -> DateTime<Utc> {
    value.parse().unwrap()
}

fn decimal(value: &str) -> Decimal {
    value.parse().unwrap()
}

fn page<T>(item: T) -> Paginated<T> {
    Paginated {
        count: 2,
        next: text("https://connect.cariqa.com/api/v1/users/?page=2"),
        previous: text("https://connect.cariqa.com/api/v1/users/?page=0"),
        results: vec![item],
    }
}

fn custom_properties() -> UserCustomProperties {
    UserCustomProperties {
        external_id: text("ext-1"),
    }
}

fn user() -> User {
    User {
        id: "72794486-bf87-44fb-9b74-5b8fed6c994d".into(),
        email: text("user@example.com"),
        locale: Some(Locale::De),
        custom_properties: Some(custom_properties()),
    }
}

fn patched_user() -> PatchedUser {
    PatchedUser {
        id: text("72794486-bf87-44fb-9b74-5b8fed6c994d"),
        email: Some(None),
        locale: Some(Locale::En),
        custom_properties: Some(Some(custom_properties())),
    }
}

fn billing_details() -> BillingDetails {
    BillingDetails {
        country: text("it"),
        city: text("Rome"),
        tax_id: text("RSSMRA80A01H501U"),
        account_type: Some(AccountType::Personal),
        company_name: None,
        vat_id: None,
        line1: text("Via Roma 10"),
        postal_code: text("00100"),
        first_name: text("Mario"),
        last_name: text("Rossi"),
    }
}

fn card() -> Card {
    serde_json::from_value(json!({"brand": "visa", "last4": "4242",
        "expiration_date": "12/2027", "cardholder_name": "Mario Rossi"}))
    .unwrap()
}

fn payment_method() -> PaymentMethod {
    PaymentMethod {
        id: "pm_1".into(),
        default: true,
        kind: PaymentMethodKind::Card,
        card: Some(card()),
        created_at: "2026-03-20T11:36:30Z".into(),
    }
}

fn setup_intent() -> SetupIntent {
    SetupIntent {
        setup_intent_client_secret: "seti_1_secret_2".into(),
    }
}

fn debt() -> Debt {
    Debt {
        session_id: "s1".into(),
        payment_intent_client_secret: "pi_1_secret_2".into(),
        amount: decimal("5.39"),
        currency: "EUR".into(),
    }
}

fn regular_hours() -> RegularHours {
    serde_json::from_value(
        json!({"weekday": "MONDAY", "period_begin": "08:00", "period_end": null}),
    )
    .unwrap()
}

fn opening_times() -> OpeningTimes {
    OpeningTimes::new(false, vec![regular_hours()])
}

fn contact() -> Contact {
    Contact { phone: None }
}

fn operator() -> OperatorInfo {
    OperatorInfo {
        name: "EVA Charge".into(),
        contact: Some(contact()),
    }
}

fn evse() -> Evse {
    Evse {
        evse_id: "DE*CIQ*EELDF6XWZU41P*2".into(),
        status: EvseStatus::Available,
    }
}

fn price_group() -> PriceGroup {
    serde_json::from_value(json!({
        "type": "AC", "power": 22, "evse_ids": ["DE*CIQ*EELDF6XWZU41P*2"],
        "prices": {"kwh_price": {"ALL": [{"time_from": null, "time_to": "06:00",
            "date_from": "2026-01-01", "date_to": null, "gross_price": "0.4529",
            "user_facing_price": "0.54", "grace_period_minutes": null, "tax": 19,
            "blocking_cap": null}]}},
        "local_datetime": "2026-04-02T15:51:18+02:00", "currency": "eur",
        "pre_authorization_amount": "50.00", "is_fallback": false}))
    .unwrap()
}

fn station() -> Station {
    Station {
        id: text("st-1"),
        name: "EVA Charge".into(),
        speed: Some(Speed::Slow),
        address: "Ludwigstraße, 9, 67547, Worms".into(),
        status: Some(StationStatus::Free),
        coordinates: connect_domain::zone::Coordinates {
            latitude: 49.630_383,
            longitude: 8.368_902,
        },
        opening_times: opening_times(),
        operator: operator(),
        evses: vec![evse()],
        last_updated: "2026-04-02T13:51:18Z".into(),
        amenities: Some(vec![Amenity::Cafe]),
        is_partner: true,
        price_groups: vec![price_group()],
        logo_url: text("https://example.com/logo.png"),
    }
}

fn partner() -> PartnerOperator {
    PartnerOperator {
        name: "EVA Charge".into(),
        logo_url: None,
    }
}

fn tile_geometry() -> TileGeometry {
    TileGeometry {
        kind: "Point".into(),
        coordinates: vec!["52.5176".into(), "13.4166".into()],
    }
}

fn tile_properties() -> TileProperties {
    TileProperties {
        count: 3,
        expansion_zoom: Some(15),
        speed: Some(Speed::Fast),
        status: Some(StationStatus::Busy),
        operator_id: text("op-1"),
    }
}

fn tile_custom() -> TileCustomProperties {
    TileCustomProperties { is_partner: false }
}

fn tile_price() -> TilePriceProperties {
    TilePriceProperties {
        price: "0.54".into(),
        kind: TilePriceType::ChargingPrice,
        currency: "eur".into(),
    }
}

fn tile_feature() -> TileFeature {
    TileFeature {
        kind: "Feature".into(),
        station_id: text("st-1"),
        cluster_id: text("cl-1"),
        geometry: tile_geometry(),
        properties: tile_properties(),
        custom_properties: Some(tile_custom()),
        price_properties: Some(tile_price()),
    }
}

fn tile_response() -> TileResponse {
    TileResponse {
        kind: "FeatureCollection".into(),
        features: vec![tile_feature()],
    }
}

fn station_info() -> StationInfo {
    serde_json::from_value(
        json!({"station_name": "EVA Charge", "station_address": null,
        "country": "DE", "station_speed": "slow", "connector_standard": "IEC_62196_T2",
        "connector_power": 22, "support_phone": null, "latitude": "49.630383",
        "longitude": "8.368902"}),
    )
    .unwrap()
}

fn user_facing_prices() -> UserFacingSessionPrices {
    UserFacingSessionPrices {
        kwh_price: Some(decimal("0.54")),
        time_price: None,
        session_fee: None,
        blocking_fee: None,
        starting_fee: None,
        grace_period_minutes: Some(240),
        blocking_cap: None,
        currency: text("eur"),
    }
}

fn payg_summary() -> PaygSummary {
    PaygSummary {
        kwh_cost: Some(decimal("5.39")),
        time_cost: Some(decimal("0.00")),
        session_fee_cost: None,
        blocking_fee_cost: None,
        starting_fee_cost: None,
        // Read-only legacy property: never written even when set.
        invoice_view: text("https://invoice.stripe.com/i/acct_1/test?s=ap"),
        invoice_download: None,
        invoice_vat: decimal("0.86"),
        invoice_summary: "5.39".into(),
        invoice_credits: Some(decimal("0.00")),
        invoice_discount: Some(decimal("0.00")),
        currency: text("eur"),
    }
}

fn session() -> ChargingSession {
    ChargingSession {
        id: "ab7ae756-b663-43b9-a025-40c51dd503d9".into(),
        start_time: Some(time("2026-04-02T13:51:18.754610Z")),
        end_time: None,
        duration: Some(10),
        consumed_energy: Some(decimal("10.000")),
        is_active: false,
        evse_id: "DE*CIQ*EELDF6XWZU41P*2".into(),
        station_info: station_info(),
        is_partner: true,
        logo_url: None,
        user_facing_session_prices: user_facing_prices(),
        session_cost: payg_summary(),
        rates: None,
    }
}

fn patched_session() -> PatchedChargingSession {
    let full = session();
    PatchedChargingSession {
        id: Some(full.id),
        start_time: Some(full.start_time),
        end_time: Some(full.end_time),
        duration: Some(full.duration),
        consumed_energy: Some(full.consumed_energy),
        is_active: Some(full.is_active),
        evse_id: Some(full.evse_id),
        station_info: Some(full.station_info),
        is_partner: Some(full.is_partner),
        logo_url: Some(full.logo_url),
        user_facing_session_prices: Some(full.user_facing_session_prices),
        session_cost: Some(full.session_cost),
        rates: Some(Some(Rating::Four)),
    }
}

fn start_request() -> StartChargingRequest {
    StartChargingRequest {
        evse_id: "DE*CIQ*EELDF6XWZU41P*2".into(),
        payment_method_id: "pm_1".into(),
    }
}

fn invoice() -> Invoice {
    Invoice {
        // Read-only legacy property: never written even when set.
        view_link: text("https://invoice.stripe.com/i/acct_1/test?s=ap"),
        link: "https://pay.stripe.com/invoice/acct_1/test/pdf?s=ap".into(),
        total: decimal("5.39"),
        date: time("2026-04-02T13:52:35Z"),
        refund: false,
        charging_session_id: None,
        currency: "eur".into(),
    }
}

fn detail() -> Detail {
    Detail {
        detail: "Not found.".into(),
        // Read-only undocumented property: never written even when set.
        status: text("unpaid_debts"),
    }
}

fn error_info() -> ErrorInfo {
    ErrorInfo {
        kind: ErrorKind::PreAuthorizationFailed,
        details: "We didn't manage to pre-authorize payment".into(),
        payment_intent_client_secret: text("pi_1_secret_2"),
    }
}

fn error_detail() -> ErrorDetail {
    ErrorDetail {
        detail: "Charging Error".into(),
        error: error_info(),
    }
}
