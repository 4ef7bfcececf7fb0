//! Starting and stopping over a network that fails: a start is sent exactly once and
//! reconciled by listing the user's sessions after an ambiguous failure; a stop treats
//! `already_stopped` as done, and checks the session after an ambiguous failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use common::{EVSE, Reply, Request, SESSION, Stub, USER, page_json, session_json};
use connect_domain::ids::{SessionId, UserId};
use connect_http::ClientError;
use connect_ports::{Charging, ErrorKind, StartCharging};
use serde_json::{Value, json};

fn user() -> UserId {
    UserId::new(USER)
}

fn start_path() -> String {
    format!("/api/v1/users/{USER}/charging/start/")
}

fn stop_path() -> String {
    format!("/api/v1/users/{USER}/charging/stop/{SESSION}/")
}

fn sessions_path() -> String {
    format!("/api/v1/users/{USER}/charging-sessions/")
}

fn request() -> StartCharging {
    StartCharging::new(EVSE, "pm_1")
}

fn server_error() -> Reply {
    Reply::json(
        500,
        &json!({"detail": "Charging Error", "error": {"type": "unexpected_error", "details": "support code 7f1c"}}),
    )
}

/// A user's sessions as the API lists them: an old finished one elsewhere, and the new one
/// when the start was applied.
fn sessions(started: bool) -> Value {
    let mut items = vec![session_json(
        "old-session",
        "DE*ABC*E1*1",
        false,
        Some("3.000"),
        true,
    )];
    if started {
        items.insert(0, session_json(SESSION, EVSE, true, Some("0.000"), false));
    }
    let count = items.len();
    page_json(items, count, None)
}

/// A stub whose start is applied (or not) and then fails with `failure`; the sessions list
/// shows what was applied.
async fn start_stub(applied: bool, failure: Reply) -> Stub {
    Stub::start(move |request: &Request, _| {
        if request.is("POST", &start_path()) {
            failure.clone()
        } else if request.is("GET", &sessions_path()) {
            Reply::json(200, &sessions(applied))
        } else {
            Reply::json(404, &json!({"detail": "Not found."}))
        }
    })
    .await
}

#[tokio::test]
async fn a_start_applied_then_answered_500_returns_the_session_found_by_listing() {
    let stub = start_stub(true, server_error()).await;
    let session = stub
        .client()
        .start_charging(&user(), request())
        .await
        .unwrap();
    assert_eq!(session.id, SessionId::new(SESSION));
    assert!(session.is_active);
    assert_eq!(stub.count("POST", &start_path()), 1);
    assert_eq!(stub.count("GET", &sessions_path()), 1);
}

#[tokio::test]
async fn a_start_applied_then_its_connection_dropped_returns_the_session_found_by_listing() {
    let stub = start_stub(true, Reply::Drop).await;
    let session = stub
        .client()
        .start_charging(&user(), request())
        .await
        .unwrap();
    assert_eq!(session.evse_id, EVSE);
    assert_eq!(stub.count("POST", &start_path()), 1);
}

#[tokio::test]
async fn a_start_that_was_not_applied_is_not_started_with_the_original_failure() {
    for failure in [
        server_error(),
        Reply::Drop,
        Reply::empty(502),
        Reply::empty(503),
    ] {
        let stub = start_stub(false, failure.clone()).await;
        let error = stub
            .client()
            .start_charging(&user(), request())
            .await
            .unwrap_err();
        let ClientError::NotStarted { evse_id, source } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(&**evse_id, EVSE);
        assert!(
            matches!(
                **source,
                ClientError::Api { .. } | ClientError::Transport { .. }
            ),
            "{source:?}"
        );
        assert!(error.is_retryable());
        assert!(std::error::Error::source(&error).is_some());
        assert_eq!(stub.count("POST", &start_path()), 1, "{failure:?}");
    }
    let stub = start_stub(false, server_error()).await;
    let error = stub
        .client()
        .start_charging(&user(), request())
        .await
        .unwrap_err();
    let ClientError::NotStarted { source, .. } = error else {
        panic!()
    };
    assert_eq!(source.status(), Some(500));
    assert_eq!(
        source.api_error().unwrap().details.as_deref(),
        Some("support code 7f1c")
    );
}

#[tokio::test]
async fn a_start_that_timed_out_and_lands_later_is_found_within_the_window() {
    // The API takes 600 ms to start the session; the client gives up after 200 ms and looks
    // for it until it appears.
    let applied = Arc::new(AtomicBool::new(false));
    let flag = applied.clone();
    let stub = Stub::start(move |request: &Request, _| {
        if request.is("POST", &start_path()) {
            let flag = flag.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(600));
                flag.store(true, Ordering::SeqCst);
            });
            Reply::json(201, &session_json(SESSION, EVSE, true, None, false))
                .after(Duration::from_millis(700))
        } else {
            Reply::json(200, &sessions(flag.load(Ordering::SeqCst)))
        }
    })
    .await;
    let client = stub
        .builder()
        .attempt_timeout(Duration::from_millis(200))
        .reconcile_window(Duration::from_secs(3))
        .build()
        .unwrap();
    let session = client.start_charging(&user(), request()).await.unwrap();
    assert_eq!(session.id, SessionId::new(SESSION));
    assert!(applied.load(Ordering::SeqCst));
    assert_eq!(stub.count("POST", &start_path()), 1);
    assert!(stub.count("GET", &sessions_path()) >= 2);
}

