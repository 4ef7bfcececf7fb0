//! The docs' user journey, over HTTP against the sandbox server on loopback: every response
//! in the API's exact shape and with the documented values.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_openapi::CheckingProxy;
use connect_server::AppState;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

const WORMS_EVSE: &str = "DE*CIQ*EELDF6XWZU41P*2";

/// A served sandbox on a free loopback port, behind a proxy that checks every exchange
/// against the OpenAPI document (and fails the test when dropped if one broke it).
async fn serve() -> CheckingProxy {
    CheckingProxy::start(&serve_unchecked().await)
        .await
        .unwrap()
}

/// A served sandbox on a free loopback port.
async fn serve_unchecked() -> String {
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    // The docs' example station, as the bundled stations carry it.
    let worms = connect_fake::stations::worms_station().unwrap();
    let stations = Arc::new(StationDirectory::new(vec![worms]).unwrap());
    let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock, stations);
    let state = AppState::new(sandbox);
    connect_server::spawn_on_loopback(state).await.unwrap()
}

struct Api {
    base: String,
    client: Client,
    token: &'static str,
}

impl Api {
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        (status, json)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one journey, read top to bottom like the docs
async fn the_documented_journey_over_http() {
    let checked = serve().await;
    let api = Api {
        base: checked.base_url().to_owned(),
        client: connect_tests::http_client(),
        token: "partner-token",
    };
    // Create the user.
    let (status, user) = api
        .call(
            Method::POST,
            "/api/v1/users/",
            Some(json!({"email": "user@example.com", "locale": "de",
            "custom_properties": {"external_id": "abcdefg123456"}})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(user["email"], "user@example.com");
    assert_eq!(user["custom_properties"]["external_id"], "abcdefg123456");
    let id = user["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 36);

    // Billing details: empty and personal at first, then set.
    let (status, fresh) = api
        .call(
            Method::GET,
            &format!("/api/v1/users/{id}/billing-details/"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        fresh,
        json!({"country": null, "city": null, "tax_id": null, "account_type": "personal",
        "company_name": null, "vat_id": null, "line1": null, "postal_code": null,
        "first_name": null, "last_name": null})
    );
    let details = json!({"country": "de", "city": "Berlin", "tax_id": "DE123456789",
        "account_type": "personal", "line1": "BeKarl-Marx-Alleerlin", "postal_code": "10243",
        "first_name": "Example", "last_name": "Sample"});
    let (status, stored) = api
        .call(
            Method::PUT,
            &format!("/api/v1/users/{id}/billing-details/"),
            Some(details),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stored["company_name"], Value::Null);
    assert_eq!(stored["line1"], "BeKarl-Marx-Alleerlin");

    // A card through a setup intent, confirmed as the frontend would.
    let (status, intent) = api
        .call(
            Method::GET,
            &format!("/api/v1/users/{id}/setup-intents/?pm_type=card"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let secret = intent["setup_intent_client_secret"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(secret.starts_with("seti_") && secret.contains("_secret_"));
    let (status, _) = api
        .call(
            Method::POST,
            &format!("/_sandbox/setup-intents/{secret}/confirm"),
            Some(json!({"card_number": "4242 4242 4242 4242"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, methods) = api
        .call(
            Method::GET,
            &format!("/api/v1/users/{id}/payment-methods/"),
            None,
        )
        .await;
    assert_eq!(methods["count"], 1);
    assert_eq!(methods["next"], Value::Null);
    let method = &methods["results"][0];
    assert_eq!(
        (method["default"].clone(), method["type"].clone()),
        (json!(true), json!("card"))
    );
    assert_eq!(method["card"]["last4"], "4242");
    assert_eq!(method["card"]["expiration_date"], "12/2034");
    let pm = method["id"].as_str().unwrap().to_owned();

    // Find the station around the docs' point, and its EVSE.
    let (status, around) = api
        .call(
            Method::GET,
            "/api/v1/stations/around/?latitude=49.630383&longitude=8.368902&distance=100",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(around["count"], 1);
    let station = &around["results"][0];
    assert_eq!(station["name"], "EVA Charge");
    assert!(
        station["evses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["evse_id"] == WORMS_EVSE)
    );

    // Start, poll, stop.
    let (status, session) = api
        .call(
            Method::POST,
            &format!("/api/v1/users/{id}/charging/start/"),
            Some(json!({"evse_id": WORMS_EVSE, "payment_method_id": pm})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    assert_eq!(session["is_active"], true);
    assert_eq!(session["end_time"], Value::Null);
    assert_eq!(session["station_info"]["station_name"], "EVA Charge");
    assert_eq!(session["station_info"]["connector_power"], 22);
    assert_eq!(session["user_facing_session_prices"]["kwh_price"], "0.54");
    assert_eq!(session["user_facing_session_prices"]["currency"], "eur");
    let sid = session["id"].as_str().unwrap().to_owned();
    // The station now shows the EVSE in use, to this tenant only.
    let details = format!("/api/v1/stations/details/?id={WORMS_EVSE}&type=evse_id");
    let status_of = |station: &Value| {
        station["evses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|evse| evse["evse_id"] == WORMS_EVSE)
            .map(|evse| evse["status"].clone())
    };
    let (_, mine) = api.call(Method::GET, &details, None).await;
    assert_eq!(status_of(&mine), Some(json!("CHARGING")));
    let other = Api {
        base: api.base.clone(),
        client: api.client.clone(),
        token: "someone-else",
    };
    let (_, theirs) = other.call(Method::GET, &details, None).await;
    assert_ne!(status_of(&theirs), Some(json!("CHARGING")));
    let (_, again) = api
        .call(
            Method::POST,
            &format!("/api/v1/users/{id}/charging/start/"),
            Some(json!({"evse_id": WORMS_EVSE, "payment_method_id": pm})),
        )
        .await;
    assert_eq!(again["error"]["type"], "already_charging");
    assert_eq!(again["detail"], "Charging Error");

    let (_, now) = api
        .call(
            Method::POST,
            "/_sandbox/clock/advance",
            Some(json!({"seconds": 1637})),
        )
        .await;
    assert_eq!(now["now"], "2026-04-02T14:18:35.000000Z");
    let (_, polled) = api
        .call(
            Method::GET,
            &format!("/api/v1/users/{id}/charging-sessions/{sid}/"),
            None,
        )
        .await;
    // 1637 s at 22 kW: 10.003 kWh (10.000 would take 1636.36 s).
    assert_eq!(polled["consumed_energy"], "10.003");
    let (status, empty) = api
        .call(
            Method::POST,
            &format!("/api/v1/users/{id}/charging/stop/{sid}/"),
            None,
        )
        .await;
    assert_eq!((status, empty), (StatusCode::NO_CONTENT, Value::Null));
    let (status, twice) = api
        .call(
            Method::POST,
            &format!("/api/v1/users/{id}/charging/stop/{sid}/"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(twice["error"]["type"], "already_stopped");

    // The CDR, the bill and the invoice.
    let (status, _) = api
        .call(Method::POST, &format!("/_sandbox/sessions/{sid}/cdr"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, list) = api
        .call(
            Method::GET,
            &format!("/api/v1/users/{id}/charging-sessions/"),
            None,
        )
        .await;
    let billed = &list["results"][0];
    assert_eq!(billed["is_active"], false);
    assert_eq!(billed["duration"], 1637);
    assert_eq!(billed["consumed_energy"], "10.003");
    let cost = &billed["session_cost"];
    assert_eq!(cost["kwh_cost"], "5.39");
    assert_eq!(cost["time_cost"], "0.00");
    assert_eq!(cost["invoice_vat"], "0.86");
    assert_eq!(cost["invoice_summary"], "5.39");
    assert_eq!(cost["currency"], "eur");
    let (_, invoices) = api
        .call(Method::GET, &format!("/api/v1/users/{id}/invoices/"), None)
        .await;
    assert_eq!(invoices["count"], 1);
    assert_eq!(invoices["results"][0]["total"], "5.39");
    assert_eq!(invoices["results"][0]["charging_session_id"], sid.as_str());
    assert_eq!(invoices["results"][0]["link"], cost["invoice_download"]);

    // Rate it.
    let (_, rated) = api
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{id}/charging-sessions/{sid}/"),
            Some(json!({"rates": "5"})),
        )
        .await;
    assert_eq!(rated["rates"], 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_client_gets_wrong_is_answered_in_the_apis_shapes_never_a_500() {
    let checked = serve().await;
    let base = checked.base_url().to_owned();
    let client = connect_tests::http_client();
    let response = client
        .get(format!("{base}/api/v1/users/"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body: Value = response.json().await.unwrap();
    assert!(body["detail"].is_string());

    let api = Api {
        base,
        client,
        token: "t",
    };
    let (status, body) = api
        .call(Method::POST, "/api/v1/users/", Some(json!({"email": 7})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["type"], "validation_error");
    assert!(
        body["detail"].as_str().unwrap().starts_with("email"),
        "{body}"
    );
    let broken = api
        .client
        .post(format!("{}/api/v1/users/", api.base))
        .bearer_auth("t")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    let (status, body) = api.call(Method::GET, "/api/v1/users/nobody/", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body.get("error"), None, "a 404 is a plain detail: {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_bodies_are_read_as_django_reads_them() {
    let checked = serve().await;
    let base = checked.base_url().to_owned();
    let api = Api {
        base,
        client: connect_tests::http_client(),
        token: "t",
    };
    // Pages as Django REST framework serves them: a huge page size is capped, a page that
    // is not there is a 404 "Invalid page.".
    let (status, _) = api
        .call(Method::GET, "/api/v1/users/?page_size=99999", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = api.call(Method::GET, "/api/v1/users/?page=0", None).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (StatusCode::NOT_FOUND, Some("Invalid page."))
    );
    let (status, _) = api.call(Method::GET, "/api/v1/users/?page=9", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Bodies may be form-encoded, as the API's document declares.
    let form = api
        .client
        .post(format!("{}/api/v1/users/", api.base))
        .bearer_auth("t")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=form%40example.com&locale=de")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::CREATED);
    let created: Value = form.json().await.unwrap();
    assert_eq!(created["email"], "form@example.com");
    // And multipart, as the document declares too.
    let multipart = api
        .client
        .post(format!("{}/api/v1/users/", api.base))
        .bearer_auth("t")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body("--XyZ\r\nContent-Disposition: form-data; name=\"locale\"\r\n\r\nen\r\n--XyZ--\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(multipart.status(), StatusCode::CREATED);
    let created: Value = multipart.json().await.unwrap();
    assert_eq!(created["locale"], "en");
    // Bodies must be objects; a user's locale may be left out but not null; a blank pm_type
    // is refused.
    let (status, _) = api
        .call(Method::POST, "/api/v1/users/", Some(json!([null, null])))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = api
        .call(
            Method::POST,
            "/api/v1/users/",
            Some(json!({"locale": null})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"].as_str().unwrap().starts_with("locale"),
        "{body}"
    );
    let user = created["id"].as_str().unwrap();
    let (status, body) = api
        .call(
            Method::GET,
            &format!("/api/v1/users/{user}/setup-intents/?pm_type="),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"].as_str().unwrap().starts_with("pm_type"),
        "{body}"
    );
    // A repeated parameter: the last one counts, as in Django.
    let (status, page) = api
        .call(Method::GET, "/api/v1/users/?page_size=1&page_size=2", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["results"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_pages_link_to_each_other_with_absolute_urls() {
    let checked = serve().await;
    let base = checked.base_url().to_owned();
    let api = Api {
        base: base.clone(),
        client: connect_tests::http_client(),
        token: "pager",
    };
    for _ in 0..3 {
        api.call(Method::POST, "/api/v1/users/", Some(json!({})))
            .await;
    }
    let (_, page) = api
        .call(Method::GET, "/api/v1/users/?page_size=2", None)
        .await;
    assert_eq!(page["count"], 3);
    assert_eq!(page["previous"], Value::Null);
    let next = page["next"].as_str().unwrap();
    assert_eq!(next, format!("{base}/api/v1/users/?page_size=2&page=2"));
    let (_, second) = api
        .call(Method::GET, next.trim_start_matches(&base), None)
        .await;
    assert_eq!(second["results"].as_array().unwrap().len(), 1);
    assert_eq!(second["next"], Value::Null);
}
