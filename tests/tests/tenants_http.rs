//! One sandbox, many tenants: each token's clock is its own, bounded to what the pricing
//! engine prices, and nothing one tenant does to its time reaches another.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use connect_domain::account::{BillingDetails, NewUser};
use connect_domain::ids::UserId;
use connect_domain::payment::SetupKind;
use connect_fake::clock::{ClockMode, SystemClock};
use connect_fake::sandbox::{Connection, Sandbox, SandboxConfig};
use connect_ports::{Billing, Charging, Payments, StartCharging, Users};
use connect_server::AppState;
use connect_tests::contract::fixtures;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// The sandbox as `connect sandbox serve` builds it: real time as the source, each tenant's
/// clock starting in `mode`.
async fn serve(mode: ClockMode) -> (String, Sandbox) {
    let config = SandboxConfig {
        clock: mode,
        ..SandboxConfig::default()
    };
    let sandbox =
        Sandbox::with_stations(config, Arc::new(SystemClock::new(1)), fixtures::stations());
    let base = connect_server::spawn_on_loopback(AppState::new(sandbox.clone()))
        .await
        .unwrap();
    (base, sandbox)
}

fn manual() -> ClockMode {
    ClockMode::Manual {
        now: fixtures::start_instant(),
    }
}

/// A user with billing details and a card, charging at the docs' Worms EVSE.
async fn charging_user(api: &Connection) -> (UserId, connect_domain::ids::SessionId) {
    let user = api.create_user(NewUser::default()).await.unwrap();
    let address = BillingDetails::personal("Erika", "Mustermann").address(
        "Lutherring 31",
        "67547",
        "Worms",
        "DE",
    );
    api.replace_billing_details(&user.id, address)
        .await
        .unwrap();
    let intent = api.setup_intent(&user.id, SetupKind::Card).await.unwrap();
    let card = api
        .confirm_setup_intent(&intent.client_secret, fixtures::VISA)
        .unwrap();
    let session = api
        .start_charging(&user.id, StartCharging::new(fixtures::WORMS_EVSE, card.id))
        .await
        .unwrap();
    (user.id, session.id)
}

async fn advance(client: &Client, base: &str, token: &str, seconds: i64) -> (StatusCode, Value) {
    let answer = client
        .post(format!("{base}/_sandbox/clock/advance"))
        .bearer_auth(token)
        .json(&json!({ "seconds": seconds }))
        .send()
        .await
        .unwrap();
    (answer.status(), answer.json().await.unwrap())
}

async fn get(client: &Client, base: &str, token: &str, path: &str) -> (StatusCode, Value) {
    let answer = client
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (answer.status(), answer.json().await.unwrap_or(Value::Null))
}

const YEAR: i64 = 366 * 24 * 3600;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn advancing_one_tenants_clock_leaves_another_tenants_session_alone() {
    let (base, sandbox) = serve(manual()).await;
    let client = connect_tests::http_client();
    let (user, session) = charging_user(&sandbox.connect("tenant-a").unwrap()).await;

    let (status, _) = advance(&client, &base, "tenant-b", YEAR).await;
    assert_eq!(status, StatusCode::OK);

    let path = format!("/api/v1/users/{user}/charging-sessions/{session}/");
    let (status, seen) = get(&client, &base, "tenant-a", &path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen["consumed_energy"], json!("0.000"), "{seen}");
    let (_, a_clock) = get(&client, &base, "tenant-a", "/_sandbox/clock").await;
    let (_, b_clock) = get(&client, &base, "tenant-b", "/_sandbox/clock").await;
    assert_eq!(a_clock["now"], json!("2026-04-02T13:51:18.000000Z"));
    assert_eq!(b_clock["now"], json!("2027-04-03T13:51:18.000000Z"));
}

