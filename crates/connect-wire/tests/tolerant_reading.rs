//! The edges of tolerant reading (where the docs' revisions and the OpenAPI document in
//! `crates/connect-wire/openapi/` disagree): which key wins when both are sent,
//! what is refused, and what each tolerated shape is written as.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{assert_reads_and_writes, assert_round_trips};
use connect_domain::payment::{Card, CardExpiry};
use connect_domain::tariff::PriceGroup;
use connect_wire::invoices::{InvoiceCursor, InvoicePage};
use connect_wire::payments::{Debt, SetupIntent};
use connect_wire::sessions::PaygSummary;
use connect_wire::tiles::TileProperties;
use serde_json::json;

#[test]
fn setup_intent_prefers_the_official_key_and_needs_one_of_them() {
    let both: SetupIntent = serde_json::from_str(
        r#"{"client_secret": "seti_old", "setup_intent_client_secret": "seti_new"}"#,
    )
    .unwrap();
    assert_eq!(both.setup_intent_client_secret, "seti_new");
    let error = serde_json::from_str::<SetupIntent>("{}").unwrap_err();
    assert!(
        error.to_string().contains("setup_intent_client_secret"),
        "{error}"
    );
    assert!(serde_json::from_str::<SetupIntent>(r#"{"client_secret": null}"#).is_err());
}

#[test]
fn debt_prefers_the_official_key_and_needs_one_of_them() {
    let both: Debt = serde_json::from_str(
        r#"{"session_id": "s", "client_secret": "pi_old", "payment_intent_client_secret": "pi_new", "amount": 5.39, "currency": "eur"}"#,
    )
    .unwrap();
    assert_eq!(both.payment_intent_client_secret, "pi_new");
    // An amount sent as a JSON number is written as the decimal string the document types.
    assert_eq!(
        serde_json::to_value(&both).unwrap()["amount"],
        json!("5.39")
    );
    let error =
        serde_json::from_str::<Debt>(r#"{"session_id": "s", "amount": "1.00", "currency": "eur"}"#)
            .unwrap_err();
    assert!(
        error.to_string().contains("payment_intent_client_secret"),
        "{error}"
    );
}

#[test]
fn card_expiry_reads_both_formats_and_refuses_anything_else_naming_the_value() {
    let cases = [
        ("12/2027", Ok((2027, 12))),
        ("04/44", Ok((2044, 4))),
        ("01/00", Ok((2000, 1))),
        (" 09/2030 ", Ok((2030, 9))),
        ("13/2027", Err(())),
        ("00/27", Err(())),
        ("4/2027", Err(())),
        ("04-2027", Err(())),
        ("04/027", Err(())),
        ("04/20270", Err(())),
        ("0a/27", Err(())),
        ("+4/27", Err(())),
        ("", Err(())),
    ];
    for (text, expected) in cases {
        match (CardExpiry::parse(text), expected) {
            (Ok(expiry), Ok((year, month))) => {
                assert_eq!(expiry, CardExpiry { year, month }, "{text}");
            }
            (Err(error), Err(())) => assert_eq!(error.value, text),
            (parsed, expected) => panic!("{text:?}: got {parsed:?}, expected {expected:?}"),
        }
    }
    let error = CardExpiry::parse("13/2027").unwrap_err();
    assert_eq!(
        error.to_string(),
        "expiration_date: \"13/2027\" is not MM/YY or MM/YYYY"
    );
    // A card reads either form and is written with the four-digit year every example shows.
    let card = assert_reads_and_writes::<Card>(
        r#"{"brand": "visa", "last4": "4242", "expiration_date": "12/27", "cardholder_name": null}"#,
        &json!({"brand": "visa", "last4": "4242", "expiration_date": "12/2027", "cardholder_name": null}),
    );
    assert_eq!(
        card.expiry,
        CardExpiry {
            year: 2027,
            month: 12
        }
    );
    assert!(
        CardExpiry {
            year: 2027,
            month: 12
        } < CardExpiry {
            year: 2028,
            month: 1
        }
    );
}

#[test]
fn invoice_cursor_envelope_prefers_previous_page_id_and_takes_integer_ids() {
    let page: InvoicePage = serde_json::from_str(
        r#"{"size": 10, "next_page_id": 42, "prev_page_id": "old", "previous_page_id": "new", "data": []}"#,
    )
    .unwrap();
    assert_eq!(
        page.cursor,
        Some(InvoiceCursor {
            size: Some(10),
            next_page_id: Some("42".into()),
            previous_page_id: Some("new".into()),
        })
    );
    assert!(page.has_more());
    assert_eq!(page.count, 0);
}

#[test]
fn invoice_page_needs_results_or_data_and_counts_results_when_count_is_missing() {
    let error = serde_json::from_str::<InvoicePage>(r#"{"count": 0}"#).unwrap_err();
    assert!(error.to_string().contains("results"), "{error}");
    assert_reads_and_writes::<InvoicePage>(
        r#"{"results": []}"#,
        &json!({"count": 0, "next": null, "previous": null, "results": []}),
    );
    // With both envelopes in one body, the document's wins.
    let both: InvoicePage = serde_json::from_str(
        r#"{"count": 7, "next": "https://x/?page=2", "previous": null, "results": [], "data": [], "next_page_id": "in_1"}"#,
    )
    .unwrap();
    assert_eq!((both.count, both.cursor), (7, None));
}

#[test]
fn session_cost_reads_with_or_without_its_legacy_and_late_properties() {
    let minimal = json!({"kwh_cost": null, "time_cost": null, "session_fee_cost": null,
        "blocking_fee_cost": null, "starting_fee_cost": null, "invoice_download": null,
        "invoice_vat": "0.00", "invoice_summary": "0.00"});
    let cost: PaygSummary = assert_round_trips(&minimal.to_string());
    assert_eq!(cost.invoice_view, None);
    assert_eq!(cost.invoice_credits, None);
    let mut full = minimal.clone();
    full["invoice_credits"] = json!("-0.50");
    full["invoice_discount"] = json!("0.50");
    full["currency"] = json!("eur");
    let mut with_view = full.clone();
    with_view["invoice_view"] = json!("https://invoice.stripe.com/i/x");
    let cost = assert_reads_and_writes::<PaygSummary>(&with_view.to_string(), &full);
    assert_eq!(
        cost.invoice_view.as_deref(),
        Some("https://invoice.stripe.com/i/x")
    );
    assert_eq!(cost.invoice_credits, Some("-0.50".parse().unwrap()));
}

/// A price group around one band, with `local_datetime` and `power` as given.
fn group_json(local: &str, band: &str) -> String {
    format!(
        r#"{{"type": "AC", "power": 22.0, "evse_ids": [], "prices": {{"kwh_price": {{"ALL": [{band}]}},
        "time_price": null, "blocking_fee": null, "session_fee": null, "starting_fee": null}},
        "local_datetime": "{local}", "currency": "eur", "pre_authorization_amount": "50.00",
        "is_fallback": true}}"#
    )
}

