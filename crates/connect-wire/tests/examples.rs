//! Every JSON example of the API's public docs (docs.cariqa.com: the guides and the API
//! reference pages, station examples included) reads, and writes back in the shape of the
//! official OpenAPI document (`crates/connect-wire/openapi/cariqa-openapi.yml`).
//!
//! Where an example is the official shape already, it must round-trip unchanged; where it
//! is an older or contradictory shape, the expected official form is spelled out beside it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{assert_reads_and_writes, assert_round_trips};
use connect_domain::account::{AccountType, Locale};
use connect_domain::payment::{CardExpiry, PaymentMethodKind};
use connect_domain::station::{Amenity, EvseStatus, OpeningDay, Speed, StationStatus};
use connect_domain::tariff::{ComponentKind, PriceGroup};
use connect_ports::ErrorKind;
use connect_wire::billing::BillingDetails;
use connect_wire::errors::{Detail, ErrorBody, ErrorDetail};
use connect_wire::invoices::InvoicePage;
use connect_wire::page::Paginated;
use connect_wire::payments::{Debt, PaymentMethod, SetupIntent};
use connect_wire::sessions::{
    ChargingSession, PatchedChargingSession, Rating, StartChargingRequest,
};
use connect_wire::stations::{PartnerOperator, Station};
use connect_wire::tiles::{TilePriceType, TileResponse};
use connect_wire::users::{NewUser, PatchedUser, User};
use rust_decimal::Decimal;
use serde_json::json;

// Users

#[test]
fn users_list_round_trips_with_null_and_partial_custom_properties() {
    let page: Paginated<User> = assert_round_trips(
        r#"{"count": 3, "next": null, "previous": null, "results": [
  {"id": "29b8c323-eaf8-487a-a43d-0d37dd7328f1", "email": "user1@example.com", "locale": "en", "custom_properties": null},
  {"id": "72794486-bf87-44fb-9b74-5b8fed6c994d", "email": "user@example.com", "locale": "de", "custom_properties": {"external_id": "abcdefg123456"}},
  {"id": "db48d284-d67b-4e71-9065-1ef0e1b062d0", "email": "user@example.com", "locale": "de", "custom_properties": {"external_id": null}}]}"#,
    );
    assert_eq!(page.count, 3);
    assert_eq!(page.results[0].custom_properties, None);
    assert_eq!(page.results[1].external_id(), Some("abcdefg123456"));
    assert_eq!(page.results[2].external_id(), None);
    assert!(page.results[2].custom_properties.is_some());
}

