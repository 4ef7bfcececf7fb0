//! Timeouts and retries: what is retried (GET, PUT, PATCH, DELETE and the set-default POST
//! on connection failures, timeouts, 429, 502, 503, 504), what is not (500, 4xx, any other
//! POST once sent), `Retry-After`, and the bounds (attempts, elapsed time).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use common::{Reply, Stub, USER, user_json};
use connect_domain::account::{NewUser, UserPatch};
use connect_domain::ids::UserId;
use connect_http::{ClientError, RetryPolicy};
use connect_ports::{Billing, ErrorKind, Payments, Users};
use serde_json::json;

fn user() -> UserId {
    UserId::new(USER)
}

fn unavailable() -> Reply {
    Reply::json(
        503,
        &json!({"detail": "Injected fault: Service Unavailable",
                "error": {"type": "unexpected_error", "details": "Injected by the sandbox's fault control."}}),
    )
}

/// Fails the first `failures` requests with `failure`, then answers the user.
fn flaky(failures: usize, failure: Reply) -> impl Fn(&common::Request, usize) -> Reply {
    move |_, index| {
        if index < failures {
            failure.clone()
        } else {
            Reply::json(200, &user_json(USER))
        }
    }
}

#[tokio::test]
async fn a_503_with_retry_after_is_waited_out_then_retried() {
    let stub = Stub::start(flaky(1, unavailable().with_header("Retry-After", "1"))).await;
    let started = Instant::now();
    let got = stub.client().get_user(&user()).await.unwrap();
    assert_eq!(got.id, user());
    assert_eq!(stub.requests().len(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // The same request id on both attempts: one call.
    let ids: Vec<_> = stub
        .requests()
        .iter()
        .map(|r| r.header("x-request-id").unwrap().to_owned())
        .collect();
    assert_eq!(ids[0], ids[1]);
}

#[tokio::test]
async fn retry_after_is_cut_to_what_is_left_of_the_time_budget() {
    let stub = Stub::start(flaky(1, unavailable().with_header("Retry-After", "3600"))).await;
    let client = stub
        .builder()
        .retry(RetryPolicy {
            max_elapsed: Duration::from_millis(300),
            ..common::quick_retries()
        })
        .build()
        .unwrap();
    let started = Instant::now();
    client.get_user(&user()).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(stub.requests().len(), 2);
}

#[tokio::test]
async fn gateway_errors_429_and_lost_connections_are_retried_on_reads() {
    for failure in [
        Reply::text(502, "<html>Bad Gateway</html>"),
        Reply::empty(504),
        Reply::json(429, &json!({"detail": "Slow down"})),
        Reply::Drop,
    ] {
        let stub = Stub::start(flaky(2, failure.clone())).await;
        stub.client().get_user(&user()).await.unwrap();
        assert_eq!(stub.requests().len(), 3, "{failure:?}");
    }
}

#[tokio::test]
async fn a_500_on_a_read_is_not_retried() {
    let stub = Stub::start(flaky(
        1,
        Reply::json(
            500,
            &json!({"detail": "x", "error": {"type": "unexpected_error", "details": "code 42"}}),
        ),
    ))
    .await;
    let error = stub.client().get_user(&user()).await.unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.kind(), Some(&ErrorKind::Unexpected));
    assert!(!error.is_retryable());
    assert_eq!(stub.requests().len(), 1);
}

#[tokio::test]
async fn a_client_error_is_not_retried() {
    let stub = Stub::start(flaky(1, Reply::json(404, &json!({"detail": "Not found."})))).await;
    let error = stub.client().get_user(&user()).await.unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(stub.requests().len(), 1);
}

#[tokio::test]
async fn an_attempt_that_outlasts_its_timeout_is_retried_and_then_a_timeout_error() {
    let slow = Reply::json(200, &user_json(USER)).after(Duration::from_millis(600));
    let stub = Stub::start(flaky(1, slow.clone())).await;
    let client = stub
        .builder()
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    client.get_user(&user()).await.unwrap();
    assert_eq!(stub.requests().len(), 2);

    let always_slow = Stub::start(move |_, _| slow.clone()).await;
    let client = always_slow
        .builder()
        .attempt_timeout(Duration::from_millis(100))
        .retry(RetryPolicy {
            max_attempts: 3,
            ..common::quick_retries()
        })
        .build()
        .unwrap();
    let error = client.get_user(&user()).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Timeout { sent: true, after, .. } if after == Duration::from_millis(100)),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(always_slow.requests().len(), 3);
    // The underlying failure stays reachable.
    let source = std::error::Error::source(&error).expect("a timeout keeps its source");
    assert!(
        source
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout),
        "{source:?}"
    );
}

