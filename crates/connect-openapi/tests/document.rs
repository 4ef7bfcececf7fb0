//! The bundled document loads, every operation compiles, and the check catches what it
//! claims to: the old `date_from: null`, an undeclared status, a wrong body.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use connect_openapi::{Contract, Part, RequestParts, ResponseParts, Side};
use serde_json::{Value, json};

fn get<'a>(path: &'a str, query: &'a str) -> RequestParts<'a> {
    RequestParts {
        method: "GET",
        path,
        query,
        content_type: None,
        body: b"",
    }
}

fn json_answer(status: u16, body: &[u8]) -> ResponseParts<'_> {
    ResponseParts {
        status,
        content_type: Some("application/json"),
        headers: &[],
        body,
    }
}

/// A station as the sandbox answers it, with one band `band`.
fn station(band: &Value) -> Vec<u8> {
    let station = json!({
        "id": "DE*CIQ*EELDF6XWZU41P", "name": "EVA Charge", "address": "Ludwigstraße, 9, 67547, Worms",
        "speed": "fast", "status": "free", "last_updated": "2026-04-02T00:00:00Z",
        "coordinates": {"latitude": "49.630383", "longitude": "8.368902"},
        "opening_times": {"twentyfourseven": true, "regular_hours": []},
        "operator": {"name": "EVA Charge", "contact": {"phone": "+4971134214480"}},
        "evses": [{"evse_id": "DE*CIQ*EELDF6XWZU41P*1", "status": "AVAILABLE"}],
        "amenities": [], "is_partner": true,
        "price_groups": [{"type": "AC", "power": 22, "evse_ids": ["DE*CIQ*EELDF6XWZU41P*1"],
            "currency": "eur", "pre_authorization_amount": "50.00", "is_fallback": false,
            "local_datetime": "2026-04-02T15:51:18+02:00",
            "prices": {"kwh_price": {"ALL": [band]}, "time_price": null, "blocking_fee": null,
                "session_fee": null, "starting_fee": null}}]
    });
    serde_json::to_vec(&station).unwrap()
}

fn band(date_from: &Value) -> Value {
    json!({"time_from": null, "time_to": null, "date_from": date_from, "date_to": null,
        "gross_price": "0.4529", "user_facing_price": "0.54", "grace_period_minutes": null,
        "tax": 19, "blocking_cap": null})
}

#[test]
fn the_bundled_document_has_its_22_operations() {
    let contract = Contract::bundled();
    assert_eq!(contract.operations().len(), 22);
}

#[test]
fn a_band_whose_date_from_is_null_is_refused_naming_operation_path_and_value() {
    let contract = Contract::bundled();
    let request = get(
        "/api/v1/stations/details/",
        "id=DE*CIQ*EELDF6XWZU41P&type=station_id",
    );
    let body = station(&band(&Value::Null));
    let checked = contract.check(&request, &json_answer(200, &body));
    assert_eq!(checked.violations.len(), 1, "{:?}", checked.violations);
    let violation = &checked.violations[0];
    assert_eq!(violation.operation, "stations_details_retrieve");
    assert_eq!(violation.side, Side::Response(200));
    assert_eq!(violation.part, Part::Body);
    assert_eq!(
        violation.pointer,
        "/price_groups/0/prices/kwh_price/ALL/0/date_from"
    );
    assert_eq!(violation.value, Value::Null);
    let text = violation.to_string();
    assert!(
        text.contains("stations_details_retrieve") && text.contains("date_from"),
        "{text}"
    );

    let body = station(&band(&json!("2026-01-01")));
    let checked = contract.check(&request, &json_answer(200, &body));
    assert!(checked.violations.is_empty(), "{:?}", checked.violations);
}