/// Advances `token`'s clock a year at a time until the sandbox refuses, and answers the
/// refusal.
async fn advance_until_refused(client: &Client, base: &str, token: &str) -> Value {
    for _ in 0..10_000 {
        let (status, body) = advance(client, base, token, YEAR).await;
        if status != StatusCode::OK {
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            return body;
        }
    }
    panic!("the clock never stopped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manual_clock_stops_at_the_engines_limit_with_a_400_naming_it() {
    let (base, _sandbox) = serve(manual()).await;
    let client = connect_tests::http_client();
    let refusal = advance_until_refused(&client, &base, "t").await;
    let detail = refusal["detail"].as_str().unwrap();
    assert!(detail.starts_with("seconds: "), "{detail}");
    assert!(detail.contains("8999-12-31"), "{detail}");
    // Never wrapped to 1970: the clock stands in the year 8999, and keeps answering.
    let (status, clock) = get(&client, &base, "t", "/_sandbox/clock").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        clock["now"].as_str().unwrap().starts_with("8999-"),
        "{clock}"
    );
    let (status, _) = get(&client, &base, "t", "/api/v1/users/").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_clock_pushed_to_the_limit_breaks_nothing_for_anyone() {
    let (base, sandbox) = serve(ClockMode::Running { speed: 1 }).await;
    let client = connect_tests::http_client();
    let (user, session) = charging_user(&sandbox.connect("bystander").unwrap()).await;
    let refusal = advance_until_refused(&client, &base, "attacker").await;
    assert!(refusal["detail"].as_str().unwrap().contains("8999-12-31"));
    // Every request that reads a clock still answers, the attacker's and everyone else's.
    let (status, _) = get(&client, &base, "attacker", "/api/v1/users/").await;
    assert_eq!(status, StatusCode::OK);
    let path = format!("/api/v1/users/{user}/charging-sessions/{session}/");
    let (status, seen) = get(&client, &base, "bystander", &path).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["is_active"], json!(true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clock_settings_out_of_bounds_are_400s_naming_the_limit() {
    let (base, _sandbox) = serve(manual()).await;
    let client = connect_tests::http_client();
    let put = |body: Value| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let answer = client
                .put(format!("{base}/_sandbox/clock"))
                .bearer_auth("t")
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = answer.status();
            (status, answer.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = put(json!({"mode": "real", "speed": 1_000_000})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["detail"], json!("speed: must be between 1 and 100000"));
    let (status, body) = put(json!({"mode": "manual", "now": "9500-01-01T00:00:00Z"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"].as_str().unwrap().starts_with("now: "),
        "{body}"
    );
    let (status, body) = advance(&client, &base, "t", i64::MAX).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"].as_str().unwrap().starts_with("seconds: "),
        "{body}"
    );
    let (status, body) = put(json!({"mode": "real", "speed": 600})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["mode"], json!("real"));
    assert_eq!(body["speed"], json!(600));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_the_engine_cannot_price_is_an_error_not_a_bill_of_zero() {
    let (base, sandbox) = serve(manual()).await;
    let client = connect_tests::http_client();
    let api = sandbox.connect("t").unwrap();
    let (user, session) = charging_user(&api).await;
    // Left charging for two years: longer than the engine prices a session.
    advance(&client, &base, "t", YEAR).await;
    advance(&client, &base, "t", YEAR).await;
    api.stop_charging(&user, &session).await.unwrap();
    let refusal = api.deliver_cdr(&session).unwrap_err();
    assert_eq!(refusal.status, 500);
    assert!(
        refusal
            .details
            .as_deref()
            .unwrap()
            .contains("cannot price this session"),
        "{refusal:?}"
    );
    let path = format!("/api/v1/users/{user}/charging-sessions/{session}/");
    let (status, body) = get(&client, &base, "t", &path).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    let (_, invoices) = get(
        &client,
        &base,
        "t",
        &format!("/api/v1/users/{user}/invoices/"),
    )
    .await;
    assert_eq!(invoices["count"], json!(0));
}