const BAND: &str = r#"{"time_from": null, "time_to": "06:00", "date_from": null, "date_to": "2026-12-31",
    "gross_price": "0.19500", "user_facing_price": "0.23", "grace_period_minutes": null,
    "tax": 7.7, "blocking_cap": null}"#;

#[test]
fn price_bands_keep_null_bounds_and_exact_numbers() {
    let group: PriceGroup = assert_round_trips(&group_json("2026-04-02T15:51:18+02:00", BAND));
    let written = serde_json::to_value(&group).unwrap();
    let band = &written["prices"]["kwh_price"]["ALL"][0];
    assert_eq!(band["gross_price"], "0.19500");
    assert_eq!(band["tax"], json!(7.7));
    assert_eq!(band["time_from"], serde_json::Value::Null);
    assert_eq!(written["power"].to_string(), "22.0");
}

#[test]
fn a_price_group_s_local_offset_is_kept_and_utc_is_written_with_z() {
    let kept: PriceGroup = assert_round_trips(&group_json("2026-04-02T15:51:18.500+02:00", BAND));
    assert_eq!(
        kept.local_datetime().unwrap().offset().local_minus_utc(),
        7200
    );
    assert_round_trips::<PriceGroup>(&group_json("2026-04-02T13:51:18Z", BAND));
    let mut expected: serde_json::Value =
        serde_json::from_str(&group_json("2026-04-02T13:51:18Z", BAND)).unwrap();
    assert_reads_and_writes::<PriceGroup>(
        &group_json("2026-04-02T13:51:18+00:00", BAND),
        &expected,
    );
    expected["local_datetime"] = json!("not a date");
    let error = serde_json::from_value::<PriceGroup>(expected).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("local_datetime: malformed date-time"),
        "{error}"
    );
}

#[test]
fn a_tile_feature_without_count_is_one_station() {
    let properties = assert_reads_and_writes::<TileProperties>("{}", &json!({"count": 1}));
    assert_eq!(properties.count, 1);
}

#[test]
fn unknown_properties_are_ignored_everywhere() {
    assert_reads_and_writes::<SetupIntent>(
        r#"{"setup_intent_client_secret": "s", "livemode": false, "nested": {"a": [1]}}"#,
        &json!({"setup_intent_client_secret": "s"}),
    );
}
