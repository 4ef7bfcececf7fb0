//! Every one of the 22 operations goes to the document's method and path (with its trailing
//! slash), sends the document's parameters and body, and reads the answer into domain
//! values.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    EVSE, Reply, Request, SESSION, Stub, TOKEN, USER, page_json, payment_method_json, session_json,
    station_json, user_json,
};
use connect_domain::account::{AccountType, BillingDetails, NewUser, UserPatch};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::payment::SetupKind;
use connect_domain::session::Rating;
use connect_domain::station::{
    ConnectorStandard, Speed, StationFilter, StationPriceKind, StationStatus,
};
use connect_domain::zone::Coordinates;
use connect_ports::{
    AroundQuery, Billing, Charging, Invoices, MapFeature, PageRequest, Payments, StartCharging,
    StationLookup, Stations, TileQuery, UserQuery, Users,
};
use serde_json::{Value, json};

/// The sandbox's answers for every route, by method and path.
fn api(request: &Request, _: usize) -> Reply {
    let user_path = format!("/api/v1/users/{USER}/");
    let sessions_path = format!("/api/v1/users/{USER}/charging-sessions/");
    let session_path = format!("{sessions_path}{SESSION}/");
    let path = request.path.as_str();
    let billing = json!({"country": "de", "city": "Berlin", "tax_id": null, "account_type": "personal",
        "company_name": null, "vat_id": null, "line1": "Karl-Marx-Allee 1", "postal_code": "10243",
        "first_name": "Example", "last_name": "Sample"});
    match (request.method.as_str(), path) {
        ("POST", "/api/v1/users/") => Reply::json(201, &user_json(USER)),
        ("GET", "/api/v1/users/") => Reply::json(200, &page_json(vec![user_json(USER)], 1, None)),
        ("GET" | "PATCH", p) if p == user_path => Reply::json(200, &user_json(USER)),
        ("DELETE", p) if p == user_path => Reply::empty(204),
        ("GET" | "PUT", p) if p == format!("{user_path}billing-details/") => {
            Reply::json(200, &billing)
        }
        ("GET", p) if p == format!("{user_path}setup-intents/") => Reply::json(
            200,
            &json!({"setup_intent_client_secret": "seti_1_secret_2"}),
        ),
        ("GET", p) if p == format!("{user_path}payment-methods/") => Reply::json(
            200,
            &page_json(
                vec![payment_method_json("pm_1", "card", "12/2027")],
                1,
                None,
            ),
        ),
        ("POST", p) if p == format!("{user_path}payment-methods/pm_1/default/") => {
            Reply::empty(204)
        }
        ("DELETE", p) if p == format!("{user_path}payment-methods/pm_1/") => Reply::empty(204),
        ("GET", p) if p == format!("{user_path}charging/debts/") => Reply::json(
            200,
            &page_json(
                vec![
                    json!({"session_id": SESSION, "payment_intent_client_secret": "pi_1_secret_2",
                    "amount": "5.39", "currency": "EUR"}),
                ],
                1,
                None,
            ),
        ),
        ("POST", p) if p == format!("{user_path}charging/start/") => {
            Reply::json(201, &session_json(SESSION, EVSE, true, None, false))
        }
        ("POST", p) if p == format!("{user_path}charging/stop/{SESSION}/") => Reply::empty(204),
        ("GET", p) if p == sessions_path => Reply::json(
            200,
            &page_json(
                vec![session_json(SESSION, EVSE, false, Some("10.000"), true)],
                1,
                None,
            ),
        ),
        ("GET" | "PATCH", p) if p == session_path => {
            let mut session = session_json(SESSION, EVSE, false, Some("10.000"), true);
            if request.method == "PATCH" {
                session["rates"] = request.json()["rates"].clone();
            }
            Reply::json(200, &session)
        }
        ("GET", p) if p == format!("{user_path}invoices/") => Reply::json(
            200,
            &page_json(
                vec![
                    json!({"link": "https://pay.stripe.com/invoice/x/pdf", "total": "5.39",
                    "date": "2026-04-02T13:52:35Z", "refund": false, "currency": "eur",
                    "charging_session_id": SESSION}),
                ],
                1,
                None,
            ),
        ),
        ("GET", "/api/v1/stations/around/") => {
            Reply::json(200, &page_json(vec![station_json()], 1, None))
        }
        ("GET", "/api/v1/stations/details/") => Reply::json(200, &station_json()),
        ("GET", "/api/v1/stations/partners/") => Reply::json(
            200,
            &json!([{"name": "EVA Charge", "logo_url": null}, {"name": "Other", "logo_url": "https://x/l.png"}]),
        ),
        ("GET", "/api/v1/stations/tile/") => Reply::json(
            200,
            &json!({"type": "FeatureCollection", "features": [
                {"type": "Feature", "station_id": "DE*CIQ*EELDF6XWZU41P",
                 "geometry": {"type": "Point", "coordinates": ["49.630383", "8.368902"]},
                 "properties": {"count": 1, "speed": "slow", "status": "free", "operator_id": "EVA Charge"},
                 "custom_properties": {"is_partner": true},
                 "price_properties": {"price": "0.54", "type": "charging_price", "currency": "eur"}},
                {"type": "Feature", "cluster_id": "c1",
                 "geometry": {"type": "Point", "coordinates": ["49.6", "8.3"]},
                 "properties": {"count": 7, "expansion_zoom": 16, "speed": "fast", "status": "busy"}}]}),
        ),
        _ => Reply::json(404, &json!({"detail": "Not found."})),
    }
}

