//! `connect playground`: every use case of the API in a browser, no code needed.
//!
//! One origin serves the single-page app (its assets compiled into the binary, see
//! [`assets`]), the helpers the page needs that our pricing engine computes (under
//! `/_playground/`, see [`engine`]) and the API itself: an embedded sandbox by default
//! (`/api/v1/…` and its control API `/_sandbox/…`), or with `--env development` the
//! development environment, reached through [`proxy`], which adds the token from
//! `CARIQA_API_TOKEN` on the server side so that it never reaches the browser.

mod assets;
mod clock;
mod engine;
mod proxy;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use clap::{Args, ValueEnum};
use connect_fake::clock::SystemClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_http::{ApiToken, Environment};
use connect_server::{AppState, ControlClock};
use serde::Serialize;

/// Where the page's API calls go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Target {
    /// An embedded sandbox with the bundled stations (no token needed)
    Sandbox,
    /// The development environment (dev.connect.cariqa.com), with the token from
    /// CARIQA_API_TOKEN added by this server
    Development,
}

#[derive(Debug, Args)]
pub(crate) struct PlaygroundArgs {
    /// Address to serve the page on (loopback by default; port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:8686")]
    addr: SocketAddr,
    /// Where the API calls go
    #[arg(long, value_enum, default_value_t = Target::Sandbox)]
    env: Target,
    /// Sandbox only: fixes every id and random choice
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Sandbox only: how many times faster than real time the sandbox's clock runs (the page
    /// can change it)
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=i64::from(clock::MAX_SPEED)))]
    speed: u32,
    /// Open the page in the default browser
    #[arg(long)]
    open: bool,
    /// Development only: the environment's base URL (for tests against a stand-in server)
    #[arg(long, hide = true)]
    development_url: Option<String>,
}

/// What the page learns about the server at start: which environment it talks to.
#[derive(Debug, Clone, Serialize)]
struct PageConfig {
    env: Target,
    /// The API's base URL the calls end up at (the page calls its own origin).
    upstream: String,
    /// Sandbox only: the clock's speed.
    speed: Option<u32>,
    version: &'static str,
}

/// Runs `connect playground`.
pub(crate) fn run(args: &PlaygroundArgs) -> ExitCode {
    let Some(runtime) = crate::runtime() else {
        return ExitCode::FAILURE;
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: &PlaygroundArgs) -> Result<(), String> {
    let app = app(args)?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", args.addr))?;
    let address = listener
        .local_addr()
        .map_err(|error| format!("cannot read the bound address: {error}"))?;
    let url = format!("http://{address}/");
    println!("Playground: {url}");
    match args.env {
        Target::Sandbox => println!("API: embedded sandbox (clock ×{})", args.speed),
        Target::Development => println!("API: development environment, through this server"),
    }
    if args.open {
        open_browser(&url);
    }
    axum::serve(listener, app)
        .await
        .map_err(|error| format!("serving: {error}"))
}

/// The whole app for `args`: page, helpers, and the API of the chosen environment.
fn app(args: &PlaygroundArgs) -> Result<Router, String> {
    match args.env {
        Target::Sandbox => {
            let stations = StationDirectory::bundled(args.seed)
                .map_err(|error| format!("the bundled stations do not load: {error}"))?;
            // Real time, moved ahead by the playground at the page's speed.
            let system = Arc::new(SystemClock::new(1));
            let speed = clock::drive(system.clone(), args.speed);
            let clock = ControlClock::System(system);
            let config = SandboxConfig {
                seed: args.seed,
                ..SandboxConfig::default()
            };
            let sandbox = Sandbox::with_stations(config, clock.as_clock(), Arc::new(stations));
            let page = PageConfig {
                env: Target::Sandbox,
                upstream: "embedded sandbox".to_owned(),
                speed: None,
                version: env!("CARGO_PKG_VERSION"),
            };
            Ok(pages(page, Some(speed.clone()))
                .merge(clock::router(speed))
                .merge(connect_server::router(AppState::new(sandbox))))
        }
        Target::Development => {
            let token = ApiToken::from_env().map_err(|error| {
                format!("{error} (export CARIQA_API_TOKEN with your development token)")
            })?;
            let base = args
                .development_url
                .clone()
                .unwrap_or_else(|| Environment::Development.base_url().to_owned());
            let upstream = proxy::Upstream::new(&base, &token)?;
            let page = PageConfig {
                env: Target::Development,
                upstream: upstream.base_url().to_owned(),
                speed: None,
                version: env!("CARGO_PKG_VERSION"),
            };
            Ok(pages(page, None).merge(proxy::router(upstream)))
        }
    }
}

/// The page, its assets and the engine's helpers; the config tells the clock's current
/// speed on the sandbox.
fn pages(config: PageConfig, speed: Option<clock::Speed>) -> Router {
    let config = Arc::new(config);
    Router::new()
        .route(
            "/_playground/config",
            get(move || {
                let mut config = (*config).clone();
                config.speed = speed.as_ref().map(clock::Speed::get);
                async move { axum::Json(config) }
            }),
        )
        .merge(engine::router())
        .merge(assets::router())
}

/// Asks the desktop to open `url`; says so when it cannot (the URL is printed anyway).
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser ({opener}: {error}); open {url} yourself");
    }
}