#[test]
fn an_undeclared_status_is_a_violation_unless_listed() {
    let contract = Contract::bundled();
    let detail = br#"{"detail": "Invalid page."}"#;
    let checked = contract.check(
        &get("/api/v1/users/u1/billing-details/", ""),
        &json_answer(409, detail),
    );
    assert_eq!(checked.violations[0].part, Part::Status);
    // Django's 404 for a page that is not there: listed.
    let checked = contract.check(&get("/api/v1/users/", "page=9"), &json_answer(404, detail));
    assert!(checked.violations.is_empty(), "{:?}", checked.violations);
    // A 503 only when the fault control marked it as injected.
    let error = br#"{"detail": "x", "error": {"type": "unexpected_error", "details": "x"}}"#;
    let unmarked = contract.check(&get("/api/v1/users/", ""), &json_answer(503, error));
    assert_eq!(unmarked.violations.len(), 1);
    let headers = [("x-sandbox-fault".to_owned(), "injected".to_owned())];
    let marked = ResponseParts {
        headers: &headers,
        ..json_answer(503, error)
    };
    assert!(
        contract
            .check(&get("/api/v1/users/", ""), &marked)
            .violations
            .is_empty()
    );
}

#[test]
fn requests_are_checked_by_path_template_query_and_body() {
    let contract = Contract::bundled();
    let created = br#"{"id": "u1", "email": null, "locale": "en", "custom_properties": null}"#;
    let bad = RequestParts {
        method: "POST",
        path: "/api/v1/users/",
        query: "",
        content_type: Some("application/json"),
        body: br#"{"locale": "fr"}"#,
    };
    let checked = contract.check(&bad, &json_answer(201, created));
    assert_eq!(checked.violations.len(), 1, "{:?}", checked.violations);
    assert_eq!(
        (
            checked.violations[0].side,
            checked.violations[0].pointer.as_str()
        ),
        (Side::Request, "/locale")
    );
    // The same request refused with a 400: the test meant to send it.
    let refused =
        br#"{"detail": "locale: bad", "error": {"type": "validation_error", "details": "bad"}}"#;
    assert!(
        contract
            .check(&bad, &json_answer(400, refused))
            .violations
            .is_empty()
    );
    // A query parameter of the wrong type, and an unknown path.
    let checked = contract.check(
        &get("/api/v1/users/", "page=two"),
        &json_answer(200, br#"{"count":0,"results":[]}"#),
    );
    assert_eq!(
        (
            checked.violations[0].part,
            checked.violations[0].pointer.as_str()
        ),
        (Part::Query, "/page")
    );
    let checked = contract.check(&get("/api/v1/users", ""), &json_answer(200, b"{}"));
    assert_eq!(checked.violations[0].part, Part::Operation);
}

#[test]
fn a_new_users_null_billing_fields_are_tolerated_but_no_other_null() {
    let contract = Contract::bundled();
    let request = get("/api/v1/users/u1/billing-details/", "");
    let fresh = br#"{"country": null, "city": null, "tax_id": null, "account_type": "personal",
        "company_name": null, "vat_id": null, "line1": null, "postal_code": null,
        "first_name": null, "last_name": null}"#;
    assert!(
        contract
            .check(&request, &json_answer(200, fresh))
            .violations
            .is_empty()
    );
    let wrong = br#"{"account_type": null, "line1": null, "postal_code": null}"#;
    let checked = contract.check(&request, &json_answer(200, wrong));
    assert_eq!(checked.violations[0].pointer, "/account_type");
}

/// Every place where two JSON values differ, as JSON pointers.
fn differences(left: &Value, right: &Value, at: &str, out: &mut Vec<String>) {
    match (left, right) {
        (Value::Object(left), Value::Object(right)) => {
            for key in left
                .keys()
                .chain(right.keys().filter(|key| !left.contains_key(*key)))
            {
                let path = format!("{at}/{key}");
                match (left.get(key), right.get(key)) {
                    (Some(left), Some(right)) => differences(left, right, &path, out),
                    _ => out.push(path),
                }
            }
        }
        _ if left != right => out.push(at.to_owned()),
        _ => {}
    }
}

#[test]
fn the_tolerant_document_widens_exactly_the_listed_null_properties() {
    let contract = Contract::bundled();
    let mut found = Vec::new();
    differences(
        contract.document(),
        &contract.tolerant_document(),
        "",
        &mut found,
    );
    let mut listed: Vec<String> = connect_openapi::DEVIATIONS
        .iter()
        .filter_map(|deviation| match deviation.tolerance {
            connect_openapi::Tolerance::NullProperty { schema, property } => Some(format!(
                "/components/schemas/{schema}/properties/{property}/nullable"
            )),
            _ => None,
        })
        .collect();
    found.sort();
    listed.sort();
    assert_eq!(found, listed);
    assert_eq!(listed.len(), 5);
}