#[tokio::test]
async fn all_22_operations_use_the_documents_paths_and_read_their_answers() {
    let stub = Stub::start(api).await;
    let client = stub.client();
    users_billing_and_payments(&client).await;
    charging_and_invoices(&client).await;
    stations(&client).await;
    let requests = stub.requests();
    the_paths_are_the_documents(&requests);
    the_bodies_and_parameters_are_the_documents(&requests);
}

async fn users_billing_and_payments(client: &connect_http::ConnectClient) {
    let user = UserId::new(USER);
    let pm = PaymentMethodId::new("pm_1");
    let page = PageRequest::new(2, 5).unwrap();
    // Users
    let created = client
        .create_user(NewUser {
            email: None,
            locale: None,
            external_id: Some("ext-1".into()),
        })
        .await
        .unwrap();
    assert_eq!(created.id, user);
    let listed = client
        .list_users(UserQuery::default().search("abc").page(page))
        .await
        .unwrap();
    assert_eq!((listed.count, listed.request), (1, page));
    assert_eq!(
        client.get_user(&user).await.unwrap().external_id.as_deref(),
        Some("abcdefg123456")
    );
    client
        .update_user(
            &user,
            UserPatch {
                email: Some(None),
                ..UserPatch::default()
            },
        )
        .await
        .unwrap();
    client.delete_user(&user).await.unwrap();

    // Billing
    let details = client.billing_details(&user).await.unwrap();
    assert_eq!(details.account_type, AccountType::Personal);
    let replaced = client
        .replace_billing_details(&user, details.clone())
        .await
        .unwrap();
    assert_eq!(replaced, details);

    // Payments
    let intent = client.setup_intent(&user, SetupKind::Card).await.unwrap();
    assert_eq!(intent.client_secret, "seti_1_secret_2");
    let methods = client.payment_methods(&user, page).await.unwrap();
    assert_eq!(methods.items[0].card.expiry.year, 2027);
    client.set_default_payment_method(&user, &pm).await.unwrap();
    client.delete_payment_method(&user, &pm).await.unwrap();
    let debts = client.debts(&user, page).await.unwrap();
    assert_eq!(debts.items[0].amount.to_string(), "5.39");
}