#[tokio::test]
async fn a_lost_connection_keeps_the_underlying_error_as_its_source() {
    let stub = Stub::start(|_, _| Reply::Drop).await;
    let client = stub.builder().retry(RetryPolicy::none()).build().unwrap();
    let error = client.get_user(&user()).await.unwrap_err();
    assert!(matches!(error, ClientError::Transport { sent: true, .. }));
    let source = std::error::Error::source(&error).unwrap();
    assert!(
        source.downcast_ref::<reqwest::Error>().is_some(),
        "{source:?}"
    );
    // reqwest's own chain (hyper, io) continues below it.
    assert!(source.source().is_some());
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit_and_at_the_time_budget() {
    let stub = Stub::start(|_, _| unavailable()).await;
    let error = stub.client().get_user(&user()).await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert!(error.is_retryable());
    assert_eq!(stub.requests().len(), 4);

    let stub = Stub::start(|_, _| unavailable().after(Duration::from_millis(150))).await;
    let client = stub
        .builder()
        .retry(RetryPolicy {
            max_attempts: 100,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
            max_elapsed: Duration::from_millis(400),
        })
        .build()
        .unwrap();
    let started = Instant::now();
    client.get_user(&user()).await.unwrap_err();
    let attempts = stub.requests().len();
    assert!((2..=5).contains(&attempts), "{attempts}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn put_patch_and_delete_are_retried_too() {
    let stub = Stub::start(|request, index| {
        if index % 2 == 0 {
            return unavailable();
        }
        match request.method.as_str() {
            "DELETE" => Reply::empty(204),
            "PUT" => Reply::Answer(200, Vec::new(), request.body.clone()),
            _ => Reply::json(200, &user_json(USER)),
        }
    })
    .await;
    let client = stub.client();
    client
        .update_user(&user(), UserPatch::default())
        .await
        .unwrap();
    client
        .replace_billing_details(&user(), connect_domain::account::BillingDetails::default())
        .await
        .unwrap();
    client.delete_user(&user()).await.unwrap();
    assert_eq!(stub.requests().len(), 6);
}

#[tokio::test]
async fn a_delete_whose_first_attempt_was_applied_is_done_when_the_retry_finds_it_gone() {
    // The first DELETE is applied, then its answer lost; the retry finds nothing left.
    let stub = Stub::start(|_, index| {
        if index == 0 {
            Reply::Drop
        } else {
            Reply::json(404, &json!({"detail": "Not found."}))
        }
    })
    .await;
    stub.client().delete_user(&user()).await.unwrap();
    assert_eq!(stub.requests().len(), 2);

    // A 404 at once is an error.
    let stub = Stub::start(|_, _| Reply::json(404, &json!({"detail": "Not found."}))).await;
    assert!(
        stub.client()
            .delete_user(&user())
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn a_post_that_creates_is_sent_once_whatever_the_failure() {
    for failure in [unavailable(), Reply::Drop, Reply::empty(502)] {
        let stub = Stub::start(flaky(1, failure.clone())).await;
        let error = stub
            .client()
            .create_user(NewUser::default())
            .await
            .unwrap_err();
        assert_eq!(stub.requests().len(), 1, "{failure:?}");
        assert!(error.is_retryable(), "{error}");
    }
}

#[tokio::test]
async fn setting_the_default_payment_method_is_idempotent_and_retried() {
    let stub = Stub::start(|_, index| {
        if index == 0 {
            unavailable()
        } else {
            Reply::empty(204)
        }
    })
    .await;
    stub.client()
        .set_default_payment_method(&user(), &"pm_1".into())
        .await
        .unwrap();
    assert_eq!(stub.requests().len(), 2);
}

#[tokio::test]
async fn a_connection_that_cannot_be_opened_sent_nothing_and_is_retried_even_for_a_post() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = connect_http::ConnectClient::builder(
        connect_http::ApiToken::new(common::TOKEN).unwrap(),
        connect_http::Environment::custom(format!("http://{address}")).unwrap(),
    )
    .retry(RetryPolicy {
        max_attempts: 2,
        ..common::quick_retries()
    })
    .build()
    .unwrap();
    let error = client.create_user(NewUser::default()).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Transport { sent: false, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("nothing was sent"), "{error}");
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn the_answers_request_id_is_kept_on_the_error() {
    let stub = Stub::start(|_, _| {
        Reply::json(404, &json!({"detail": "Not found."})).with_header("x-request-id", "srv-123")
    })
    .await;
    let error = stub.client().get_user(&user()).await.unwrap_err();
    assert_eq!(error.request_id(), Some("srv-123"));
    assert!(
        error.to_string().ends_with("[request id srv-123]"),
        "{error}"
    );

    let stub = Stub::start(|_, _| Reply::json(404, &json!({"detail": "Not found."}))).await;
    let error = stub.client().get_user(&user()).await.unwrap_err();
    let sent = stub.requests()[0]
        .header("x-request-id")
        .unwrap()
        .to_owned();
    assert_eq!(error.request_id(), Some(sent.as_str()));
}

#[tokio::test]
async fn retry_after_on_a_429_is_kept_for_the_caller() {
    let stub = Stub::start(|_, _| {
        Reply::json(429, &json!({"detail": "Slow down"})).with_header("Retry-After", "0")
    })
    .await;
    let client = stub.builder().retry(RetryPolicy::none()).build().unwrap();
    let error = client.get_user(&user()).await.unwrap_err();
    assert!(matches!(
        error,
        ClientError::Api { retry_after: Some(d), .. } if d == Duration::ZERO
    ));
    assert_eq!(stub.requests().len(), 1);
}
