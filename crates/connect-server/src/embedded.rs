//! The sandbox with the bundled stations, served on a loopback port of this process: what
//! `connect journey`, the examples, the testkit and the entry crate's quick start run on.

use chrono::{DateTime, Utc};
use connect_fake::clock::{ManualClock, SystemClock};
use connect_fake::sandbox::{Connection, Sandbox, SandboxConfig};
use connect_fake::stations::{DatasetError, StationDirectory};
use connect_ports::{ApiError, Clock};
use std::sync::Arc;

use crate::{AppState, ControlClock};

/// How the embedded sandbox's clock moves.
///
/// # Examples
/// ```
/// use connect_server::SandboxClock;
/// // An hour of charging in 3.6 seconds.
/// let fast = SandboxClock::Fast { speed: 1000 };
/// assert_ne!(fast, SandboxClock::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SandboxClock {
    /// Real time, `speed` times faster (1 is real time).
    Fast {
        /// How many sandbox seconds pass in one real second.
        speed: u32,
    },
    /// Stands still at `start` until advanced ([`EmbeddedSandbox::advance`]): for tests that
    /// must not depend on how fast the machine is.
    Manual {
        /// The instant the clock shows first.
        start: DateTime<Utc>,
    },
}

impl Default for SandboxClock {
    /// Real time, as the API runs.
    fn default() -> Self {
        Self::Fast { speed: 1 }
    }
}

/// What the embedded sandbox is built from: a seed (every id and random choice), and its
/// clock. The bundled stations (the German charging register, the documented example station
/// in Worms, the virtual charging points) are always there.
///
/// # Examples
/// ```
/// use connect_server::{EmbeddedOptions, SandboxClock};
/// let options = EmbeddedOptions::default().seed(7).clock(SandboxClock::Fast { speed: 600 });
/// assert_eq!(options.seed_value(), 7);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EmbeddedOptions {
    seed: u64,
    clock: SandboxClock,
    cdr_delay: Option<chrono::Duration>,
}

impl EmbeddedOptions {
    /// Fixes every id and random choice (seeded tariffs, ids, progress).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// How the clock moves.
    #[must_use]
    pub fn clock(mut self, clock: SandboxClock) -> Self {
        self.clock = clock;
        self
    }

    /// How long after a stop the charge detail record arrives (sandbox time); the sandbox's
    /// default otherwise.
    #[must_use]
    pub fn cdr_delay(mut self, delay: chrono::Duration) -> Self {
        self.cdr_delay = Some(delay);
        self
    }

    /// The seed these options fix.
    pub fn seed_value(&self) -> u64 {
        self.seed
    }
}

/// Why the embedded sandbox did not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedError {
    /// The bundled stations did not load.
    #[error("the bundled stations do not load")]
    Stations(#[source] DatasetError),
    /// No loopback port could be bound.
    #[error("cannot listen on loopback")]
    Listen(#[source] std::io::Error),
}

/// The sandbox served on `127.0.0.1` (a free port) in the background of the current tokio
/// runtime, for as long as the runtime lives.
///
/// A client reaches it at [`base_url`](Self::base_url) with any non-empty bearer token (each
/// token is its own tenant); [`connect`](Self::connect) is the same tenant in process, which
/// plays the partner's frontend (confirming Stripe intents with test cards) and the control
/// API.
///
/// # Examples
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use connect_server::{EmbeddedOptions, EmbeddedSandbox};
/// let sandbox = EmbeddedSandbox::start(EmbeddedOptions::default().seed(7)).await?;
/// assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct EmbeddedSandbox {
    sandbox: Sandbox,
    clock: ControlClock,
    base_url: String,
}

impl std::fmt::Debug for EmbeddedSandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedSandbox")
            .field("base_url", &self.base_url)
            .field("now", &self.now())
            .finish_non_exhaustive()
    }
}

impl EmbeddedSandbox {
    /// Loads the bundled stations and serves the sandbox on a free loopback port.
    ///
    /// # Errors
    /// [`EmbedError`]: the stations did not load, or no port could be bound.
    pub async fn start(options: EmbeddedOptions) -> Result<Self, EmbedError> {
        let stations = StationDirectory::bundled(options.seed).map_err(EmbedError::Stations)?;
        let clock = match options.clock {
            SandboxClock::Fast { speed } => ControlClock::System(Arc::new(SystemClock::new(speed))),
            SandboxClock::Manual { start } => {
                ControlClock::Manual(Arc::new(ManualClock::new(start)))
            }
        };
        let mut config = SandboxConfig {
            seed: options.seed,
            ..SandboxConfig::default()
        };
        if let Some(delay) = options.cdr_delay {
            config.cdr_delay = delay;
        }
        let sandbox = Sandbox::with_stations(config, clock.as_clock(), Arc::new(stations));
        let state = AppState::new(sandbox.clone());
        let base_url = crate::spawn_on_loopback(state)
            .await
            .map_err(EmbedError::Listen)?;
        Ok(Self {
            sandbox,
            clock,
            base_url,
        })
    }

    /// Where a client finds the sandbox: `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The tenant of `token` in process: the same records a client with that token sees
    /// over HTTP, with the control operations (confirm intents, occupy EVSEs, deliver CDRs).
    ///
    /// # Errors
    /// An empty token.
    pub fn connect(&self, token: &str) -> Result<Connection, ApiError> {
        self.sandbox.connect(token)
    }

    /// The sandbox in process.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// The sandbox's current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.as_clock().now()
    }

    /// The clock the sandbox reads.
    pub fn clock(&self) -> Arc<dyn Clock> {
        self.clock.as_clock()
    }

    /// Moves the sandbox's clock forward by `by` (on top of real time for a fast clock).
    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }
}