async fn charging_and_invoices(client: &connect_http::ConnectClient) {
    let user = UserId::new(USER);
    let session = SessionId::new(SESSION);
    let pm = PaymentMethodId::new("pm_1");
    let page = PageRequest::new(2, 5).unwrap();
    // Charging
    let started = client
        .start_charging(&user, StartCharging::new(EVSE, pm.clone()))
        .await
        .unwrap();
    assert!(started.is_active);
    client.stop_charging(&user, &session).await.unwrap();
    let sessions = client.sessions(&user, page).await.unwrap();
    assert!(sessions.items[0].bill.is_some());
    let one = client.session(&user, &session).await.unwrap();
    assert_eq!(
        one.consumed_energy_kwh
            .map(|kwh| kwh.to_string())
            .as_deref(),
        Some("10.000")
    );
    let rated = client
        .rate_session(&user, &session, Some(Rating::new(4).unwrap()))
        .await
        .unwrap();
    assert_eq!(rated.rating.map(Rating::get), Some(4));

    // Invoices
    let invoices = client.invoices(&user, page).await.unwrap();
    assert_eq!(invoices.items[0].charging_session_id, Some(session.clone()));
}

async fn stations(client: &connect_http::ConnectClient) {
    let page = PageRequest::new(2, 5).unwrap();
    // Stations
    let around = client
        .stations_around(
            &AroundQuery::new(
                Coordinates {
                    latitude: 49.630_383,
                    longitude: 8.368_902,
                },
                250.4,
            )
            .with_filter(StationFilter {
                connector_standards: vec![
                    ConnectorStandard::Iec62196T2,
                    ConnectorStandard::Chademo,
                ],
                only_available: true,
                operators: vec!["EVA Charge".into()],
                ..StationFilter::default()
            }),
            page,
        )
        .await
        .unwrap();
    assert_eq!(
        around.items[0].zone,
        connect_domain::zone::Tz::Europe__Berlin
    );
    assert_eq!(around.items[0].speed(), Some(Speed::Slow));
    let details = client
        .station_details(&StationLookup::EvseId(EVSE.into()))
        .await
        .unwrap();
    assert_eq!(details.evses[0].evse_id.as_str(), EVSE);
    let partners = client.partners().await.unwrap();
    assert_eq!(partners.len(), 2);
    let features = client
        .map_tile(&TileQuery::new(14, 8803, 5374).with_filter(StationFilter {
            power_groups: vec![Speed::Fast],
            max_price: Some("0.60".parse().unwrap()),
            ..StationFilter::default()
        }))
        .await
        .unwrap();
    // Everything the tile carries, and nothing made up (no name, no 1970 timestamp).
    let MapFeature::Station {
        id,
        coordinates,
        summary,
    } = &features[0]
    else {
        panic!("{:?}", features[0]);
    };
    assert_eq!(id.as_str(), "DE*CIQ*EELDF6XWZU41P");
    assert!((coordinates.latitude - 49.630_383).abs() < 1e-9);
    assert_eq!(summary.speed, Some(Speed::Slow));
    assert_eq!(summary.status, Some(StationStatus::Free));
    assert_eq!(summary.operator.as_deref(), Some("EVA Charge"));
    assert_eq!(summary.is_partner, Some(true));
    let price = summary.price.as_ref().unwrap();
    assert_eq!(price.price.to_string(), "0.54");
    assert_eq!(price.kind, StationPriceKind::ChargingPrice);
    assert_eq!(price.currency.code(), "eur");
    let MapFeature::Cluster {
        id,
        count: 7,
        expansion_zoom: 16,
        first,
        ..
    } = &features[1]
    else {
        panic!("{:?}", features[1]);
    };
    assert_eq!(id, "c1");
    assert_eq!(first.speed, Some(Speed::Fast));
    assert_eq!(first.status, Some(StationStatus::Busy));
    assert_eq!((first.is_partner, first.price.as_ref()), (None, None));
}

