//! The embedded sandbox (`connect_server::EmbeddedSandbox`): the bundled stations served on a
//! loopback port of this process, with a clock that runs fast so that a charge takes seconds.

use std::sync::Arc;

use connect_fake::sandbox::Connection;
use connect_http::{ApiToken, Environment};
use connect_ports::Clock;
use connect_server::{EmbeddedOptions, EmbeddedSandbox, SandboxClock};

/// Any non-empty token is a tenant of the sandbox; the journey has its own.
const TOKEN: &str = "connect-journey";

/// A sandbox serving in the background of this process, and the journey's token for it.
pub(super) struct Embedded {
    sandbox: EmbeddedSandbox,
    token: ApiToken,
}

/// Starts the sandbox on `127.0.0.1` (a free port), on the current runtime.
pub(super) async fn start(
    seed: u64,
    speed: u32,
    clock_step: Option<u32>,
) -> Result<Embedded, String> {
    let token = ApiToken::new(TOKEN).map_err(|error| format!("token: {error}"))?;
    let clock = match clock_step {
        // Stands still until the journey steps it.
        Some(_) => SandboxClock::Manual {
            start: chrono::Utc::now(),
        },
        None => SandboxClock::Fast { speed },
    };
    let options = EmbeddedOptions::default().seed(seed).clock(clock);
    let sandbox = EmbeddedSandbox::start(options)
        .await
        .map_err(|error| error_chain(&error))?;
    Ok(Embedded { sandbox, token })
}

/// An error with its sources, one after the other: "the bundled stations do not load: …".
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl Embedded {
    /// The journey's token.
    pub(super) fn token(&self) -> ApiToken {
        self.token.clone()
    }

    /// Where the client finds the sandbox.
    pub(super) fn environment(&self) -> Result<Environment, String> {
        Environment::custom(self.sandbox.base_url())
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
        self.sandbox.clock()
    }

    /// Moves the sandbox's clock `seconds` forward each time it is called.
    pub(super) fn step(&self, seconds: u32) -> super::stepped::Step {
        let sandbox = self.sandbox.clone();
        Arc::new(move || sandbox.advance(chrono::Duration::seconds(i64::from(seconds))))
    }
}