#[test]
fn create_user_bodies_of_the_docs_and_of_the_reference_client_round_trip() {
    let docs: NewUser = assert_round_trips(
        r#"{"email": "user@example.com", "locale": "de", "custom_properties": {"external_id": "abcdefg123456"}}"#,
    );
    assert_eq!(docs.email, Some(Some("user@example.com".into())));
    // Cariqa's reference client sends an explicit null e-mail: it stays an explicit null.
    let play: NewUser = assert_round_trips(
        r#"{"email": null, "locale": "en", "custom_properties": {"external_id": "my-external-id-1"}}"#,
    );
    assert_eq!(play.email, Some(None));
    assert_eq!(play.locale, Some(Locale::En));
    // The older complete-examples page sends two properties only.
    assert_round_trips::<NewUser>(r#"{"email": "alice@example.com", "locale": "en"}"#);
}

#[test]
fn get_user_example_round_trips() {
    assert_round_trips::<User>(
        r#"{"id": "72794486-bf87-44fb-9b74-5b8fed6c994d", "email": "user@example.com", "locale": "de", "custom_properties": {"external_id": "abcdefg123456"}}"#,
    );
}

#[test]
fn older_create_user_response_without_custom_properties_is_written_with_null() {
    assert_reads_and_writes::<User>(
        r#"{"id": "123", "email": "alice@example.com", "locale": "en"}"#,
        &json!({"id": "123", "email": "alice@example.com", "locale": "en", "custom_properties": null}),
    );
}

#[test]
fn the_docs_typo_external_id_wrapper_is_an_unknown_key_and_ignored() {
    // patterns-users prints `external_id` where every other example has `custom_properties`.
    let user = assert_reads_and_writes::<User>(
        r#"{"id": "72794486-bf87-44fb-9b74-5b8fed6c994d", "email": "user@example.com", "locale": "de", "external_id": {"external_id": "abcdefg123456"}}"#,
        &json!({"id": "72794486-bf87-44fb-9b74-5b8fed6c994d", "email": "user@example.com", "locale": "de", "custom_properties": null}),
    );
    assert_eq!(user.external_id(), None);
}

#[test]
fn update_user_body_sends_only_what_changes() {
    let patch: PatchedUser = assert_round_trips(r#"{"locale": "en"}"#);
    assert_eq!(
        patch,
        PatchedUser {
            locale: Some(Locale::En),
            ..PatchedUser::default()
        }
    );
}

// Billing details

#[test]
fn billing_details_of_a_fresh_user_are_all_null_and_personal() {
    let fresh: BillingDetails = assert_round_trips(
        r#"{"country": null, "city": null, "tax_id": null, "account_type": "personal", "company_name": null, "vat_id": null, "line1": null, "postal_code": null, "first_name": null, "last_name": null}"#,
    );
    assert_eq!(fresh, BillingDetails::empty());
}

#[test]
fn personal_billing_request_is_written_as_the_documented_response() {
    let request = r#"{"country": "de", "city": "Berlin", "tax_id": "DE123456789", "account_type": "personal", "line1": "BeKarl-Marx-Alleerlin", "postal_code": "10243", "first_name": "Example", "last_name": "Sample"}"#;
    let response = json!({"country": "de", "city": "Berlin", "tax_id": "DE123456789", "account_type": "personal", "company_name": null, "vat_id": null, "line1": "BeKarl-Marx-Alleerlin", "postal_code": "10243", "first_name": "Example", "last_name": "Sample"});
    let details = assert_reads_and_writes::<BillingDetails>(request, &response);
    assert_eq!(details.account_type, Some(AccountType::Personal));
    assert_round_trips::<BillingDetails>(&response.to_string());
}

#[test]
fn business_billing_request_is_written_as_the_documented_response() {
    let request = r#"{"country": "de", "city": "Berlin", "account_type": "business", "company_name": "CompanyName", "vat_id": "DE123456789", "line1": "BeKarl-Marx-Alleerlin", "postal_code": "10243", "first_name": "Example", "last_name": "Sample"}"#;
    let response = json!({"country": "de", "city": "Berlin", "tax_id": null, "account_type": "business", "company_name": "CompanyName", "vat_id": "DE123456789", "line1": "BeKarl-Marx-Alleerlin", "postal_code": "10243", "first_name": "Example", "last_name": "Sample"});
    let details = assert_reads_and_writes::<BillingDetails>(request, &response);
    assert_eq!(details.account_type, Some(AccountType::Business));
}

#[test]
fn italian_personal_billing_carries_the_codice_fiscale_in_tax_id() {
    let details = assert_reads_and_writes::<BillingDetails>(
        r#"{"country": "it", "city": "Rome", "tax_id": "RSSMRA80A01H501U", "account_type": "personal", "line1": "Via Roma 10", "postal_code": "00100", "first_name": "Mario", "last_name": "Rossi"}"#,
        &json!({"country": "it", "city": "Rome", "tax_id": "RSSMRA80A01H501U", "account_type": "personal", "company_name": null, "vat_id": null, "line1": "Via Roma 10", "postal_code": "00100", "first_name": "Mario", "last_name": "Rossi"}),
    );
    assert_eq!(details.tax_id.as_deref(), Some("RSSMRA80A01H501U"));
}

#[test]
fn reference_client_billing_body_with_empty_strings_round_trips() {
    assert_round_trips::<BillingDetails>(
        r#"{"country": "DE", "line1": "Berliner Str. 123", "postal_code": "10119", "city": "Berlin", "account_type": "personal", "company_name": "", "vat_id": "", "tax_id": "", "first_name": "Max", "last_name": "Mustermann"}"#,
    );
}

#[test]
fn getting_started_vat_number_is_not_the_schema_s_vat_id_and_is_ignored() {
    let details: BillingDetails = serde_json::from_str(
        r#"{"account_type": "business", "company_name": "Example Corp", "vat_number": "DE123456789"}"#,
    )
    .unwrap();
    assert_eq!(details.vat_id, None);
    assert_eq!(details.company_name.as_deref(), Some("Example Corp"));
}

// Payments

#[test]
fn payment_methods_list_round_trips_and_both_expiry_examples_parse() {
    let page: Paginated<PaymentMethod> = assert_round_trips(
        r#"{"count": 2, "next": null, "previous": null, "results": [
 {"id": "pm_1TD1M3HtgZxQ1KXx5wMzfx15", "default": false, "type": "apple_pay",
  "card": {"brand": "visa", "last4": "4242", "expiration_date": "12/2027", "cardholder_name": "John Doe"},
  "created_at": "2026-03-20T11:36:39Z"},
 {"id": "pm_1TD1LuHtgZxQ1KXxNj5sKkKM", "default": true, "type": "card",
  "card": {"brand": "visa", "last4": "4242", "expiration_date": "04/2044", "cardholder_name": null},
  "created_at": "2026-03-20T11:36:30Z"}]}"#,
    );
    assert_eq!(page.results[0].kind, PaymentMethodKind::ApplePay);
    assert_eq!(page.results[1].kind, PaymentMethodKind::Card);
    let expiries: Vec<CardExpiry> = page
        .results
        .iter()
        .map(|method| method.card.as_ref().unwrap().expiry)
        .collect();
    assert_eq!(
        expiries,
        [
            CardExpiry {
                year: 2027,
                month: 12
            },
            CardExpiry {
                year: 2044,
                month: 4
            }
        ]
    );
}

