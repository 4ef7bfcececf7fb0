//! Time, behind a trait: the real clock in production, a manual one in tests and the
//! sandbox, so that a charging session can progress by hours in no time at all.

use chrono::{DateTime, Utc};

/// A source of the current instant.
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> DateTime<Utc>;
}
