#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The API token travels in the `Authorization` header and nowhere else: `connect journey
//! --env development` played against a local stand-in of the development environment (the
//! sandbox served in this process, behind a proxy that records every request and checks it
//! against the OpenAPI document), offline, with the test playing the partner's frontend.

use std::process::Stdio;
use std::time::Duration;

use connect_openapi::CheckingProxy;
use connect_server::{EmbeddedOptions, EmbeddedSandbox, SandboxClock};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;

const CONNECT: &str = env!("CARGO_BIN_EXE_connect");
const SECRET: &str = "journey-secret-token-0123456789";

/// What one run of the binary printed, and whether it succeeded.
struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

/// Runs `connect journey --env development` against `stand_in` with `extra` arguments,
/// confirming the setup intent it asks for in `sandbox` (as the partner's frontend would).
async fn journey(sandbox: &EmbeddedSandbox, stand_in: &CheckingProxy, extra: &[&str]) -> Run {
    let mut child = Command::new(CONNECT)
        .args(["journey", "--env", "development", "--base-url"])
        .arg(stand_in.base_url())
        .args(["--kwh", "1", "--wait-seconds", "60"])
        .args(extra)
        .env("CARIQA_API_TOKEN", SECRET)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut errors = child.stderr.take().unwrap();
    let stderr = tokio::spawn(async move {
        let mut text = String::new();
        errors.read_to_string(&mut text).await.unwrap();
        text
    });
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = String::new();
    let mut confirm_next = false;
    let reading = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if confirm_next {
                let tenant = sandbox.connect(SECRET).unwrap();
                tenant
                    .confirm_setup_intent(line.trim(), "4242424242424242")
                    .unwrap();
            }
            confirm_next = line.contains("Confirm this setup intent");
            stdout.push_str(&line);
            stdout.push('\n');
        }
    };
    tokio::time::timeout(Duration::from_secs(120), reading)
        .await
        .expect("the journey ends within two minutes");
    let status = child.wait().await.unwrap();
    Run {
        success: status.success(),
        stdout,
        stderr: stderr.await.unwrap(),
    }
}

/// Every request carried the token as `Authorization: Bearer …`, and nowhere else.
fn assert_only_in_the_authorization_header(stand_in: &CheckingProxy) {
    let exchanges = stand_in.exchanges();
    assert!(!exchanges.is_empty(), "the journey reached the stand-in");
    for exchange in &exchanges {
        assert!(!exchange.target.contains(SECRET), "{}", exchange.target);
        let mut authorization = Vec::new();
        for (name, value) in &exchange.request_headers {
            if name == "authorization" {
                authorization.push(value.as_str());
            } else {
                assert!(!value.contains(SECRET), "the token in {name}: {value}");
            }
        }
        assert_eq!(
            authorization,
            [format!("Bearer {SECRET}").as_str()],
            "{} {}",
            exchange.method,
            exchange.target
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_never_printed() {
    let sandbox = EmbeddedSandbox::start(
        EmbeddedOptions::default()
            .seed(3)
            .clock(SandboxClock::Fast { speed: 600 }),
    )
    .await
    .unwrap();
    let stand_in = CheckingProxy::start(sandbox.base_url()).await.unwrap();

    // A whole journey: every step printed, none with the token.
    let run = journey(&sandbox, &stand_in, &[]).await;
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("10. Invoice "), "{}", run.stdout);
    assert!(!run.stdout.contains(SECRET), "{}", run.stdout);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
    assert_only_in_the_authorization_header(&stand_in);

    // A journey that ends in the API's error: the message names it, not the token.
    let run = journey(&sandbox, &stand_in, &["--evse", "XX*NOPE*1"]).await;
    assert!(!run.success);
    assert!(run.stderr.contains("404"), "{}", run.stderr);
    assert!(!run.stdout.contains(SECRET), "{}", run.stdout);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
    assert_only_in_the_authorization_header(&stand_in);
}
