//! A bounded load test of the served sandbox (`cargo xtask bench`, not CI): `LOAD_CLIENTS`
//! clients (32) each run the docs' journey over and over for `LOAD_SECONDS` (60), each as
//! its own tenant: a user, billing details, a card through a setup intent, the station,
//! a start, polls while the tenant's clock advances, the stop, the CDR, the session and its
//! invoice. Every answer must be the one the journey expects (0 errors); the latencies of
//! all requests are reported (p50, p99, max). With `LOAD_DATA=1` the sandbox keeps its
//! tenants in SQLite (as `--data`) in a scratch directory.
//!
//! Then memory: the process's resident set before and after making `MEMORY_TENANTS` tenants
//! (a user with billing details and a card each) and `MEMORY_SESSIONS` billed sessions, in
//! process (no HTTP), reported per tenant and per session.
//!
//! `cargo bench -p connect-tests --bench load`

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Duration as Span;
use connect_domain::account::{BillingDetails, NewUser};
use connect_domain::payment::SetupKind;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::store::sqlite::Database;
use connect_ports::{Billing, Charging, Payments, StartCharging, Users};
use connect_server::AppState;
use connect_tests::contract::fixtures;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const WORMS: &str = "DE*CIQ*EELDF6XWZU41P*2";
const MEMORY_TENANTS: usize = 2_000;
const MEMORY_SESSIONS: usize = 2_000;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(load());
    memory();
}

fn sandbox(durable: bool) -> Sandbox {
    let clock = Arc::new(ManualClock::new(fixtures::start_instant()));
    let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock, fixtures::stations());
    if !durable {
        return sandbox;
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    sandbox.with_store(Arc::new(Database::open(&dir).unwrap()))
}

async fn load() {
    let clients = setting("LOAD_CLIENTS", 32) as usize;
    let seconds = setting("LOAD_SECONDS", 60);
    let durable = setting("LOAD_DATA", 0) == 1;
    let base = connect_server::spawn_on_loopback(AppState::new(sandbox(durable)))
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let workers: Vec<_> = (0..clients)
        .map(|n| {
            let base = base.clone();
            tokio::spawn(async move {
                let client = Client {
                    http: connect_tests::http_client(),
                    base,
                    token: format!("load-{n}"),
                    times: Vec::new(),
                    errors: Vec::new(),
                };
                run_journeys(client, deadline).await
            })
        })
        .collect();
    let mut times = Vec::new();
    let mut errors = Vec::new();
    let mut journeys = 0;
    for worker in workers {
        let (client, done) = worker.await.unwrap();
        times.extend(client.times);
        errors.extend(client.errors);
        journeys += done;
    }
    times.sort();
    let storage = if durable { "SQLite (--data)" } else { "memory" };
    println!("load: {clients} clients x {seconds} s of journeys, tenants in {storage}");
    println!(
        "  journeys: {journeys}, requests: {} ({:.0}/s), errors: {}",
        times.len(),
        times.len() as f64 / seconds.max(1) as f64,
        errors.len()
    );
    for error in errors.iter().take(5) {
        println!("  error: {error}");
    }
    if !times.is_empty() {
        println!(
            "  latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target: 0 errors, p99 < 10 ms)",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap())
        );
    }
}

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
    times: Vec<Duration>,
    errors: Vec<String>,
}

impl Client {
    /// One request, timed; an answer other than `expected` is an error (and `None`).
    async fn call(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Value>,
        expected: StatusCode,
    ) -> Option<Value> {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let started = Instant::now();
        let answer = request.send().await;
        let answer = match answer {
            Ok(answer) => answer,
            Err(error) => {
                self.errors.push(format!("{method} {path}: {error}"));
                return None;
            }
        };
        let status = answer.status();
        let bytes = answer.bytes().await.unwrap_or_default();
        self.times.push(started.elapsed());
        if status != expected {
            self.errors.push(format!(
                "{method} {path}: {status}: {}",
                String::from_utf8_lossy(&bytes)
            ));
            return None;
        }
        Some(serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }
}

async fn run_journeys(mut client: Client, deadline: Instant) -> (Client, usize) {
    let mut done = 0;
    while Instant::now() < deadline {
        if journey(&mut client).await.is_none() {
            // Counted in `errors`; go on with a fresh journey.
            continue;
        }
        done += 1;
    }
    (client, done)
}

impl Client {
    /// A text field of an answer; its absence is an error too.
    fn text(&mut self, value: &Value, key: &str) -> Option<String> {
        let text = value[key].as_str().map(str::to_owned);
        if text.is_none() {
            self.errors.push(format!("no {key} in {value}"));
        }
        text
    }

