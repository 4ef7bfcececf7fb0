//! Server throughput on loopback: station details through the whole sandbox (auth, query,
//! tenant, directory, wire conversion, JSON) against a bare axum handler that returns the
//! same bytes. Target: the sandbox serves at least 0.8x the bare handler's rate. The two
//! are measured in alternating rounds (bare, sandbox, bare, …) and the ratio is that of the
//! totals, so that a neighbour's load on a shared machine weighs on both alike.
//!
//! `cargo bench -p connect-server --bench throughput` (prints requests per second and the
//! ratio; criterion is not used because the work is a whole HTTP exchange under load).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_server::AppState;

const PATH: &str = "/api/v1/stations/details/?id=DE*CIQ*EELDF6XWZU41P*2&type=evse_id";
const CONCURRENCY: usize = 16;
const ROUND: Duration = Duration::from_secs(2);
const ROUNDS: usize = 4;

async fn listen(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

/// Requests answered in `ROUND`, and the time taken, with `CONCURRENCY` keep-alive clients.
async fn throughput(client: &reqwest::Client, url: &str) -> (u64, Duration) {
    let url = url.to_owned();
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + ROUND;
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (client, url, done) = (client.clone(), url.clone(), done.clone());
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    let response = client.get(&url).bearer_auth("bench").send().await.unwrap();
                    assert!(response.status().is_success());
                    response.bytes().await.unwrap();
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let started = Instant::now();
    for worker in workers {
        worker.await.unwrap();
    }
    (done.load(Ordering::Relaxed), started.elapsed())
}

/// Requests per second over alternating rounds: (bare, sandbox).
async fn alternating(bare: &str, sandbox: &str) -> (f64, f64) {
    let client = reqwest::Client::new();
    let (mut bare_done, mut bare_time) = (0, Duration::ZERO);
    let (mut sandbox_done, mut sandbox_time) = (0, Duration::ZERO);
    for _ in 0..ROUNDS {
        let (done, time) = throughput(&client, bare).await;
        bare_done += done;
        bare_time += time;
        let (done, time) = throughput(&client, sandbox).await;
        sandbox_done += done;
        sandbox_time += time;
    }
    #[allow(clippy::cast_precision_loss)]
    let rate = |done: u64, time: Duration| done as f64 / time.as_secs_f64();
    (rate(bare_done, bare_time), rate(sandbox_done, sandbox_time))
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
        let stations = Arc::new(StationDirectory::bundled(7).unwrap());
        let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock, stations);
        let served = listen(connect_server::router(AppState::new(sandbox))).await;

        // The bare handler answers with exactly the bytes the sandbox answers.
        let body = reqwest::Client::new()
            .get(format!("{served}{PATH}"))
            .bearer_auth("bench")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let bytes = body.clone();
        let bare = listen(Router::new().route(
            "/api/v1/stations/details/",
            get(move || {
                let bytes = bytes.clone();
                async move { ([(CONTENT_TYPE, "application/json")], bytes) }
            }),
        ))
        .await;

        let (bare_rate, sandbox_rate) =
            alternating(&format!("{bare}{PATH}"), &format!("{served}{PATH}")).await;
        println!(
            "station details, {} bytes, {CONCURRENCY} clients, {ROUNDS} alternating rounds of {ROUND:?}:",
            body.len()
        );
        println!("  bare axum handler: {bare_rate:>9.0} requests/s");
        println!("  sandbox:           {sandbox_rate:>9.0} requests/s");
        println!(
            "  ratio:             {:>9.2} (target >= 0.8)",
            sandbox_rate / bare_rate
        );
    });
}