#[test]
fn setup_intent_reads_both_keys_and_writes_the_official_one() {
    let official = json!({"setup_intent_client_secret": "seti_1THkgXHtgZxQ1KXxOhLbYQKU_secret_UGHFCX0iihdboXkwx4QfiR9V2ma55vk"});
    assert_round_trips::<SetupIntent>(&official.to_string());
    assert_reads_and_writes::<SetupIntent>(
        r#"{"client_secret": "seti_1THkgXHtgZxQ1KXxOhLbYQKU_secret_UGHFCX0iihdboXkwx4QfiR9V2ma55vk"}"#,
        &official,
    );
    assert_reads_and_writes::<SetupIntent>(
        r#"{"client_secret": "seti_1ABC123_secret_DEF456"}"#,
        &json!({"setup_intent_client_secret": "seti_1ABC123_secret_DEF456"}),
    );
}

#[test]
fn debts_read_both_keys_and_write_the_official_one() {
    let official = json!({"count": 1, "next": null, "previous": null, "results": [
        {"session_id": "ab7ae756-b663-43b9-a025-40c51dd503d9",
         "payment_intent_client_secret": "pi_3TD1_secret_abc", "amount": "5.39", "currency": "EUR"}]});
    let page: Paginated<Debt> = assert_round_trips(&official.to_string());
    assert_eq!(page.results[0].amount, Decimal::new(539, 2));
    assert_reads_and_writes::<Paginated<Debt>>(
        r#"{"count": 1, "next": null, "previous": null, "results": [
        {"session_id": "ab7ae756-b663-43b9-a025-40c51dd503d9",
         "client_secret": "pi_3TD1_secret_abc", "amount": "5.39", "currency": "EUR"}]}"#,
        &official,
    );
}

// Stations

