//! What the client reads is bounded: an answer's body over the configured cap is a typed
//! error, whether or not the answer announced its length.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Reply, Stub, USER, page_json, user_json};
use connect_domain::ids::UserId;
use connect_http::{ClientError, ConfigError, RetryPolicy};
use connect_ports::{UserQuery, Users};
use serde_json::Value;

/// A page of `n` users: about 130 bytes each.
fn users(n: usize) -> String {
    let items: Vec<Value> = (0..n).map(|i| user_json(&format!("user-{i}"))).collect();
    page_json(items, n, None).to_string()
}

#[tokio::test]
async fn a_body_over_the_cap_is_a_typed_error_announced_or_not() {
    let body = users(40);
    assert!(body.len() > 4096);
    for announced in [true, false] {
        let answer = if announced {
            Reply::text(200, &body)
        } else {
            Reply::Unframed(200, body.clone())
        };
        let stub = Stub::start(move |_, _| answer.clone()).await;
        let client = stub
            .builder()
            .retry(RetryPolicy::none())
            .max_body_bytes(4096)
            .build()
            .unwrap();
        let error = client.list_users(UserQuery::default()).await.unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::BodyTooLarge {
                    limit: 4096,
                    status: 200,
                    ..
                }
            ),
            "announced {announced}: {error:?}"
        );
        assert!(!error.is_retryable());
        assert!(error.to_string().contains("4096 bytes"), "{error}");
    }
}

#[tokio::test]
async fn a_body_within_the_cap_is_read_whole() {
    let body = users(40);
    let size = body.len();
    for answer in [Reply::text(200, &body), Reply::Unframed(200, body.clone())] {
        let stub = Stub::start(move |_, _| answer.clone()).await;
        let client = stub.builder().max_body_bytes(size).build().unwrap();
        let page = client.list_users(UserQuery::default()).await.unwrap();
        assert_eq!(page.items.len(), 40);
    }
}

#[tokio::test]
async fn an_oversized_error_answer_keeps_its_status() {
    let html = format!("<html>{}</html>", "Service Unavailable ".repeat(500));
    let stub = Stub::start(move |_, _| Reply::Unframed(503, html.clone())).await;
    let client = stub
        .builder()
        .retry(RetryPolicy::none())
        .max_body_bytes(1024)
        .build()
        .unwrap();
    let error = client.get_user(&UserId::new(USER)).await.unwrap_err();
    assert_eq!(error.status(), Some(503), "{error:?}");
    assert!(error.is_retryable());
    assert!(
        error
            .api_error()
            .unwrap()
            .detail
            .starts_with("<html>Service")
    );
}

#[test]
fn a_zero_cap_is_refused() {
    let error = connect_http::ConnectClient::builder(
        connect_http::ApiToken::new("t").unwrap(),
        connect_http::Environment::Production,
    )
    .max_body_bytes(0)
    .build()
    .unwrap_err();
    assert!(
        matches!(
            error,
            ConfigError::InvalidSetting {
                setting: "max_body_bytes",
                ..
            }
        ),
        "{error}"
    );
}
