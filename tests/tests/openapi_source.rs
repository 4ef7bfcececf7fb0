//! The code's lists checked against the OpenAPI document itself (read as YAML by
//! `connect-openapi`), not against copies of themselves: the error kinds and the statuses
//! they are answered with, every enum of API values, and the sandbox's routes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use connect_domain::account::{AccountType, Locale};
use connect_domain::payment::{PaymentMethodKind, SetupKind};
use connect_domain::station::{
    Amenity, ConnectorStandard, EvseStatus, OpeningDay, Speed, StationStatus,
};
use connect_openapi::Contract;
use connect_ports::{ApiError, ErrorKind};
use serde_json::Value;

/// The `enum` of the query parameter `name` of the operation at `path` (`GET`), or of its
/// items for an array.
fn parameter_enum(path: &str, name: &str) -> Vec<String> {
    let pointer = format!("/paths/{}/get/parameters", path.replace('/', "~1"));
    let parameters = Contract::bundled()
        .document()
        .pointer(&pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no parameters at {pointer}"));
    let parameter = parameters
        .iter()
        .find(|parameter| parameter["name"] == name)
        .unwrap_or_else(|| panic!("no parameter {name} at {path}"));
    let schema = &parameter["schema"];
    let values = schema["items"]["enum"]
        .as_array()
        .or_else(|| schema["enum"].as_array())
        .unwrap();
    values
        .iter()
        .map(|value| value.as_str().unwrap().to_owned())
        .collect()
}

fn component_enum(schema: &str) -> Vec<String> {
    Contract::bundled()
        .enum_values(schema)
        .unwrap_or_else(|| panic!("no enum {schema} in the document"))
}

#[test]
fn the_error_kinds_with_an_error_type_are_the_documents_error_type_enum_in_order() {
    let named: Vec<&str> = ErrorKind::KNOWN
        .iter()
        .filter_map(ErrorKind::error_type)
        .collect();
    assert_eq!(named, component_enum("ErrorTypeEnum"));
    for text in component_enum("ErrorTypeEnum") {
        let kind = ErrorKind::parse(&text);
        assert!(kind.is_known(), "{text}");
        assert_eq!(kind.error_type(), Some(text.as_str()));
    }
}

#[test]
fn every_error_is_answered_with_a_status_and_body_the_document_declares() {
    let errors = [
        ApiError::validation("line1", "This field is required."),
        ApiError::already_charging(),
        ApiError::already_stopped(),
        ApiError::billing_data_required("line1"),
        ApiError::station_unavailable("busy"),
        ApiError::unpaid_debts("Charging Error"),
        ApiError::pre_authorization_failed(None),
        ApiError::charging_provider_error("no answer"),
        ApiError::not_found("User not found"),
        ApiError::forbidden(),
    ];
    let document = Contract::bundled().document();
    for error in errors {
        // Errors with an error.type have the ErrorDetail body; the status-only ones Detail.
        let body = if error.kind.error_type().is_some() {
            "#/components/schemas/ErrorDetail"
        } else {
            "#/components/schemas/Detail"
        };
        let status = error.status.to_string();
        let declared = document["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .any(|operation| {
                operation["responses"][&status]["content"]["application/json"]["schema"]["$ref"]
                    == body
            });
        assert!(
            declared,
            "{} answered {status} with {body}: no operation declares that",
            error.kind
        );
    }
}

#[test]
fn every_enum_of_api_values_knows_exactly_the_documents_values_in_its_order() {
    fn texts<T>(known: &[T], text: impl Fn(&T) -> &str) -> Vec<String> {
        known.iter().map(|value| text(value).to_owned()).collect()
    }
    let cases = [
        ("LocaleEnum", texts(Locale::KNOWN, Locale::as_str)),
        (
            "AccountTypeEnum",
            texts(AccountType::KNOWN, AccountType::as_str),
        ),
        (
            "ConnectAPIEvseStatusEnum",
            texts(EvseStatus::KNOWN, EvseStatus::as_str),
        ),
        (
            "Status80fEnum",
            texts(StationStatus::KNOWN, StationStatus::as_str),
        ),
        ("SpeedEnum", texts(Speed::KNOWN, Speed::as_str)),
        ("AmenitiesEnum", texts(Amenity::KNOWN, Amenity::as_str)),
        ("WeekdayEnum", texts(OpeningDay::KNOWN, OpeningDay::as_str)),
        (
            "ConnectAPIPMTypeEnum",
            texts(PaymentMethodKind::KNOWN, PaymentMethodKind::as_str),
        ),
    ];
    for (schema, known) in cases {
        assert_eq!(known, component_enum(schema), "{schema}");
    }
    // Enums the document writes inline, in query parameters.
    let standards = texts(ConnectorStandard::KNOWN, ConnectorStandard::as_str);
    assert_eq!(
        standards,
        parameter_enum("/api/v1/stations/around/", "connector_types")
    );
    assert_eq!(
        standards,
        parameter_enum("/api/v1/stations/tile/", "connector_types")
    );
    // The document's `card`, and `paypal`, which the docs add (a listed deviation).
    let kinds = texts(SetupKind::KNOWN, SetupKind::as_str);
    let mut documented = parameter_enum("/api/v1/users/{user_id}/setup-intents/", "pm_type");
    documented.push("paypal".into());
    assert_eq!(kinds, documented);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_routes_every_operation_of_the_document() {
    let (base, _clock) = connect_tests::contract::http::serve().await;
    let http = connect_tests::http_client();
    let operations = Contract::bundled().operations();
    assert_eq!(operations.len(), 22);
    for operation in operations {
        // Unknown ids: a handler answers (404 naming the thing, 400, …), never the router's
        // fallback ("Not found.") or 405.
        let path = operation
            .template
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "nobody"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let method = reqwest::Method::from_bytes(operation.method.as_bytes()).unwrap();
        let response = http
            .request(method, format!("{base}{path}"))
            .bearer_auth("routes")
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert!(
            status != 405 && body["detail"] != "Not found.",
            "{} {} ({}): {status} {body}",
            operation.method,
            operation.template,
            operation.id
        );
    }
}
