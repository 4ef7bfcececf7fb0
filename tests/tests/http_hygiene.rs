//! What a client sends cannot hold the server or put its text into answers: oversized
//! bodies are refused before they are sent, bodies are read by their content type, links
//! come from the public URL, slow or idle connections are closed, connections are capped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{EvseList, Sandbox, SandboxConfig};
use connect_server::{AppState, ServeOptions};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn serve(options: ServeOptions) -> String {
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    let sandbox = Sandbox::new(
        SandboxConfig::default(),
        clock,
        Arc::new(EvseList::default()),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(connect_server::serve_with(
        listener,
        AppState::new(sandbox),
        options,
    ));
    format!("{address}")
}

/// Sends `request` on a fresh connection and answers what the server sent back within a
/// second (empty if nothing).
async fn exchange(address: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = vec![0; 4096];
    let read = tokio::time::timeout(Duration::from_secs(1), stream.read(&mut answer)).await;
    match read {
        Ok(Ok(n)) => String::from_utf8_lossy(&answer[..n]).into_owned(),
        _ => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_a_413_without_100_continue() {
    let address = serve(ServeOptions::default()).await;
    let answer = exchange(
        &address,
        "POST /api/v1/users/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\
         Content-Type: application/json\r\nContent-Length: 10000000\r\n\
         Expect: 100-continue\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(!answer.contains("100 Continue"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunked_body_over_the_limit_is_a_413() {
    let address = serve(ServeOptions::default()).await;
    let text = format!(
        "{{\"email\": \"{}\"}}",
        "a".repeat(connect_server::MAX_BODY_BYTES)
    );
    let request = format!(
        "POST /api/v1/users/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\
         {:x}\r\n{text}\r\n0\r\n\r\n",
        text.len()
    );
    let answer = exchange(&address, &request).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_are_read_by_their_content_type() {
    let base = format!("http://{}", serve(ServeOptions::default()).await);
    let client = connect_tests::http_client();
    let post = |content_type: Option<&'static str>, body: &'static str| {
        let mut request = client
            .post(format!("{base}/api/v1/users/"))
            .bearer_auth("t")
            .body(body);
        if let Some(kind) = content_type {
            request = request.header("content-type", kind);
        }
        request.send()
    };
    let json_as_text = post(Some("text/plain"), r#"{"email": "a@example.com"}"#)
        .await
        .unwrap();
    assert_eq!(json_as_text.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: Value = json_as_text.json().await.unwrap();
    assert!(
        body["detail"].as_str().unwrap().contains("text/plain"),
        "{body}"
    );
    let unstated = post(None, r#"{"email": "a@example.com"}"#).await.unwrap();
    assert_eq!(unstated.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let json = post(
        Some("application/json; charset=utf-8"),
        r#"{"email": "a@example.com"}"#,
    )
    .await
    .unwrap();
    assert_eq!(json.status(), StatusCode::CREATED);
    let form = post(
        Some("application/x-www-form-urlencoded"),
        "email=b%40example.com",
    )
    .await
    .unwrap();
    assert_eq!(form.status(), StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagination_links_come_from_the_public_url_never_from_host() {
    for (options, expected) in [
        (
            ServeOptions::default().public_url("https://sandbox.example.test"),
            "https://sandbox.example.test/api/v1/users/?page_size=1&page=2".to_owned(),
        ),
        (ServeOptions::default(), String::new()),
    ] {
        let address = serve(options).await;
        let expected = if expected.is_empty() {
            format!("http://{address}/api/v1/users/?page_size=1&page=2")
        } else {
            expected
        };
        let base = format!("http://{address}");
        let client = connect_tests::http_client();
        for _ in 0..2 {
            client
                .post(format!("{base}/api/v1/users/"))
                .bearer_auth("t")
                .json(&json!({}))
                .send()
                .await
                .unwrap();
        }
        let page: Value = client
            .get(format!("{base}/api/v1/users/?page_size=1"))
            .bearer_auth("t")
            .header("host", "evil.example")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(page["next"], json!(expected));
    }
}

/// Whether the server closed `stream` (end of file) within `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buffer = vec![0; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
            Err(_) => return false,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_idle_kept_alive_connections_are_closed() {
    let options = ServeOptions::default().header_read_timeout(Duration::from_millis(500));
    let address = serve(options).await;
    let mut slow = TcpStream::connect(&address).await.unwrap();
    slow.write_all(b"GET /api/v1/users/ HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    assert!(closed_within(&mut slow, Duration::from_secs(3)).await);

    let mut idle = TcpStream::connect(&address).await.unwrap();
    idle.write_all(b"GET /api/v1/users/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n")
        .await
        .unwrap();
    let mut answer = vec![0; 4096];
    let n = idle.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 200"));
    assert!(closed_within(&mut idle, Duration::from_secs(3)).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    let options = ServeOptions::default().max_connections(2);
    let address = serve(options).await;
    let first = TcpStream::connect(&address).await.unwrap();
    let _second = TcpStream::connect(&address).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let request = "GET /api/v1/users/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n";
    let mut third = TcpStream::connect(&address).await.unwrap();
    third.write_all(request.as_bytes()).await.unwrap();
    let mut answer = vec![0; 4096];
    let waited = tokio::time::timeout(Duration::from_millis(500), third.read(&mut answer)).await;
    assert!(
        waited.is_err(),
        "the third connection was served beside two open ones"
    );
    drop(first);
    let n = tokio::time::timeout(Duration::from_secs(3), third.read(&mut answer))
        .await
        .expect("served once a connection closed")
        .unwrap();
    assert!(String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 200"));
}
