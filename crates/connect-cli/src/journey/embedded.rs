//! The embedded sandbox: the bundled stations served on a loopback port of this process,
//! with a clock that runs fast so that a charge takes seconds.

use std::sync::Arc;

use connect_fake::clock::SystemClock;
use connect_fake::sandbox::{Connection, Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_http::{ApiToken, Environment};
use connect_ports::Clock;
use connect_server::{AppState, ControlClock};

/// Any non-empty token is a tenant of the sandbox; the journey has its own.
const TOKEN: &str = "connect-journey";

/// A sandbox serving in the background of this process.
pub(super) struct Embedded {
    sandbox: Sandbox,
    base_url: String,
    token: ApiToken,
}

/// Starts the sandbox on `127.0.0.1` (a free port), on the current runtime.
pub(super) async fn start(seed: u64, speed: u32) -> Result<Embedded, String> {
    let token = ApiToken::new(TOKEN).map_err(|error| format!("token: {error}"))?;
    let stations = StationDirectory::bundled(seed)
        .map_err(|error| format!("the bundled stations do not load: {error}"))?;
    let clock = Arc::new(SystemClock::new(speed));
    let config = SandboxConfig {
        seed,
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::with_stations(config, clock.clone(), Arc::new(stations));
    let state = AppState::new(sandbox.clone(), ControlClock::System(clock));
    let base_url = connect_server::spawn_on_loopback(state)
        .await
        .map_err(|error| format!("cannot listen on loopback: {error}"))?;
    Ok(Embedded {
        sandbox,
        base_url,
        token,
    })
}

impl Embedded {
    /// The journey's token.
    pub(super) fn token(&self) -> ApiToken {
        self.token.clone()
    }

    /// Where the client finds the sandbox.
    pub(super) fn environment(&self) -> Result<Environment, String> {
        Environment::custom(self.base_url.as_str())
            .map_err(|error| format!("sandbox address: {error}"))
    }

    /// The journey's tenant, in process: the "frontend" confirms Stripe intents with it.
    pub(super) fn connection(&self) -> Result<Connection, String> {
        self.sandbox
            .connect(TOKEN)
            .map_err(|error| format!("sandbox: {error}"))
    }

    /// The sandbox's clock (the estimate starts at the sandbox's now).
    pub(super) fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(self.sandbox.clock())
    }
}
