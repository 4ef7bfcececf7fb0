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
use connect_http::{ClientError, ReconcilePolicy};
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
async fn a_start_the_api_answered_without_applying_is_not_started_with_the_original_failure() {
    // A 500 or 503 answer: the API is done with the request, so one listing settles it.
    for failure in [server_error(), Reply::empty(503)] {
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
        assert!(matches!(**source, ClientError::Api { .. }), "{source:?}");
        assert!(error.is_retryable());
        assert!(std::error::Error::source(&error).is_some());
        assert_eq!(stub.count("POST", &start_path()), 1, "{failure:?}");
        assert_eq!(stub.count("GET", &sessions_path()), 1, "{failure:?}");
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
async fn a_start_whose_fate_stays_unknown_is_start_outcome_unknown_and_not_retryable() {
    // A lost connection or a gateway's 502: the API may still be starting the session, and
    // the listings within the window never show it.
    for failure in [Reply::Drop, Reply::empty(502)] {
        let stub = start_stub(false, failure.clone()).await;
        let client = stub
            .builder()
            .reconcile(ReconcilePolicy {
                max_attempts: 3,
                window: Duration::from_secs(5),
                interval: Duration::from_millis(10),
                ..ReconcilePolicy::default()
            })
            .build()
            .unwrap();
        let error = client.start_charging(&user(), request()).await.unwrap_err();
        let ClientError::StartOutcomeUnknown { evse_id, source } = &error else {
            panic!("{failure:?}: {error:?}");
        };
        assert_eq!(&**evse_id, EVSE);
        assert!(
            matches!(
                **source,
                ClientError::Api { .. } | ClientError::Transport { .. }
            ),
            "{source:?}"
        );
        assert!(!error.is_retryable(), "starting again could charge twice");
        assert_eq!(stub.count("POST", &start_path()), 1);
        // Bounded by the attempts.
        assert_eq!(stub.count("GET", &sessions_path()), 3, "{failure:?}");
    }
}

#[tokio::test]
async fn a_session_list_that_cannot_be_read_is_retried_then_the_outcome_is_unknown() {
    // The session list fails twice (a 500 on a read is not retried by the transport), then
    // shows the session.
    let lists = Arc::new(AtomicUsize::new(0));
    let seen = lists.clone();
    let stub = Stub::start(move |request: &Request, _| {
        // The start, and the first two listings, fail.
        if request.is("POST", &start_path()) || seen.fetch_add(1, Ordering::SeqCst) < 2 {
            server_error()
        } else {
            Reply::json(200, &sessions(true))
        }
    })
    .await;
    let session = stub
        .client()
        .start_charging(&user(), request())
        .await
        .unwrap();
    assert_eq!(session.id, SessionId::new(SESSION));
    assert_eq!(lists.load(Ordering::SeqCst), 3);

    // A list that never answers leaves the outcome unknown (not the start's own,
    // retryable, 500).
    let stub = Stub::start(|request: &Request, _| {
        if request.is("POST", &start_path()) {
            server_error()
        } else {
            Reply::json(403, &json!({"detail": "Forbidden."}))
        }
    })
    .await;
    let started = std::time::Instant::now();
    let error = stub
        .client()
        .start_charging(&user(), request())
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::StartOutcomeUnknown { .. }),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    // Bounded by the window (1 s).
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn the_session_is_matched_by_evse_and_by_starting_after_the_request() {
    // Sessions on the EVSE: one started two hours before the request (still active), and
    // the one the request started, already stopped (say the car refused to charge).
    let earlier = {
        let mut session = session_json("earlier", EVSE, true, Some("9.000"), false);
        session["start_time"] = json!("2026-04-02T11:51:00Z");
        session
    };
    let ours = session_json(SESSION, EVSE, false, Some("0.000"), false);
    let stub = Stub::start(move |request: &Request, _| {
        if request.is("POST", &start_path()) {
            server_error()
        } else {
            Reply::json(
                200,
                &page_json(vec![earlier.clone(), ours.clone()], 2, None),
            )
        }
    })
    .await;
    let session = stub
        .client()
        .start_charging(&user(), request())
        .await
        .unwrap();
    assert_eq!(session.id, SessionId::new(SESSION));
}

#[tokio::test]
async fn the_apis_clock_may_run_behind_by_the_allowed_skew() {
    // The session started 18 s after the request by the client's clock; a client whose
    // clock runs 60 s ahead of the API's sees it start 42 s before the request.
    let ahead = common::sent_at() + chrono::Duration::seconds(60);
    for (skew, found) in [
        (Duration::from_secs(50), true),
        (Duration::from_secs(30), false),
    ] {
        let stub = start_stub(true, server_error()).await;
        let client = stub
            .builder()
            .clock(Arc::new(common::FixedClock(ahead)))
            .reconcile(ReconcilePolicy {
                clock_skew: skew,
                ..common::quick_reconciliation()
            })
            .build()
            .unwrap();
        let answer = client.start_charging(&user(), request()).await;
        assert_eq!(answer.is_ok(), found, "skew {skew:?}: {answer:?}");
        if !found {
            assert!(matches!(answer, Err(ClientError::NotStarted { .. })));
        }
    }
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
        .reconcile(ReconcilePolicy {
            window: Duration::from_secs(3),
            ..common::quick_reconciliation()
        })
        .build()
        .unwrap();
    let session = client.start_charging(&user(), request()).await.unwrap();
    assert_eq!(session.id, SessionId::new(SESSION));
    assert!(applied.load(Ordering::SeqCst));
    assert_eq!(stub.count("POST", &start_path()), 1);
    assert!(stub.count("GET", &sessions_path()) >= 2);
}

#[tokio::test]
async fn a_start_that_timed_out_and_never_lands_is_unknown_after_the_window() {
    let stub = start_stub(
        false,
        Reply::json(201, &json!({})).after(Duration::from_secs(5)),
    )
    .await;
    let client = stub
        .builder()
        .attempt_timeout(Duration::from_millis(100))
        .reconcile(ReconcilePolicy {
            window: Duration::from_millis(300),
            ..common::quick_reconciliation()
        })
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = client.start_charging(&user(), request()).await.unwrap_err();
    let ClientError::StartOutcomeUnknown { source, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(matches!(**source, ClientError::Timeout { sent: true, .. }));
    assert!(!error.is_retryable());
    assert_eq!(stub.count("POST", &start_path()), 1);
    assert!(stub.count("GET", &sessions_path()) >= 2);
    assert!(started.elapsed() < Duration::from_secs(2));
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
async fn reconciliation_reads_every_page_for_the_session_it_started() {
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
                    // Earlier sessions on the same EVSE, the day before.
                    let mut earlier =
                        session_json(&format!("s{index}"), EVSE, false, Some("1.000"), true);
                    earlier["start_time"] = json!("2026-04-01T10:00:00Z");
                    earlier
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
