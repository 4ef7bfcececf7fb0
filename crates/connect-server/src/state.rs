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
    /// Moves only through [`advance`](Self::advance).
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
}

impl AppState {
    /// State over a sandbox: each tenant's clock is the sandbox's (see
    /// `SandboxConfig::clock`), and the control API moves only the caller's.
    pub fn new(sandbox: Sandbox) -> Self {
        Self {
            sandbox,
            faults: crate::faults::Faults::default(),
        }
    }
}