    /// A check of an answer; failing it is an error.
    fn check(&mut self, holds: bool, what: &str, value: &Value) -> Option<()> {
        if !holds {
            self.errors.push(format!("{what}: {value}"));
        }
        holds.then_some(())
    }
}

async fn journey(c: &mut Client) -> Option<()> {
    let user = c
        .call(
            Method::POST,
            "/api/v1/users/",
            Some(json!({})),
            StatusCode::CREATED,
        )
        .await?;
    let user = c.text(&user, "id")?;
    let billing = json!({"line1": "Karl-Marx-Allee 1", "postal_code": "10243", "city": "Berlin",
        "country": "de", "first_name": "Load", "last_name": "Test", "account_type": "personal"});
    let path = format!("/api/v1/users/{user}/billing-details/");
    c.call(Method::PUT, &path, Some(billing), StatusCode::OK)
        .await?;
    let path = format!("/api/v1/users/{user}/setup-intents/?pm_type=card");
    let intent = c.call(Method::GET, &path, None, StatusCode::OK).await?;
    let secret = c.text(&intent, "setup_intent_client_secret")?;
    let path = format!("/_sandbox/setup-intents/{secret}/confirm");
    let card = json!({"card_number": "4242424242424242"});
    let method = c
        .call(Method::POST, &path, Some(card), StatusCode::CREATED)
        .await?;
    let method = c.text(&method, "payment_method_id")?;
    let path = format!("/api/v1/users/{user}/payment-methods/");
    c.call(Method::GET, &path, None, StatusCode::OK).await?;
    let path = format!("/api/v1/stations/details/?id={WORMS}&type=evse_id");
    c.call(Method::GET, &path, None, StatusCode::OK).await?;
    let path = format!("/api/v1/users/{user}/charging/start/");
    let start = json!({"evse_id": WORMS, "payment_method_id": method});
    let session = c
        .call(Method::POST, &path, Some(start), StatusCode::CREATED)
        .await?;
    let session = c.text(&session, "id")?;
    let session_path = format!("/api/v1/users/{user}/charging-sessions/{session}/");
    for _ in 0..3 {
        c.call(
            Method::POST,
            "/_sandbox/clock/advance",
            Some(json!({"seconds": 600})),
            StatusCode::OK,
        )
        .await?;
        c.call(Method::GET, &session_path, None, StatusCode::OK)
            .await?;
    }
    let path = format!("/api/v1/users/{user}/charging/stop/{session}/");
    c.call(Method::POST, &path, None, StatusCode::NO_CONTENT)
        .await?;
    let path = format!("/_sandbox/sessions/{session}/cdr");
    c.call(Method::POST, &path, None, StatusCode::NO_CONTENT)
        .await?;
    let billed = c
        .call(Method::GET, &session_path, None, StatusCode::OK)
        .await?;
    let billed_ok = !billed["session_cost"].is_null();
    c.check(billed_ok, "no session_cost after the CDR", &billed)?;
    let path = format!("/api/v1/users/{user}/invoices/");
    let invoices = c.call(Method::GET, &path, None, StatusCode::OK).await?;
    let invoiced = invoices["count"].as_u64().is_some_and(|count| count >= 1);
    c.check(invoiced, "no invoice after the CDR", &invoices)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The process's resident set, in KiB (Linux; 0 elsewhere).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

fn billing() -> BillingDetails {
    BillingDetails::personal("Load", "Test").address("Karl-Marx-Allee 1", "10243", "Berlin", "de")
}

/// Memory per tenant and per session, in process.
fn memory() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let clock = Arc::new(ManualClock::new(fixtures::start_instant()));
        let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock.clone(), fixtures::stations());
        let before = rss_kib();
        for n in 0..MEMORY_TENANTS {
            let api = sandbox.connect(&format!("memory-{n}")).unwrap();
            let user = api.create_user(NewUser::default()).await.unwrap();
            api.replace_billing_details(&user.id, billing()).await.unwrap();
            let intent = api.setup_intent(&user.id, SetupKind::Card).await.unwrap();
            api.confirm_setup_intent(&intent.client_secret, "4242424242424242").unwrap();
        }
        let tenants = rss_kib();
        let api = sandbox.connect("memory-sessions").unwrap();
        let user = api.create_user(NewUser::default()).await.unwrap();
        api.replace_billing_details(&user.id, billing()).await.unwrap();
        let intent = api.setup_intent(&user.id, SetupKind::Card).await.unwrap();
        let card = api.confirm_setup_intent(&intent.client_secret, "4242424242424242").unwrap();
        for _ in 0..MEMORY_SESSIONS {
            let session = api
                .start_charging(&user.id, StartCharging::new(WORMS, card.id.clone()))
                .await
                .unwrap();
            clock.advance(Span::minutes(20));
            api.stop_charging(&user.id, &session.id).await.unwrap();
            api.deliver_cdr(&session.id).unwrap();
        }
        let sessions = rss_kib();
        println!("memory (resident set, in process, tenants in memory):");
        println!(
            "  {MEMORY_TENANTS} tenants (a user, billing details, a card each): {:.1} KiB per tenant",
            (tenants.saturating_sub(before)) as f64 / MEMORY_TENANTS as f64
        );
        println!(
            "  {MEMORY_SESSIONS} billed sessions with invoices: {:.1} KiB per session",
            (sessions.saturating_sub(tenants)) as f64 / MEMORY_SESSIONS as f64
        );
    });
}
