//! The contract suite against `connect-http`, talking to the served sandbox with its tenants
//! in SQLite (`connect sandbox serve --data DIR`). Before every request the server unloads
//! every idle tenant, so each answer comes from a tenant read back from the database: what
//! the suite checks is what survives a restart.

#![allow(clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::store::sqlite::Database;
use connect_http::ConnectClient;
use connect_server::AppState;
use connect_tests::contract::http::{HttpControl, client};
use connect_tests::contract::{Harness, Tenant, World, fixtures};

/// The suite over a served, database-backed sandbox: a fresh database per test.
#[derive(Debug)]
pub struct DurableHarness;

/// A fresh directory under cargo's scratch space for each world of this run.
fn data_dir() -> std::path::PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("contract-durable-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

async fn serve() -> String {
    let clock = Arc::new(ManualClock::new(fixtures::start_instant()));
    let config = SandboxConfig {
        idle_tenant_eviction: Some(std::time::Duration::ZERO),
        ..SandboxConfig::default()
    };
    let database = Database::open(&data_dir()).unwrap_or_else(|error| panic!("open: {error}"));
    let sandbox =
        Sandbox::with_stations(config, clock, fixtures::stations()).with_store(Arc::new(database));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|error| panic!("bind: {error}"));
    let base = format!(
        "http://{}",
        listener
            .local_addr()
            .unwrap_or_else(|error| panic!("address: {error}"))
    );
    let state = AppState::new(sandbox).with_public_url(&base);
    let evicting = state.clone();
    let app = connect_server::router(state).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            // Unloaded between requests: the next one reads its tenant from the database.
            evicting.evict_idle_tenants();
            next.run(request)
        },
    ));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

#[async_trait]
impl Harness for DurableHarness {
    type Api = ConnectClient;
    type Control = HttpControl;

    async fn world() -> World<ConnectClient, HttpControl> {
        let base = serve().await;
        let tenant = |token: &str| Tenant {
            api: client(&base, token),
            control: HttpControl::new(base.clone(), token),
        };
        World {
            me: tenant("contract-me"),
            other: tenant("contract-other"),
        }
    }
}

connect_tests::contract_suite!(DurableHarness);