/// The docs' station example (API reference, get-station-details), in the revision that
/// shows `speed`, `status`, EVSE `status` and `weekday`. Generated placeholders are kept,
/// except where the value has a format the reader checks: the coordinates (decimal
/// degrees), and in the price group the currency (ISO 4217) and `pre_authorization_amount`
/// (a decimal). The price group is written as the domain's writer writes it: all five
/// components, `null` when absent.
const STATION_FULL: &str = r#"{
  "id": "<string>", "name": "<string>", "address": "<string>",
  "coordinates": {"latitude": "49.630383", "longitude": "8.368902"},
  "opening_times": {"twentyfourseven": true,
    "regular_hours": [{"period_begin": "<string>", "period_end": "<string>", "weekday": "MONDAY"}]},
  "operator": {"name": "<string>", "contact": {"phone": "<string>"}},
  "evses": [{"evse_id": "<string>", "status": "AVAILABLE"}],
  "last_updated": "<string>",
  "price_groups": [{"type": "<string>", "power": 123, "evse_ids": ["<string>"],
    "prices": {"time_price": null, "kwh_price": null, "blocking_fee": null, "session_fee": null, "starting_fee": null},
    "local_datetime": "2023-11-07T05:31:56Z", "currency": "EUR",
    "pre_authorization_amount": "50.00", "is_fallback": false}],
  "speed": "slow", "status": "free", "amenities": ["HOTEL"], "is_partner": false, "logo_url": "<string>"}"#;

#[test]
fn station_details_example_round_trips() {
    let station: Station = assert_round_trips(STATION_FULL);
    assert_eq!(station.speed, Some(Speed::Slow));
    assert_eq!(station.status, Some(StationStatus::Free));
    assert_eq!(station.evses[0].status, EvseStatus::Available);
    assert_eq!(station.amenities, Some(vec![Amenity::Hotel]));
    assert_eq!(
        station.opening_times.regular_hours[0].weekday,
        Some(OpeningDay::Monday)
    );
    assert_eq!(station.price_groups[0].power_kw(), Some(123.0));
}

#[test]
fn station_example_without_speed_status_and_weekday_reads_and_gets_the_required_evse_status() {
    // The other revision of the same page: no `speed`, `status`, EVSE `status`, `weekday`,
    // and `"amenities": []`. Optional properties stay absent; the EVSE status, which the
    // document requires, is written as "UNKNOWN" (no status information).
    let input = r#"{
  "id": "<string>", "name": "<string>", "address": "<string>",
  "coordinates": {"latitude": "49.630383", "longitude": "8.368902"},
  "opening_times": {"twentyfourseven": true, "regular_hours": [{"period_begin": "<string>", "period_end": "<string>"}]},
  "operator": {"name": "<string>", "contact": {"phone": "<string>"}},
  "evses": [{"evse_id": "<string>"}],
  "last_updated": "<string>",
  "price_groups": [{"type": "<string>", "power": 123, "evse_ids": ["<string>"],
    "prices": {"time_price": null, "kwh_price": null, "blocking_fee": null, "session_fee": null, "starting_fee": null},
    "local_datetime": "2023-11-07T05:31:56Z", "currency": "EUR",
    "pre_authorization_amount": "50.00", "is_fallback": false}],
  "amenities": [], "is_partner": false, "logo_url": "<string>"}"#;
    let mut expected: serde_json::Value = serde_json::from_str(input).unwrap();
    expected["evses"][0]["status"] = json!("UNKNOWN");
    let station = assert_reads_and_writes::<Station>(input, &expected);
    assert_eq!(station.evses[0].status, EvseStatus::StatusUnknown);
    assert_eq!(station.speed, None);
}

#[test]
fn stations_around_page_round_trips() {
    let page = format!(
        r#"{{"count": 123, "results": [{STATION_FULL}], "next": "http://api.example.org/accounts/?page=4", "previous": "http://api.example.org/accounts/?page=2"}}"#
    );
    let page: Paginated<Station> = assert_round_trips(&page);
    assert!(page.has_more());
}

#[test]
fn partners_list_is_a_plain_array() {
    let partners: Vec<PartnerOperator> = assert_round_trips(
        r#"[{"name": "EVA Charge", "logo_url": "https://storage.googleapis.com/cariqa-cpo-logos/evacharge.png"}, {"name": "Other", "logo_url": null}]"#,
    );
    assert_eq!(partners[1].logo_url, None);
}