#[tokio::test]
async fn a_start_that_timed_out_and_never_lands_is_not_started_after_the_window() {
    let stub = start_stub(
        false,
        Reply::json(201, &json!({})).after(Duration::from_secs(5)),
    )
    .await;
    let client = stub
        .builder()
        .attempt_timeout(Duration::from_millis(100))
        .reconcile_window(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = client.start_charging(&user(), request()).await.unwrap_err();
    let ClientError::NotStarted { source, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(matches!(**source, ClientError::Timeout { sent: true, .. }));
    assert_eq!(stub.count("POST", &start_path()), 1);
}

#[tokio::test]
async fn a_refused_start_is_returned_as_it_is_without_listing() {
    for (status, kind) in [
        (409, "already_charging"),
        (402, "payment_error"),
        (424, "charging_provider_error"),
        (429, "unexpected_error"),
    ] {
        let stub = start_stub(
            true,
            Reply::json(
                status,
                &json!({"detail": "Charging Error", "error": {"type": kind, "details": "d"}}),
            ),
        )
        .await;
        let error = stub
            .client()
            .start_charging(&user(), request())
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.kind().map(ToString::to_string).as_deref(), Some(kind));
        assert_eq!(stub.count("POST", &start_path()), 1);
        assert_eq!(stub.count("GET", &sessions_path()), 0);
    }
}

#[tokio::test]
async fn when_the_sessions_cannot_be_listed_the_start_answers_its_own_failure() {
    let stub = Stub::start(|request: &Request, _| {
        if request.is("POST", &start_path()) {
            server_error()
        } else {
            Reply::json(
                403,
                &json!({"detail": "Authentication credentials were not provided."}),
            )
        }
    })
    .await;
    let error = stub
        .client()
        .start_charging(&user(), request())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(500));
}

#[tokio::test]
async fn reconciliation_reads_every_page_for_the_active_session() {
    let stub = Stub::start(|request: &Request, _| {
        if request.is("POST", &start_path()) {
            return Reply::Drop;
        }
        let page: usize = request.param("page").unwrap().parse().unwrap();
        let size: usize = request.param("page_size").unwrap().parse().unwrap();
        assert_eq!(size, 2);
        let items: Vec<Value> = (0..2)
            .map(|n| {
                let index = (page - 1) * 2 + n;
                if index == 4 {
                    session_json(SESSION, EVSE, true, None, false)
                } else {
                    session_json(&format!("s{index}"), EVSE, false, Some("1.000"), true)
                }
            })
            .collect();
        Reply::json(
            200,
            &page_json(items, 6, (page < 3).then_some("http://x/?page=n")),
        )
    })
    .await;
    let client = stub.builder().page_size(2).build().unwrap();
    let session = client.start_charging(&user(), request()).await.unwrap();
    assert_eq!(session.id, SessionId::new(SESSION));
    assert_eq!(stub.count("GET", &sessions_path()), 3);
}

#[tokio::test]
async fn stopping_answers_204_or_already_stopped_as_done() {
    let stub = Stub::start(|request: &Request, index| {
        assert!(request.is("POST", &stop_path()));
        if index == 0 {
            Reply::empty(204)
        } else {
            Reply::json(
                409,
                &json!({"detail": "Charging Error", "error": {"type": "already_stopped", "details": "stopped"}}),
            )
        }
    })
    .await;
    let client = stub.client();
    client
        .stop_charging(&user(), &SessionId::new(SESSION))
        .await
        .unwrap();
    client
        .stop_charging(&user(), &SessionId::new(SESSION))
        .await
        .unwrap();
    assert_eq!(stub.count("POST", &stop_path()), 2);
}

#[tokio::test]
async fn an_ambiguous_stop_of_a_session_that_stopped_is_done_after_one_look() {
    let stub = Stub::start(|request: &Request, _| {
        if request.is("POST", &stop_path()) {
            server_error()
        } else {
            Reply::json(
                200,
                &session_json(SESSION, EVSE, false, Some("4.000"), false),
            )
        }
    })
    .await;
    stub.client()
        .stop_charging(&user(), &SessionId::new(SESSION))
        .await
        .unwrap();
    assert_eq!(stub.count("POST", &stop_path()), 1);
    assert_eq!(
        stub.count("GET", &format!("{}{SESSION}/", sessions_path())),
        1
    );
}

#[tokio::test]
async fn an_ambiguous_stop_of_a_session_still_active_is_sent_again() {
    let stops = Arc::new(AtomicUsize::new(0));
    let counter = stops.clone();
    let stub = Stub::start(move |request: &Request, _| {
        if request.is("POST", &stop_path()) {
            if counter.fetch_add(1, Ordering::SeqCst) == 0 {
                Reply::Drop
            } else {
                Reply::empty(204)
            }
        } else {
            Reply::json(
                200,
                &session_json(SESSION, EVSE, true, Some("4.000"), false),
            )
        }
    })
    .await;
    stub.client()
        .stop_charging(&user(), &SessionId::new(SESSION))
        .await
        .unwrap();
    assert_eq!(stops.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_stop_that_keeps_failing_gives_up_within_the_policy() {
    let stub = Stub::start(|request: &Request, _| {
        if request.is("POST", &stop_path()) {
            Reply::empty(503)
        } else {
            Reply::json(200, &session_json(SESSION, EVSE, true, None, false))
        }
    })
    .await;
    let error = stub
        .client()
        .stop_charging(&user(), &SessionId::new(SESSION))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(stub.count("POST", &stop_path()), 4);
}

#[tokio::test]
async fn a_stop_refused_otherwise_is_an_error() {
    let stub = Stub::start(|_, _| {
        Reply::json(
            424,
            &json!({"detail": "Charging Error", "error": {"type": "charging_provider_error", "details": "no"}}),
        )
    })
    .await;
    let error = stub
        .client()
        .stop_charging(&user(), &SessionId::new(SESSION))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), Some(&ErrorKind::ChargingProviderError));
    assert_eq!(stub.requests().len(), 1);
}