fn the_paths_are_the_documents(requests: &[Request]) {
    // What went over the wire.
    let lines: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let u = format!("/api/v1/users/{USER}");
    let expected = [
        "POST /api/v1/users/".to_owned(),
        "GET /api/v1/users/".to_owned(),
        format!("GET {u}/"),
        format!("PATCH {u}/"),
        format!("DELETE {u}/"),
        format!("GET {u}/billing-details/"),
        format!("PUT {u}/billing-details/"),
        format!("GET {u}/setup-intents/"),
        format!("GET {u}/payment-methods/"),
        format!("POST {u}/payment-methods/pm_1/default/"),
        format!("DELETE {u}/payment-methods/pm_1/"),
        format!("GET {u}/charging/debts/"),
        format!("POST {u}/charging/start/"),
        format!("POST {u}/charging/stop/{SESSION}/"),
        format!("GET {u}/charging-sessions/"),
        format!("GET {u}/charging-sessions/{SESSION}/"),
        format!("PATCH {u}/charging-sessions/{SESSION}/"),
        format!("GET {u}/invoices/"),
        "GET /api/v1/stations/around/".to_owned(),
        "GET /api/v1/stations/details/".to_owned(),
        "GET /api/v1/stations/partners/".to_owned(),
        "GET /api/v1/stations/tile/".to_owned(),
    ];
    assert_eq!(lines, expected);
    // And against the document itself: each request is an instance of one of its operations
    // (method and path template), and together they are all of them, each once.
    let contract = connect_openapi::Contract::bundled();
    let mut used: Vec<&str> = requests
        .iter()
        .map(|request| {
            let path = request.path.split('?').next().unwrap_or_default();
            let operation = contract
                .operation(&request.method, path)
                .unwrap_or_else(|| {
                    panic!("{} {path}: no operation of the document", request.method)
                });
            operation.id.as_str()
        })
        .collect();
    let mut documented: Vec<&str> = contract
        .operations()
        .iter()
        .map(|operation| operation.id.as_str())
        .collect();
    used.sort_unstable();
    documented.sort_unstable();
    assert_eq!(used, documented);

    for request in requests {
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert_eq!(request.header("accept"), Some("application/json"));
        assert_eq!(request.header("x-request-id").map(str::len), Some(36));
    }
}

fn the_bodies_and_parameters_are_the_documents(requests: &[Request]) {
    let find = |method: &str, suffix: &str| -> &Request {
        requests
            .iter()
            .find(|r| r.method == method && r.path.ends_with(suffix))
            .unwrap()
    };
    // Bodies.
    assert_eq!(
        find("POST", "/api/v1/users/").json(),
        json!({"email": null, "custom_properties": {"external_id": "ext-1"}})
    );
    assert_eq!(
        find("PATCH", &format!("{USER}/")).json(),
        json!({"email": null})
    );
    assert_eq!(
        find("PUT", "/billing-details/").json()["line1"],
        "Karl-Marx-Allee 1"
    );
    assert_eq!(
        find("POST", "/charging/start/").json(),
        json!({"evse_id": EVSE, "payment_method_id": "pm_1"})
    );
    assert_eq!(
        find("POST", "/charging/start/").header("content-type"),
        Some("application/json")
    );
    assert_eq!(
        find("PATCH", &format!("{SESSION}/")).json(),
        json!({"rates": 4})
    );
    assert!(find("POST", "/default/").body.is_empty());
    // Query parameters.
    let users = find("GET", "/api/v1/users/");
    assert_eq!(
        (
            users.param("search"),
            users.param("page"),
            users.param("page_size")
        ),
        (Some("abc"), Some("2"), Some("5"))
    );
    assert_eq!(
        find("GET", "/setup-intents/").param("pm_type"),
        Some("card")
    );
    let around = find("GET", "/stations/around/");
    assert_eq!(around.param("latitude"), Some("49.630383"));
    assert_eq!(around.param("longitude"), Some("8.368902"));
    assert_eq!(around.param("distance"), Some("250"));
    assert_eq!(
        around.params("connector_types"),
        ["IEC_62196_T2", "CHADEMO"]
    );
    assert_eq!(around.param("only_available"), Some("true"));
    assert_eq!(around.param("only_partners"), None);
    assert_eq!(around.params("operators"), ["EVA Charge"]);
    let details = find("GET", "/stations/details/");
    assert_eq!(
        (details.param("id"), details.param("type")),
        (Some(EVSE), Some("evse_id"))
    );
    let tile = find("GET", "/stations/tile/");
    assert_eq!(
        (tile.param("x"), tile.param("y"), tile.param("z")),
        (Some("8803"), Some("5374"), Some("14"))
    );
    assert_eq!(tile.params("power_groups"), ["fast"]);
    assert_eq!(tile.param("max_price"), Some("0.60"));
    assert_eq!(tile.param("page"), None);
}