#[test]
fn a_price_group_is_read_by_the_domain_reader_and_written_in_the_document_s_form() {
    // connect-domain's own example of a price group, plus every shape a component can have:
    // what the document leaves optional is written out (`is_fallback`, every component,
    // `null` when absent), values keep their form (`"0.1950"`, `240.5`, `7.7`).
    let input = r#"{"type":"AC","power":22,"evse_ids":["DE*ABC*E1*1"],"currency":"eur",
  "pre_authorization_amount":"50.00","local_datetime":"2026-04-02T15:51:18+02:00",
  "prices":{"kwh_price":{"MONDAY":[{"time_from":"22:00","time_to":"06:00",
  "date_from":"2026-01-01","date_to":null,"gross_price":"0.1950",
  "user_facing_price":"0.23","grace_period_minutes":null,"tax":19,
  "blocking_cap":null}], "WEDNESDAY":[{"time_from":null,"time_to":null,"date_from":null,"date_to":null,
  "gross_price":"0.4529","user_facing_price":"0.54","grace_period_minutes":null,"tax":19,"blocking_cap":null}]},
  "time_price":null, "blocking_fee":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,"date_to":null,
  "gross_price":"6.00","user_facing_price":"0.12","grace_period_minutes":240.5,"tax":7.7,"blocking_cap":"12.00"}]}}}"#;
    let mut expected: serde_json::Value = serde_json::from_str(input).unwrap();
    expected["is_fallback"] = json!(false);
    expected["prices"]["session_fee"] = serde_json::Value::Null;
    expected["prices"]["starting_fee"] = serde_json::Value::Null;
    let group = assert_reads_and_writes::<PriceGroup>(input, &expected);
    assert!(!group.is_fallback());
    assert!(
        group
            .tariff()
            .component(ComponentKind::StartingFee)
            .is_none()
    );
    assert!(group.tariff().component(ComponentKind::Blocking).is_some());
}

#[test]
fn a_station_s_price_group_error_names_its_field_path() {
    let mut station: serde_json::Value = serde_json::from_str(STATION_FULL).unwrap();
    station["price_groups"][0]["pre_authorization_amount"] = json!("-5");
    let error = serde_json::from_value::<Station>(station).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("pre_authorization_amount: must not be negative"),
        "{error}"
    );
}

// Tiles

#[test]
fn tile_example_round_trips() {
    let tile: TileResponse = assert_round_trips(
        r#"{"type": "FeatureCollection",
 "features": [{
   "type": "Feature",
   "station_id": "<string>",
   "cluster_id": "<string>",
   "geometry": {"type": "Point", "coordinates": ["<string>", "<string>"]},
   "properties": {"count": 123, "expansion_zoom": 123, "speed": "slow", "status": "free", "operator_id": "<string>"},
   "custom_properties": {"is_partner": true},
   "price_properties": {"price": "<string>", "type": "charging_price", "currency": "<string>"}}]}"#,
    );
    let feature = &tile.features[0];
    assert!(feature.is_cluster());
    let price = feature.price_properties.as_ref().unwrap();
    assert_eq!(price.kind, TilePriceType::ChargingPrice);
    assert_eq!(price.amount(), None);
}

// Charging sessions

