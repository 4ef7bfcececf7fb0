//! The playground the examples run in: an embedded sandbox served on a loopback port, a
//! [`ConnectClient`] pointed at it, and the sandbox's stand-in for the partner's frontend
//! (which confirms Stripe intents with test cards).
//!
//! In a partner's code only the client remains: built with
//! `ConnectClient::new(ApiToken::from_env()?, Environment::Development)`, and the frontend
//! is the partner's app confirming the client secrets with Stripe.
//!
//! Run an example with `cargo run -p connect-examples --example start_and_watch`.

use std::sync::Arc;
use std::time::Duration;

use connect_fake::clock::SystemClock;
use connect_fake::sandbox::{Connection, Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_http::{ApiToken, ConnectClient, Environment, PollPolicy};
use connect_server::{AppState, ControlClock};

/// How much faster than real time the playground's clock runs: an hour of charging takes
/// 3.6 seconds.
pub const SPEED: u32 = 1000;

/// A sandbox serving on loopback, and a client for it.
pub struct Playground {
    /// The client, exactly as against the real API.
    pub client: ConnectClient,
    /// Plays the partner's frontend: confirms setup intents and payment intents.
    pub frontend: Connection,
}

/// Why the playground did not start.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

impl Playground {
    /// Starts a sandbox with the bundled stations on `127.0.0.1` (a free port) on the current
    /// tokio runtime.
    ///
    /// # Errors
    /// If the stations do not load or no loopback port can be bound.
    ///
    /// # Examples
    /// ```no_run
    /// # async fn run() -> Result<(), connect_examples::Error> {
    /// let playground = connect_examples::Playground::start().await?;
    /// println!("{}", playground.client.base_url());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start() -> Result<Self, Error> {
        const TOKEN: &str = "connect-examples";
        let clock = Arc::new(SystemClock::new(SPEED));
        let stations = Arc::new(StationDirectory::bundled(0)?);
        let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock.clone(), stations);
        let state = AppState::new(sandbox.clone(), ControlClock::System(clock));
        let base_url = connect_server::spawn_on_loopback(state).await?;
        let client = ConnectClient::builder(ApiToken::new(TOKEN)?, Environment::custom(base_url)?)
            // The clock runs fast: poll often.
            .poll(PollPolicy {
                min_interval: Duration::from_millis(50),
                max_interval: Duration::from_millis(200),
            })
            .build()?;
        let frontend = sandbox.connect(TOKEN)?;
        Ok(Self { client, frontend })
    }
}
