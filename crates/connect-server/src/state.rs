//! What every handler shares: the sandbox, and the clock an embedding program moves.

use std::sync::Arc;

use chrono::Duration;
use connect_fake::clock::{ManualClock, SystemClock};
use connect_fake::sandbox::Sandbox;
use connect_ports::Clock;

/// The time source an embedded sandbox runs on, which the embedding program (not a client)
/// may move: every tenant's clock runs over it.
#[derive(Debug, Clone)]
pub enum ControlClock {
    /// Moves only when the embedding program advances it (`EmbeddedSandbox::advance`).
    Manual(Arc<ManualClock>),
    /// Real time, optionally faster, and advanced by hand on top.
    System(Arc<SystemClock>),
}

impl ControlClock {
    /// The clock as the sandbox reads it.
    pub fn as_clock(&self) -> Arc<dyn Clock> {
        match self {
            Self::Manual(clock) => clock.clone(),
            Self::System(clock) => clock.clone(),
        }
    }

    pub(crate) fn advance(&self, by: Duration) {
        match self {
            Self::Manual(clock) => clock.advance(by),
            Self::System(clock) => clock.advance(by),
        }
    }
}

/// The server's shared state.
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) sandbox: Sandbox,
    pub(crate) faults: crate::faults::Faults,
    /// Where clients reach the server: pagination links start with it, never with the
    /// request's `Host` header (a client must not be able to put its text into links).
    pub(crate) public_url: Option<Arc<str>>,
}

impl AppState {
    /// State over a sandbox: each tenant's clock is the sandbox's (see
    /// `SandboxConfig::clock`), and the control API moves only the caller's.
    pub fn new(sandbox: Sandbox) -> Self {
        Self {
            sandbox,
            faults: crate::faults::Faults::default(),
            public_url: None,
        }
    }

    /// Forgets idle tenants now (see `SandboxConfig::idle_tenant_eviction`), answering how
    /// many.
    pub fn evict_idle_tenants(&self) -> usize {
        self.sandbox.evict_idle_tenants()
    }

    /// The URL clients reach the server at (`http://host:port`, no path): pagination links
    /// start with it. [`serve`](crate::serve) uses the listening address if none is set;
    /// a router served otherwise without one starts links with `http://localhost`.
    #[must_use]
    pub fn with_public_url(mut self, url: impl AsRef<str>) -> Self {
        self.public_url = Some(Arc::from(url.as_ref().trim_end_matches('/')));
        self
    }
}