#[test]
fn session_example_reads_and_is_written_without_invoice_view() {
    // The docs' list response; its readable part ends inside `invoice_summary`, completed
    // here with the invoice total "5.39". It has no `invoice_credits`, `invoice_discount`,
    // `currency` (cost) nor `rates`.
    let input = r#"{"count": 1, "next": null, "previous": null, "results": [{
  "id": "ab7ae756-b663-43b9-a025-40c51dd503d9",
  "start_time": "2026-04-02T13:51:18.754610Z",
  "end_time": "2026-04-02T13:51:28.754611Z",
  "duration": 10,
  "consumed_energy": "10.000",
  "is_active": false,
  "evse_id": "DE*CIQ*EELDF6XWZU41P*2",
  "station_info": {"station_name": "EVA Charge", "station_address": "Ludwigstraße, 9, 67547, Worms", "country": "DE",
    "station_speed": "slow", "connector_standard": "IEC_62196_T2", "connector_power": 22,
    "support_phone": "+4971134214480", "latitude": "49.630383", "longitude": "8.368902"},
  "is_partner": true,
  "logo_url": "https://storage.googleapis.com/cariqa-cpo-logos/evacharge.png?generation=1739874740770603&md5_hash=8dcf9c9d17149760b1c9033218ed1c19&size=11759",
  "user_facing_session_prices": {"kwh_price": "0.54", "time_price": null, "session_fee": null, "blocking_fee": null,
    "starting_fee": null, "grace_period_minutes": null, "blocking_cap": null, "currency": "eur"},
  "session_cost": {"kwh_cost": "5.39", "time_cost": "0.00", "session_fee_cost": "0.00", "blocking_fee_cost": "0.00",
    "starting_fee_cost": "0.00",
    "invoice_view": "https://invoice.stripe.com/i/acct_1LKJg9HtgZxQ1KXx/test_YWNj...?s=ap",
    "invoice_download": "https://pay.stripe.com/invoice/acct_1LKJg9HtgZxQ1KXx/test_YWNj.../pdf?s=ap",
    "invoice_vat": "0.86",
    "invoice_summary": "5.39"}}]}"#;
    let mut expected: serde_json::Value = serde_json::from_str(input).unwrap();
    let session = &mut expected["results"][0];
    session["session_cost"]
        .as_object_mut()
        .unwrap()
        .remove("invoice_view");
    session["rates"] = serde_json::Value::Null;
    let page = assert_reads_and_writes::<Paginated<ChargingSession>>(input, &expected);
    let session = &page.results[0];
    assert_eq!(
        session.session_cost.invoice_view.as_deref(),
        Some("https://invoice.stripe.com/i/acct_1LKJg9HtgZxQ1KXx/test_YWNj...?s=ap")
    );
    assert_eq!(
        session.session_cost.invoice_summary_amount(),
        Ok(Decimal::new(539, 2))
    );
    assert_eq!(session.consumed_energy, Some(Decimal::new(10_000, 3)));
    assert_eq!(
        session.start_time.unwrap().to_rfc3339(),
        "2026-04-02T13:51:18.754610+00:00"
    );
    assert_eq!(
        session.station_info.connector_standard.as_deref(),
        Some("IEC_62196_T2")
    );
    assert_eq!(session.rates, None);
}

#[test]
fn start_charging_body_round_trips() {
    assert_round_trips::<StartChargingRequest>(
        r#"{"evse_id": "DE*CIQ*EELDF6XWZU41P*2", "payment_method_id": "pm_1TD1LuHtgZxQ1KXxNj5sKkKM"}"#,
    );
}

#[test]
fn the_reference_client_s_string_rating_is_written_as_an_integer() {
    let body = assert_reads_and_writes::<PatchedChargingSession>(
        r#"{"rates": "5"}"#,
        &json!({"rates": 5}),
    );
    assert_eq!(body, PatchedChargingSession::rating(Some(Rating::Five)));
    assert_round_trips::<PatchedChargingSession>(r#"{"rates": null}"#);
}

// Invoices

const OFFICIAL_INVOICES: &str = r#"{"count": 1, "next": null, "previous": null, "results": [{
  "link": "https://pay.stripe.com/invoice/acct_1LKJg9HtgZxQ1KXx/test_.../pdf?s=ap",
  "total": "5.39", "date": "2026-04-02T13:52:35Z", "refund": false, "currency": "eur",
  "charging_session_id": "ab7ae756-b663-43b9-a025-40c51dd503d9"}]}"#;

#[test]
fn invoices_in_the_document_s_envelope_round_trip() {
    let page: InvoicePage = assert_round_trips(OFFICIAL_INVOICES);
    assert_eq!(page.cursor, None);
    assert_eq!(page.results[0].total, Decimal::new(539, 2));
    let plain: Paginated<connect_wire::invoices::Invoice> = assert_round_trips(OFFICIAL_INVOICES);
    assert_eq!(InvoicePage::from(plain), page);
}