#[tokio::test]
async fn ids_are_percent_encoded_as_path_segments() {
    let stub = Stub::start(|_, _| Reply::json(200, &user_json("a/b c"))).await;
    let user = stub
        .client()
        .get_user(&UserId::new("a/b c?"))
        .await
        .unwrap();
    assert_eq!(user.id.as_str(), "a/b c");
    assert_eq!(stub.requests()[0].path, "/api/v1/users/a%2Fb%20c%3F/");
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_keeps_it() {
    let stub = Stub::start(|_, _| Reply::json(200, &page_json(Vec::<Value>::new(), 0, None))).await;
    let client = connect_http::ConnectClient::new(
        connect_http::ApiToken::new(TOKEN).unwrap(),
        connect_http::Environment::custom(format!("{}/gateway/", stub.base)).unwrap(),
    )
    .unwrap();
    client.list_users(UserQuery::default()).await.unwrap();
    assert_eq!(stub.requests()[0].path, "/gateway/api/v1/users/");
}

#[tokio::test]
async fn the_client_is_cheap_to_clone_and_shared_across_tasks() {
    fn send_sync<T: Send + Sync + Clone + 'static>(_: &T) {}
    let stub = Stub::start(|_, _| Reply::json(200, &user_json(USER))).await;
    let client = stub.client();
    send_sync(&client);
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_user(&UserId::new(USER)).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(stub.requests().len(), 4);
}

#[tokio::test]
async fn an_answer_that_is_not_the_documents_shape_is_a_decode_error_naming_the_call() {
    let stub = Stub::start(|request, _| {
        if request.path.ends_with("/payment-methods/") {
            Reply::json(
                200,
                &page_json(
                    vec![payment_method_json("pm_1", "card", "13/2027")],
                    1,
                    None,
                ),
            )
        } else {
            Reply::text(200, "{\"id\": 5")
        }
    })
    .await;
    let client = stub.client();
    let error = client.get_user(&UserId::new(USER)).await.unwrap_err();
    assert!(
        matches!(error, connect_http::ClientError::Decode { status: 200, .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("GET /api/v1/users/{USER}/:"))
    );
    // An item of a list that cannot be read is left out and named, not the whole page.
    let page = client
        .payment_methods(&UserId::new(USER), PageRequest::default())
        .await
        .unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.skipped.len(), 1);
    assert!(
        page.skipped[0]
            .error
            .contains("results[0].card.expiration_date"),
        "{}",
        page.skipped[0].error
    );
}

#[tokio::test]
async fn billing_details_are_sent_whole_with_nulls() {
    let stub = Stub::start(|request, _| Reply::Answer(200, Vec::new(), request.body.clone())).await;
    let details = {
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
    let echoed = stub
        .client()
        .replace_billing_details(&UserId::new(USER), details.clone())
        .await
        .unwrap();
    assert_eq!(echoed, details);
    let sent = stub.requests()[0].json();
    assert_eq!(sent["company_name"], Value::Null);
    assert_eq!(sent["account_type"], "personal");
}
