//! The sandbox's fault control, as a client sees it: injected statuses (with Retry-After),
//! delays, and connections dropped after the request was applied.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{EvseList, Sandbox, SandboxConfig};
use connect_server::AppState;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

async fn serve() -> String {
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    let sandbox = Sandbox::new(
        SandboxConfig::default(),
        clock.clone(),
        Arc::new(EvseList::default()),
    );
    connect_server::spawn_on_loopback(AppState::new(sandbox))
        .await
        .unwrap()
}

async fn arm(client: &Client, base: &str, token: &str, fault: Value) -> StatusCode {
    client
        .post(format!("{base}/_sandbox/faults"))
        .bearer_auth(token)
        .json(&fault)
        .send()
        .await
        .unwrap()
        .status()
}

async fn count_users(client: &Client, base: &str, token: &str) -> u64 {
    let page: Value = client
        .get(format!("{base}/api/v1/users/"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    page["count"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_injected_503_hits_the_next_n_requests_with_retry_after_then_stops() {
    let (base, client) = (serve().await, connect_tests::http_client());
    let status = arm(
        &client,
        &base,
        "t",
        json!({"method": "GET", "path": "/api/v1/users/",
        "times": 2, "status": 503, "retry_after_seconds": 3}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    for _ in 0..2 {
        let response = client
            .get(format!("{base}/api/v1/users/"))
            .bearer_auth("t")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()["retry-after"], "3");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["type"], "unexpected_error");
    }
    let response = client
        .get(format!("{base}/api/v1/users/"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // Another token was never affected.
    let fault = arm(
        &client,
        &base,
        "t",
        json!({"path": "/api/v1/users/*", "status": 500}),
    )
    .await;
    assert_eq!(fault, StatusCode::CREATED);
    let other = client
        .get(format!("{base}/api/v1/users/"))
        .bearer_auth("u")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_loses_the_answer_but_the_change_is_applied() {
    let (base, client) = (serve().await, connect_tests::http_client());
    arm(
        &client,
        &base,
        "t",
        json!({"method": "POST", "path": "/api/v1/users/", "drop_connection": true}),
    )
    .await;
    let outcome = async {
        let response = client
            .post(format!("{base}/api/v1/users/"))
            .bearer_auth("t")
            .json(&json!({"email": "lost@example.com"}))
            .send()
            .await?;
        response.text().await
    }
    .await;
    assert!(
        outcome.is_err(),
        "the client must see a transport failure, got {outcome:?}"
    );
    assert_eq!(
        count_users(&client, &base, "t").await,
        1,
        "the user was created all the same"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delay_holds_the_answer_back() {
    let (base, client) = (serve().await, connect_tests::http_client());
    arm(
        &client,
        &base,
        "t",
        json!({"path": "/api/v1/users/", "delay_ms": 300}),
    )
    .await;
    let started = Instant::now();
    let response = client
        .get(format!("{base}/api/v1/users/"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_answer_comes_after_the_change_so_a_client_that_gives_up_misses_it() {
    let (base, client) = (serve().await, connect_tests::http_client());
    arm(
        &client,
        &base,
        "t",
        json!({"method": "POST", "path": "/api/v1/users/", "answer_delay_ms": 2000}),
    )
    .await;
    let gave_up = client
        .post(format!("{base}/api/v1/users/"))
        .bearer_auth("t")
        .timeout(Duration::from_millis(200))
        .json(&json!({"email": "late@example.com"}))
        .send()
        .await;
    assert!(gave_up.is_err_and(|error| error.is_timeout()));
    assert_eq!(
        count_users(&client, &base, "t").await,
        1,
        "the user was created before the answer was held back"
    );
    // A status answers without handling: it cannot come late.
    assert_eq!(
        arm(
            &client,
            &base,
            "t",
            json!({"path": "/api/v1/users/", "status": 503, "answer_delay_ms": 10}),
        )
        .await,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fault_without_an_effect_or_with_a_bad_status_is_refused() {
    let (base, client) = (serve().await, connect_tests::http_client());
    assert_eq!(
        arm(&client, &base, "t", json!({"path": "/api/v1/users/"})).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        arm(&client, &base, "t", json!({"path": "/x", "status": 200})).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        arm(&client, &base, "t", json!({"path": "x", "status": 500})).await,
        StatusCode::BAD_REQUEST
    );
}