#[test]
fn invoices_in_the_docs_cursor_envelope_are_written_in_the_document_s() {
    let official: serde_json::Value = serde_json::from_str(OFFICIAL_INVOICES).unwrap();
    for previous_key in ["prev_page_id", "previous_page_id"] {
        let input = format!(
            r#"{{"size": 1, "next_page_id": null, "{previous_key}": null, "data": [{{
  "view_link": "https://invoice.stripe.com/i/acct_1LKJg9HtgZxQ1KXx/test_...?s=ap",
  "link": "https://pay.stripe.com/invoice/acct_1LKJg9HtgZxQ1KXx/test_.../pdf?s=ap",
  "total": "5.39", "date": "2026-04-02T13:52:35Z", "refund": false, "currency": "eur",
  "charging_session_id": "ab7ae756-b663-43b9-a025-40c51dd503d9"}}]}}"#
        );
        let page = assert_reads_and_writes::<InvoicePage>(&input, &official);
        let cursor = page.cursor.as_ref().unwrap();
        assert_eq!(cursor.size, Some(1));
        assert_eq!(cursor.next_page_id, None);
        assert!(!page.has_more());
        assert_eq!(
            page.results[0].view_link.as_deref(),
            Some("https://invoice.stripe.com/i/acct_1LKJg9HtgZxQ1KXx/test_...?s=ap")
        );
    }
}

// Errors

#[test]
fn start_charging_error_bodies_round_trip() {
    let pre_auth: ErrorDetail = assert_round_trips(
        r#"{"detail": "Charging Error", "error": {"type": "pre_authorization_failed", "details": "We didn't manage to pre-authorize payment before starting charging. User should try again.", "payment_intent_client_secret": "pi_..."}}"#,
    );
    assert_eq!(pre_auth.error.kind, ErrorKind::PreAuthorizationFailed);
    assert_eq!(
        pre_auth.error.payment_intent_client_secret.as_deref(),
        Some("pi_...")
    );
    let busy: ErrorDetail = assert_round_trips(
        r#"{"detail": "Charging Error", "error": {"type": "already_charging", "details": "User already has active charging session OR is starting charging"}}"#,
    );
    assert_eq!(busy.error.kind, ErrorKind::AlreadyCharging);
    let envelope: ErrorDetail = assert_round_trips(
        r#"{"detail": "Human-readable error message", "error": {"type": "error_type", "details": "Additional error details"}}"#,
    );
    assert_eq!(envelope.error.kind, ErrorKind::Unknown("error_type".into()));
}

#[test]
fn stop_charging_404_is_a_plain_detail() {
    let text = r#"{"detail": "User session with this id was not found"}"#;
    assert_round_trips::<Detail>(text);
    let body: ErrorBody = assert_round_trips(text);
    assert_eq!(body.error_type(), None);
    assert!(serde_json::from_str::<ErrorDetail>(text).is_err());
}

#[test]
fn every_error_body_reads_as_an_error_body() {
    let stopped: ErrorBody = assert_round_trips(
        r#"{"detail": "Charging Error", "error": {"type": "already_stopped", "details": "Session is not active"}}"#,
    );
    assert_eq!(stopped.error_type(), Some(&ErrorKind::AlreadyStopped));
    let unpaid = assert_reads_and_writes::<ErrorBody>(
        r#"{"detail": "User has unpaid debts", "status": "unpaid_debts"}"#,
        &json!({"detail": "User has unpaid debts"}),
    );
    assert_eq!(unpaid.status.as_deref(), Some("unpaid_debts"));
    let unpaid_detail: Detail =
        serde_json::from_str(r#"{"detail": "User has unpaid debts", "status": "unpaid_debts"}"#)
            .unwrap();
    assert_eq!(unpaid_detail.status.as_deref(), Some("unpaid_debts"));
    let drf = assert_reads_and_writes::<ErrorBody>(
        r#"{"email": ["Enter a valid email address."]}"#,
        &json!({}),
    );
    assert_eq!(drf.message(), Some("Enter a valid email address."));
    let odd: ErrorBody = serde_json::from_str(r#"{"detail": 5, "error": "boom"}"#).unwrap();
    assert_eq!(odd, ErrorBody::default());
}
