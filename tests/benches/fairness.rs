//! Tenants do not wait for each other (`cargo xtask bench`, not CI): while one tenant holds
//! 50,000 users and lists them continuously (pages of 1000 from all over the list, from
//! two clients at once), another tenant's `GET /users/{id}/` is timed, and compared with
//! the same GETs on a quiet server in the same run. Target: the busy p99 under 10 ms.
//!
//! `cargo bench -p connect-tests --bench fairness`

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_precision_loss
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use connect_domain::account::NewUser;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{EvseList, Sandbox, SandboxConfig};
use connect_ports::Users;
use connect_server::AppState;

const BIG_TENANT_USERS: usize = 50_000;
const GETS: usize = 2_000;
const LISTERS: usize = 2;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    let sandbox = Sandbox::new(
        SandboxConfig::default(),
        clock,
        Arc::new(EvseList::default()),
    );
    let big = sandbox.connect("big").unwrap();
    for _ in 0..BIG_TENANT_USERS {
        big.create_user(NewUser::default()).await.unwrap();
    }
    let small = sandbox.connect("small").unwrap();
    let user = small.create_user(NewUser::default()).await.unwrap();
    let base = connect_server::spawn_on_loopback(AppState::new(sandbox))
        .await
        .unwrap();
    let client = connect_tests::http_client();
    let get_path = format!("{base}/api/v1/users/{}/", user.id);

    let quiet = time_gets(&client, &get_path).await;

    let stop = Arc::new(AtomicBool::new(false));
    let lists = Arc::new(AtomicU64::new(0));
    let mut listers = Vec::new();
    for lister in 0..LISTERS {
        let (client, base, stop, lists) =
            (client.clone(), base.clone(), stop.clone(), lists.clone());
        listers.push(tokio::spawn(async move {
            let pages = BIG_TENANT_USERS / 1000;
            let mut page = 1 + lister;
            let started = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                let answer = client
                    .get(format!("{base}/api/v1/users/?page_size=1000&page={page}"))
                    .bearer_auth("big")
                    .send()
                    .await
                    .unwrap();
                assert!(answer.status().is_success());
                answer.bytes().await.unwrap();
                lists.fetch_add(1, Ordering::Relaxed);
                page = page % pages + 1;
            }
            started.elapsed()
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let busy = time_gets(&client, &get_path).await;
    stop.store(true, Ordering::Relaxed);
    let mut listing = Duration::ZERO;
    for lister in listers {
        listing = listing.max(lister.await.unwrap());
    }
    let lists = lists.load(Ordering::Relaxed);

    println!(
        "fairness: {BIG_TENANT_USERS} users in tenant `big`, {LISTERS} clients listing pages of 1000"
    );
    println!(
        "  lists served meanwhile: {lists} ({:.1} ms a list)",
        listing.as_secs_f64() * 1000.0 * LISTERS as f64 / lists.max(1) as f64
    );
    report("quiet server ", &quiet);
    report("while listing", &busy);
    let p99 = percentile(&busy, 0.99);
    println!(
        "  p99 while listing: {:.2} ms (target < 10 ms: {})",
        p99.as_secs_f64() * 1000.0,
        if p99 < Duration::from_millis(10) {
            "met"
        } else {
            "NOT met"
        }
    );
}

async fn time_gets(client: &reqwest::Client, path: &str) -> Vec<Duration> {
    let mut times = Vec::with_capacity(GETS);
    for _ in 0..GETS {
        let started = Instant::now();
        let answer = client.get(path).bearer_auth("small").send().await.unwrap();
        assert!(answer.status().is_success());
        answer.bytes().await.unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    times
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn report(what: &str, sorted: &[Duration]) {
    println!(
        "  {what}: GET /users/{{id}}/ p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} requests)",
        percentile(sorted, 0.5).as_secs_f64() * 1000.0,
        percentile(sorted, 0.99).as_secs_f64() * 1000.0,
        sorted.last().unwrap().as_secs_f64() * 1000.0,
        sorted.len()
    );
}
