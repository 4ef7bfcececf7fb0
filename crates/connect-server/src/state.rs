//! What every handler shares: the sandbox and the clock the control API moves.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use connect_fake::clock::{ManualClock, SystemClock};
use connect_fake::sandbox::Sandbox;
use connect_ports::Clock;

/// The clock a served sandbox runs on.
#[derive(Debug, Clone)]
pub enum ControlClock {
    /// Moves only through `POST /_sandbox/clock/advance`.
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

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.as_clock().now()
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
    pub(crate) clock: ControlClock,
    pub(crate) faults: crate::faults::Faults,
}

impl AppState {
    /// State over a sandbox built on `clock` (the same clock the sandbox reads).
    pub fn new(sandbox: Sandbox, clock: ControlClock) -> Self {
        Self {
            sandbox,
            clock,
            faults: crate::faults::Faults::default(),
        }
    }
}
